using Verdict.CognitoIdentity.Common;
using Verdict.CognitoIdentity.Storage;
using Verdict.Protocol;

namespace Verdict.CognitoIdentity.Identities;

/// <summary>
/// Finds or creates the identity a set of verified logins belongs to, and links the logins not yet linked to it
/// (supplying several logins links them, as on AWS). Runs inside one write session, so two concurrent first sign-ins
/// of the same user get the same identity.
/// </summary>
internal static class IdentityLinks
{
    public const int MaxLoginsPerIdentity = 20;

    /// <param name="target">The identity the caller named (GetOpenIdToken, GetCredentialsForIdentity, …), or null to find or create one (GetId).</param>
    /// <param name="trusted">
    /// A developer call (GetOpenIdTokenForDeveloperIdentity): the developer's backend vouches for the user, so new
    /// logins may be linked to a named identity without one of its own logins.
    /// </param>
    public static (IdentityRecord? Identity, AwsError? Error) Link(
        IdentityPoolSession session, IdentityPoolRecord pool, IdentityRecord? target, IReadOnlyList<VerifiedLogin> logins, DateTimeOffset now,
        bool trusted = false)
    {
        var owners = new HashSet<string>(StringComparer.Ordinal);
        foreach (var login in logins)
        {
            if (login.OwnIdentityId is { } own)
            {
                owners.Add(own);
            }
            else if (session.FindLogin(pool.IdentityPoolId, login.Provider, login.Subject) is { } linked)
            {
                owners.Add(linked.IdentityId);
            }
        }

        IdentityRecord? identity;
        if (target is not null)
        {
            if (owners.Any(o => o != target.IdentityId))
            {
                return (null, owners.Count == 1 && session.LoginsOf(target.IdentityId).Count > 0
                    ? IdentityErrors.LoginsDoNotMatch()
                    : IdentityErrors.ResourceConflict("Logins are already linked to another identity."));
            }

            if (!trusted && !owners.Contains(target.IdentityId) && session.LoginsOf(target.IdentityId).Count > 0)
            {
                return (null, IdentityErrors.LoginsDoNotMatch());
            }

            identity = target;
        }
        else if (owners.Count > 1)
        {
            return (null, IdentityErrors.ResourceConflict("Logins are linked to different identities."));
        }
        else if (owners.Count == 1)
        {
            identity = session.GetIdentity(owners.First());
            if (identity is null || identity.IdentityPoolId != pool.IdentityPoolId)
            {
                return (null, IdentityErrors.LoginsDoNotMatch());
            }
        }
        else
        {
            identity = new IdentityRecord(IdentityIds.NewId(pool.Region), pool.IdentityPoolId, now, now, Enabled: true);
            session.InsertIdentity(identity);
        }

        if (!identity.Enabled)
        {
            return (null, IdentityErrors.IdentityForbidden(identity.IdentityId));
        }

        var linkedCount = session.LoginsOf(identity.IdentityId).Count;
        var changed = false;
        foreach (var login in logins)
        {
            if (login.OwnIdentityId is null && session.FindLogin(pool.IdentityPoolId, login.Provider, login.Subject) is null)
            {
                if (++linkedCount > MaxLoginsPerIdentity)
                {
                    return (null, IdentityErrors.LimitExceeded($"An identity can have at most {MaxLoginsPerIdentity} linked logins."));
                }

                session.AddLogin(new LoginRecord(pool.IdentityPoolId, login.Provider, login.Subject, identity.IdentityId, now));
                changed = true;
            }
        }

        if (changed && target is not null)
        {
            identity = identity with { UpdatedAt = now };
            session.UpdateIdentity(identity);
        }

        return (identity, null);
    }
}
