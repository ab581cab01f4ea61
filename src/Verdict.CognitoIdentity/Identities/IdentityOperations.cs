using System.Text.Json.Nodes;
using Verdict.CognitoIdentity.Common;
using Verdict.CognitoIdentity.Pools;
using Verdict.CognitoIdentity.Roles;
using Verdict.CognitoIdentity.Storage;
using Verdict.CognitoIdentityProvider.Common;
using Verdict.Protocol;

namespace Verdict.CognitoIdentity.Identities;

/// <summary>
/// GetId, GetOpenIdToken, GetCredentialsForIdentity and UnlinkIdentity (unsigned, as on AWS), and DescribeIdentity,
/// ListIdentities and DeleteIdentities (developer calls).
/// </summary>
internal sealed class IdentityOperations(IdentityPoolStore store, LoginVerifier verifier, IdentityAccess access, IdentityTokens tokens)
{
    public void Register(OperationTable table)
    {
        table.Add("GetId", GetIdAsync);
        table.Add("GetOpenIdToken", GetOpenIdTokenAsync);
        table.Add("GetCredentialsForIdentity", GetCredentialsAsync);
        table.Add("UnlinkIdentity", UnlinkAsync);
        table.Add("DescribeIdentity", DescribeAsync);
        table.Add("ListIdentities", ListAsync);
        table.Add("DeleteIdentities", DeleteAsync);
    }

    private async ValueTask<AwsResult> GetIdAsync(AwsRequest request, CancellationToken cancellationToken)
    {
        var poolId = request.Input.String("IdentityPoolId")!;
        var pool = await store.ReadAsync(session => PoolAccess.Visible(session, request.Caller, poolId), cancellationToken).ConfigureAwait(false);
        if (pool is null || request.Input.String("AccountId") is { } account && account != pool.Account)
        {
            return PoolAccess.NotFound(poolId);
        }

        var logins = request.Input.StringMap("Logins");
        if (logins.Count == 0)
        {
            if (!PoolSettings.AllowsUnauthenticated(pool))
            {
                return IdentityErrors.UnauthenticatedNotSupported();
            }

            var identity = new IdentityRecord(IdentityIds.NewId(pool.Region), pool.IdentityPoolId, request.ReceivedAt, request.ReceivedAt, Enabled: true);
            await store.WriteAsync(session =>
            {
                session.InsertIdentity(identity);
                return true;
            }, cancellationToken).ConfigureAwait(false);
            return IdentityJson.Ok(new JsonObject { ["IdentityId"] = identity.IdentityId });
        }

        var (verified, error) = await verifier.VerifyAsync(pool, logins, cancellationToken).ConfigureAwait(false);
        if (error is not null)
        {
            return error;
        }

        var (linked, linkError) = await store.WriteAsync(
            session => IdentityLinks.Link(session, pool, null, verified, request.ReceivedAt), cancellationToken, r => r.Error is null).ConfigureAwait(false);
        return linkError is not null ? linkError : IdentityJson.Ok(new JsonObject { ["IdentityId"] = linked!.IdentityId });
    }

    /// <summary>The basic (classic) flow's token: refused when the pool turned the flow off or maps roles.</summary>
    private async ValueTask<AwsResult> GetOpenIdTokenAsync(AwsRequest request, CancellationToken cancellationToken)
    {
        var (authorized, error) = await access.AuthorizeAsync(request, cancellationToken).ConfigureAwait(false);
        if (error is not null)
        {
            return error;
        }

        var pool = authorized!.Pool;
        if (PoolSettings.Of(pool)["AllowClassicFlow"]?.GetValue<bool>() == false)
        {
            return IdentityErrors.InvalidParameter("Basic (classic) flow is not enabled, please use enhanced flow.");
        }

        if (pool.Config[RoleResolver.RoleMappingsKey] is JsonObject { Count: > 0 })
        {
            return IdentityErrors.InvalidParameter("Basic (classic) flow is not supported with RoleMappings, please use enhanced flow.");
        }

        var token = await tokens.OpenIdTokenAsync(authorized, lifetime: null, principalTags: null, cancellationToken).ConfigureAwait(false);
        return IdentityJson.Ok(new JsonObject { ["IdentityId"] = authorized.Identity.IdentityId, ["Token"] = token });
    }

    private async ValueTask<AwsResult> GetCredentialsAsync(AwsRequest request, CancellationToken cancellationToken)
    {
        var (authorized, error) = await access.AuthorizeAsync(request, cancellationToken).ConfigureAwait(false);
        if (error is not null)
        {
            return error;
        }

        var (role, roleError) = RoleResolver.Resolve(authorized!.Pool, authorized.Logins, request.Input.String("CustomRoleArn"));
        if (roleError is not null)
        {
            return roleError;
        }

        return IdentityJson.Ok(new JsonObject
        {
            ["IdentityId"] = authorized.Identity.IdentityId,
            ["Credentials"] = tokens.Credentials(authorized, role!),
        });
    }

    /// <summary>Unlinks the providers named in LoginsToRemove; an identity left without logins is disabled.</summary>
    private async ValueTask<AwsResult> UnlinkAsync(AwsRequest request, CancellationToken cancellationToken)
    {
        var (authorized, error) = await access.AuthorizeAsync(request, cancellationToken).ConfigureAwait(false);
        if (error is not null)
        {
            return error;
        }

        var remove = new HashSet<string>(request.Input.StringList("LoginsToRemove"), StringComparer.Ordinal);
        var identityId = authorized!.Identity.IdentityId;
        await store.WriteAsync(session =>
        {
            var logins = session.LoginsOf(identityId);
            foreach (var login in logins.Where(l => remove.Contains(l.Provider)))
            {
                session.RemoveLogin(login.IdentityPoolId, login.Provider, login.Subject);
            }

            if (session.GetIdentity(identityId) is { } identity)
            {
                var left = session.LoginsOf(identityId).Count;
                session.UpdateIdentity(identity with { UpdatedAt = request.ReceivedAt, Enabled = identity.Enabled && left > 0 });
            }

            return true;
        }, cancellationToken).ConfigureAwait(false);
        return AwsResult.Empty();
    }

    private async ValueTask<AwsResult> DescribeAsync(AwsRequest request, CancellationToken cancellationToken)
    {
        var identityId = request.Input.String("IdentityId")!;
        var output = await store.ReadAsync(session =>
        {
            var identity = session.GetIdentity(identityId);
            return identity is null || PoolAccess.Visible(session, request.Caller, identity.IdentityPoolId) is null
                ? null
                : Describe(identity, session.LoginsOf(identityId));
        }, cancellationToken).ConfigureAwait(false);
        return output is null ? IdentityErrors.IdentityNotFound(identityId) : IdentityJson.Ok(output);
    }

    private async ValueTask<AwsResult> ListAsync(AwsRequest request, CancellationToken cancellationToken)
    {
        var poolId = request.Input.String("IdentityPoolId")!;
        var hideDisabled = request.Input.Bool("HideDisabled") == true;
        var limit = (int)request.Input.Long("MaxResults")!.Value;
        var token = request.Input.String("NextToken");
        return await store.ReadAsync<AwsResult>(session =>
        {
            if (PoolAccess.Visible(session, request.Caller, poolId) is null)
            {
                return PoolAccess.NotFound(poolId);
            }

            var identities = session.ListIdentities(poolId).Where(i => i.Enabled || !hideDisabled).ToList();
            if (Paging.Slice(identities, i => i.IdentityId, token, limit) is not { } slice)
            {
                return IdentityErrors.InvalidParameter("The pagination token is invalid.");
            }

            var list = new JsonArray();
            foreach (var identity in slice.Page)
            {
                list.Add(Describe(identity, session.LoginsOf(identity.IdentityId)));
            }

            var output = new JsonObject { ["IdentityPoolId"] = poolId, ["Identities"] = list };
            if (slice.NextToken is not null)
            {
                output["NextToken"] = slice.NextToken;
            }

            return IdentityJson.Ok(output);
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Deletes the caller's identities; an identity of someone else's pool comes back as AccessDenied, an unknown one is ignored.</summary>
    private async ValueTask<AwsResult> DeleteAsync(AwsRequest request, CancellationToken cancellationToken)
    {
        var ids = request.Input.StringList("IdentityIdsToDelete");
        var unprocessed = await store.WriteAsync(session =>
        {
            var refused = new JsonArray();
            foreach (var id in ids)
            {
                if (session.GetIdentity(id) is not { } identity)
                {
                    continue;
                }

                if (PoolAccess.Visible(session, request.Caller, identity.IdentityPoolId) is null)
                {
                    refused.Add(new JsonObject { ["IdentityId"] = id, ["ErrorCode"] = "AccessDenied" });
                    continue;
                }

                session.DeleteIdentity(id);
            }

            return refused;
        }, cancellationToken).ConfigureAwait(false);
        return IdentityJson.Ok(new JsonObject { ["UnprocessedIdentityIds"] = unprocessed });
    }

    /// <summary>An <c>IdentityDescription</c>: the providers linked (each once), and the dates as epoch seconds.</summary>
    internal static JsonObject Describe(IdentityRecord identity, IReadOnlyList<LoginRecord> logins)
    {
        var output = new JsonObject { ["IdentityId"] = identity.IdentityId };
        var providers = logins.Select(l => l.Provider).Distinct(StringComparer.Ordinal).ToList();
        if (providers.Count > 0)
        {
            output["Logins"] = new JsonArray([.. providers.Select(p => (JsonNode?)JsonValue.Create(p))]);
        }

        output["CreationDate"] = Timestamps.ToEpochSeconds(identity.CreatedAt);
        output["LastModifiedDate"] = Timestamps.ToEpochSeconds(identity.UpdatedAt);
        return output;
    }
}
