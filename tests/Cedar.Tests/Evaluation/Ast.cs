using Cedar.Ast;
using Cedar.Values;

namespace Cedar.Tests.Evaluation;

/// <summary>Short constructors for hand-built expression trees in tests.</summary>
internal static class A
{
    public static Expr L(long v) => new LiteralExpr(Value.Long(v));

    public static Expr B(bool v) => new LiteralExpr(Value.Bool(v));

    public static Expr S(string v) => new LiteralExpr(Value.String(v));

    public static Expr U(string type, string id) => new LiteralExpr(Value.Entity(new EntityUid(type, id)));

    public static Expr Principal => new VarExpr(Var.Principal);

    public static Expr Resource => new VarExpr(Var.Resource);

    public static Expr Context => new VarExpr(Var.Context);

    public static Expr Bin(BinaryOp op, Expr l, Expr r) => new BinaryExpr(op, l, r);

    public static Expr And(Expr l, Expr r) => new AndExpr(l, r);

    public static Expr Or(Expr l, Expr r) => new OrExpr(l, r);

    public static Expr Not(Expr e) => new UnaryExpr(UnaryOp.Not, e);

    public static Expr Neg(Expr e) => new UnaryExpr(UnaryOp.Neg, e);

    public static Expr IsEmpty(Expr e) => new UnaryExpr(UnaryOp.IsEmpty, e);

    public static Expr If(Expr c, Expr t, Expr e) => new IfExpr(c, t, e);

    public static Expr Set(params Expr[] items) => new SetExpr(items);

    public static Expr Rec(params (string Key, Expr Value)[] attrs) =>
        new RecordExpr([.. attrs.Select(a => new KeyValuePair<string, Expr>(a.Key, a.Value))]);

    public static Expr Get(Expr e, string attr) => new GetAttrExpr(e, attr);

    public static Expr Has(Expr e, params string[] path) => new HasAttrExpr(e, path);

    public static Expr Like(Expr e, params string[] segments) => new LikeExpr(e, new Pattern(segments));

    public static Expr Is(Expr e, string type, Expr? inEntity = null) => new IsExpr(e, Name.FromFullName(type), inEntity);

    public static Expr Call(string fn, params Expr[] args) => new ExtensionCallExpr(fn, args);
}
