namespace Verdict.Tokens;

/// <summary>What the caller requires of a token.</summary>
/// <param name="Issuer">The exact expected <c>iss</c>; a Verdict-hosted pool also matches its alias (see <see cref="ILocalIssuerDirectory"/>).</param>
/// <param name="Audiences">
/// When non-empty, <c>aud</c> (a string or an array) must contain one of them, or else, when
/// <paramref name="AllowClientIdAsAudience"/> is set, <c>client_id</c> or <c>cid</c> must be one of them.
/// </param>
/// <param name="AllowClientIdAsAudience">Access tokens (Cognito's among them) name their client in <c>client_id</c>, not <c>aud</c>.</param>
/// <param name="RequiredTokenUse"><c>id</c>, <c>access</c>, or null to leave <c>token_use</c> unchecked.</param>
public sealed record TokenExpectations(
    string Issuer,
    IReadOnlyCollection<string>? Audiences = null,
    bool AllowClientIdAsAudience = true,
    string? RequiredTokenUse = null);
