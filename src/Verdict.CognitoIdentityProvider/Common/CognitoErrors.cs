using System.Globalization;
using System.Text;
using Verdict.Protocol;
using Verdict.Protocol.Validation;

namespace Verdict.CognitoIdentityProvider.Common;

/// <summary>Cognito's error types and the messages AWS words them with. Every modelled error is a 400.</summary>
public static class CognitoErrors
{
    public static AwsError InvalidParameter(string message) => new("InvalidParameterException", message, 400);

    public static AwsError ResourceNotFound(string message) => new("ResourceNotFoundException", message, 400);

    public static AwsError NotAuthorized(string message) => new("NotAuthorizedException", message, 400);

    public static AwsError UserNotFound() => new("UserNotFoundException", "User does not exist.", 400);

    public static AwsError UsernameExists(string message) => new("UsernameExistsException", message, 400);

    public static AwsError InvalidPassword(string message) => new("InvalidPasswordException", message, 400);

    public static AwsError GroupExists(string message) => new("GroupExistsException", message, 400);

    public static AwsError CodeMismatch() => new("CodeMismatchException", "Invalid verification code provided, please try again.", 400);

    public static AwsError ExpiredCode(string message) => new("ExpiredCodeException", message, 400);

    public static AwsError UserNotConfirmed() => new("UserNotConfirmedException", "User is not confirmed.", 400);

    public static AwsError UnsupportedTokenType(string message) => new("UnsupportedTokenTypeException", message, 400);

    public static AwsError Unauthorized(string message) => new("UnauthorizedException", message, 400);

    public static AwsError PoolNotFound(string poolId) => ResourceNotFound($"User pool {poolId} does not exist.");

    public static AwsError ClientNotFound(string clientId) => ResourceNotFound($"User pool client {clientId} does not exist.");

    public static AwsError GroupNotFound() => ResourceNotFound("Group not found.");

    /// <summary>
    /// Cognito words a failed model check as InvalidParameterException with AWS's summary line, naming members in
    /// lower camel case and list items the Coral way (<c>userAttributes.1.member.name</c>, 1-based).
    /// </summary>
    public static AwsError FromInputCheck(InputCheck check)
    {
        var violations = check.ConstraintViolations
            .Select(v => v with { Message = v.Message.Replace($"at '{v.Path}'", $"at '{CoralPath(v.Path)}'", StringComparison.Ordinal) })
            .ToList();
        return InvalidParameter((check with { ConstraintViolations = violations }).Summary());
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
            // Member names are PascalCase; map keys (USERNAME, custom:x) are left as sent.
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
