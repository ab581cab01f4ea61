namespace Verdict.Protocol;

/// <summary>The tenant a request acts for: the account (from the access key) and the region (from the SigV4 credential scope).</summary>
public sealed record CallerIdentity(string Account, string Region, string? AccessKeyId)
{
    /// <summary>An unsigned call to an operation AWS serves without a signature: no account or region is known from the request.</summary>
    public static readonly CallerIdentity Anonymous = new("", "", null);

    public bool IsAnonymous => Account.Length == 0;

    /// <summary>The assumed-role ARN when the request was signed with identity-pool credentials (see Credential.FederatedPrincipal).</summary>
    public string? FederatedPrincipal { get; init; }
}
