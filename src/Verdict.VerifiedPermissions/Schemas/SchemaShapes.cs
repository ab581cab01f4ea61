namespace Verdict.VerifiedPermissions.Schemas;

public sealed record SchemaDefinition(string? CedarJson);

public sealed record PutSchemaInput(string PolicyStoreId, SchemaDefinition Definition);

public sealed record PutSchemaOutput(string PolicyStoreId, IReadOnlyList<string> Namespaces, string CreatedDate, string LastUpdatedDate);

public sealed record GetSchemaInput(string PolicyStoreId);

public sealed record GetSchemaOutput(string PolicyStoreId, string Schema, string CreatedDate, string LastUpdatedDate, IReadOnlyList<string> Namespaces);
