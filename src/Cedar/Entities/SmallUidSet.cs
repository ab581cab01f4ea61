using System.Collections;
using Cedar.Ast;

namespace Cedar.Entities;

/// <summary>
/// A read-only set of a few entity uids (an entity's ancestors, usually a handful) kept as an array in insertion
/// order: membership is a scan comparing cached hashes first, and building it hashes nothing.
/// </summary>
internal sealed class SmallUidSet(EntityUid[] items) : IReadOnlySet<EntityUid>
{
    /// <summary>Above this many uids, a hash set is the better choice.</summary>
    public const int MaxCount = 16;

    public int Count => items.Length;

    public bool Contains(EntityUid item)
    {
        foreach (var uid in items)
        {
            if (uid.Equals(item))
            {
                return true;
            }
        }

        return false;
    }

    public IEnumerator<EntityUid> GetEnumerator() => ((IEnumerable<EntityUid>)items).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => items.GetEnumerator();

    // The set comparisons are not used on the hot path; they delegate to a hash set with the same members.
    public bool IsProperSubsetOf(IEnumerable<EntityUid> other) => ToHashSet().IsProperSubsetOf(other);

    public bool IsProperSupersetOf(IEnumerable<EntityUid> other) => ToHashSet().IsProperSupersetOf(other);

    public bool IsSubsetOf(IEnumerable<EntityUid> other) => ToHashSet().IsSubsetOf(other);

    public bool IsSupersetOf(IEnumerable<EntityUid> other) => ToHashSet().IsSupersetOf(other);

    public bool Overlaps(IEnumerable<EntityUid> other) => ToHashSet().Overlaps(other);

    public bool SetEquals(IEnumerable<EntityUid> other) => ToHashSet().SetEquals(other);

    private HashSet<EntityUid> ToHashSet() => [.. items];
}
