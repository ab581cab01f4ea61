using Cedar.Ast;

namespace Cedar.Entities;

/// <summary>
/// An immutable set of entities with the transitive closure of their parents computed once,
/// so that <c>in</c> is a set lookup at evaluation time.
/// </summary>
public sealed class EntityStore
{
    public static readonly EntityStore Empty = new(new Dictionary<EntityUid, Entity>(), new Dictionary<EntityUid, HashSet<EntityUid>>());

    // Shared and never mutated: entities missing from the store have no known ancestors.
    private static readonly HashSet<EntityUid> s_noAncestors = [];

    private readonly Dictionary<EntityUid, Entity> _entities;
    private readonly Dictionary<EntityUid, HashSet<EntityUid>> _ancestors;

    private EntityStore(Dictionary<EntityUid, Entity> entities, Dictionary<EntityUid, HashSet<EntityUid>> ancestors)
    {
        _entities = entities;
        _ancestors = ancestors;
    }

    public int Count => _entities.Count;

    public IEnumerable<Entity> Entities => _entities.Values;

    /// <summary>Builds a store. Duplicate uids must be rejected by the caller; here a later entity replaces an earlier one.</summary>
    public static EntityStore Create(IEnumerable<Entity> entities)
    {
        var map = new Dictionary<EntityUid, Entity>();
        foreach (var e in entities)
        {
            map[e.Uid] = e;
        }

        var ancestors = new Dictionary<EntityUid, HashSet<EntityUid>>(map.Count);
        foreach (var uid in map.Keys)
        {
            Close(uid, map, ancestors);
        }

        return new EntityStore(map, ancestors);
    }

    public bool TryGet(EntityUid uid, out Entity entity) => _entities.TryGetValue(uid, out entity!);

    /// <summary>True when <paramref name="ancestor"/> is a parent of <paramref name="uid"/>, directly or transitively.</summary>
    public bool IsAncestor(EntityUid uid, EntityUid ancestor) =>
        _ancestors.TryGetValue(uid, out var set) && set.Contains(ancestor);

    public IReadOnlySet<EntityUid> AncestorsOf(EntityUid uid) =>
        _ancestors.TryGetValue(uid, out var set) ? set : s_noAncestors;

    // Breadth-first over parents from each entity: correct with cycles, and hierarchies in practice are small.
    private static HashSet<EntityUid> Close(
        EntityUid uid,
        Dictionary<EntityUid, Entity> map,
        Dictionary<EntityUid, HashSet<EntityUid>> done)
    {
        var result = new HashSet<EntityUid>();
        var queue = new Queue<EntityUid>();
        queue.Enqueue(uid);
        while (queue.Count > 0)
        {
            var current = queue.Dequeue();
            if (!map.TryGetValue(current, out var entity))
            {
                continue;
            }

            foreach (var p in entity.Parents)
            {
                if (result.Add(p))
                {
                    queue.Enqueue(p);
                }
            }
        }

        done[uid] = result;
        return result;
    }
}
