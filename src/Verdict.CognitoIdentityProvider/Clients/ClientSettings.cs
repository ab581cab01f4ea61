using System.Text.Json.Nodes;
using Verdict.CognitoIdentityProvider.Common;

namespace Verdict.CognitoIdentityProvider.Clients;

/// <summary>Reads an app client's stored settings: token lifetimes, enabled flows, existence-error preference.</summary>
public static class ClientSettings
{
    public static readonly string[] DefaultAuthFlows = ["ALLOW_CUSTOM_AUTH", "ALLOW_REFRESH_TOKEN_AUTH", "ALLOW_USER_SRP_AUTH"];

    public static TimeSpan IdTokenValidity(JsonObject config) => Validity(config, "IdTokenValidity", "IdToken");

    public static TimeSpan AccessTokenValidity(JsonObject config) => Validity(config, "AccessTokenValidity", "AccessToken");

    public static TimeSpan RefreshTokenValidity(JsonObject config) => Validity(config, "RefreshTokenValidity", "RefreshToken");

    public static bool AllowsFlow(JsonObject config, params string[] flows)
    {
        if (config["ExplicitAuthFlows"] is not JsonArray allowed)
        {
            return false;
        }

        foreach (var item in allowed)
        {
            if (item is not null && Array.IndexOf(flows, item.GetValue<string>()) >= 0)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>True when unknown users must look like wrong passwords (ENABLED); LEGACY (the API default) says UserNotFoundException.</summary>
    public static bool PreventsUserExistenceErrors(JsonObject config) => config["PreventUserExistenceErrors"].AsString() == "ENABLED";

    public static bool TokenRevocationEnabled(JsonObject config) => config["EnableTokenRevocation"].AsBool() ?? true;

    public static TimeSpan Span(long value, string unit) => unit switch
    {
        "seconds" => TimeSpan.FromSeconds(value),
        "minutes" => TimeSpan.FromMinutes(value),
        "hours" => TimeSpan.FromHours(value),
        _ => TimeSpan.FromDays(value),
    };

    private static TimeSpan Validity(JsonObject config, string valueName, string unitName)
    {
        var isRefresh = unitName == "RefreshToken";
        if (config[valueName].AsLong() is not { } value)
        {
            return isRefresh ? TimeSpan.FromDays(30) : TimeSpan.FromHours(1);
        }

        return Span(value, config["TokenValidityUnits"]?[unitName].AsString() ?? (isRefresh ? "days" : "hours"));
    }
}
