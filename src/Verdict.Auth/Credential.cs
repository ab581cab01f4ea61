namespace Verdict.Auth;

/// <summary>
/// An access key known to Verdict: its secret, the account it acts for, and for temporary credentials the session token
/// that must accompany it. The secret is never logged; <see cref="ToString"/> leaves it out.
/// </summary>
public sealed class Credential(
    string accessKeyId, string secretAccessKey, string accountId, string? sessionToken = null, DateTimeOffset? expiresAt = null, string? federatedPrincipal = null)
{
    public string AccessKeyId { get; } = accessKeyId;

    public string SecretAccessKey { get; } = secretAccessKey;

    public string AccountId { get; } = accountId;

    /// <summary>Set for temporary credentials: requests must carry it in <c>x-amz-security-token</c>.</summary>
    public string? SessionToken { get; } = sessionToken;

    public DateTimeOffset? ExpiresAt { get; } = expiresAt;

    /// <summary>
    /// Set for credentials a Cognito identity pool handed to an end user: the assumed-role ARN they stand for. Such
    /// callers are not developers: a service accepts them only for the operations it lists as federated.
    /// </summary>
    public string? FederatedPrincipal { get; } = federatedPrincipal;

    public override string ToString() => $"{AccessKeyId} (account {AccountId})";
}

/// <summary>Looks up an access key. Implementations must be thread-safe and cheap: this runs on every request.</summary>
public interface ICredentialResolver
{
    Credential? Find(string accessKeyId);
}
