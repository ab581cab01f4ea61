using System.Text.Json;
using System.Text.Json.Nodes;
using Verdict.CognitoIdentityProvider.Common;
using Verdict.CognitoIdentityProvider.Storage;
using Verdict.Protocol;

namespace Verdict.CognitoIdentityProvider.Clients;

/// <summary>CreateUserPoolClient, DescribeUserPoolClient, UpdateUserPoolClient, ListUserPoolClients, DeleteUserPoolClient.</summary>
public sealed class ClientOperations(ICognitoStorage storage, PoolResolver resolver, TimeProvider time)
{
    private static readonly HashSet<string> s_notSettings = new(StringComparer.Ordinal)
    {
        "UserPoolId", "ClientId", "ClientName", "GenerateSecret", "ClientSecret",
    };

    public void Register(OperationTable table)
    {
        table.Add("CreateUserPoolClient", CreateAsync);
        table.Add("DescribeUserPoolClient", DescribeAsync);
        table.Add("UpdateUserPoolClient", UpdateAsync);
        table.Add("ListUserPoolClients", ListAsync);
        table.Add("DeleteUserPoolClient", DeleteAsync);
    }

    private async ValueTask<AwsResult> CreateAsync(AwsRequest request, CancellationToken cancellationToken)
    {
        var input = request.Input;
        var (pool, error) = await resolver.PoolAsync(request, input.String("UserPoolId")!, cancellationToken).ConfigureAwait(false);
        if (pool is null)
        {
            return error!;
        }

        var (config, configError) = BuildConfig(input);
        if (config is null)
        {
            return configError!;
        }

        var secret = input.String("ClientSecret") ?? (input.Bool("GenerateSecret") == true ? Identifiers.NewClientSecret() : null);
        var now = time.GetUtcNow();
        var client = new UserPoolClientRecord(pool.UserPoolId, Identifiers.NewClientId(), input.String("ClientName")!, secret, now, now, config);
        await storage.CreateClientAsync(client, cancellationToken).ConfigureAwait(false);
        return Ok(new JsonObject { ["UserPoolClient"] = Describe(client) });
    }

    private async ValueTask<AwsResult> DescribeAsync(AwsRequest request, CancellationToken cancellationToken)
    {
        var (_, client, error) = await resolver.PoolClientAsync(request, request.Input.String("UserPoolId")!, request.Input.String("ClientId")!, cancellationToken)
            .ConfigureAwait(false);
        return client is null ? error! : Ok(new JsonObject { ["UserPoolClient"] = Describe(client) });
    }

    private async ValueTask<AwsResult> UpdateAsync(AwsRequest request, CancellationToken cancellationToken)
    {
        var input = request.Input;
        var (_, client, error) = await resolver.PoolClientAsync(request, input.String("UserPoolId")!, input.String("ClientId")!, cancellationToken).ConfigureAwait(false);
        if (client is null)
        {
            return error!;
        }

        // As on AWS, settings the update does not send go back to their defaults.
        var (config, configError) = BuildConfig(input);
        if (config is null)
        {
            return configError!;
        }

        var updated = client with { Name = input.String("ClientName") ?? client.Name, Config = config, UpdatedAt = time.GetUtcNow() };
        await storage.UpdateClientAsync(updated, cancellationToken).ConfigureAwait(false);
        return Ok(new JsonObject { ["UserPoolClient"] = Describe(updated) });
    }

    private async ValueTask<AwsResult> ListAsync(AwsRequest request, CancellationToken cancellationToken)
    {
        var (pool, error) = await resolver.PoolAsync(request, request.Input.String("UserPoolId")!, cancellationToken).ConfigureAwait(false);
        if (pool is null)
        {
            return error!;
        }

        var clients = await storage.ListClientsAsync(pool.UserPoolId, cancellationToken).ConfigureAwait(false);
        if (Paging.Slice(clients, c => c.ClientId, request.Input.String("NextToken"), request.Input.Int("MaxResults") ?? 60) is not { } page)
        {
            return CognitoErrors.InvalidParameter("Invalid pagination token.");
        }

        var list = new JsonArray();
        foreach (var client in page.Page)
        {
            list.Add(new JsonObject { ["ClientId"] = client.ClientId, ["UserPoolId"] = client.UserPoolId, ["ClientName"] = client.Name });
        }

        var output = new JsonObject { ["UserPoolClients"] = list };
        if (page.NextToken is not null)
        {
            output["NextToken"] = page.NextToken;
        }

        return Ok(output);
    }

    private async ValueTask<AwsResult> DeleteAsync(AwsRequest request, CancellationToken cancellationToken)
    {
        var (pool, client, error) = await resolver.PoolClientAsync(request, request.Input.String("UserPoolId")!, request.Input.String("ClientId")!, cancellationToken)
            .ConfigureAwait(false);
        if (client is null)
        {
            return error!;
        }

        await storage.DeleteClientAsync(pool!.UserPoolId, client.ClientId, cancellationToken).ConfigureAwait(false);
        return AwsResult.Empty();
    }

    private static (JsonObject? Config, AwsError? Error) BuildConfig(JsonElement input)
    {
        var config = new JsonObject();
        foreach (var member in input.EnumerateObject())
        {
            if (member.Value.ValueKind != JsonValueKind.Null && !s_notSettings.Contains(member.Name))
            {
                config[member.Name] = JsonNode.Parse(member.Value.GetRawText());
            }
        }

        // Lifetimes and units are reported as given: AWS adds only the 30-day refresh lifetime, and the Terraform provider
        // fails ("block count changed") when a response names units its configuration did not. ClientSettings supplies
        // the documented defaults (one hour; hours for access and ID tokens, days for refresh tokens).
        config["TokenValidityUnits"] = input.Object("TokenValidityUnits") is { } units ? JsonNode.Parse(units.GetRawText()) : new JsonObject();
        config["RefreshTokenValidity"] = input.Int("RefreshTokenValidity") ?? (config["TokenValidityUnits"]?["RefreshToken"].AsString() switch
        {
            "seconds" => 30 * 24 * 3600,
            "minutes" => 30 * 24 * 60,
            "hours" => 30 * 24,
            _ => 30,
        });

        var access = ClientSettings.AccessTokenValidity(config);
        var id = ClientSettings.IdTokenValidity(config);
        var refresh = ClientSettings.RefreshTokenValidity(config);
        if (access < TimeSpan.FromMinutes(5) || access > TimeSpan.FromDays(1) || id < TimeSpan.FromMinutes(5) || id > TimeSpan.FromDays(1))
        {
            return (null, CognitoErrors.InvalidParameter("Invalid range for token validity: access and ID tokens must be valid for 5 minutes to 1 day."));
        }

        if (refresh < TimeSpan.FromMinutes(60) || refresh > TimeSpan.FromDays(3650))
        {
            return (null, CognitoErrors.InvalidParameter("Invalid range for token validity: refresh tokens must be valid for 60 minutes to 10 years."));
        }

        if (config["ExplicitAuthFlows"] is not JsonArray { Count: > 0 })
        {
            config["ExplicitAuthFlows"] = new JsonArray([.. ClientSettings.DefaultAuthFlows.Select(f => (JsonNode?)JsonValue.Create(f))]);
        }

        config["AllowedOAuthFlowsUserPoolClient"] ??= false;
        config["PreventUserExistenceErrors"] ??= "LEGACY";
        config["EnableTokenRevocation"] ??= true;
        config["EnablePropagateAdditionalUserContextData"] ??= false;
        config["AuthSessionValidity"] ??= 3;
        return (config, null);
    }

    private static JsonObject Describe(UserPoolClientRecord client)
    {
        var output = new JsonObject
        {
            ["UserPoolId"] = client.UserPoolId,
            ["ClientName"] = client.Name,
            ["ClientId"] = client.ClientId,
        };
        if (client.Secret is not null)
        {
            output["ClientSecret"] = client.Secret;
        }

        output["LastModifiedDate"] = Timestamps.ToEpochSeconds(client.UpdatedAt);
        output["CreationDate"] = Timestamps.ToEpochSeconds(client.CreatedAt);
        foreach (var (name, value) in client.Config)
        {
            output[name] = value?.DeepClone();
        }

        return output;
    }

    private static AwsResult Ok(JsonObject output) => AwsResult.Ok(output, CognitoJson.Default.JsonObject);
}
