namespace Verdict.VerifiedPermissions.Common;

public sealed class VerifiedPermissionsOptions
{
    /// <summary>
    /// How long a deleted alias stays in PendingDeletion (its name can't be reused meanwhile). AWS does not document the
    /// period; this default is our choice.
    /// </summary>
    public TimeSpan AliasPendingDeletionPeriod { get; set; } = TimeSpan.FromMinutes(5);
}
