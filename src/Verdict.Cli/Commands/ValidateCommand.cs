using Cedar.Ast;
using Cedar.Parsing;
using Cedar.Schema;
using Cedar.Validation;

namespace Verdict.Cli.Commands;

/// <summary>
/// <c>verdict cedar validate --policies FILE --schema FILE [--schema-format cedar|json]</c>: strict validation.
/// Exit 0 when valid (warnings are printed), 1 when a policy or the schema is rejected.
/// </summary>
internal static class ValidateCommand
{
    public static int Run(string[] args)
    {
        var options = new Options(args, ["--policies", "--schema", "--schema-format"]);
        var policiesPath = options.Require("--policies");
        var schemaPath = options.Require("--schema");
        var format = options.Get("--schema-format") ?? (schemaPath.EndsWith(".json", StringComparison.OrdinalIgnoreCase) ? "json" : "cedar");
        if (format is not ("cedar" or "json"))
        {
            throw new UsageException("--schema-format takes `cedar` or `json`");
        }

        if (Read(policiesPath) is not { } policiesText || Read(schemaPath) is not { } schemaText)
        {
            return CommandLine.InputRejected;
        }

        var schema = format == "cedar" ? CedarSchema.ParseCedar(schemaText) : CedarSchema.ParseJson(schemaText);
        if (!schema.Success)
        {
            foreach (var error in schema.Errors)
            {
                Console.Error.WriteLine(schemaPath + ":" + error.Format(schemaText));
            }

            return CommandLine.InputRejected;
        }

        var policies = PolicyParser.ParsePolicySet(policiesText);
        if (!policies.Success)
        {
            foreach (var error in policies.Errors)
            {
                Console.Error.WriteLine(policiesPath + ":" + error.Format(policiesText));
            }

            return CommandLine.InputRejected;
        }

        var result = Validator.Validate(policies.Value!, schema.Value!.Resolved);
        foreach (var w in result.Warnings)
        {
            Console.Error.WriteLine($"{policiesPath}:{LineColumn.Of(policiesText, w.Span.Start)}: warning: [{w.PolicyId}] {w.Message}");
        }

        foreach (var e in result.Errors)
        {
            Console.Error.WriteLine($"{policiesPath}:{LineColumn.Of(policiesText, e.Span.Start)}: error: [{e.PolicyId}] {e.Message}");
        }

        if (!result.IsValid)
        {
            return CommandLine.InputRejected;
        }

        Console.WriteLine($"valid: {policies.Value!.Count} {(policies.Value!.Count == 1 ? "policy" : "policies")}");
        return CommandLine.Ok;
    }

    private static string? Read(string path)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Console.Error.WriteLine($"{path}: cannot read: {e.Message}");
            return null;
        }
    }
}
