using System.Globalization;
using System.Net;
using Verdict.Server;

namespace Verdict.Cli.Commands;

/// <summary>
/// <c>verdict serve [--host 127.0.0.1] [--port 8340] [--data ./data] [--credentials FILE] [--no-auth]
/// [--allow-default-credentials-on-network]</c>: runs the server until SIGTERM or Ctrl-C.
/// </summary>
internal static class ServeCommand
{
    private static string? PublicUrl(string? value)
    {
        if (value is null)
        {
            return null;
        }

        return Uri.TryCreate(value, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
            ? value.TrimEnd('/')
            : throw new UsageException($"--public-url must be an absolute http(s) URL (got '{value}')");
    }

    public static int Run(string[] args)
    {
        var options = new Options(args, ["--host", "--port", "--data", "--credentials", "--public-url"], ["--no-auth", "--allow-default-credentials-on-network"]);
        if (options.Positional.Count > 0)
        {
            throw new UsageException($"serve takes no arguments (got '{options.Positional[0]}')");
        }

        var defaults = new ServerOptions();
        var host = options.Get("--host") ?? defaults.Host;
        if (host != "localhost" && !IPAddress.TryParse(host, out _))
        {
            throw new UsageException($"--host must be an IP address or localhost (got '{host}')");
        }

        var port = defaults.Port;
        if (options.Get("--port") is { } portText
            && (!int.TryParse(portText, NumberStyles.None, CultureInfo.InvariantCulture, out port) || port > 65535))
        {
            throw new UsageException($"--port must be a number from 0 to 65535 (got '{portText}')");
        }

        var data = options.Get("--data") ?? defaults.DataDirectory;
        return ServerHost.RunAsync(new ServerOptions(host, port, data)
        {
            NoAuth = options.Has("--no-auth"),
            PublicUrl = PublicUrl(options.Get("--public-url")),
            CredentialsFile = options.Get("--credentials"),
            AllowDefaultCredentialsOnNetwork = options.Has("--allow-default-credentials-on-network"),
        }).GetAwaiter().GetResult();
    }
}
