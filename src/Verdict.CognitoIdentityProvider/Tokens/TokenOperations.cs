using System.Text.Json.Nodes;
using Verdict.CognitoIdentityProvider.Clients;
using Verdict.CognitoIdentityProvider.Common;
using Verdict.CognitoIdentityProvider.Storage;
using Verdict.CognitoIdentityProvider.Users;
using Verdict.Protocol;

namespace Verdict.CognitoIdentityProvider.Tokens;

/// <summary>GetUser, GlobalSignOut and RevokeToken (unsigned: the token is the credential) and AdminUserGlobalSignOut.</summary>
public sealed class TokenOperations(ICognitoStorage storage, PoolResolver resolver, UserDirectory users, AccessTokenValidator validator)
{
    public void Register(OperationTable table)
    {
        table.Add("GetUser", GetUserAsync);
        table.Add("GlobalSignOut", GlobalSignOutAsync);
        table.Add("AdminUserGlobalSignOut", AdminUserGlobalSignOutAsync);
        table.Add("RevokeToken", RevokeTokenAsync);
    }

    private async ValueTask<AwsResult> GetUserAsync(AwsRequest request, CancellationToken cancellationToken)
    {
        var (_, user, _, error) = await validator.ValidateAsync(request.Input.String("AccessToken")!, cancellationToken).ConfigureAwait(false);
        if (user is null)
        {
            return error!;
        }

        return AwsResult.Ok(
            new JsonObject { ["Username"] = user.Username, ["UserAttributes"] = UserAttributes.ToJson(user.Attributes) },
            CognitoJson.Default.JsonObject);
    }

    private async ValueTask<AwsResult> GlobalSignOutAsync(AwsRequest request, CancellationToken cancellationToken)
    {
        var (_, user, _, error) = await validator.ValidateAsync(request.Input.String("AccessToken")!, cancellationToken).ConfigureAwait(false);
        if (user is null)
        {
            return error!;
        }

        await storage.RevokeUserAuthSessionsAsync(user.UserPoolId, user.Username, cancellationToken).ConfigureAwait(false);
        return AwsResult.Empty();
    }

    private async ValueTask<AwsResult> AdminUserGlobalSignOutAsync(AwsRequest request, CancellationToken cancellationToken)
    {
        var (pool, error) = await resolver.PoolAsync(request, request.Input.String("UserPoolId")!, cancellationToken).ConfigureAwait(false);
        if (pool is null)
        {
            return error!;
        }

        var user = await users.FindAsync(pool, request.Input.String("Username")!, cancellationToken).ConfigureAwait(false);
        if (user is null)
        {
            return CognitoErrors.UserNotFound();
        }

        await storage.RevokeUserAuthSessionsAsync(pool.UserPoolId, user.Username, cancellationToken).ConfigureAwait(false);
        return AwsResult.Empty();
    }

    /// <summary>
    /// Revokes a refresh token and every access and ID token issued from it. As RFC 7009 asks, a token that is unknown
    /// (already expired or revoked, or never issued) is not an error; an ID or access token is the wrong type.
    /// </summary>
    private async ValueTask<AwsResult> RevokeTokenAsync(AwsRequest request, CancellationToken cancellationToken)
    {
        var input = request.Input;
        var client = await storage.FindClientAsync(input.String("ClientId")!, cancellationToken).ConfigureAwait(false);
        if (client is null)
        {
            return CognitoErrors.Unauthorized("Invalid client");
        }

        if (client.Secret is not null && input.String("ClientSecret") != client.Secret)
        {
            return CognitoErrors.Unauthorized("Invalid client secret");
        }

        if (!ClientSettings.TokenRevocationEnabled(client.Config))
        {
            return new AwsError("UnsupportedOperationException", "Token revocation is not enabled for this app client.", 400);
        }

        var token = input.String("Token")!;
        if (Jwt.Decode(token) is not null)
        {
            return CognitoErrors.UnsupportedTokenType("Only refresh tokens can be revoked.");
        }

        var session = await storage.FindAuthSessionByRefreshTokenAsync(Identifiers.HashToken(token), cancellationToken).ConfigureAwait(false);
        if (session is not null)
        {
            if (session.ClientId != client.ClientId)
            {
                return CognitoErrors.Unauthorized("The refresh token was not issued to this client.");
            }

            await storage.RevokeAuthSessionAsync(session.OriginJti, cancellationToken).ConfigureAwait(false);
        }

        return AwsResult.Empty();
    }
}
