namespace Verdict.CognitoIdentityProvider;

/// <summary>
/// Where Cognito keeps its data, and the public base URL its tokens name as issuer (<c>&lt;base&gt;/&lt;userPoolId&gt;</c>).
/// Without <see cref="PublicBaseUrl"/> the server's own first listening address is used, with a wildcard host
/// (0.0.0.0, [::]) replaced by 127.0.0.1.
/// </summary>
public sealed class CognitoOptions
{
    public string DataDirectory { get; set; } = "./data";

    public string? PublicBaseUrl { get; set; }

    /// <summary>Settings of the shared JWT verifier (<see cref="Verdict.Tokens.JwtVerifier"/>) registered alongside Cognito.</summary>
    public Verdict.Tokens.TokenVerifierOptions TokenVerification { get; } = new();

    public string DatabasePath => Path.Combine(Path.GetFullPath(DataDirectory), "cognito-idp.db");
}
