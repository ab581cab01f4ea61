namespace Verdict.VerifiedPermissions.Common;

/// <summary>The model's <c>ResourceType</c> enum.</summary>
public static class ResourceTypes
{
    public const string IdentitySource = "IDENTITY_SOURCE";
    public const string PolicyStore = "POLICY_STORE";
    public const string Policy = "POLICY";
    public const string PolicyTemplate = "POLICY_TEMPLATE";
    public const string Schema = "SCHEMA";
    public const string PolicyStoreAlias = "POLICY_STORE_ALIAS";
}
