using Cedar.Ast;

namespace Cedar.Schema.Written;

/// <summary>One annotation, <c>@key("value")</c>; a bare <c>@key</c> has the empty value.</summary>
public sealed record AnnotationDecl(string Key, string Value, SourceSpan Span);

/// <summary>A record attribute as written: <c>name?: Type</c>.</summary>
public sealed record AttributeDecl(string Name, TypeExpr Type, bool Required, IReadOnlyList<AnnotationDecl> Annotations, SourceSpan Span);

/// <summary>A type name reference with where it was written (memberOfTypes, principal and resource types).</summary>
public sealed record NameRef(string Name, SourceSpan Span);

/// <summary><c>type Name = Type;</c></summary>
public sealed record CommonTypeDecl(string Name, TypeExpr Type, IReadOnlyList<AnnotationDecl> Annotations, SourceSpan Span);

/// <summary>
/// An entity type declaration. Either standard (member-of types, a shape, optional tags) or enumerated
/// (<see cref="EnumIds"/> set, no shape).
/// </summary>
public sealed record EntityTypeDecl(
    string Name,
    IReadOnlyList<NameRef> MemberOfTypes,
    TypeExpr? Shape,
    TypeExpr? Tags,
    IReadOnlyList<string>? EnumIds,
    IReadOnlyList<AnnotationDecl> Annotations,
    SourceSpan Span);

/// <summary>A reference to an action group: <c>"id"</c> or <c>Type::"id"</c> (type as written, possibly relative).</summary>
public sealed record ActionRef(string? Type, string Id, SourceSpan Span);

/// <summary><c>appliesTo { principal: [..], resource: [..], context: .. }</c>.</summary>
public sealed record AppliesToDecl(IReadOnlyList<NameRef> PrincipalTypes, IReadOnlyList<NameRef> ResourceTypes, TypeExpr? Context, SourceSpan Span);

/// <summary>An action declaration. <see cref="MemberOf"/> is null when no <c>in</c>/<c>memberOf</c> was given.</summary>
public sealed record ActionDecl(
    string Name,
    IReadOnlyList<ActionRef>? MemberOf,
    AppliesToDecl? AppliesTo,
    IReadOnlyList<AnnotationDecl> Annotations,
    SourceSpan Span);

/// <summary>A namespace and its declarations; the empty namespace has the name "".</summary>
public sealed class NamespaceDecl(string name, SourceSpan nameSpan)
{
    public string Name { get; } = name;

    public SourceSpan NameSpan { get; } = nameSpan;

    public List<AnnotationDecl> Annotations { get; } = [];

    public List<CommonTypeDecl> CommonTypes { get; } = [];

    public List<EntityTypeDecl> EntityTypes { get; } = [];

    public List<ActionDecl> Actions { get; } = [];
}

/// <summary>A whole schema as written: its namespaces (at most one per name).</summary>
public sealed class SchemaFragment(IReadOnlyList<NamespaceDecl> namespaces)
{
    public IReadOnlyList<NamespaceDecl> Namespaces { get; } = namespaces;
}
