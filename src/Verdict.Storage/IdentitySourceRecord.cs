namespace Verdict.Storage;

/// <summary>An identity source as stored.</summary>
/// <param name="PrincipalEntityType">The Cedar type of the principals its tokens become (a column of its own, for filtering).</param>
/// <param name="ConfigurationJson">The <c>Configuration</c> union (Cognito user pool or OpenID Connect) as JSON text, as the service normalized it.</param>
public sealed record IdentitySourceRecord(
    Tenant Tenant,
    string PolicyStoreId,
    string IdentitySourceId,
    string PrincipalEntityType,
    string ConfigurationJson,
    DateTimeOffset CreatedDate,
    DateTimeOffset LastUpdatedDate);
