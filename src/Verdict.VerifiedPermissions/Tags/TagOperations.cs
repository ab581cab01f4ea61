using System.Text.Json;
using Verdict.Protocol;
using Verdict.Storage;
using Verdict.VerifiedPermissions.Common;

namespace Verdict.VerifiedPermissions.Tags;

/// <summary>TagResource, UntagResource, ListTagsForResource. Only policy stores can be tagged.</summary>
public sealed class TagOperations(IVerdictStorage storage)
{
    private static readonly VerifiedPermissionsJson s_json = VerifiedPermissionsJson.Default;

    public void Register(OperationTable table) => table
        .Add("TagResource", TagAsync)
        .Add("UntagResource", UntagAsync)
        .Add("ListTagsForResource", ListAsync);

    private async ValueTask<AwsResult> TagAsync(AwsRequest request, CancellationToken cancellationToken)
    {
        var input = request.Input.Deserialize(s_json.TagResourceInput)!;
        if (Locate(request, input.ResourceArn) is not { } id)
        {
            return NotFound(input.ResourceArn);
        }

        var status = await storage.PolicyStores.TagAsync(
            PolicyStoreResolver.TenantOf(request), id, input.Tags, Quotas.TagsPerResource, cancellationToken).ConfigureAwait(false);
        return status switch
        {
            TagStatus.Done => AwsResult.Empty(),
            TagStatus.TooManyTags => VerifiedPermissionsErrors.TagsExceeded(input.ResourceArn, Quotas.TagsPerResource),
            _ => NotFound(input.ResourceArn),
        };
    }

    private async ValueTask<AwsResult> UntagAsync(AwsRequest request, CancellationToken cancellationToken)
    {
        var input = request.Input.Deserialize(s_json.UntagResourceInput)!;
        if (Locate(request, input.ResourceArn) is not { } id)
        {
            return NotFound(input.ResourceArn);
        }

        var status = await storage.PolicyStores.UntagAsync(
            PolicyStoreResolver.TenantOf(request), id, input.TagKeys, cancellationToken).ConfigureAwait(false);
        return status == TagStatus.Done ? AwsResult.Empty() : NotFound(input.ResourceArn);
    }

    private async ValueTask<AwsResult> ListAsync(AwsRequest request, CancellationToken cancellationToken)
    {
        var input = request.Input.Deserialize(s_json.ListTagsForResourceInput)!;
        if (Locate(request, input.ResourceArn) is not { } id)
        {
            return NotFound(input.ResourceArn);
        }

        var tags = await storage.PolicyStores.GetTagsAsync(PolicyStoreResolver.TenantOf(request), id, cancellationToken).ConfigureAwait(false);
        return tags is null ? NotFound(input.ResourceArn) : AwsResult.Ok(new ListTagsForResourceOutput(tags), s_json.ListTagsForResourceOutput);
    }

    /// <summary>The policy store id an ARN names in the caller's account, or null.</summary>
    private static string? Locate(AwsRequest request, string arn) =>
        Arns.ParsePolicyStore(arn) is { } parsed && parsed.Account == request.Caller.Account ? parsed.PolicyStoreId : null;

    private static AwsError NotFound(string arn) => VerifiedPermissionsErrors.NotFound(arn, ResourceTypes.PolicyStore);
}
