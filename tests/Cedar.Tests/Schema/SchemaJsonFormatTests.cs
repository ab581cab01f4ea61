using System.Text.Json.Nodes;
using Cedar.Schema;
using Cedar.Tests.Support;

namespace Cedar.Tests.Schema;

/// <summary>JSON-format schemas using every type form, printed in both formats against cedar-wasm.</summary>
public class SchemaJsonFormatTests
{
    public static TheoryData<string> Inputs => new()
    {
        """
        {"": {"entityTypes": {"A": {"annotations": {"z": "", "a": "q\n\u00e9'"}, "shape": {"type": "Record", "attributes": {
          "a": {"type": "Long", "annotations": {"k": "v"}}, "b": {"type": "Boolean"}, "c": {"type": "Extension", "name": "ipaddr"},
          "d": {"type": "Entity", "name": "A"}, "e": {"type": "T"}, "f": {"type": "EntityOrCommon", "name": "A"},
          "g": {"type": "Record", "attributes": {"x": {"type": "Long"}}, "additionalAttributes": false},
          "h": {"type": "Set", "element": {"type": "Record", "attributes": {"y": {"type": "String", "required": false}}}}}}}},
          "actions": {"x": {"memberOf": []}, "y": {"appliesTo": {"principalTypes": ["A"], "resourceTypes": []}},
            "z": {"memberOf": [{"id": "x", "type": "Action"}, {"id": "x"}], "appliesTo": {"principalTypes": ["A"], "resourceTypes": ["A"], "context": {"type": "T"}}},
            "w": {"appliesTo": {"principalTypes": ["A"], "resourceTypes": ["A"], "context": {"type": "Record", "attributes": {"q": {"type": "Record", "attributes": {}}}}}}},
          "commonTypes": {"T": {"type": "Record", "attributes": {}, "annotations": {"c": "d"}}}}}
        """,
        """
        {"N": {"entityTypes": {"A": {"annotations": {"z": ""}, "tags": {"type": "Record", "attributes": {"t": {"type": "Record", "attributes": {"u": {"type": "Long"}}}}}}},
          "actions": {"x": {"appliesTo": {"principalTypes": ["A"], "resourceTypes": ["N::A"]}}}, "annotations": {"x": "y"}},
         "M::N": {"entityTypes": {"B": {"memberOfTypes": ["N::A"], "shape": {"type": "Record", "attributes": {"\u00e9 t": {"type": "Set", "element": {"type": "Extension", "name": "decimal"}}}}}},
          "actions": {"\n": {"memberOf": [{"id": "x", "type": "N::Action"}]}}, "commonTypes": {"C": {"type": "Set", "element": {"type": "Entity", "name": "B"}}}},
         "": {"entityTypes": {"E": {"enum": ["a", "\u0000", "\ud83d\ude00"]}}, "actions": {}}}
        """,
        """
        {"": {"entityTypes": {"\u0041": {}, "B": {"memberOfTypes": ["A", "A"]}}, "actions": {"a": {"appliesTo": {"principalTypes": ["A", "B"], "resourceTypes": ["B"], "context": {"type": "Record", "attributes": {"if": {"type": "__cedar::Long"}, "k": {"type": "__cedar::duration"}}}}}}}}
        """,
    };

    [Theory]
    [MemberData(nameof(Inputs))]
    public void Json_schemas_print_like_the_oracle(string json)
    {
        var parsed = CedarSchema.ParseJson(json);
        Assert.True(parsed.Success, parsed.Errors.Count > 0 ? parsed.Errors[0].Message : "");
        var schema = parsed.Value!;
        var oracleText = CedarOracle.Shared.Call("schemaToText", json)["text"]!.GetValue<string>();
        Assert.Equal(oracleText, schema.ToCedarText());
        var oracleJson = CedarOracle.Shared.Call("schemaToJson", json)["json"];
        Assert.True(JsonNode.DeepEquals(oracleJson, JsonNode.Parse(schema.ToJsonText())), "oracle: " + oracleJson!.ToJsonString() + "\nours: " + schema.ToJsonText());
    }

    [Fact]
    public void A_json_shape_naming_a_common_type_cannot_be_printed_as_cedar_text()
    {
        const string json = """{"": {"entityTypes": {"A": {"shape": {"type": "T"}}}, "commonTypes": {"T": {"type": "Record", "attributes": {}}}, "actions": {}}}""";
        var parsed = CedarSchema.ParseJson(json);
        Assert.True(parsed.Success);
        Assert.NotNull(Cedar.Schema.Text.CedarSchemaWriter.CannotWriteReason(parsed.Value!.Fragment));
        Assert.Equal("failure", CedarOracle.Shared.Call("schemaToText", json)["type"]!.GetValue<string>());
    }
}
