using System.Text;
using System.Text.Json;

namespace Verdict.VerifiedPermissions.Authorization;

/// <summary>
/// Turns AVP's typed entity and context shapes (<c>entityList</c>, <c>contextMap</c> with AttributeValue unions) into
/// Cedar's entity and context JSON, so both input forms go through the same Cedar parser (and the same schema-based
/// reading when the store has a schema). Extension values become <c>__extn</c> escapes and entity references
/// <c>__entity</c> escapes.
/// </summary>
public static class AvpEntities
{
    /// <summary>The <c>EntitiesDefinition</c> union as Cedar entity JSON. Of entities with one identifier, the last wins, as AVP documents.</summary>
    public static string EntitiesToCedarJson(JsonElement? definition)
    {
        if (definition is not { } d)
        {
            return "[]";
        }

        if (d.TryGetProperty("cedarJson", out var cedarJson) && cedarJson.ValueKind == JsonValueKind.String)
        {
            return cedarJson.GetString()!;
        }

        var items = d.TryGetProperty("entityList", out var list) && list.ValueKind == JsonValueKind.Array ? [.. list.EnumerateArray()] : new List<JsonElement>();
        var last = new Dictionary<(string, string), int>();
        for (var i = 0; i < items.Count; i++)
        {
            last[Identifier(items[i].GetProperty("identifier"))] = i;
        }

        return Write(writer =>
        {
            writer.WriteStartArray();
            for (var i = 0; i < items.Count; i++)
            {
                var item = items[i];
                if (last[Identifier(item.GetProperty("identifier"))] != i)
                {
                    continue;
                }

                writer.WriteStartObject();
                writer.WritePropertyName("uid"u8);
                WriteUid(writer, item.GetProperty("identifier"));
                writer.WritePropertyName("attrs"u8);
                WriteMap(writer, item.TryGetProperty("attributes", out var attributes) ? attributes : null, 0);
                writer.WriteStartArray("parents"u8);
                if (item.TryGetProperty("parents", out var parents) && parents.ValueKind == JsonValueKind.Array)
                {
                    foreach (var parent in parents.EnumerateArray())
                    {
                        WriteUid(writer, parent);
                    }
                }

                writer.WriteEndArray();
                if (item.TryGetProperty("tags", out var tags) && tags.ValueKind == JsonValueKind.Object)
                {
                    writer.WritePropertyName("tags"u8);
                    WriteMap(writer, tags, 0);
                }

                writer.WriteEndObject();
            }

            writer.WriteEndArray();
        });
    }

    /// <summary>The <c>ContextDefinition</c> union as Cedar context JSON (an object).</summary>
    public static string ContextToCedarJson(JsonElement? definition)
    {
        if (definition is not { } d)
        {
            return "{}";
        }

        if (d.TryGetProperty("cedarJson", out var cedarJson) && cedarJson.ValueKind == JsonValueKind.String)
        {
            return cedarJson.GetString()!;
        }

        return Write(writer => WriteMap(writer, d.TryGetProperty("contextMap", out var map) ? map : null, 0));
    }

    private static (string, string) Identifier(JsonElement identifier) =>
        (identifier.GetProperty("entityType").GetString()!, identifier.GetProperty("entityId").GetString()!);

    private static void WriteUid(Utf8JsonWriter writer, JsonElement identifier)
    {
        writer.WriteStartObject();
        writer.WriteString("type"u8, identifier.GetProperty("entityType").GetString());
        writer.WriteString("id"u8, identifier.GetProperty("entityId").GetString());
        writer.WriteEndObject();
    }

    private static void WriteMap(Utf8JsonWriter writer, JsonElement? map, int depth)
    {
        writer.WriteStartObject();
        if (map is { ValueKind: JsonValueKind.Object } m)
        {
            foreach (var member in m.EnumerateObject())
            {
                writer.WritePropertyName(member.Name);
                WriteValue(writer, member.Value, depth + 1);
            }
        }

        writer.WriteEndObject();
    }

    /// <summary>One AttributeValue (or CedarTagValue) union; the model check guarantees exactly one member.</summary>
    private static void WriteValue(Utf8JsonWriter writer, JsonElement value, int depth)
    {
        if (depth > 128)
        {
            throw new InvalidOperationException("Attribute values nested beyond the validated depth.");
        }

        var member = value.EnumerateObject().First(p => p.Value.ValueKind != JsonValueKind.Null);
        switch (member.Name)
        {
            case "boolean":
            case "long":
            case "string":
                member.Value.WriteTo(writer);
                break;
            case "entityIdentifier":
                writer.WriteStartObject();
                writer.WritePropertyName("__entity"u8);
                WriteUid(writer, member.Value);
                writer.WriteEndObject();
                break;
            case "set":
                writer.WriteStartArray();
                foreach (var item in member.Value.EnumerateArray())
                {
                    WriteValue(writer, item, depth + 1);
                }

                writer.WriteEndArray();
                break;
            case "record":
                WriteMap(writer, member.Value, depth + 1);
                break;
            case "ipaddr":
                WriteExtension(writer, "ip", member.Value.GetString()!);
                break;
            case "decimal":
            case "datetime":
            case "duration":
                WriteExtension(writer, member.Name, member.Value.GetString()!);
                break;
            default:
                throw new InvalidOperationException($"AttributeValue member {member.Name} is not in the model.");
        }
    }

    private static void WriteExtension(Utf8JsonWriter writer, string function, string argument)
    {
        writer.WriteStartObject();
        writer.WriteStartObject("__extn"u8);
        writer.WriteString("fn"u8, function);
        writer.WriteString("arg"u8, argument);
        writer.WriteEndObject();
        writer.WriteEndObject();
    }

    private static string Write(Action<Utf8JsonWriter> write)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            write(writer);
        }

        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }
}
