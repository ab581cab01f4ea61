using Cedar.Parsing;
using Cedar.Schema;

namespace Verdict.Cli.Commands;

/// <summary>Reads a schema file: JSON schema syntax when the text starts with <c>{</c>, otherwise Cedar schema syntax.</summary>
internal static class SchemaLoader
{
    public static ParseResult<ValidatorSchema> Load(string text)
    {
        var parsed = text.TrimStart().StartsWith('{') ? CedarSchema.ParseJson(text) : CedarSchema.ParseCedar(text);
        return parsed.Success ? ParseResult<ValidatorSchema>.Ok(parsed.Value!.Resolved) : ParseResult<ValidatorSchema>.Fail(parsed.Errors);
    }
}
