using Microsoft.Extensions.DependencyInjection;
using Verdict.CognitoIdentityProvider.Auth;
using Verdict.CognitoIdentityProvider.Clients;
using Verdict.CognitoIdentityProvider.Common;
using Verdict.CognitoIdentityProvider.Groups;
using Verdict.CognitoIdentityProvider.Storage;
using Verdict.CognitoIdentityProvider.Tokens;
using Verdict.CognitoIdentityProvider.UserPools;
using Verdict.CognitoIdentityProvider.Users;
using Verdict.Protocol;
using Verdict.Protocol.Validation;
using Verdict.Tokens;

namespace Verdict.CognitoIdentityProvider;

/// <summary>
/// Amazon Cognito user pools on the shared AWS JSON endpoint: target prefix <c>AWSCognitoIdentityProviderService</c>,
/// JSON 1.1, inputs checked against the embedded botocore model, failed checks answered as InvalidParameterException.
/// </summary>
public static class CognitoIdentityProviderService
{
    private const string ModelResource = "Verdict.CognitoIdentityProvider.service-2.json.gz";

    /// <summary>
    /// Operations AWS serves without SigV4 (<c>smithy.api#noAuth</c> in the model): the caller proves itself with a
    /// client id, a password or a token. An authenticating front door must let these through unsigned.
    /// </summary>
    public static readonly IReadOnlySet<string> UnsignedOperations = new HashSet<string>(StringComparer.Ordinal)
    {
        "InitiateAuth", "RespondToAuthChallenge", "SignUp", "ConfirmSignUp", "GetUser", "GlobalSignOut", "RevokeToken",
    };

    private static readonly Lazy<ServiceModel> s_model = new(() =>
    {
        var stream = typeof(CognitoIdentityProviderService).Assembly.GetManifestResourceStream(ModelResource)
            ?? throw new InvalidOperationException($"Embedded model {ModelResource} is missing.");
        return ServiceModel.Load(stream, gzipped: true);
    });

    public static ServiceModel Model => s_model.Value;

    /// <summary>
    /// Registers Cognito's storage (its own SQLite file, <c>&lt;data&gt;/cognito-idp.db</c>), its operations and its
    /// <see cref="AwsJsonService"/> for the dispatcher. Needs a <see cref="TimeProvider"/> registered.
    /// Pair with <see cref="CognitoWellKnownEndpoints.MapCognitoWellKnown"/> for the discovery documents.
    /// </summary>
    public static IServiceCollection AddCognitoIdentityProvider(this IServiceCollection services, Action<CognitoOptions>? configure = null)
    {
        var options = new CognitoOptions();
        configure?.Invoke(options);
        services.AddSingleton(options);
        services.AddSingleton<ICognitoStorage>(_ => new SqliteCognitoStorage(options.DatabasePath));
        services.AddSingleton<PoolResolver>();
        services.AddSingleton<UserDirectory>();
        services.AddSingleton<SigningKeyCache>();
        services.AddSingleton<IssuerResolver>();
        services.AddSingleton<TokenIssuer>();
        services.AddSingleton<CognitoTokenVerifier>();
        services.AddSingleton<AccessTokenValidator>();
        services.AddSingleton(options.TokenVerification);
        services.AddSingleton<ILocalIssuerDirectory, CognitoLocalIssuerDirectory>();
        services.AddSingleton(provider => new IssuerKeyResolver(
            provider.GetRequiredService<TokenVerifierOptions>(), provider.GetRequiredService<TimeProvider>(), provider.GetRequiredService<ILocalIssuerDirectory>()));
        services.AddSingleton<JwtVerifier>();
        services.AddSingleton<UserPoolOperations>();
        services.AddSingleton<ClientOperations>();
        services.AddSingleton<AdminUserOperations>();
        services.AddSingleton<SignUpOperations>();
        services.AddSingleton<GroupOperations>();
        services.AddSingleton<AuthOperations>();
        services.AddSingleton<TokenOperations>();
        services.AddSingleton(Build);
        return services;
    }

    public static AwsJsonService Build(IServiceProvider provider)
    {
        var model = Model;
        var table = new OperationTable(model.OperationNames);
        provider.GetRequiredService<UserPoolOperations>().Register(table);
        provider.GetRequiredService<ClientOperations>().Register(table);
        provider.GetRequiredService<AdminUserOperations>().Register(table);
        provider.GetRequiredService<SignUpOperations>().Register(table);
        provider.GetRequiredService<GroupOperations>().Register(table);
        provider.GetRequiredService<AuthOperations>().Register(table);
        provider.GetRequiredService<TokenOperations>().Register(table);
        return new AwsJsonService(model.TargetPrefix, model.JsonVersion, table.Handlers, model, CognitoErrors.FromInputCheck)
        {
            AnonymousOperations = UnsignedOperations,
        };
    }
}
