using Verdict.VerifiedPermissions.Common;

namespace Verdict.VerifiedPermissions.Policies;

public sealed record StaticPolicyDefinition(string? Description, string Statement);

public sealed record TemplateLinkedPolicyDefinition(string PolicyTemplateId, EntityIdentifier? Principal, EntityIdentifier? Resource);

/// <summary>The <c>PolicyDefinition</c> union (input and detail output share the members).</summary>
public sealed record PolicyDefinition(StaticPolicyDefinition? Static, TemplateLinkedPolicyDefinition? TemplateLinked);

public sealed record StaticPolicyDefinitionItem(string? Description);

/// <summary>The <c>PolicyDefinitionItem</c> union of list results: a static item carries no statement.</summary>
public sealed record PolicyDefinitionItem(StaticPolicyDefinitionItem? Static, TemplateLinkedPolicyDefinition? TemplateLinked);

public sealed record CreatePolicyInput(string? ClientToken, string PolicyStoreId, PolicyDefinition Definition, string? Name);

/// <summary>The output of CreatePolicy and UpdatePolicy.</summary>
public sealed record PolicyWriteOutput(
    string PolicyStoreId,
    string PolicyId,
    string PolicyType,
    EntityIdentifier? Principal,
    EntityIdentifier? Resource,
    IReadOnlyList<ActionIdentifier>? Actions,
    string CreatedDate,
    string LastUpdatedDate,
    string? Effect);

public sealed record GetPolicyInput(string PolicyStoreId, string PolicyId);

public sealed record GetPolicyOutput(
    string PolicyStoreId,
    string PolicyId,
    string PolicyType,
    EntityIdentifier? Principal,
    EntityIdentifier? Resource,
    IReadOnlyList<ActionIdentifier>? Actions,
    PolicyDefinition Definition,
    string CreatedDate,
    string LastUpdatedDate,
    string? Effect,
    string? Name);

public sealed record UpdateStaticPolicyDefinition(string? Description, string Statement);

public sealed record UpdatePolicyDefinition(UpdateStaticPolicyDefinition? Static);

public sealed record UpdatePolicyInput(string PolicyStoreId, string PolicyId, UpdatePolicyDefinition? Definition, string? Name);

public sealed record DeletePolicyInput(string PolicyStoreId, string PolicyId);

public sealed record PolicyFilter(EntityReference? Principal, EntityReference? Resource, string? PolicyType, string? PolicyTemplateId);

public sealed record ListPoliciesInput(string PolicyStoreId, string? NextToken, int? MaxResults, PolicyFilter? Filter);

public sealed record PolicyItem(
    string PolicyStoreId,
    string PolicyId,
    string PolicyType,
    EntityIdentifier? Principal,
    EntityIdentifier? Resource,
    IReadOnlyList<ActionIdentifier>? Actions,
    PolicyDefinitionItem Definition,
    string CreatedDate,
    string LastUpdatedDate,
    string? Effect,
    string? Name);

public sealed record ListPoliciesOutput(string? NextToken, IReadOnlyList<PolicyItem> Policies);

public sealed record BatchGetPolicyInputItem(string PolicyStoreId, string PolicyId);

public sealed record BatchGetPolicyInput(IReadOnlyList<BatchGetPolicyInputItem> Requests);

public sealed record BatchGetPolicyOutputItem(
    string PolicyStoreId,
    string PolicyId,
    string PolicyType,
    PolicyDefinition Definition,
    string CreatedDate,
    string LastUpdatedDate,
    string? Name);

public sealed record BatchGetPolicyErrorItem(string Code, string PolicyStoreId, string PolicyId, string Message);

public sealed record BatchGetPolicyOutput(IReadOnlyList<BatchGetPolicyOutputItem> Results, IReadOnlyList<BatchGetPolicyErrorItem> Errors);
