using System.Globalization;
using System.Text;
using Verdict.Protocol;
using Verdict.Protocol.Validation;

namespace Verdict.CognitoIdentity.Common;

/// <summary>Cognito Identity's error types and the messages AWS words them with. Every modelled error is a 400.</summary>
public static class IdentityErrors
{
    public const string InvalidConfigurationMessage = "Invalid identity pool configuration. Check assigned IAM roles for this pool.";

    public static AwsError InvalidParameter(string message) => new("InvalidParameterException", message, 400);

    public static AwsError NotAuthorized(string message) => new("NotAuthorizedException", message, 400);

    public static AwsError ResourceNotFound(string message) => new("ResourceNotFoundException", message, 400);

    public static AwsError ResourceConflict(string message) => new("ResourceConflictException", message, 400);

    public static AwsError ExternalService(string message) => new("ExternalServiceException", message, 400);

    public static AwsError LimitExceeded(string message) => new("LimitExceededException", message, 400);

    public static AwsError DeveloperUserAlreadyRegistered(string message) => new("DeveloperUserAlreadyRegisteredException", message, 400);

    public static AwsError InvalidIdentityPoolConfiguration() => new("InvalidIdentityPoolConfigurationException", InvalidConfigurationMessage, 400);

    public static AwsError PoolNotFound(string identityPoolId) => ResourceNotFound($"IdentityPool '{identityPoolId}' not found.");

    public static AwsError IdentityNotFound(string identityId) => ResourceNotFound($"Identity '{identityId}' not found.");

    public static AwsError IdentityForbidden(string identityId) => NotAuthorized($"Access to Identity '{identityId}' is forbidden.");

    public static AwsError UnauthenticatedNotSupported() => NotAuthorized("Unauthenticated access is not supported for this identity pool.");

    public static AwsError LoginsDoNotMatch() => NotAuthorized("Logins don't match. Please include at least one valid login for this identity or identity pool.");

    /// <summary>
    /// Cognito Identity answers a failed model check with a ValidationException (a type its model does not list), in
    /// AWS's summary wording, members in lower camel case: <c>Value 'x' at 'identityPoolName' failed to satisfy …</c>.
    /// </summary>
    public static AwsError FromInputCheck(InputCheck check)
    {
        var violations = check.ConstraintViolations
            .Select(v => v with { Message = v.Message.Replace($"at '{v.Path}'", $"at '{CoralPath(v.Path)}'", StringComparison.Ordinal) })
            .ToList();
        return new AwsError("ValidationException", (check with { ConstraintViolations = violations }).Summary(), 400);
    }

    internal static string CoralPath(string path)
    {
        var text = new StringBuilder(path.Length + 16);
        foreach (var segment in path.Split('.'))
        {
            if (text.Length > 0)
            {
                text.Append('.');
            }

            var bracket = segment.IndexOf('[', StringComparison.Ordinal);
            var name = bracket < 0 ? segment : segment[..bracket];
            text.Append(name.Length > 1 && char.IsUpper(name[0]) && char.IsLower(name[1]) ? char.ToLowerInvariant(name[0]) + name[1..] : name);
            while (bracket >= 0)
            {
                var close = segment.IndexOf(']', bracket);
                if (close < 0 || !int.TryParse(segment.AsSpan(bracket + 1, close - bracket - 1), NumberStyles.None, CultureInfo.InvariantCulture, out var index))
                {
                    break;
                }

                text.Append('.').Append((index + 1).ToString(CultureInfo.InvariantCulture)).Append(".member");
                bracket = segment.IndexOf('[', close);
            }
        }

        return text.ToString();
    }
}
