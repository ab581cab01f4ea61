using System.Text;
using Verdict.Protocol;
using Verdict.Storage;
using Verdict.VerifiedPermissions.Common;

namespace Verdict.VerifiedPermissions.Policies;

/// <summary>
/// AVP's "policy size per resource" quota (avp-facts §2.8): the policies that reference one resource may total at most
/// 200,000 bytes. A policy references the resource its scope names (<c>resource == R</c>, <c>resource in R</c>, or the
/// value linked to <c>?resource</c>); policies that name no resource share a separate "unspecified" bucket of the same
/// size. A static policy counts its statement; the policies linked to one template count the template's statement
/// once, plus each link's parameters (the linked entity types and ids). Sizes are UTF-8 bytes.
/// </summary>
/// <remarks>
/// The check reads the bucket before the write, outside the write's transaction: two writers racing into one bucket
/// can together overshoot it by one policy. AVP itself is eventually consistent, so it has the same window.
/// </remarks>
public sealed class ResourcePolicySize(IVerdictStorage storage)
{
    /// <summary>
    /// Refuses <paramref name="candidate"/> (a new policy, or the new version of <paramref name="candidate"/>'s id) when
    /// its bucket would exceed the quota.
    /// </summary>
    /// <param name="candidateTemplate">The template <paramref name="candidate"/> links to; null for a static policy.</param>
    public async ValueTask<AwsError?> CheckAsync(
        Tenant tenant, string policyStoreId, PolicyRecord candidate, PolicyTemplateRecord? candidateTemplate, CancellationToken cancellationToken)
    {
        var (total, templates) = await BucketBytesAsync(tenant, policyStoreId, candidate.Resource, candidate.PolicyId, null, cancellationToken).ConfigureAwait(false);
        total += OwnBytes(candidate);
        if (candidateTemplate is not null && templates.Add(candidateTemplate.PolicyTemplateId))
        {
            total += Bytes(candidateTemplate.Statement);
        }

        return total <= Quotas.PolicyBytesPerResource ? null : Exceeded(candidate.Resource, total, ResourceTypes.Policy, candidate.PolicyId);
    }

    /// <summary>
    /// Refuses a new version of a template when, in any bucket its linked policies fall in, it would take the total over
    /// the quota.
    /// </summary>
    public async ValueTask<AwsError?> CheckTemplateAsync(Tenant tenant, string policyStoreId, PolicyTemplateRecord updated, CancellationToken cancellationToken)
    {
        var buckets = new HashSet<StoredEntity?>();
        var query = new PolicyQuery(PolicyTemplateId: updated.PolicyTemplateId);
        long? after = null;
        do
        {
            var page = await storage.Policies.ListPoliciesAsync(tenant, policyStoreId, query, after, 1000, cancellationToken).ConfigureAwait(false);
            foreach (var policy in page.Items)
            {
                buckets.Add(policy.Resource);
            }

            after = page.NextPosition;
        }
        while (after is not null);

        foreach (var bucket in buckets)
        {
            var (total, _) = await BucketBytesAsync(tenant, policyStoreId, bucket, null, updated, cancellationToken).ConfigureAwait(false);
            if (total > Quotas.PolicyBytesPerResource)
            {
                return Exceeded(bucket, total, ResourceTypes.PolicyTemplate, updated.PolicyTemplateId);
            }
        }

        return null;
    }

    /// <summary>
    /// The bytes of the policies in one bucket (null: the unspecified one), leaving out <paramref name="skipPolicyId"/>
    /// and counting <paramref name="templateOverride"/> in place of the stored version of that template.
    /// </summary>
    private async ValueTask<(long Total, HashSet<string> Templates)> BucketBytesAsync(
        Tenant tenant, string policyStoreId, StoredEntity? resource, string? skipPolicyId, PolicyTemplateRecord? templateOverride,
        CancellationToken cancellationToken)
    {
        var query = resource is null ? new PolicyQuery(ResourceUnspecified: true) : new PolicyQuery(Resource: resource);
        var total = 0L;
        var templates = new HashSet<string>(StringComparer.Ordinal);
        long? after = null;
        do
        {
            var page = await storage.Policies.ListPoliciesAsync(tenant, policyStoreId, query, after, 1000, cancellationToken).ConfigureAwait(false);
            foreach (var policy in page.Items)
            {
                if (policy.PolicyId == skipPolicyId)
                {
                    continue;
                }

                total += OwnBytes(policy);
                if (policy.PolicyTemplateId is { } templateId && templates.Add(templateId))
                {
                    var template = templateId == templateOverride?.PolicyTemplateId
                        ? templateOverride
                        : await storage.Policies.GetTemplateAsync(tenant, policyStoreId, templateId, cancellationToken).ConfigureAwait(false);
                    total += template is null ? 0 : Bytes(template.Statement);
                }
            }

            after = page.NextPosition;
        }
        while (after is not null);

        return (total, templates);
    }

    private static AwsError Exceeded(StoredEntity? resource, long total, string resourceType, string resourceId)
    {
        var bucket = resource is null ? "an unspecified resource" : $"the resource {resource.EntityType}::\"{resource.EntityId}\"";
        return VerifiedPermissionsErrors.QuotaExceeded(
            $"The policies that reference {bucket} would total {total} bytes; the maximum policy size per resource is {Quotas.PolicyBytesPerResource} bytes.",
            resourceType, resourceId, "PolicySizePerResource");
    }

    /// <summary>What a policy adds on its own: a static policy its statement, a linked policy its parameters.</summary>
    private static long OwnBytes(PolicyRecord policy) => policy.Statement is { } statement
        ? Bytes(statement)
        : Bytes(policy.LinkedPrincipal) + Bytes(policy.LinkedResource);

    private static long Bytes(StoredEntity? entity) => entity is null ? 0 : Bytes(entity.EntityType) + Bytes(entity.EntityId);

    private static long Bytes(string text) => Encoding.UTF8.GetByteCount(text);
}
