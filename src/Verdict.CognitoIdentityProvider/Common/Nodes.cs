using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Verdict.CognitoIdentityProvider.Common;

/// <summary>
/// Typed reads of stored settings. <see cref="JsonValue.GetValue{T}"/> is strict about the CLR type a node was built
/// from (an int node will not read as long), and settings come both from parsed JSON and from code, so read by JSON kind.
/// </summary>
internal static class Nodes
{
    public static long? AsLong(this JsonNode? node) =>
        node is JsonValue value && value.GetValueKind() == JsonValueKind.Number &&
        long.TryParse(value.ToJsonString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var number)
            ? number
            : null;

    public static int? AsInt(this JsonNode? node) => node.AsLong() is { } number and >= int.MinValue and <= int.MaxValue ? (int)number : null;

    public static bool? AsBool(this JsonNode? node) => node?.GetValueKind() switch
    {
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        _ => null,
    };

    public static string? AsString(this JsonNode? node) =>
        node is JsonValue value && value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : null;
}
