namespace Verdict.VerifiedPermissions.Common;

/// <summary>AVP's documented quotas and page sizes (avp-facts.md §1.1, §2.8).</summary>
public static class Quotas
{
    public const int PolicyStoresPerRegion = 30_000;
    public const int TagsPerResource = 50;
    public const int AliasesPerPolicyStore = 10;
    public const int DefaultPageSize = 10;
    public const int DefaultAliasPageSize = 5;
    public const int MaxPageSize = 50;
    public const int PolicyTemplatesPerStore = 40;
    public const int PolicySizeBytes = 10_000;
    public const int SchemaSizeBytes = 100_000;
    public const int BatchIsAuthorizedRequests = 30;
    public const int BatchIsAuthorizedEntitiesPerKind = 100;
    public const int PolicyBytesPerResource = 200_000;
    public const int NamespacesPerSchema = 100;

    /// <summary>AVP recognises a client token for eight hours.</summary>
    public static readonly TimeSpan ClientTokenLifetime = TimeSpan.FromHours(8);
}
