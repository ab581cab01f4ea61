using System.Security.Cryptography;

namespace Verdict.CognitoIdentityProvider.Common;

/// <summary>Identifiers shaped like AWS's: pool ids, client ids and secrets, ARNs, and opaque tokens.</summary>
public static class Identifiers
{
    private const string Alphanumerics = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    private const string LowerAlphanumerics = "abcdefghijklmnopqrstuvwxyz0123456789";

    /// <summary><c>&lt;region&gt;_&lt;9 alphanumerics&gt;</c>, for example <c>us-east-1_a1B2c3D4e</c>.</summary>
    public static string NewUserPoolId(string region) => region + "_" + RandomNumberGenerator.GetString(Alphanumerics, 9);

    /// <summary>26 lowercase alphanumerics.</summary>
    public static string NewClientId() => RandomNumberGenerator.GetString(LowerAlphanumerics, 26);

    /// <summary>51 lowercase alphanumerics, inside the model's 24–64 <c>[\w+]+</c>.</summary>
    public static string NewClientSecret() => RandomNumberGenerator.GetString(LowerAlphanumerics, 51);

    public static string UserPoolArn(string region, string account, string userPoolId) =>
        $"arn:aws:cognito-idp:{region}:{account}:userpool/{userPoolId}";

    /// <summary>The region a pool id starts with (<c>us-east-1_abc</c> → <c>us-east-1</c>), or null.</summary>
    public static string? RegionOf(string userPoolId)
    {
        var underscore = userPoolId.IndexOf('_', StringComparison.Ordinal);
        return underscore > 0 ? userPoolId[..underscore] : null;
    }

    /// <summary>A random opaque value with 256 bits of entropy, Base64url without padding.</summary>
    public static string NewOpaqueToken(int bytes = 32) => Base64Url.Encode(RandomNumberGenerator.GetBytes(bytes));

    /// <summary>SHA-256 of a high-entropy token: enough to store it without keeping the token itself.</summary>
    public static string HashToken(string token) =>
        Convert.ToHexStringLower(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(token)));
}
