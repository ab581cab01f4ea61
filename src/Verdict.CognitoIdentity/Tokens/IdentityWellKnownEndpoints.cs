using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Verdict.CognitoIdentity.Tokens;

/// <summary>
/// The identity-pool issuer's discovery document and keys, unauthenticated as on AWS:
/// <c>GET /cognito-identity/.well-known/openid-configuration</c> and <c>/cognito-identity/.well-known/jwks_uri</c>
/// (AWS's path; <c>jwks.json</c> answers the same).
/// </summary>
public static class IdentityWellKnownEndpoints
{
    public static IEndpointRouteBuilder MapCognitoIdentityWellKnown(this IEndpointRouteBuilder endpoints)
    {
        var prefix = "/" + OpenIdTokenIssuer.PathSegment + "/.well-known/";
        endpoints.MapGet(prefix + "openid-configuration", OpenIdConfigurationAsync);
        endpoints.MapGet(prefix + "jwks_uri", JwksAsync);
        endpoints.MapGet(prefix + "jwks.json", JwksAsync);
        return endpoints;
    }

    private static async Task JwksAsync(HttpContext context)
    {
        var issuer = context.RequestServices.GetRequiredService<OpenIdTokenIssuer>();
        await WriteAsync(context, await issuer.JwksAsync(context.RequestAborted).ConfigureAwait(false)).ConfigureAwait(false);
    }

    private static Task OpenIdConfigurationAsync(HttpContext context)
    {
        var issuer = context.RequestServices.GetRequiredService<OpenIdTokenIssuer>().Issuer;
        return WriteAsync(context, new JsonObject
        {
            ["issuer"] = issuer,
            ["jwks_uri"] = issuer + "/.well-known/jwks_uri",
            ["response_types_supported"] = new JsonArray("id_token"),
            ["subject_types_supported"] = new JsonArray("public"),
            ["id_token_signing_alg_values_supported"] = new JsonArray("RS256"),
            ["claims_supported"] = new JsonArray("sub", "aud", "amr", "iss", "exp", "iat", "https://aws.amazon.com/tags"),
        });
    }

    private static async Task WriteAsync(HttpContext context, JsonObject body)
    {
        context.Response.StatusCode = 200;
        context.Response.ContentType = "application/json; charset=utf-8";
        await context.Response.WriteAsync(body.ToJsonString(), context.RequestAborted).ConfigureAwait(false);
    }
}
