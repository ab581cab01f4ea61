using Cedar.Schema;
using Verdict.Protocol;
using Verdict.Protocol.Validation;
using Verdict.VerifiedPermissions.Common;

namespace Verdict.VerifiedPermissions.Schemas;

/// <summary>A schema read from PutSchema's <c>cedarJson</c>: its namespaces in written order and its resolved form.</summary>
public sealed record CompiledSchema(IReadOnlyList<string> Namespaces, ValidatorSchema Resolved);

/// <summary>Reads Cedar JSON schemas with the engine's schema parser; every parse or resolution error is reported.</summary>
public static class SchemaCompiler
{
    public static AwsError? TryCompile(string json, out CompiledSchema schema)
    {
        schema = null!;
        var parsed = CedarSchema.ParseJson(json);
        if (!parsed.Success)
        {
            var fields = parsed.Errors.Select(e => new FieldViolation("definition.cedarJson", e.Format(json))).ToList();
            return VerifiedPermissionsErrors.ValidationFields("The schema is not valid: " + string.Join("; ", fields.Select(f => f.Message)), fields);
        }

        schema = new CompiledSchema([.. parsed.Value!.Fragment.Namespaces.Select(n => n.Name)], parsed.Value.Resolved);
        return null;
    }
}
