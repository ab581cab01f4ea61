using System.Text.Json;
using System.Text.Json.Nodes;
using Cedar.Ast;
using Cedar.Schema;

namespace Verdict.VerifiedPermissions.IdentitySources;

/// <summary>
/// The entities and context of a token authorization: the principal and its groups from the tokens, joined to the
/// request's own entities, which may not speak for the principal; with a schema, token claims are fitted to the
/// attributes it declares. Pure functions over JSON text.
/// </summary>
public static class TokenEntities
{
    /// <summary>
    /// Joins the token's principal and groups to the request entities (Cedar entity JSON). Entities of the principal's
    /// or the groups' types may not be passed, with one documented exception: with only an access token, the
    /// principal itself may be passed to give it attributes (the token's groups are added to its parents).
    /// </summary>
    /// <returns>The entity JSON to parse, or the reason the request entities are refused.</returns>
    public static (string? Json, string? Error) Assemble(TokenIdentity identity, string requestEntitiesJson, bool hasIdentityToken, ValidatorSchema? schema)
    {
        JsonArray requestEntities;
        try
        {
            requestEntities = JsonNode.Parse(requestEntitiesJson, documentOptions: new JsonDocumentOptions { MaxDepth = 256 }) as JsonArray
                ?? throw new JsonException("not an array");
        }
        catch (JsonException)
        {
            return (null, "The entities are not valid: they must be a JSON array of entities.");
        }

        var entities = new JsonArray();
        JsonObject? suppliedPrincipal = null;
        foreach (var item in requestEntities)
        {
            if (item is JsonObject entity && ReadUid(entity["uid"]) is var (type, id))
            {
                if (type == identity.PrincipalType)
                {
                    if (hasIdentityToken || id != identity.PrincipalId)
                    {
                        return (null, hasIdentityToken && id == identity.PrincipalId
                            ? $"The entities include the principal {type}::\"{id}\", which the identity token already defines: its attributes come from the token only."
                            : $"The entities can't include entities of type {type}: that is the principal type of the identity source, whose principals come from tokens only.");
                    }

                    suppliedPrincipal = entity;
                    continue;
                }

                if (type == identity.GroupType)
                {
                    return (null, $"The entities can't include entities of type {type}: that is the group type of the identity source, whose groups come from tokens only.");
                }
            }

            entities.Add(item?.DeepClone());
        }

        var principalType = TryName(identity.PrincipalType);
        var attributes = identity.PrincipalAttributes?.DeepClone().AsObject()
            ?? suppliedPrincipal?["attrs"]?.DeepClone() as JsonObject
            ?? [];
        if (schema is not null && identity.PrincipalAttributes is not null && principalType is not null
            && schema.EntityTypes.TryGetValue(principalType, out var definition))
        {
            attributes = (JsonObject)Fit(attributes, definition.Attributes)!;
        }

        var parents = new JsonArray();
        if (suppliedPrincipal?["parents"] is JsonArray suppliedParents)
        {
            foreach (var parent in suppliedParents)
            {
                parents.Add(parent?.DeepClone());
            }
        }

        foreach (var group in identity.GroupIds)
        {
            parents.Add(Uid(identity.GroupType!, group));
            entities.Add(new JsonObject { ["uid"] = Uid(identity.GroupType!, group), ["attrs"] = new JsonObject(), ["parents"] = new JsonArray() });
        }

        var principal = new JsonObject { ["uid"] = Uid(identity.PrincipalType, identity.PrincipalId), ["attrs"] = attributes, ["parents"] = parents };
        if (suppliedPrincipal?["tags"] is JsonObject tags)
        {
            principal["tags"] = tags.DeepClone();
        }

        entities.Add(principal);
        return (entities.ToJsonString(), null);
    }

    /// <summary>
    /// The request context (Cedar context JSON) with <c>token</c> set to the access token's claims. With a schema, the
    /// token record is fitted to what the action's context declares for <c>token</c>, and left out when it declares none.
    /// </summary>
    public static (string? Json, string? Error) Context(string callerContextJson, JsonObject? tokenContext, RecordType? actionContext)
    {
        if (tokenContext is null)
        {
            return (callerContextJson, null);
        }

        JsonObject context;
        try
        {
            context = JsonNode.Parse(callerContextJson) as JsonObject ?? throw new JsonException("not an object");
        }
        catch (JsonException)
        {
            return (null, "The context is not valid: it must be a JSON object.");
        }

        if (context.ContainsKey("token"))
        {
            return (null, "The context can't have a member named token when an access token is given: context.token holds the access token's claims.");
        }

        JsonNode? token = tokenContext.DeepClone();
        if (actionContext is not null)
        {
            token = actionContext.Attributes.TryGetValue("token", out var declared) ? Fit(token, declared.Type)
                : actionContext.AdditionalAttributes ? token
                : null;
        }

        if (token is not null)
        {
            context["token"] = token;
        }

        return (context.ToJsonString(), null);
    }

    /// <summary>
    /// Fits a claim-derived value to a schema type: records keep only declared attributes (unless the record allows
    /// others), a space-separated string becomes a set of strings where one is declared, a set of strings becomes one
    /// space-separated string where a string is declared. Anything else is left for Cedar's schema check to judge.
    /// </summary>
    public static JsonNode? Fit(JsonNode? value, SchemaType type)
    {
        switch (type)
        {
            case RecordType record when value is JsonObject obj:
                var fitted = new JsonObject();
                foreach (var (name, member) in obj)
                {
                    if (record.Attributes.TryGetValue(name, out var declared))
                    {
                        fitted[name] = Fit(member?.DeepClone(), declared.Type);
                    }
                    else if (record.AdditionalAttributes)
                    {
                        fitted[name] = member?.DeepClone();
                    }
                }

                return fitted;
            case SetType set when value is JsonValue text && text.GetValueKind() == JsonValueKind.String:
                return new JsonArray([.. text.GetValue<string>().Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(s => Fit(JsonValue.Create(s), set.Element))]);
            case SetType set when value is JsonArray items:
                return new JsonArray([.. items.Select(i => Fit(i?.DeepClone(), set.Element))]);
            case PrimitiveType { Kind: SchemaTypeKind.String } when value is JsonArray items
                && items.All(i => i is JsonValue v && v.GetValueKind() == JsonValueKind.String):
                return JsonValue.Create(string.Join(' ', items.Select(i => i!.GetValue<string>())));
            default:
                return value;
        }
    }

    private static JsonObject Uid(string type, string id) => new() { ["type"] = type, ["id"] = id };

    /// <summary>An entity uid in Cedar JSON, <c>{"type","id"}</c> or <c>{"__entity":{…}}</c>; null when it is neither.</summary>
    private static (string Type, string Id)? ReadUid(JsonNode? uid)
    {
        if (uid is JsonObject escaped && escaped["__entity"] is JsonObject inner)
        {
            uid = inner;
        }

        return uid is JsonObject obj && obj["type"] is JsonValue type && type.GetValueKind() == JsonValueKind.String
            && obj["id"] is JsonValue id && id.GetValueKind() == JsonValueKind.String
            ? (type.GetValue<string>(), id.GetValue<string>())
            : null;
    }

    private static Name? TryName(string type) => type.Length == 0 ? null : Name.FromFullName(type);
}
