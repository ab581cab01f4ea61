using System.Text.Json;
using Verdict.Protocol.Validation;
using Verdict.VerifiedPermissions;

namespace Verdict.Server.Tests.Protocol;

/// <summary>The embedded botocore model, compiled into input checks, applied to inputs of every kind of constraint.</summary>
public sealed class InputValidationTests
{
    private static readonly ServiceModel s_model = VerifiedPermissionsService.Model;

    [Fact]
    public void Model_has_every_operation_of_the_service()
    {
        Assert.Equal("VerifiedPermissions", s_model.TargetPrefix);
        Assert.Equal("1.0", s_model.JsonVersion);
        Assert.Equal(34, s_model.OperationNames.Count());
    }

    [Theory]
    [InlineData("""{"policyStoreId":"PSEXAMPLEabcdefg111111"}""", null)]
    [InlineData("""{"policyStoreId":"policy-store-alias/my_alias-1"}""", null)]
    [InlineData("""{"policyStoreId":""}""", "Value '' at 'policyStoreId' failed to satisfy constraint: Member must have length greater than or equal to 1")]
    [InlineData("""{"policyStoreId":"a.b"}""", "Value 'a.b' at 'policyStoreId' failed to satisfy constraint: Member must satisfy regular expression pattern: [a-zA-Z0-9-/_]*")]
    [InlineData("""{"policyStoreId":"ok\n"}""", "Value 'ok\n' at 'policyStoreId' failed to satisfy constraint: Member must satisfy regular expression pattern: [a-zA-Z0-9-/_]*")]
    [InlineData("""{}""", "Value null at 'policyStoreId' failed to satisfy constraint: Member must not be null")]
    [InlineData("""{"policyStoreId":null}""", "Value null at 'policyStoreId' failed to satisfy constraint: Member must not be null")]
    public void Get_policy_store_input(string input, string? expected) => AssertSingle("GetPolicyStore", input, expected);

    [Fact]
    public void String_length_counts_code_points_not_utf16_units()
    {
        // 150 astral characters are 300 UTF-16 units but 150 code points: within the limit.
        var ok = string.Concat(Enumerable.Repeat("\U0001F600", 150));
        AssertSingle("CreatePolicyStore", $$"""{"validationSettings":{"mode":"OFF"},"description":"{{ok}}"}""", null);
        var tooLong = ok + "x";
        AssertSingle("CreatePolicyStore", $$"""{"validationSettings":{"mode":"OFF"},"description":"{{tooLong}}"}""",
            "Value at 'description' failed to satisfy constraint: Member must have length less than or equal to 150");
    }

    [Theory]
    [InlineData("""{"maxResults":1}""", null)]
    [InlineData("""{"maxResults":0}""", "Value '0' at 'maxResults' failed to satisfy constraint: Member must have value greater than or equal to 1")]
    public void Integer_ranges(string input, string? expected) => AssertSingle("ListPolicyStores", input, expected);

    [Theory]
    [InlineData("Action", null)]
    [InlineData("PhotoFlash::Action", null)]
    [InlineData("PhotoFlash::Actions", "Member must satisfy regular expression pattern: Action$|^.+::Action")]
    [InlineData("MyAction", "Member must satisfy regular expression pattern: Action$|^.+::Action")]
    public void Patterns_match_the_whole_value(string actionType, string? expectedRule)
    {
        var input = $$$"""{"policyStoreId":"ps","action":{"actionType":"{{{actionType}}}","actionId":"view"}}""";
        var check = s_model.CheckInput("IsAuthorized", JsonDocument.Parse(input).RootElement);
        if (expectedRule is null)
        {
            Assert.True(check.IsValid, string.Join("; ", check.ConstraintViolations));
        }
        else
        {
            var violation = Assert.Single(check.ConstraintViolations);
            Assert.Equal("action.actionType", violation.Path);
            // ActionType is sensitive: the value is not echoed.
            Assert.Equal($"Value at 'action.actionType' failed to satisfy constraint: {expectedRule}", violation.Message);
        }
    }

    [Fact]
    public void Digit_classes_are_ascii_only()
    {
        var arabicIndic = "\u0661\u0662\u0663\u0664-01-01";
        var input = """{"policyStoreId":"ps","context":{"contextMap":{"d":{"datetime":"DATE"}}}}""".Replace("DATE", arabicIndic, StringComparison.Ordinal);
        var check = s_model.CheckInput("IsAuthorized", JsonDocument.Parse(input).RootElement);
        Assert.Equal("context.contextMap.d.datetime", Assert.Single(check.ConstraintViolations).Path);
    }

    [Fact]
    public void Union_needs_exactly_one_member()
    {
        var none = s_model.CheckInput("CreatePolicy", JsonDocument.Parse("""{"policyStoreId":"ps","definition":{}}""").RootElement);
        Assert.Equal("definition", Assert.Single(none.ConstraintViolations).Path);
        var two = s_model.CheckInput("CreatePolicy", JsonDocument.Parse(
            """{"policyStoreId":"ps","definition":{"static":{"statement":"permit(principal,action,resource);"},"templateLinked":{"policyTemplateId":"t"}}}""").RootElement);
        Assert.Contains("but 2 are set", Assert.Single(two.ConstraintViolations).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Paths_index_lists_and_name_nested_members()
    {
        var input = """
            {"policyStoreId":"ps","requests":[
              {"principal":{"entityType":"User","entityId":"alice"}},
              {"principal":{"entityType":"User","entityId":""}}]}
            """;
        var check = s_model.CheckInput("BatchIsAuthorized", JsonDocument.Parse(input).RootElement);
        var violation = Assert.Single(check.ConstraintViolations);
        Assert.Equal("requests[1].principal.entityId", violation.Path);
    }

    [Fact]
    public void List_sizes_are_checked()
    {
        var keys = string.Join(',', Enumerable.Range(0, 201).Select(i => $"\"k{i}\""));
        var check = s_model.CheckInput("UntagResource", JsonDocument.Parse($$"""{"resourceArn":"arn:x","tagKeys":[{{keys}}]}""").RootElement);
        Assert.Equal("Value at 'tagKeys' failed to satisfy constraint: Member must have length less than or equal to 200",
            Assert.Single(check.ConstraintViolations).Message);
        var empty = s_model.CheckInput("UntagResource", JsonDocument.Parse("""{"resourceArn":"arn:x","tagKeys":[]}""").RootElement);
        Assert.Contains("greater than or equal to 1", Assert.Single(empty.ConstraintViolations).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Map_keys_and_values_are_checked()
    {
        var key = new string('k', 129);
        var check = s_model.CheckInput("TagResource", JsonDocument.Parse($$$"""{"resourceArn":"arn:x","tags":{"{{{key}}}":"v","ok":"{{{new string('v', 257)}}}"}}""").RootElement);
        Assert.Equal([$"tags.{key}", "tags.ok"], check.ConstraintViolations.Select(v => v.Path).ToArray());
    }

    [Fact]
    public void Recursive_shapes_are_checked_at_depth()
    {
        var input = """{"policyStoreId":"ps","context":{"contextMap":{"r":{"record":{"s":{"set":[{"record":{"x":{"ipaddr":"not an ip"}}}]}}}}}}""";
        var check = s_model.CheckInput("IsAuthorized", JsonDocument.Parse(input).RootElement);
        Assert.Equal("context.contextMap.r.record.s.set[0].record.x.ipaddr", Assert.Single(check.ConstraintViolations).Path);
    }

    [Theory]
    [InlineData("""{"maxResults":"5"}""")]
    [InlineData("""{"maxResults":1.5}""")]
    [InlineData("""{"maxResults":99999999999}""")]
    [InlineData("""{"nextToken":5}""")]
    public void Wrong_json_types_are_type_errors(string input)
    {
        var check = s_model.CheckInput("ListPolicyStores", JsonDocument.Parse(input).RootElement);
        Assert.Single(check.TypeErrors);
        Assert.Empty(check.ConstraintViolations);
    }

    [Fact]
    public void Unknown_members_are_ignored()
    {
        Assert.True(s_model.CheckInput("ListPolicyStores", JsonDocument.Parse("""{"someFutureMember":[1,2]}""").RootElement).IsValid);
    }

    [Fact]
    public void Summary_counts_the_violations()
    {
        var check = s_model.CheckInput("CreatePolicyStore", JsonDocument.Parse("""{"validationSettings":{},"deletionProtection":"X"}""").RootElement);
        Assert.StartsWith("2 validation errors detected: Value null at 'validationSettings.mode'", check.Summary(), StringComparison.Ordinal);
    }

    private static void AssertSingle(string operation, string input, string? expected)
    {
        var check = s_model.CheckInput(operation, JsonDocument.Parse(input).RootElement);
        Assert.Empty(check.TypeErrors);
        if (expected is null)
        {
            Assert.Empty(check.ConstraintViolations);
        }
        else
        {
            Assert.Equal(expected, Assert.Single(check.ConstraintViolations).Message);
        }
    }
}
