using System.Text.Json.Nodes;
using Verdict.CognitoIdentity.Common;
using Verdict.CognitoIdentity.Identities;
using Verdict.CognitoIdentity.Pools;
using Verdict.CognitoIdentity.Storage;
using Verdict.CognitoIdentityProvider.Common;
using Verdict.Protocol;

namespace Verdict.CognitoIdentity.Developer;

/// <summary>
/// Developer-authenticated identities: the developer's backend (signed) vouches for its users under the pool's
/// DeveloperProviderName. GetOpenIdTokenForDeveloperIdentity, LookupDeveloperIdentity, MergeDeveloperIdentities,
/// UnlinkDeveloperIdentity.
/// </summary>
internal sealed class DeveloperOperations(IdentityPoolStore store, LoginVerifier verifier, IdentityTokens tokens, CognitoIdentityOptions options)
{
    public void Register(OperationTable table)
    {
        table.Add("GetOpenIdTokenForDeveloperIdentity", GetTokenAsync);
        table.Add("LookupDeveloperIdentity", LookupAsync);
        table.Add("MergeDeveloperIdentities", MergeAsync);
        table.Add("UnlinkDeveloperIdentity", UnlinkAsync);
    }

    private async ValueTask<AwsResult> GetTokenAsync(AwsRequest request, CancellationToken cancellationToken)
    {
        var input = request.Input;
        var poolId = input.String("IdentityPoolId")!;
        var pool = await store.ReadAsync(session => PoolAccess.Visible(session, request.Caller, poolId), cancellationToken).ConfigureAwait(false);
        if (pool is null)
        {
            return PoolAccess.NotFound(poolId);
        }

        if (PoolSettings.DeveloperProviderName(pool) is not { } developer)
        {
            return IdentityErrors.NotAuthorized("This identity pool has no developer provider name; set one with UpdateIdentityPool.");
        }

        var logins = input.StringMap("Logins");
        var developerLogins = logins.Where(l => l.Key == developer).ToList();
        if (developerLogins.Count == 0)
        {
            return IdentityErrors.LoginsDoNotMatch();
        }

        var (verified, error) = await verifier.VerifyAsync(pool, logins.Where(l => l.Key != developer).ToList(), cancellationToken).ConfigureAwait(false);
        if (error is not null)
        {
            return error;
        }

        var userId = developerLogins[0].Value;
        var all = new List<VerifiedLogin>(verified) { new(developer, userId, [], developer) };
        var targetId = input.String("IdentityId");
        var (identity, linkError) = await store.WriteAsync(session =>
        {
            IdentityRecord? target = null;
            if (targetId is not null)
            {
                target = session.GetIdentity(targetId);
                if (target is null || target.IdentityPoolId != pool.IdentityPoolId)
                {
                    return (null, IdentityErrors.IdentityNotFound(targetId));
                }

                if (session.FindLogin(pool.IdentityPoolId, developer, userId) is { } registered && registered.IdentityId != targetId)
                {
                    return (null, IdentityErrors.DeveloperUserAlreadyRegistered(
                        $"The developer user identifier is already registered with identity {registered.IdentityId}."));
                }
            }

            return IdentityLinks.Link(session, pool, target, all, request.ReceivedAt, trusted: true);
        }, cancellationToken, r => r.Error is null).ConfigureAwait(false);
        if (linkError is not null)
        {
            return linkError;
        }

        var lifetime = input.Long("TokenDuration") is { } seconds ? TimeSpan.FromSeconds(seconds) : options.DeveloperTokenDefaultLifetime;
        var principalTags = input.Object("PrincipalTags") is { } tags ? JsonNode.Parse(tags.GetRawText())!.AsObject() : null;
        var token = await tokens.OpenIdTokenAsync(new AuthorizedIdentity(identity!, pool, all), lifetime, principalTags, cancellationToken).ConfigureAwait(false);
        return IdentityJson.Ok(new JsonObject { ["IdentityId"] = identity!.IdentityId, ["Token"] = token });
    }

    private async ValueTask<AwsResult> LookupAsync(AwsRequest request, CancellationToken cancellationToken)
    {
        var input = request.Input;
        var poolId = input.String("IdentityPoolId")!;
        var identityId = input.String("IdentityId");
        var userId = input.String("DeveloperUserIdentifier");
        if (identityId is null && userId is null)
        {
            return IdentityErrors.InvalidParameter("Either IdentityId or DeveloperUserIdentifier must be specified.");
        }

        var limit = (int)(input.Long("MaxResults") ?? 60);
        var token = input.String("NextToken");
        return await store.ReadAsync<AwsResult>(session =>
        {
            if (PoolAccess.Visible(session, request.Caller, poolId) is not { } pool)
            {
                return PoolAccess.NotFound(poolId);
            }

            var developer = PoolSettings.DeveloperProviderName(pool);
            var found = identityId;
            if (userId is not null)
            {
                var login = developer is null ? null : session.FindLogin(poolId, developer, userId);
                if (login is null || identityId is not null && login.IdentityId != identityId)
                {
                    return IdentityErrors.ResourceNotFound($"Developer user identifier '{userId}' not found.");
                }

                found = login.IdentityId;
            }

            if (session.GetIdentity(found!) is not { } identity || identity.IdentityPoolId != poolId)
            {
                return IdentityErrors.IdentityNotFound(found!);
            }

            var userIds = session.LoginsOf(identity.IdentityId).Where(l => l.Provider == developer).Select(l => l.Subject).Order(StringComparer.Ordinal).ToList();
            if (Paging.Slice(userIds, u => u, token, limit) is not { } slice)
            {
                return IdentityErrors.InvalidParameter("The pagination token is invalid.");
            }

            var output = new JsonObject
            {
                ["IdentityId"] = identity.IdentityId,
                ["DeveloperUserIdentifierList"] = new JsonArray([.. slice.Page.Select(u => (JsonNode?)JsonValue.Create(u))]),
            };
            if (slice.NextToken is not null)
            {
                output["NextToken"] = slice.NextToken;
            }

            return IdentityJson.Ok(output);
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Moves every login of the source user's identity to the destination user's identity; the source identity is disabled.</summary>
    private async ValueTask<AwsResult> MergeAsync(AwsRequest request, CancellationToken cancellationToken)
    {
        var input = request.Input;
        var poolId = input.String("IdentityPoolId")!;
        var provider = input.String("DeveloperProviderName")!;
        var source = input.String("SourceUserIdentifier")!;
        var destination = input.String("DestinationUserIdentifier")!;
        return await store.WriteAsync<AwsResult>(session =>
        {
            if (PoolAccess.Visible(session, request.Caller, poolId) is not { } pool)
            {
                return PoolAccess.NotFound(poolId);
            }

            if (PoolSettings.DeveloperProviderName(pool) != provider)
            {
                return IdentityErrors.InvalidParameter($"DeveloperProviderName '{provider}' is not the developer provider of this identity pool.");
            }

            var from = session.FindLogin(poolId, provider, source);
            var to = session.FindLogin(poolId, provider, destination);
            if (from is null || to is null)
            {
                return IdentityErrors.ResourceNotFound($"Developer user identifier '{(from is null ? source : destination)}' not found.");
            }

            if (from.IdentityId != to.IdentityId)
            {
                var total = session.LoginsOf(from.IdentityId).Count + session.LoginsOf(to.IdentityId).Count;
                if (total > IdentityLinks.MaxLoginsPerIdentity)
                {
                    return IdentityErrors.ResourceConflict(
                        $"The merged identity would have {total} linked logins; at most {IdentityLinks.MaxLoginsPerIdentity} are allowed.");
                }

                session.MoveLogins(from.IdentityId, to.IdentityId);
                if (session.GetIdentity(from.IdentityId) is { } merged)
                {
                    session.UpdateIdentity(merged with { Enabled = false, UpdatedAt = request.ReceivedAt });
                }

                if (session.GetIdentity(to.IdentityId) is { } kept)
                {
                    session.UpdateIdentity(kept with { UpdatedAt = request.ReceivedAt });
                }
            }

            return IdentityJson.Ok(new JsonObject { ["IdentityId"] = to.IdentityId });
        }, cancellationToken, r => r.Error is null).ConfigureAwait(false);
    }

    private async ValueTask<AwsResult> UnlinkAsync(AwsRequest request, CancellationToken cancellationToken)
    {
        var input = request.Input;
        var poolId = input.String("IdentityPoolId")!;
        var identityId = input.String("IdentityId")!;
        var provider = input.String("DeveloperProviderName")!;
        var userId = input.String("DeveloperUserIdentifier")!;
        return await store.WriteAsync<AwsResult>(session =>
        {
            if (PoolAccess.Visible(session, request.Caller, poolId) is not { } pool)
            {
                return PoolAccess.NotFound(poolId);
            }

            if (PoolSettings.DeveloperProviderName(pool) != provider)
            {
                return IdentityErrors.InvalidParameter($"DeveloperProviderName '{provider}' is not the developer provider of this identity pool.");
            }

            if (session.GetIdentity(identityId) is not { } identity || identity.IdentityPoolId != poolId)
            {
                return IdentityErrors.IdentityNotFound(identityId);
            }

            var login = session.FindLogin(poolId, provider, userId);
            if (login is null || login.IdentityId != identityId)
            {
                return IdentityErrors.ResourceNotFound($"Developer user identifier '{userId}' is not linked to identity '{identityId}'.");
            }

            session.RemoveLogin(poolId, provider, userId);
            var left = session.LoginsOf(identityId).Count;
            session.UpdateIdentity(identity with { UpdatedAt = request.ReceivedAt, Enabled = identity.Enabled && left > 0 });
            return AwsResult.Empty();
        }, cancellationToken, r => r.Error is null).ConfigureAwait(false);
    }
}
