using Cedar.Ast;
using Cedar.Entities;
using Cedar.Parsing;
using Cedar.Schema;
using Cedar.Values;

namespace Cedar.Json;

/// <summary>
/// Cedar's entity and context JSON, read the way cedar-wasm 4.13 reads them. With a schema: schema-based parsing
/// (implicit entity and extension forms), conformance checking, and the schema's action entities added to the store.
/// </summary>
public static class EntityJson
{
    public static ParseResult<EntityStore> ParseEntities(string json, ValidatorSchema? schema = null)
    {
        if (schema is null && DirectEntityReader.TryReadEntities(json, out var store))
        {
            return ParseResult<EntityStore>.Ok(store);
        }

        if (!SpannedJsonParser.TryParse(json, out var root, out var jsonError, out var span))
        {
            return ParseResult<EntityStore>.Fail(new ParseError(ParseErrorKind.InvalidJson, span, "invalid JSON: " + jsonError));
        }

        return ParseEntities(root!, schema);
    }

    public static ParseResult<EntityStore> ParseEntities(SpannedJson root, ValidatorSchema? schema = null)
    {
        if (root.Kind != SpannedJsonKind.Array)
        {
            return Fail(root.Span, "entities must be a JSON array, found " + root.Describe());
        }

        var reader = new CedarValueJson(schema);

        // Enumerates in insertion order (entries are replaced, never removed), which is the order of first appearance.
        var byUid = new Dictionary<EntityUid, Entity>(root.ItemArray.Length);
        foreach (var item in root.ItemArray)
        {
            if (!TryReadEntity(item, schema, reader, out var entity, out var error))
            {
                return Fail(item.Span, error);
            }

            if (byUid.TryGetValue(entity.Uid, out var existing))
            {
                if (!SameEntity(existing, entity))
                {
                    return Fail(item.Span, "duplicate entity entry `" + entity.Uid + "`");
                }

                continue;
            }

            byUid.Add(entity.Uid, entity);
        }

        SchemaActionEntities? actions = null;
        if (schema is not null)
        {
            actions = SchemaActionEntities.Of(schema);
            foreach (var action in actions.Entities)
            {
                byUid[action.Uid] = action;
            }
        }

        var store = EntityStore.FromMap(byUid, actions?.KnownAncestors);
        foreach (var uid in byUid.Keys)
        {
            if (store.IsAncestor(uid, uid))
            {
                return Fail(root.Span, "transitive closure computation/enforcement error: input graph has a cycle containing vertex `" + uid + "`");
            }
        }

        return ParseResult<EntityStore>.Ok(store);
    }

    /// <summary>Reads a request context. With a schema, <paramref name="action"/> must be declared and gives the context type.</summary>
    public static ParseResult<RecordValue> ParseContext(string json, ValidatorSchema? schema = null, EntityUid? action = null)
    {
        // Without a context type (no schema, or no action to find it by), the context is read untyped.
        if ((schema is null || action is null) && DirectEntityReader.TryReadContext(json, out var context))
        {
            return ParseResult<RecordValue>.Ok(context);
        }

        if (!SpannedJsonParser.TryParse(json, out var root, out var jsonError, out var span))
        {
            return ParseResult<RecordValue>.Fail(new ParseError(ParseErrorKind.InvalidJson, span, "invalid JSON: " + jsonError));
        }

        return ParseContext(root!, schema, action);
    }

    public static ParseResult<RecordValue> ParseContext(SpannedJson root, ValidatorSchema? schema = null, EntityUid? action = null)
    {
        RecordType? contextType = null;
        if (schema is not null && action is not null)
        {
            if (!schema.Actions.TryGetValue(action, out var def))
            {
                return ParseResult<RecordValue>.Fail(new ParseError(ParseErrorKind.InvalidEntities, root.Span, "action `" + action + "` does not exist in the supplied schema"));
            }

            contextType = def.Context;
        }

        var reader = new CedarValueJson(schema);
        return reader.TryReadRecordMembers(root, contextType, "context", out var record, out var error)
            ? ParseResult<RecordValue>.Ok(record)
            : ParseResult<RecordValue>.Fail(new ParseError(ParseErrorKind.InvalidEntities, root.Span, "while parsing context, " + error));
    }

    /// <summary>An entity uid in JSON: <c>{"type","id"}</c> or <c>{"__entity":{"type","id"}}</c>.</summary>
    public static bool TryParseEntityUid(SpannedJson json, out EntityUid uid, out string error) =>
        CedarValueJson.TryReadEntityUid(json, out uid, out error);

    private static bool TryReadEntity(SpannedJson json, ValidatorSchema? schema, CedarValueJson reader, out Entity entity, out string error)
    {
        entity = null!;
        if (json.Kind != SpannedJsonKind.Object)
        {
            error = "an entity must be a JSON object, found " + json.Describe();
            return false;
        }

        var uidJson = json.Get("uid");
        var attrsJson = json.Get("attrs");
        var parentsJson = json.Get("parents");
        var tagsJson = json.Get("tags");
        if (uidJson is null || attrsJson is null || parentsJson is null)
        {
            error = "error during entity deserialization: missing field `" + (uidJson is null ? "uid" : attrsJson is null ? "attrs" : "parents") + "`";
            return false;
        }

        if (!CedarValueJson.TryReadEntityUid(uidJson, out var uid, out error))
        {
            error = "in uid field of <unknown entity>, " + error;
            return false;
        }

        if (parentsJson.Kind != SpannedJsonKind.Array)
        {
            error = "the parents of `" + uid + "` must be a JSON array";
            return false;
        }

        var parentsJsonItems = parentsJson.ItemArray;
        var parents = parentsJsonItems.Length == 0 ? [] : new EntityUid[parentsJsonItems.Length];
        for (var i = 0; i < parents.Length; i++)
        {
            if (!CedarValueJson.TryReadEntityUid(parentsJsonItems[i], out parents[i], out error))
            {
                error = "in parents field of `" + uid + "`, " + error;
                return false;
            }
        }

        EntityTypeDefinition? typeDef = null;
        if (schema is not null)
        {
            if (uid.Type.IsAction)
            {
                return TryReadActionEntity(uid, attrsJson, parents, tagsJson, schema, out entity, out error);
            }

            if (!schema.EntityTypes.TryGetValue(uid.Type, out typeDef))
            {
                error = "entity `" + uid + "` has type `" + uid.Type + "` which is not declared in the schema";
                return false;
            }

            if (typeDef.EnumIds is { } ids && !ids.Contains(uid.Id))
            {
                error = "entity `" + uid + "` is of an enumerated entity type, but `\"" + StringEscaper.Escape(uid.Id) + "\"` is not declared as a valid eid";
                return false;
            }

            foreach (var parent in parents)
            {
                if (!typeDef.MemberOfTypes.Contains(parent.Type))
                {
                    error = "`" + uid + "` is not allowed to have an ancestor of type `" + parent.Type + "` according to the schema";
                    return false;
                }
            }
        }

        if (!reader.TryReadEntityAttributes(attrsJson, typeDef?.Attributes, uid, out var attrs, out error))
        {
            error = error + Where(uid);
            return false;
        }

        Dictionary<string, Value>? tags = null;
        if (tagsJson is not null)
        {
            if (tagsJson.Kind != SpannedJsonKind.Object)
            {
                error = "the tags of `" + uid + "` must be a JSON object";
                return false;
            }

            var tagMembers = tagsJson.MemberArray;
            if (typeDef is not null && typeDef.Tags is null && tagMembers.Length > 0)
            {
                error = "found a tag `" + tagMembers[0].Key + "`" + Where(uid) + ", but no tags should exist" + Where(uid) + " according to the schema";
                return false;
            }

            tags = new Dictionary<string, Value>(tagMembers.Length, StringComparer.Ordinal);
            foreach (var (key, valueJson) in tagMembers)
            {
                if (!reader.TryRead(valueJson, typeDef?.Tags, out var v, out error))
                {
                    error = "in tag `" + key + "`" + Where(uid) + ", " + error;
                    return false;
                }

                tags[key] = v;
            }
        }

        entity = new Entity(uid, attrs.Count == 0 ? null : new RecordAttributeMap(attrs), parents, tags);
        return true;
    }

    private static string Where(EntityUid uid) => " on `" + uid + "`";

    // An action entity in the JSON must be exactly the schema's: no attributes or tags, and as parents all its ancestors.
    private static bool TryReadActionEntity(
        EntityUid uid, SpannedJson attrsJson, EntityUid[] parents, SpannedJson? tagsJson, ValidatorSchema schema, out Entity entity, out string error)
    {
        entity = null!;
        if (!schema.Actions.TryGetValue(uid, out var def))
        {
            error = "found action entity `" + uid + "`, but it was not declared as an action in the schema";
            return false;
        }

        var expected = ActionAncestors(schema, def);
        var actual = new HashSet<EntityUid>(parents);
        if (attrsJson.Kind != SpannedJsonKind.Object || attrsJson.Members.Count > 0 ||
            (tagsJson is not null && (tagsJson.Kind != SpannedJsonKind.Object || tagsJson.Members.Count > 0)) ||
            !actual.SetEquals(expected))
        {
            error = "definition of action `" + uid + "` does not match its schema declaration";
            return false;
        }

        entity = new Entity(uid, parents: def.MemberOf);
        error = "";
        return true;
    }

    private static HashSet<EntityUid> ActionAncestors(ValidatorSchema schema, ActionDefinition def)
    {
        var result = new HashSet<EntityUid>();
        var queue = new Queue<EntityUid>(def.MemberOf);
        while (queue.Count > 0)
        {
            var next = queue.Dequeue();
            if (result.Add(next) && schema.Actions.TryGetValue(next, out var parentDef))
            {
                foreach (var p in parentDef.MemberOf)
                {
                    queue.Enqueue(p);
                }
            }
        }

        return result;
    }

    private static bool SameEntity(Entity a, Entity b) =>
        SameMap(a.Attributes, b.Attributes) && SameMap(a.Tags, b.Tags) && new HashSet<EntityUid>(a.Parents).SetEquals(b.Parents);

    private static bool SameMap(IReadOnlyDictionary<string, Value> a, IReadOnlyDictionary<string, Value> b)
    {
        if (a.Count != b.Count)
        {
            return false;
        }

        foreach (var (k, v) in a)
        {
            if (!b.TryGetValue(k, out var other) || !v.Equals(other))
            {
                return false;
            }
        }

        return true;
    }

    private static ParseResult<EntityStore> Fail(SourceSpan span, string message) =>
        ParseResult<EntityStore>.Fail(new ParseError(ParseErrorKind.InvalidEntities, span, message));
}
