using Cedar.Ast;
using Cedar.Authorization;
using Cedar.Entities;
using Cedar.Evaluation;
using Cedar.Values;
using static Cedar.Tests.Evaluation.A;

namespace Cedar.Tests.Evaluation;

public class EvaluatorTests
{
    private static readonly EntityUid s_alice = new("User", "alice");

    private static readonly EntityStore s_store = EntityStore.Create(
    [
        new Entity(
            s_alice,
            new Dictionary<string, Value> { ["age"] = Value.Long(30), ["name"] = Value.String("alice"), ["boss"] = Value.Entity(new EntityUid("User", "bob")) },
            [new EntityUid("Group", "g1")],
            new Dictionary<string, Value> { ["t"] = Value.String("v") }),
        new Entity(new EntityUid("Group", "g1"), parents: [new EntityUid("Group", "g2")]),
        new Entity(new EntityUid("Group", "g2")),
        new Entity(new EntityUid("Loop", "a"), parents: [new EntityUid("Loop", "b")]),
        new Entity(new EntityUid("Loop", "b"), parents: [new EntityUid("Loop", "a")]),
    ]);

    private static readonly Request s_request = new(
        s_alice,
        new EntityUid("Action", "view"),
        new EntityUid("Photo", "p"),
        RecordValue.Of([new("n", Value.Long(5)), new("r", RecordValue.Of([new("x", Value.Long(1))]))]));

    public static TheoryData<string, Expr, string> Cases => new()
    {
        // short-circuit and bool requirements
        { "and-short", And(B(false), L(1)), "false" },
        { "or-short", Or(B(true), L(1)), "true" },
        { "and-left-long", And(L(1), B(true)), "TypeError" },
        { "and-right-long", And(B(true), L(1)), "TypeError" },
        { "or-right-long", Or(B(false), L(1)), "TypeError" },
        { "if-long", If(L(1), B(true), B(false)), "TypeError" },
        { "if-lazy", If(B(true), L(1), Get(Principal, "nope")), "1" },
        { "not-long", Not(L(1)), "TypeError" },

        // equality across kinds is false, never an error
        { "eq-kinds", Bin(BinaryOp.Eq, L(1), S("1")), "false" },
        { "neq-kinds", Bin(BinaryOp.NotEq, L(1), B(true)), "true" },
        { "eq-sets", Bin(BinaryOp.Eq, Set(L(1), L(2)), Set(L(2), L(1), L(1))), "true" },
        { "eq-records", Bin(BinaryOp.Eq, Rec(("a", L(1))), Rec(("a", L(1)))), "true" },

        // checked arithmetic
        { "add", Bin(BinaryOp.Add, L(2), L(3)), "5" },
        { "add-overflow", Bin(BinaryOp.Add, L(long.MaxValue), L(1)), "IntegerOverflow" },
        { "sub-overflow", Bin(BinaryOp.Sub, L(long.MinValue), L(1)), "IntegerOverflow" },
        { "mul-overflow", Bin(BinaryOp.Mul, L(long.MaxValue), L(2)), "IntegerOverflow" },
        { "mul-min", Bin(BinaryOp.Mul, L(long.MinValue), L(-1)), "IntegerOverflow" },
        { "mul-ok", Bin(BinaryOp.Mul, L(-4611686018427387904), L(2)), "-9223372036854775808" },
        { "neg-min", Neg(L(long.MinValue)), "IntegerOverflow" },
        { "neg", Neg(L(5)), "-5" },
        { "add-string", Bin(BinaryOp.Add, S("a"), L(1)), "TypeError" },

        // comparisons
        { "lt", Bin(BinaryOp.Less, L(1), L(2)), "true" },
        { "ge", Bin(BinaryOp.GreaterEq, L(2), L(2)), "true" },
        { "lt-string", Bin(BinaryOp.Less, S("a"), S("b")), "TypeError" },
        { "lt-mixed", Bin(BinaryOp.Less, L(1), S("b")), "TypeError" },

        // in: reflexive, transitive, missing entities, cycles, sets
        { "in-self", Bin(BinaryOp.In, U("X", "missing"), U("X", "missing")), "true" },
        { "in-missing", Bin(BinaryOp.In, U("X", "missing"), U("Group", "g1")), "false" },
        { "in-direct", Bin(BinaryOp.In, Principal, U("Group", "g1")), "true" },
        { "in-transitive", Bin(BinaryOp.In, Principal, U("Group", "g2")), "true" },
        { "in-reverse", Bin(BinaryOp.In, U("Group", "g2"), Principal), "false" },
        { "in-cycle", Bin(BinaryOp.In, U("Loop", "a"), U("Loop", "b")), "true" },
        { "in-cycle-back", Bin(BinaryOp.In, U("Loop", "b"), U("Loop", "a")), "true" },
        { "in-set", Bin(BinaryOp.In, Principal, Set(U("X", "y"), U("Group", "g2"))), "true" },
        { "in-set-bad-element", Bin(BinaryOp.In, Principal, Set(U("Group", "g1"), L(1))), "TypeError" },
        { "in-long-left", Bin(BinaryOp.In, L(1), U("Group", "g1")), "TypeError" },
        { "in-long-right", Bin(BinaryOp.In, Principal, L(1)), "TypeError" },

        // is
        { "is", Is(Principal, "User"), "true" },
        { "is-other", Is(Principal, "Group"), "false" },
        { "is-in", Is(Principal, "User", U("Group", "g2")), "true" },
        { "is-in-lazy", Is(Principal, "Group", L(1)), "false" },
        { "is-long", Is(L(1), "User"), "TypeError" },

        // like
        { "like-star", Like(S("abc"), "a", ""), "true" },
        { "like-literal-star", Like(S("a*"), "a*"), "true" },
        { "like-literal-star-no", Like(S("ab"), "a*"), "false" },
        { "like-empty", Like(S(""), ""), "true" },
        { "like-empty-no", Like(S("a"), ""), "false" },
        { "like-only-star", Like(S(""), "", ""), "true" },
        { "like-unicode", Like(S("h\u00e9llo\U0001F600"), "h", "\U0001F600"), "true" },
        { "like-overlap", Like(S("aa"), "a", "a"), "true" },
        { "like-overlap-no", Like(S("a"), "a", "a"), "false" },
        { "like-long", Like(L(1), "a"), "TypeError" },

        // has / attributes
        { "has-entity", Has(Principal, "age"), "true" },
        { "has-missing-attr", Has(Principal, "nope"), "false" },
        { "has-missing-entity", Has(U("User", "ghost"), "age"), "false" },
        { "has-path", Has(Context, "r", "x"), "true" },
        { "has-path-missing", Has(Context, "q", "x"), "false" },
        { "has-path-long", Has(Context, "n", "x"), "TypeError" },
        { "has-long", Has(L(1), "a"), "TypeError" },
        { "get-entity", Get(Principal, "age"), "30" },
        { "get-missing-attr", Get(Principal, "nope"), "EntityAttrDoesNotExist" },
        { "get-missing-entity", Get(U("User", "ghost"), "age"), "EntityDoesNotExist" },
        { "get-record-missing", Get(Context, "zz"), "RecordAttrDoesNotExist" },
        { "get-chain-missing-entity", Get(Get(Principal, "boss"), "age"), "EntityDoesNotExist" },
        { "get-long", Get(L(1), "a"), "TypeError" },

        // tags
        { "hasTag", Bin(BinaryOp.HasTag, Principal, S("t")), "true" },
        { "hasTag-no", Bin(BinaryOp.HasTag, Principal, S("u")), "false" },
        { "hasTag-missing-entity", Bin(BinaryOp.HasTag, U("User", "ghost"), S("t")), "false" },
        { "getTag", Bin(BinaryOp.GetTag, Principal, S("t")), "\"v\"" },
        { "getTag-missing", Bin(BinaryOp.GetTag, Principal, S("u")), "TagDoesNotExist" },
        { "getTag-missing-entity", Bin(BinaryOp.GetTag, U("User", "ghost"), S("t")), "EntityDoesNotExist" },
        { "getTag-long-key", Bin(BinaryOp.GetTag, U("User", "ghost"), L(1)), "TypeError" },

        // sets
        { "contains", Bin(BinaryOp.Contains, Set(L(1), L(2)), L(2)), "true" },
        { "contains-other-kind", Bin(BinaryOp.Contains, Set(L(1)), S("1")), "false" },
        { "contains-non-set", Bin(BinaryOp.Contains, L(1), L(1)), "TypeError" },
        { "containsAll", Bin(BinaryOp.ContainsAll, Set(L(1), L(2)), Set(L(2))), "true" },
        { "containsAll-empty", Bin(BinaryOp.ContainsAll, Set(), Set()), "true" },
        { "containsAny-empty", Bin(BinaryOp.ContainsAny, Set(L(1)), Set()), "false" },
        { "containsAny-non-set", Bin(BinaryOp.ContainsAny, Set(L(1)), L(1)), "TypeError" },
        { "isEmpty", IsEmpty(Set()), "true" },
        { "isEmpty-long", IsEmpty(L(1)), "TypeError" },
        { "set-error-element", Set(L(1), Get(Context, "zz")), "RecordAttrDoesNotExist" },

        // extension calls
        { "unknown-function", Call("nosuchfunction", L(1)), "UnknownExtensionFunction" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void EvaluatesLikeCedar(string name, Expr expr, string expected)
    {
        var result = new Evaluator(s_request, s_store).Evaluate(expr);
        var actual = result.IsError ? result.Error!.Kind.ToString() : result.Value!.ToString();
        Assert.True(expected == actual, $"{name}: expected {expected}, got {actual} {result.Error?.Message}");
    }

    [Fact]
    public void DeepNestingIsAnErrorNotACrash()
    {
        Expr e = L(1);
        for (var i = 0; i < 100_000; i++)
        {
            e = Neg(e);
        }

        var result = new Evaluator(s_request, s_store).Evaluate(e);
        Assert.Equal(EvaluationErrorKind.RecursionLimit, result.Error?.Kind);
    }

    [Theory]
    [InlineData("and-right", "type error: expected bool, got long")]
    [InlineData("in", "type error: expected (entity of type `any_entity_type`), got long")]
    [InlineData("overflow", "integer overflow while attempting to add the values `9223372036854775807` and `1`")]
    [InlineData("attr", "`User::\"alice\"` does not have the attribute `nope`")]
    [InlineData("entity", "entity `User::\"ghost\"` does not exist")]
    public void ErrorMessagesMatchCedar(string which, string message)
    {
        var expr = which switch
        {
            "and-right" => And(B(true), L(1)),
            "in" => Bin(BinaryOp.In, L(1), Principal),
            "overflow" => Bin(BinaryOp.Add, L(long.MaxValue), L(1)),
            "attr" => Get(Principal, "nope"),
            _ => Get(U("User", "ghost"), "a"),
        };
        Assert.Equal(message, new Evaluator(s_request, s_store).Evaluate(expr).Error?.Message);
    }
}
