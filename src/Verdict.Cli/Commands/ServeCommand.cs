using System.Globalization;
using System.Net;
using Verdict.Server;

namespace Verdict.Cli.Commands;

/// <summary>
/// <c>verdict serve [--host 127.0.0.1] [--port 8340] [--data ./data] [--credentials FILE] [--no-auth]
/// [--allow-default-credentials-on-network] [--allow-http-loopback-issuers] [--pinned-jwks ISSUER=FILE]...</c>:
/// runs the server until SIGTERM or Ctrl-C.
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

    /// <summary>Takes every <c>--pinned-jwks ISSUER=FILE</c> out of the arguments (the option repeats); each file must hold a usable JWKS.</summary>
    private static Dictionary<string, string> PinnedJwks(ref string[] args)
    {
        var pinned = new Dictionary<string, string>(StringComparer.Ordinal);
        var rest = new List<string>(args.Length);
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i] != "--pinned-jwks")
            {
                rest.Add(args[i]);
                continue;
            }

            if (i + 1 >= args.Length)
            {
                throw new UsageException("option --pinned-jwks needs a value ISSUER=FILE");
            }

            var value = args[++i];
            var equals = value.IndexOf('=', StringComparison.Ordinal);
            var issuer = equals > 0 ? value[..equals] : "";
            var file = equals > 0 ? value[(equals + 1)..] : "";
            if (!Uri.TryCreate(issuer, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps) || file.Length == 0)
            {
                throw new UsageException($"--pinned-jwks must be ISSUER=FILE with an http(s) issuer URL (got '{value}')");
            }

            byte[] json;
            try
            {
                json = File.ReadAllBytes(file);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new UsageException($"--pinned-jwks: cannot read {file}: {e.Message}");
            }

            if (Verdict.Tokens.JsonWebKeySet.Parse(json, out var error) is null)
            {
                throw new UsageException($"--pinned-jwks: {file} is not a usable JWKS: {error}");
            }

            if (!pinned.TryAdd(issuer, file))
            {
                throw new UsageException($"--pinned-jwks: issuer {issuer} is pinned twice");
            }
        }

        args = [.. rest];
        return pinned;
    }

    public static int Run(string[] args)
    {
        var pinnedJwks = PinnedJwks(ref args);
        var options = new Options(
            args,
            ["--host", "--port", "--data", "--credentials", "--public-url"],
            ["--no-auth", "--allow-default-credentials-on-network", "--allow-http-loopback-issuers"]);
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
            AllowHttpLoopbackIssuers = options.Has("--allow-http-loopback-issuers"),
            PinnedJwksFiles = pinnedJwks,
        }).GetAwaiter().GetResult();
    }
}
