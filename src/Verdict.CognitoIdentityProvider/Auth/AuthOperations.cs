using System.Text.Json.Nodes;
using Verdict.CognitoIdentityProvider.Clients;
using Verdict.CognitoIdentityProvider.Common;
using Verdict.CognitoIdentityProvider.Storage;
using Verdict.CognitoIdentityProvider.Tokens;
using Verdict.CognitoIdentityProvider.Users;
using Verdict.Protocol;

namespace Verdict.CognitoIdentityProvider.Auth;

/// <summary>
/// InitiateAuth (unsigned), AdminInitiateAuth and RespondToAuthChallenge (unsigned): password sign-in, refresh, and the
/// NEW_PASSWORD_REQUIRED challenge of admin-created users. SRP and custom flows are not implemented.
/// </summary>
public sealed class AuthOperations(ICognitoStorage storage, PoolResolver resolver, UserDirectory users, TokenIssuer issuer, TimeProvider time)
{
    private const string NewPasswordRequired = "NEW_PASSWORD_REQUIRED";

    public void Register(OperationTable table)
    {
        table.Add("InitiateAuth", InitiateAuthAsync);
        table.Add("AdminInitiateAuth", AdminInitiateAuthAsync);
        table.Add("RespondToAuthChallenge", RespondToAuthChallengeAsync);
    }

    private async ValueTask<AwsResult> InitiateAuthAsync(AwsRequest request, CancellationToken cancellationToken)
    {
        var (pool, client, error) = await resolver.ClientAsync(request.Input.String("ClientId")!, cancellationToken).ConfigureAwait(false);
        if (client is null)
        {
            return error!;
        }

        var parameters = request.Input.StringMap("AuthParameters");
        return request.Input.String("AuthFlow") switch
        {
            "USER_PASSWORD_AUTH" => ClientSettings.AllowsFlow(client.Config, "ALLOW_USER_PASSWORD_AUTH", "USER_PASSWORD_AUTH")
                ? await PasswordAsync(pool!, client, parameters, cancellationToken).ConfigureAwait(false)
                : CognitoErrors.InvalidParameter("USER_PASSWORD_AUTH flow not enabled for this client"),
            "REFRESH_TOKEN_AUTH" or "REFRESH_TOKEN" => await RefreshAsync(pool!, client, parameters, cancellationToken).ConfigureAwait(false),
            "USER_SRP_AUTH" => CognitoErrors.InvalidParameter("USER_SRP_AUTH is not supported by Verdict; enable ALLOW_USER_PASSWORD_AUTH and use USER_PASSWORD_AUTH."),
            _ => CognitoErrors.InvalidParameter("Initiate Auth method not supported."),
        };
    }

    private async ValueTask<AwsResult> AdminInitiateAuthAsync(AwsRequest request, CancellationToken cancellationToken)
    {
        var (pool, client, error) = await resolver.PoolClientAsync(request, request.Input.String("UserPoolId")!, request.Input.String("ClientId")!, cancellationToken)
            .ConfigureAwait(false);
        if (client is null)
        {
            return error!;
        }

        var parameters = request.Input.StringMap("AuthParameters");
        return request.Input.String("AuthFlow") switch
        {
            "ADMIN_USER_PASSWORD_AUTH" or "ADMIN_NO_SRP_AUTH" => ClientSettings.AllowsFlow(client.Config, "ALLOW_ADMIN_USER_PASSWORD_AUTH", "ADMIN_NO_SRP_AUTH")
                ? await PasswordAsync(pool!, client, parameters, cancellationToken).ConfigureAwait(false)
                : CognitoErrors.InvalidParameter("Auth flow not enabled for this client"),
            "REFRESH_TOKEN_AUTH" or "REFRESH_TOKEN" => await RefreshAsync(pool!, client, parameters, cancellationToken).ConfigureAwait(false),
            _ => CognitoErrors.InvalidParameter("Initiate Auth method not supported."),
        };
    }

    private async ValueTask<AwsResult> PasswordAsync(UserPoolRecord pool, UserPoolClientRecord client, Dictionary<string, string> parameters, CancellationToken cancellationToken)
    {
        if (!parameters.TryGetValue("USERNAME", out var username) || username.Length == 0)
        {
            return CognitoErrors.InvalidParameter("Missing required parameter USERNAME");
        }

        if (!parameters.TryGetValue("PASSWORD", out var password) || password.Length == 0)
        {
            return CognitoErrors.InvalidParameter("Missing required parameter PASSWORD");
        }

        var user = await users.FindAsync(pool, username, cancellationToken).ConfigureAwait(false);
        if (SecretHash.Check(client, parameters.GetValueOrDefault("SECRET_HASH"), username, user?.Username) is { } secretError)
        {
            return secretError;
        }

        if (user is null)
        {
            PasswordHasher.Verify(password, null); // same cost as a real check, so timing does not tell
            return ClientSettings.PreventsUserExistenceErrors(client.Config)
                ? CognitoErrors.NotAuthorized("Incorrect username or password.")
                : CognitoErrors.UserNotFound();
        }

        if (!PasswordHasher.Verify(password, user.PasswordHash))
        {
            return CognitoErrors.NotAuthorized("Incorrect username or password.");
        }

        if (!user.Enabled)
        {
            return CognitoErrors.NotAuthorized("User is disabled.");
        }

        switch (user.Status)
        {
            case "UNCONFIRMED":
                return CognitoErrors.UserNotConfirmed();
            case "RESET_REQUIRED":
                return new AwsError("PasswordResetRequiredException", "Password reset required for the user", 400);
            case "FORCE_CHANGE_PASSWORD":
                if (user.PasswordExpiresAt is { } expires && expires <= time.GetUtcNow())
                {
                    return CognitoErrors.NotAuthorized("Temporary password has expired and must be reset by an administrator.");
                }

                return await ChallengeAsync(pool, client, user, cancellationToken).ConfigureAwait(false);
        }

        var result = await issuer.SignInAsync(pool, client, user, cancellationToken).ConfigureAwait(false);
        return Ok(new JsonObject { ["ChallengeParameters"] = new JsonObject(), ["AuthenticationResult"] = result });
    }

    private async ValueTask<AwsResult> ChallengeAsync(UserPoolRecord pool, UserPoolClientRecord client, UserRecord user, CancellationToken cancellationToken)
    {
        var session = Identifiers.NewOpaqueToken(96);
        var minutes = client.Config["AuthSessionValidity"].AsInt() ?? 3;
        await storage.CreateChallengeAsync(
            new ChallengeRecord(Identifiers.HashToken(session), pool.UserPoolId, client.ClientId, user.Username, NewPasswordRequired, time.GetUtcNow().AddMinutes(minutes)),
            cancellationToken).ConfigureAwait(false);

        var attributes = new JsonObject();
        foreach (var (name, value) in user.Attributes)
        {
            if (name != "sub")
            {
                attributes[name] = value;
            }
        }

        return Ok(new JsonObject
        {
            ["ChallengeName"] = NewPasswordRequired,
            ["Session"] = session,
            ["ChallengeParameters"] = new JsonObject
            {
                ["USER_ID_FOR_SRP"] = user.Username,
                ["requiredAttributes"] = "[]",
                ["userAttributes"] = attributes.ToJsonString(),
            },
        });
    }

    private async ValueTask<AwsResult> RefreshAsync(UserPoolRecord pool, UserPoolClientRecord client, Dictionary<string, string> parameters, CancellationToken cancellationToken)
    {
        if (!parameters.TryGetValue("REFRESH_TOKEN", out var refreshToken) || refreshToken.Length == 0)
        {
            return CognitoErrors.InvalidParameter("Missing required parameter REFRESH_TOKEN");
        }

        var session = await storage.FindAuthSessionByRefreshTokenAsync(Identifiers.HashToken(refreshToken), cancellationToken).ConfigureAwait(false);
        if (session is null || session.ClientId != client.ClientId || session.UserPoolId != pool.UserPoolId)
        {
            return CognitoErrors.NotAuthorized("Invalid Refresh Token");
        }

        var user = await storage.GetUserAsync(pool.UserPoolId, session.Username, cancellationToken).ConfigureAwait(false);
        if (SecretHash.Check(client, parameters.GetValueOrDefault("SECRET_HASH"), parameters.GetValueOrDefault("USERNAME"), session.Username, user?.Attribute("email")) is { } secretError)
        {
            return secretError;
        }

        if (session.Revoked)
        {
            return CognitoErrors.NotAuthorized("Refresh Token has been revoked");
        }

        if (session.ExpiresAt <= time.GetUtcNow())
        {
            return CognitoErrors.NotAuthorized("Refresh Token has expired");
        }

        if (user is null)
        {
            return CognitoErrors.NotAuthorized("Refresh Token has been revoked");
        }

        if (!user.Enabled)
        {
            return CognitoErrors.NotAuthorized("User is disabled.");
        }

        var result = await issuer.RefreshAsync(pool, client, user, session, cancellationToken).ConfigureAwait(false);
        return Ok(new JsonObject { ["ChallengeParameters"] = new JsonObject(), ["AuthenticationResult"] = result });
    }

    private async ValueTask<AwsResult> RespondToAuthChallengeAsync(AwsRequest request, CancellationToken cancellationToken)
    {
        var input = request.Input;
        var (pool, client, error) = await resolver.ClientAsync(input.String("ClientId")!, cancellationToken).ConfigureAwait(false);
        if (client is null)
        {
            return error!;
        }

        if (input.String("ChallengeName") != NewPasswordRequired)
        {
            return CognitoErrors.InvalidParameter($"The challenge {input.String("ChallengeName")} is not supported by Verdict; only NEW_PASSWORD_REQUIRED is.");
        }

        var responses = input.StringMap("ChallengeResponses");
        if (!responses.TryGetValue("USERNAME", out var username) || username.Length == 0)
        {
            return CognitoErrors.InvalidParameter("Missing required parameter USERNAME");
        }

        if (!responses.TryGetValue("NEW_PASSWORD", out var newPassword) || newPassword.Length == 0)
        {
            return CognitoErrors.InvalidParameter("Missing required parameter NEW_PASSWORD");
        }

        var sessionToken = input.String("Session");
        var challenge = sessionToken is null ? null : await storage.TakeChallengeAsync(Identifiers.HashToken(sessionToken), cancellationToken).ConfigureAwait(false);
        if (challenge is null || challenge.ExpiresAt <= time.GetUtcNow() || challenge.ClientId != client.ClientId)
        {
            return CognitoErrors.NotAuthorized("Invalid session for the user, session is expired.");
        }

        var user = await users.FindAsync(pool!, username, cancellationToken).ConfigureAwait(false);
        if (user is null || user.Username != challenge.Username)
        {
            return CognitoErrors.NotAuthorized("Invalid session for the user.");
        }

        if (SecretHash.Check(client, responses.GetValueOrDefault("SECRET_HASH"), username, user.Username) is { } secretError)
        {
            return secretError;
        }

        var updates = responses.Where(r => r.Key.StartsWith("userAttributes.", StringComparison.Ordinal))
            .Select(r => new KeyValuePair<string, string>(r.Key["userAttributes.".Length..], r.Value)).ToList();
        var failure = PasswordPolicy.FromPoolConfig(pool!.Config).Check(newPassword, adminWording: false) is { } weak
            ? CognitoErrors.InvalidPassword(weak)
            : UserAttributes.Check(pool, updates, creating: false) is { } invalid ? CognitoErrors.InvalidParameter(invalid) : null;
        if (failure is not null)
        {
            // The session stays usable for another attempt, as on AWS.
            await storage.CreateChallengeAsync(challenge, cancellationToken).ConfigureAwait(false);
            return failure;
        }

        user = user with
        {
            PasswordHash = PasswordHasher.Hash(newPassword),
            PasswordExpiresAt = null,
            Status = "CONFIRMED",
            Attributes = UserAttributes.Merge(user.Attributes, updates),
            UpdatedAt = time.GetUtcNow(),
        };
        await storage.UpdateUserAsync(user, cancellationToken).ConfigureAwait(false);
        var result = await issuer.SignInAsync(pool, client, user, cancellationToken).ConfigureAwait(false);
        return Ok(new JsonObject { ["ChallengeParameters"] = new JsonObject(), ["AuthenticationResult"] = result });
    }

    private static AwsResult Ok(JsonObject output) => AwsResult.Ok(output, CognitoJson.Default.JsonObject);
}
