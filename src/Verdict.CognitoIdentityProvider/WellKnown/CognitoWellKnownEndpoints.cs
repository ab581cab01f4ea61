using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Verdict.CognitoIdentityProvider.Common;
using Verdict.CognitoIdentityProvider.Storage;
using Verdict.CognitoIdentityProvider.Tokens;

namespace Verdict.CognitoIdentityProvider;

/// <summary>
/// <c>GET /&lt;userPoolId&gt;/.well-known/openid-configuration</c> and <c>/&lt;userPoolId&gt;/.well-known/jwks.json</c>,
/// unauthenticated as on AWS, so any JWT library can discover the issuer and verify tokens.
/// </summary>
public static class CognitoWellKnownEndpoints
{
    public static IEndpointRouteBuilder MapCognitoWellKnown(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/{userPoolId}/.well-known/jwks.json", JwksAsync);
        endpoints.MapGet("/{userPoolId}/.well-known/openid-configuration", OpenIdConfigurationAsync);
        return endpoints;
    }

    private static async Task JwksAsync(HttpContext context, string userPoolId)
    {
        var services = context.RequestServices;
        var pool = await services.GetRequiredService<ICognitoStorage>().FindUserPoolAsync(userPoolId, context.RequestAborted).ConfigureAwait(false);
        var keys = pool is null ? null : await services.GetRequiredService<SigningKeyCache>().GetAsync(pool.UserPoolId, context.RequestAborted).ConfigureAwait(false);
        if (keys is null)
        {
            await NotFoundAsync(context, userPoolId).ConfigureAwait(false);
            return;
        }

        await WriteAsync(context, keys.ToJwks()).ConfigureAwait(false);
    }

    private static async Task OpenIdConfigurationAsync(HttpContext context, string userPoolId)
    {
        var services = context.RequestServices;
        var pool = await services.GetRequiredService<ICognitoStorage>().FindUserPoolAsync(userPoolId, context.RequestAborted).ConfigureAwait(false);
        if (pool is null)
        {
            await NotFoundAsync(context, userPoolId).ConfigureAwait(false);
            return;
        }

        var issuer = services.GetRequiredService<IssuerResolver>().IssuerFor(pool.UserPoolId);
        // Only what Verdict serves: there is no hosted UI, so no authorization, token or userInfo endpoint is announced.
        await WriteAsync(context, new JsonObject
        {
            ["id_token_signing_alg_values_supported"] = new JsonArray("RS256"),
            ["issuer"] = issuer,
            ["jwks_uri"] = issuer + "/.well-known/jwks.json",
            ["response_types_supported"] = new JsonArray("code", "token"),
            ["scopes_supported"] = new JsonArray("openid", "email", "phone", "profile"),
            ["subject_types_supported"] = new JsonArray("public"),
            ["token_endpoint_auth_methods_supported"] = new JsonArray("client_secret_basic", "client_secret_post"),
        }).ConfigureAwait(false);
    }

    private static Task NotFoundAsync(HttpContext context, string userPoolId)
    {
        context.Response.StatusCode = 404;
        return WriteAsync(context, new JsonObject { ["message"] = $"User pool {userPoolId} does not exist." }, setStatus: false);
    }

    private static async Task WriteAsync(HttpContext context, JsonObject body, bool setStatus = true)
    {
        if (setStatus)
        {
            context.Response.StatusCode = 200;
        }

        context.Response.ContentType = "application/json; charset=utf-8";
        await context.Response.WriteAsync(body.ToJsonString(), context.RequestAborted).ConfigureAwait(false);
    }
}
