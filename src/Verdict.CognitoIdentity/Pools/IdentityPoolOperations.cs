using System.Text.Json.Nodes;
using Verdict.CognitoIdentity.Common;
using Verdict.CognitoIdentity.Storage;
using Verdict.CognitoIdentityProvider.Common;
using Verdict.Protocol;

namespace Verdict.CognitoIdentity.Pools;

/// <summary>CreateIdentityPool, DescribeIdentityPool, UpdateIdentityPool, ListIdentityPools, DeleteIdentityPool and the tag operations.</summary>
internal sealed class IdentityPoolOperations(IdentityPoolStore store, CognitoIdentityOptions options)
{
    public void Register(OperationTable table)
    {
        table.Add("CreateIdentityPool", CreateAsync);
        table.Add("DescribeIdentityPool", DescribeAsync);
        table.Add("UpdateIdentityPool", UpdateAsync);
        table.Add("ListIdentityPools", ListAsync);
        table.Add("DeleteIdentityPool", DeleteAsync);
        table.Add("TagResource", TagAsync);
        table.Add("UntagResource", UntagAsync);
        table.Add("ListTagsForResource", ListTagsAsync);
    }

    private async ValueTask<AwsResult> CreateAsync(AwsRequest request, CancellationToken cancellationToken)
    {
        var (settings, error) = PoolSettings.Read(request.Input);
        if (error is not null)
        {
            return error;
        }

        var caller = request.Caller;
        var pool = new IdentityPoolRecord(
            IdentityIds.NewId(caller.Region), caller.Account, caller.Region, request.Input.String("IdentityPoolName")!, request.ReceivedAt, request.ReceivedAt,
            new JsonObject { [PoolSettings.PoolKey] = settings });
        return await store.WriteAsync<AwsResult>(session =>
        {
            if (session.CountPools(caller.Account, caller.Region) >= options.MaxPoolsPerAccount)
            {
                return IdentityErrors.LimitExceeded($"You have reached the limit of {options.MaxPoolsPerAccount} identity pools for this account.");
            }

            session.InsertPool(pool);
            return IdentityJson.Ok(PoolSettings.Render(pool));
        }, cancellationToken).ConfigureAwait(false);
    }

    private async ValueTask<AwsResult> DescribeAsync(AwsRequest request, CancellationToken cancellationToken)
    {
        var id = request.Input.String("IdentityPoolId")!;
        var pool = await store.ReadAsync(session => PoolAccess.Visible(session, request.Caller, id), cancellationToken).ConfigureAwait(false);
        return pool is null ? PoolAccess.NotFound(id) : IdentityJson.Ok(PoolSettings.Render(pool));
    }

    /// <summary>
    /// A full replacement: whatever the input omits returns to its default (providers, ARNs and tags are cleared),
    /// except DeveloperProviderName, which can never change once set and is kept when omitted.
    /// </summary>
    private async ValueTask<AwsResult> UpdateAsync(AwsRequest request, CancellationToken cancellationToken)
    {
        var (settings, error) = PoolSettings.Read(request.Input);
        if (error is not null)
        {
            return error;
        }

        var id = request.Input.String("IdentityPoolId")!;
        return await store.WriteAsync<AwsResult>(session =>
        {
            var pool = PoolAccess.Visible(session, request.Caller, id);
            if (pool is null)
            {
                return PoolAccess.NotFound(id);
            }

            var current = PoolSettings.DeveloperProviderName(pool);
            var wanted = settings!["DeveloperProviderName"]?.GetValue<string>();
            if (current is not null)
            {
                if (wanted is not null && wanted != current)
                {
                    return IdentityErrors.InvalidParameter("Cannot change DeveloperProviderName once it is set.");
                }

                settings["DeveloperProviderName"] = current;
            }

            var config = pool.Config.DeepClone().AsObject();
            config[PoolSettings.PoolKey] = settings;
            var updated = pool with { Name = request.Input.String("IdentityPoolName")!, UpdatedAt = request.ReceivedAt, Config = config };
            session.UpdatePool(updated);
            return IdentityJson.Ok(PoolSettings.Render(updated));
        }, cancellationToken).ConfigureAwait(false);
    }

    private async ValueTask<AwsResult> ListAsync(AwsRequest request, CancellationToken cancellationToken)
    {
        var pools = await store.ReadAsync(session => session.ListPools(request.Caller.Account, request.Caller.Region), cancellationToken).ConfigureAwait(false);
        var limit = (int)request.Input.Long("MaxResults")!.Value;
        if (Paging.Slice(pools, p => p.IdentityPoolId, request.Input.String("NextToken"), limit) is not { } slice)
        {
            return IdentityErrors.InvalidParameter("The pagination token is invalid.");
        }

        var list = new JsonArray();
        foreach (var pool in slice.Page)
        {
            list.Add(new JsonObject { ["IdentityPoolId"] = pool.IdentityPoolId, ["IdentityPoolName"] = pool.Name });
        }

        var output = new JsonObject { ["IdentityPools"] = list };
        if (slice.NextToken is not null)
        {
            output["NextToken"] = slice.NextToken;
        }

        return IdentityJson.Ok(output);
    }

    private async ValueTask<AwsResult> DeleteAsync(AwsRequest request, CancellationToken cancellationToken)
    {
        var id = request.Input.String("IdentityPoolId")!;
        return await store.WriteAsync(session =>
        {
            if (PoolAccess.Visible(session, request.Caller, id) is null)
            {
                return (AwsResult)PoolAccess.NotFound(id);
            }

            session.DeletePool(id);
            return AwsResult.Empty();
        }, cancellationToken).ConfigureAwait(false);
    }

    private async ValueTask<AwsResult> TagAsync(AwsRequest request, CancellationToken cancellationToken)
    {
        var arn = request.Input.String("ResourceArn")!;
        var tags = request.Input.StringMap("Tags");
        return await store.WriteAsync<AwsResult>(session =>
        {
            if (PoolAccess.FromArn(session, request.Caller, arn) is not { } pool)
            {
                return ArnNotFound(arn);
            }

            var merged = PoolSettings.Tags(pool).DeepClone().AsObject();
            foreach (var (key, value) in tags)
            {
                merged[key] = value;
            }

            if (merged.Count > PoolSettings.MaxTags)
            {
                return IdentityErrors.InvalidParameter($"An identity pool can have at most {PoolSettings.MaxTags} tags.");
            }

            session.UpdatePool(WithTags(pool, merged, request.ReceivedAt));
            return AwsResult.Empty();
        }, cancellationToken).ConfigureAwait(false);
    }

    private async ValueTask<AwsResult> UntagAsync(AwsRequest request, CancellationToken cancellationToken)
    {
        var arn = request.Input.String("ResourceArn")!;
        var keys = request.Input.StringList("TagKeys");
        return await store.WriteAsync<AwsResult>(session =>
        {
            if (PoolAccess.FromArn(session, request.Caller, arn) is not { } pool)
            {
                return ArnNotFound(arn);
            }

            var remaining = PoolSettings.Tags(pool).DeepClone().AsObject();
            foreach (var key in keys)
            {
                remaining.Remove(key);
            }

            session.UpdatePool(WithTags(pool, remaining, request.ReceivedAt));
            return AwsResult.Empty();
        }, cancellationToken).ConfigureAwait(false);
    }

    private async ValueTask<AwsResult> ListTagsAsync(AwsRequest request, CancellationToken cancellationToken)
    {
        var arn = request.Input.String("ResourceArn")!;
        var pool = await store.ReadAsync(session => PoolAccess.FromArn(session, request.Caller, arn), cancellationToken).ConfigureAwait(false);
        return pool is null ? ArnNotFound(arn) : IdentityJson.Ok(new JsonObject { ["Tags"] = PoolSettings.Tags(pool).DeepClone() });
    }

    private static AwsError ArnNotFound(string arn) => IdentityErrors.ResourceNotFound($"Resource '{arn}' not found.");

    private static IdentityPoolRecord WithTags(IdentityPoolRecord pool, JsonObject tags, DateTimeOffset now)
    {
        var config = pool.Config.DeepClone().AsObject();
        var settings = config[PoolSettings.PoolKey]!.AsObject();
        settings.Remove("IdentityPoolTags");
        if (tags.Count > 0)
        {
            settings["IdentityPoolTags"] = tags;
        }

        return pool with { UpdatedAt = now, Config = config };
    }
}
