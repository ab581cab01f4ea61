namespace Verdict.Server;

/// <summary>Where the server listens and keeps its data. Port 0 picks a free port (the log line names it).</summary>
public sealed record ServerOptions(string Host = "127.0.0.1", int Port = 8340, string DataDirectory = "./data")
{
    public string DatabasePath => Path.Combine(Path.GetFullPath(DataDirectory), "verdict.db");

    /// <summary>The base URL token issuers are named by (<c>&lt;url&gt;/&lt;userPoolId&gt;</c>); defaults to the server's own address.</summary>
    public string? PublicUrl { get; init; }

    /// <summary>Accept unsigned requests (moto-like); refused on non-loopback addresses.</summary>
    public bool NoAuth { get; init; }

    /// <summary>The access-key file; defaults to <c>credentials.json</c> in the data folder.</summary>
    public string? CredentialsFile { get; init; }

    /// <summary>Allow listening beyond loopback while only the development key (test/test) is configured.</summary>
    public bool AllowDefaultCredentialsOnNetwork { get; init; }

    /// <summary>Accept http:// token issuers on loopback addresses (127.0.0.0/8, ::1, localhost) for JWT verification.</summary>
    public bool AllowHttpLoopbackIssuers { get; init; }

    /// <summary>Issuer → JWKS file: tokens of these issuers are verified with the file's keys, without discovery (air-gapped).</summary>
    public IReadOnlyDictionary<string, string> PinnedJwksFiles { get; init; } = new Dictionary<string, string>(StringComparer.Ordinal);

    public string CredentialsPath => CredentialsFile is { } file ? Path.GetFullPath(file) : Path.Combine(Path.GetFullPath(DataDirectory), "credentials.json");

    public bool IsLoopback => Host is "localhost" || (System.Net.IPAddress.TryParse(Host, out var address) && System.Net.IPAddress.IsLoopback(address));
}
