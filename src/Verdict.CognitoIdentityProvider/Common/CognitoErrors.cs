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

    /// <summary>Cognito words a failed model check as InvalidParameterException with AWS's summary line.</summary>
    public static AwsError FromInputCheck(InputCheck check) => InvalidParameter(check.Summary());
}
