using System.Text.Json;
using System.Text.Json.Nodes;
using Verdict.CognitoIdentityProvider.Common;

namespace Verdict.CognitoIdentityProvider.UserPools;

/// <summary>The standard attributes every pool has, plus custom ones from CreateUserPool's Schema.</summary>
internal static class UserPoolSchema
{
    private static readonly string[] s_standardStrings =
    [
        "name", "given_name", "family_name", "middle_name", "nickname", "preferred_username", "profile", "picture", "website",
        "email", "gender", "birthdate", "zoneinfo", "locale", "phone_number", "address",
    ];

    public static bool IsStandard(string name) =>
        name is "sub" or "email_verified" or "phone_number_verified" or "updated_at" || Array.IndexOf(s_standardStrings, name) >= 0;

    /// <summary>The SchemaAttributes list, in AWS's order; <paramref name="schema"/> (CreateUserPool's Schema) may refine or add.</summary>
    public static (JsonArray? Attributes, string? Error) Build(JsonElement? schema)
    {
        var attributes = new List<JsonObject>
        {
            StringAttribute("sub", mutable: false, required: true, "1", "2048"),
        };
        foreach (var name in s_standardStrings)
        {
            attributes.Add(name == "birthdate" ? StringAttribute(name, true, false, "10", "10") : StringAttribute(name, true, false, "0", "2048"));
            if (name == "email")
            {
                attributes.Add(Typed("email_verified", "Boolean"));
            }
            else if (name == "phone_number")
            {
                attributes.Add(Typed("phone_number_verified", "Boolean"));
            }
        }

        var updatedAt = Typed("updated_at", "Number");
        updatedAt["NumberAttributeConstraints"] = new JsonObject { ["MinValue"] = "0" };
        attributes.Add(updatedAt);

        if (schema is { } list)
        {
            foreach (var item in list.EnumerateArray())
            {
                var name = item.String("Name");
                if (string.IsNullOrEmpty(name))
                {
                    return (null, "Schema attribute name must not be empty.");
                }

                var existing = attributes.Find(a => a["Name"].AsString()! == name);
                if (existing is not null)
                {
                    if (name == "sub")
                    {
                        return (null, "The sub attribute cannot be modified.");
                    }

                    if (item.Bool("Required") is { } required)
                    {
                        existing["Required"] = required;
                    }

                    if (item.Bool("Mutable") is { } mutable)
                    {
                        existing["Mutable"] = mutable;
                    }

                    continue;
                }

                var fullName = "custom:" + name;
                if (attributes.Exists(a => a["Name"].AsString()! == fullName))
                {
                    return (null, $"Duplicate attribute name {name}.");
                }

                if (item.Bool("Required") == true)
                {
                    return (null, "Required custom attributes are not supported currently.");
                }

                var custom = new JsonObject
                {
                    ["Name"] = fullName,
                    ["AttributeDataType"] = item.String("AttributeDataType") ?? "String",
                    ["DeveloperOnlyAttribute"] = item.Bool("DeveloperOnlyAttribute") ?? false,
                    ["Mutable"] = item.Bool("Mutable") ?? true,
                    ["Required"] = false,
                };
                foreach (var constraints in (string[])["StringAttributeConstraints", "NumberAttributeConstraints"])
                {
                    if (item.Object(constraints) is { } value)
                    {
                        custom[constraints] = JsonNode.Parse(value.GetRawText());
                    }
                }

                if (custom["AttributeDataType"].AsString()! == "String" && custom["StringAttributeConstraints"] is null)
                {
                    custom["StringAttributeConstraints"] = new JsonObject();
                }

                attributes.Add(custom);
            }
        }

        return (new JsonArray([.. attributes]), null);
    }

    private static JsonObject StringAttribute(string name, bool mutable, bool required, string min, string max) => new()
    {
        ["Name"] = name,
        ["AttributeDataType"] = "String",
        ["DeveloperOnlyAttribute"] = false,
        ["Mutable"] = mutable,
        ["Required"] = required,
        ["StringAttributeConstraints"] = new JsonObject { ["MinLength"] = min, ["MaxLength"] = max },
    };

    private static JsonObject Typed(string name, string type) => new()
    {
        ["Name"] = name,
        ["AttributeDataType"] = type,
        ["DeveloperOnlyAttribute"] = false,
        ["Mutable"] = true,
        ["Required"] = false,
    };
}
