using System.Text.Json;

namespace Verdict.CognitoIdentity.Common;

/// <summary>Reads members of an input the model check has already typed; absent and null read as null.</summary>
internal static class InputReader
{
    public static string? String(this JsonElement input, string name) =>
        input.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    public static bool? Bool(this JsonElement input, string name) =>
        input.TryGetProperty(name, out var value) && value.ValueKind is JsonValueKind.True or JsonValueKind.False ? value.GetBoolean() : null;

    public static long? Long(this JsonElement input, string name) =>
        input.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var number) ? number : null;

    public static JsonElement? Object(this JsonElement input, string name) =>
        input.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Object ? value : null;

    public static List<string> StringList(this JsonElement input, string name)
    {
        var list = new List<string>();
        if (input.TryGetProperty(name, out var array) && array.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in array.EnumerateArray())
            {
                if (item.ValueKind == JsonValueKind.String)
                {
                    list.Add(item.GetString()!);
                }
            }
        }

        return list;
    }

    /// <summary>A string-to-string map (Logins, tags); keys keep the order they were sent in.</summary>
    public static List<KeyValuePair<string, string>> StringMap(this JsonElement input, string name)
    {
        var map = new List<KeyValuePair<string, string>>();
        if (input.Object(name) is { } obj)
        {
            foreach (var entry in obj.EnumerateObject())
            {
                if (entry.Value.ValueKind == JsonValueKind.String)
                {
                    map.Add(new(entry.Name, entry.Value.GetString()!));
                }
            }
        }

        return map;
    }
}
