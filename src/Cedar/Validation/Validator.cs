using Cedar.Ast;
using Cedar.Schema;
using Cedar.Values;

namespace Cedar.Validation;

/// <summary>
/// Cedar's strict-mode policy validator, agreeing with cedar-wasm 4.13 <c>validate</c>: entity types and actions must
/// exist, the scope must allow some action, and every policy must type check in every request environment the
/// schema defines (templates once per possible slot type).
/// </summary>
public static class Validator
{
    public static ValidationResult Validate(IEnumerable<Policy> policiesAndTemplates, ValidatorSchema schema, ValidationOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(policiesAndTemplates);
        ArgumentNullException.ThrowIfNull(schema);
        options ??= new ValidationOptions();
        var index = new SchemaIndex(schema);
        var errors = new List<ValidationIssue>();
        var warnings = new List<ValidationIssue>();
        foreach (var policy in policiesAndTemplates)
        {
            ValidatePolicy(policy, index, options, errors, warnings);
        }

        return new ValidationResult(errors, warnings);
    }

    /// <summary>
    /// Validates the static policies and templates of a set, then each template-linked policy: the entity types of its
    /// slot values must exist, and its linked scope must allow some action (a warning unless
    /// <see cref="ValidationOptions.InvalidActionApplicationIsError"/>).
    /// </summary>
    public static ValidationResult Validate(PolicySet policySet, ValidatorSchema schema, ValidationOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(policySet);
        ArgumentNullException.ThrowIfNull(schema);
        options ??= new ValidationOptions();
        var first = Validate(policySet.StaticPolicies.Concat(policySet.Templates), schema, options);
        var index = new SchemaIndex(schema);
        var errors = first.Errors.ToList();
        var warnings = first.Warnings.ToList();
        foreach (var link in policySet.Links)
        {
            if (!policySet.TryGetTemplate(link.TemplateId, out var template))
            {
                continue;
            }

            foreach (var (_, uid) in link.Values.OrderBy(v => v.Key))
            {
                if (!index.IsKnownEntityType(uid.Type))
                {
                    errors.Add(new ValidationIssue(link.Id, ValidationKinds.UnrecognizedEntityType, "unrecognized entity type `" + uid.Type + "`", SourceSpan.None));
                }
            }

            var linked = new Policy(
                link.Id,
                template.Effect,
                template.Annotations,
                Fill(template.Principal, link),
                template.Action,
                Fill(template.Resource, link),
                template.Conditions) { Span = template.Span };
            if (!PolicyChecks.HasApplicableAction(linked, index))
            {
                var issue = new ValidationIssue(link.Id, ValidationKinds.InvalidActionApplication, "unable to find an applicable action given the policy scope constraints", template.Span);
                (options.InvalidActionApplicationIsError ? errors : warnings).Add(issue);
            }
        }

        return new ValidationResult(errors, warnings);
    }

    private static ScopeConstraint Fill(ScopeConstraint constraint, TemplateLink link) =>
        constraint.Entity?.Slot is { } slot && link.Values.TryGetValue(slot, out var uid)
            ? new ScopeConstraint(constraint.Op, EntityReference.Of(uid), constraint.EntityType) { Span = constraint.Span }
            : constraint;

    private static void ValidatePolicy(Policy policy, SchemaIndex schema, ValidationOptions options, List<ValidationIssue> errors, List<ValidationIssue> warnings)
    {
        var policyErrors = new List<ValidationIssue>();
        PolicyChecks.CheckEntityTypes(policy, schema, policyErrors);
        PolicyChecks.CheckEnumEntities(policy, schema, policyErrors);
        PolicyChecks.CheckActionIds(policy, schema, policyErrors);
        if (!PolicyChecks.HasApplicableAction(policy, schema))
        {
            var issue = new ValidationIssue(policy.Id, ValidationKinds.InvalidActionApplication, "unable to find an applicable action given the policy scope constraints", policy.Span);
            (options.InvalidActionApplicationIsError ? policyErrors : warnings).Add(issue);
        }

        var condition = PolicyCondition.Build(policy);
        var allFalse = true;
        foreach (var env in schema.Environments)
        {
            foreach (var linked in LinkSlots(policy, env, schema))
            {
                var envErrors = new List<ValidationIssue>();
                var checker = new EnvironmentTypechecker(schema, linked, policy.Id, envErrors);
                var answer = checker.ExpectType(CapabilitySet.Empty, condition, CedarType.Bool);
                if (answer.Type != CedarType.False)
                {
                    allFalse = false;
                }

                policyErrors.AddRange(envErrors);
            }
        }

        if (allFalse)
        {
            warnings.Add(new ValidationIssue(policy.Id, ValidationKinds.ImpossiblePolicy, "policy is impossible: the policy expression evaluates to false for all valid requests", policy.Span));
        }

        var seen = new HashSet<ValidationIssue>();
        foreach (var e in policyErrors.OrderBy(e => e.Span.Start))
        {
            if (seen.Add(e))
            {
                errors.Add(e);
            }
        }
    }

    /// <summary>The environments for a template: each slot takes every entity type its scope constraint allows.</summary>
    private static IEnumerable<RequestEnvironment> LinkSlots(Policy policy, RequestEnvironment env, SchemaIndex schema)
    {
        if (!policy.IsTemplate)
        {
            yield return env;
            yield break;
        }

        foreach (var p in SlotTypes(policy, SlotId.Principal, policy.Principal, env.Principal, schema))
        {
            foreach (var r in SlotTypes(policy, SlotId.Resource, policy.Resource, env.Resource, schema))
            {
                yield return env with { PrincipalSlot = p, ResourceSlot = r };
            }
        }
    }

    private static IEnumerable<Name?> SlotTypes(Policy policy, SlotId slot, ScopeConstraint constraint, Name variableType, SchemaIndex schema)
    {
        if (!policy.Slots.Contains(slot))
        {
            return [null];
        }

        return constraint.Op switch
        {
            ScopeOp.Eq => [variableType],
            ScopeOp.In or ScopeOp.IsIn => schema.EntityTypeNames.Where(t => schema.HasDescendant(t, variableType)).Append(variableType).Cast<Name?>().ToList(),
            _ => schema.EntityTypeNames.Cast<Name?>().ToList(),
        };
    }
}
