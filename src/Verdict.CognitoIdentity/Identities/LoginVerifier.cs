using System.Text.Json.Nodes;
using Verdict.CognitoIdentity.Common;
using Verdict.CognitoIdentity.Pools;
using Verdict.CognitoIdentity.Storage;
using Verdict.CognitoIdentity.Tokens;
using Verdict.CognitoIdentityProvider.Tokens;
using Verdict.Protocol;

namespace Verdict.CognitoIdentity.Identities;

/// <summary>
/// Checks every entry of a Logins map for real, as AWS does before it hands out an identity, a token or credentials:
/// the provider must be one the pool accepts, the token must verify (signature, expiry), its issuer must be the
/// provider the key names, its <c>aud</c> one of the pool's client ids, and with ServerSideTokenCheck the user's
/// session must still be live.
/// </summary>
internal sealed class LoginVerifier(
    CognitoTokenVerifier userPoolTokens, TokenSessionStatus sessions, IssuerResolver userPoolIssuers, OpenIdTokenIssuer ownIssuer, TimeProvider time)
{
    private const string UserPoolProviderPrefix = "cognito-idp.";
    private const string UserPoolProviderHost = ".amazonaws.com/";

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
                return (null, IdentityErrors.NotAuthorized("Invalid login token. Not a valid OpenId Connect identity token."));
            }

            return (new VerifiedLogin(provider, identityId, claims, provider, identityId), null);
        }

        var configured = PoolSettings.Of(pool)["CognitoIdentityProviders"] as JsonArray ?? [];
        var entries = configured.OfType<JsonObject>().Where(p => p["ProviderName"]?.GetValue<string>() == provider).ToList();
        if (entries.Count == 0)
        {
            if (IsOtherConfiguredProvider(pool, provider))
            {
                // Facebook, Google, Amazon, Apple, Twitter, Digits, OIDC and SAML tokens need their provider's keys,
                // which an air-gapped Verdict does not have: such logins are refused rather than trusted unchecked.
                return (null, IdentityErrors.NotAuthorized($"Invalid login token. Verdict cannot verify tokens of {provider}."));
            }

            return (null, IdentityErrors.LoginsDoNotMatch());
        }

        return await VerifyUserPoolTokenAsync(provider, token, entries, cancellationToken).ConfigureAwait(false);
    }

    private async ValueTask<(VerifiedLogin? Login, AwsError? Error)> VerifyUserPoolTokenAsync(
        string provider, string token, List<JsonObject> entries, CancellationToken cancellationToken)
    {
        var (result, failure) = await userPoolTokens.VerifyAsync(token, cancellationToken).ConfigureAwait(false);
        if (failure == CognitoTokenFailure.Expired && Verdict.CognitoIdentityProvider.Tokens.Jwt.Decode(token) is { } expired)
        {
            var exp = expired.Claims.Number("exp") ?? 0;
            return (null, IdentityErrors.NotAuthorized(
                $"Invalid login token. Token expired: {exp} >= {time.GetUtcNow().ToUnixTimeSeconds()}"));
        }

        if (result is null)
        {
            return (null, IdentityErrors.NotAuthorized("Invalid login token. Not a valid OpenId Connect identity token."));
        }

        var claims = result.Claims;
        if (!IssuerMatches(provider, claims.Text("iss"), result.Pool.UserPoolId, result.Pool.Region))
        {
            return (null, IdentityErrors.NotAuthorized("Invalid login token. Issuer doesn't match providerName"));
        }

        if (claims.Text("aud") is not { } audience)
        {
            return (null, IdentityErrors.NotAuthorized("Invalid login token. Missing a required claim: aud"));
        }

        var entry = entries.FirstOrDefault(e => e["ClientId"]?.GetValue<string>() == audience);
        if (entry is null)
        {
            return (null, IdentityErrors.NotAuthorized("Token is not from a supported provider of this identity pool."));
        }

        if (entry["ServerSideTokenCheck"]?.GetValue<bool>() == true &&
            !await sessions.IsActiveAsync(result.Pool.UserPoolId, claims, cancellationToken).ConfigureAwait(false))
        {
            return (null, IdentityErrors.NotAuthorized("Invalid login token. Token has been revoked."));
        }

        if (claims.Text("sub") is not { } subject)
        {
            return (null, IdentityErrors.NotAuthorized("Invalid login token. Missing a required claim: sub"));
        }

        return (new VerifiedLogin(provider, subject, claims, provider + ":" + audience), null);
    }

    /// <summary>
    /// The Logins key <c>cognito-idp.&lt;region&gt;.amazonaws.com/&lt;userPoolId&gt;</c> names the token's issuer: the
    /// AWS form of that URL, or Verdict's own issuer URL for the pool.
    /// </summary>
    private bool IssuerMatches(string provider, string? issuer, string userPoolId, string region)
    {
        if (issuer is null || !provider.StartsWith(UserPoolProviderPrefix, StringComparison.Ordinal))
        {
            return false;
        }

        var host = provider.IndexOf(UserPoolProviderHost, StringComparison.Ordinal);
        if (host < 0 || provider[UserPoolProviderPrefix.Length..host] != region || provider[(host + UserPoolProviderHost.Length)..] != userPoolId)
        {
            return false;
        }

        return issuer == "https://" + provider || issuer == userPoolIssuers.IssuerFor(userPoolId);
    }

    private static bool IsOtherConfiguredProvider(IdentityPoolRecord pool, string provider)
    {
        var settings = PoolSettings.Of(pool);
        if (settings["SupportedLoginProviders"] is JsonObject supported && supported.ContainsKey(provider))
        {
            return true;
        }

        foreach (var list in (string[])["OpenIdConnectProviderARNs", "SamlProviderARNs"])
        {
            if (settings[list] is JsonArray arns && arns.Any(a => a?.GetValue<string>() is { } arn && arn.EndsWith("/" + provider, StringComparison.Ordinal)))
            {
                return true;
            }
        }

        return false;
    }
}
