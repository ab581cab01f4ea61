using System.Collections;
using Cedar.Ast;

namespace Cedar.Authorization;

/// <summary>
/// The slot values of one template link in two fields: a compiled set may hold 100,000 links, and a general
/// dictionary per link costs several times the memory of the link's own data. A host building many
/// <see cref="TemplateLink"/>s can pass these as the values; <see cref="CompiledPolicySet.Compile"/> keeps them as they
/// are when the entities are already shared.
/// </summary>
public sealed class LinkedSlots(EntityUid? principal, EntityUid? resource) : IReadOnlyDictionary<SlotId, EntityUid>
{
    public EntityUid? Principal { get; } = principal;

    public EntityUid? Resource { get; } = resource;

    public int Count => (Principal is null ? 0 : 1) + (Resource is null ? 0 : 1);

    public IEnumerable<SlotId> Keys => this.Select(kv => kv.Key);

    public IEnumerable<EntityUid> Values => this.Select(kv => kv.Value);

    public EntityUid this[SlotId key] => TryGetValue(key, out var value) ? value : throw new KeyNotFoundException("slot " + key + " is not linked");

    public bool ContainsKey(SlotId key) => TryGetValue(key, out _);

    public bool TryGetValue(SlotId key, out EntityUid value)
    {
        value = (key == SlotId.Principal ? Principal : key == SlotId.Resource ? Resource : null)!;
        return value is not null;
    }

    public IEnumerator<KeyValuePair<SlotId, EntityUid>> GetEnumerator()
    {
        if (Principal is not null)
        {
            yield return new(SlotId.Principal, Principal);
        }

        if (Resource is not null)
        {
            yield return new(SlotId.Resource, Resource);
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
