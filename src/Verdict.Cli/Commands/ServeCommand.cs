using System.Globalization;
using System.Net;
using Verdict.Server;

namespace Verdict.Cli.Commands;

/// <summary><c>verdict serve [--host 127.0.0.1] [--port 8340] [--data ./data]</c>: runs the server until SIGTERM or Ctrl-C.</summary>
internal static class ServeCommand
{
    public static int Run(string[] args)
    {
        var options = new Options(args, ["--host", "--port", "--data"]);
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
        return ServerHost.RunAsync(new ServerOptions(host, port, data)).GetAwaiter().GetResult();
    }
}
