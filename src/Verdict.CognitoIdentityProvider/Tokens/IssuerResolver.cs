using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace Verdict.CognitoIdentityProvider.Tokens;

/// <summary>Computes <c>iss</c> for a pool: <c>&lt;public base URL&gt;/&lt;userPoolId&gt;</c>.</summary>
public sealed class IssuerResolver(CognitoOptions options, IServiceProvider services)
{
    private string? _baseUrl = options.PublicBaseUrl?.TrimEnd('/');

    public string BaseUrl => _baseUrl ?? (FromServer() is { } fromServer ? _baseUrl = fromServer : "http://127.0.0.1");

    public string IssuerFor(string userPoolId) => BaseUrl + "/" + userPoolId;

    /// <summary>The server's first bound address; read lazily because it is only known once Kestrel listens (port 0).</summary>
    private string? FromServer()
    {
        var addresses = services.GetService<IServer>()?.Features.Get<IServerAddressesFeature>()?.Addresses;
        var first = addresses?.FirstOrDefault();
        if (first is null || !Uri.TryCreate(first, UriKind.Absolute, out var uri))
        {
            return null;
        }

        var host = uri.Host is "0.0.0.0" or "[::]" ? "127.0.0.1" : uri.Host;
        return $"{uri.Scheme}://{host}:{uri.Port}";
    }
}
