using Cedar.Ast;
using Cedar.Entities;
using Cedar.Json;

namespace Cedar.Tests.Entities;

public class EntityStoreTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(16)]
    [InlineData(17)]
    [InlineData(40)]
    [InlineData(300)]
    public void AncestorsAreTheBreadthFirstClosureAtAnyDepth(int depth)
    {
        // A chain u0 → u1 → … plus, from u0, a second path to every fifth link (duplicates reached twice).
        var uids = Enumerable.Range(0, depth + 1).Select(i => new EntityUid("U", "u" + i)).ToArray();
        var entities = uids.Select((uid, i) => new Entity(uid, parents: i == depth ? [] :
            i == 0 ? [uids[1], .. uids.Where((_, k) => k > 1 && k % 5 == 0)] : [uids[i + 1]])).ToList();
        var store = EntityStore.Create(entities);

        var expected = new List<EntityUid>();
        var queue = new Queue<EntityUid>([uids[0]]);
        while (queue.Count > 0)
        {
            store.TryGet(queue.Dequeue(), out var e);
            foreach (var p in e.Parents.Where(p => !expected.Contains(p)))
            {
                expected.Add(p);
                queue.Enqueue(p);
            }
        }

        Assert.Equal(expected, store.AncestorsOf(uids[0]).ToArray());
        Assert.True(store.AncestorsOf(uids[0]).SetEquals(uids.Skip(1)));
        Assert.True(store.IsAncestor(uids[0], uids[depth]));
        Assert.False(store.IsAncestor(uids[depth], uids[0]));
        Assert.False(store.IsAncestor(uids[0], uids[0]));
        Assert.Empty(store.AncestorsOf(uids[depth]));
    }

    [Fact]
    public void CyclesReachTheEntityItself()
    {
        var a = new EntityUid("U", "a");
        var b = new EntityUid("U", "b");
        var store = EntityStore.Create([new Entity(a, parents: [b]), new Entity(b, parents: [a])]);
        Assert.True(store.IsAncestor(a, a));
        Assert.Equal([b, a], store.AncestorsOf(a).ToArray());
    }

    [Fact]
    public void SchemaActionsKeepTheirHierarchyAcrossParses()
    {
        var a = new EntityUid("Action", "a");
        var b = new EntityUid("Action", "b");
        var c = new EntityUid("Action", "c");
        for (var i = 0; i < 3; i++)
        {
            var store = EntityJson.ParseEntities(
                """[{"uid":{"type":"Action","id":"a"},"attrs":{},"parents":[{"type":"Action","id":"b"},{"type":"Action","id":"c"}]}]""",
                EntityJsonTests.s_schema).Value!;
            Assert.Equal([b, c], store.AncestorsOf(a).ToArray());
            Assert.Equal([c], store.AncestorsOf(b).ToArray());
            Assert.Empty(store.AncestorsOf(c));
            Assert.Equal([a, c, b], store.Entities.Select(e => e.Uid));
        }
    }
}
