using System.Security.Cryptography;
using System.Text;
using Verdict.CognitoIdentityProvider.Common;
using Verdict.CognitoIdentityProvider.Storage;
using Verdict.Protocol;

namespace Verdict.CognitoIdentityProvider.Auth;

/// <summary>SECRET_HASH = Base64(HMAC-SHA256(key: client secret, message: username + client id)), required from clients with a secret.</summary>
public static class SecretHash
{
    public static string Compute(string clientSecret, string username, string clientId) =>
        Convert.ToBase64String(HMACSHA256.HashData(Encoding.UTF8.GetBytes(clientSecret), Encoding.UTF8.GetBytes(username + clientId)));

    /// <summary>Null when the client has no secret or <paramref name="provided"/> matches one of the names the user may go by.</summary>
    public static AwsError? Check(UserPoolClientRecord client, string? provided, params string?[] usernames)
    {
        if (client.Secret is null)
        {
            return null;
        }

        if (string.IsNullOrEmpty(provided))
        {
            return CognitoErrors.NotAuthorized($"Client {client.ClientId} is configured with secret but SECRET_HASH was not received");
        }

        var providedBytes = Encoding.UTF8.GetBytes(provided);
        foreach (var username in usernames)
        {
            if (username is not null &&
                CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(Compute(client.Secret, username, client.ClientId)), providedBytes))
            {
                return null;
            }
        }

        return CognitoErrors.NotAuthorized($"Unable to verify secret hash for client {client.ClientId}");
    }
}
