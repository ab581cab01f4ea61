namespace Verdict.VerifiedPermissions.IdentitySources;

/// <summary>
/// A Cognito user pool ARN, <c>arn:aws:cognito-idp:us-west-2:123456789012:userpool/us-west-2_1a2b3c4d5</c>, and what
/// follows from it: the pool's OIDC issuer and discovery URL, which AVP derives and returns.
/// </summary>
public sealed record CognitoUserPoolArn(string Partition, string Region, string Account, string UserPoolId)
{
    /// <summary>The DNS suffix of each partition Cognito runs in.</summary>
    private static readonly Dictionary<string, string> s_dnsSuffixes = new(StringComparer.Ordinal)
    {
        ["aws"] = "amazonaws.com",
        ["aws-us-gov"] = "amazonaws.com",
        ["aws-cn"] = "amazonaws.com.cn",
    };

    /// <summary>The issuer of the pool's tokens: <c>https://cognito-idp.&lt;region&gt;.amazonaws.com/&lt;userPoolId&gt;</c>.</summary>
    public string Issuer => $"https://cognito-idp.{Region}.{s_dnsSuffixes[Partition]}/{UserPoolId}";

    public string DiscoveryUrl => Issuer + "/.well-known/openid-configuration";

    /// <summary>Parses an ARN that already matched the model's pattern; returns the reason when it names no possible pool.</summary>
    public static CognitoUserPoolArn? Parse(string arn, out string? problem)
    {
        problem = null;
        var parts = arn.Split(':', 6);
        if (parts.Length != 6 || parts[0] != "arn" || parts[2] != "cognito-idp" || !parts[5].StartsWith("userpool/", StringComparison.Ordinal))
        {
            problem = "The userPoolArn is not the ARN of a Cognito user pool (arn:aws:cognito-idp:<region>:<account>:userpool/<userPoolId>).";
            return null;
        }

        var (partition, region, account, poolId) = (parts[1], parts[3], parts[4], parts[5]["userpool/".Length..]);
        if (!s_dnsSuffixes.ContainsKey(partition))
        {
            problem = $"The userPoolArn names the partition '{partition}', which is not one of {string.Join(", ", s_dnsSuffixes.Keys)}.";
            return null;
        }

        // A user pool id is <region>_<suffix>: a pool can only live in the region its id names.
        var separator = poolId.LastIndexOf('_');
        if (separator <= 0 || !string.Equals(poolId[..separator], region, StringComparison.Ordinal))
        {
            problem = $"The user pool id '{poolId}' does not belong to the region '{region}' of the userPoolArn (a pool id starts with its region and '_').";
            return null;
        }

        return new CognitoUserPoolArn(partition, region, account, poolId);
    }
}
