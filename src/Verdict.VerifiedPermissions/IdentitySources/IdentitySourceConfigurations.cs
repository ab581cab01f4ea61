using System.Text.Json;
using Verdict.Protocol;
using Verdict.VerifiedPermissions.Common;

namespace Verdict.VerifiedPermissions.IdentitySources;

/// <summary>
/// The checks the model can't express (the model's lengths, patterns and unions are enforced before a handler runs),
/// and the configuration's stored and described forms.
/// </summary>
public static class IdentitySourceConfigurations
{
    private static readonly IdentitySourcesJson s_json = IdentitySourcesJson.Default;

    /// <summary>Semantic checks of a <c>Configuration</c> given at <paramref name="path"/>; null when it is usable.</summary>
    public static AwsError? Check(IdentitySourceConfiguration configuration, string path)
    {
        if (configuration.CognitoUserPoolConfiguration is { } cognito)
        {
            var member = path + ".cognitoUserPoolConfiguration";
            if (CognitoUserPoolArn.Parse(cognito.UserPoolArn, out var problem) is null)
            {
                return VerifiedPermissionsErrors.InvalidField(member + ".userPoolArn", problem!);
            }

            return cognito.GroupConfiguration is { } groups
                ? CheckEntityType(groups.GroupEntityType, member + ".groupConfiguration.groupEntityType")
                : null;
        }

        if (configuration.OpenIdConnectConfiguration is { } oidc)
        {
            var member = path + ".openIdConnectConfiguration";
            if (CheckIssuer(oidc.Issuer) is { } badIssuer)
            {
                return VerifiedPermissionsErrors.InvalidField(member + ".issuer", badIssuer);
            }

            if (oidc.GroupConfiguration is { } groups
                && CheckEntityType(groups.GroupEntityType, member + ".groupConfiguration.groupEntityType") is { } badGroupType)
            {
                return badGroupType;
            }

            if (oidc.TokenSelection.AccessTokenOnly is null && oidc.TokenSelection.IdentityTokenOnly is null)
            {
                return VerifiedPermissionsErrors.InvalidField(member + ".tokenSelection", "The tokenSelection must set accessTokenOnly or identityTokenOnly.");
            }

            return null;
        }

        return VerifiedPermissionsErrors.InvalidField(path, "The configuration must set cognitoUserPoolConfiguration or openIdConnectConfiguration.");
    }

    /// <summary>The principal entity type a source gets: the one given, or AVP's default when none is.</summary>
    public static AwsError? CheckPrincipalEntityType(string? principalEntityType, out string effective)
    {
        effective = string.IsNullOrEmpty(principalEntityType) ? IdentitySourceSettings.DefaultPrincipalEntityType : principalEntityType;
        return principalEntityType is null ? null : CheckEntityType(principalEntityType, "principalEntityType");
    }

    /// <summary>A principal or group type becomes the type of Cedar entities, so it must be a Cedar name.</summary>
    public static AwsError? CheckEntityType(string entityType, string path) =>
        PolicyStatements.CheckEntityType(entityType, path) is null
            ? null
            : VerifiedPermissionsErrors.InvalidField(path, $"The {path} '{entityType}' is not a valid Cedar entity type (a name such as User or MyCorp::User).");

    public static string ToStoredJson(IdentitySourceConfiguration configuration) =>
        JsonSerializer.Serialize(configuration, s_json.IdentitySourceConfiguration);

    public static IdentitySourceConfiguration FromStoredJson(string json) =>
        JsonSerializer.Deserialize(json, s_json.IdentitySourceConfiguration)
        ?? throw new InvalidOperationException("A stored identity source configuration is empty.");

    /// <summary>
    /// The configuration as Get and List return it: the Cognito issuer is derived from the ARN and <c>clientIds</c> is
    /// always present; the deprecated <c>details</c> repeats a Cognito source in its legacy form (OIDC sources, which
    /// came after it was deprecated, have none).
    /// </summary>
    public static (ConfigurationDetail Configuration, IdentitySourceDetails? Details) Describe(IdentitySourceConfiguration configuration)
    {
        if (configuration.CognitoUserPoolConfiguration is { } cognito)
        {
            var arn = CognitoUserPoolArn.Parse(cognito.UserPoolArn, out _) ?? throw new InvalidOperationException("A stored user pool ARN no longer parses.");
            var clientIds = cognito.ClientIds ?? [];
            return (
                new ConfigurationDetail(new CognitoUserPoolConfigurationDetail(cognito.UserPoolArn, clientIds, arn.Issuer, cognito.GroupConfiguration), null),
                new IdentitySourceDetails(clientIds, cognito.UserPoolArn, arn.DiscoveryUrl, "COGNITO"));
        }

        return (new ConfigurationDetail(null, configuration.OpenIdConnectConfiguration), null);
    }

    private static string? CheckIssuer(string issuer)
    {
        if (!Uri.TryCreate(issuer, UriKind.Absolute, out var uri) || uri.Scheme != Uri.UriSchemeHttps || uri.Host.Length == 0)
        {
            return $"The issuer '{issuer}' is not an absolute https URL.";
        }

        if (uri.Host.Contains('*', StringComparison.Ordinal))
        {
            return "The issuer can't contain a wildcard host.";
        }

        if (uri.Query.Length > 0 || uri.Fragment.Length > 0 || uri.UserInfo.Length > 0)
        {
            return "The issuer can't have a query, a fragment or user information: it is the base of the provider's /.well-known/openid-configuration.";
        }

        return null;
    }
}
