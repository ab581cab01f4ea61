using Cedar.Ast;

namespace Cedar.Authorization;

/// <summary>
/// A policy filed under a principal together with the resource its scope names. A principal's grants are kept in one
/// array sorted by <see cref="Hash"/> (the resource's hash), searched by binary search: 16 bytes a grant, where a small
/// dictionary per principal and an array per pair cost several times that.
/// </summary>
internal readonly record struct ResourceGrant(int Hash, EntityUid Resource, int Policy)
{
    /// <summary>Adds to <paramref name="result"/> the policies of <paramref name="grants"/> filed under <paramref name="resource"/>.</summary>
    public static void AddMatching(List<int> result, ResourceGrant[] grants, EntityUid resource)
    {
        var hash = resource.GetHashCode();
        int low = 0, high = grants.Length;
        while (low < high)
        {
            var middle = (low + high) >>> 1;
            if (grants[middle].Hash < hash)
            {
                low = middle + 1;
            }
            else
            {
                high = middle;
            }
        }

        for (var i = low; i < grants.Length && grants[i].Hash == hash; i++)
        {
            if (grants[i].Resource.Equals(resource))
            {
                result.Add(grants[i].Policy);
            }
        }
    }

    /// <summary>Orders by hash, then policy, as <see cref="AddMatching"/> requires.</summary>
    public static int Compare(ResourceGrant a, ResourceGrant b)
    {
        var byHash = a.Hash.CompareTo(b.Hash);
        return byHash != 0 ? byHash : a.Policy.CompareTo(b.Policy);
    }
}
