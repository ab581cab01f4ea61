using Verdict.CognitoIdentity.Common;
using Verdict.CognitoIdentity.Pools;
using Verdict.CognitoIdentity.Storage;
using Verdict.Protocol;

namespace Verdict.CognitoIdentity.Identities;

/// <summary>An identity a caller has proved it may act as: the identity, its pool, and the verified logins (none when unauthenticated).</summary>
internal sealed record AuthorizedIdentity(IdentityRecord Identity, IdentityPoolRecord Pool, IReadOnlyList<VerifiedLogin> Logins)
{
    public bool Authenticated => Logins.Count > 0;
}

/// <summary>
/// The check GetOpenIdToken, GetCredentialsForIdentity and UnlinkIdentity share: the identity exists and is enabled;
/// without logins it must be an unauthenticated identity of a pool that allows them; with logins, they must verify
/// and at least one must belong to it (new ones are linked).
/// </summary>
internal sealed class IdentityAccess(IdentityPoolStore store, LoginVerifier verifier)
{
    public async ValueTask<(AuthorizedIdentity? Identity, AwsError? Error)> AuthorizeAsync(AwsRequest request, CancellationToken cancellationToken)
    {
        var identityId = request.Input.String("IdentityId")!;
        var (identity, pool) = await store.ReadAsync(session =>
        {
            var found = IdentityIds.RegionOf(identityId) is null ? null : session.GetIdentity(identityId);
            var owner = found is null ? null : PoolAccess.Visible(session, request.Caller, found.IdentityPoolId);
            return owner is null ? (null, null) : (found, owner);
        }, cancellationToken).ConfigureAwait(false);
        if (identity is null || pool is null)
        {
            return (null, IdentityErrors.IdentityNotFound(identityId));
        }

        if (!identity.Enabled)
        {
            return (null, IdentityErrors.IdentityForbidden(identityId));
        }

        var logins = request.Input.StringMap("Logins");
        if (logins.Count == 0)
        {
            var linked = await store.ReadAsync(session => session.LoginsOf(identityId).Count, cancellationToken).ConfigureAwait(false);
            if (linked > 0)
            {
                return (null, IdentityErrors.IdentityForbidden(identityId));
            }

            return PoolSettings.AllowsUnauthenticated(pool)
                ? (new AuthorizedIdentity(identity, pool, []), null)
                : (null, IdentityErrors.UnauthenticatedNotSupported());
        }

        var (verified, error) = await verifier.VerifyAsync(pool, logins, cancellationToken).ConfigureAwait(false);
        if (error is not null)
        {
            return (null, error);
        }

        var (linkedIdentity, linkError) = await store.WriteAsync(
            session => IdentityLinks.Link(session, pool, session.GetIdentity(identityId) ?? identity, verified, request.ReceivedAt),
            cancellationToken, r => r.Error is null).ConfigureAwait(false);
        return linkError is not null ? (null, linkError) : (new AuthorizedIdentity(linkedIdentity!, pool, verified), null);
    }
}
