namespace Verdict.Auth;

/// <summary>Why a request was not authenticated, as the AWS error type and message the service returns for it.</summary>
public sealed record AuthFailure(string ErrorType, string Message, int StatusCode = 403)
{
    public static readonly AuthFailure MissingToken = new("MissingAuthenticationTokenException", "Missing Authentication Token");

    public static readonly AuthFailure UnknownKey = new("UnrecognizedClientException", "The security token included in the request is invalid.");

    public static readonly AuthFailure BadSignature = new(
        "InvalidSignatureException",
        "The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.");

    public static AuthFailure Incomplete(string message) => new("IncompleteSignatureException", message);

    public static AuthFailure Expired(string message) => new("InvalidSignatureException", message);
}

/// <summary>The outcome of verification: the caller's credential and the signed region/service, or a failure.</summary>
public sealed record AuthResult(Credential? Credential, string? Region, string? Service, AuthFailure? Failure)
{
    public bool Succeeded => Failure is null;

    public static AuthResult Fail(AuthFailure failure) => new(null, null, null, failure);
}
