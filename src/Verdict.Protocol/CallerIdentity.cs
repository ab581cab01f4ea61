namespace Verdict.Protocol;

/// <summary>The tenant a request acts for: the account (from the access key) and the region (from the SigV4 credential scope).</summary>
public sealed record CallerIdentity(string Account, string Region, string? AccessKeyId);
