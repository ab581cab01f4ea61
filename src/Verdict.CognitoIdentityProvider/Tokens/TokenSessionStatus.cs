using System.Text.Json.Nodes;
using Verdict.CognitoIdentityProvider.Common;
using Verdict.CognitoIdentityProvider.Storage;

namespace Verdict.CognitoIdentityProvider.Tokens;

/// <summary>
/// Is the session behind an already verified token still live? False once the user signed out globally, the token's
/// refresh token was revoked, or the user was deleted or disabled. Identity pools ask this for providers with
/// ServerSideTokenCheck; the token's signature and expiry are the caller's business.
/// </summary>
public sealed class TokenSessionStatus(ICognitoStorage storage)
{
    public async ValueTask<bool> IsActiveAsync(string userPoolId, JsonObject claims, CancellationToken cancellationToken)
    {
        if (claims["origin_jti"].AsString() is not { } originJti)
        {
            return false;
        }

        var session = await storage.GetAuthSessionAsync(originJti, cancellationToken).ConfigureAwait(false);
        if (session is null || session.Revoked || session.UserPoolId != userPoolId)
        {
            return false;
        }

        var user = await storage.GetUserAsync(userPoolId, session.Username, cancellationToken).ConfigureAwait(false);
        return user is { Enabled: true } && user.Sub == claims["sub"].AsString();
    }
}
