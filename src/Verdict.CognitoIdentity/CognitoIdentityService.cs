using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Verdict.CognitoIdentity.Common;
using Verdict.CognitoIdentity.Developer;
using Verdict.CognitoIdentity.Identities;
using Verdict.CognitoIdentity.Pools;
using Verdict.CognitoIdentity.Roles;
using Verdict.CognitoIdentity.Storage;
using Verdict.CognitoIdentity.Tokens;
using Verdict.CognitoIdentityProvider.Common;
using Verdict.CognitoIdentityProvider.Storage;
using Verdict.CognitoIdentityProvider.Tokens;
using Verdict.Protocol;
using Verdict.Protocol.Validation;

namespace Verdict.CognitoIdentity;

/// <summary>
/// Amazon Cognito identity pools on the shared AWS JSON endpoint: target prefix <c>AWSCognitoIdentityService</c>,
/// JSON 1.1, inputs checked against the embedded botocore model (failed checks answered as ValidationException).
/// </summary>
public static class CognitoIdentityService
{
    private const string ModelResource = "Verdict.CognitoIdentity.service-2.json.gz";

    /// <summary>The operations AWS serves without SigV4 (<c>smithy.api#noAuth</c>): the caller proves itself with its logins.</summary>
    public static readonly IReadOnlySet<string> UnsignedOperations = new HashSet<string>(StringComparer.Ordinal)
    {
        "GetId", "GetOpenIdToken", "GetCredentialsForIdentity", "UnlinkIdentity",
    };

    private static readonly Lazy<ServiceModel> s_model = new(() =>
    {
        var stream = typeof(CognitoIdentityService).Assembly.GetManifestResourceStream(ModelResource)
            ?? throw new InvalidOperationException($"Embedded model {ModelResource} is missing.");
        return ServiceModel.Load(stream, gzipped: true);
    });

    public static ServiceModel Model => s_model.Value;

    /// <summary>
    /// Registers identity pools: their storage (<c>&lt;data&gt;/cognito-identity.db</c>), operations and
    /// <see cref="AwsJsonService"/>. Needs <c>AddCognitoIdentityProvider</c> (user pool tokens are checked against it),
    /// a <see cref="TimeProvider"/> and the <see cref="Verdict.Auth.CredentialStore"/>. Pair with
    /// <see cref="IdentityWellKnownEndpoints.MapCognitoIdentityWellKnown"/>.
    /// </summary>
    public static IServiceCollection AddCognitoIdentity(this IServiceCollection services, Action<CognitoIdentityOptions>? configure = null)
    {
        var options = new CognitoIdentityOptions();
        configure?.Invoke(options);
        services.AddSingleton(options);
        services.AddSingleton(_ => new IdentityPoolStore(options.DatabasePath));
        services.TryAddSingleton(provider => new TokenSessionStatus(provider.GetRequiredService<ICognitoStorage>()));
        services.AddSingleton<OpenIdTokenIssuer>();
        services.AddSingleton<LoginVerifier>();
        services.AddSingleton<IdentityAccess>();
        services.AddSingleton<IdentityTokens>();
        services.AddSingleton<IdentityPoolOperations>();
        services.AddSingleton<RoleOperations>();
        services.AddSingleton<IdentityOperations>();
        services.AddSingleton<DeveloperOperations>();
        services.AddSingleton(Build);
        return services;
    }

    public static AwsJsonService Build(IServiceProvider provider)
    {
        var model = Model;
        var table = new OperationTable(model.OperationNames);
        provider.GetRequiredService<IdentityPoolOperations>().Register(table);
        provider.GetRequiredService<RoleOperations>().Register(table);
        provider.GetRequiredService<IdentityOperations>().Register(table);
        provider.GetRequiredService<DeveloperOperations>().Register(table);
        return new AwsJsonService(model.TargetPrefix, model.JsonVersion, table.Handlers, model, IdentityErrors.FromInputCheck)
        {
            AnonymousOperations = UnsignedOperations,
            ActionPrefix = "cognito-identity",
        };
    }
}
