namespace Verdict.Tokens;

/// <summary>Verdict-hosted issuers (Cognito user pools served by this Verdict): keys without any network.</summary>
public interface ILocalIssuerDirectory
{
    /// <summary>
    /// Accepts Verdict's own issuer URL for a pool (<c>&lt;public-url&gt;/&lt;poolId&gt;</c>) or the AWS form
    /// <c>https://cognito-idp.&lt;region&gt;.amazonaws.com/&lt;poolId&gt;</c>; null when this Verdict does not host it.
    /// </summary>
    ValueTask<LocalIssuer?> FindAsync(string issuer, CancellationToken cancellationToken);
}
