using Cedar.Ast;

namespace Cedar.Entities;

/// <summary>
/// An immutable set of entities with the transitive closure of their parents computed once,
/// so that <c>in</c> is a set lookup at evaluation time.
/// </summary>
public sealed class EntityStore
{
    public static readonly EntityStore Empty = new(new Dictionary<EntityUid, Entity>(), new Dictionary<EntityUid, IReadOnlySet<EntityUid>>());

    // One closure work list kept for the next store (taken by one thread at a time; a concurrent build makes its own).
    private static List<EntityUid>? s_reached;

    // Shared and never mutated: entities missing from the store, or without parents, have no known ancestors.
    private static readonly HashSet<EntityUid> s_noAncestors = [];

    private readonly Dictionary<EntityUid, Entity> _entities;
    // Only entities with ancestors have an entry: a small array-backed set, or a hash set for deep hierarchies.
    private readonly Dictionary<EntityUid, IReadOnlySet<EntityUid>> _ancestors;

    private EntityStore(Dictionary<EntityUid, Entity> entities, Dictionary<EntityUid, IReadOnlySet<EntityUid>> ancestors)
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

        return FromMap(map);
    }

    /// <summary>
    /// Builds a store over a map the caller hands over (keyed by each entity's uid) and no longer touches.
    /// <paramref name="knownAncestors"/> gives the closure of some entity objects, which the caller knows this map
    /// would give them too.
    /// </summary>
    internal static EntityStore FromMap(Dictionary<EntityUid, Entity> map, IReadOnlyDictionary<Entity, IReadOnlySet<EntityUid>>? knownAncestors = null)
    {
        var ancestors = new Dictionary<EntityUid, IReadOnlySet<EntityUid>>(map.Count);
        var reached = Interlocked.Exchange(ref s_reached, null) ?? [];
        HashSet<EntityUid>? reachedSet = null;
        foreach (var (uid, entity) in map)
        {
            if (entity.Parents.Count > 0)
            {
                ancestors[uid] = knownAncestors is not null && knownAncestors.TryGetValue(entity, out var known)
                    ? known
                    : Close(entity, map, reached, ref reachedSet);
            }
        }

        if (reached.Capacity <= 256)
        {
            reached.Clear();
            s_reached = reached;
        }

        return new EntityStore(map, ancestors);
    }

    public bool TryGet(EntityUid uid, out Entity entity) => _entities.TryGetValue(uid, out entity!);

    /// <summary>True when <paramref name="ancestor"/> is a parent of <paramref name="uid"/>, directly or transitively.</summary>
    public bool IsAncestor(EntityUid uid, EntityUid ancestor) =>
        _ancestors.TryGetValue(uid, out var set) && set.Contains(ancestor);

    public IReadOnlySet<EntityUid> AncestorsOf(EntityUid uid) =>
        _ancestors.TryGetValue(uid, out var set) ? set : s_noAncestors;

    // Breadth-first over parents from the entity (correct with cycles: the entity itself is reached through one).
    // `reached` is the queue and, in order, the result; hierarchies are usually small, so membership is a scan
    // until the list grows past a few dozen entries.
    private static IReadOnlySet<EntityUid> Close(
        Entity start,
        Dictionary<EntityUid, Entity> map,
        List<EntityUid> reached,
        ref HashSet<EntityUid>? reachedSet)
    {
        reached.Clear();
        reachedSet?.Clear();
        AddParents(start, reached, ref reachedSet);
        for (var head = 0; head < reached.Count; head++)
        {
            if (map.TryGetValue(reached[head], out var entity))
            {
                AddParents(entity, reached, ref reachedSet);
            }
        }

        if (reached.Count <= SmallUidSet.MaxCount)
        {
            return new SmallUidSet([.. reached]);
        }

        var result = new HashSet<EntityUid>(reached.Count);
        foreach (var uid in reached)
        {
            result.Add(uid);
        }

        return result;
    }

    private static void AddParents(Entity entity, List<EntityUid> reached, ref HashSet<EntityUid>? reachedSet)
    {
        if (entity.Parents is EntityUid[] array)
        {
            foreach (var p in array)
            {
                AddReached(p, reached, ref reachedSet);
            }

            return;
        }

        foreach (var p in entity.Parents)
        {
            AddReached(p, reached, ref reachedSet);
        }
    }

    private static void AddReached(EntityUid uid, List<EntityUid> reached, ref HashSet<EntityUid>? reachedSet)
    {
        if (reached.Count < 32 ? !reached.Contains(uid) : AddToLargeSet(uid, reached, ref reachedSet))
        {
            reached.Add(uid);
        }
    }

    private static bool AddToLargeSet(EntityUid uid, List<EntityUid> reached, ref HashSet<EntityUid>? reachedSet)
    {
        reachedSet ??= [];
        if (reachedSet.Count == 0)
        {
            foreach (var r in reached)
            {
                reachedSet.Add(r);
            }
        }

        return reachedSet.Add(uid);
    }
}
