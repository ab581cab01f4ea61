namespace Verdict.Storage.Sqlite;

/// <summary>
/// One instance per distinct value while reading a whole store's policies: every row repeats the store id, the policy
/// type, the effect, a few template ids and action lists, and the same users and folders appear in many links. Reading
/// 100,000 links allocates over a kilobyte per row otherwise, all of it alive until the compiled set is built, so it is
/// promoted to the oldest generation and stays resident until a full collection long after; the duplicates made here
/// die young instead.
/// </summary>
internal sealed class SharedSnapshotValues
{
    private readonly Dictionary<string, string> _strings = new(StringComparer.Ordinal);
    private readonly Dictionary<(string Type, string Id), StoredEntity> _entities = [];
    private readonly Dictionary<string, IReadOnlyList<StoredEntity>> _entityLists = new(StringComparer.Ordinal);

    public string String(string value)
    {
        if (_strings.TryGetValue(value, out var shared))
        {
            return shared;
        }

        _strings[value] = value;
        return value;
    }

    public StoredEntity Entity(string type, string id)
    {
        if (_entities.TryGetValue((type, id), out var shared))
        {
            return shared;
        }

        var entity = new StoredEntity(String(type), id);
        _entities[(entity.EntityType, id)] = entity;
        return entity;
    }

    /// <summary>The decoded list for an encoded one; lists are shared, so nobody may change them (the record exposes them read-only).</summary>
    public IReadOnlyList<StoredEntity> EntityList(string encoded, Func<string, IReadOnlyList<StoredEntity>> decode)
    {
        if (_entityLists.TryGetValue(encoded, out var shared))
        {
            return shared;
        }

        var list = decode(encoded).Select(e => Entity(e.EntityType, e.EntityId)).ToArray();
        _entityLists[encoded] = list;
        return list;
    }
}
