using System.Text.Json;

namespace Verdict.CognitoIdentityProvider.Common;

/// <summary>Reads members of an input the model check has already typed; absent and null read as null.</summary>
internal static class InputReader
{
    public static string? String(this JsonElement input, string name) =>
        input.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    public static bool? Bool(this JsonElement input, string name) =>
        input.TryGetProperty(name, out var value) && value.ValueKind is JsonValueKind.True or JsonValueKind.False ? value.GetBoolean() : null;

    public static int? Int(this JsonElement input, string name) =>
        input.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var number) ? number : null;

    public static JsonElement? Object(this JsonElement input, string name) =>
        input.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Object ? value : null;

    public static JsonElement? Array(this JsonElement input, string name) =>
        input.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Array ? value : null;

    public static List<string>? StringList(this JsonElement input, string name)
    {
        if (input.Array(name) is not { } array)
        {
            return null;
        }

        var list = new List<string>(array.GetArrayLength());
        foreach (var item in array.EnumerateArray())
        {
            if (item.ValueKind == JsonValueKind.String)
            {
                list.Add(item.GetString()!);
            }
        }

        return list;
    }

    /// <summary>A string-to-string map such as AuthParameters; non-string values are skipped.</summary>
    public static Dictionary<string, string> StringMap(this JsonElement input, string name)
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        if (input.Object(name) is { } obj)
        {
            foreach (var entry in obj.EnumerateObject())
            {
                if (entry.Value.ValueKind == JsonValueKind.String)
                {
                    map[entry.Name] = entry.Value.GetString()!;
                }
            }
        }

        return map;
    }

    /// <summary>An <c>AttributeListType</c>: [{Name, Value}], in order; a missing Value reads as empty.</summary>
    public static List<KeyValuePair<string, string>> Attributes(this JsonElement input, string name)
    {
        var list = new List<KeyValuePair<string, string>>();
        if (input.Array(name) is { } array)
        {
            foreach (var item in array.EnumerateArray())
            {
                if (item.ValueKind == JsonValueKind.Object && item.String("Name") is { } attribute)
                {
                    list.Add(new(attribute, item.String("Value") ?? ""));
                }
            }
        }

        return list;
    }
}
