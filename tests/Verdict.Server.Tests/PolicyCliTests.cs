using System.Text.Json;
using Verdict.Server.Tests.Support;

namespace Verdict.Server.Tests;

/// <summary>
/// Policies, policy templates, schemas and authorization through the real AWS CLI, including the examples of the AWS
/// CLI documentation (awscli/examples/verifiedpermissions), adapted only for ids.
/// </summary>
public sealed class PolicyCliTests(ServerFixture fixture) : IClassFixture<ServerFixture>, IDisposable
{
    private readonly AwsCli _aws = new(fixture.Server);
    private readonly string _files = Directory.CreateTempSubdirectory("verdict-cli-").FullName;

    public void Dispose() => Directory.Delete(_files, recursive: true);

    [Fact]
    public void Create_policy_documentation_examples()
    {
        var store = NewStore();

        // Example 1: a static policy whose scope names a principal and a resource.
        var definition1 = File("definition1.txt", """
            {
                "static": {
                    "description":  "Grant everyone of janeFriends UserGroup access to the vacationFolder Album",
                    "statement": "permit(principal in UserGroup::\"janeFriends\", action, resource in Album::\"vacationFolder\" );"
                }
            }
            """);
        var created = _aws.Json("create-policy", "--definition", definition1, "--policy-store-id", store);
        Assert.Equal(store, created.GetProperty("policyStoreId").GetString());
        Assert.Matches("^[0-9A-Za-z]{22}$", created.GetProperty("policyId").GetString()!);
        Assert.Equal("STATIC", created.GetProperty("policyType").GetString());
        AssertEntity(created.GetProperty("principal"), "UserGroup", "janeFriends");
        AssertEntity(created.GetProperty("resource"), "Album", "vacationFolder");
        Assert.Equal("Permit", created.GetProperty("effect").GetString());
        Assert.False(created.TryGetProperty("actions", out _), "an unconstrained action names no actions");
        Assert.Equal(created.GetProperty("createdDate").GetString(), created.GetProperty("lastUpdatedDate").GetString());

        // Example 2: only a resource.
        var definition2 = File("definition2.txt", """
            {
                "static": {
                    "description":  "Grant everyone access to the publicFolder Album",
                    "statement": "permit(principal, action, resource in Album::\"publicFolder\");"
                }
            }
            """);
        created = _aws.Json("create-policy", "--definition", definition2, "--policy-store-id", store);
        Assert.False(created.TryGetProperty("principal", out _));
        AssertEntity(created.GetProperty("resource"), "Album", "publicFolder");

        // Example 3: a template-linked policy, on the template of the create-policy-template example. (That example
        // passes the statement file as --definition, which the CLI has no such option for; it is --statement.)
        var template1 = File("template1.txt", """
            permit(
                principal in ?principal,
                action == Action::"view",
                resource == Photo::"VacationPhoto94.jpg"
            );
            """);
        var template = _aws.Json("create-policy-template", "--statement", template1, "--policy-store-id", store);
        var templateId = template.GetProperty("policyTemplateId").GetString()!;
        Assert.Equal(store, template.GetProperty("policyStoreId").GetString());
        var linkDefinition = File("definition.txt", $$"""
            {
                "templateLinked": {
                    "policyTemplateId": "{{templateId}}",
                    "principal": {
                        "entityType": "User",
                        "entityId": "alice"
                    }
                }
            }
            """);
        created = _aws.Json("create-policy", "--definition", linkDefinition, "--policy-store-id", store);
        Assert.Equal("TEMPLATE_LINKED", created.GetProperty("policyType").GetString());
        AssertEntity(created.GetProperty("principal"), "User", "alice");
        AssertEntity(created.GetProperty("resource"), "Photo", "VacationPhoto94.jpg");
        AssertEntity(Assert.Single(created.GetProperty("actions").EnumerateArray()), "Action", "view", "actionType", "actionId");
    }

    [Fact]
    public void Put_schema_and_is_authorized_documentation_examples()
    {
        var store = NewStore();
        // The documentation wraps the cedarJson string for readability and says to submit it as one line. As written
        // (from the Cedar 2 days) its appliesTo lacks resourceTypes, which Cedar 4 requires: the schema is refused
        // with Cedar's reason, and accepted once resourceTypes is given.
        var asWritten = File("schema.txt", """
            {
                "cedarJson": "{\"MySampleNamespace\": {\"actions\": {\"remoteAccess\": {\"appliesTo\": {\"principalTypes\": [\"Employee\"]}}},\"entityTypes\": {\"Employee\": {\"shape\": {\"attributes\": {\"jobLevel\": {\"type\": \"Long\"},\"name\": {\"type\": \"String\"}},\"type\": \"Record\"}}}}}"
            }
            """);
        var refusal = _aws.Fails("ValidationException", "put-schema", "--definition", asWritten, "--policy-store-id", store);
        Assert.Contains("resourceTypes", refusal, StringComparison.Ordinal);
        var schema = File("schema4.txt", """
            {
                "cedarJson": "{\"MySampleNamespace\": {\"actions\": {\"remoteAccess\": {\"appliesTo\": {\"principalTypes\": [\"Employee\"], \"resourceTypes\": []}}},\"entityTypes\": {\"Employee\": {\"shape\": {\"attributes\": {\"jobLevel\": {\"type\": \"Long\"},\"name\": {\"type\": \"String\"}},\"type\": \"Record\"}}}}}"
            }
            """);
        var put = _aws.Json("put-schema", "--definition", schema, "--policy-store-id", store);
        Assert.Equal(store, put.GetProperty("policyStoreId").GetString());
        Assert.Equal("MySampleNamespace", Assert.Single(put.GetProperty("namespaces").EnumerateArray()).GetString());
        var got = _aws.Json("get-schema", "--policy-store-id", store);
        Assert.Equal(new[] { "MySampleNamespace" }, got.GetProperty("namespaces").EnumerateArray().Select(n => n.GetString()));
        Assert.Contains("\"remoteAccess\"", got.GetProperty("schema").GetString()!, StringComparison.Ordinal);
        Assert.Equal(put.GetProperty("createdDate").GetString(), got.GetProperty("createdDate").GetString());

        // is-authorized example 1 (allow) needs a policy that allows it; example 2 (deny) is Bob.
        var store2 = NewStore();
        var policyId = CreateStatic(store2, """permit(principal == User::"alice", action == Action::"view", resource);""");
        var allowed = _aws.Json("is-authorized", "--principal", "entityType=User,entityId=alice", "--action", "actionType=Action,actionId=view",
            "--resource", "entityType=Photo,entityId=VactionPhoto94.jpg", "--policy-store-id", store2);
        Assert.Equal("ALLOW", allowed.GetProperty("decision").GetString());
        Assert.Equal(policyId, Assert.Single(allowed.GetProperty("determiningPolicies").EnumerateArray()).GetProperty("policyId").GetString());
        Assert.Empty(allowed.GetProperty("errors").EnumerateArray());
        var denied = _aws.Json("is-authorized", "--principal", "entityType=User,entityId=Bob", "--action", "actionType=Action,actionId=view",
            "--resource", "entityType=Album,entityId=alice_folder", "--policy-store-id", store2);
        Assert.Equal("DENY", denied.GetProperty("decision").GetString());
        Assert.Empty(denied.GetProperty("determiningPolicies").EnumerateArray());
        Assert.Empty(denied.GetProperty("errors").EnumerateArray());

        // PutSchema with {} removes the schema.
        var removed = _aws.Json("put-schema", "--definition", """{"cedarJson":"{}"}""", "--policy-store-id", store);
        Assert.Empty(removed.GetProperty("namespaces").EnumerateArray());
        _aws.Fails("ResourceNotFoundException", "get-schema", "--policy-store-id", store);
    }

    [Fact]
    public void Get_update_list_batch_get_and_delete_policies()
    {
        var store = NewStore();
        var alice = CreateStatic(store, """permit(principal == User::"alice", action in [Action::"view", Action::"edit"], resource == Photo::"p1");""", "name/alice-photos");
        var open = CreateStatic(store, """forbid(principal, action, resource) when { context.blocked };""");

        var got = _aws.Json("get-policy", "--policy-store-id", store, "--policy-id", "name/alice-photos");
        Assert.Equal(alice, got.GetProperty("policyId").GetString());
        Assert.Equal("name/alice-photos", got.GetProperty("name").GetString());
        Assert.Equal(2, got.GetProperty("actions").GetArrayLength());
        Assert.Contains("Photo::\"p1\"", got.GetProperty("definition").GetProperty("static").GetProperty("statement").GetString()!, StringComparison.Ordinal);
        Assert.Equal("Forbid", _aws.Json("get-policy", "--policy-store-id", store, "--policy-id", open).GetProperty("effect").GetString());

        // Only the action and the conditions may change.
        var updated = _aws.Json("update-policy", "--policy-store-id", store, "--policy-id", alice, "--definition",
            """{"static":{"statement":"permit(principal == User::\"alice\", action == Action::\"view\", resource == Photo::\"p1\") when { true };"}}""");
        AssertEntity(Assert.Single(updated.GetProperty("actions").EnumerateArray()), "Action", "view", "actionType", "actionId");
        var error = _aws.Fails("ValidationException", "update-policy", "--policy-store-id", store, "--policy-id", alice, "--definition",
            """{"static":{"statement":"permit(principal == User::\"bob\", action, resource == Photo::\"p1\");"}}""");
        Assert.Contains("principal", error, StringComparison.Ordinal);
        _aws.Fails("ValidationException", "update-policy", "--policy-store-id", store, "--policy-id", alice, "--definition",
            """{"static":{"statement":"forbid(principal == User::\"alice\", action, resource == Photo::\"p1\");"}}""");

        var all = Ids(_aws.Json("list-policies", "--policy-store-id", store));
        Assert.Equal(new[] { alice, open }, all);
        Assert.Equal(new[] { alice }, Ids(_aws.Json("list-policies", "--policy-store-id", store, "--filter", "principal={identifier={entityType=User,entityId=alice}}")));
        Assert.Equal(new[] { open }, Ids(_aws.Json("list-policies", "--policy-store-id", store, "--filter", "principal={unspecified=true}")));
        Assert.Equal(new[] { alice }, Ids(_aws.Json("list-policies", "--policy-store-id", store, "--filter", "resource={identifier={entityType=Photo,entityId=p1}}")));
        Assert.Equal(new[] { open }, Ids(_aws.Json("list-policies", "--policy-store-id", store, "--filter", "resource={unspecified=true}")));
        Assert.Equal(new[] { alice, open }, Ids(_aws.Json("list-policies", "--policy-store-id", store, "--filter", "policyType=STATIC")));
        Assert.Empty(Ids(_aws.Json("list-policies", "--policy-store-id", store, "--filter", "policyType=TEMPLATE_LINKED")));
        var item = _aws.Json("list-policies", "--policy-store-id", store).GetProperty("policies")[0];
        Assert.False(item.GetProperty("definition").GetProperty("static").TryGetProperty("statement", out _), "list items carry no statement");

        var batch = _aws.Json("batch-get-policy", "--requests",
            $"policyStoreId={store},policyId={alice}", $"policyStoreId={store},policyId=SPEXAMPLEabcdefg111111", $"policyStoreId=PSEXAMPLEabcdefg111111,policyId={open}");
        Assert.Equal(alice, Assert.Single(batch.GetProperty("results").EnumerateArray()).GetProperty("policyId").GetString());
        Assert.Equal(new[] { "POLICY_NOT_FOUND", "POLICY_STORE_NOT_FOUND" }, batch.GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("code").GetString()));

        _aws.Json("delete-policy", "--policy-store-id", store, "--policy-id", alice);
        _aws.Json("delete-policy", "--policy-store-id", store, "--policy-id", alice);
        _aws.Fails("ResourceNotFoundException", "get-policy", "--policy-store-id", store, "--policy-id", alice);
        Assert.Equal(new[] { open }, Ids(_aws.Json("list-policies", "--policy-store-id", store)));
    }

    [Fact]
    public void Templates_propagate_updates_and_deletion_to_linked_policies()
    {
        var store = NewStore();
        var template = _aws.Json("create-policy-template", "--policy-store-id", store, "--name", "name/editor", "--description", "editors",
            "--statement", """permit(principal == ?principal, action in [Action::"Read", Action::"Edit"], resource == ?resource);""");
        var templateId = template.GetProperty("policyTemplateId").GetString()!;
        var got = _aws.Json("get-policy-template", "--policy-store-id", store, "--policy-template-id", "name/editor");
        Assert.Equal(templateId, got.GetProperty("policyTemplateId").GetString());
        Assert.Equal("editors", got.GetProperty("description").GetString());
        Assert.Equal("name/editor", got.GetProperty("name").GetString());
        var listed = Assert.Single(_aws.Json("list-policy-templates", "--policy-store-id", store).GetProperty("policyTemplates").EnumerateArray());
        Assert.Equal(templateId, listed.GetProperty("policyTemplateId").GetString());

        var link = _aws.Json("create-policy", "--policy-store-id", store, "--definition",
            """{"templateLinked":{"policyTemplateId":"name/editor","principal":{"entityType":"User","entityId":"bob"},"resource":{"entityType":"Doc","entityId":"d1"}}}""")
            .GetProperty("policyId").GetString()!;
        var linked = _aws.Json("get-policy", "--policy-store-id", store, "--policy-id", link).GetProperty("definition").GetProperty("templateLinked");
        Assert.Equal(templateId, linked.GetProperty("policyTemplateId").GetString());
        AssertEntity(linked.GetProperty("principal"), "User", "bob");
        Assert.Equal(new[] { link }, Ids(_aws.Json("list-policies", "--policy-store-id", store, "--filter", $"policyTemplateId={templateId}")));
        Assert.Equal(new[] { link }, Ids(_aws.Json("list-policies", "--policy-store-id", store, "--filter", "policyType=TEMPLATE_LINKED")));
        Assert.Equal("ALLOW", Decide(store, "User", "bob", "Edit", "Doc", "d1"));

        // The template loses Edit: the linked policy follows at once.
        _aws.Json("update-policy-template", "--policy-store-id", store, "--policy-template-id", templateId,
            "--statement", """permit(principal == ?principal, action in [Action::"Read"], resource == ?resource);""");
        Assert.Equal("DENY", Decide(store, "User", "bob", "Edit", "Doc", "d1"));
        Assert.Equal("ALLOW", Decide(store, "User", "bob", "Read", "Doc", "d1"));
        var actions = _aws.Json("get-policy", "--policy-store-id", store, "--policy-id", link).GetProperty("actions");
        AssertEntity(Assert.Single(actions.EnumerateArray()), "Action", "Read", "actionType", "actionId");
        Assert.Equal("editors", _aws.Json("get-policy-template", "--policy-store-id", store, "--policy-template-id", templateId).GetProperty("description").GetString());

        // A template-linked policy is changed through its template only.
        _aws.Fails("ValidationException", "update-policy", "--policy-store-id", store, "--policy-id", link, "--definition",
            """{"static":{"statement":"permit(principal, action, resource);"}}""");

        // Deleting the template deletes its linked policies.
        _aws.Json("delete-policy-template", "--policy-store-id", store, "--policy-template-id", templateId);
        _aws.Fails("ResourceNotFoundException", "get-policy-template", "--policy-store-id", store, "--policy-template-id", templateId);
        _aws.Fails("ResourceNotFoundException", "get-policy", "--policy-store-id", store, "--policy-id", link);
        Assert.Equal("DENY", Decide(store, "User", "bob", "Read", "Doc", "d1"));
    }

    [Fact]
    public void Is_authorized_with_entities_and_context_in_both_forms()
    {
        var store = NewStore();
        var policy = CreateStatic(store, """
            permit(principal in Group::"admins", action == Action::"read", resource)
            when {
                principal.level >= 3 && principal.manager == User::"boss" && principal.tags.contains("x") && principal.profile.team == "core" &&
                principal.hasTag("dept") && principal.getTag("dept") == "eng" &&
                context.ip.isInRange(ip("10.0.0.0/8")) && context.amount.lessThan(decimal("10.5")) &&
                context.at < datetime("2025-01-01") && context.ttl == duration("1h30m") && context.mfa
            };
            """);
        var entityList = """
            {"entityList":[{"identifier":{"entityType":"User","entityId":"alice"},
              "attributes":{"level":{"long":5},"manager":{"entityIdentifier":{"entityType":"User","entityId":"boss"}},
                            "tags":{"set":[{"string":"x"}]},"profile":{"record":{"team":{"string":"core"}}}},
              "parents":[{"entityType":"Group","entityId":"admins"}],
              "tags":{"dept":{"string":"eng"}}}]}
            """;
        var contextMap = """
            {"contextMap":{"ip":{"ipaddr":"10.1.2.3"},"amount":{"decimal":"1.25"},"at":{"datetime":"2024-10-15T11:35:00Z"},
                           "ttl":{"duration":"1h30m"},"mfa":{"boolean":true}}}
            """;
        var typed = _aws.Json("is-authorized", "--policy-store-id", store, "--principal", "entityType=User,entityId=alice",
            "--action", "actionType=Action,actionId=read", "--resource", "entityType=Doc,entityId=d1", "--entities", entityList, "--context", contextMap);
        Assert.Equal("ALLOW", typed.GetProperty("decision").GetString());
        Assert.Equal(policy, typed.GetProperty("determiningPolicies")[0].GetProperty("policyId").GetString());

        var cedarEntities = JsonSerializer.Serialize(new
        {
            cedarJson = """
                [{"uid":{"type":"User","id":"alice"},"attrs":{"level":5,"manager":{"__entity":{"type":"User","id":"boss"}},"tags":["x"],"profile":{"team":"core"}},
                  "parents":[{"type":"Group","id":"admins"}],"tags":{"dept":"eng"}}]
                """,
        });
        var cedarContext = JsonSerializer.Serialize(new
        {
            cedarJson = """
                {"ip":{"__extn":{"fn":"ip","arg":"10.1.2.3"}},"amount":{"__extn":{"fn":"decimal","arg":"1.25"}},
                 "at":{"__extn":{"fn":"datetime","arg":"2024-10-15T11:35:00Z"}},"ttl":{"__extn":{"fn":"duration","arg":"1h30m"}},"mfa":true}
                """,
        });
        var cedar = _aws.Json("is-authorized", "--policy-store-id", store, "--principal", "entityType=User,entityId=alice",
            "--action", "actionType=Action,actionId=read", "--resource", "entityType=Doc,entityId=d1", "--entities", cedarEntities, "--context", cedarContext);
        Assert.Equal("ALLOW", cedar.GetProperty("decision").GetString());

        // Without the entities the policy errors on the missing attribute: skipped, reported, and the answer is DENY.
        var bare = _aws.Json("is-authorized", "--policy-store-id", store, "--principal", "entityType=User,entityId=alice",
            "--action", "actionType=Action,actionId=read", "--resource", "entityType=Doc,entityId=d1", "--context", contextMap,
            "--entities", """{"entityList":[{"identifier":{"entityType":"User","entityId":"alice"},"parents":[{"entityType":"Group","entityId":"admins"}]}]}""");
        Assert.Equal("DENY", bare.GetProperty("decision").GetString());
        var description = Assert.Single(bare.GetProperty("errors").EnumerateArray()).GetProperty("errorDescription").GetString()!;
        Assert.Contains(policy, description, StringComparison.Ordinal);

        _aws.Fails("ValidationException", "is-authorized", "--policy-store-id", store, "--principal", "entityType=User,entityId=alice",
            "--action", "actionType=Action,actionId=read", "--resource", "entityType=Doc,entityId=d1", "--context", """{"cedarJson":"[1]"}""");
    }

    [Fact]
    public void A_policy_update_is_visible_to_the_very_next_is_authorized()
    {
        var store = NewStore();
        var policy = CreateStatic(store, """permit(principal == User::"alice", action == Action::"read", resource);""");
        Assert.Equal("ALLOW", Decide(store, "User", "alice", "read", "Doc", "d"));
        _aws.Json("update-policy", "--policy-store-id", store, "--policy-id", policy, "--definition",
            """{"static":{"statement":"permit(principal == User::\"alice\", action == Action::\"read\", resource) when { false };"}}""");
        Assert.Equal("DENY", Decide(store, "User", "alice", "read", "Doc", "d"));
        _aws.Json("update-policy", "--policy-store-id", store, "--policy-id", policy, "--definition",
            """{"static":{"statement":"permit(principal == User::\"alice\", action == Action::\"read\", resource);"}}""");
        Assert.Equal("ALLOW", Decide(store, "User", "alice", "read", "Doc", "d"));
        var forbid = CreateStatic(store, """forbid(principal, action, resource == Doc::"d");""");
        Assert.Equal("DENY", Decide(store, "User", "alice", "read", "Doc", "d"));
        _aws.Json("delete-policy", "--policy-store-id", store, "--policy-id", forbid);
        Assert.Equal("ALLOW", Decide(store, "User", "alice", "read", "Doc", "d"));
    }

    [Fact]
    public void Batch_is_authorized_answers_in_order_and_requires_a_shared_principal_or_resource()
    {
        var store = NewStore();
        var read = CreateStatic(store, """permit(principal == User::"alice", action == Action::"read", resource);""");
        var requests = File("requests.json", """
            [
              {"principal":{"entityType":"User","entityId":"alice"},"action":{"actionType":"Action","actionId":"read"},"resource":{"entityType":"Doc","entityId":"a"}},
              {"principal":{"entityType":"User","entityId":"alice"},"action":{"actionType":"Action","actionId":"write"},"resource":{"entityType":"Doc","entityId":"b"}},
              {"principal":{"entityType":"User","entityId":"alice"},"action":{"actionType":"Action","actionId":"read"},"resource":{"entityType":"Doc","entityId":"c"},
               "context":{"contextMap":{"n":{"long":1}}}}
            ]
            """);
        var results = _aws.Json("batch-is-authorized", "--policy-store-id", store, "--requests", requests).GetProperty("results");
        Assert.Equal(new[] { "ALLOW", "DENY", "ALLOW" }, results.EnumerateArray().Select(r => r.GetProperty("decision").GetString()));
        Assert.Equal(new[] { "a", "b", "c" }, results.EnumerateArray().Select(r => r.GetProperty("request").GetProperty("resource").GetProperty("entityId").GetString()));
        Assert.Equal(read, results[0].GetProperty("determiningPolicies")[0].GetProperty("policyId").GetString());
        Assert.Equal(1, results[2].GetProperty("request").GetProperty("context").GetProperty("contextMap").GetProperty("n").GetProperty("long").GetInt32());

        var mixed = File("mixed.json", """
            [
              {"principal":{"entityType":"User","entityId":"bob"},"action":{"actionType":"Action","actionId":"read"},"resource":{"entityType":"Doc","entityId":"a"}},
              {"principal":{"entityType":"User","entityId":"alice"},"action":{"actionType":"Action","actionId":"read"},"resource":{"entityType":"Doc","entityId":"b"}}
            ]
            """);
        _aws.Fails("ValidationException", "batch-is-authorized", "--policy-store-id", store, "--requests", mixed);
    }

    [Fact]
    public void Syntax_errors_are_rejected_in_every_mode_and_strict_needs_a_schema()
    {
        var store = NewStore();
        var error = _aws.Fails("ValidationException", "create-policy", "--policy-store-id", store, "--definition",
            """{"static":{"statement":"permit(principal, action\n resource);"}}""");
        Assert.Contains("2:2:", error, StringComparison.Ordinal);
        _aws.Fails("ValidationException", "create-policy", "--policy-store-id", store, "--definition",
            """{"static":{"statement":"permit(principal == ?principal, action, resource);"}}""");
        _aws.Fails("ValidationException", "create-policy-template", "--policy-store-id", store, "--statement", "permit(principal, action, resource);");

        var strict = _aws.Json("create-policy-store", "--validation-settings", "mode=STRICT").GetProperty("policyStoreId").GetString()!;
        error = _aws.Fails("ValidationException", "create-policy", "--policy-store-id", strict, "--definition",
            """{"static":{"statement":"permit(principal, action, resource);"}}""");
        Assert.Contains("no schema", error, StringComparison.Ordinal);
        _aws.Fails("ValidationException", "create-policy-template", "--policy-store-id", strict, "--statement", "permit(principal == ?principal, action, resource);");
    }

    [Fact]
    public void Strict_stores_validate_policies_and_templates_against_the_schema()
    {
        var store = _aws.Json("create-policy-store", "--validation-settings", "mode=STRICT").GetProperty("policyStoreId").GetString()!;
        _aws.Json("put-schema", "--policy-store-id", store, "--definition", JsonSerializer.Serialize(new
        {
            cedarJson = """
                {"App": {"entityTypes": {"User": {"shape": {"type": "Record", "attributes": {"level": {"type": "Long"}}}}, "Doc": {}},
                         "actions": {"read": {"appliesTo": {"principalTypes": ["User"], "resourceTypes": ["Doc"]}}}}}
                """,
        }));
        var good = CreateStatic(store, """permit(principal == App::User::"a", action == App::Action::"read", resource) when { principal.level > 2 };""");
        Assert.Matches("^[0-9A-Za-z]{22}$", good);

        var error = _aws.Fails("ValidationException", "create-policy", "--policy-store-id", store, "--definition",
            JsonSerializer.Serialize(new { @static = new { statement = """permit(principal == App::Usr::"a", action, resource);""" } }));
        Assert.Contains("UnrecognizedEntityType", error, StringComparison.Ordinal);
        error = _aws.Fails("ValidationException", "create-policy", "--policy-store-id", store, "--definition",
            JsonSerializer.Serialize(new { @static = new { statement = """permit(principal, action == App::Action::"read", resource) when { principal.level == "x" };""" } }));
        Assert.Contains("1:", error, StringComparison.Ordinal);
        _aws.Fails("ValidationException", "create-policy", "--policy-store-id", store, "--definition",
            JsonSerializer.Serialize(new { @static = new { statement = """permit(principal, action == App::Action::"write", resource);""" } }));
        _aws.Fails("ValidationException", "update-policy", "--policy-store-id", store, "--policy-id", good, "--definition",
            JsonSerializer.Serialize(new { @static = new { statement = """permit(principal == App::User::"a", action == App::Action::"read", resource) when { principal.missing };""" } }));

        var template = _aws.Json("create-policy-template", "--policy-store-id", store,
            "--statement", """permit(principal == ?principal, action == App::Action::"read", resource in ?resource);""");
        Assert.True(template.TryGetProperty("policyTemplateId", out _));
        _aws.Fails("ValidationException", "create-policy-template", "--policy-store-id", store,
            "--statement", """permit(principal == ?principal, action == App::Action::"read", resource) when { resource.nope };""");

        // With the schema, entities and context are read against it; the action entities come from the schema.
        var decision = _aws.Json("is-authorized", "--policy-store-id", store, "--principal", "entityType=App::User,entityId=a",
            "--action", "actionType=App::Action,actionId=read", "--resource", "entityType=App::Doc,entityId=d",
            "--entities", """{"entityList":[{"identifier":{"entityType":"App::User","entityId":"a"},"attributes":{"level":{"long":3}}}]}""");
        Assert.Equal("ALLOW", decision.GetProperty("decision").GetString());
        _aws.Fails("ValidationException", "is-authorized", "--policy-store-id", store, "--principal", "entityType=App::User,entityId=a",
            "--action", "actionType=App::Action,actionId=read", "--resource", "entityType=App::Doc,entityId=d",
            "--entities", """{"entityList":[{"identifier":{"entityType":"App::User","entityId":"a"},"attributes":{"level":{"string":"three"}}}]}""");
    }

    private string NewStore() => _aws.Json("create-policy-store", "--validation-settings", "mode=OFF").GetProperty("policyStoreId").GetString()!;

    private string CreateStatic(string store, string statement, string? name = null)
    {
        var definition = JsonSerializer.Serialize(new { @static = new { statement } });
        string[] arguments = name is null
            ? ["create-policy", "--policy-store-id", store, "--definition", definition]
            : ["create-policy", "--policy-store-id", store, "--definition", definition, "--name", name];
        return _aws.Json(arguments).GetProperty("policyId").GetString()!;
    }

    private string Decide(string store, string principalType, string principalId, string action, string resourceType, string resourceId) =>
        _aws.Json("is-authorized", "--policy-store-id", store, "--principal", $"entityType={principalType},entityId={principalId}",
            "--action", $"actionType=Action,actionId={action}", "--resource", $"entityType={resourceType},entityId={resourceId}")
            .GetProperty("decision").GetString()!;

    private string File(string name, string content)
    {
        var path = Path.Combine(_files, name);
        System.IO.File.WriteAllText(path, content);
        return "file://" + path;
    }

    private static List<string> Ids(JsonElement listed) =>
        [.. listed.GetProperty("policies").EnumerateArray().Select(p => p.GetProperty("policyId").GetString()!)];

    private static void AssertEntity(JsonElement entity, string type, string id, string typeMember = "entityType", string idMember = "entityId")
    {
        Assert.Equal(type, entity.GetProperty(typeMember).GetString());
        Assert.Equal(id, entity.GetProperty(idMember).GetString());
    }
}
