using System.Text.Json;
using Cedar.Schema;
using Verdict.Protocol;
using Verdict.VerifiedPermissions.Common;

namespace Verdict.VerifiedPermissions.Schemas;

/// <summary>A schema read from PutSchema's <c>cedarJson</c>: its namespaces and, when available, its resolved form.</summary>
/// <param name="Resolved">The resolved schema for schema-based parsing and strict validation; null when this build has no
/// Cedar schema parser.</param>
public sealed record CompiledSchema(IReadOnlyList<string> Namespaces, ValidatorSchema? Resolved);

/// <summary>
/// Reads Cedar JSON schemas. The Cedar schema parser is not in this build yet: the JSON structure is checked (an
/// object of namespaces, each with <c>entityTypes</c> and <c>actions</c> objects) and the namespaces are read, but
/// <see cref="CompiledSchema.Resolved"/> stays null, so strict validation and schema-based entity parsing are off.
/// </summary>
public static class SchemaCompiler
{
    public static AwsError? TryCompile(string json, out CompiledSchema schema)
    {
        schema = null!;
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = 128 });
        }
        catch (JsonException e)
        {
            return Invalid("The schema is not valid JSON: " + e.Message);
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return Invalid("The schema must be a JSON object whose members are namespaces.");
            }

            var namespaces = new List<string>();
            foreach (var ns in document.RootElement.EnumerateObject())
            {
                if (ns.Value.ValueKind != JsonValueKind.Object
                    || !ns.Value.TryGetProperty("entityTypes", out var entityTypes) || entityTypes.ValueKind != JsonValueKind.Object
                    || !ns.Value.TryGetProperty("actions", out var actions) || actions.ValueKind != JsonValueKind.Object)
                {
                    return Invalid($"The namespace '{ns.Name}' must be an object with 'entityTypes' and 'actions' objects.");
                }

                namespaces.Add(ns.Name);
            }

            schema = new CompiledSchema(namespaces, null);
            return null;
        }
    }

    private static AwsError Invalid(string message) => VerifiedPermissionsErrors.InvalidField("definition.cedarJson", message);
}
