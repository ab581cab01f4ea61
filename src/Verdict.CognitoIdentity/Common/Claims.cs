using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Verdict.CognitoIdentity.Common;

/// <summary>Typed reads of token claims, by JSON kind (a claim may be a string, a number, a boolean or a list).</summary>
internal static class Claims
{
    public static string? Text(this JsonObject claims, string name) =>
        claims[name] is JsonValue value && value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : null;

    public static long? Number(this JsonObject claims, string name) =>
        claims[name] is JsonValue value && value.GetValueKind() == JsonValueKind.Number &&
        long.TryParse(value.ToJsonString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var number)
            ? number
            : null;

    /// <summary>A claim as strings: one for a scalar, each item for a list; empty when absent.</summary>
    public static List<string> Values(this JsonObject claims, string name) => claims[name] switch
    {
        null => [],
        JsonArray list => [.. list.Select(Scalar).OfType<string>()],
        var node => Scalar(node) is { } single ? [single] : [],
    };

    private static string? Scalar(JsonNode? node) => node?.GetValueKind() switch
    {
        JsonValueKind.String => node.GetValue<string>(),
        JsonValueKind.Number => node.ToJsonString(),
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        _ => null,
    };
}
