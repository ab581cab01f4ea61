using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Verdict.Server.Tests.Support;

/// <summary>
/// A throwaway PostgreSQL cluster for tests: <c>initdb</c> into a temporary directory, <c>pg_ctl start</c> on a free
/// loopback port, trust authentication for one superuser, and <c>pg_ctl stop</c> plus deletion on dispose. PostgreSQL
/// refuses to run as root, so as root the binaries run as the <c>postgres</c> user (<c>runuser</c>).
/// </summary>
public sealed class PostgresCluster : IDisposable
{
    private const string User = "verdict";
    private static readonly Lazy<string?> s_binaries = new(FindBinaries);
    private readonly string _directory;
    private readonly string _dataDirectory;
    private bool _started;

    public PostgresCluster()
    {
        var bin = s_binaries.Value ?? throw new InvalidOperationException(UnavailableReason);
        _directory = Path.Combine(Path.GetTempPath(), "verdict-pg-" + Guid.NewGuid().ToString("N"));
        _dataDirectory = Path.Combine(_directory, "data");
        Directory.CreateDirectory(_directory);
        if (RunningAsRoot)
        {
            // The postgres user must own the cluster's directory (and reach it through the temp folder).
            Run("chown", ["postgres:postgres", _directory]);
        }

        Port = FreePort();
        RunPostgres(Path.Combine(bin, "initdb"), ["-D", _dataDirectory, "-U", User, "--auth=trust", "-E", "UTF8", "--no-locale"]);
        RunPostgres(Path.Combine(bin, "pg_ctl"), [
            "-D", _dataDirectory, "-l", Path.Combine(_directory, "postgres.log"), "-w", "-t", "60",
            "-o", $"-p {Port} -c listen_addresses=127.0.0.1 -c unix_socket_directories='{_directory}' -c fsync=on", "start",
        ]);
        _started = true;
        Bin = bin;
    }

    /// <summary>Null when the PostgreSQL server binaries (initdb, pg_ctl) can be found; otherwise why the tests are skipped.</summary>
    public static string? SkipReason => s_binaries.Value is null ? UnavailableReason : null;

    public int Port { get; }

    private string Bin { get; }

    private static string UnavailableReason =>
        "PostgreSQL server binaries (initdb, pg_ctl) were not found on PATH or under /usr/lib/postgresql/*/bin; .ci/run installs them (apt-get install postgresql).";

    private static bool RunningAsRoot => Environment.UserName == "root";

    /// <summary>A connection string for <paramref name="database"/> on this cluster.</summary>
    public string ConnectionString(string database = "postgres") =>
        $"Host=127.0.0.1;Port={Port};Username={User};Database={database};Pooling=true;Include Error Detail=true";

    public void Dispose()
    {
        if (_started)
        {
            RunPostgres(Path.Combine(Bin, "pg_ctl"), ["-D", _dataDirectory, "-m", "immediate", "-w", "stop"]);
            _started = false;
        }

        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // A file still held by a stopping server: the temp folder is cleaned by the system.
        }
    }

    private static string? FindBinaries()
    {
        var candidates = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator).ToList();
        if (Directory.Exists("/usr/lib/postgresql"))
        {
            candidates.AddRange(Directory.GetDirectories("/usr/lib/postgresql").OrderDescending().Select(d => Path.Combine(d, "bin")));
        }

        foreach (var directory in candidates.Where(d => d.Length > 0))
        {
            var initdb = Path.Combine(directory, "initdb");
            if (File.Exists(initdb) && File.Exists(Path.Combine(directory, "pg_ctl")))
            {
                // Resolve a symbolic link (Debian links /usr/local/bin/initdb into /usr/lib/postgresql/N/bin).
                var target = new FileInfo(initdb).ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? initdb;
                return Path.GetDirectoryName(target);
            }
        }

        return null;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static void RunPostgres(string program, IReadOnlyList<string> arguments)
    {
        if (RunningAsRoot)
        {
            Run("runuser", ["-u", "postgres", "--", program, .. arguments]);
        }
        else
        {
            Run(program, arguments);
        }
    }

    private static void Run(string program, IReadOnlyList<string> arguments)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(120_000))
        {
            process.Kill(entireProcessTree: true);
            throw new InvalidOperationException($"{program} did not finish in 120 s");
        }

        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{program} {string.Join(' ', arguments)} exited {process.ExitCode}: {output.Result}{error.Result}");
        }
    }
}
