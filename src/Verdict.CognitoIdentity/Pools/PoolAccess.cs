using Verdict.CognitoIdentity.Common;
using Verdict.CognitoIdentity.Storage;
using Verdict.Protocol;

namespace Verdict.CognitoIdentity.Pools;

/// <summary>Which pool a call may see: a signed call sees its own account's pools in its region; an unsigned one finds the pool by id.</summary>
internal static class PoolAccess
{
    public static IdentityPoolRecord? Visible(IdentityPoolSession session, CallerIdentity caller, string identityPoolId)
    {
        var pool = session.GetPool(identityPoolId);
        if (pool is null)
        {
            return null;
        }

        if (caller.IsAnonymous)
        {
            return IdentityIds.RegionOf(identityPoolId) == pool.Region ? pool : null;
        }

        return pool.Account == caller.Account && pool.Region == caller.Region ? pool : null;
    }

    /// <summary>The pool named by an identity pool ARN (<c>arn:aws:cognito-identity:REGION:ACCOUNT:identitypool/ID</c>) of the caller.</summary>
    public static IdentityPoolRecord? FromArn(IdentityPoolSession session, CallerIdentity caller, string arn)
    {
        const string Marker = ":identitypool/";
        var at = arn.IndexOf(Marker, StringComparison.Ordinal);
        if (at < 0 || !arn.StartsWith("arn:", StringComparison.Ordinal))
        {
            return null;
        }

        var pool = Visible(session, caller, arn[(at + Marker.Length)..]);
        return pool is not null && arn == IdentityIds.PoolArn(pool.Region, pool.Account, pool.IdentityPoolId) ? pool : null;
    }

    public static AwsError NotFound(string identityPoolId) => IdentityErrors.PoolNotFound(identityPoolId);
}
