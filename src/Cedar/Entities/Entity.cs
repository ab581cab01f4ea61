using Cedar.Ast;
using Cedar.Values;

namespace Cedar.Entities;

/// <summary>An entity: its uid, attributes, direct parents and tags. Immutable.</summary>
public sealed class Entity(
    EntityUid uid,
    IReadOnlyDictionary<string, Value>? attributes = null,
    IReadOnlyCollection<EntityUid>? parents = null,
    IReadOnlyDictionary<string, Value>? tags = null)
{
    private static readonly Dictionary<string, Value> s_none = [];

    public EntityUid Uid { get; } = uid;

    public IReadOnlyDictionary<string, Value> Attributes { get; } = attributes ?? s_none;

    /// <summary>Direct parents as given; <see cref="EntityStore"/> computes the transitive closure.</summary>
    public IReadOnlyCollection<EntityUid> Parents { get; } = parents ?? [];

    public IReadOnlyDictionary<string, Value> Tags { get; } = tags ?? s_none;
}
