using Cedar.Ast;
using Cedar.Authorization;
using Cedar.Entities;
using Cedar.Evaluation;
using Cedar.Values;
using static Cedar.Tests.Evaluation.A;

namespace Cedar.Tests.Authorization;

public class AuthorizerTests
{
    private static readonly string[] s_users = ["alice", "bob", "carol"];
    private static readonly string[] s_groups = ["g1", "g2"];
    private static readonly string[] s_actions = ["view", "edit", "read"];

    private static readonly EntityStore s_store = EntityStore.Create(
    [
        new Entity(new EntityUid("User", "alice"), parents: [new EntityUid("Group", "g1")]),
        new Entity(new EntityUid("User", "bob"), parents: [new EntityUid("Group", "g2")]),
        new Entity(new EntityUid("Group", "g1"), parents: [new EntityUid("Group", "g2")]),
        new Entity(new EntityUid("Action", "view"), parents: [new EntityUid("Action", "read")]),
        new Entity(new EntityUid("Action", "edit")),
    ]);

    private static Policy P(string id, Effect effect, ScopeConstraint principal, ActionConstraint action, ScopeConstraint resource, params Condition[] conditions) =>
        new(id, effect, [], principal, action, resource, conditions);

    private static ScopeConstraint Eq(string type, string id) => new(ScopeOp.Eq, EntityReference.Of(new EntityUid(type, id)));

    private static ScopeConstraint In(string type, string id) => new(ScopeOp.In, EntityReference.Of(new EntityUid(type, id)));

    private static ActionConstraint ActionIn(params string[] ids) => new(ActionScopeOp.In, [.. ids.Select(i => new EntityUid("Action", i))], true);

    private static Request Req(string user, string action, string resource = "p") =>
        new(new EntityUid("User", user), new EntityUid("Action", action), new EntityUid("Photo", resource));

    [Fact]
    public void ForbidOverridesPermitAndErrorsAreReported()
    {
        var set = PolicySet.Create(
        [
            P("policy0", Effect.Permit, ScopeConstraint.Any, ActionConstraint.Any, ScopeConstraint.Any),
            P("policy1", Effect.Forbid, In("Group", "g2"), ActionIn("read"), ScopeConstraint.Any),
            P("policy2", Effect.Permit, ScopeConstraint.Any, ActionConstraint.Any, ScopeConstraint.Any, new Condition(true, Get(Principal, "missing"))),
        ]).Value!;
        var compiled = CompiledPolicySet.Compile(set);

        var r = Authorizer.IsAuthorized(Req("alice", "view"), compiled, s_store);
        Assert.Equal(Decision.Deny, r.Decision);
        Assert.Equal(["policy1"], r.DeterminingPolicies);
        Assert.Equal(["policy2"], r.Errors.Select(e => e.PolicyId));

        r = Authorizer.IsAuthorized(Req("alice", "edit"), compiled, s_store);
        Assert.Equal(Decision.Allow, r.Decision);
        Assert.Equal(["policy0"], r.DeterminingPolicies);
    }

    [Fact]
    public void DefaultDenyAndUnlessConditions()
    {
        var set = PolicySet.Create(
        [
            P("policy0", Effect.Permit, ScopeConstraint.Any, ActionConstraint.Any, ScopeConstraint.Any, new Condition(false, B(true))),
            P("policy1", Effect.Permit, ScopeConstraint.Any, ActionConstraint.Any, ScopeConstraint.Any, new Condition(true, L(1))),
        ]).Value!;
        var r = Authorizer.IsAuthorized(Req("alice", "view"), CompiledPolicySet.Compile(set), s_store);
        Assert.Equal(Decision.Deny, r.Decision);
        Assert.Empty(r.DeterminingPolicies);
        var error = Assert.Single(r.Errors);
        Assert.Equal("policy1", error.PolicyId);
        Assert.Equal("type error: expected bool, got long", error.Message);
    }

    [Fact]
    public void TemplateLinksEvaluateTheSharedTemplateWithTheirSlots()
    {
        var template = P("t", Effect.Permit, new ScopeConstraint(ScopeOp.In, EntityReference.OfSlot(SlotId.Principal)), ActionConstraint.Any, ScopeConstraint.Any);
        var set = PolicySet.Create(
            [template],
            [
                new TemplateLink("link-g1", "t", new Dictionary<SlotId, EntityUid> { [SlotId.Principal] = new("Group", "g1") }),
                new TemplateLink("link-bob", "t", new Dictionary<SlotId, EntityUid> { [SlotId.Principal] = new("User", "bob") }),
            ]).Value!;
        var compiled = CompiledPolicySet.Compile(set);
        Assert.Equal(["link-g1"], Authorizer.IsAuthorized(Req("alice", "view"), compiled, s_store).DeterminingPolicies);
        Assert.Equal(["link-bob"], Authorizer.IsAuthorized(Req("bob", "view"), compiled, s_store).DeterminingPolicies);
        Assert.Equal(Decision.Deny, Authorizer.IsAuthorized(Req("carol", "view"), compiled, s_store).Decision);
    }

    /// <summary>The scope index must select exactly the policies a plain scan over all policies finds satisfied.</summary>
    [Fact]
    public void IndexAgreesWithEvaluatingEveryPolicy()
    {
        var random = new Random(1234);
        var policies = new List<Policy>();
        for (var i = 0; i < 400; i++)
        {
            policies.Add(P("policy" + i, random.Next(5) == 0 ? Effect.Forbid : Effect.Permit, RandomScope(random, "User", s_users), RandomAction(random), RandomScope(random, "Photo", ["p", "q"])));
        }

        var compiled = CompiledPolicySet.Compile(PolicySet.Create(policies).Value!);
        foreach (var user in s_users.Append("zed"))
        {
            foreach (var action in s_actions)
            {
                foreach (var photo in new[] { "p", "q" })
                {
                    var request = Req(user, action, photo);
                    var evaluator = new Evaluator(request, s_store);
                    var expected = compiled.Policies
                        .Where(p => Authorizer.Evaluate(p, request, evaluator).Value == BoolValue.True)
                        .Select(p => p.Id)
                        .ToHashSet();
                    var forbids = compiled.Policies.Where(p => expected.Contains(p.Id) && p.Effect == Effect.Forbid).Select(p => p.Id).ToList();
                    var response = Authorizer.IsAuthorized(request, compiled, s_store);
                    var wanted = forbids.Count > 0 ? forbids : compiled.Policies.Where(p => expected.Contains(p.Id)).Select(p => p.Id).ToList();
                    Assert.Equal(wanted, response.DeterminingPolicies);
                }
            }
        }
    }

    /// <summary>
    /// Links naming a principal and a resource are filed as grants per principal, searched by the resource's hash:
    /// many grants per principal, repeated pairs, principals reached through groups and resources through albums must
    /// select exactly what a scan over all policies finds.
    /// </summary>
    [Fact]
    public void PairGrantsAgreeWithEvaluatingEveryPolicy()
    {
        var random = new Random(4321);
        var photos = Enumerable.Range(0, 40).Select(i => "p" + i).ToArray();
        var albums = new[] { "a0", "a1", "a2" };
        var entities = new List<Entity>(s_store.Entities);
        entities.AddRange(photos.Select((p, i) => new Entity(new EntityUid("Photo", p), parents: i % 4 == 0 ? [] : [new EntityUid("Album", albums[i % 3])])));
        entities.Add(new Entity(new EntityUid("Album", "a1"), parents: [new EntityUid("Album", "a0")]));
        var store = EntityStore.Create(entities);
        var eqTemplate = P("eq", Effect.Permit, new ScopeConstraint(ScopeOp.Eq, EntityReference.OfSlot(SlotId.Principal)), ActionConstraint.Any,
            new ScopeConstraint(ScopeOp.Eq, EntityReference.OfSlot(SlotId.Resource)));
        var inTemplate = P("in", Effect.Permit, new ScopeConstraint(ScopeOp.In, EntityReference.OfSlot(SlotId.Principal)), ActionIn("view"),
            new ScopeConstraint(ScopeOp.In, EntityReference.OfSlot(SlotId.Resource)));
        var forbidTemplate = P("deny", Effect.Forbid, new ScopeConstraint(ScopeOp.Eq, EntityReference.OfSlot(SlotId.Principal)), ActionIn("edit"),
            new ScopeConstraint(ScopeOp.In, EntityReference.OfSlot(SlotId.Resource)));
        var principals = s_users.Select(u => new EntityUid("User", u)).Concat(s_groups.Select(g => new EntityUid("Group", g))).ToArray();
        var resources = photos.Select(p => new EntityUid("Photo", p)).Concat(albums.Select(a => new EntityUid("Album", a))).ToArray();
        var links = new List<TemplateLink>();
        for (var i = 0; i < 600; i++)
        {
            var template = random.Next(10) switch { 0 => "deny", < 5 => "in", _ => "eq" };
            links.Add(new TemplateLink("link" + i, template, new Dictionary<SlotId, EntityUid>
            {
                [SlotId.Principal] = principals[random.Next(principals.Length)],
                [SlotId.Resource] = resources[random.Next(resources.Length)],
            }));
        }

        var compiled = CompiledPolicySet.Compile(PolicySet.Create([eqTemplate, inTemplate, forbidTemplate], links).Value!);
        foreach (var user in s_users.Append("zed"))
        {
            foreach (var action in s_actions)
            {
                foreach (var resource in resources)
                {
                    var request = new Request(new EntityUid("User", user), new EntityUid("Action", action), resource);
                    var evaluator = new Evaluator(request, store);
                    var satisfied = compiled.Policies.Where(p => Authorizer.Evaluate(p, request, evaluator).Value == BoolValue.True).ToList();
                    var forbids = satisfied.Where(p => p.Effect == Effect.Forbid).Select(p => p.Id).ToList();
                    var wanted = forbids.Count > 0 ? forbids : satisfied.Select(p => p.Id).ToList();
                    Assert.Equal(wanted, Authorizer.IsAuthorized(request, compiled, store).DeterminingPolicies);
                }
            }
        }
    }

    [Fact]
    public void ARequestOnlyLooksAtPoliciesWhoseScopeCanMatch()
    {
        var policies = new List<Policy>();
        for (var i = 0; i < 10_000; i++)
        {
            policies.Add(P("policy" + i, Effect.Permit, Eq("User", "u" + i), ActionConstraint.Any, ScopeConstraint.Any));
        }

        policies.Add(P("group", Effect.Permit, In("Group", "g2"), ActionConstraint.Any, ScopeConstraint.Any));
        policies.Add(P("edit", Effect.Permit, ScopeConstraint.Any, new ActionConstraint(ActionScopeOp.Eq, [new EntityUid("Action", "edit")], false), ScopeConstraint.Any));
        var compiled = CompiledPolicySet.Compile(PolicySet.Create(policies).Value!);

        var request = Req("alice", "view");
        Assert.Equal(["group"], compiled.Candidates(request, s_store).Select(i => compiled[i].Id));
        Assert.Equal(["policy42"], compiled.Candidates(Req("u42", "view"), s_store).Select(i => compiled[i].Id));
        Assert.Equal(["policy7", "edit"], compiled.Candidates(Req("u7", "edit"), s_store).Select(i => compiled[i].Id));
    }

    private static ScopeConstraint RandomScope(Random random, string type, string[] ids) => random.Next(6) switch
    {
        0 => ScopeConstraint.Any,
        1 => Eq(type, ids[random.Next(ids.Length)]),
        2 => type == "User" ? In("Group", s_groups[random.Next(2)]) : In(type, ids[random.Next(ids.Length)]),
        3 => new ScopeConstraint(ScopeOp.Is, entityType: Name.FromFullName(random.Next(2) == 0 ? type : "Other")),
        4 => new ScopeConstraint(ScopeOp.IsIn, EntityReference.Of(new EntityUid("Group", "g2")), Name.FromFullName(type)),
        _ => In(type, ids[random.Next(ids.Length)]),
    };

    private static ActionConstraint RandomAction(Random random) => random.Next(4) switch
    {
        0 => ActionConstraint.Any,
        1 => new ActionConstraint(ActionScopeOp.Eq, [new EntityUid("Action", s_actions[random.Next(3)])], false),
        2 => ActionIn(s_actions[random.Next(3)], s_actions[random.Next(3)]),
        _ => ActionIn(),
    };
}
