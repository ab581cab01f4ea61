namespace Verdict.VerifiedPermissions.IdentitySources;

/// <summary>The <c>Configuration</c> / <c>UpdateConfiguration</c> union: exactly one member is set (the model check enforces it).</summary>
public sealed record IdentitySourceConfiguration(
    CognitoUserPoolConfiguration? CognitoUserPoolConfiguration, OpenIdConnectConfiguration? OpenIdConnectConfiguration);

public sealed record CognitoGroupConfiguration(string GroupEntityType);

public sealed record CognitoUserPoolConfiguration(string UserPoolArn, IReadOnlyList<string>? ClientIds, CognitoGroupConfiguration? GroupConfiguration);

public sealed record OpenIdConnectGroupConfiguration(string GroupClaim, string GroupEntityType);

public sealed record OpenIdConnectAccessTokenConfiguration(string? PrincipalIdClaim, IReadOnlyList<string>? Audiences);

public sealed record OpenIdConnectIdentityTokenConfiguration(string? PrincipalIdClaim, IReadOnlyList<string>? ClientIds);

/// <summary>The <c>OpenIdConnectTokenSelection</c> union.</summary>
public sealed record OpenIdConnectTokenSelection(
    OpenIdConnectAccessTokenConfiguration? AccessTokenOnly, OpenIdConnectIdentityTokenConfiguration? IdentityTokenOnly);

public sealed record OpenIdConnectConfiguration(
    string Issuer, string? EntityIdPrefix, OpenIdConnectGroupConfiguration? GroupConfiguration, OpenIdConnectTokenSelection TokenSelection);

public sealed record CreateIdentitySourceInput(
    string? ClientToken, string PolicyStoreId, IdentitySourceConfiguration Configuration, string? PrincipalEntityType);

/// <summary>The output of CreateIdentitySource and UpdateIdentitySource.</summary>
public sealed record IdentitySourceWriteOutput(string CreatedDate, string IdentitySourceId, string LastUpdatedDate, string PolicyStoreId);

public sealed record GetIdentitySourceInput(string PolicyStoreId, string IdentitySourceId);

public sealed record DeleteIdentitySourceInput(string PolicyStoreId, string IdentitySourceId);

public sealed record UpdateIdentitySourceInput(
    string PolicyStoreId, string IdentitySourceId, IdentitySourceConfiguration UpdateConfiguration, string? PrincipalEntityType);

public sealed record IdentitySourceFilter(string? PrincipalEntityType);

public sealed record ListIdentitySourcesInput(string PolicyStoreId, string? NextToken, int? MaxResults, IReadOnlyList<IdentitySourceFilter>? Filters);

/// <summary>The deprecated <c>details</c> member (Cognito sources only): the legacy view of the configuration.</summary>
public sealed record IdentitySourceDetails(IReadOnlyList<string> ClientIds, string UserPoolArn, string DiscoveryUrl, string OpenIdIssuer);

/// <summary><c>CognitoUserPoolConfigurationDetail</c> / <c>…Item</c>: <c>clientIds</c> and the derived <c>issuer</c> are always present.</summary>
public sealed record CognitoUserPoolConfigurationDetail(
    string UserPoolArn, IReadOnlyList<string> ClientIds, string Issuer, CognitoGroupConfiguration? GroupConfiguration);

public sealed record ConfigurationDetail(
    CognitoUserPoolConfigurationDetail? CognitoUserPoolConfiguration, OpenIdConnectConfiguration? OpenIdConnectConfiguration);

/// <summary>GetIdentitySource's output, and one item of ListIdentitySources (<c>IdentitySourceItem</c> has the same members).</summary>
public sealed record IdentitySourceDescription(
    string CreatedDate,
    IdentitySourceDetails? Details,
    string IdentitySourceId,
    string LastUpdatedDate,
    string PolicyStoreId,
    string PrincipalEntityType,
    ConfigurationDetail Configuration);

public sealed record ListIdentitySourcesOutput(string? NextToken, IReadOnlyList<IdentitySourceDescription> IdentitySources);
