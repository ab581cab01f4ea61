using Verdict.CognitoIdentityProvider.Common;
using Verdict.CognitoIdentityProvider.Storage;
using Verdict.Protocol;

namespace Verdict.CognitoIdentityProvider.Tokens;

/// <summary>
/// Checks an access token presented to GetUser or GlobalSignOut: a valid, unexpired access token of ours (see
/// <see cref="CognitoTokenVerifier"/>) whose session (origin_jti) was not revoked by a sign-out, a revocation or the
/// user's deletion or deactivation.
/// </summary>
public sealed class AccessTokenValidator(ICognitoStorage storage, CognitoTokenVerifier verifier)
{
    public async ValueTask<(UserPoolRecord? Pool, UserRecord? User, AuthSessionRecord? Session, AwsError? Error)> ValidateAsync(string token, CancellationToken cancellationToken)
    {
        var (verified, failure) = await verifier.VerifyAsync(token, cancellationToken).ConfigureAwait(false);
        if (failure == CognitoTokenFailure.Expired)
        {
            return (null, null, null, CognitoErrors.NotAuthorized("Access Token has expired"));
        }

        if (verified is null || verified.TokenUse != "access")
        {
            return (null, null, null, CognitoErrors.NotAuthorized("Invalid Access Token"));
        }

        var session = verified.Claims["origin_jti"].AsString() is { } originJti
            ? await storage.GetAuthSessionAsync(originJti, cancellationToken).ConfigureAwait(false)
            : null;
        if (session is null || session.Revoked || session.UserPoolId != verified.Pool.UserPoolId)
        {
            return (null, null, null, CognitoErrors.NotAuthorized("Access Token has been revoked"));
        }

        var user = await storage.GetUserAsync(verified.Pool.UserPoolId, session.Username, cancellationToken).ConfigureAwait(false);
        if (user is null)
        {
            return (null, null, null, CognitoErrors.UserNotFound());
        }

        if (!user.Enabled)
        {
            return (null, null, null, CognitoErrors.NotAuthorized("User is disabled."));
        }

        return (verified.Pool, user, session, null);
    }
}
