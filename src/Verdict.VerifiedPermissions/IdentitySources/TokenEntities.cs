using System.Text.Json;
using System.Text.Json.Nodes;
using Cedar.Ast;
using Cedar.Json;
using Cedar.Schema;

namespace Verdict.VerifiedPermissions.IdentitySources;

/// <summary>
/// The entities and context of a token authorization: the principal and its groups from the tokens, joined to the
/// request's own entities, which may not speak for the principal; with a schema, token claims are fitted to the
/// attributes it declares. Pure functions over JSON trees.
/// </summary>
public static class TokenEntities
{
    private static readonly SpannedJson s_emptyObject = SpannedJson.FromMembers([]);
    private static readonly SpannedJson s_emptyArray = SpannedJson.FromArray([]);

    /// <summary>
    /// Joins the token's principal and groups to the request entities (Cedar entity JSON). Entities of the principal's
    /// or the groups' types may not be passed, with one documented exception: with only an access token, the
    /// principal itself may be passed to give it attributes (the token's groups are added to its parents).
    /// </summary>
    /// <returns>The entity JSON to parse, or the reason the request entities are refused.</returns>
    public static (SpannedJson? Json, string? Error) Assemble(TokenIdentity identity, SpannedJson requestEntities, bool hasIdentityToken, ValidatorSchema? schema)
    {
        if (requestEntities.Kind != SpannedJsonKind.Array)
        {
            return (null, "The entities are not valid: they must be a JSON array of entities.");
        }

        var entities = new List<SpannedJson>(requestEntities.Items.Count + identity.GroupIds.Count + 1);
        SpannedJson? suppliedPrincipal = null;
        foreach (var item in requestEntities.Items)
        {
            if (item.Kind == SpannedJsonKind.Object && ReadUid(item.Get("uid")) is var (type, id))
            {
                if (type == identity.PrincipalType)
                {
                    if (hasIdentityToken || id != identity.PrincipalId)
                    {
                        return (null, hasIdentityToken && id == identity.PrincipalId
                            ? $"The entities include the principal {type}::\"{id}\", which the identity token already defines: its attributes come from the token only."
                            : $"The entities can't include entities of type {type}: that is the principal type of the identity source, whose principals come from tokens only.");
                    }

                    suppliedPrincipal = item;
                    continue;
                }

                if (type == identity.GroupType)
                {
                    return (null, $"The entities can't include entities of type {type}: that is the group type of the identity source, whose groups come from tokens only.");
                }
            }

            entities.Add(item);
        }

        SpannedJson attributes;
        if (identity.PrincipalAttributes is { } claims)
        {
            var principalType = TryName(identity.PrincipalType);
            JsonNode fitted = claims;
            if (schema is not null && principalType is not null && schema.EntityTypes.TryGetValue(principalType, out var definition))
            {
                fitted = Fit(claims, definition.Attributes)!;
            }

            attributes = FromNode(fitted);
        }
        else
        {
            attributes = suppliedPrincipal?.Get("attrs") ?? s_emptyObject;
        }

        var parents = new List<SpannedJson>();
        if (suppliedPrincipal?.Get("parents") is { Kind: SpannedJsonKind.Array } suppliedParents)
        {
            parents.AddRange(suppliedParents.Items);
        }

        foreach (var group in identity.GroupIds)
        {
            parents.Add(Uid(identity.GroupType!, group));
            entities.Add(SpannedJson.FromMembers([new("uid", Uid(identity.GroupType!, group)), new("attrs", s_emptyObject), new("parents", s_emptyArray)]));
        }

        KeyValuePair<string, SpannedJson>[] principal = suppliedPrincipal?.Get("tags") is { Kind: SpannedJsonKind.Object } tags
            ? [new("uid", Uid(identity.PrincipalType, identity.PrincipalId)), new("attrs", attributes), new("parents", SpannedJson.FromArray([.. parents])), new("tags", tags)]
            : [new("uid", Uid(identity.PrincipalType, identity.PrincipalId)), new("attrs", attributes), new("parents", SpannedJson.FromArray([.. parents]))];
        entities.Add(SpannedJson.FromMembers(principal));
        return (SpannedJson.FromArray([.. entities]), null);
    }

    /// <summary>
    /// The request context (Cedar context JSON) with <c>token</c> set to the access token's claims. With a schema, the
    /// token record is fitted to what the action's context declares for <c>token</c>, and left out when it declares none.
    /// </summary>
    public static (SpannedJson? Json, string? Error) Context(SpannedJson callerContext, JsonObject? tokenContext, RecordType? actionContext)
    {
        if (tokenContext is null)
        {
            return (callerContext, null);
        }

        if (callerContext.Kind != SpannedJsonKind.Object)
        {
            return (null, "The context is not valid: it must be a JSON object.");
        }

        if (callerContext.Get("token") is not null)
        {
            return (null, "The context can't have a member named token when an access token is given: context.token holds the access token's claims.");
        }

        JsonNode? token = tokenContext;
        if (actionContext is not null)
        {
            token = actionContext.Attributes.TryGetValue("token", out var declared) ? Fit(token, declared.Type)
                : actionContext.AdditionalAttributes ? token
                : null;
        }

        return token is null
            ? (callerContext, null)
            : (SpannedJson.FromMembers([.. callerContext.Members, new("token", FromNode(token))]), null);
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

    private static SpannedJson Uid(string type, string id) =>
        SpannedJson.FromMembers([new("type", SpannedJson.FromString(type)), new("id", SpannedJson.FromString(id))]);

    /// <summary>An entity uid in Cedar JSON, <c>{"type","id"}</c> or <c>{"__entity":{…}}</c>; null when it is neither.</summary>
    private static (string Type, string Id)? ReadUid(SpannedJson? uid)
    {
        if (uid is { Kind: SpannedJsonKind.Object } escaped && escaped.Get("__entity") is { Kind: SpannedJsonKind.Object } inner)
        {
            uid = inner;
        }

        return uid is { Kind: SpannedJsonKind.Object } && uid.Get("type") is { Kind: SpannedJsonKind.String } type
            && uid.Get("id") is { Kind: SpannedJsonKind.String } id
            ? (type.Text!, id.Text!)
            : null;
    }

    /// <summary>Claim-derived JSON (a <see cref="JsonNode"/> tree from the token) as the tree Cedar's readers take.</summary>
    private static SpannedJson FromNode(JsonNode? node) => node switch
    {
        null => SpannedJson.FromNull(),
        JsonObject obj => SpannedJson.FromMembers([.. obj.Select(m => new KeyValuePair<string, SpannedJson>(m.Key, FromNode(m.Value)))]),
        JsonArray array => SpannedJson.FromArray([.. array.Select(FromNode)]),
        _ => node.GetValueKind() switch
        {
            JsonValueKind.String => SpannedJson.FromString(node.GetValue<string>()),
            JsonValueKind.Number => SpannedJson.FromNumberLiteral(node.ToJsonString()),
            JsonValueKind.True => SpannedJson.FromBool(true),
            JsonValueKind.False => SpannedJson.FromBool(false),
            _ => SpannedJson.FromNull(),
        },
    };

    private static Name? TryName(string type) => type.Length == 0 ? null : Name.FromFullName(type);
}
