using System.Text.Json;
using Cedar.Json;

namespace Verdict.VerifiedPermissions.Authorization;

/// <summary>
/// Turns AVP's typed entity and context shapes (<c>entityList</c>, <c>contextMap</c> with AttributeValue unions) into
/// Cedar's entity and context JSON, so both input forms go through the same Cedar reader (and the same schema-based
/// reading when the store has a schema). The tree is built straight from the request's parsed JSON, with no text in
/// between. Extension values become <c>__extn</c> escapes and entity references <c>__entity</c> escapes.
/// </summary>
public static class AvpEntities
{
    private static readonly SpannedJson s_emptyArray = SpannedJson.FromArray([]);
    private static readonly SpannedJson s_emptyObject = SpannedJson.FromMembers([]);

    /// <summary>
    /// The <c>EntitiesDefinition</c> union as Cedar entity JSON (an array). Of entities with one identifier, the last
    /// wins, as AVP documents. False with the reason when the <c>cedarJson</c> text or an attribute map is not valid JSON.
    /// </summary>
    public static bool TryReadEntities(JsonElement? definition, out SpannedJson entities, out string error)
    {
        entities = s_emptyArray;
        error = "";
        if (definition is not { } d)
        {
            return true;
        }

        if (d.TryGetProperty("cedarJson", out var cedarJson) && cedarJson.ValueKind == JsonValueKind.String)
        {
            return TryParseText(cedarJson.GetString()!, out entities, out error);
        }

        if (!d.TryGetProperty("entityList", out var list) || list.ValueKind != JsonValueKind.Array)
        {
            return true;
        }

        var count = list.GetArrayLength();
        var identifiers = new (string Type, string Id)[count];
        var last = new Dictionary<(string, string), int>(count);
        var i = 0;
        foreach (var item in list.EnumerateArray())
        {
            identifiers[i] = Identifier(item.GetProperty("identifier"));
            last[identifiers[i]] = i;
            i++;
        }

        var items = new SpannedJson[last.Count];
        var written = 0;
        i = 0;
        foreach (var item in list.EnumerateArray())
        {
            if (last[identifiers[i]] == i)
            {
                if (!TryReadEntity(item, identifiers[i], out items[written], out error))
                {
                    return false;
                }

                written++;
            }

            i++;
        }

        entities = SpannedJson.FromArray(items);
        return true;
    }

    /// <summary>The <c>ContextDefinition</c> union as Cedar context JSON (an object).</summary>
    public static bool TryReadContext(JsonElement? definition, out SpannedJson context, out string error)
    {
        context = s_emptyObject;
        error = "";
        if (definition is not { } d)
        {
            return true;
        }

        if (d.TryGetProperty("cedarJson", out var cedarJson) && cedarJson.ValueKind == JsonValueKind.String)
        {
            return TryParseText(cedarJson.GetString()!, out context, out error);
        }

        return !d.TryGetProperty("contextMap", out var map) || TryReadMap(map, 0, out context, out error);
    }

    private static bool TryParseText(string text, out SpannedJson json, out string error)
    {
        if (SpannedJsonParser.TryParse(text, out var parsed, out var jsonError, out _))
        {
            json = parsed!;
            error = "";
            return true;
        }

        json = s_emptyArray;
        error = "invalid JSON: " + jsonError;
        return false;
    }

    private static bool TryReadEntity(JsonElement item, (string Type, string Id) identifier, out SpannedJson entity, out string error)
    {
        entity = s_emptyObject;
        var attributes = s_emptyObject;
        if (item.TryGetProperty("attributes", out var attributesJson) && !TryReadMap(attributesJson, 0, out attributes, out error))
        {
            return false;
        }

        var parents = new List<SpannedJson>();
        if (item.TryGetProperty("parents", out var parentsJson) && parentsJson.ValueKind == JsonValueKind.Array)
        {
            foreach (var parent in parentsJson.EnumerateArray())
            {
                parents.Add(Uid(Identifier(parent)));
            }
        }

        var members = new List<KeyValuePair<string, SpannedJson>>(4)
        {
            new("uid", Uid(identifier)),
            new("attrs", attributes),
            new("parents", SpannedJson.FromArray([.. parents])),
        };
        if (item.TryGetProperty("tags", out var tagsJson) && tagsJson.ValueKind == JsonValueKind.Object)
        {
            if (!TryReadMap(tagsJson, 0, out var tags, out error))
            {
                return false;
            }

            members.Add(new("tags", tags));
        }

        entity = SpannedJson.FromMembers([.. members]);
        error = "";
        return true;
    }

    private static (string, string) Identifier(JsonElement identifier) =>
        (identifier.GetProperty("entityType").GetString()!, identifier.GetProperty("entityId").GetString()!);

    private static SpannedJson Uid((string Type, string Id) identifier) =>
        SpannedJson.FromMembers([new("type", SpannedJson.FromString(identifier.Type)), new("id", SpannedJson.FromString(identifier.Id))]);

    private static bool TryReadMap(JsonElement map, int depth, out SpannedJson record, out string error)
    {
        record = s_emptyObject;
        error = "";
        if (map.ValueKind != JsonValueKind.Object)
        {
            return true;
        }

        var members = new List<KeyValuePair<string, SpannedJson>>();
        foreach (var member in map.EnumerateObject())
        {
            foreach (var earlier in members)
            {
                if (member.NameEquals(earlier.Key))
                {
                    // The request's JSON reader keeps repeated names; Cedar's JSON may not have them.
                    error = $"invalid JSON: duplicate key `{earlier.Key}` in JSON object";
                    return false;
                }
            }

            if (!TryReadValue(member.Value, depth + 1, out var value, out error))
            {
                return false;
            }

            members.Add(new(member.Name, value));
        }

        record = SpannedJson.FromMembers([.. members]);
        return true;
    }

    /// <summary>One AttributeValue (or CedarTagValue) union; the model check guarantees exactly one member.</summary>
    private static bool TryReadValue(JsonElement value, int depth, out SpannedJson json, out string error)
    {
        if (depth > 128)
        {
            throw new InvalidOperationException("Attribute values nested beyond the validated depth.");
        }

        error = "";
        var member = First(value);
        switch (member.Name)
        {
            case "boolean":
            case "long":
            case "string":
                json = Scalar(member.Value);
                return true;
            case "entityIdentifier":
                json = SpannedJson.FromMembers([new("__entity", Uid(Identifier(member.Value)))]);
                return true;
            case "set":
                var items = new SpannedJson[member.Value.GetArrayLength()];
                var i = 0;
                foreach (var item in member.Value.EnumerateArray())
                {
                    if (!TryReadValue(item, depth + 1, out items[i++], out error))
                    {
                        json = s_emptyArray;
                        return false;
                    }
                }

                json = SpannedJson.FromArray(items);
                return true;
            case "record":
                return TryReadMap(member.Value, depth + 1, out json, out error);
            case "ipaddr":
                json = Extension("ip", member.Value.GetString()!);
                return true;
            case "decimal":
            case "datetime":
            case "duration":
                json = Extension(member.Name, member.Value.GetString()!);
                return true;
            default:
                throw new InvalidOperationException($"AttributeValue member {member.Name} is not in the model.");
        }
    }

    private static JsonProperty First(JsonElement union)
    {
        foreach (var member in union.EnumerateObject())
        {
            if (member.Value.ValueKind != JsonValueKind.Null)
            {
                return member;
            }
        }

        throw new InvalidOperationException("An AttributeValue union with no member passed the model check.");
    }

    private static SpannedJson Scalar(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => SpannedJson.FromString(value.GetString()!),
        JsonValueKind.Number => SpannedJson.FromNumberLiteral(value.GetRawText()),
        JsonValueKind.True => SpannedJson.FromBool(true),
        JsonValueKind.False => SpannedJson.FromBool(false),
        _ => throw new InvalidOperationException($"A scalar AttributeValue of kind {value.ValueKind} passed the model check."),
    };

    private static SpannedJson Extension(string function, string argument) =>
        SpannedJson.FromMembers(
        [
            new("__extn", SpannedJson.FromMembers([new("fn", SpannedJson.FromString(function)), new("arg", SpannedJson.FromString(argument))])),
        ]);
}
