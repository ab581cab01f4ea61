namespace Verdict.VerifiedPermissions.Aliases;

public sealed record CreatePolicyStoreAliasInput(string AliasName, string PolicyStoreId);

public sealed record CreatePolicyStoreAliasOutput(string AliasName, string PolicyStoreId, string AliasArn, string CreatedAt);

public sealed record GetPolicyStoreAliasInput(string AliasName);

public sealed record PolicyStoreAliasItem(string AliasName, string PolicyStoreId, string AliasArn, string CreatedAt, string State);

public sealed record PolicyStoreAliasFilter(string? PolicyStoreId);

public sealed record ListPolicyStoreAliasesInput(string? NextToken, int? MaxResults, PolicyStoreAliasFilter? Filter);

public sealed record ListPolicyStoreAliasesOutput(string? NextToken, IReadOnlyList<PolicyStoreAliasItem> PolicyStoreAliases);

public sealed record DeletePolicyStoreAliasInput(string AliasName);
