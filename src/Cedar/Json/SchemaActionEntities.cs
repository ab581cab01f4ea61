using System.Runtime.CompilerServices;
using Cedar.Ast;
using Cedar.Entities;
using Cedar.Schema;

namespace Cedar.Json;

/// <summary>
/// The action entities a schema adds to every entity store parsed with it, built once per schema: the entities and,
/// where it depends on the schema alone, each one's closure of ancestors.
/// </summary>
internal sealed class SchemaActionEntities
{
    private static readonly ConditionalWeakTable<ValidatorSchema, SchemaActionEntities> s_bySchema = [];

    private SchemaActionEntities(ValidatorSchema schema)
    {
        var entities = new Dictionary<EntityUid, Entity>(schema.Actions.Count);
        foreach (var action in schema.Actions.Values)
        {
            entities[action.Uid] = new Entity(action.Uid, parents: action.MemberOf);
        }

        Entities = [.. entities.Values];

        // A closure that reaches only declared actions is the same in every store: their entries there are these
        // entities, which replace any action entity of the JSON. One reaching anything else is computed per store.
        var alone = EntityStore.FromMap(new Dictionary<EntityUid, Entity>(entities));
        var known = new Dictionary<Entity, IReadOnlySet<EntityUid>>(ReferenceEqualityComparer.Instance);
        foreach (var entity in Entities)
        {
            var ancestors = alone.AncestorsOf(entity.Uid);
            if (ancestors.Count > 0 && ancestors.All(schema.Actions.ContainsKey))
            {
                known[entity] = ancestors;
            }
        }

        KnownAncestors = known;
    }

    public Entity[] Entities { get; }

    /// <summary>Ancestor sets of some of <see cref="Entities"/>, keyed by the entity object itself.</summary>
    public IReadOnlyDictionary<Entity, IReadOnlySet<EntityUid>> KnownAncestors { get; }

    public static SchemaActionEntities Of(ValidatorSchema schema) => s_bySchema.GetValue(schema, static s => new SchemaActionEntities(s));
}
