namespace Verdict.VerifiedPermissions.Templates;

public sealed record CreatePolicyTemplateInput(string? ClientToken, string PolicyStoreId, string? Description, string Statement, string? Name);

/// <summary>The output of CreatePolicyTemplate and UpdatePolicyTemplate.</summary>
public sealed record PolicyTemplateWriteOutput(string PolicyStoreId, string PolicyTemplateId, string CreatedDate, string LastUpdatedDate);

public sealed record GetPolicyTemplateInput(string PolicyStoreId, string PolicyTemplateId);

public sealed record GetPolicyTemplateOutput(
    string PolicyStoreId, string PolicyTemplateId, string? Description, string Statement, string CreatedDate, string LastUpdatedDate, string? Name);

public sealed record UpdatePolicyTemplateInput(string PolicyStoreId, string PolicyTemplateId, string? Description, string Statement, string? Name);

public sealed record DeletePolicyTemplateInput(string PolicyStoreId, string PolicyTemplateId);

public sealed record ListPolicyTemplatesInput(string PolicyStoreId, string? NextToken, int? MaxResults);

public sealed record PolicyTemplateItem(
    string PolicyStoreId, string PolicyTemplateId, string? Description, string CreatedDate, string LastUpdatedDate, string? Name);

public sealed record ListPolicyTemplatesOutput(string? NextToken, IReadOnlyList<PolicyTemplateItem> PolicyTemplates);
