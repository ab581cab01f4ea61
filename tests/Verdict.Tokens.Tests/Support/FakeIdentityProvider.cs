using System.Net;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Verdict.Tokens.Tests.Support;

/// <summary>
/// An OIDC issuer on a free loopback port (real Kestrel, real sockets): serves discovery and a JWKS the test can change,
/// counts requests, and can be told to answer slowly, oversize, or with another issuer name.
/// </summary>
public sealed class FakeIdentityProvider : IAsyncDisposable
{
    private readonly WebApplication _app;
    private int _discoveryRequests;
    private int _jwksRequests;

    private FakeIdentityProvider(WebApplication app) => _app = app;

    public string Issuer { get; private set; } = "";

    public string Jwks { get; set; } = """{"keys":[]}""";

    /// <summary>Overrides the issuer named in the discovery document.</summary>
    public string? DiscoveryIssuer { get; set; }

    /// <summary>Overrides jwks_uri in the discovery document.</summary>
    public string? JwksUri { get; set; }

    public TimeSpan JwksDelay { get; set; }

    /// <summary>When set, <c>/jwks.json</c> answers 302 to this location (the keys are also served at <c>/moved/jwks.json</c>).</summary>
    public string? JwksRedirect { get; set; }

    /// <summary>When set, the JWKS is sent chunked (no Content-Length), so only the reader's cap can stop it.</summary>
    public bool Chunked { get; set; }

    public int DiscoveryRequests => Volatile.Read(ref _discoveryRequests);

    public int JwksRequests => Volatile.Read(ref _jwksRequests);

    public static async Task<FakeIdentityProvider> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var provider = new FakeIdentityProvider(app);
        app.MapGet("/.well-known/openid-configuration", provider.DiscoveryAsync);
        app.MapGet("/jwks.json", provider.JwksAsync);
        app.MapGet("/moved/jwks.json", provider.JwksAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        provider.Issuer = address.TrimEnd('/');
        return provider;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private Task DiscoveryAsync(HttpContext context)
    {
        Interlocked.Increment(ref _discoveryRequests);
        context.Response.ContentType = "application/json";
        return context.Response.WriteAsync(new JsonObject
        {
            ["issuer"] = DiscoveryIssuer ?? Issuer,
            ["jwks_uri"] = JwksUri ?? Issuer + "/jwks.json",
            ["id_token_signing_alg_values_supported"] = new JsonArray("RS256"),
        }.ToJsonString());
    }

    private async Task JwksAsync(HttpContext context)
    {
        Interlocked.Increment(ref _jwksRequests);
        if (JwksRedirect is not null && context.Request.Path == "/jwks.json")
        {
            context.Response.Redirect(JwksRedirect);
            return;
        }

        if (JwksDelay > TimeSpan.Zero)
        {
            try
            {
                await Task.Delay(JwksDelay, context.RequestAborted);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }

        var body = System.Text.Encoding.UTF8.GetBytes(Jwks);
        context.Response.ContentType = "application/json";
        if (!Chunked)
        {
            context.Response.ContentLength = body.Length;
            await context.Response.Body.WriteAsync(body, context.RequestAborted);
            return;
        }

        for (var offset = 0; offset < body.Length; offset += 1024)
        {
            await context.Response.Body.WriteAsync(body.AsMemory(offset, Math.Min(1024, body.Length - offset)), context.RequestAborted);
            await context.Response.Body.FlushAsync(context.RequestAborted);
        }
    }
}
