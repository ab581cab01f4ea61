using Cedar.Ast;

namespace Cedar.Schema.Written;

/// <summary>How a type was written. Mirrors the variants of Cedar's JSON schema format.</summary>
public enum TypeExprKind
{
    Long,
    String,
    Boolean,
    Set,
    Record,

    /// <summary>JSON <c>{"type":"Entity","name":..}</c>.</summary>
    Entity,

    /// <summary>JSON <c>{"type":"Extension","name":..}</c>.</summary>
    Extension,

    /// <summary>A bare name: Cedar text always produces this; JSON <c>{"type":"EntityOrCommon","name":..}</c>.</summary>
    EntityOrCommon,

    /// <summary>JSON <c>{"type":"SomeCommonType"}</c>, or a Cedar-text <c>context: T</c>.</summary>
    CommonRef,
}

/// <summary>A type as written in a schema, before any name is resolved.</summary>
public sealed class TypeExpr
{
    private TypeExpr(TypeExprKind kind, SourceSpan span)
    {
        Kind = kind;
        Span = span;
    }

    public TypeExprKind Kind { get; }

    public SourceSpan Span { get; }

    /// <summary>The name as written, for Entity, Extension, EntityOrCommon and CommonRef.</summary>
    public string? Name { get; private init; }

    public TypeExpr? Element { get; private init; }

    public IReadOnlyList<AttributeDecl> Attributes { get; private init; } = [];

    public bool AdditionalAttributes { get; private init; }

    public static TypeExpr Primitive(TypeExprKind kind, SourceSpan span) =>
        kind is TypeExprKind.Long or TypeExprKind.String or TypeExprKind.Boolean
            ? new(kind, span)
            : throw new ArgumentOutOfRangeException(nameof(kind));

    public static TypeExpr Named(TypeExprKind kind, string name, SourceSpan span) =>
        kind is TypeExprKind.Entity or TypeExprKind.Extension or TypeExprKind.EntityOrCommon or TypeExprKind.CommonRef
            ? new(kind, span) { Name = name }
            : throw new ArgumentOutOfRangeException(nameof(kind));

    public static TypeExpr Set(TypeExpr element, SourceSpan span) => new(TypeExprKind.Set, span) { Element = element };

    public static TypeExpr Record(IReadOnlyList<AttributeDecl> attributes, bool additionalAttributes, SourceSpan span) =>
        new(TypeExprKind.Record, span) { Attributes = attributes, AdditionalAttributes = additionalAttributes };

    public bool IsEmptyRecord => Kind == TypeExprKind.Record && Attributes.Count == 0 && !AdditionalAttributes;
}
