namespace Verdict.VerifiedPermissions.Common;

/// <summary>
/// ARN formats. Policy store ARNs carry no region (<c>arn:aws:verifiedpermissions::111122223333:policy-store/ID</c>);
/// alias ARNs do (<c>arn:aws:verifiedpermissions:us-west-2:111122223333:policy-store-alias/NAME</c>).
/// </summary>
public static class Arns
{
    public const string AliasPrefix = "policy-store-alias/";

    public static string PolicyStore(string account, string policyStoreId) =>
        $"arn:aws:verifiedpermissions::{account}:policy-store/{policyStoreId}";

    /// <param name="aliasName">The full alias name, which already starts with <c>policy-store-alias/</c>.</param>
    public static string PolicyStoreAlias(string region, string account, string aliasName) =>
        $"arn:aws:verifiedpermissions:{region}:{account}:{aliasName}";

    /// <summary>Parses a policy store ARN into its account and id; null when the text is not one.</summary>
    public static (string Account, string PolicyStoreId)? ParsePolicyStore(string arn)
    {
        // arn:partition:verifiedpermissions:region(empty):account:policy-store/id
        var parts = arn.Split(':', 6);
        if (parts.Length != 6 || parts[0] != "arn" || parts[1].Length == 0 || parts[2] != "verifiedpermissions")
        {
            return null;
        }

        const string resourcePrefix = "policy-store/";
        if (!parts[5].StartsWith(resourcePrefix, StringComparison.Ordinal) || parts[5].Length == resourcePrefix.Length)
        {
            return null;
        }

        var id = parts[5][resourcePrefix.Length..];
        return id.Contains('/', StringComparison.Ordinal) ? null : (parts[4], id);
    }
}
