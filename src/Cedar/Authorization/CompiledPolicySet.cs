using Cedar.Ast;
using Cedar.Entities;

namespace Cedar.Authorization;

/// <summary>
/// A policy set prepared once for many requests: immutable and thread-safe. Each policy is filed under the most
/// selective part of its scope (principal and resource entity together, principal entity, resource entity, action,
/// principal type, resource type, or none), so a request looks only at the policies whose scope can match it.
/// </summary>
/// <remarks>
/// Filing a policy that names both a principal and a resource (a per-user sharing grant, typically a template link)
/// under the pair keeps a request's candidates to the grants that cover it: filed under the principal alone, every
/// grant of the user and of the user's groups would be a candidate, and at 100,000 links scanning those (cold in the
/// cache) made the median grow about six-fold from 1,000 links. The pairs are a map of principals to arrays of
/// <see cref="ResourceGrant"/> sorted by the resource's hash, so a request probes the large map once per
/// principal-side entity, not once per pair, then binary-searches that principal's few grants.
/// </remarks>
public sealed class CompiledPolicySet
{
    public static readonly CompiledPolicySet Empty = Compile(PolicySet.Empty);

    private readonly CompiledPolicy[] _policies;
    private readonly int[] _unscoped;
    private readonly Dictionary<EntityUid, ResourceGrant[]> _byPrincipalThenResource;
    private readonly Dictionary<EntityUid, int[]> _byPrincipal;
    private readonly Dictionary<EntityUid, int[]> _byResource;
    private readonly Dictionary<EntityUid, int[]> _byAction;
    private readonly Dictionary<Name, int[]> _byPrincipalType;
    private readonly Dictionary<Name, int[]> _byResourceType;

    private CompiledPolicySet(CompiledPolicy[] policies)
    {
        _policies = policies;
        var unscoped = new List<int>();
        var byPair = new Dictionary<EntityUid, List<ResourceGrant>>();
        var byPrincipal = new Dictionary<EntityUid, List<int>>();
        var byResource = new Dictionary<EntityUid, List<int>>();
        var byAction = new Dictionary<EntityUid, List<int>>();
        var byPrincipalType = new Dictionary<Name, List<int>>();
        var byResourceType = new Dictionary<Name, List<int>>();
        for (var i = 0; i < policies.Length; i++)
        {
            var p = policies[i];
            var body = p.Body;
            var principalUid = p.PrincipalUid;
            var resourceUid = p.ResourceUid;
            if (principalUid is not null && resourceUid is not null)
            {
                if (!byPair.TryGetValue(principalUid, out var grants))
                {
                    byPair[principalUid] = grants = [];
                }

                grants.Add(new ResourceGrant(resourceUid.GetHashCode(), resourceUid, i));
            }
            else if (principalUid is { } pu)
            {
                Add(byPrincipal, pu, i);
            }
            else if (resourceUid is { } ru)
            {
                Add(byResource, ru, i);
            }
            else if (body.Action.Op != ActionScopeOp.Any)
            {
                // `action in []` can match nothing and is filed nowhere.
                foreach (var a in body.Action.Entities)
                {
                    Add(byAction, a, i);
                }
            }
            else if (body.Principal.Op == ScopeOp.Is)
            {
                Add(byPrincipalType, body.Principal.EntityType!, i);
            }
            else if (body.Resource.Op == ScopeOp.Is)
            {
                Add(byResourceType, body.Resource.EntityType!, i);
            }
            else
            {
                unscoped.Add(i);
            }
        }

        _unscoped = [.. unscoped];
        _byPrincipalThenResource = byPair.ToDictionary(kv => kv.Key, kv =>
        {
            var grants = kv.Value.ToArray();
            Array.Sort(grants, ResourceGrant.Compare);
            return grants;
        });
        _byPrincipal = Freeze(byPrincipal);
        _byResource = Freeze(byResource);
        _byAction = Freeze(byAction);
        _byPrincipalType = Freeze(byPrincipalType);
        _byResourceType = Freeze(byResourceType);
    }

    /// <summary>Policies in policy-set order: static policies, then template links.</summary>
    public IReadOnlyList<CompiledPolicy> Policies => _policies;

    public int Count => _policies.Length;

    public static CompiledPolicySet Compile(PolicySet policySet)
    {
        var builder = new CompiledPolicySetBuilder(policySet.Links.Count);
        foreach (var p in policySet.StaticPolicies)
        {
            builder.AddPolicy(p);
        }

        foreach (var link in policySet.Links)
        {
            if (policySet.TryGetTemplate(link.TemplateId, out var template))
            {
                builder.AddCheckedLink(link.Id, template, link.Values);
            }
        }

        return builder.Build();
    }

    internal static CompiledPolicySet FromCompiled(CompiledPolicy[] policies) => new(policies);

    /// <summary>
    /// Indices (ascending, distinct) of the policies whose scope may match the request; a superset of those that do.
    /// </summary>
    internal List<int> Candidates(Request request, EntityStore entities)
    {
        var result = new List<int>(_unscoped);
        if (_byPrincipalThenResource.Count > 0)
        {
            AddPairs(result, request, entities);
        }

        if (_byPrincipal.Count > 0)
        {
            AddWithAncestors(result, _byPrincipal, request.Principal, entities);
        }

        if (_byResource.Count > 0)
        {
            AddWithAncestors(result, _byResource, request.Resource, entities);
        }

        if (_byAction.Count > 0)
        {
            AddWithAncestors(result, _byAction, request.Action, entities);
        }

        if (_byPrincipalType.TryGetValue(request.Principal.Type, out var pt))
        {
            result.AddRange(pt);
        }

        if (_byResourceType.TryGetValue(request.Resource.Type, out var rt))
        {
            result.AddRange(rt);
        }

        if (result.Count > 1)
        {
            result.Sort();
            var w = 1;
            for (var r = 1; r < result.Count; r++)
            {
                if (result[r] != result[w - 1])
                {
                    result[w++] = result[r];
                }
            }

            result.RemoveRange(w, result.Count - w);
        }

        return result;
    }

    internal CompiledPolicy this[int index] => _policies[index];

    /// <summary>
    /// The policies filed under (principal or an ancestor, resource or an ancestor): one probe of the large
    /// principal map per principal-side entity, then searches of that principal's grants.
    /// </summary>
    private void AddPairs(List<int> result, Request request, EntityStore entities)
    {
        IReadOnlySet<EntityUid>? resourceAncestors = null;
        if (_byPrincipalThenResource.TryGetValue(request.Principal, out var own))
        {
            AddGrants(result, own, request.Resource, resourceAncestors ??= entities.AncestorsOf(request.Resource));
        }

        foreach (var principal in entities.AncestorsOf(request.Principal))
        {
            if (_byPrincipalThenResource.TryGetValue(principal, out var viaAncestor))
            {
                AddGrants(result, viaAncestor, request.Resource, resourceAncestors ??= entities.AncestorsOf(request.Resource));
            }
        }
    }

    private static void AddGrants(List<int> result, ResourceGrant[] grants, EntityUid resource, IReadOnlySet<EntityUid> resourceAncestors)
    {
        ResourceGrant.AddMatching(result, grants, resource);
        foreach (var ancestor in resourceAncestors)
        {
            ResourceGrant.AddMatching(result, grants, ancestor);
        }
    }

    private static void AddWithAncestors(List<int> result, Dictionary<EntityUid, int[]> index, EntityUid uid, IReadOnlySet<EntityUid> ancestors)
    {
        if (index.TryGetValue(uid, out var own))
        {
            result.AddRange(own);
        }

        foreach (var ancestor in ancestors)
        {
            if (index.TryGetValue(ancestor, out var viaAncestor))
            {
                result.AddRange(viaAncestor);
            }
        }
    }

    private static void AddWithAncestors(List<int> result, Dictionary<EntityUid, int[]> index, EntityUid uid, EntityStore entities) =>
        AddWithAncestors(result, index, uid, entities.AncestorsOf(uid));

    private static void Add<TKey>(Dictionary<TKey, List<int>> index, TKey key, int policy)
        where TKey : notnull
    {
        if (!index.TryGetValue(key, out var list))
        {
            index[key] = list = [];
        }

        if (list.Count == 0 || list[^1] != policy)
        {
            list.Add(policy);
        }
    }

    private static Dictionary<TKey, int[]> Freeze<TKey>(Dictionary<TKey, List<int>> index)
        where TKey : notnull =>
        index.ToDictionary(kv => kv.Key, kv => kv.Value.ToArray());
}
