namespace Verdict.CognitoIdentity;

/// <summary>Where identity pools keep their data (<c>&lt;data&gt;/cognito-identity.db</c>) and how long what they hand out lives.</summary>
public sealed class CognitoIdentityOptions
{
    public string DataDirectory { get; set; } = "./data";

    public string DatabasePath => Path.Combine(Path.GetFullPath(DataDirectory), "cognito-identity.db");

    /// <summary>GetOpenIdToken's token lifetime: AWS's is 10 minutes.</summary>
    public TimeSpan OpenIdTokenLifetime { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>GetOpenIdTokenForDeveloperIdentity's default lifetime when TokenDuration is omitted: AWS's is 15 minutes.</summary>
    public TimeSpan DeveloperTokenDefaultLifetime { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>GetCredentialsForIdentity's credentials lifetime: AWS's is one hour.</summary>
    public TimeSpan CredentialsLifetime { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Identity pools per account and region (AWS's default quota).</summary>
    public int MaxPoolsPerAccount { get; set; } = 1000;
}
