using Cedar.Ast;
using Cedar.Extensions;
using Cedar.Schema;
using Cedar.Values;

namespace Cedar.Json;

/// <summary>
/// Reads Cedar values from Cedar's JSON value format, with or without an expected schema type.
/// With an expected type, the implicit forms are accepted: <c>{"type","id"}</c> for an entity and the bare
/// constructor argument (<c>"1.23"</c>) for an extension value; records are checked against the declared attributes.
/// </summary>
internal sealed class CedarValueJson(ValidatorSchema? schema)
{
    private readonly ValidatorSchema? _schema = schema;

    /// <summary>Reads a value; on failure <paramref name="error"/> says what is wrong (without the location prefix).</summary>
    public bool TryRead(SpannedJson json, SchemaType? expected, out Value value, out string error)
    {
        error = "";
        value = null!;
        return expected is null ? TryReadUntyped(json, out value, out error) : TryReadTyped(json, expected, out value, out error);
    }

    /// <summary>Reads a record's members (used for attrs, tags and context, where the top level is never an escape).</summary>
    public bool TryReadRecordMembers(SpannedJson json, RecordType? expected, string what, out RecordValue record, out string error) =>
        TryReadRecordMembers(json, expected, what, null, out record, out error);

    /// <summary>Reads an entity's attributes; messages name the entity as <c>`Type::"id"`</c>, built only on failure.</summary>
    public bool TryReadEntityAttributes(SpannedJson json, RecordType? expected, EntityUid owner, out RecordValue record, out string error) =>
        TryReadRecordMembers(json, expected, null, owner, out record, out error);

    private bool TryReadRecordMembers(SpannedJson json, RecordType? expected, string? what, EntityUid? owner, out RecordValue record, out string error)
    {
        string What() => what ?? "`" + owner + "`";

        record = RecordValue.Empty;
        if (json.Kind != SpannedJsonKind.Object)
        {
            error = What() + " must be a JSON object, found " + json.Describe();
            return false;
        }

        var members = json.MemberArray;
        if (members.Length == 0 && expected is null)
        {
            error = "";
            return true;
        }

        var attrs = new KeyValuePair<string, Value>[members.Length];
        for (var i = 0; i < members.Length; i++)
        {
            var (key, valueJson) = members[i];
            SchemaType? attrType = null;
            if (expected is not null)
            {
                if (expected.Attributes.TryGetValue(key, out var declared))
                {
                    attrType = declared.Type;
                }
                else if (!expected.AdditionalAttributes)
                {
                    error = "attribute `" + key + "` should not exist according to the schema";
                    return false;
                }
            }

            if (!TryRead(valueJson, attrType, out var v, out var inner))
            {
                error = "in attribute `" + key + "`, " + inner;
                return false;
            }

            attrs[i] = new KeyValuePair<string, Value>(key, v);
        }

        if (expected is not null)
        {
            foreach (var (key, declared) in expected.Attributes)
            {
                if (declared.Required && json.Get(key) is null)
                {
                    error = "expected " + What() + " to have attribute `" + key + "`, but it does not";
                    return false;
                }
            }
        }

        // The parser and SpannedJson.FromMembers refuse duplicate keys, so the attributes are distinct.
        record = RecordValue.FromDistinctKeys(attrs);
        error = "";
        return true;
    }

    /// <summary>An entity uid written as <c>{"type","id"}</c> or <c>{"__entity":{"type","id"}}</c>.</summary>
    public static bool TryReadEntityUid(SpannedJson json, out EntityUid uid, out string error)
    {
        uid = null!;
        var target = json;
        if (json.Kind == SpannedJsonKind.Object && json.MemberArray is [{ Key: "__entity" } only])
        {
            target = only.Value;
        }

        if (target.Kind == SpannedJsonKind.Object &&
            target.Get("type") is { Kind: SpannedJsonKind.String } type &&
            target.Get("id") is { Kind: SpannedJsonKind.String } id)
        {
            if (!CedarNames.TryGetName(type.Text!, out var name))
            {
                error = "invalid entity type name `" + type.Text + "`";
                return false;
            }

            uid = new EntityUid(name, id.Text!);
            error = "";
            return true;
        }

        error = "expected a literal entity reference, but got `" + json.Describe() + "`";
        return false;
    }

    private bool TryReadUntyped(SpannedJson json, out Value value, out string error)
    {
        error = "";
        value = null!;
        switch (json.Kind)
        {
            case SpannedJsonKind.Null:
                error = "found a `null`; JSON `null`s are not allowed in Cedar";
                return false;
            case SpannedJsonKind.Bool:
                value = Value.Bool(json.BoolValue);
                return true;
            case SpannedJsonKind.Number:
                if (!json.TryGetInt64(out var l))
                {
                    error = "`" + json.Text + "` is not a 64-bit integer";
                    return false;
                }

                value = Value.Long(l);
                return true;
            case SpannedJsonKind.String:
                value = Value.String(json.Text!);
                return true;
            case SpannedJsonKind.Array:
                {
                    var itemsJson = json.ItemArray;
                    var items = new Value[itemsJson.Length];
                    for (var i = 0; i < items.Length; i++)
                    {
                        if (!TryReadUntyped(itemsJson[i], out items[i], out error))
                        {
                            return false;
                        }
                    }

                    value = SetValue.FromArray(items);
                    return true;
                }

            default:
                if (json.MemberArray is [var (key, inner)])
                {
                    switch (key)
                    {
                        case "__entity" when IsTypeAndId(inner):
                            if (!TryReadEntityUid(json, out var uid, out error))
                            {
                                return false;
                            }

                            value = new EntityValue(uid);
                            return true;
                        case "__extn" when IsFnAndArg(inner):
                            return TryApplyEscape(inner, out value, out error);
                        case "__expr":
                            error = "the `__expr` escape is no longer supported";
                            return false;
                    }
                }

                {
                    var ok = TryReadRecordMembers(json, null, "record", out var rec, out error);
                    value = rec;
                    return ok;
                }
        }
    }

    private bool TryReadTyped(SpannedJson json, SchemaType expected, out Value value, out string error)
    {
        value = null!;
        error = "";
        switch (expected)
        {
            case EntityRefType et:
                {
                    if (!TryReadEntityUid(json, out var uid, out error))
                    {
                        return false;
                    }

                    value = new EntityValue(uid);
                    if (!uid.Type.Equals(et.EntityType))
                    {
                        error = Mismatch("`" + et.EntityType + "`", value);
                        return false;
                    }

                    return CheckEnumId(uid, out error);
                }

            case ExtensionType xt:
                {
                    var extName = ExtensionName(xt);
                    if (json.Kind == SpannedJsonKind.String)
                    {
                        if (!TryConstruct(ConstructorOf(extName), json.Text!, out value, out error))
                        {
                            return false;
                        }
                    }
                    else if (json.Kind == SpannedJsonKind.Object && json.Members.Count == 1 && json.Members[0].Key == "__extn" && IsFnAndArg(json.Members[0].Value))
                    {
                        if (!TryApplyEscape(json.Members[0].Value, out value, out error))
                        {
                            return false;
                        }
                    }
                    else if (IsFnAndArg(json))
                    {
                        if (!TryApplyEscape(json, out value, out error))
                        {
                            return false;
                        }
                    }
                    else if (!TryReadUntyped(json, out value, out error))
                    {
                        return false;
                    }

                    if (value is ExtensionValue ev && ev.ExtensionName == extName)
                    {
                        return true;
                    }

                    error = Mismatch(extName, value);
                    return false;
                }

            case SetType st:
                {
                    if (json.Kind != SpannedJsonKind.Array)
                    {
                        if (!TryReadUntyped(json, out value, out error))
                        {
                            return false;
                        }

                        error = Mismatch("set", value);
                        return false;
                    }

                    var itemsJson = json.ItemArray;
                    var items = new Value[itemsJson.Length];
                    for (var i = 0; i < items.Length; i++)
                    {
                        if (!TryReadTyped(itemsJson[i], st.Element, out items[i], out error))
                        {
                            return false;
                        }
                    }

                    value = SetValue.FromArray(items);
                    return true;
                }

            case RecordType rt:
                {
                    if (json.Kind != SpannedJsonKind.Object)
                    {
                        if (!TryReadUntyped(json, out value, out error))
                        {
                            return false;
                        }

                        error = Mismatch("record", value);
                        return false;
                    }

                    var ok = TryReadRecordMembers(json, rt, "record", out var rec, out error);
                    value = rec;
                    return ok;
                }

            default:
                {
                    if (!TryReadUntyped(json, out value, out error))
                    {
                        return false;
                    }

                    var want = expected.Kind switch
                    {
                        SchemaTypeKind.Bool => ValueKind.Bool,
                        SchemaTypeKind.Long => ValueKind.Long,
                        _ => ValueKind.String,
                    };
                    if (value.Kind == want)
                    {
                        return true;
                    }

                    error = Mismatch(value.Kind == ValueKind.Bool ? "bool" : want.ToString().ToLowerInvariant(), value);
                    return false;
                }
        }
    }

    private bool CheckEnumId(EntityUid uid, out string error)
    {
        error = "";
        if (_schema is not null && _schema.EntityTypes.TryGetValue(uid.Type, out var def) && def.EnumIds is { } ids && !ids.Contains(uid.Id))
        {
            error = "entity `" + uid + "` is of an enumerated entity type, but `\"" + StringEscaper.Escape(uid.Id) + "\"` is not declared as a valid eid";
            return false;
        }

        return true;
    }

    internal static string ExtensionName(ExtensionType xt) =>
        xt.Name.StartsWith("__cedar::", StringComparison.Ordinal) ? xt.Name["__cedar::".Length..] : xt.Name;

    private static string ConstructorOf(string extensionName) => extensionName == "ipaddr" ? "ip" : extensionName;

    private static string Mismatch(string expected, Value actual) =>
        "type mismatch: value was expected to have type " + expected + ", but it actually has type " + actual.TypeName + ": `" + actual + "`";

    private static bool TryConstruct(string fn, string arg, out Value value, out string error)
    {
        if (ExtensionFunctions.TryConstruct(fn, arg, out var ext, out var err) && ext is not null)
        {
            value = ext;
            error = "";
            return true;
        }

        value = null!;
        error = err ?? ("extension function `" + fn + "` does not exist");
        return false;
    }

    private static bool IsTypeAndId(SpannedJson json) =>
        json.Kind == SpannedJsonKind.Object &&
        json.Get("type") is { Kind: SpannedJsonKind.String } &&
        json.Get("id") is { Kind: SpannedJsonKind.String };

    // `{"fn": f, "arg": a}` or `{"fn": f, "args": [a, b]}`: the arguments are Cedar values themselves
    // (cedar-wasm writes e.g. a datetime as an `offset` call on two nested escapes).
    private static bool IsFnAndArg(SpannedJson json) =>
        json.Kind == SpannedJsonKind.Object &&
        json.Get("fn") is { Kind: SpannedJsonKind.String } &&
        (json.Get("arg") is not null || json.Get("args") is { Kind: SpannedJsonKind.Array });

    private bool TryApplyEscape(SpannedJson escape, out Value value, out string error)
    {
        value = null!;
        var fn = escape.Get("fn")!.Text!;
        var argJson = escape.Get("arg");
        if (argJson is { Kind: SpannedJsonKind.String })
        {
            return TryConstruct(fn, argJson.Text!, out value, out error);
        }

        var argItems = argJson is not null ? [argJson] : escape.Get("args")!.Items;
        var args = new Value[argItems.Count];
        for (var i = 0; i < args.Length; i++)
        {
            if (!TryReadUntyped(argItems[i], out args[i], out error))
            {
                return false;
            }
        }

        if (!ExtensionFunctions.TryGet(fn, out var function))
        {
            error = "extension function `" + fn + "` does not exist";
            return false;
        }

        if (function.Arity != args.Length)
        {
            error = $"wrong number of arguments provided to extension function `{fn}`: expected {function.Arity}, got {args.Length}";
            return false;
        }

        var result = function.Apply(args);
        if (result.IsError)
        {
            error = result.Error!.Message;
            return false;
        }

        value = result.Value!;
        error = "";
        return true;
    }
}
