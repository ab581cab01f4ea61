using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Verdict.Server.Tests.Support;

/// <summary>
/// A real <c>verdict serve</c> process on 127.0.0.1 and a free port, over its own data folder. Disposing stops it
/// (SIGTERM, then SIGKILL if it lingers) and removes the folder when this instance created it.
/// </summary>
public sealed class VerdictServerProcess : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly bool _ownsData;

    private VerdictServerProcess(Process process, int port, string dataDirectory, bool ownsData)
    {
        _process = process;
        Port = port;
        DataDirectory = dataDirectory;
        _ownsData = ownsData;
        Endpoint = $"http://127.0.0.1:{port}";
    }

    public int Port { get; }

    public string DataDirectory { get; }

    public string Endpoint { get; }

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    public bool HasExited => _process.HasExited;

    public static string VerdictDll => Path.Combine(AppContext.BaseDirectory, "verdict.dll");

    public static VerdictServerProcess Start(
        string? dataDirectory = null, IReadOnlyList<string>? extraArguments = null, IReadOnlyDictionary<string, string>? environment = null)
    {
        var ownsData = dataDirectory is null;
        dataDirectory ??= Path.Combine(Path.GetTempPath(), "verdict-test-" + Guid.NewGuid().ToString("N"));
        var port = FreePort();
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { VerdictDll, "serve", "--host", "127.0.0.1", "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--data", dataDirectory })
        {
            info.ArgumentList.Add(arg);
        }

        foreach (var arg in extraArguments ?? [])
        {
            info.ArgumentList.Add(arg);
        }

        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            info.Environment[name] = value;
        }

        var process = Process.Start(info) ?? throw new InvalidOperationException("could not start dotnet");
        var server = new VerdictServerProcess(process, port, dataDirectory, ownsData);
        process.OutputDataReceived += (_, e) => server.Append(e.Data);
        process.ErrorDataReceived += (_, e) => server.Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            server.WaitUntilHealthy(TimeSpan.FromSeconds(60));
        }
        catch
        {
            server.Dispose();
            throw;
        }

        return server;
    }

    /// <summary>SIGKILL: no chance to flush or clean up, like a power cut for the process.</summary>
    public void Kill()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(10_000);
        }
    }

    /// <summary>SIGTERM and wait; returns the exit code.</summary>
    public int Terminate(TimeSpan timeout)
    {
        if (!_process.HasExited)
        {
            if (kill(_process.Id, 15) != 0)
            {
                throw new InvalidOperationException("SIGTERM could not be sent");
            }

            if (!_process.WaitForExit((int)timeout.TotalMilliseconds))
            {
                Kill();
                throw new TimeoutException("the server did not stop on SIGTERM:\n" + Output);
            }
        }

        _process.WaitForExit();
        return _process.ExitCode;
    }

    public void Dispose()
    {
        try
        {
            if (!_process.HasExited)
            {
                Terminate(TimeSpan.FromSeconds(15));
            }
        }
        catch (TimeoutException)
        {
            // Already killed by Terminate.
        }
        finally
        {
            _process.Dispose();
            if (_ownsData)
            {
                try
                {
                    Directory.Delete(DataDirectory, recursive: true);
                }
                catch (IOException)
                {
                }
            }
        }
    }

    private void WaitUntilHealthy(TimeSpan timeout)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"verdict serve exited with {_process.ExitCode}:\n{Output}");
            }

            try
            {
                using var response = http.GetAsync(Endpoint + "/health").GetAwaiter().GetResult();
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException)
            {
            }

            Thread.Sleep(100);
        }

        throw new TimeoutException("verdict serve did not become healthy:\n" + Output);
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    [System.Runtime.InteropServices.DllImport("libc", SetLastError = true)]
    private static extern int kill(int pid, int signal);
}
