using System.Collections.Concurrent;
using Cedar.Ast;
using Cedar.Authorization;
using Cedar.Parsing;
using Cedar.Schema;
using Verdict.Storage;
using Verdict.VerifiedPermissions.Policies;
using Verdict.VerifiedPermissions.Schemas;

namespace Verdict.VerifiedPermissions.Authorization;

/// <summary>A store's policies compiled for authorization, as of one store version.</summary>
/// <param name="Schema">The resolved schema, or null when the store has none (or it can't be resolved in this build).</param>
public sealed record CompiledPolicyStore(long Version, CompiledPolicySet Policies, ValidatorSchema? Schema);

/// <summary>
/// Compiled policy sets cached per (account, region, store) and version. Every write that changes an answer bumps the
/// store's version in its transaction, so a request that reads the new version recompiles, and one that reads the
/// cached version reuses the compiled set without parsing anything. Each template is parsed once, however many
/// policies link to it.
/// </summary>
public sealed class CompiledPolicyStores(IVerdictStorage storage)
{
    private readonly ConcurrentDictionary<(Tenant Tenant, string PolicyStoreId), CompiledPolicyStore> _cache = new();
    private long _compilations;

    /// <summary>Number of compilations so far (observable by tests and diagnostics).</summary>
    public long Compilations => Interlocked.Read(ref _compilations);

    /// <summary>The compiled store at <paramref name="store"/>'s version or newer; null when the store has been deleted meanwhile.</summary>
    public async ValueTask<CompiledPolicyStore?> GetAsync(PolicyStoreRecord store, CancellationToken cancellationToken)
    {
        var key = (store.Tenant, store.PolicyStoreId);
        if (_cache.TryGetValue(key, out var cached) && cached.Version >= store.Version)
        {
            return cached;
        }

        var snapshot = await storage.Policies.LoadSnapshotAsync(store.Tenant, store.PolicyStoreId, cancellationToken).ConfigureAwait(false);
        if (snapshot is null)
        {
            _cache.TryRemove(key, out _);
            return null;
        }

        var compiled = Compile(snapshot);
        Interlocked.Increment(ref _compilations);
        return _cache.AddOrUpdate(key, compiled, (_, existing) => existing.Version > compiled.Version ? existing : compiled);
    }

    private static CompiledPolicyStore Compile(PolicySetSnapshot snapshot)
    {
        var policies = new List<Policy>(snapshot.Policies.Count + snapshot.Templates.Count);
        foreach (var template in snapshot.Templates)
        {
            policies.Add(Parse(template.Statement, template.PolicyTemplateId));
        }

        // The links repeat a few entity types and the same users and folders: one Name per type and one EntityUid per
        // entity, with two-field slot values, keep what the compilation allocates per link (and leaves as garbage in
        // the oldest generation once the compiled set replaces it) small.
        var names = new Dictionary<string, Name>(StringComparer.Ordinal);
        var uids = new Dictionary<(string Type, string Id), EntityUid>();
        EntityUid? Uid(StoredEntity? entity)
        {
            if (entity is null)
            {
                return null;
            }

            if (!uids.TryGetValue((entity.EntityType, entity.EntityId), out var uid))
            {
                if (!names.TryGetValue(entity.EntityType, out var type))
                {
                    names[entity.EntityType] = type = Name.FromFullName(entity.EntityType);
                }

                uids[(entity.EntityType, entity.EntityId)] = uid = new EntityUid(type, entity.EntityId);
            }

            return uid;
        }

        var links = new List<TemplateLink>(snapshot.Policies.Count);
        foreach (var policy in snapshot.Policies)
        {
            if (policy.Statement is { } statement)
            {
                policies.Add(Parse(statement, policy.PolicyId));
                continue;
            }

            links.Add(new TemplateLink(policy.PolicyId, policy.PolicyTemplateId!, new LinkedSlots(Uid(policy.LinkedPrincipal), Uid(policy.LinkedResource))));
        }

        var set = PolicySet.Create(policies, links);
        if (!set.Success)
        {
            // Every stored statement and link was checked when it was written.
            throw new InvalidOperationException("Stored policies no longer form a policy set: " + string.Join("; ", set.Errors.Select(e => e.Message)));
        }

        ValidatorSchema? schema = null;
        if (snapshot.Schema is { } stored && SchemaCompiler.TryCompile(stored.SchemaJson, out var compiledSchema) is null)
        {
            schema = compiledSchema.Resolved;
        }

        return new CompiledPolicyStore(snapshot.Version, CompiledPolicySet.Compile(set.Value!), schema);
    }

    private static Policy Parse(string statement, string id)
    {
        var parsed = PolicyParser.ParsePolicy(statement, id);
        return parsed.Success
            ? parsed.Value!
            : throw new InvalidOperationException($"Stored policy {id} no longer parses: {parsed.Errors[0].Message}");
    }
}
