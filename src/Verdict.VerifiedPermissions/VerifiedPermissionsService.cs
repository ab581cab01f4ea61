using Microsoft.Extensions.DependencyInjection;
using Verdict.Protocol;
using Verdict.Protocol.Validation;
using Verdict.VerifiedPermissions.Aliases;
using Verdict.VerifiedPermissions.Authorization;
using Verdict.VerifiedPermissions.Common;
using Verdict.VerifiedPermissions.IdentitySources;
using Verdict.VerifiedPermissions.Policies;
using Verdict.VerifiedPermissions.PolicyStores;
using Verdict.VerifiedPermissions.Schemas;
using Verdict.VerifiedPermissions.Tags;
using Verdict.VerifiedPermissions.Templates;

namespace Verdict.VerifiedPermissions;

/// <summary>
/// Amazon Verified Permissions on the shared AWS JSON endpoint: target prefix <c>VerifiedPermissions</c>, JSON 1.0,
/// inputs checked against the embedded botocore model. Each operation group registers its handlers in
/// <see cref="Build"/>; policies, templates, schemas and authorization join the same way.
/// </summary>
public static class VerifiedPermissionsService
{
    private const string ModelResource = "Verdict.VerifiedPermissions.service-2.json.gz";

    private static readonly Lazy<ServiceModel> s_model = new(() =>
    {
        var stream = typeof(VerifiedPermissionsService).Assembly.GetManifestResourceStream(ModelResource)
            ?? throw new InvalidOperationException($"Embedded model {ModelResource} is missing.");
        return ServiceModel.Load(stream, gzipped: true);
    });

    /// <summary>The botocore model the inputs are checked against.</summary>
    public static ServiceModel Model => s_model.Value;

    /// <summary>Registers the service's dependencies and its <see cref="AwsJsonService"/> for the dispatcher.</summary>
    public static IServiceCollection AddVerifiedPermissions(this IServiceCollection services, Action<VerifiedPermissionsOptions>? configure = null)
    {
        var options = new VerifiedPermissionsOptions();
        configure?.Invoke(options);
        services.AddSingleton(options);
        services.AddSingleton<PolicyStoreResolver>();
        services.AddSingleton<PolicyStoreOperations>();
        services.AddSingleton<TagOperations>();
        services.AddSingleton<AliasOperations>();
        services.AddSingleton<IStrictPolicyValidator, CedarStrictPolicyValidator>();
        services.AddSingleton<PolicyValidation>();
        services.AddSingleton<CompiledPolicyStores>();
        services.AddSingleton<ResourcePolicySize>();
        services.AddSingleton<PolicyOperations>();
        services.AddSingleton<TemplateOperations>();
        services.AddSingleton<SchemaOperations>();
        services.AddSingleton<AuthorizationOperations>();
        services.AddSingleton<IdentitySourceOperations>();
        services.AddSingleton<IdentitySourceTokenVerifier>();
        services.AddSingleton<TokenAuthorizationOperations>();
        services.AddSingleton(provider => Build(provider));
        return services;
    }

    public static AwsJsonService Build(IServiceProvider provider)
    {
        var model = Model;
        var table = new OperationTable(model.OperationNames);
        provider.GetRequiredService<PolicyStoreOperations>().Register(table);
        provider.GetRequiredService<TagOperations>().Register(table);
        provider.GetRequiredService<AliasOperations>().Register(table);
        provider.GetRequiredService<PolicyOperations>().Register(table);
        provider.GetRequiredService<TemplateOperations>().Register(table);
        provider.GetRequiredService<SchemaOperations>().Register(table);
        provider.GetRequiredService<AuthorizationOperations>().Register(table);
        provider.GetRequiredService<IdentitySourceOperations>().Register(table);
        provider.GetRequiredService<TokenAuthorizationOperations>().Register(table);
        return new AwsJsonService(model.TargetPrefix, model.JsonVersion, table.Handlers, model, VerifiedPermissionsErrors.FromInputCheck)
        {
            // An app holding an identity pool's credentials may ask for decisions, as an IAM role allowing
            // verifiedpermissions:IsAuthorized* would; it can never read or change stores, policies or schemas.
            FederatedOperations = new HashSet<string>(StringComparer.Ordinal)
            {
                "IsAuthorized", "BatchIsAuthorized", "IsAuthorizedWithToken", "BatchIsAuthorizedWithToken",
            },
            ActionPrefix = "verifiedpermissions",
        };
    }
}
