namespace Verdict.Tokens;

/// <summary>The key for a token, the Verdict-hosted pool it came from (if any), or why no key was found.</summary>
public readonly record struct KeyResolution(JsonWebKey? Key, LocalIssuer? Local, TokenFailure? Failure);

/// <summary>An issuer's current key set, or why it could not be obtained.</summary>
public readonly record struct KeySetResolution(JsonWebKeySet? Keys, LocalIssuer? Local, TokenFailure? Failure);
