using System.Text.Json.Nodes;

namespace Verdict.Tokens;

/// <summary>The check a token failed.</summary>
public enum TokenCheck
{
    /// <summary>Not three base64url segments of JSON objects, a claim of the wrong type, or too large.</summary>
    Malformed,

    /// <summary><c>alg</c> is none, an HMAC, unknown, or does not fit the key.</summary>
    Algorithm,

    /// <summary>No key with the token's <c>kid</c>, even after a refresh (or no <c>kid</c> while the issuer has several keys).</summary>
    KeyNotFound,

    Signature,

    Expired,

    NotYetValid,

    Issuer,

    Audience,

    TokenUse,

    /// <summary>The issuer's keys could not be obtained (network, timeout, bad document, refused URL, unreadable pinned file).</summary>
    KeysUnavailable,
}

/// <summary>Why a token was refused; <see cref="Message"/> names the check in plain words and never echoes the token.</summary>
public sealed record TokenFailure(TokenCheck Check, string Message);

/// <summary>A token whose signature, times, issuer, audience and use were checked.</summary>
/// <param name="Issuer">The token's own <c>iss</c>.</param>
/// <param name="Local">The Verdict-hosted pool that signed it, or null for an external issuer.</param>
public sealed record VerifiedToken(string Issuer, JsonObject Header, JsonObject Claims, LocalIssuer? Local);

/// <summary>Either a verified token or the reason it was refused.</summary>
public readonly record struct TokenVerification(VerifiedToken? Token, TokenFailure? Failure)
{
    public bool Succeeded => Token is not null;

    public static TokenVerification Fail(TokenCheck check, string message) => new(null, new TokenFailure(check, message));
}
