using System.Text;
using System.Text.Json;
using Verdict.Protocol;
using Verdict.Storage;
using Verdict.VerifiedPermissions.Common;

namespace Verdict.VerifiedPermissions.Schemas;

/// <summary>PutSchema (<c>{}</c> removes the schema) and GetSchema.</summary>
public sealed class SchemaOperations(IVerdictStorage storage, PolicyStoreResolver resolver)
{
    private static readonly VerifiedPermissionsJson s_json = VerifiedPermissionsJson.Default;

    public void Register(OperationTable table) => table
        .Add("PutSchema", PutAsync)
        .Add("GetSchema", GetAsync);

    private async ValueTask<AwsResult> PutAsync(AwsRequest request, CancellationToken cancellationToken)
    {
        var input = request.Input.Deserialize(s_json.PutSchemaInput)!;
        var json = input.Definition.CedarJson!;
        if (Encoding.UTF8.GetByteCount(json) > Quotas.SchemaSizeBytes)
        {
            return VerifiedPermissionsErrors.QuotaExceeded(
                $"The schema is larger than the maximum schema size of {Quotas.SchemaSizeBytes} bytes.", ResourceTypes.Schema, quotaCode: "SchemaSize");
        }

        if (SchemaCompiler.TryCompile(json, out var schema) is { } invalid)
        {
            return invalid;
        }

        if (SchemaNamespaces.Check(schema.Namespaces) is { } badNamespace)
        {
            return badNamespace;
        }

        var tenant = PolicyStoreResolver.TenantOf(request);
        var (store, error) = await resolver.ResolveAsync(tenant, input.PolicyStoreId, cancellationToken).ConfigureAwait(false);
        if (error is not null)
        {
            return error;
        }

        if (schema.Namespaces.Count > Quotas.NamespacesPerSchema)
        {
            return VerifiedPermissionsErrors.QuotaExceeded(
                $"The schema declares {schema.Namespaces.Count} namespaces; a schema may declare at most {Quotas.NamespacesPerSchema}.",
                ResourceTypes.Schema, store!.PolicyStoreId, "NamespacesPerSchema");
        }

        // "To delete the schema, run PutSchema with {}."
        var now = Timestamps.ToStoredPrecision(request.ReceivedAt);
        var (status, stored) = await storage.Policies.PutSchemaAsync(
            tenant, store!.PolicyStoreId, IsEmptyObject(json) ? null : json, schema.Namespaces, now, cancellationToken).ConfigureAwait(false);
        if (status == ChangeStatus.StoreNotFound)
        {
            return VerifiedPermissionsErrors.NotFound(input.PolicyStoreId, ResourceTypes.PolicyStore);
        }

        return AwsResult.Ok(new PutSchemaOutput(
            store.PolicyStoreId, schema.Namespaces, Timestamps.Format(stored?.CreatedDate ?? now), Timestamps.Format(stored?.LastUpdatedDate ?? now)),
            s_json.PutSchemaOutput);
    }

    private async ValueTask<AwsResult> GetAsync(AwsRequest request, CancellationToken cancellationToken)
    {
        var input = request.Input.Deserialize(s_json.GetSchemaInput)!;
        var tenant = PolicyStoreResolver.TenantOf(request);
        var (store, error) = await resolver.ResolveAsync(tenant, input.PolicyStoreId, cancellationToken).ConfigureAwait(false);
        if (error is not null)
        {
            return error;
        }

        var schema = await storage.Policies.GetSchemaAsync(tenant, store!.PolicyStoreId, cancellationToken).ConfigureAwait(false);
        return schema is null
            ? VerifiedPermissionsErrors.NotFound(store.PolicyStoreId, ResourceTypes.Schema, $"The policy store {input.PolicyStoreId} has no schema.")
            : AwsResult.Ok(new GetSchemaOutput(
                schema.PolicyStoreId, schema.SchemaJson, Timestamps.Format(schema.CreatedDate), Timestamps.Format(schema.LastUpdatedDate), schema.Namespaces),
                s_json.GetSchemaOutput);
    }

    private static bool IsEmptyObject(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.ValueKind == JsonValueKind.Object && !document.RootElement.EnumerateObject().Any();
    }
}
