using System.Text.Json;
using System.Text.Json.Nodes;
using Verdict.CognitoIdentityProvider.Common;
using Verdict.CognitoIdentityProvider.Storage;
using Verdict.CognitoIdentityProvider.Tokens;
using Verdict.Protocol;

namespace Verdict.CognitoIdentityProvider.UserPools;

/// <summary>CreateUserPool, DescribeUserPool, UpdateUserPool, ListUserPools, DeleteUserPool, GetUserPoolMfaConfig, GetSigningCertificate.</summary>
public sealed class UserPoolOperations(ICognitoStorage storage, PoolResolver resolver, SigningKeyCache keys, TimeProvider time)
{
    /// <summary>Members fixed at creation: UpdateUserPool keeps them whatever it is sent.</summary>
    private static readonly string[] s_createOnly = ["SchemaAttributes", "UsernameAttributes", "AliasAttributes", "UsernameConfiguration"];

    /// <summary>Input members that are not settings (or are stored under another name).</summary>
    private static readonly HashSet<string> s_notSettings = new(StringComparer.Ordinal) { "UserPoolId", "PoolName", "Schema" };

    public void Register(OperationTable table)
    {
        table.Add("CreateUserPool", CreateAsync);
        table.Add("DescribeUserPool", DescribeAsync);
        table.Add("UpdateUserPool", UpdateAsync);
        table.Add("ListUserPools", ListAsync);
        table.Add("DeleteUserPool", DeleteAsync);
        table.Add("GetUserPoolMfaConfig", GetMfaConfigAsync);
        table.Add("GetSigningCertificate", GetSigningCertificateAsync);
    }

    private async ValueTask<AwsResult> CreateAsync(AwsRequest request, CancellationToken cancellationToken)
    {
        var input = request.Input;
        var (schema, schemaError) = UserPoolSchema.Build(input.Array("Schema"));
        if (schema is null)
        {
            return CognitoErrors.InvalidParameter(schemaError!);
        }

        if (input.StringList("UsernameAttributes") is { Count: > 0 } && input.StringList("AliasAttributes") is { Count: > 0 })
        {
            return CognitoErrors.InvalidParameter("Only one of the AliasAttributes or UsernameAttributes can be set in a User Pool.");
        }

        var (config, error) = BuildConfig(input, previous: null);
        if (config is null)
        {
            return error!;
        }

        config["SchemaAttributes"] = schema;
        foreach (var name in (string[])["UsernameAttributes", "AliasAttributes", "UsernameConfiguration"])
        {
            if (input.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null)
            {
                config[name] = JsonNode.Parse(value.GetRawText());
            }
        }

        var now = time.GetUtcNow();
        var id = Identifiers.NewUserPoolId(request.Caller.Region);
        var pool = new UserPoolRecord(request.Caller.Account, request.Caller.Region, id, input.String("PoolName")!, now, now, config);
        await storage.CreateUserPoolAsync(pool, PoolSigningKeys.Generate(id, now), cancellationToken).ConfigureAwait(false);
        return Ok(new JsonObject { ["UserPool"] = Describe(pool, 0) });
    }

    private async ValueTask<AwsResult> DescribeAsync(AwsRequest request, CancellationToken cancellationToken)
    {
        var (pool, error) = await resolver.PoolAsync(request, request.Input.String("UserPoolId")!, cancellationToken).ConfigureAwait(false);
        if (pool is null)
        {
            return error!;
        }

        var users = await storage.CountUsersAsync(pool.UserPoolId, cancellationToken).ConfigureAwait(false);
        return Ok(new JsonObject { ["UserPool"] = Describe(pool, users) });
    }

    private async ValueTask<AwsResult> UpdateAsync(AwsRequest request, CancellationToken cancellationToken)
    {
        var (pool, error) = await resolver.PoolAsync(request, request.Input.String("UserPoolId")!, cancellationToken).ConfigureAwait(false);
        if (pool is null)
        {
            return error!;
        }

        // UpdateUserPool resets every setting it is not sent to its default, as on AWS; creation-time settings stay.
        var (config, configError) = BuildConfig(request.Input, pool.Config);
        if (config is null)
        {
            return configError!;
        }

        foreach (var name in s_createOnly)
        {
            if (pool.Config[name] is { } kept)
            {
                config[name] = kept.DeepClone();
            }
        }

        var updated = pool with { Name = request.Input.String("PoolName") ?? pool.Name, Config = config, UpdatedAt = time.GetUtcNow() };
        await storage.UpdateUserPoolAsync(updated, cancellationToken).ConfigureAwait(false);
        return AwsResult.Empty();
    }

    private async ValueTask<AwsResult> ListAsync(AwsRequest request, CancellationToken cancellationToken)
    {
        var pools = await storage.ListUserPoolsAsync(request.Caller.Account, request.Caller.Region, cancellationToken).ConfigureAwait(false);
        var slice = Paging.Slice(pools, p => p.UserPoolId, request.Input.String("NextToken"), request.Input.Int("MaxResults") ?? 60);
        if (slice is not { } page)
        {
            return CognitoErrors.InvalidParameter("Invalid pagination token.");
        }

        var list = new JsonArray();
        foreach (var pool in page.Page)
        {
            list.Add(new JsonObject
            {
                ["Id"] = pool.UserPoolId,
                ["Name"] = pool.Name,
                ["LambdaConfig"] = pool.Config["LambdaConfig"]?.DeepClone() ?? new JsonObject(),
                ["LastModifiedDate"] = Timestamps.ToEpochSeconds(pool.UpdatedAt),
                ["CreationDate"] = Timestamps.ToEpochSeconds(pool.CreatedAt),
            });
        }

        var output = new JsonObject { ["UserPools"] = list };
        if (page.NextToken is not null)
        {
            output["NextToken"] = page.NextToken;
        }

        return Ok(output);
    }

    private async ValueTask<AwsResult> DeleteAsync(AwsRequest request, CancellationToken cancellationToken)
    {
        var (pool, error) = await resolver.PoolAsync(request, request.Input.String("UserPoolId")!, cancellationToken).ConfigureAwait(false);
        if (pool is null)
        {
            return error!;
        }

        if (pool.Config["DeletionProtection"].AsString() == "ACTIVE")
        {
            return CognitoErrors.InvalidParameter(
                "The user pool cannot be deleted because deletion protection is activated. Deletion protection must be inactivated first.");
        }

        await storage.DeleteUserPoolAsync(pool.Account, pool.Region, pool.UserPoolId, cancellationToken).ConfigureAwait(false);
        keys.Forget(pool.UserPoolId);
        return AwsResult.Empty();
    }

    private async ValueTask<AwsResult> GetMfaConfigAsync(AwsRequest request, CancellationToken cancellationToken)
    {
        var (pool, error) = await resolver.PoolAsync(request, request.Input.String("UserPoolId")!, cancellationToken).ConfigureAwait(false);
        if (pool is null)
        {
            return error!;
        }

        // MFA is not implemented, and pools cannot turn it on (see BuildConfig), so this is always the truth.
        return Ok(new JsonObject
        {
            ["MfaConfiguration"] = "OFF",
        });
    }

    private async ValueTask<AwsResult> GetSigningCertificateAsync(AwsRequest request, CancellationToken cancellationToken)
    {
        var (pool, error) = await resolver.PoolAsync(request, request.Input.String("UserPoolId")!, cancellationToken).ConfigureAwait(false);
        if (pool is null)
        {
            return error!;
        }

        var poolKeys = await keys.GetAsync(pool.UserPoolId, cancellationToken).ConfigureAwait(false);
        if (poolKeys is null)
        {
            return CognitoErrors.PoolNotFound(pool.UserPoolId);
        }

        return Ok(new JsonObject { ["Certificate"] = SigningCertificate.Create(pool, poolKeys.IdTokenKey) });
    }

    /// <summary>The stored settings: what the input gives, and AWS's defaults for the rest.</summary>
    private static (JsonObject? Config, AwsError? Error) BuildConfig(JsonElement input, JsonObject? previous)
    {
        if (input.String("MfaConfiguration") is { } mfa && mfa != "OFF")
        {
            return (null, CognitoErrors.InvalidParameter("MFA is not supported by Verdict: MfaConfiguration must be OFF."));
        }

        var config = new JsonObject();
        foreach (var member in input.EnumerateObject())
        {
            if (member.Value.ValueKind != JsonValueKind.Null && !s_notSettings.Contains(member.Name) && Array.IndexOf(s_createOnly, member.Name) < 0)
            {
                config[member.Name] = JsonNode.Parse(member.Value.GetRawText());
            }
        }

        var passwordPolicy = config["Policies"]?["PasswordPolicy"] as JsonObject;
        var policies = new JsonObject
        {
            ["PasswordPolicy"] = passwordPolicy is null
                ? new JsonObject
                {
                    ["MinimumLength"] = 8,
                    ["RequireUppercase"] = true,
                    ["RequireLowercase"] = true,
                    ["RequireNumbers"] = true,
                    ["RequireSymbols"] = true,
                    ["TemporaryPasswordValidityDays"] = 7,
                }
                : new JsonObject
                {
                    ["MinimumLength"] = passwordPolicy["MinimumLength"].AsInt() ?? 8,
                    ["RequireUppercase"] = passwordPolicy["RequireUppercase"].AsBool() ?? false,
                    ["RequireLowercase"] = passwordPolicy["RequireLowercase"].AsBool() ?? false,
                    ["RequireNumbers"] = passwordPolicy["RequireNumbers"].AsBool() ?? false,
                    ["RequireSymbols"] = passwordPolicy["RequireSymbols"].AsBool() ?? false,
                    ["TemporaryPasswordValidityDays"] = passwordPolicy["TemporaryPasswordValidityDays"].AsInt() ?? 7,
                },
            ["SignInPolicy"] = config["Policies"]?["SignInPolicy"]?.DeepClone() ?? new JsonObject { ["AllowedFirstAuthFactors"] = new JsonArray("PASSWORD") },
        };
        config["Policies"] = policies;
        config["DeletionProtection"] ??= "INACTIVE";
        config["LambdaConfig"] ??= new JsonObject();
        config["VerificationMessageTemplate"] ??= new JsonObject { ["DefaultEmailOption"] = "CONFIRM_WITH_CODE" };
        config["UserAttributeUpdateSettings"] ??= new JsonObject { ["AttributesRequireVerificationBeforeUpdate"] = new JsonArray() };
        config["MfaConfiguration"] = "OFF";
        config["EmailConfiguration"] ??= new JsonObject { ["EmailSendingAccount"] = "COGNITO_DEFAULT" };
        config["AdminCreateUserConfig"] ??= new JsonObject { ["AllowAdminCreateUserOnly"] = false, ["UnusedAccountValidityDays"] = 7 };
        config["AccountRecoverySetting"] ??= new JsonObject
        {
            ["RecoveryMechanisms"] = new JsonArray(
                new JsonObject { ["Priority"] = 1, ["Name"] = "verified_email" },
                new JsonObject { ["Priority"] = 2, ["Name"] = "verified_phone_number" }),
        };
        config["UserPoolTier"] ??= "ESSENTIALS";
        if (config["UserPoolTags"] is null && previous?["UserPoolTags"] is { } tags)
        {
            config["UserPoolTags"] = tags.DeepClone();
        }

        config["UserPoolTags"] ??= new JsonObject();
        return (config, null);
    }

    private static JsonObject Describe(UserPoolRecord pool, int estimatedUsers)
    {
        var output = new JsonObject { ["Id"] = pool.UserPoolId, ["Name"] = pool.Name };
        foreach (var (name, value) in pool.Config)
        {
            output[name] = value?.DeepClone();
        }

        output["LastModifiedDate"] = Timestamps.ToEpochSeconds(pool.UpdatedAt);
        output["CreationDate"] = Timestamps.ToEpochSeconds(pool.CreatedAt);
        output["EstimatedNumberOfUsers"] = estimatedUsers;
        output["Arn"] = Identifiers.UserPoolArn(pool.Region, pool.Account, pool.UserPoolId);
        return output;
    }

    private static AwsResult Ok(JsonObject output) => AwsResult.Ok(output, CognitoJson.Default.JsonObject);
}
