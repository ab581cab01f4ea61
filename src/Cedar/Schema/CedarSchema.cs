using Cedar.Parsing;
using Cedar.Schema.Json;
using Cedar.Schema.Text;
using Cedar.Schema.Written;

namespace Cedar.Schema;

/// <summary>
/// A Cedar schema: what was written (<see cref="Fragment"/>, enough to print it again in either format) and its
/// resolved view (<see cref="Resolved"/>) for the validator and schema-based entity parsing.
/// Named <c>CedarSchema</c> rather than <c>Schema</c> so code in <c>Cedar.*</c> namespaces is not confused with the
/// <c>Cedar.Schema</c> namespace.
/// </summary>
public sealed class CedarSchema
{
    private CedarSchema(SchemaFragment fragment, ValidatorSchema resolved)
    {
        Fragment = fragment;
        Resolved = resolved;
    }

    public SchemaFragment Fragment { get; }

    public ValidatorSchema Resolved { get; }

    /// <summary>Parses and resolves the human-readable schema syntax.</summary>
    public static ParseResult<CedarSchema> ParseCedar(string text)
    {
        var parsed = CedarSchemaParser.Parse(text);
        return parsed.Value is null ? ParseResult<CedarSchema>.Fail(parsed.Errors) : FromFragment(parsed.Value);
    }

    /// <summary>Parses and resolves Cedar's JSON schema format.</summary>
    public static ParseResult<CedarSchema> ParseJson(string json)
    {
        var parsed = JsonSchemaReader.Read(json);
        return parsed.Value is null ? ParseResult<CedarSchema>.Fail(parsed.Errors) : FromFragment(parsed.Value);
    }

    /// <summary>Resolves an already parsed written schema.</summary>
    public static ParseResult<CedarSchema> FromFragment(SchemaFragment fragment)
    {
        var resolved = SchemaResolver.Resolve(fragment);
        return resolved.Value is null
            ? ParseResult<CedarSchema>.Fail(resolved.Errors)
            : ParseResult<CedarSchema>.Ok(new CedarSchema(fragment, resolved.Value));
    }

    /// <summary>The schema in the human-readable syntax, as cedar-wasm's <c>schemaToText</c> prints it.</summary>
    public string ToCedarText() => CedarSchemaWriter.Write(Fragment);

    /// <summary>The schema in the JSON format, as cedar-wasm's <c>schemaToJson</c> gives it (indented).</summary>
    public string ToJsonText() => JsonSchemaWriter.Write(Fragment);
}
