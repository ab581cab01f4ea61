namespace Verdict.Tokens;

/// <summary>Settings of <see cref="JwtVerifier"/> and <see cref="IssuerKeyResolver"/>; read on every use, so set them before serving.</summary>
public sealed class TokenVerifierOptions
{
    /// <summary>Leeway for <c>exp</c> and <c>nbf</c>.</summary>
    public TimeSpan ClockSkew { get; set; } = TimeSpan.Zero;

    /// <summary>Allows <c>http://</c> issuers and JWKS URLs, only on 127.0.0.0/8, ::1 and localhost (tests, local IdPs).</summary>
    public bool AllowHttpLoopbackIssuers { get; set; }

    /// <summary>Issuer → path of a JWKS JSON file, used instead of discovery (air-gapped installations).</summary>
    public IDictionary<string, string> PinnedJwksFiles { get; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>Limit for one HTTP fetch (discovery or JWKS), headers and body together.</summary>
    public TimeSpan HttpTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Largest discovery document, JWKS or pinned file accepted.</summary>
    public int MaxDocumentBytes { get; set; } = 256 * 1024;

    /// <summary>How long fetched keys are used before they are fetched again.</summary>
    public TimeSpan KeyCacheLifetime { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Refresh on an unknown <c>kid</c> (or after a failed fetch) at most this often per issuer.</summary>
    public TimeSpan MinRefreshInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Longest compact token accepted, in characters; larger ones are refused before any decoding.</summary>
    public int MaxTokenLength { get; set; } = 64 * 1024;
}
