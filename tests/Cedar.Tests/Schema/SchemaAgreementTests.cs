using System.Text.Json;
using Cedar.Schema;
using Cedar.Tests.Support;

namespace Cedar.Tests.Schema;

/// <summary>Tricky schemas, in both formats: we accept exactly those cedar-wasm's <c>checkParseSchema</c> accepts.</summary>
public class SchemaAgreementTests
{
    public static TheoryData<string> CedarInputs => new()
    {
        "",
        "// only a comment",
        "entity A;",
        "entity A, B, C;",
        "entity A in B; entity B;",
        "entity A in [B, C]; entity B; entity C;",
        "entity A in [];",
        "entity A {};",
        "entity A = {};",
        "entity A { a: Long, };",
        "entity A { a: Long,, };",
        "entity A = { \"a b\": Long, \"\": String };",
        "entity A = { a?: Set<Set<Bool>> };",
        "entity A = { a: Set<> };",
        "entity A = { a: Boolean };",
        "entity A = { a: __cedar::Bool, b: __cedar::datetime, c: __cedar::duration };",
        "entity A = { a: __cedar::Foo };",
        "entity A = { a: ipaddr, b: decimal };",
        "entity A = { if: Long };",
        "entity A = { \"if\": Long };",
        "entity A = { a: Long } tags String;",
        "entity A tags Set<A>;",
        "entity A enum [\"a\", \"b\"];",
        "entity A enum [];",
        "entity A in B enum [\"a\"]; entity B;",
        "entity A enum [\"a\"] tags String;",
        "entity enum enum [\"enum\"];",
        "entity in;",
        "entity if;",
        "entity Set; entity A = { s: Set };",
        "entity Long; entity A = { a: Long };",
        "entity Action;",
        "namespace N { entity Action; }",
        "entity __cedar;",
        "namespace __cedar { entity A; }",
        "namespace A::__cedar::B { entity A; }",
        "namespace N { entity A; } namespace N { entity B; }",
        "namespace N { entity A; } namespace N::M { entity A; }",
        "namespace N { namespace M { entity A; } }",
        "@doc(\"x\") namespace N { @doc(\"y\") entity A; }",
        "@doc(\"x\") @doc(\"y\") entity A;",
        "@doc entity A;",
        "@doc() entity A;",
        "@if(\"x\") entity A;",
        "entity A = { @a(\"1\") @b x: Long };",
        "entity A; entity A;",
        "type T = Long; type T = String; entity A;",
        "type T = Long; entity T;",
        "namespace N { type T = Long; entity T; }",
        "type Long = String;",
        "type Record = {};",
        "type Entity = Long;",
        "type Action = Long;",
        "type A = B; type B = A;",
        "type A = Set<A>;",
        "type A = { a: A };",
        "type A = B; type B = Long; entity E = { a: A };",
        "entity E = { a: T }; namespace N { type T = Long; }",
        "entity E = { a: N::T }; namespace N { type T = Long; }",
        "namespace N { entity E = { a: T }; } type T = Long;",
        "namespace N { entity E in F; } entity F;",
        "namespace N { entity E in N::F; } entity F;",
        "action a;",
        "action \"a b\", \"\\u{1F600}\";",
        "action a; action \"a\";",
        "action a in b;",
        "action a in b; action b;",
        "action a in [b, c]; action b; action c;",
        "action a in a;",
        "action a in b; action b in a;",
        "action a in Action::\"b\"; action b;",
        "action a in [Action::\"b\"]; namespace N { action b; }",
        "action a in [N::Action::\"b\"]; namespace N { action b; }",
        "namespace N { action a in [Action::\"b\"]; } action b;",
        "namespace N { action a in [b]; } action b;",
        "entity A; action a appliesTo { principal: A, resource: A };",
        "entity A; action a appliesTo { principal: [A], resource: [A], context: {} };",
        "entity A; action a appliesTo { principal: [A], resource: [A], context: {}, };",
        "entity A; action a appliesTo { principal: [], resource: [A] };",
        "entity A; action a appliesTo { resource: [A] };",
        "entity A; action a appliesTo { principal: [A] };",
        "entity A; action a appliesTo { context: {} };",
        "entity A; action a appliesTo { };",
        "entity A; action a appliesTo { principal: A, principal: A, resource: A };",
        "entity A; action a appliesTo { principal: A, resource: A, context: {}, context: {} };",
        "entity A; action a appliesTo { principal: B, resource: A };",
        "entity A; action a appliesTo { principal: A, resource: A, context: C }; type C = { x: Long };",
        "entity A; action a appliesTo { principal: A, resource: A, context: C }; type C = Long;",
        "entity A; action a appliesTo { principal: A, resource: A, context: Set<Long> };",
        "entity A; action a appliesTo { principal: Action, resource: A };",
        "entity A; action a appliesTo { principal: A, resource: A } attributes {};",
        "entity A; action a appliesTo { principal: A, resource: A } attributes { x: Long };",
        "namespace N { action \"a\"; } entity A = { x: N::Action };",
        "entity A = { x: Action };",
        "entity A = { x: \"A\" };",
        "entity A = { x: 1 };",
        "entity A = { x: Long }",
        "entity A = { x: Long };;",
        "entity \"A\";",
        "entity A::B;",
        "entity A = { a: \"\\q\" };",
        "action \"\\q\";",
        "action \"\\x7f\";",
        "action \"\\x80\";",
        "action \"unterminated;",
        "entity A; # comment",
        "entity A; /* block */",
        "entity A = { a: B::C };",
        "entity É;",
    };

    public static TheoryData<string> JsonInputs => new()
    {
        "{}",
        "[]",
        "{\"\": {\"entityTypes\": {}, \"actions\": {}}}",
        "{\"\": {\"entityTypes\": {}}}",
        "{\"\": {\"actions\": {}}}",
        "{\"\": {\"entityTypes\": {}, \"actions\": {}, \"extra\": 1}}",
        "{\"N::M\": {\"entityTypes\": {\"A\": {}}, \"actions\": {}}}",
        "{\"N M\": {\"entityTypes\": {}, \"actions\": {}}}",
        "{\"__cedar\": {\"entityTypes\": {}, \"actions\": {}}}",
        "{\"\": {\"entityTypes\": {\"A B\": {}}, \"actions\": {}}}",
        "{\"\": {\"entityTypes\": {\"A::B\": {}}, \"actions\": {}}}",
        "{\"\": {\"entityTypes\": {\"A\": {\"memberOfTypes\": [\"B\"]}}, \"actions\": {}}}",
        "{\"\": {\"entityTypes\": {\"A\": {\"shape\": {\"type\": \"Long\"}}}, \"actions\": {}}}",
        "{\"\": {\"entityTypes\": {\"A\": {\"shape\": {\"type\": \"Record\", \"attributes\": {}, \"additionalAttributes\": true}}}, \"actions\": {}}}",
        "{\"\": {\"entityTypes\": {\"A\": {\"shape\": {\"type\": \"Record\", \"attributes\": {\"a\": {\"type\": \"Extension\", \"name\": \"Decimal\"}}}}}, \"actions\": {}}}",
        "{\"\": {\"entityTypes\": {\"A\": {\"shape\": {\"type\": \"Record\", \"attributes\": {\"a\": {\"type\": \"Entity\", \"name\": \"A\"}}}}}, \"actions\": {}}}",
        "{\"\": {\"entityTypes\": {\"A\": {\"shape\": {\"type\": \"Record\", \"attributes\": {\"a\": {\"type\": \"Entity\", \"name\": \"B\"}}}}}, \"actions\": {}}}",
        "{\"\": {\"entityTypes\": {\"A\": {\"shape\": {\"type\": \"Record\", \"attributes\": {\"a\": {\"type\": \"Set\"}}}}}, \"actions\": {}}}",
        "{\"\": {\"entityTypes\": {\"A\": {\"shape\": {\"type\": \"Record\", \"attributes\": {\"a\": {\"type\": \"Long\", \"required\": false}}}}}, \"actions\": {}}}",
        "{\"\": {\"entityTypes\": {\"A\": {\"shape\": {\"type\": \"T\"}}}, \"commonTypes\": {\"T\": {\"type\": \"Record\", \"attributes\": {}}}, \"actions\": {}}}",
        "{\"\": {\"entityTypes\": {\"A\": {\"enum\": [\"a\"]}}, \"actions\": {}}}",
        "{\"\": {\"entityTypes\": {\"A\": {\"enum\": []}}, \"actions\": {}}}",
        "{\"\": {\"entityTypes\": {\"A\": {\"enum\": [\"a\"], \"memberOfTypes\": []}}, \"actions\": {}}}",
        "{\"\": {\"entityTypes\": {\"A\": {\"unknown\": 1}}, \"actions\": {}}}",
        "{\"\": {\"entityTypes\": {\"A\": {}, \"A\": {}}, \"actions\": {}}}",
        "{\"\": {\"entityTypes\": {}, \"actions\": {\"a\": {}}}}",
        "{\"\": {\"entityTypes\": {}, \"actions\": {\"a\": {\"memberOf\": [{\"id\": \"b\"}]}, \"b\": {}}}}",
        "{\"\": {\"entityTypes\": {}, \"actions\": {\"a\": {\"memberOf\": [{\"id\": \"b\"}]}}}}",
        "{\"\": {\"entityTypes\": {}, \"actions\": {\"a\": {\"memberOf\": [{\"id\": \"a\"}]}}}}",
        "{\"\": {\"entityTypes\": {\"A\": {}}, \"actions\": {\"a\": {\"appliesTo\": {\"principalTypes\": [\"A\"]}}}}}",
        "{\"\": {\"entityTypes\": {\"A\": {}}, \"actions\": {\"a\": {\"appliesTo\": {\"principalTypes\": [\"A\"], \"resourceTypes\": []}}}}}",
        "{\"\": {\"entityTypes\": {\"A\": {}}, \"actions\": {\"a\": {\"appliesTo\": {\"principalTypes\": [\"A\"], \"resourceTypes\": [\"A\"], \"context\": {\"type\": \"Long\"}}}}}}",
        "{\"\": {\"entityTypes\": {}, \"actions\": {}, \"commonTypes\": {\"Long\": {\"type\": \"String\"}}}}",
        "{\"\": {\"entityTypes\": {}, \"actions\": {}, \"commonTypes\": {\"T\": {\"type\": \"U\"}, \"U\": {\"type\": \"T\"}}}}",
        "{\"\": {\"entityTypes\": {}, \"actions\": {}, \"commonTypes\": {\"T\": {\"type\": \"Long\", \"annotations\": {\"a\": \"b\"}}}}}",
        "{\"\": {\"entityTypes\": {}, \"actions\": {}, \"annotations\": {\"a\": \"b\"}}}",
        "{\"N\": {\"entityTypes\": {}, \"actions\": {}, \"annotations\": {\"a\": \"b\"}}}",
        "{\"N\": {\"entityTypes\": {\"A\": {\"annotations\": {\"a\": null}}}, \"actions\": {}}}",
        "{\"\": {\"entityTypes\": {\"Action\": {}}, \"actions\": {}}}",
        "{\"\": {\"entityTypes\": {}, \"actions\": {\"a\": {\"attributes\": {}}}}}",
    };

    [Theory]
    [MemberData(nameof(CedarInputs))]
    public void Cedar_text_acceptance_agrees_with_the_oracle(string text)
    {
        var oracle = CedarOracle.Shared.CallWithText("checkParseSchema", text)["type"]!.GetValue<string>() == "success";
        var ours = CedarSchema.ParseCedar(text);
        Assert.True(oracle == ours.Success, $"oracle accepts: {oracle}; ours: {(ours.Success ? "accepted" : ours.Errors[0].Format(text))}");
    }

    [Theory]
    [MemberData(nameof(JsonInputs))]
    public void Json_acceptance_agrees_with_the_oracle(string json)
    {
        bool oracle;
        try
        {
            oracle = CedarOracle.Shared.Call("checkParseSchema", json)["type"]!.GetValue<string>() == "success";
        }
        catch (InvalidOperationException)
        {
            // cedar-wasm throws (rather than answering) for arguments that are not a schema object at all.
            oracle = false;
        }

        var ours = CedarSchema.ParseJson(json);
        Assert.True(oracle == ours.Success, $"oracle accepts: {oracle}; ours: {(ours.Success ? "accepted" : ours.Errors[0].Message)}");
        _ = JsonDocument.Parse(json);
    }
}
