using Cedar.Ast;
using Cedar.Parsing;
using Cedar.Schema;
using Cedar.Validation;

namespace Verdict.Cli.Commands;

/// <summary>
/// <c>verdict cedar validate --policies FILE --schema FILE [--schema-format cedar|json] [--invalid-action-application-is-error]</c>:
/// strict validation as cedar-wasm 4.13 does it. Exit 0 when valid (warnings on stderr), 1 when not, each finding as
/// <c>FILE:line:col: [policyId] message</c>.
/// </summary>
internal static class ValidateCommand
{
    public static int Run(string[] args)
    {
        var options = new Options(args, ["--policies", "--schema", "--schema-format"], ["--invalid-action-application-is-error"]);
        var policyPath = options.Require("--policies");
        var schemaPath = options.Require("--schema");
        var format = options.Get("--schema-format");
        if (format is not (null or "cedar" or "json"))
        {
            throw new UsageException("--schema-format takes `cedar` or `json`");
        }

        if (options.Positional.Count > 0)
        {
            throw new UsageException("unexpected argument " + options.Positional[0]);
        }

        if (Read(policyPath) is not { } policyText || Read(schemaPath) is not { } schemaText)
        {
            return CommandLine.InputRejected;
        }

        format ??= schemaPath.EndsWith(".json", StringComparison.OrdinalIgnoreCase) || schemaText.TrimStart().StartsWith('{') ? "json" : "cedar";
        var schema = format == "json" ? CedarSchema.ParseJson(schemaText) : CedarSchema.ParseCedar(schemaText);
        var policies = PolicyParser.ParsePolicySet(policyText);
        foreach (var error in schema.Errors)
        {
            Console.Error.WriteLine(schemaPath + ":" + error.Format(schemaText));
        }

        foreach (var error in policies.Errors)
        {
            Console.Error.WriteLine(policyPath + ":" + error.Format(policyText));
        }

        if (!schema.Success || !policies.Success)
        {
            return CommandLine.InputRejected;
        }

        var result = Validator.Validate(
            policies.Value!,
            schema.Value!.Resolved,
            new ValidationOptions(InvalidActionApplicationIsError: options.Has("--invalid-action-application-is-error")));
        foreach (var error in result.Errors)
        {
            Console.Error.WriteLine(Format(policyPath, policyText, error, null));
        }

        foreach (var warning in result.Warnings)
        {
            Console.Error.WriteLine(Format(policyPath, policyText, warning, "warning"));
        }

        if (!result.IsValid)
        {
            return CommandLine.InputRejected;
        }

        var count = policies.Value!.Count;
        Console.WriteLine($"ok: {count} {(count == 1 ? "policy" : "policies")} valid, {result.Warnings.Count} {(result.Warnings.Count == 1 ? "warning" : "warnings")}");
        return CommandLine.Ok;
    }

    private static string Format(string path, string text, ValidationIssue issue, string? label) =>
        $"{path}:{LineColumn.Of(text, issue.Span.Start)}: [{issue.PolicyId}] {(label is null ? "" : label + ": ")}{issue.Message}";

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
