using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;

namespace Verdict.Testing;

/// <summary>
/// A real Verdict server in its own process (<c>dotnet Verdict.Server.dll --port P --data D</c>), its output kept for
/// inspection. Disposing kills it (by its own process id), which also shows acknowledged writes survive a hard stop.
/// </summary>
public sealed partial class VerdictServerProcess : IDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output = new();

    private VerdictServerProcess(Process process, int port)
    {
        _process = process;
        Port = port;
    }

    public int Port { get; }

    public string BaseUrl => $"http://127.0.0.1:{Port}";

    public IEnumerable<string> Output => _output;

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public static VerdictServerProcess Start(string dataDirectory, int? port = null) => Start(dataDirectory, port, []);

    /// <summary>Starts <c>verdict serve</c> (the command line, which takes every server option) with extra options such as <c>--pinned-jwks</c>.</summary>
    public static VerdictServerProcess StartServe(string dataDirectory, params string[] options) =>
        Start(dataDirectory, null, [Path.Combine(AppContext.BaseDirectory, "verdict.dll"), "serve", .. options]);

    private static VerdictServerProcess Start(string dataDirectory, int? port, string[] command)
    {
        var chosen = port ?? FreePort();
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in (string[])[.. command.Length > 0 ? command : [ServerDll()], "--host", "127.0.0.1", "--port", chosen.ToString(System.Globalization.CultureInfo.InvariantCulture), "--data", dataDirectory])
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("could not start the server");
        var server = new VerdictServerProcess(process, chosen);
        var ready = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null)
            {
                ready.TrySetException(new InvalidOperationException("the server exited: " + string.Join('\n', server._output)));
                return;
            }

            server._output.Enqueue(e.Data);
            if (e.Data.Contains("Verdict listening on", StringComparison.Ordinal))
            {
                ready.TrySetResult();
            }
        };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                server._output.Enqueue(e.Data);
            }
        };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        if (!ready.Task.Wait(TimeSpan.FromSeconds(60)))
        {
            server.Dispose();
            throw new TimeoutException("the server did not report listening within 60 s: " + string.Join('\n', server._output));
        }

        return server;
    }

    /// <summary>The sign-up confirmation code the server logged for a user (no email is sent).</summary>
    public string? ConfirmationCode(string userPoolId, string username)
    {
        foreach (var line in _output)
        {
            var match = ConfirmationCodeLine().Match(line);
            if (match.Success && match.Groups["user"].Value == username && match.Groups["pool"].Value == userPoolId)
            {
                return match.Groups["code"].Value;
            }
        }

        return null;
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            _process.WaitForExit(10_000);
        }

        _process.Dispose();
    }

    private static string ServerDll()
    {
        var local = Path.Combine(AppContext.BaseDirectory, "Verdict.Server.dll");
        if (File.Exists(local) && File.Exists(Path.Combine(AppContext.BaseDirectory, "Verdict.Server.runtimeconfig.json")))
        {
            return local;
        }

        // artifacts/bin/<test project>/<config>/ → artifacts/bin/Verdict.Server/<config>/
        var configuration = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Name;
        var fromArtifacts = Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "..", "..", "Verdict.Server", configuration, "Verdict.Server.dll"));
        return File.Exists(fromArtifacts) ? fromArtifacts : throw new FileNotFoundException("Verdict.Server.dll not found", fromArtifacts);
    }

    [GeneratedRegex(@"confirmation code for user (?<user>\S+) in (?<pool>\S+): (?<code>\d{6})")]
    private static partial Regex ConfirmationCodeLine();
}
