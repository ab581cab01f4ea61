using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Verdict.CognitoIdentityProvider.Common;
using Verdict.CognitoIdentityProvider.Storage;
using Verdict.Protocol;

namespace Verdict.CognitoIdentityProvider.Users;

/// <summary>
/// AdminCreateUser, AdminGetUser, ListUsers, AdminDeleteUser, AdminSetUserPassword, AdminUpdateUserAttributes,
/// AdminDeleteUserAttributes, AdminDisableUser, AdminEnableUser.
/// </summary>
public sealed partial class AdminUserOperations(
    ICognitoStorage storage, PoolResolver resolver, UserDirectory users, TimeProvider time, ILogger<AdminUserOperations> logger)
{
    public void Register(OperationTable table)
    {
        table.Add("AdminCreateUser", CreateAsync);
        table.Add("AdminGetUser", GetAsync);
        table.Add("ListUsers", ListAsync);
        table.Add("AdminDeleteUser", DeleteAsync);
        table.Add("AdminSetUserPassword", SetPasswordAsync);
        table.Add("AdminUpdateUserAttributes", UpdateAttributesAsync);
        table.Add("AdminDeleteUserAttributes", DeleteAttributesAsync);
        table.Add("AdminDisableUser", (request, ct) => SetEnabledAsync(request, false, ct));
        table.Add("AdminEnableUser", (request, ct) => SetEnabledAsync(request, true, ct));
    }

    private async ValueTask<AwsResult> CreateAsync(AwsRequest request, CancellationToken cancellationToken)
    {
        var input = request.Input;
        var (pool, error) = await resolver.PoolAsync(request, input.String("UserPoolId")!, cancellationToken).ConfigureAwait(false);
        if (pool is null)
        {
            return error!;
        }

        var policy = PasswordPolicy.FromPoolConfig(pool.Config);
        var temporaryPassword = input.String("TemporaryPassword");
        if (temporaryPassword is not null && policy.Check(temporaryPassword, adminWording: true) is { } weak)
        {
            return CognitoErrors.InvalidPassword(weak);
        }

        var now = time.GetUtcNow();
        var generated = temporaryPassword is null ? policy.Generate() : null;
        var passwordHash = PasswordHasher.Hash(temporaryPassword ?? generated!);
        var passwordExpires = now.AddDays(policy.TemporaryPasswordValidityDays);
        var requestedName = input.String("Username")!;

        if (input.String("MessageAction") == "RESEND")
        {
            var existing = await users.FindAsync(pool, requestedName, cancellationToken).ConfigureAwait(false);
            if (existing is null)
            {
                return CognitoErrors.UserNotFound();
            }

            if (existing.Status != "FORCE_CHANGE_PASSWORD")
            {
                return new AwsError("UnsupportedUserStateException", "Resend not possible. " + existing.Username + " status is not FORCE_CHANGE_PASSWORD.", 400);
            }

            existing = existing with { PasswordHash = passwordHash, PasswordExpiresAt = passwordExpires, UpdatedAt = now };
            await storage.UpdateUserAsync(existing, cancellationToken).ConfigureAwait(false);
            if (generated is not null)
            {
                LogTemporaryPassword(logger, pool.UserPoolId, existing.Username, generated);
            }

            return Ok(new JsonObject { ["User"] = UserAttributes.UserType(existing) });
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

        var user = new UserRecord(pool.UserPoolId, username, sub, true, "FORCE_CHANGE_PASSWORD", passwordHash, passwordExpires, null, null,
            [new("sub", sub), .. attributes], now, now);
        if (!await storage.CreateUserAsync(user, cancellationToken).ConfigureAwait(false))
        {
            return CognitoErrors.UsernameExists("User account already exists");
        }

        if (generated is not null && input.String("MessageAction") != "SUPPRESS")
        {
            LogTemporaryPassword(logger, pool.UserPoolId, username, generated);
        }

        return Ok(new JsonObject { ["User"] = UserAttributes.UserType(user) });
    }

    private async ValueTask<AwsResult> GetAsync(AwsRequest request, CancellationToken cancellationToken)
    {
        var (user, error) = await UserAsync(request, cancellationToken).ConfigureAwait(false);
        if (user is null)
        {
            return error!;
        }

        return Ok(new JsonObject
        {
            ["Username"] = user.Username,
            ["UserAttributes"] = UserAttributes.ToJson(user.Attributes),
            ["UserCreateDate"] = Timestamps.ToEpochSeconds(user.CreatedAt),
            ["UserLastModifiedDate"] = Timestamps.ToEpochSeconds(user.UpdatedAt),
            ["Enabled"] = user.Enabled,
            ["UserStatus"] = user.Status,
        });
    }

    private async ValueTask<AwsResult> ListAsync(AwsRequest request, CancellationToken cancellationToken)
    {
        var input = request.Input;
        var (pool, error) = await resolver.PoolAsync(request, input.String("UserPoolId")!, cancellationToken).ConfigureAwait(false);
        if (pool is null)
        {
            return error!;
        }

        var (filter, filterError) = UserFilter.Parse(input.String("Filter"));
        if (filterError is not null)
        {
            return CognitoErrors.InvalidParameter(filterError);
        }

        var all = await storage.ListUsersAsync(pool.UserPoolId, cancellationToken).ConfigureAwait(false);
        var matching = filter is null ? all : all.Where(filter.Matches).ToList();
        var limit = input.Int("Limit") is { } l and > 0 ? l : 60;
        if (Paging.Slice(matching, u => u.Username, input.String("PaginationToken"), limit) is not { } page)
        {
            return CognitoErrors.InvalidParameter("Invalid pagination token.");
        }

        var only = input.StringList("AttributesToGet");
        var list = new JsonArray();
        foreach (var user in page.Page)
        {
            list.Add(UserAttributes.UserType(user, only is { Count: > 0 } ? only : null));
        }

        var output = new JsonObject { ["Users"] = list };
        if (page.NextToken is not null)
        {
            output["PaginationToken"] = page.NextToken;
        }

        return Ok(output);
    }

    private async ValueTask<AwsResult> DeleteAsync(AwsRequest request, CancellationToken cancellationToken)
    {
        var (user, error) = await UserAsync(request, cancellationToken).ConfigureAwait(false);
        if (user is null)
        {
            return error!;
        }

        await storage.DeleteUserAsync(user.UserPoolId, user.Username, cancellationToken).ConfigureAwait(false);
        return AwsResult.Empty();
    }

    private async ValueTask<AwsResult> SetPasswordAsync(AwsRequest request, CancellationToken cancellationToken)
    {
        var (user, error, pool) = await UserWithPoolAsync(request, cancellationToken).ConfigureAwait(false);
        if (user is null)
        {
            return error!;
        }

        var password = request.Input.String("Password")!;
        var policy = PasswordPolicy.FromPoolConfig(pool!.Config);
        if (policy.Check(password, adminWording: true) is { } weak)
        {
            return CognitoErrors.InvalidPassword(weak);
        }

        var now = time.GetUtcNow();
        var permanent = request.Input.Bool("Permanent") == true;
        user = user with
        {
            PasswordHash = PasswordHasher.Hash(password),
            PasswordExpiresAt = permanent ? null : now.AddDays(policy.TemporaryPasswordValidityDays),
            Status = permanent ? "CONFIRMED" : "FORCE_CHANGE_PASSWORD",
            UpdatedAt = now,
        };
        await storage.UpdateUserAsync(user, cancellationToken).ConfigureAwait(false);
        return AwsResult.Empty();
    }

    private async ValueTask<AwsResult> UpdateAttributesAsync(AwsRequest request, CancellationToken cancellationToken)
    {
        var (user, error, pool) = await UserWithPoolAsync(request, cancellationToken).ConfigureAwait(false);
        if (user is null)
        {
            return error!;
        }

        var updates = request.Input.Attributes("UserAttributes");
        if (UserAttributes.Check(pool!, updates, creating: false) is { } invalid)
        {
            return CognitoErrors.InvalidParameter(invalid);
        }

        // A changed email or phone number is no longer verified unless the same call says so.
        foreach (var attribute in (string[])["email", "phone_number"])
        {
            var changed = updates.Any(u => u.Key == attribute && u.Value != user.Attribute(attribute));
            if (changed && !updates.Any(u => u.Key == attribute + "_verified") && user.Attribute(attribute + "_verified") is not null)
            {
                updates.Add(new(attribute + "_verified", "false"));
            }
        }

        user = user with { Attributes = UserAttributes.Merge(user.Attributes, updates), UpdatedAt = time.GetUtcNow() };
        await storage.UpdateUserAsync(user, cancellationToken).ConfigureAwait(false);
        return AwsResult.Empty();
    }

    private async ValueTask<AwsResult> DeleteAttributesAsync(AwsRequest request, CancellationToken cancellationToken)
    {
        var (user, error, pool) = await UserWithPoolAsync(request, cancellationToken).ConfigureAwait(false);
        if (user is null)
        {
            return error!;
        }

        var names = request.Input.StringList("UserAttributeNames") ?? [];
        foreach (var name in names)
        {
            if (name == "sub" || IsRequired(pool!, name))
            {
                return CognitoErrors.InvalidParameter($"Cannot delete a required or immutable attribute: {name}");
            }
        }

        user = user with
        {
            Attributes = user.Attributes.Where(a => !names.Contains(a.Key)).ToList(),
            UpdatedAt = time.GetUtcNow(),
        };
        await storage.UpdateUserAsync(user, cancellationToken).ConfigureAwait(false);
        return AwsResult.Empty();
    }

    private async ValueTask<AwsResult> SetEnabledAsync(AwsRequest request, bool enabled, CancellationToken cancellationToken)
    {
        var (user, error) = await UserAsync(request, cancellationToken).ConfigureAwait(false);
        if (user is null)
        {
            return error!;
        }

        await storage.UpdateUserAsync(user with { Enabled = enabled, UpdatedAt = time.GetUtcNow() }, cancellationToken).ConfigureAwait(false);
        if (!enabled)
        {
            // AdminDisableUser also revokes the user's tokens.
            await storage.RevokeUserAuthSessionsAsync(user.UserPoolId, user.Username, cancellationToken).ConfigureAwait(false);
        }

        return AwsResult.Empty();
    }

    private async ValueTask<(UserRecord? User, AwsError? Error)> UserAsync(AwsRequest request, CancellationToken cancellationToken)
    {
        var (user, error, _) = await UserWithPoolAsync(request, cancellationToken).ConfigureAwait(false);
        return (user, error);
    }

    private async ValueTask<(UserRecord? User, AwsError? Error, UserPoolRecord? Pool)> UserWithPoolAsync(AwsRequest request, CancellationToken cancellationToken)
    {
        var (pool, error) = await resolver.PoolAsync(request, request.Input.String("UserPoolId")!, cancellationToken).ConfigureAwait(false);
        if (pool is null)
        {
            return (null, error, null);
        }

        var user = await users.FindAsync(pool, request.Input.String("Username")!, cancellationToken).ConfigureAwait(false);
        return user is null ? (null, CognitoErrors.UserNotFound(), pool) : (user, null, pool);
    }

    private static bool IsRequired(UserPoolRecord pool, string name) =>
        pool.Config["SchemaAttributes"] is JsonArray schema &&
        schema.Any(a => a?["Name"].AsString() == name && a["Required"].AsBool() == true);

    private static AwsResult Ok(JsonObject output) => AwsResult.Ok(output, CognitoJson.Default.JsonObject);

    /// <summary>AWS would email a generated temporary password; Verdict sends nothing, so the log is its only delivery.</summary>
    [LoggerMessage(Level = LogLevel.Information, Message = "Cognito temporary password for user {Username} in {UserPoolId}: {TemporaryPassword} (no email or SMS is sent)")]
    private static partial void LogTemporaryPassword(ILogger logger, string userPoolId, string username, string temporaryPassword);
}
