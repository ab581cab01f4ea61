using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Verdict.CognitoIdentityProvider.Auth;
using Verdict.CognitoIdentityProvider.Clients;
using Verdict.CognitoIdentityProvider.Common;
using Verdict.CognitoIdentityProvider.Storage;
using Verdict.Protocol;

namespace Verdict.CognitoIdentityProvider.Users;

/// <summary>
/// SignUp and ConfirmSignUp (both unsigned) and AdminConfirmSignUp. Verdict sends no email or SMS: SignUp writes the
/// confirmation code to the server log (Information level, category Verdict.CognitoIdentityProvider.Users.SignUpOperations),
/// and AdminConfirmSignUp confirms without a code.
/// </summary>
public sealed partial class SignUpOperations(
    ICognitoStorage storage, PoolResolver resolver, UserDirectory users, TimeProvider time, ILogger<SignUpOperations> logger)
{
    /// <summary>Cognito's confirmation codes stay valid for 24 hours.</summary>
    private static readonly TimeSpan s_codeValidity = TimeSpan.FromHours(24);

    public void Register(OperationTable table)
    {
        table.Add("SignUp", SignUpAsync);
        table.Add("ConfirmSignUp", ConfirmSignUpAsync);
        table.Add("AdminConfirmSignUp", AdminConfirmSignUpAsync);
    }

    private async ValueTask<AwsResult> SignUpAsync(AwsRequest request, CancellationToken cancellationToken)
    {
        var input = request.Input;
        var (pool, client, error) = await resolver.ClientAsync(input.String("ClientId")!, cancellationToken).ConfigureAwait(false);
        if (client is null)
        {
            return error!;
        }

        var requestedName = input.String("Username")!;
        if (SecretHash.Check(client, input.String("SecretHash"), requestedName) is { } secretError)
        {
            return secretError;
        }

        if (pool!.Config["AdminCreateUserConfig"]?["AllowAdminCreateUserOnly"].AsBool() == true)
        {
            return CognitoErrors.NotAuthorized("SignUp is not permitted for this user pool");
        }

        var password = input.String("Password");
        if (string.IsNullOrEmpty(password))
        {
            return CognitoErrors.InvalidParameter("Password is required: Verdict supports only password sign-up.");
        }

        if (PasswordPolicy.FromPoolConfig(pool.Config).Check(password, adminWording: false) is { } weak)
        {
            return CognitoErrors.InvalidPassword(weak);
        }

        var attributes = input.Attributes("UserAttributes");
        if (UserAttributes.Check(pool, attributes, creating: true) is { } invalid)
        {
            return CognitoErrors.InvalidParameter(invalid);
        }

        var sub = Guid.NewGuid().ToString();
        var (username, usernameError) = await UsernameRules.ResolveNewAsync(storage, pool, requestedName, sub, attributes, cancellationToken).ConfigureAwait(false);
        if (username is null)
        {
            return usernameError!;
        }

        var code = RandomNumberGenerator.GetInt32(0, 1_000_000).ToString("D6", System.Globalization.CultureInfo.InvariantCulture);
        var now = time.GetUtcNow();
        var user = new UserRecord(pool.UserPoolId, username, sub, true, "UNCONFIRMED", PasswordHasher.Hash(password), null,
            PasswordHasher.Hash(code), now + s_codeValidity, [new("sub", sub), .. attributes], now, now);
        if (!await storage.CreateUserAsync(user, cancellationToken).ConfigureAwait(false))
        {
            return CognitoErrors.UsernameExists("User already exists");
        }

        LogConfirmationCode(logger, pool.UserPoolId, username, code);
        var output = new JsonObject { ["UserConfirmed"] = false };
        if (Delivery(pool, user) is { } delivery)
        {
            output["CodeDeliveryDetails"] = delivery;
        }

        output["UserSub"] = sub;
        return Ok(output);
    }

    private async ValueTask<AwsResult> ConfirmSignUpAsync(AwsRequest request, CancellationToken cancellationToken)
    {
        var input = request.Input;
        var (pool, client, error) = await resolver.ClientAsync(input.String("ClientId")!, cancellationToken).ConfigureAwait(false);
        if (client is null)
        {
            return error!;
        }

        var username = input.String("Username")!;
        var user = await users.FindAsync(pool!, username, cancellationToken).ConfigureAwait(false);
        if (SecretHash.Check(client, input.String("SecretHash"), username, user?.Username) is { } secretError)
        {
            return secretError;
        }

        if (user is null)
        {
            return ClientSettings.PreventsUserExistenceErrors(client.Config) ? CognitoErrors.CodeMismatch() : CognitoErrors.UserNotFound();
        }

        if (user.Status != "UNCONFIRMED")
        {
            return CognitoErrors.NotAuthorized($"User cannot be confirmed. Current status is {user.Status}");
        }

        if (!PasswordHasher.Verify(input.String("ConfirmationCode")!, user.ConfirmationCodeHash))
        {
            return CognitoErrors.CodeMismatch();
        }

        if (user.ConfirmationCodeExpiresAt is { } expires && expires <= time.GetUtcNow())
        {
            return CognitoErrors.ExpiredCode("Invalid code provided, please request a code again.");
        }

        await storage.UpdateUserAsync(Confirmed(pool!, user, codeVerified: true), cancellationToken).ConfigureAwait(false);
        return AwsResult.Empty();
    }

    private async ValueTask<AwsResult> AdminConfirmSignUpAsync(AwsRequest request, CancellationToken cancellationToken)
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

        if (user.Status != "UNCONFIRMED")
        {
            return CognitoErrors.NotAuthorized($"User cannot be confirmed. Current status is {user.Status}");
        }

        await storage.UpdateUserAsync(Confirmed(pool, user, codeVerified: false), cancellationToken).ConfigureAwait(false);
        return AwsResult.Empty();
    }

    /// <summary>A confirmed user; a code that went to an auto-verified attribute also verifies that attribute.</summary>
    private UserRecord Confirmed(UserPoolRecord pool, UserRecord user, bool codeVerified)
    {
        var attributes = user.Attributes;
        if (codeVerified && DeliveryAttribute(pool, user) is { } verified)
        {
            attributes = UserAttributes.Merge(attributes, [new(verified + "_verified", "true")]);
        }

        return user with
        {
            Status = "CONFIRMED",
            ConfirmationCodeHash = null,
            ConfirmationCodeExpiresAt = null,
            Attributes = attributes,
            UpdatedAt = time.GetUtcNow(),
        };
    }

    private static string? DeliveryAttribute(UserPoolRecord pool, UserRecord user)
    {
        if (pool.Config["AutoVerifiedAttributes"] is not JsonArray autoVerified)
        {
            return null;
        }

        foreach (var attribute in (string[])["email", "phone_number"])
        {
            if (autoVerified.Any(a => a.AsString() == attribute) && user.Attribute(attribute) is not null)
            {
                return attribute;
            }
        }

        return null;
    }

    private static JsonObject? Delivery(UserPoolRecord pool, UserRecord user)
    {
        var attribute = DeliveryAttribute(pool, user);
        if (attribute is null)
        {
            return null;
        }

        var value = user.Attribute(attribute)!;
        return new JsonObject
        {
            ["Destination"] = attribute == "email" ? MaskEmail(value) : "+*******" + value[Math.Max(0, value.Length - 4)..],
            ["DeliveryMedium"] = attribute == "email" ? "EMAIL" : "SMS",
            ["AttributeName"] = attribute,
        };
    }

    /// <summary>Cognito shows <c>j***@e***</c>: the first character of the local part and of the domain.</summary>
    private static string MaskEmail(string email)
    {
        var at = email.IndexOf('@', StringComparison.Ordinal);
        return at <= 0 || at == email.Length - 1 ? "***" : $"{email[0]}***@{email[at + 1]}***";
    }

    private static AwsResult Ok(JsonObject output) => AwsResult.Ok(output, CognitoJson.Default.JsonObject);

    [LoggerMessage(Level = LogLevel.Information, Message = "Cognito sign-up confirmation code for user {Username} in {UserPoolId}: {Code} (no email or SMS is sent)")]
    private static partial void LogConfirmationCode(ILogger logger, string userPoolId, string username, string code);
}
