using System.Runtime.CompilerServices;
using Cedar.Ast;
using Cedar.Parsing;
using Cedar.Schema.Written;

namespace Cedar.Schema;

/// <summary>
/// Turns a written schema into the resolved <see cref="ValidatorSchema"/>, resolving names as Cedar does:
/// an unqualified name in namespace <c>NS</c> is tried as <c>NS::X</c> and then <c>X</c>, each time preferring a
/// common type over an entity type; a name neither finds is a builtin (<c>Long</c>, <c>String</c>, <c>Bool</c>,
/// an extension type) or <c>__cedar::</c>-qualified builtin, else an error.
/// </summary>
internal sealed class SchemaResolver
{
    private const int MaxNesting = 200;

    private static readonly HashSet<string> s_extensionTypes = new(["ipaddr", "decimal", "datetime", "duration"], StringComparer.Ordinal);

    private readonly SchemaFragment _fragment;
    private readonly List<ParseError> _errors = [];
    private readonly Dictionary<string, (CommonTypeDecl Decl, string Namespace)> _commonTypes = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (EntityTypeDecl Decl, string Namespace)> _entityTypes = new(StringComparer.Ordinal);
    private readonly HashSet<string> _actionEntityTypes = new(StringComparer.Ordinal);
    private readonly Dictionary<EntityUid, (ActionDecl Decl, string Namespace)> _actions = [];
    private readonly Dictionary<string, SchemaType?> _resolvedCommon = new(StringComparer.Ordinal);
    private readonly List<string> _resolvingCommon = [];
    private int _depth;

    private SchemaResolver(SchemaFragment fragment) => _fragment = fragment;

    public static ParseResult<ValidatorSchema> Resolve(SchemaFragment fragment) => new SchemaResolver(fragment).Run();

    internal static bool IsExtensionType(string name) => s_extensionTypes.Contains(name);

    private static string Qualify(string ns, string name) => ns.Length == 0 ? name : ns + "::" + name;

    private ParseResult<ValidatorSchema> Run()
    {
        foreach (var ns in _fragment.Namespaces)
        {
            foreach (var ct in ns.CommonTypes)
            {
                if (!_commonTypes.TryAdd(Qualify(ns.Name, ct.Name), (ct, ns.Name)))
                {
                    Error(ct.Span, $"duplicate common type `{Qualify(ns.Name, ct.Name)}`");
                }
            }

            foreach (var et in ns.EntityTypes)
            {
                if (et.Name == "Action")
                {
                    Error(et.Span, "entity type `Action` declared in `entityTypes` list");
                }

                if (!_entityTypes.TryAdd(Qualify(ns.Name, et.Name), (et, ns.Name)))
                {
                    Error(et.Span, $"duplicate entity type `{Qualify(ns.Name, et.Name)}`");
                }
            }

            foreach (var a in ns.Actions)
            {
                var uid = new EntityUid(Name.FromFullName(Qualify(ns.Name, "Action")), a.Name);
                _actionEntityTypes.Add(uid.Type.FullName);
                if (!_actions.TryAdd(uid, (a, ns.Name)))
                {
                    Error(a.Span, $"duplicate action `{uid}`");
                }
            }
        }

        if (_errors.Count > 0)
        {
            return ParseResult<ValidatorSchema>.Fail(_errors);
        }

        foreach (var (name, (decl, ns)) in _commonTypes)
        {
            ResolveCommon(name, decl.Span);
        }

        var entityTypes = new Dictionary<Name, EntityTypeDefinition>();
        foreach (var (fullName, (decl, ns)) in _entityTypes)
        {
            var memberOf = new List<Name>();
            foreach (var parent in decl.MemberOfTypes)
            {
                if (ResolveEntityTypeName(parent.Name, ns, parent.Span) is { } p && !memberOf.Contains(p))
                {
                    memberOf.Add(p);
                }
            }

            var attributes = RecordType.Empty;
            if (decl.Shape is not null && ResolveType(decl.Shape, ns) is { } shape)
            {
                if (shape is RecordType record)
                {
                    attributes = record;
                }
                else
                {
                    Error(decl.Shape.Span, $"Shape for entity type {fullName} is declared with a type other than `Record`", "entity type shapes must have type `Record`");
                }
            }

            var tags = decl.Tags is null ? null : ResolveType(decl.Tags, ns);
            var name = Name.FromFullName(fullName);
            entityTypes[name] = new EntityTypeDefinition(name, memberOf, attributes, tags, decl.EnumIds);
        }

        var actions = new Dictionary<EntityUid, ActionDefinition>();
        foreach (var (uid, (decl, ns)) in _actions)
        {
            var memberOf = new List<EntityUid>();
            foreach (var parent in decl.MemberOf ?? [])
            {
                if (ResolveActionRef(parent, ns) is { } p && !memberOf.Contains(p))
                {
                    memberOf.Add(p);
                }
            }

            var principals = new List<Name>();
            var resources = new List<Name>();
            var context = RecordType.Empty;
            if (decl.AppliesTo is { } applies)
            {
                ResolveEntityTypeList(applies.PrincipalTypes, ns, principals);
                ResolveEntityTypeList(applies.ResourceTypes, ns, resources);
                if (applies.Context is not null && ResolveType(applies.Context, ns) is { } ctx)
                {
                    if (ctx is RecordType record)
                    {
                        context = record;
                    }
                    else
                    {
                        Error(applies.Context.Span, $"Context for action {uid} is declared with a type other than `Record`", "action contexts must have type `Record`");
                    }
                }
            }

            var hasAppliesTo = decl.AppliesTo is not null && principals.Count > 0 && resources.Count > 0;
            actions[uid] = new ActionDefinition(uid, memberOf, principals, resources, context, hasAppliesTo);
        }

        if (_errors.Count == 0)
        {
            CheckActionCycles(actions);
        }

        return _errors.Count > 0
            ? ParseResult<ValidatorSchema>.Fail(_errors)
            : ParseResult<ValidatorSchema>.Ok(new ValidatorSchema(entityTypes, actions));
    }

    private void ResolveEntityTypeList(IReadOnlyList<NameRef> refs, string ns, List<Name> into)
    {
        foreach (var r in refs)
        {
            if (ResolveEntityTypeName(r.Name, ns, r.Span) is { } n && !into.Contains(n))
            {
                into.Add(n);
            }
        }
    }

    private void CheckActionCycles(Dictionary<EntityUid, ActionDefinition> actions)
    {
        // Iterative depth-first search; 0 = unvisited, 1 = on the current path, 2 = done.
        var state = new Dictionary<EntityUid, int>();
        foreach (var root in actions.Keys)
        {
            if (state.GetValueOrDefault(root) != 0)
            {
                continue;
            }

            var stack = new Stack<(EntityUid Uid, int Next)>();
            stack.Push((root, 0));
            state[root] = 1;
            while (stack.Count > 0)
            {
                var (uid, next) = stack.Pop();
                var parents = actions[uid].MemberOf;
                if (next < parents.Count)
                {
                    stack.Push((uid, next + 1));
                    var parent = parents[next];
                    var s = state.GetValueOrDefault(parent);
                    if (s == 1)
                    {
                        Error(_actions[parent].Decl.Span, $"cycle in action hierarchy containing `{parent}`");
                        return;
                    }

                    if (s == 0)
                    {
                        state[parent] = 1;
                        stack.Push((parent, 0));
                    }
                }
                else
                {
                    state[uid] = 2;
                }
            }
        }
    }

    private EntityUid? ResolveActionRef(ActionRef r, string ns)
    {
        // An action reference without a type means `Action`, looked up like any relative name.
        var type = r.Type ?? "Action";
        foreach (var candidate in Candidates(type, ns))
        {
            var uid = new EntityUid(Name.FromFullName(candidate), r.Id);
            if (_actions.ContainsKey(uid))
            {
                return uid;
            }
        }

        var shown = new EntityUid(Name.FromFullName(type.Contains("::", StringComparison.Ordinal) ? type : Qualify(ns, type)), r.Id);
        Error(r.Span, $"undeclared action: {shown}", "any actions appearing as parents need to be declared as actions");
        return null;
    }

    private static IEnumerable<string> Candidates(string name, string ns)
    {
        if (name.Contains("::", StringComparison.Ordinal) || ns.Length == 0)
        {
            yield return name;
            yield break;
        }

        yield return ns + "::" + name;
        yield return name;
    }

    /// <summary>A principal, resource or parent type: must name a declared entity type.</summary>
    private Name? ResolveEntityTypeName(string name, string ns, SourceSpan span)
    {
        foreach (var candidate in Candidates(name, ns))
        {
            if (_entityTypes.ContainsKey(candidate))
            {
                return Name.FromFullName(candidate);
            }

            if (_actionEntityTypes.Contains(candidate))
            {
                Error(span, $"undeclared entity type: {candidate}", "any entity types appearing anywhere in a schema need to be declared in `entityTypes`");
                return null;
            }
        }

        Error(span, $"failed to resolve type: {name}", $"`{name}` has not been declared as an entity type");
        return null;
    }

    private SchemaType? ResolveCommon(string fullName, SourceSpan useSpan)
    {
        if (_resolvedCommon.TryGetValue(fullName, out var done))
        {
            return done;
        }

        if (_resolvingCommon.Contains(fullName))
        {
            // Cedar names the common type whose definition closes the cycle.
            var closing = _resolvingCommon[^1];
            Error(_commonTypes[closing].Decl.Span, $"cycle in common type references containing `{closing}`");
            foreach (var name in _resolvingCommon)
            {
                _resolvedCommon[name] = null;
            }

            return null;
        }

        _resolvingCommon.Add(fullName);
        var (decl, ns) = _commonTypes[fullName];
        var resolved = ResolveType(decl.Type, ns);
        _resolvingCommon.RemoveAt(_resolvingCommon.Count - 1);
        _resolvedCommon.TryAdd(fullName, resolved);
        return resolved;
    }

    private SchemaType? ResolveType(TypeExpr type, string ns)
    {
        if (++_depth > MaxNesting || !RuntimeHelpers.TryEnsureSufficientExecutionStack())
        {
            _depth--;
            Error(type.Span, "type nesting is too deep", kind: ParseErrorKind.NestingTooDeep);
            return null;
        }

        try
        {
            switch (type.Kind)
            {
                case TypeExprKind.Long: return PrimitiveType.Long;
                case TypeExprKind.String: return PrimitiveType.String;
                case TypeExprKind.Boolean: return PrimitiveType.Bool;
                case TypeExprKind.Set:
                    return ResolveType(type.Element!, ns) is { } element ? new SetType(element) : null;
                case TypeExprKind.Record:
                    {
                        if (type.AdditionalAttributes)
                        {
                            Error(type.Span, "unsupported feature used in schema: records and entities with `additionalAttributes` are experimental, but the experimental `partial-validate` feature is not enabled");
                            return null;
                        }

                        var attributes = new Dictionary<string, AttributeType>(StringComparer.Ordinal);
                        var ok = true;
                        foreach (var attr in type.Attributes)
                        {
                            if (ResolveType(attr.Type, ns) is { } t)
                            {
                                attributes[attr.Name] = new AttributeType(t, attr.Required);
                            }
                            else
                            {
                                ok = false;
                            }
                        }

                        return ok ? new RecordType(attributes, type.AdditionalAttributes) : null;
                    }

                case TypeExprKind.Extension:
                    if (s_extensionTypes.Contains(type.Name!))
                    {
                        return new ExtensionType(type.Name!);
                    }

                    Error(type.Span, $"unknown extension type `{type.Name}`");
                    return null;
                case TypeExprKind.Entity:
                    {
                        foreach (var candidate in Candidates(type.Name!, ns))
                        {
                            if (_entityTypes.ContainsKey(candidate) || _actionEntityTypes.Contains(candidate))
                            {
                                return new EntityRefType(Name.FromFullName(candidate));
                            }
                        }

                        Error(type.Span, $"failed to resolve type: {type.Name}", $"`{type.Name}` has not been declared as an entity type");
                        return null;
                    }

                default:
                    return ResolveNamed(type, ns);
            }
        }
        finally
        {
            _depth--;
        }
    }

    private SchemaType? ResolveNamed(TypeExpr type, string ns)
    {
        var name = type.Name!;
        var entityAllowed = type.Kind == TypeExprKind.EntityOrCommon;
        foreach (var candidate in Candidates(name, ns))
        {
            if (_commonTypes.ContainsKey(candidate))
            {
                return ResolveCommon(candidate, type.Span);
            }

            if (entityAllowed && (_entityTypes.ContainsKey(candidate) || _actionEntityTypes.Contains(candidate)))
            {
                return new EntityRefType(Name.FromFullName(candidate));
            }
        }

        var builtin = name.StartsWith("__cedar::", StringComparison.Ordinal) ? name["__cedar::".Length..] : name;
        switch (builtin)
        {
            case "Long": return PrimitiveType.Long;
            case "String": return PrimitiveType.String;
            case "Bool": return PrimitiveType.Bool;
        }

        if (s_extensionTypes.Contains(builtin))
        {
            return new ExtensionType(builtin);
        }

        Error(
            type.Span,
            $"failed to resolve type: {name}",
            entityAllowed ? $"`{name}` has not been declared as a common or entity type" : $"`{name}` has not been declared as a common type");
        return null;
    }

    private void Error(SourceSpan span, string message, string? help = null, ParseErrorKind kind = ParseErrorKind.InvalidSchema) =>
        _errors.Add(new ParseError(kind, span, message, help));
}
