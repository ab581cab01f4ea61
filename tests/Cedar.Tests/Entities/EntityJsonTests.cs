using Cedar.Ast;
using Cedar.Json;
using Cedar.Schema;
using Cedar.Tests.Support;
using Cedar.Values;

namespace Cedar.Tests.Entities;

public class EntityJsonTests
{
    // Kept in step with s_schema below.
    internal const string SchemaText =
        "entity User in [Group] { x?: Long, e?: User, s?: Set<User>, r?: { a: Long } } tags String; entity Group; entity G enum [\"a\", \"b\"]; entity R;" +
        " action c; action b in [c]; action a in [b] appliesTo { principal: User, resource: R, context: { q?: Long, u?: User } };";

    private static readonly Name s_user = Name.FromFullName("User");

    internal static readonly ValidatorSchema s_schema = new(
        new Dictionary<Name, EntityTypeDefinition>
        {
            [s_user] = new(s_user, [Name.FromFullName("Group")], new RecordType(new Dictionary<string, AttributeType>
            {
                ["x"] = new(PrimitiveType.Long, false),
                ["e"] = new(new EntityRefType(s_user), false),
                ["s"] = new(new SetType(new EntityRefType(s_user)), false),
                ["r"] = new(new RecordType(new Dictionary<string, AttributeType> { ["a"] = new(PrimitiveType.Long, true) }), false),
            }), PrimitiveType.String, null),
            [Name.FromFullName("Group")] = new(Name.FromFullName("Group"), [], RecordType.Empty, null, null),
            [Name.FromFullName("G")] = new(Name.FromFullName("G"), [], RecordType.Empty, null, ["a", "b"]),
            [Name.FromFullName("R")] = new(Name.FromFullName("R"), [], RecordType.Empty, null, null),
        },
        new Dictionary<EntityUid, ActionDefinition>
        {
            [new("Action", "c")] = new(new("Action", "c"), [], [], [], RecordType.Empty, false),
            [new("Action", "b")] = new(new("Action", "b"), [new("Action", "c")], [], [], RecordType.Empty, false),
            [new("Action", "a")] = new(new("Action", "a"), [new("Action", "b")], [s_user], [Name.FromFullName("R")], new RecordType(new Dictionary<string, AttributeType>
            {
                ["q"] = new(PrimitiveType.Long, false),
                ["u"] = new(new EntityRefType(s_user), false),
            }), true),
        });

    public static TheoryData<string, string> WithoutSchema => new()
    {
        { "basic", """[{"uid":{"type":"User","id":"a"},"attrs":{"x":1},"parents":[{"type":"Group","id":"g"}]}]""" },
        { "missing-attrs", """[{"uid":{"type":"User","id":"a"},"parents":[]}]""" },
        { "missing-parents", """[{"uid":{"type":"User","id":"a"},"attrs":{}}]""" },
        { "unknown-field", """[{"uid":{"type":"User","id":"a"},"attrs":{},"parents":[],"extra":1}]""" },
        { "tags", """[{"uid":{"type":"User","id":"a"},"attrs":{},"parents":[],"tags":{"t":1}}]""" },
        { "null-attr", """[{"uid":{"type":"User","id":"a"},"attrs":{"x":null},"parents":[]}]""" },
        { "float-attr", """[{"uid":{"type":"User","id":"a"},"attrs":{"x":1.5},"parents":[]}]""" },
        { "big-long", """[{"uid":{"type":"User","id":"a"},"attrs":{"x":9223372036854775807,"y":-9223372036854775808},"parents":[]}]""" },
        { "too-big-long", """[{"uid":{"type":"User","id":"a"},"attrs":{"x":9223372036854775808},"parents":[]}]""" },
        { "duplicate-identical", """[{"uid":{"type":"User","id":"a"},"attrs":{},"parents":[]},{"uid":{"type":"User","id":"a"},"attrs":{},"parents":[]}]""" },
        { "duplicate-different", """[{"uid":{"type":"User","id":"a"},"attrs":{"x":1},"parents":[]},{"uid":{"type":"User","id":"a"},"attrs":{"x":2},"parents":[]}]""" },
        { "duplicate-key", """[{"uid":{"type":"User","id":"a"},"attrs":{"x":1,"x":2},"parents":[]}]""" },
        { "cycle", """[{"uid":{"type":"U","id":"a"},"attrs":{},"parents":[{"type":"U","id":"b"}]},{"uid":{"type":"U","id":"b"},"attrs":{},"parents":[{"type":"U","id":"a"}]}]""" },
        { "self-parent", """[{"uid":{"type":"U","id":"a"},"attrs":{},"parents":[{"type":"U","id":"a"}]}]""" },
        { "escaped-uid", """[{"uid":{"__entity":{"type":"User","id":"a"}},"attrs":{},"parents":[{"__entity":{"type":"G","id":"b"}}]}]""" },
        { "string-uid", """[{"uid":"User::\"a\"","attrs":{},"parents":[]}]""" },
        { "reserved-type", """[{"uid":{"type":"is","id":"a"},"attrs":{},"parents":[]}]""" },
        { "spaced-type", """[{"uid":{"type":"A:: B","id":"a"},"attrs":{},"parents":[]}]""" },
        { "cedar-type", """[{"uid":{"type":"__cedar::X","id":"a"},"attrs":{},"parents":[]}]""" },
        { "expr-escape", """[{"uid":{"type":"User","id":"a"},"attrs":{"x":{"__expr":"1"}},"parents":[]}]""" },
        { "entity-escape-extra-key", """[{"uid":{"type":"User","id":"a"},"attrs":{"x":{"__entity":{"type":"User","id":"b"},"y":1}},"parents":[]}]""" },
        { "entity-escape-bad-type", """[{"uid":{"type":"User","id":"a"},"attrs":{"x":{"__entity":{"type":"Us er","id":"b"}}},"parents":[]}]""" },
        { "extn-args", """[{"uid":{"type":"User","id":"a"},"attrs":{"d":{"__extn":{"fn":"offset","args":[{"__extn":{"fn":"datetime","arg":"1970-01-01"}},{"__extn":{"fn":"duration","arg":"1000ms"}}]}}},"parents":[]}]""" },
        { "extn-args-bad-arity", """[{"uid":{"type":"User","id":"a"},"attrs":{"d":{"__extn":{"fn":"offset","args":[{"__extn":{"fn":"datetime","arg":"1970-01-01"}}]}}},"parents":[]}]""" },
        { "extn-bad-arg", """[{"uid":{"type":"User","id":"a"},"attrs":{"d":{"__extn":{"fn":"decimal","arg":"1.23456"}}},"parents":[]}]""" },
        { "extn-unknown-fn", """[{"uid":{"type":"User","id":"a"},"attrs":{"d":{"__extn":{"fn":"nope","arg":"1"}}},"parents":[]}]""" },
        { "not-array", """{"uid":{"type":"User","id":"a"},"attrs":{},"parents":[]}""" },
        { "control-chars", """[{"uid":{"type":"User","id":"\u0000\u0017"},"attrs":{"\u0001":"\ud83d\ude00"},"parents":[]}]""" },
    };

    public static TheoryData<string, string> WithSchema => new()
    {
        { "empty", "[]" },
        { "action-exact", """[{"uid":{"type":"Action","id":"a"},"attrs":{},"parents":[{"type":"Action","id":"b"},{"type":"Action","id":"c"}]}]""" },
        { "action-direct-parent-only", """[{"uid":{"type":"Action","id":"a"},"attrs":{},"parents":[{"type":"Action","id":"b"}]}]""" },
        { "action-undeclared", """[{"uid":{"type":"Action","id":"zz"},"attrs":{},"parents":[]}]""" },
        { "action-attrs", """[{"uid":{"type":"Action","id":"c"},"attrs":{"x":1},"parents":[]}]""" },
        { "wrong-attr-type", """[{"uid":{"type":"User","id":"u"},"attrs":{"x":"1"},"parents":[]}]""" },
        { "undeclared-attr", """[{"uid":{"type":"User","id":"u"},"attrs":{"y":1},"parents":[]}]""" },
        { "implicit-entity", """[{"uid":{"type":"User","id":"u"},"attrs":{"e":{"type":"User","id":"v"},"s":[{"type":"User","id":"w"}]},"parents":[]}]""" },
        { "implicit-entity-wrong-type", """[{"uid":{"type":"User","id":"u"},"attrs":{"e":{"type":"R","id":"v"}},"parents":[]}]""" },
        { "record-missing-required", """[{"uid":{"type":"User","id":"u"},"attrs":{"r":{}},"parents":[]}]""" },
        { "record-ok", """[{"uid":{"type":"User","id":"u"},"attrs":{"r":{"a":1}},"parents":[]}]""" },
        { "parent-type-ok", """[{"uid":{"type":"User","id":"u"},"attrs":{},"parents":[{"type":"Group","id":"g"}]}]""" },
        { "parent-type-not-allowed", """[{"uid":{"type":"User","id":"u"},"attrs":{},"parents":[{"type":"G","id":"a"}]}]""" },
        { "enum-ok", """[{"uid":{"type":"G","id":"a"},"attrs":{},"parents":[]}]""" },
        { "enum-bad-id", """[{"uid":{"type":"G","id":"c"},"attrs":{},"parents":[]}]""" },
        { "undeclared-type", """[{"uid":{"type":"Foo","id":"c"},"attrs":{},"parents":[]}]""" },
        { "tag-wrong-type", """[{"uid":{"type":"User","id":"u"},"attrs":{},"parents":[],"tags":{"t":1}}]""" },
        { "tag-not-allowed", """[{"uid":{"type":"R","id":"u"},"attrs":{},"parents":[],"tags":{"t":"1"}}]""" },
        { "tag-ok", """[{"uid":{"type":"User","id":"u"},"attrs":{},"parents":[],"tags":{"t":"1"}}]""" },
    };

    [Theory]
    [MemberData(nameof(WithoutSchema))]
    public void AcceptsAndRejectsLikeCedarWithoutSchema(string name, string entities)
    {
        var ours = EntityJson.ParseEntities(entities);
        var theirs = OracleAccepts(entities, null, "{}");
        Assert.True(theirs == ours.Success, $"{name}: cedar {(theirs ? "accepts" : "rejects")}, we {(ours.Success ? "accept" : "reject: " + ours.Errors[0].Message)}");
    }

    [Theory]
    [MemberData(nameof(WithSchema))]
    public void AcceptsAndRejectsLikeCedarWithSchema(string name, string entities)
    {
        var ours = EntityJson.ParseEntities(entities, s_schema);
        var theirs = OracleAccepts(entities, SchemaText, "{}");
        Assert.True(theirs == ours.Success, $"{name}: cedar {(theirs ? "accepts" : "rejects")}, we {(ours.Success ? "accept" : "reject: " + ours.Errors[0].Message)}");
    }

    [Theory]
    [InlineData("{}", true)]
    [InlineData("""{"q":1}""", true)]
    [InlineData("""{"q":"1"}""", false)]
    [InlineData("""{"z":1}""", false)]
    [InlineData("""{"u":{"type":"User","id":"x"}}""", true)]
    [InlineData("""{"u":{"__entity":{"type":"User","id":"x"}}}""", true)]
    [InlineData("""{"u":{"type":"R","id":"x"}}""", false)]
    [InlineData("[]", false)]
    public void ContextWithSchemaAgreesWithCedar(string context, bool accepted)
    {
        var ours = EntityJson.ParseContext(context, s_schema, new EntityUid("Action", "a"));
        Assert.Equal(accepted, ours.Success);
        Assert.Equal(accepted, OracleAccepts("[]", SchemaText, context, validateRequest: true));
    }

    [Fact]
    public void LongsAreExactAndEscapesOnlyInSingleKeyForm()
    {
        var store = EntityJson.ParseEntities("""[{"uid":{"type":"U","id":"a"},"attrs":{"big":9223372036854775807,"small":-9223372036854775808,"e":{"__entity":{"type":"U","id":"b"}},"r":{"__entity":{"type":"U","id":"b"},"y":1}},"parents":[]}]""");
        Assert.True(store.Success);
        Assert.True(store.Value!.TryGet(new EntityUid("U", "a"), out var e));
        Assert.Equal(Value.Long(long.MaxValue), e.Attributes["big"]);
        Assert.Equal(Value.Long(long.MinValue), e.Attributes["small"]);
        Assert.Equal(Value.Entity(new EntityUid("U", "b")), e.Attributes["e"]);
        Assert.IsType<RecordValue>(e.Attributes["r"]);
    }

    [Fact]
    public void SchemaActionsJoinTheStoreWithTheirHierarchy()
    {
        var store = EntityJson.ParseEntities("[]", s_schema).Value!;
        Assert.True(store.IsAncestor(new EntityUid("Action", "a"), new EntityUid("Action", "c")));
        Assert.True(store.TryGet(new EntityUid("Action", "c"), out _));
    }

    [Fact]
    public void DeepJsonIsAnErrorNotACrash()
    {
        var deep = "[{\"uid\":{\"type\":\"U\",\"id\":\"a\"},\"attrs\":{\"x\":" + new string('[', 100_000) + new string(']', 100_000) + "},\"parents\":[]}]";
        var result = EntityJson.ParseEntities(deep);
        Assert.False(result.Success);
    }

    private static bool OracleAccepts(string entities, string? schema, string context, bool validateRequest = false)
    {
        var arg = "{\"principal\":{\"type\":\"User\",\"id\":\"u\"},\"action\":{\"type\":\"Action\",\"id\":\"a\"},\"resource\":{\"type\":\"R\",\"id\":\"r\"}," +
            "\"context\":" + context + ",\"policies\":{\"staticPolicies\":\"permit(principal,action,resource);\"},\"entities\":" + entities +
            (schema is null ? "" : ",\"schema\":" + System.Text.Json.JsonSerializer.Serialize(schema) + ",\"validateRequest\":" + (validateRequest ? "true" : "false")) + "}";
        try
        {
            var answer = CedarOracle.Shared.Call("isAuthorized", arg);
            return answer["type"]!.GetValue<string>() == "success";
        }
        catch (InvalidOperationException e) when (e.Message.Contains("occurs two or more times", StringComparison.Ordinal))
        {
            // cedar-wasm refuses input JSON with duplicate keys before it looks at it.
            return false;
        }
    }
}
