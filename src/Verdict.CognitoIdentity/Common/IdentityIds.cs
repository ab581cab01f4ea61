using System.Security.Cryptography;
using System.Text.RegularExpressions;

namespace Verdict.CognitoIdentity.Common;

/// <summary>Identity pool and identity ids (<c>REGION:GUID</c>) and the random parts of credentials.</summary>
internal static partial class IdentityIds
{
    private const string UpperAlphanumerics = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    private const string SecretAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

    public static string NewId(string region) => region + ":" + Guid.NewGuid().ToString("D");

    /// <summary>The region an id starts with, when the part before the colon is shaped like one (<c>us-east-1</c>).</summary>
    public static string? RegionOf(string id)
    {
        var colon = id.IndexOf(':', StringComparison.Ordinal);
        return colon > 0 && RegionPattern().IsMatch(id.AsSpan(0, colon)) ? id[..colon] : null;
    }

    /// <summary>AWS temporary access keys start with ASIA and have 20 characters.</summary>
    public static string NewAccessKeyId() => "ASIA" + RandomNumberGenerator.GetString(UpperAlphanumerics, 16);

    public static string NewSecretKey() => RandomNumberGenerator.GetString(SecretAlphabet, 40);

    public static string NewSessionToken() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(96));

    public static string PoolArn(string region, string account, string identityPoolId) =>
        $"arn:aws:cognito-identity:{region}:{account}:identitypool/{identityPoolId}";

    [GeneratedRegex(@"^[a-z]{2}(-[a-z]+)+-\d+$")]
    private static partial Regex RegionPattern();
}
