using System.Text.Json.Nodes;
using Verdict.CognitoIdentityProvider.Common;
using Verdict.CognitoIdentityProvider.Storage;

namespace Verdict.CognitoIdentityProvider.Users;

/// <summary>Checks attribute writes against the pool's schema and renders users in Cognito's shapes.</summary>
public static class UserAttributes
{
    private const string SchemaError = "Attributes did not conform to the schema: ";

    /// <summary>
    /// Null when every attribute exists in the pool's schema and may be written; otherwise Cognito's message.
    /// On creation, required attributes must be present; on update, immutable ones must not be changed.
    /// </summary>
    public static string? Check(UserPoolRecord pool, IReadOnlyList<KeyValuePair<string, string>> attributes, bool creating)
    {
        var schema = Schema(pool);
        foreach (var (name, value) in attributes)
        {
            if (name == "sub")
            {
                return creating ? SchemaError + "sub: Attribute cannot be set." : "Cannot modify an immutable attribute: sub";
            }

            if (!schema.TryGetValue(name, out var definition))
            {
                return SchemaError + $"Type for attribute {{{name}}} could not be determined";
            }

            if (!creating && definition["Mutable"].AsBool() == false)
            {
                return $"Cannot modify an immutable attribute: {name}";
            }

            if (definition["StringAttributeConstraints"]?["MaxLength"].AsString() is { } maxText && int.TryParse(maxText, out var max) && value.Length > max)
            {
                return SchemaError + $"{name}: String must be no longer than {max} characters";
            }

            if (definition["AttributeDataType"].AsString() == "Boolean" && value is not ("true" or "false"))
            {
                return SchemaError + $"{name}: Boolean value must be true or false";
            }
        }

        if (creating)
        {
            foreach (var (name, definition) in schema)
            {
                if (name != "sub" && definition["Required"].AsBool() == true && !attributes.Any(a => a.Key == name && a.Value.Length > 0))
                {
                    return SchemaError + $"{name}: The attribute {name} is required";
                }
            }
        }

        return null;
    }

    /// <summary>Applies updates in order: an existing attribute keeps its place, a new one goes last.</summary>
    public static List<KeyValuePair<string, string>> Merge(IReadOnlyList<KeyValuePair<string, string>> current, IEnumerable<KeyValuePair<string, string>> updates)
    {
        var merged = new List<KeyValuePair<string, string>>(current);
        foreach (var (name, value) in updates)
        {
            var index = merged.FindIndex(a => a.Key == name);
            if (index >= 0)
            {
                merged[index] = new(name, value);
            }
            else
            {
                merged.Add(new(name, value));
            }
        }

        return merged;
    }

    public static JsonArray ToJson(IEnumerable<KeyValuePair<string, string>> attributes, IReadOnlyCollection<string>? only = null)
    {
        var list = new JsonArray();
        foreach (var (name, value) in attributes)
        {
            if (only is null || only.Contains(name))
            {
                list.Add(new JsonObject { ["Name"] = name, ["Value"] = value });
            }
        }

        return list;
    }

    /// <summary>A UserType, as ListUsers and AdminCreateUser return it.</summary>
    public static JsonObject UserType(UserRecord user, IReadOnlyCollection<string>? only = null) => new()
    {
        ["Username"] = user.Username,
        ["Attributes"] = ToJson(user.Attributes, only),
        ["UserCreateDate"] = Timestamps.ToEpochSeconds(user.CreatedAt),
        ["UserLastModifiedDate"] = Timestamps.ToEpochSeconds(user.UpdatedAt),
        ["Enabled"] = user.Enabled,
        ["UserStatus"] = user.Status,
    };

    public static bool PoolUsesUsernameAttribute(UserPoolRecord pool, string attribute) =>
        pool.Config["UsernameAttributes"] is JsonArray list && list.Any(n => n.AsString() == attribute);

    public static bool PoolHasAlias(UserPoolRecord pool, string attribute) =>
        pool.Config["AliasAttributes"] is JsonArray list && list.Any(n => n.AsString() == attribute);

    private static Dictionary<string, JsonObject> Schema(UserPoolRecord pool)
    {
        var schema = new Dictionary<string, JsonObject>(StringComparer.Ordinal);
        if (pool.Config["SchemaAttributes"] is JsonArray list)
        {
            foreach (var item in list)
            {
                if (item is JsonObject definition && definition["Name"].AsString() is { } name)
                {
                    schema[name] = definition;
                }
            }
        }

        return schema;
    }
}
