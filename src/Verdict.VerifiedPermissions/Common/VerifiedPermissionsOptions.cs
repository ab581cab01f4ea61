namespace Verdict.VerifiedPermissions.Common;

public sealed class VerifiedPermissionsOptions
{
    /// <summary>
    /// How long a deleted alias stays in PendingDeletion (its name can't be reused meanwhile). AWS does not document the
    /// period; this default is our choice.
    /// </summary>
    public TimeSpan AliasPendingDeletionPeriod { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Policy stores per account and region (AVP's default quota; adjustable there, configurable here).</summary>
    public int MaxPolicyStores { get; set; } = Quotas.PolicyStoresPerRegion;
}
