using System.Text.Encodings.Web;
using System.Text.Json;
using Cedar.Ast;
using Cedar.Authorization;
using Cedar.Entities;
using Cedar.Json;
using Cedar.Parsing;
using Cedar.Schema;
using Cedar.Values;

namespace Verdict.Cli.Commands;

/// <summary>
/// <c>verdict cedar authorize --policies FILE --entities FILE [--schema FILE] --request-json FILE</c>: answers each
/// request of the request file (one object or an array) with one JSON line. Every input is read and checked before
/// anything is printed, so a rejected input leaves stdout empty.
/// </summary>
internal static class AuthorizeCommand
{
    private static readonly JsonWriterOptions s_writerOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static int Run(string[] args)
    {
        var options = new Options(args, ["--policies", "--entities", "--schema", "--request-json"]);
        if (options.Positional.Count > 0)
        {
            throw new UsageException("unexpected argument " + options.Positional[0]);
        }

        var policiesPath = options.Require("--policies");
        var entitiesPath = options.Require("--entities");
        var requestsPath = options.Require("--request-json");
        var schemaPath = options.Get("--schema");

        var errors = new List<string>();
        var policiesText = ReadFile(policiesPath, errors);
        var entitiesText = ReadFile(entitiesPath, errors);
        var requestsText = ReadFile(requestsPath, errors);
        var schemaText = schemaPath is null ? null : ReadFile(schemaPath, errors);
        if (errors.Count > 0)
        {
            return Reject(errors);
        }

        ValidatorSchema? schema = null;
        if (schemaPath is not null)
        {
            var parsedSchema = SchemaLoader.Load(schemaText!);
            if (!parsedSchema.Success)
            {
                Collect(errors, schemaPath, schemaText!, parsedSchema.Errors);
                return Reject(errors);
            }

            schema = parsedSchema.Value;
        }

        CompiledPolicySet? policies = null;
        var parsedPolicies = PolicyParser.ParsePolicySet(policiesText!);
        if (!parsedPolicies.Success)
        {
            Collect(errors, policiesPath, policiesText!, parsedPolicies.Errors);
        }
        else
        {
            var set = PolicySet.Create(parsedPolicies.Value!);
            if (set.Success)
            {
                policies = CompiledPolicySet.Compile(set.Value!);
            }
            else
            {
                Collect(errors, policiesPath, policiesText!, set.Errors);
            }
        }

        var entities = EntityJson.ParseEntities(entitiesText!, schema);
        if (!entities.Success)
        {
            Collect(errors, entitiesPath, entitiesText!, entities.Errors);
        }

        var requests = ReadRequests(requestsPath, requestsText!, schema, errors);
        if (errors.Count > 0)
        {
            return Reject(errors);
        }

        using var stdout = Console.OpenStandardOutput();
        foreach (var request in requests)
        {
            var response = Authorizer.IsAuthorized(request, policies!, entities.Value!);
            WriteResponse(stdout, response);
        }

        return CommandLine.Ok;
    }

    private static List<Request> ReadRequests(string path, string text, ValidatorSchema? schema, List<string> errors)
    {
        var requests = new List<Request>();
        if (!SpannedJsonParser.TryParse(text, out var root, out var jsonError, out var span))
        {
            errors.Add(Located(path, text, span, "invalid JSON: " + jsonError));
            return requests;
        }

        var items = root!.Kind == SpannedJsonKind.Array ? root.Items : [root];
        foreach (var item in items)
        {
            if (item.Kind != SpannedJsonKind.Object)
            {
                errors.Add(Located(path, text, item.Span, "a request must be a JSON object, found " + item.Describe()));
                continue;
            }

            var principal = ReadUid(path, text, item, "principal", errors);
            var action = ReadUid(path, text, item, "action", errors);
            var resource = ReadUid(path, text, item, "resource", errors);
            if (principal is null || action is null || resource is null)
            {
                continue;
            }

            RecordValue context = RecordValue.Empty;
            if (item.Get("context") is { } contextJson)
            {
                var parsedContext = EntityJson.ParseContext(contextJson, schema, action);
                if (!parsedContext.Success)
                {
                    Collect(errors, path, text, parsedContext.Errors);
                    continue;
                }

                context = parsedContext.Value!;
            }
            else if (schema is not null && !schema.Actions.ContainsKey(action))
            {
                errors.Add(Located(path, text, item.Span, "action `" + action + "` does not exist in the supplied schema"));
                continue;
            }

            var request = new Request(principal, action, resource, context);
            if (schema is not null)
            {
                foreach (var problem in RequestValidator.Validate(request, schema))
                {
                    errors.Add(Located(path, text, item.Span, problem));
                }
            }

            requests.Add(request);
        }

        return requests;
    }

    private static EntityUid? ReadUid(string path, string text, SpannedJson request, string field, List<string> errors)
    {
        var json = request.Get(field);
        if (json is null)
        {
            errors.Add(Located(path, text, request.Span, "the request has no `" + field + "`"));
            return null;
        }

        if (json.Kind == SpannedJsonKind.String)
        {
            var parsed = PolicyParser.ParseEntityUid(json.Text!);
            if (parsed.Success)
            {
                return parsed.Value;
            }

            errors.Add(Located(path, text, json.Span, "invalid " + field + " `" + json.Text + "`: " + parsed.Errors[0].Message));
            return null;
        }

        if (EntityJson.TryParseEntityUid(json, out var uid, out var error))
        {
            return uid;
        }

        errors.Add(Located(path, text, json.Span, "invalid " + field + ": " + error));
        return null;
    }

    private static void WriteResponse(Stream stdout, Response response)
    {
        using (var w = new Utf8JsonWriter(stdout, s_writerOptions))
        {
            w.WriteStartObject();
            w.WriteString("decision", response.Decision == Decision.Allow ? "ALLOW" : "DENY");
            w.WriteStartArray("determiningPolicies");
            foreach (var id in response.DeterminingPolicies)
            {
                w.WriteStartObject();
                w.WriteString("policyId", id);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteStartArray("errors");
            foreach (var e in response.Errors)
            {
                w.WriteStartObject();
                w.WriteString("policyId", e.PolicyId);
                w.WriteString("errorDescription", e.Message);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        stdout.WriteByte((byte)'\n');
    }

    private static string? ReadFile(string path, List<string> errors)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            errors.Add(path + ": cannot read: " + e.Message);
            return null;
        }
    }

    private static void Collect(List<string> errors, string path, string text, IEnumerable<ParseError> parseErrors)
    {
        foreach (var e in parseErrors)
        {
            errors.Add(path + ":" + e.Format(text));
        }
    }

    private static string Located(string path, string text, SourceSpan span, string message) =>
        path + ":" + LineColumn.Of(text, span.Start) + ": " + message;

    private static int Reject(List<string> errors)
    {
        foreach (var e in errors)
        {
            Console.Error.WriteLine(e);
        }

        return CommandLine.InputRejected;
    }
}
