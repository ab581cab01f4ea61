using Cedar.Ast;

namespace Cedar.Authorization;

/// <summary>
/// Builds a <see cref="CompiledPolicySet"/> one policy and one link at a time, without a <see cref="PolicySet"/> in
/// between: a host compiling a large store (100,000 links) skips the set's map of links and a
/// <see cref="TemplateLink"/> and dictionary per link, all of which would be garbage as soon as the compiled set exists.
/// It checks what <see cref="PolicySet.Create"/> checks (unique ids, known templates, slot values matching the
/// template's slots) and reports a violation as an error message.
/// </summary>
public sealed class CompiledPolicySetBuilder
{
    private readonly List<CompiledPolicy> _statics = [];
    private readonly List<CompiledPolicy> _links;
    private readonly Dictionary<string, Policy> _templates = new(StringComparer.Ordinal);
    private readonly HashSet<string> _ids = new(StringComparer.Ordinal);

    // Links repeat the same users, groups and folders many times: one instance per entity (and per type name) keeps a
    // large set small.
    private readonly Dictionary<EntityUid, EntityUid> _uids = [];
    private readonly Dictionary<Name, Name> _names = [];

    /// <param name="expectedLinks">How many links will be added, if known (sizes the list once).</param>
    public CompiledPolicySetBuilder(int expectedLinks = 0)
    {
        _links = new List<CompiledPolicy>(expectedLinks);
    }

    /// <summary>Adds a static policy, or a template (a policy with slots) for later links; null, or why it can't be added.</summary>
    public string? AddPolicy(Policy policy)
    {
        if (!_ids.Add(policy.Id))
        {
            return $"duplicate policy id `{policy.Id}`";
        }

        if (policy.IsTemplate)
        {
            _templates[policy.Id] = policy;
        }
        else
        {
            _statics.Add(new CompiledPolicy(policy.Id, policy, null));
        }

        return null;
    }

    /// <summary>Adds a link of a template added before; null, or why it can't be added.</summary>
    public string? AddLink(string id, string templateId, EntityUid? principal, EntityUid? resource)
    {
        if (_ids.Contains(id))
        {
            return $"duplicate policy id `{id}`";
        }

        if (!_templates.TryGetValue(templateId, out var template))
        {
            return $"failed to find a template with id `{templateId}`";
        }

        var hasPrincipal = template.Slots.Contains(SlotId.Principal);
        var hasResource = template.Slots.Contains(SlotId.Resource);
        if (hasPrincipal != principal is not null || hasResource != resource is not null)
        {
            var missing = (hasPrincipal && principal is null ? "?principal" : null, hasResource && resource is null ? "?resource" : null);
            var extra = (!hasPrincipal && principal is not null ? "?principal" : null, !hasResource && resource is not null ? "?resource" : null);
            var listed = missing is (null, null)
                ? "the following slots were provided as arguments, but did not exist in the template: " + Join(extra)
                : "the following slots were not provided as arguments: " + Join(missing);
            return $"failed to link template `{templateId}`: {listed}";
        }

        _ids.Add(id);
        _links.Add(new CompiledPolicy(id, template, new LinkedSlots(Share(principal), Share(resource))));
        return null;
    }

    /// <summary>Adds a link whose slot values are already in two fields (kept as they are when its entities are shared).</summary>
    internal void AddCheckedLink(string id, Policy template, IReadOnlyDictionary<SlotId, EntityUid> values)
    {
        values.TryGetValue(SlotId.Principal, out var principal);
        values.TryGetValue(SlotId.Resource, out var resource);
        var sharedPrincipal = Share(principal);
        var sharedResource = Share(resource);
        var slots = values is LinkedSlots given && ReferenceEquals(given.Principal, sharedPrincipal) && ReferenceEquals(given.Resource, sharedResource)
            ? given
            : new LinkedSlots(sharedPrincipal, sharedResource);
        _links.Add(new CompiledPolicy(id, template, slots));
    }

    /// <summary>The compiled set: static policies in the order added, then links in the order added.</summary>
    public CompiledPolicySet Build()
    {
        var policies = new CompiledPolicy[_statics.Count + _links.Count];
        _statics.CopyTo(policies);
        _links.CopyTo(policies, _statics.Count);
        return CompiledPolicySet.FromCompiled(policies);
    }

    private EntityUid? Share(EntityUid? uid)
    {
        if (uid is null)
        {
            return null;
        }

        if (!_uids.TryGetValue(uid, out var shared))
        {
            if (!_names.TryGetValue(uid.Type, out var type))
            {
                _names[uid.Type] = type = uid.Type;
            }

            _uids[uid] = shared = ReferenceEquals(type, uid.Type) ? uid : new EntityUid(type, uid.Id);
        }

        return shared;
    }

    private static string Join((string? First, string? Second) slots) =>
        string.Join(", ", new[] { slots.First, slots.Second }.Where(s => s is not null));
}
