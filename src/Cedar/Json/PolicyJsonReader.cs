using System.Runtime.CompilerServices;
using System.Text.Json;
using Cedar.Ast;
using Cedar.Parsing;
using Cedar.Values;

namespace Cedar.Json;

/// <summary>
/// Reads Cedar's JSON policy format (the EST) into the AST. Problems are collected as <see cref="ParseErrorKind.InvalidJson"/>
/// errors naming the JSON path; the reader carries on after an error so that one pass reports all it can.
/// </summary>
internal sealed class PolicyJsonReader
{
    /// <summary>Expression nesting limit; each level is two JSON levels, so JSON nesting is capped at twice this plus a little.</summary>
    internal const int MaxExpressionDepth = 1000;

    internal static readonly JsonDocumentOptions DocumentOptions = new()
    {
        MaxDepth = (MaxExpressionDepth * 2) + 16,
        AllowTrailingCommas = false,
        CommentHandling = JsonCommentHandling.Disallow,
    };

    private static readonly string[] s_policyFields = ["effect", "principal", "action", "resource", "conditions", "annotations"];

    private static readonly HashSet<string> s_extensionFunctions = new(StringComparer.Ordinal)
    {
        "ip", "isIpv4", "isIpv6", "isLoopback", "isMulticast", "isInRange",
        "decimal", "lessThan", "lessThanOrEqual", "greaterThan", "greaterThanOrEqual",
        "datetime", "duration", "offset", "durationSince", "toDate", "toTime",
        "toDays", "toHours", "toMinutes", "toSeconds", "toMilliseconds",
    };

    private readonly List<ParseError> _errors = [];
    private int _depth;

    public IReadOnlyList<ParseError> Errors => _errors;

    public static ParseResult<JsonDocument> ParseDocument(string json)
    {
        try
        {
            return ParseResult<JsonDocument>.Ok(JsonDocument.Parse(json, DocumentOptions));
        }
        catch (JsonException e)
        {
            var offset = OffsetOf(json, (int)(e.LineNumber ?? 0), (int)(e.BytePositionInLine ?? 0));
            return ParseResult<JsonDocument>.Fail(new ParseError(ParseErrorKind.InvalidJson, new SourceSpan(offset, 0), "invalid JSON: " + e.Message));
        }
    }

    public Policy? ReadPolicy(JsonElement e, string id, string path)
    {
        if (!ExpectKind(e, JsonValueKind.Object, path, "a policy object"))
        {
            return null;
        }

        CheckFields(e, path, s_policyFields);
        Effect? effect = null;
        if (Required(e, "effect", path) is { } effectElement)
        {
            effect = effectElement.ValueKind == JsonValueKind.String ? effectElement.GetString() switch
            {
                "permit" => Effect.Permit,
                "forbid" => Effect.Forbid,
                _ => null,
            } : null;
            if (effect is null)
            {
                Error(path + ".effect", "expected \"permit\" or \"forbid\"");
            }
        }

        var principal = Required(e, "principal", path) is { } pe ? ReadScope(pe, path + ".principal", SlotId.Principal) : null;
        var action = Required(e, "action", path) is { } ae ? ReadAction(ae, path + ".action") : null;
        var resource = Required(e, "resource", path) is { } re ? ReadScope(re, path + ".resource", SlotId.Resource) : null;

        var conditions = new List<Condition>();
        var conditionsOk = true;
        if (Required(e, "conditions", path) is { } ce)
        {
            if (ExpectKind(ce, JsonValueKind.Array, path + ".conditions", "an array"))
            {
                var i = 0;
                foreach (var item in ce.EnumerateArray())
                {
                    var condition = ReadCondition(item, $"{path}.conditions[{i++}]");
                    if (condition is null)
                    {
                        conditionsOk = false;
                    }
                    else
                    {
                        conditions.Add(condition);
                    }
                }
            }
            else
            {
                conditionsOk = false;
            }
        }

        var annotations = new List<Annotation>();
        if (e.TryGetProperty("annotations", out var an))
        {
            if (ExpectKind(an, JsonValueKind.Object, path + ".annotations", "an object"))
            {
                foreach (var prop in an.EnumerateObject())
                {
                    var keyPath = path + ".annotations." + prop.Name;
                    if (!Identifiers.IsAnyIdentifier(prop.Name))
                    {
                        Error(keyPath, $"invalid annotation key `{prop.Name}`");
                        continue;
                    }

                    if (prop.Value.ValueKind == JsonValueKind.Null)
                    {
                        annotations.Add(new Annotation(prop.Name, null));
                    }
                    else if (prop.Value.ValueKind == JsonValueKind.String)
                    {
                        annotations.Add(new Annotation(prop.Name, prop.Value.GetString()!));
                    }
                    else
                    {
                        Error(keyPath, "an annotation value must be a string or null");
                    }
                }
            }
        }

        if (effect is null || principal is null || action is null || resource is null || !conditionsOk)
        {
            return null;
        }

        return new Policy(id, effect.Value, annotations, principal, action, resource, conditions);
    }

    public EntityUid? ReadUid(JsonElement e, string path)
    {
        if (!ExpectKind(e, JsonValueKind.Object, path, "an entity uid object"))
        {
            return null;
        }

        if (e.TryGetProperty("__entity", out var inner))
        {
            CheckFields(e, path, ["__entity"]);
            return ReadUid(inner, path + ".__entity");
        }

        CheckFields(e, path, ["type", "id"]);
        var type = Required(e, "type", path);
        var id = Required(e, "id", path);
        if (type is null || id is null)
        {
            return null;
        }

        if (type.Value.ValueKind != JsonValueKind.String || id.Value.ValueKind != JsonValueKind.String)
        {
            Error(path, "an entity uid's `type` and `id` must be strings");
            return null;
        }

        var name = ReadName(type.Value.GetString()!, path + ".type");
        return name is null ? null : new EntityUid(name, id.Value.GetString()!);
    }

    private Condition? ReadCondition(JsonElement e, string path)
    {
        if (!ExpectKind(e, JsonValueKind.Object, path, "a condition object"))
        {
            return null;
        }

        CheckFields(e, path, ["kind", "body"]);
        bool? isWhen = null;
        if (Required(e, "kind", path) is { } kind)
        {
            isWhen = kind.ValueKind == JsonValueKind.String ? kind.GetString() switch
            {
                "when" => true,
                "unless" => false,
                _ => null,
            } : null;
            if (isWhen is null)
            {
                Error(path + ".kind", "expected \"when\" or \"unless\"");
            }
        }

        var body = Required(e, "body", path) is { } be ? ReadExpr(be, path + ".body") : null;
        if (body is not null && ContainsSlot(body))
        {
            Error(path + ".body", "found a template slot in a condition; slots are only allowed in the scope");
            return null;
        }

        return isWhen is null || body is null ? null : new Condition(isWhen.Value, body);
    }

    private ScopeConstraint? ReadScope(JsonElement e, string path, SlotId slot)
    {
        if (!ExpectKind(e, JsonValueKind.Object, path, "a scope constraint object"))
        {
            return null;
        }

        var op = Required(e, "op", path);
        if (op is null)
        {
            return null;
        }

        switch (op.Value.ValueKind == JsonValueKind.String ? op.Value.GetString() : null)
        {
            case "All":
                CheckFields(e, path, ["op"]);
                return ScopeConstraint.Any;
            case "==":
            {
                CheckFields(e, path, ["op", "entity", "slot"]);
                var reference = ReadReference(e, path, slot);
                return reference is null ? null : new ScopeConstraint(ScopeOp.Eq, reference);
            }

            case "in":
            {
                CheckFields(e, path, ["op", "entity", "slot"]);
                var reference = ReadReference(e, path, slot);
                return reference is null ? null : new ScopeConstraint(ScopeOp.In, reference);
            }

            case "is":
            {
                CheckFields(e, path, ["op", "entity_type", "in"]);
                var typeElement = Required(e, "entity_type", path);
                if (typeElement is null)
                {
                    return null;
                }

                if (typeElement.Value.ValueKind != JsonValueKind.String)
                {
                    Error(path + ".entity_type", "expected a string");
                    return null;
                }

                var type = ReadName(typeElement.Value.GetString()!, path + ".entity_type");
                if (!e.TryGetProperty("in", out var inElement) || inElement.ValueKind == JsonValueKind.Null)
                {
                    return type is null ? null : new ScopeConstraint(ScopeOp.Is, null, type);
                }

                if (!ExpectKind(inElement, JsonValueKind.Object, path + ".in", "an object"))
                {
                    return null;
                }

                CheckFields(inElement, path + ".in", ["entity", "slot"]);
                var reference = ReadReference(inElement, path + ".in", slot);
                return type is null || reference is null ? null : new ScopeConstraint(ScopeOp.IsIn, reference, type);
            }

            default:
                Error(path + ".op", "expected \"All\", \"==\", \"in\" or \"is\"");
                return null;
        }
    }

    private EntityReference? ReadReference(JsonElement e, string path, SlotId slot)
    {
        var hasEntity = e.TryGetProperty("entity", out var entity);
        var hasSlot = e.TryGetProperty("slot", out var slotElement);
        if (hasEntity == hasSlot)
        {
            Error(path, "expected exactly one of `entity` and `slot`");
            return null;
        }

        if (hasEntity)
        {
            var uid = ReadUid(entity, path + ".entity");
            return uid is null ? null : EntityReference.Of(uid);
        }

        var expected = PolicyJsonWriter.SlotName(slot);
        if (slotElement.ValueKind != JsonValueKind.String || slotElement.GetString() != expected)
        {
            Error(path + ".slot", $"invalid slot name or slot used in wrong position: expected `{expected}`");
            return null;
        }

        return EntityReference.OfSlot(slot);
    }

    private ActionConstraint? ReadAction(JsonElement e, string path)
    {
        if (!ExpectKind(e, JsonValueKind.Object, path, "an action constraint object"))
        {
            return null;
        }

        var op = Required(e, "op", path);
        if (op is null)
        {
            return null;
        }

        switch (op.Value.ValueKind == JsonValueKind.String ? op.Value.GetString() : null)
        {
            case "All":
                CheckFields(e, path, ["op"]);
                return ActionConstraint.Any;
            case "==":
            {
                CheckFields(e, path, ["op", "entity"]);
                var uid = Required(e, "entity", path) is { } ue ? ReadActionUid(ue, path + ".entity") : null;
                return uid is null ? null : new ActionConstraint(ActionScopeOp.Eq, [uid], false);
            }

            case "in":
            {
                CheckFields(e, path, ["op", "entity", "entities"]);
                if (e.TryGetProperty("entity", out var single) == e.TryGetProperty("entities", out var many))
                {
                    Error(path, "expected exactly one of `entity` and `entities`");
                    return null;
                }

                if (single.ValueKind != JsonValueKind.Undefined)
                {
                    var uid = ReadActionUid(single, path + ".entity");
                    return uid is null ? null : new ActionConstraint(ActionScopeOp.In, [uid], false);
                }

                if (!ExpectKind(many, JsonValueKind.Array, path + ".entities", "an array"))
                {
                    return null;
                }

                var list = new List<EntityUid>();
                var ok = true;
                var i = 0;
                foreach (var item in many.EnumerateArray())
                {
                    var uid = ReadActionUid(item, $"{path}.entities[{i++}]");
                    ok &= uid is not null;
                    if (uid is not null)
                    {
                        list.Add(uid);
                    }
                }

                return ok ? new ActionConstraint(ActionScopeOp.In, list, true) : null;
            }

            default:
                Error(path + ".op", "expected \"All\", \"==\" or \"in\"");
                return null;
        }
    }

    private EntityUid? ReadActionUid(JsonElement e, string path)
    {
        var uid = ReadUid(e, path);
        if (uid is not null && !uid.Type.IsAction)
        {
            Error(path, $"expected an entity uid with type `Action` but got `{uid}`");
            return null;
        }

        return uid;
    }

    public Expr? ReadExpr(JsonElement e, string path)
    {
        if (_depth >= MaxExpressionDepth || !RuntimeHelpers.TryEnsureSufficientExecutionStack())
        {
            _errors.Add(new ParseError(ParseErrorKind.NestingTooDeep, SourceSpan.None, $"at {path}: expression nesting is too deep"));
            return null;
        }

        _depth++;
        try
        {
            return ReadExprCore(e, path);
        }
        finally
        {
            _depth--;
        }
    }

    private Expr? ReadExprCore(JsonElement e, string path)
    {
        if (!ExpectKind(e, JsonValueKind.Object, path, "an expression object"))
        {
            return null;
        }

        string? key = null;
        JsonElement body = default;
        var count = 0;
        foreach (var prop in e.EnumerateObject())
        {
            if (count++ == 0)
            {
                key = prop.Name;
                body = prop.Value;
            }
        }

        if (count != 1)
        {
            Error(path, $"a JSON object representing an expression should have exactly one key, but found {count}");
            return null;
        }

        var inner = path + "." + key;
        switch (key)
        {
            case "Value":
                return ReadValueExpr(body, inner);
            case "Var":
                return body.ValueKind == JsonValueKind.String ? body.GetString() switch
                {
                    "principal" => new VarExpr(Var.Principal),
                    "action" => new VarExpr(Var.Action),
                    "resource" => new VarExpr(Var.Resource),
                    "context" => new VarExpr(Var.Context),
                    _ => ErrorExpr(inner, "expected \"principal\", \"action\", \"resource\" or \"context\""),
                } : ErrorExpr(inner, "expected a variable name");
            case "Slot":
                return body.ValueKind == JsonValueKind.String ? body.GetString() switch
                {
                    "?principal" => new SlotExpr(SlotId.Principal),
                    "?resource" => new SlotExpr(SlotId.Resource),
                    _ => ErrorExpr(inner, "expected \"?principal\" or \"?resource\""),
                } : ErrorExpr(inner, "expected a slot name");
            case "!":
                return Unary(body, inner, UnaryOp.Not);
            case "neg":
                return Unary(body, inner, UnaryOp.Neg);
            case "isEmpty":
                return Unary(body, inner, UnaryOp.IsEmpty);
            case "&&":
            case "||":
            {
                var (left, right) = ReadOperands(body, inner);
                return left is null || right is null ? null : key == "&&" ? new AndExpr(left, right) : new OrExpr(left, right);
            }

            case ".":
                return ReadGetAttr(body, inner);
            case "has":
                return ReadHasAttr(body, inner);
            case "like":
                return ReadLike(body, inner);
            case "is":
                return ReadIs(body, inner);
            case "if-then-else":
                return ReadIf(body, inner);
            case "Set":
            {
                if (!ExpectKind(body, JsonValueKind.Array, inner, "an array"))
                {
                    return null;
                }

                var elements = ReadExprList(body, inner);
                return elements is null ? null : new SetExpr(elements);
            }

            case "Record":
            {
                if (!ExpectKind(body, JsonValueKind.Object, inner, "an object"))
                {
                    return null;
                }

                var attributes = new List<KeyValuePair<string, Expr>>();
                var ok = true;
                foreach (var prop in body.EnumerateObject())
                {
                    var value = ReadExpr(prop.Value, inner + "." + prop.Name);
                    ok &= value is not null;
                    if (value is not null)
                    {
                        attributes.Add(new(prop.Name, value));
                    }
                }

                return ok ? new RecordExpr(Deduplicate(attributes)) : null;
            }

            default:
                if (TryBinaryOp(key!, out var op))
                {
                    var (left, right) = ReadOperands(body, inner);
                    return left is null || right is null ? null : new BinaryExpr(op, left, right);
                }

                if (s_extensionFunctions.Contains(key!))
                {
                    if (!ExpectKind(body, JsonValueKind.Array, inner, "an array of arguments"))
                    {
                        return null;
                    }

                    var args = ReadExprList(body, inner);
                    return args is null ? null : new ExtensionCallExpr(key!, args);
                }

                Error(path, $"unknown expression kind or extension function `{key}`");
                return null;
        }
    }

    private static List<KeyValuePair<string, T>> Deduplicate<T>(List<KeyValuePair<string, T>> attributes)
    {
        // JSON objects with a repeated key keep the last value, as serde does for maps.
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        var result = new List<KeyValuePair<string, T>>(attributes.Count);
        foreach (var kv in attributes)
        {
            if (seen.TryGetValue(kv.Key, out var index))
            {
                result[index] = kv;
            }
            else
            {
                seen[kv.Key] = result.Count;
                result.Add(kv);
            }
        }

        return result;
    }

    private List<Expr>? ReadExprList(JsonElement array, string path)
    {
        var list = new List<Expr>();
        var ok = true;
        var i = 0;
        foreach (var item in array.EnumerateArray())
        {
            var expr = ReadExpr(item, $"{path}[{i++}]");
            ok &= expr is not null;
            if (expr is not null)
            {
                list.Add(expr);
            }
        }

        return ok ? list : null;
    }

    private Expr? Unary(JsonElement body, string path, UnaryOp op)
    {
        if (!ExpectKind(body, JsonValueKind.Object, path, "an object with `arg`"))
        {
            return null;
        }

        CheckFields(body, path, ["arg"]);
        var arg = Required(body, "arg", path) is { } a ? ReadExpr(a, path + ".arg") : null;
        return arg is null ? null : new UnaryExpr(op, arg);
    }

    private (Expr? Left, Expr? Right) ReadOperands(JsonElement body, string path)
    {
        if (!ExpectKind(body, JsonValueKind.Object, path, "an object with `left` and `right`"))
        {
            return (null, null);
        }

        CheckFields(body, path, ["left", "right"]);
        var left = Required(body, "left", path) is { } l ? ReadExpr(l, path + ".left") : null;
        var right = Required(body, "right", path) is { } r ? ReadExpr(r, path + ".right") : null;
        return (left, right);
    }

    private Expr? ReadGetAttr(JsonElement body, string path)
    {
        if (!ExpectKind(body, JsonValueKind.Object, path, "an object with `left` and `attr`"))
        {
            return null;
        }

        CheckFields(body, path, ["left", "attr"]);
        var left = Required(body, "left", path) is { } l ? ReadExpr(l, path + ".left") : null;
        var attr = Required(body, "attr", path);
        if (attr is { ValueKind: not JsonValueKind.String })
        {
            Error(path + ".attr", "expected a string");
            return null;
        }

        return left is null || attr is null ? null : new GetAttrExpr(left, attr.Value.GetString()!);
    }

    private Expr? ReadHasAttr(JsonElement body, string path)
    {
        if (!ExpectKind(body, JsonValueKind.Object, path, "an object with `left` and `attr`"))
        {
            return null;
        }

        CheckFields(body, path, ["left", "attr"]);
        var left = Required(body, "left", path) is { } l ? ReadExpr(l, path + ".left") : null;
        var attr = Required(body, "attr", path);
        if (attr is null)
        {
            return null;
        }

        var names = new List<string>();
        if (attr.Value.ValueKind == JsonValueKind.String)
        {
            names.Add(attr.Value.GetString()!);
        }
        else if (attr.Value.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in attr.Value.EnumerateArray())
            {
                if (item.ValueKind != JsonValueKind.String)
                {
                    Error(path + ".attr", "expected an array of strings");
                    return null;
                }

                names.Add(item.GetString()!);
            }

            if (names.Count == 0)
            {
                Error(path + ".attr", "expected a non-empty array of attribute names");
                return null;
            }
        }
        else
        {
            Error(path + ".attr", "expected a string or a non-empty array of strings");
            return null;
        }

        return left is null ? null : new HasAttrExpr(left, names);
    }

    private Expr? ReadLike(JsonElement body, string path)
    {
        if (!ExpectKind(body, JsonValueKind.Object, path, "an object with `left` and `pattern`"))
        {
            return null;
        }

        CheckFields(body, path, ["left", "pattern"]);
        var left = Required(body, "left", path) is { } l ? ReadExpr(l, path + ".left") : null;
        var patternElement = Required(body, "pattern", path);
        if (patternElement is null || !ExpectKind(patternElement.Value, JsonValueKind.Array, path + ".pattern", "an array"))
        {
            return null;
        }

        var segments = new List<string>();
        var current = new System.Text.StringBuilder();
        foreach (var item in patternElement.Value.EnumerateArray())
        {
            if (item.ValueKind == JsonValueKind.String && item.GetString() == "Wildcard")
            {
                segments.Add(current.ToString());
                current.Clear();
            }
            else if (item.ValueKind == JsonValueKind.Object && item.TryGetProperty("Literal", out var literal) &&
                literal.ValueKind == JsonValueKind.String)
            {
                CheckFields(item, path + ".pattern", ["Literal"]);
                current.Append(literal.GetString());
            }
            else
            {
                Error(path + ".pattern", "expected \"Wildcard\" or {\"Literal\": string}");
                return null;
            }
        }

        segments.Add(current.ToString());
        return left is null ? null : new LikeExpr(left, new Pattern(segments));
    }

    private Expr? ReadIs(JsonElement body, string path)
    {
        if (!ExpectKind(body, JsonValueKind.Object, path, "an object with `left` and `entity_type`"))
        {
            return null;
        }

        CheckFields(body, path, ["left", "entity_type", "in"]);
        var left = Required(body, "left", path) is { } l ? ReadExpr(l, path + ".left") : null;
        var typeElement = Required(body, "entity_type", path);
        Name? type = null;
        if (typeElement is { ValueKind: JsonValueKind.String })
        {
            type = ReadName(typeElement.Value.GetString()!, path + ".entity_type");
        }
        else if (typeElement is not null)
        {
            Error(path + ".entity_type", "expected a string");
        }

        Expr? inExpr = null;
        if (body.TryGetProperty("in", out var inElement) && inElement.ValueKind != JsonValueKind.Null)
        {
            inExpr = ReadExpr(inElement, path + ".in");
            if (inExpr is null)
            {
                return null;
            }
        }

        return left is null || type is null ? null : new IsExpr(left, type, inExpr);
    }

    private Expr? ReadIf(JsonElement body, string path)
    {
        if (!ExpectKind(body, JsonValueKind.Object, path, "an object with `if`, `then` and `else`"))
        {
            return null;
        }

        CheckFields(body, path, ["if", "then", "else"]);
        var condition = Required(body, "if", path) is { } c ? ReadExpr(c, path + ".if") : null;
        var then = Required(body, "then", path) is { } t ? ReadExpr(t, path + ".then") : null;
        var @else = Required(body, "else", path) is { } f ? ReadExpr(f, path + ".else") : null;
        return condition is null || then is null || @else is null ? null : new IfExpr(condition, then, @else);
    }

    /// <summary>
    /// A <c>Value</c> node. Sets, records and <c>__extn</c> escapes have no literal form in the AST, so they become
    /// the equivalent set, record and extension-call expressions.
    /// </summary>
    private Expr? ReadValueExpr(JsonElement e, string path)
    {
        if (_depth >= MaxExpressionDepth || !RuntimeHelpers.TryEnsureSufficientExecutionStack())
        {
            _errors.Add(new ParseError(ParseErrorKind.NestingTooDeep, SourceSpan.None, $"at {path}: value nesting is too deep"));
            return null;
        }

        _depth++;
        try
        {
            switch (e.ValueKind)
            {
                case JsonValueKind.True:
                    return new LiteralExpr(Value.Bool(true));
                case JsonValueKind.False:
                    return new LiteralExpr(Value.Bool(false));
                case JsonValueKind.String:
                    return new LiteralExpr(Value.String(e.GetString()!));
                case JsonValueKind.Number:
                    if (e.TryGetInt64(out var l))
                    {
                        return new LiteralExpr(Value.Long(l));
                    }

                    Error(path, $"`{e.GetRawText()}` is not a 64-bit integer");
                    return null;
                case JsonValueKind.Array:
                {
                    var elements = new List<Expr>();
                    var ok = true;
                    var i = 0;
                    foreach (var item in e.EnumerateArray())
                    {
                        var element = ReadValueExpr(item, $"{path}[{i++}]");
                        ok &= element is not null;
                        if (element is not null)
                        {
                            elements.Add(element);
                        }
                    }

                    return ok ? new SetExpr(elements) : null;
                }

                case JsonValueKind.Object:
                    if (e.TryGetProperty("__entity", out var entity))
                    {
                        CheckFields(e, path, ["__entity"]);
                        var uid = ReadUid(entity, path + ".__entity");
                        return uid is null ? null : new LiteralExpr(Value.Entity(uid));
                    }

                    if (e.TryGetProperty("__extn", out var extension))
                    {
                        CheckFields(e, path, ["__extn"]);
                        return ReadExtensionEscape(extension, path + ".__extn");
                    }

                    var attributes = new List<KeyValuePair<string, Expr>>();
                    var recordOk = true;
                    foreach (var prop in e.EnumerateObject())
                    {
                        var value = ReadValueExpr(prop.Value, path + "." + prop.Name);
                        recordOk &= value is not null;
                        if (value is not null)
                        {
                            attributes.Add(new(prop.Name, value));
                        }
                    }

                    return recordOk ? new RecordExpr(Deduplicate(attributes)) : null;
                default:
                    Error(path, "expected a bool, integer, string, entity, set or record value");
                    return null;
            }
        }
        finally
        {
            _depth--;
        }
    }

    private Expr? ReadExtensionEscape(JsonElement e, string path)
    {
        if (!ExpectKind(e, JsonValueKind.Object, path, "an object with `fn` and `arg`"))
        {
            return null;
        }

        CheckFields(e, path, ["fn", "arg"]);
        var fn = Required(e, "fn", path);
        var arg = Required(e, "arg", path);
        if (fn is null || arg is null)
        {
            return null;
        }

        if (fn.Value.ValueKind != JsonValueKind.String || !s_extensionFunctions.Contains(fn.Value.GetString()!))
        {
            Error(path + ".fn", "expected the name of an extension function");
            return null;
        }

        var argument = ReadValueExpr(arg.Value, path + ".arg");
        return argument is null ? null : new ExtensionCallExpr(fn.Value.GetString()!, [argument]);
    }

    private Name? ReadName(string text, string path)
    {
        if (Identifiers.TryParseName(text, out var name, out var problem))
        {
            return name;
        }

        Error(path, problem);
        return null;
    }

    private static bool TryBinaryOp(string key, out BinaryOp op)
    {
        op = key switch
        {
            "==" => BinaryOp.Eq,
            "!=" => BinaryOp.NotEq,
            "<" => BinaryOp.Less,
            "<=" => BinaryOp.LessEq,
            ">" => BinaryOp.Greater,
            ">=" => BinaryOp.GreaterEq,
            "+" => BinaryOp.Add,
            "-" => BinaryOp.Sub,
            "*" => BinaryOp.Mul,
            "in" => BinaryOp.In,
            "contains" => BinaryOp.Contains,
            "containsAll" => BinaryOp.ContainsAll,
            "containsAny" => BinaryOp.ContainsAny,
            "getTag" => BinaryOp.GetTag,
            "hasTag" => BinaryOp.HasTag,
            _ => (BinaryOp)(-1),
        };
        return (int)op >= 0;
    }

    private static bool ContainsSlot(Expr root) => ExprWalker.PreOrder(root).Any(e => e is SlotExpr);

    private JsonElement? Required(JsonElement e, string field, string path)
    {
        if (e.TryGetProperty(field, out var value))
        {
            return value;
        }

        Error(path, $"missing field `{field}`");
        return null;
    }

    private void CheckFields(JsonElement e, string path, string[] allowed)
    {
        foreach (var prop in e.EnumerateObject())
        {
            if (Array.IndexOf(allowed, prop.Name) < 0)
            {
                Error(path, $"unknown field `{prop.Name}`, expected one of {string.Join(", ", allowed.Select(a => "`" + a + "`"))}");
            }
        }
    }

    private bool ExpectKind(JsonElement e, JsonValueKind kind, string path, string what)
    {
        if (e.ValueKind == kind)
        {
            return true;
        }

        Error(path, $"expected {what}, found {e.ValueKind.ToString().ToLowerInvariant()}");
        return false;
    }

    private Expr? ErrorExpr(string path, string message)
    {
        Error(path, message);
        return null;
    }

    internal void Error(string path, string message) =>
        _errors.Add(new ParseError(ParseErrorKind.InvalidJson, SourceSpan.None, $"at {path}: {message}"));

    private static int OffsetOf(string text, int line, int bytePositionInLine)
    {
        var offset = 0;
        for (var l = 0; l < line && offset < text.Length; l++)
        {
            var next = text.IndexOf('\n', offset);
            if (next < 0)
            {
                return text.Length;
            }

            offset = next + 1;
        }

        // Close enough for ASCII JSON; for other text it points at or before the problem.
        return Math.Min(text.Length, offset + bytePositionInLine);
    }
}
