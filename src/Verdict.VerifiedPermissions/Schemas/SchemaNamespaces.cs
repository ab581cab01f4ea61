using Verdict.Protocol;
using Verdict.VerifiedPermissions.Common;

namespace Verdict.VerifiedPermissions.Schemas;

/// <summary>
/// AVP's namespace rules for schemas, stricter than Cedar's: a namespace may not be the empty string, and may not
/// include <c>aws</c>, <c>amazon</c> or <c>cedar</c> (avp-facts §2.4, the "differences between Verified Permissions and
/// Cedar" page). "Include" is read per namespace component and without regard to case, so <c>AWS</c> (the namespace of
/// the identity sources' default <c>AWS::Cognito</c> types) and <c>MyApp::Cedar</c> are refused, while
/// <c>Awsome</c> is not.
/// </summary>
public static class SchemaNamespaces
{
    private static readonly string[] s_reserved = ["aws", "amazon", "cedar"];

    public static AwsError? Check(IReadOnlyList<string> namespaces)
    {
        foreach (var name in namespaces)
        {
            if (name.Length == 0)
            {
                return VerifiedPermissionsErrors.InvalidField(
                    "definition.cedarJson", "The schema declares the empty namespace \"\"; Verified Permissions requires every namespace to have a name.");
            }

            var reserved = name.Split("::").FirstOrDefault(part => s_reserved.Contains(part, StringComparer.OrdinalIgnoreCase));
            if (reserved is not null)
            {
                return VerifiedPermissionsErrors.InvalidField(
                    "definition.cedarJson", $"The namespace '{name}' includes '{reserved}'; the namespaces aws, amazon and cedar are reserved.");
            }
        }

        return null;
    }
}
