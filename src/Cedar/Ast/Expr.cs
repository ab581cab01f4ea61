using Cedar.Values;

namespace Cedar.Ast;

public enum ExprKind
{
    Literal,
    Var,
    Slot,
    If,
    And,
    Or,
    Unary,
    Binary,
    ExtensionCall,
    GetAttr,
    HasAttr,
    Like,
    Is,
    Set,
    Record,
}

public enum Var
{
    Principal,
    Action,
    Resource,
    Context,
}

public enum SlotId
{
    Principal,
    Resource,
}

public enum UnaryOp
{
    Not,
    Neg,
    IsEmpty,
}

/// <summary>
/// Binary operators as written. <c>!=</c>, <c>&gt;</c> and <c>&gt;=</c> are kept distinct (not desugared)
/// so that the JSON policy form and the printer reproduce the source faithfully.
/// </summary>
public enum BinaryOp
{
    Eq,
    NotEq,
    Less,
    LessEq,
    Greater,
    GreaterEq,
    Add,
    Sub,
    Mul,
    In,
    Contains,
    ContainsAll,
    ContainsAny,
    GetTag,
    HasTag,
}

/// <summary>An immutable Cedar expression tree node. Spans point into the policy text it was parsed from (or are empty).</summary>
public abstract class Expr
{
    public abstract ExprKind Kind { get; }

    public SourceSpan Span { get; init; }
}

/// <summary>A bool, long, string or entity literal.</summary>
public sealed class LiteralExpr(Value value) : Expr
{
    public override ExprKind Kind => ExprKind.Literal;

    public Value Value { get; } = value;
}

public sealed class VarExpr(Var var) : Expr
{
    public override ExprKind Kind => ExprKind.Var;

    public Var Var { get; } = var;
}

public sealed class SlotExpr(SlotId slot) : Expr
{
    public override ExprKind Kind => ExprKind.Slot;

    public SlotId Slot { get; } = slot;
}

public sealed class IfExpr(Expr condition, Expr then, Expr @else) : Expr
{
    public override ExprKind Kind => ExprKind.If;

    public Expr Condition { get; } = condition;

    public Expr Then { get; } = then;

    public Expr Else { get; } = @else;
}

public sealed class AndExpr(Expr left, Expr right) : Expr
{
    public override ExprKind Kind => ExprKind.And;

    public Expr Left { get; } = left;

    public Expr Right { get; } = right;
}

public sealed class OrExpr(Expr left, Expr right) : Expr
{
    public override ExprKind Kind => ExprKind.Or;

    public Expr Left { get; } = left;

    public Expr Right { get; } = right;
}

public sealed class UnaryExpr(UnaryOp op, Expr operand) : Expr
{
    public override ExprKind Kind => ExprKind.Unary;

    public UnaryOp Op { get; } = op;

    public Expr Operand { get; } = operand;
}

public sealed class BinaryExpr(BinaryOp op, Expr left, Expr right) : Expr
{
    public override ExprKind Kind => ExprKind.Binary;

    public BinaryOp Op { get; } = op;

    public Expr Left { get; } = left;

    public Expr Right { get; } = right;
}

/// <summary>
/// A call of an extension function: a constructor such as <c>ip("10.0.0.1")</c> or a method such as
/// <c>a.lessThan(b)</c>, where the receiver is the first argument.
/// </summary>
public sealed class ExtensionCallExpr(string functionName, IReadOnlyList<Expr> arguments) : Expr
{
    public override ExprKind Kind => ExprKind.ExtensionCall;

    public string FunctionName { get; } = functionName;

    public IReadOnlyList<Expr> Arguments { get; } = arguments;
}

public sealed class GetAttrExpr(Expr target, string attribute) : Expr
{
    public override ExprKind Kind => ExprKind.GetAttr;

    public Expr Target { get; } = target;

    public string Attribute { get; } = attribute;
}

/// <summary>
/// <c>e has a</c>, or <c>e has a.b.c</c> (Cedar 4.3+), kept as a path as Cedar's JSON form keeps it.
/// <c>e has a.b</c> means <c>e has a &amp;&amp; e.a has b</c>.
/// </summary>
public sealed class HasAttrExpr(Expr target, IReadOnlyList<string> path) : Expr
{
    public HasAttrExpr(Expr target, string attribute)
        : this(target, [attribute])
    {
    }

    public override ExprKind Kind => ExprKind.HasAttr;

    public Expr Target { get; } = target;

    /// <summary>One or more attribute names.</summary>
    public IReadOnlyList<string> Path { get; } = path;
}

public sealed class LikeExpr(Expr target, Pattern pattern) : Expr
{
    public override ExprKind Kind => ExprKind.Like;

    public Expr Target { get; } = target;

    public Pattern Pattern { get; } = pattern;
}

/// <summary><c>e is T</c>, or <c>e is T in E</c> when <see cref="InEntity"/> is set.</summary>
public sealed class IsExpr(Expr target, Name entityType, Expr? inEntity) : Expr
{
    public override ExprKind Kind => ExprKind.Is;

    public Expr Target { get; } = target;

    public Name EntityType { get; } = entityType;

    public Expr? InEntity { get; } = inEntity;
}

public sealed class SetExpr(IReadOnlyList<Expr> elements) : Expr
{
    public override ExprKind Kind => ExprKind.Set;

    public IReadOnlyList<Expr> Elements { get; } = elements;
}

/// <summary>A record literal. Attribute order is source order; keys are distinct (the parser rejects duplicates).</summary>
public sealed class RecordExpr(IReadOnlyList<KeyValuePair<string, Expr>> attributes) : Expr
{
    public override ExprKind Kind => ExprKind.Record;

    public IReadOnlyList<KeyValuePair<string, Expr>> Attributes { get; } = attributes;
}
