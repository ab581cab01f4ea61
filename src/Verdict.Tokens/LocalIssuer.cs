namespace Verdict.Tokens;

/// <summary>A user pool hosted by this Verdict, with both names its tokens may be expected under, and its public keys.</summary>
public sealed record LocalIssuer(string UserPoolId, string AccountId, string Region, string VerdictIssuer, string AwsIssuer, JsonWebKeySet Keys)
{
    /// <summary>True when <paramref name="issuer"/> is either of this pool's names.</summary>
    public bool IsNamedBy(string issuer) => string.Equals(issuer, VerdictIssuer, StringComparison.Ordinal) || string.Equals(issuer, AwsIssuer, StringComparison.Ordinal);
}
