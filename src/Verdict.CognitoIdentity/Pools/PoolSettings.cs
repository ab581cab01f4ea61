using System.Text.Json;
using System.Text.Json.Nodes;
using Verdict.CognitoIdentity.Common;
using Verdict.CognitoIdentity.Storage;
using Verdict.Protocol;

namespace Verdict.CognitoIdentity.Pools;

/// <summary>
/// An identity pool's settings as the API shows them, read from a Create or Update input and written back in the
/// model's member order. Absent settings stay absent (an omitted AllowClassicFlow is not shown), and so do empty
/// collections, as AWS answers.
/// </summary>
internal static class PoolSettings
{
    public const string PoolKey = "IdentityPool";
    public const int MaxCognitoProviders = 50;
    public const int MaxTags = 50;

    private static readonly string[] s_optionalMembers =
    [
        "AllowClassicFlow", "SupportedLoginProviders", "DeveloperProviderName", "OpenIdConnectProviderARNs",
        "CognitoIdentityProviders", "SamlProviderARNs", "IdentityPoolTags",
    ];

    /// <summary>The settings of a Create or Update input (everything but id and name), or the error that refuses them.</summary>
    public static (JsonObject? Settings, AwsError? Error) Read(JsonElement input)
    {
        var settings = new JsonObject { ["AllowUnauthenticatedIdentities"] = input.Bool("AllowUnauthenticatedIdentities") ?? false };
        foreach (var member in s_optionalMembers)
        {
            if (!input.TryGetProperty(member, out var value) || value.ValueKind == JsonValueKind.Null)
            {
                continue;
            }

            if (value.ValueKind is JsonValueKind.Object && !value.EnumerateObject().Any() ||
                value.ValueKind is JsonValueKind.Array && value.GetArrayLength() == 0)
            {
                continue;
            }

            settings[member] = member == "CognitoIdentityProviders" ? Providers(value) : JsonNode.Parse(value.GetRawText());
        }

        if (settings["CognitoIdentityProviders"] is JsonArray { Count: > MaxCognitoProviders })
        {
            return (null, IdentityErrors.LimitExceeded($"An identity pool can have at most {MaxCognitoProviders} Cognito user pool providers."));
        }

        if (settings["IdentityPoolTags"] is JsonObject { Count: > MaxTags })
        {
            return (null, IdentityErrors.InvalidParameter($"An identity pool can have at most {MaxTags} tags."));
        }

        return (settings, null);
    }

    /// <summary>The <c>IdentityPool</c> output: id, name, then the settings in model order.</summary>
    public static JsonObject Render(IdentityPoolRecord pool)
    {
        var output = new JsonObject { ["IdentityPoolId"] = pool.IdentityPoolId, ["IdentityPoolName"] = pool.Name };
        var settings = pool.Config[PoolKey]!.AsObject();
        output["AllowUnauthenticatedIdentities"] = settings["AllowUnauthenticatedIdentities"]?.DeepClone();
        foreach (var member in s_optionalMembers)
        {
            if (settings[member] is { } value)
            {
                output[member] = value.DeepClone();
            }
        }

        return output;
    }

    public static JsonObject Of(IdentityPoolRecord pool) => pool.Config[PoolKey]!.AsObject();

    public static bool AllowsUnauthenticated(IdentityPoolRecord pool) => Of(pool)["AllowUnauthenticatedIdentities"]?.GetValue<bool>() == true;

    public static string? DeveloperProviderName(IdentityPoolRecord pool) => Of(pool)["DeveloperProviderName"]?.GetValue<string>();

    /// <summary>The pool's tags, in the order they were set.</summary>
    public static JsonObject Tags(IdentityPoolRecord pool) => Of(pool)["IdentityPoolTags"] as JsonObject ?? [];

    /// <summary>Each provider with ServerSideTokenCheck spelled out (false when omitted), as AWS shows it.</summary>
    private static JsonArray Providers(JsonElement list)
    {
        var providers = new JsonArray();
        foreach (var item in list.EnumerateArray())
        {
            var provider = new JsonObject();
            if (item.String("ProviderName") is { } name)
            {
                provider["ProviderName"] = name;
            }

            if (item.String("ClientId") is { } clientId)
            {
                provider["ClientId"] = clientId;
            }

            provider["ServerSideTokenCheck"] = item.Bool("ServerSideTokenCheck") ?? false;
            providers.Add(provider);
        }

        return providers;
    }
}
