using System.Collections.Concurrent;
using Cedar.Ast;
using Cedar.Authorization;
using Cedar.Parsing;
using Cedar.Schema;
using Verdict.Storage;
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
        // Straight into the compiled set, without a PolicySet and a TemplateLink per link in between: at 100,000 links
        // those, like the snapshot itself, would be promoted to the oldest generation while the set is built and stay
        // resident as garbage until a full collection, long after.
        var builder = new CompiledPolicySetBuilder(snapshot.Policies.Count);
        foreach (var template in snapshot.Templates)
        {
            Check(builder.AddPolicy(Parse(template.Statement, template.PolicyTemplateId)), template.PolicyTemplateId);
        }

        // One Name per entity type: the links repeat a few types (the builder shares the entities themselves).
        var names = new Dictionary<string, Name>(StringComparer.Ordinal);
        EntityUid? Uid(StoredEntity? entity)
        {
            if (entity is null)
            {
                return null;
            }

            if (!names.TryGetValue(entity.EntityType, out var type))
            {
                names[entity.EntityType] = type = Name.FromFullName(entity.EntityType);
            }

            return new EntityUid(type, entity.EntityId);
        }

        foreach (var policy in snapshot.Policies)
        {
            Check(
                policy.Statement is { } statement
                    ? builder.AddPolicy(Parse(statement, policy.PolicyId))
                    : builder.AddLink(policy.PolicyId, policy.PolicyTemplateId!, Uid(policy.LinkedPrincipal), Uid(policy.LinkedResource)),
                policy.PolicyId);
        }

        ValidatorSchema? schema = null;
        if (snapshot.Schema is { } stored && SchemaCompiler.TryCompile(stored.SchemaJson, out var compiledSchema) is null)
        {
            schema = compiledSchema.Resolved;
        }

        return new CompiledPolicyStore(snapshot.Version, builder.Build(), schema);
    }

    // Every stored statement and link was checked when it was written.
    private static void Check(string? error, string id)
    {
        if (error is not null)
        {
            throw new InvalidOperationException($"Stored policy {id} no longer fits the store's policy set: {error}");
        }
    }

    private static Policy Parse(string statement, string id)
    {
        var parsed = PolicyParser.ParsePolicy(statement, id);
        return parsed.Success
            ? parsed.Value!
            : throw new InvalidOperationException($"Stored policy {id} no longer parses: {parsed.Errors[0].Message}");
    }
}
