using System.Text.Json.Nodes;
using Verdict.CognitoIdentity.Common;
using Verdict.CognitoIdentity.Pools;
using Verdict.CognitoIdentity.Storage;
using Verdict.CognitoIdentity.Tokens;
using Verdict.CognitoIdentityProvider.Tokens;
using Verdict.Protocol;
using Verdict.Tokens;

namespace Verdict.CognitoIdentity.Identities;

/// <summary>
/// Checks every entry of a Logins map for real, as AWS does before it hands out an identity, a token or credentials:
/// the provider must be one the pool accepts; the token must verify with the shared <see cref="JwtVerifier"/>
/// (structure, algorithm, the issuer the Logins key names, the issuer's key, signature, expiry); for a user pool its
/// <c>aud</c> must be one of the pool's client ids; and with ServerSideTokenCheck the user's session must still be live.
/// </summary>
internal sealed class LoginVerifier(JwtVerifier jwt, TokenSessionStatus sessions, OpenIdTokenIssuer ownIssuer, TimeProvider time)
{
    private const string UserPoolProviderPrefix = "cognito-idp.";
    private const string OidcProviderMarker = ":oidc-provider/";
    private const string NotAToken = "Invalid login token. Not a valid OpenId Connect identity token.";

    public async ValueTask<(List<VerifiedLogin> Logins, AwsError? Error)> VerifyAsync(
        IdentityPoolRecord pool, IReadOnlyList<KeyValuePair<string, string>> logins, CancellationToken cancellationToken)
    {
        var verified = new List<VerifiedLogin>(logins.Count);
        foreach (var (provider, token) in logins)
        {
            var (login, error) = await VerifyOneAsync(pool, provider, token, cancellationToken).ConfigureAwait(false);
            if (error is not null)
            {
                return ([], error);
            }

            verified.Add(login!);
        }

        return (verified, null);
    }

    private async ValueTask<(VerifiedLogin? Login, AwsError? Error)> VerifyOneAsync(
        IdentityPoolRecord pool, string provider, string token, CancellationToken cancellationToken)
    {
        if (provider == OpenIdTokenIssuer.LoginsProvider)
        {
            var claims = await ownIssuer.VerifyAsync(token, cancellationToken).ConfigureAwait(false);
            if (claims is null || claims.Text("aud") != pool.IdentityPoolId || claims.Text("sub") is not { } identityId)
            {
                return (null, IdentityErrors.NotAuthorized(NotAToken));
            }

            return (new VerifiedLogin(provider, identityId, claims, provider, identityId), null);
        }

        var settings = PoolSettings.Of(pool);
        var userPoolEntries = (settings["CognitoIdentityProviders"] as JsonArray ?? [])
            .OfType<JsonObject>().Where(p => p["ProviderName"]?.GetValue<string>() == provider).ToList();
        if (userPoolEntries.Count > 0)
        {
            return await VerifyUserPoolTokenAsync(provider, token, userPoolEntries, cancellationToken).ConfigureAwait(false);
        }

        if (settings["OpenIdConnectProviderARNs"] is JsonArray oidc &&
            oidc.Any(a => a?.GetValue<string>() is { } arn && arn.Contains(OidcProviderMarker + provider, StringComparison.Ordinal) &&
                          arn.EndsWith(OidcProviderMarker + provider, StringComparison.Ordinal)))
        {
            return await VerifyOidcTokenAsync(provider, token, cancellationToken).ConfigureAwait(false);
        }

        if (settings["SupportedLoginProviders"] is JsonObject supported && supported.ContainsKey(provider) ||
            settings["SamlProviderARNs"] is JsonArray saml && saml.Any(a => a?.GetValue<string>()?.EndsWith("/" + provider, StringComparison.Ordinal) == true))
        {
            // Facebook, Google, Amazon, Apple, Twitter and Digits access tokens and SAML assertions are checked by
            // calling their provider, which Verdict does not do: such logins are refused rather than trusted unchecked.
            return (null, IdentityErrors.NotAuthorized($"Invalid login token. Verdict cannot verify tokens of {provider}."));
        }

        return (null, IdentityErrors.LoginsDoNotMatch());
    }

    /// <summary>The Logins key <c>cognito-idp.&lt;region&gt;.amazonaws.com/&lt;userPoolId&gt;</c> is the issuer, minus <c>https://</c>.</summary>
    private async ValueTask<(VerifiedLogin? Login, AwsError? Error)> VerifyUserPoolTokenAsync(
        string provider, string token, List<JsonObject> entries, CancellationToken cancellationToken)
    {
        if (!provider.StartsWith(UserPoolProviderPrefix, StringComparison.Ordinal))
        {
            return (null, IdentityErrors.NotAuthorized("Invalid login token. Issuer doesn't match providerName"));
        }

        var verification = await jwt.VerifyAsync(token, new TokenExpectations("https://" + provider, AllowClientIdAsAudience: false), cancellationToken)
            .ConfigureAwait(false);
        if (Refusal(verification, token) is { } refused)
        {
            return (null, refused);
        }

        var verified = verification.Token!;
        var claims = verified.Claims;
        if (claims.Text("aud") is not { } audience)
        {
            return (null, IdentityErrors.NotAuthorized("Invalid login token. Missing a required claim: aud"));
        }

        var entry = entries.FirstOrDefault(e => e["ClientId"]?.GetValue<string>() == audience);
        if (entry is null)
        {
            return (null, IdentityErrors.NotAuthorized("Token is not from a supported provider of this identity pool."));
        }

        if (claims.Text("sub") is not { } subject)
        {
            return (null, IdentityErrors.NotAuthorized("Invalid login token. Missing a required claim: sub"));
        }

        if (entry["ServerSideTokenCheck"]?.GetValue<bool>() == true)
        {
            if (verified.Local is null)
            {
                return (null, IdentityErrors.NotAuthorized(
                    "Invalid login token. ServerSideTokenCheck needs the user pool's session state, which only Verdict-hosted user pools have."));
            }

            if (!await sessions.IsActiveAsync(verified.Local.UserPoolId, claims, cancellationToken).ConfigureAwait(false))
            {
                return (null, IdentityErrors.NotAuthorized("Invalid login token. Token has been revoked."));
            }
        }

        return (new VerifiedLogin(provider, subject, claims, provider + ":" + audience), null);
    }

    /// <summary>
    /// An OpenID Connect provider's ID token: the Logins key is the issuer without <c>https://</c>. The audience is not
    /// checked: AWS checks it against the IAM OIDC provider's client ids, which Verdict, having no IAM, does not know.
    /// </summary>
    private async ValueTask<(VerifiedLogin? Login, AwsError? Error)> VerifyOidcTokenAsync(string provider, string token, CancellationToken cancellationToken)
    {
        var verification = await jwt.VerifyAsync(token, new TokenExpectations("https://" + provider, AllowClientIdAsAudience: false), cancellationToken)
            .ConfigureAwait(false);
        if (Refusal(verification, token) is { } refused)
        {
            return (null, refused);
        }

        var claims = verification.Token!.Claims;
        return claims.Text("sub") is { } subject
            ? (new VerifiedLogin(provider, subject, claims, provider), null)
            : (null, IdentityErrors.NotAuthorized("Invalid login token. Missing a required claim: sub"));
    }

    /// <summary>A failed check in AWS's words; an issuer whose keys cannot be fetched is the provider's fault (ExternalServiceException).</summary>
    private AwsError? Refusal(TokenVerification verification, string token)
    {
        if (verification.Failure is not { } failure)
        {
            return null;
        }

        return failure.Check switch
        {
            TokenCheck.Issuer => IdentityErrors.NotAuthorized("Invalid login token. Issuer doesn't match providerName"),
            TokenCheck.Expired => IdentityErrors.NotAuthorized($"Invalid login token. Token expired: {ExpiryOf(token)} >= {time.GetUtcNow().ToUnixTimeSeconds()}"),
            TokenCheck.NotYetValid => IdentityErrors.NotAuthorized("Invalid login token. Token is not valid yet."),
            TokenCheck.KeysUnavailable => IdentityErrors.ExternalService($"The identity provider's keys could not be obtained: {failure.Message}"),
            _ => IdentityErrors.NotAuthorized(NotAToken),
        };
    }

    /// <summary>The <c>exp</c> of a token already found expired (so well-formed), for AWS's "Token expired: exp &gt;= now".</summary>
    private static long ExpiryOf(string token)
    {
        var payload = token.Split('.')[1];
        var claims = JsonNode.Parse(System.Buffers.Text.Base64Url.DecodeFromChars(payload)) as JsonObject;
        return claims?.Number("exp") ?? 0;
    }
}
