using System.Text.Json.Nodes;
using Verdict.Auth;
using Verdict.CognitoIdentity.Common;
using Verdict.CognitoIdentity.Roles;
using Verdict.CognitoIdentity.Storage;
using Verdict.CognitoIdentity.Tokens;

namespace Verdict.CognitoIdentity.Identities;

/// <summary>What an identity is given: OpenID tokens of Verdict's identity-pool issuer, and temporary credentials.</summary>
internal sealed class IdentityTokens(OpenIdTokenIssuer issuer, CredentialStore credentials, CognitoIdentityOptions options, TimeProvider time)
{
    public const string TagsClaim = "https://aws.amazon.com/tags";

    /// <summary>
    /// A token for the identity, as AWS shapes it: <c>sub</c> the identity id, <c>aud</c> the pool id, <c>amr</c> saying
    /// how it signed in, and the principal tags mapped from the login's claims.
    /// </summary>
    public ValueTask<string> OpenIdTokenAsync(AuthorizedIdentity authorized, TimeSpan? lifetime, JsonObject? principalTags, CancellationToken cancellationToken)
    {
        var amr = new JsonArray(authorized.Authenticated ? "authenticated" : "unauthenticated");
        foreach (var login in authorized.Logins)
        {
            if (login.OwnIdentityId is not null)
            {
                foreach (var entry in login.Claims["amr"] as JsonArray ?? [])
                {
                    if (entry?.GetValue<string>() is { } text && text != "authenticated" && text != "unauthenticated")
                    {
                        amr.Add(text);
                    }
                }

                continue;
            }

            amr.Add(login.Provider);
            amr.Add(login.Provider.StartsWith("cognito-idp.", StringComparison.Ordinal)
                ? $"{login.Provider}:CognitoSignIn:{login.Subject}"
                : $"{login.Provider}:{authorized.Pool.IdentityPoolId}:{login.Subject}");
        }

        var claims = new JsonObject
        {
            ["sub"] = authorized.Identity.IdentityId,
            ["aud"] = authorized.Pool.IdentityPoolId,
            ["amr"] = amr,
        };
        var tags = principalTags ?? PrincipalTags(authorized);
        if (tags is { Count: > 0 })
        {
            var lists = new JsonObject();
            foreach (var (key, value) in tags)
            {
                lists[key] = new JsonArray(value!.DeepClone());
            }

            claims[TagsClaim] = new JsonObject { ["principal_tags"] = lists };
        }

        return issuer.IssueAsync(claims, lifetime ?? options.OpenIdTokenLifetime, cancellationToken);
    }

    /// <summary>
    /// Credentials for the identity acting as <paramref name="roleArn"/>, registered with the credential store until
    /// they expire. They carry their assumed-role principal, so Verdict's management operations refuse them.
    /// </summary>
    public JsonObject Credentials(AuthorizedIdentity authorized, string roleArn)
    {
        var roleName = roleArn[(roleArn.LastIndexOf('/') + 1)..];
        var account = AccountOf(roleArn) ?? authorized.Pool.Account;
        var principal = $"arn:aws:sts::{account}:assumed-role/{roleName}/CognitoIdentityCredentials";
        var expiration = time.GetUtcNow() + options.CredentialsLifetime;
        var credential = new Credential(
            IdentityIds.NewAccessKeyId(), IdentityIds.NewSecretKey(), account, IdentityIds.NewSessionToken(), expiration, principal);
        credentials.AddTemporary(credential);
        return new JsonObject
        {
            ["AccessKeyId"] = credential.AccessKeyId,
            ["SecretKey"] = credential.SecretAccessKey,
            ["SessionToken"] = credential.SessionToken,
            ["Expiration"] = expiration.ToUnixTimeSeconds(),
        };
    }

    /// <summary>
    /// The tags of the first login whose provider has a principal-tag map: the defaults (<c>username</c> ← sub,
    /// <c>client</c> ← aud) and/or each tag from the claim it names.
    /// </summary>
    private static JsonObject? PrincipalTags(AuthorizedIdentity authorized)
    {
        foreach (var login in authorized.Logins)
        {
            if (RoleOperations.TagMap(authorized.Pool, login.Provider) is not { } map)
            {
                continue;
            }

            var tags = new JsonObject();
            if (map["UseDefaults"]?.GetValue<bool>() == true)
            {
                AddTag(tags, "username", login.Claims, "sub");
                AddTag(tags, "client", login.Claims, "aud");
            }

            foreach (var (tag, claim) in map["PrincipalTags"] as JsonObject ?? [])
            {
                AddTag(tags, tag, login.Claims, claim!.GetValue<string>());
            }

            return tags;
        }

        return null;
    }

    private static void AddTag(JsonObject tags, string tag, JsonObject claims, string claim)
    {
        if (claims.Values(claim) is [var first, ..])
        {
            tags[tag] = first;
        }
    }

    private static string? AccountOf(string arn)
    {
        var parts = arn.Split(':');
        return parts.Length >= 6 && parts[4].Length == 12 && parts[4].All(char.IsAsciiDigit) ? parts[4] : null;
    }
}
