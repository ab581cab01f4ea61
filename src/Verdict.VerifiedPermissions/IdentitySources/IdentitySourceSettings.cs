namespace Verdict.VerifiedPermissions.IdentitySources;

public enum IdentitySourceKind
{
    CognitoUserPool,
    OpenIdConnect,
}

/// <summary>
/// What an identity source means for token authorization, resolved once from its configuration: whose tokens are
/// accepted, and how their claims become the principal, its groups and <c>context.token</c>.
/// </summary>
/// <param name="Issuer">The expected <c>iss</c>: the pool's Cognito issuer, or the configured OIDC issuer.</param>
/// <param name="EntityIdPrefix">Prefix of principal and group ids (<c>&lt;prefix&gt;|&lt;value&gt;</c>): the user pool id for Cognito,
/// <c>entityIdPrefix</c> for OIDC; null when an OIDC source has none (ids are then the bare claim values).</param>
/// <param name="GroupEntityType">Type of the group parents; null when the source maps no groups.</param>
/// <param name="GroupClaim">The claim listing the groups (<c>cognito:groups</c> for Cognito); null when none.</param>
/// <param name="PrincipalIdClaim">The claim naming the principal (<c>sub</c> unless configured).</param>
/// <param name="IdentityTokenAudiences">Allowed <c>aud</c> of ID tokens; empty: not checked.</param>
/// <param name="AccessTokenAudiences">Allowed <c>aud</c> (or <c>client_id</c>) of access tokens; empty: not checked.</param>
public sealed record IdentitySourceSettings(
    IdentitySourceKind Kind,
    string Issuer,
    string? EntityIdPrefix,
    string PrincipalEntityType,
    string? GroupEntityType,
    string? GroupClaim,
    string PrincipalIdClaim,
    bool AcceptsIdentityToken,
    bool AcceptsAccessToken,
    IReadOnlyList<string> IdentityTokenAudiences,
    IReadOnlyList<string> AccessTokenAudiences)
{
    /// <summary>The account of a Cognito source's userPoolArn (null for OIDC): a Verdict-hosted pool must belong to it.</summary>
    public string? UserPoolAccount { get; init; }

    public const string DefaultPrincipalEntityType = "AWS::Cognito";
    public const string DefaultCognitoGroupEntityType = "AWS::CognitoGroup";
    public const string CognitoGroupsClaim = "cognito:groups";
    public const string DefaultPrincipalIdClaim = "sub";

    /// <summary>The settings of a configuration that passed <see cref="IdentitySourceConfigurations.Check"/>.</summary>
    public static IdentitySourceSettings From(IdentitySourceConfiguration configuration, string principalEntityType)
    {
        if (configuration.CognitoUserPoolConfiguration is { } cognito)
        {
            var arn = CognitoUserPoolArn.Parse(cognito.UserPoolArn, out _)
                ?? throw new InvalidOperationException("A stored user pool ARN no longer parses.");
            var clientIds = cognito.ClientIds ?? [];
            return new IdentitySourceSettings(
                IdentitySourceKind.CognitoUserPool, arn.Issuer, arn.UserPoolId, principalEntityType,
                cognito.GroupConfiguration?.GroupEntityType ?? DefaultCognitoGroupEntityType, CognitoGroupsClaim, DefaultPrincipalIdClaim,
                AcceptsIdentityToken: true, AcceptsAccessToken: true, clientIds, clientIds)
            {
                UserPoolAccount = arn.Account,
            };
        }

        var oidc = configuration.OpenIdConnectConfiguration ?? throw new InvalidOperationException("A configuration has no member.");
        var access = oidc.TokenSelection.AccessTokenOnly;
        var identity = oidc.TokenSelection.IdentityTokenOnly;
        return new IdentitySourceSettings(
            IdentitySourceKind.OpenIdConnect, oidc.Issuer, oidc.EntityIdPrefix, principalEntityType,
            oidc.GroupConfiguration?.GroupEntityType, oidc.GroupConfiguration?.GroupClaim,
            access?.PrincipalIdClaim ?? identity?.PrincipalIdClaim ?? DefaultPrincipalIdClaim,
            AcceptsIdentityToken: identity is not null, AcceptsAccessToken: access is not null,
            identity?.ClientIds ?? [], access?.Audiences ?? []);
    }
}
