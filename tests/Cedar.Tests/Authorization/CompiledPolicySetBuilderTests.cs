using Cedar.Ast;
using Cedar.Authorization;
using Cedar.Parsing;

namespace Cedar.Tests.Authorization;

public class CompiledPolicySetBuilderTests
{
    private static Policy Parse(string text, string id) => PolicyParser.ParsePolicy(text, id).Value!;

    private static readonly Policy s_static = Parse("permit(principal, action, resource) when { resource.public };", "static0");
    private static readonly Policy s_pairTemplate = Parse("permit(principal == ?principal, action, resource in ?resource);", "pair");
    private static readonly Policy s_principalTemplate = Parse("forbid(principal in ?principal, action, resource);", "principalOnly");

    [Fact]
    public void BuildsTheSameSetAsCompilingAPolicySet()
    {
        var links = new List<TemplateLink>();
        var builder = new CompiledPolicySetBuilder();
        Assert.Null(builder.AddPolicy(s_pairTemplate));
        Assert.Null(builder.AddPolicy(s_static));
        Assert.Null(builder.AddPolicy(s_principalTemplate));
        for (var i = 0; i < 50; i++)
        {
            var user = new EntityUid("User", "u" + (i % 7));
            var folder = new EntityUid("Folder", "f" + (i % 5));
            if (i % 3 == 0)
            {
                links.Add(new TemplateLink("link" + i, "principalOnly", new Dictionary<SlotId, EntityUid> { [SlotId.Principal] = user }));
                Assert.Null(builder.AddLink("link" + i, "principalOnly", user, null));
            }
            else
            {
                links.Add(new TemplateLink("link" + i, "pair", new Dictionary<SlotId, EntityUid> { [SlotId.Principal] = user, [SlotId.Resource] = folder }));
                Assert.Null(builder.AddLink("link" + i, "pair", user, folder));
            }
        }

        var built = builder.Build();
        var compiled = CompiledPolicySet.Compile(PolicySet.Create([s_pairTemplate, s_static, s_principalTemplate], links).Value!);
        Assert.Equal(compiled.Policies.Select(Describe), built.Policies.Select(Describe));

        // One instance per distinct entity, however many links name it.
        var users = built.Policies.Where(p => p.Slots is not null).Select(p => p.Slots![SlotId.Principal]).ToList();
        Assert.Equal(7, users.Distinct(ReferenceEqualityComparer.Instance).Count());
    }

    [Fact]
    public void RejectsWhatAPolicySetRejectsWithTheSameMessage()
    {
        var user = new EntityUid("User", "alice");
        var folder = new EntityUid("Folder", "f");
        (string Id, string Template, EntityUid? Principal, EntityUid? Resource)[] bad =
        [
            ("static0", "pair", user, folder),
            ("pair", "pair", user, folder),
            ("x", "nope", user, folder),
            ("x", "pair", user, null),
            ("x", "pair", null, null),
            ("x", "principalOnly", user, folder),
        ];
        foreach (var (id, template, principal, resource) in bad)
        {
            var builder = new CompiledPolicySetBuilder();
            builder.AddPolicy(s_static);
            builder.AddPolicy(s_pairTemplate);
            builder.AddPolicy(s_principalTemplate);
            var values = new Dictionary<SlotId, EntityUid>();
            if (principal is not null)
            {
                values[SlotId.Principal] = principal;
            }

            if (resource is not null)
            {
                values[SlotId.Resource] = resource;
            }

            var expected = PolicySet.Create([s_static, s_pairTemplate, s_principalTemplate], [new TemplateLink(id, template, values)]);
            Assert.False(expected.Success);
            Assert.Equal(expected.Errors[0].Message, builder.AddLink(id, template, principal, resource));
        }

        var duplicate = new CompiledPolicySetBuilder();
        Assert.Null(duplicate.AddPolicy(s_static));
        Assert.Equal("duplicate policy id `static0`", duplicate.AddPolicy(s_static));
    }

    private static string Describe(CompiledPolicy p) =>
        $"{p.Id} {p.Effect} {p.PrincipalUid} {p.ResourceUid} {(p.Slots is null ? "-" : string.Join(",", p.Slots.Select(kv => kv.Key + "=" + kv.Value)))} {p.Body.Id}";
}
