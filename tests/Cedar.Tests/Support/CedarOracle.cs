using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Cedar.Tests.Support;

/// <summary>
/// The official engine (cedar-wasm, run by tools/oracle/oracle.mjs under Node) as a long-lived child process.
/// Calls are serialised; one instance is shared by a test class through <see cref="Shared"/>.
/// </summary>
public sealed class CedarOracle : IDisposable
{
    private static readonly Lazy<CedarOracle> s_shared = new(() => new CedarOracle());
    private readonly Process _process;
    private readonly Lock _gate = new();

    public CedarOracle()
    {
        var script = Path.Combine(RepositoryPaths.Root, "tools", "oracle", "oracle.mjs");
        if (!Directory.Exists(Path.Combine(RepositoryPaths.Root, "node_modules", "@cedar-policy", "cedar-wasm")))
        {
            throw new InvalidOperationException("the oracle is not installed: run `npm ci` in the repository root (./test.sh does)");
        }

        var psi = new ProcessStartInfo("node", [script])
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = false,
            UseShellExecute = false,
            WorkingDirectory = RepositoryPaths.Root,
        };
        psi.StandardOutputEncoding = System.Text.Encoding.UTF8;
        psi.StandardInputEncoding = new System.Text.UTF8Encoding(false);
        _process = Process.Start(psi) ?? throw new InvalidOperationException("cannot start node");
    }

    public static CedarOracle Shared => s_shared.Value;

    /// <summary>Calls a cedar-wasm export with a raw JSON argument (object text, or a JSON string literal for plain text).</summary>
    public JsonNode Call(string function, string rawJsonArgument)
    {
        if (rawJsonArgument.Contains('\n') || rawJsonArgument.Contains('\r'))
        {
            // The protocol is line based; raw newlines are only legal inside JSON as whitespace, so fold them.
            rawJsonArgument = rawJsonArgument.Replace("\r", " ").Replace("\n", " ");
        }

        string? line;
        lock (_gate)
        {
            _process.StandardInput.WriteLine("{\"fn\":\"" + function + "\",\"arg\":" + rawJsonArgument + "}");
            _process.StandardInput.Flush();
            line = _process.StandardOutput.ReadLine();
        }

        if (line is null)
        {
            throw new InvalidOperationException("the oracle process ended");
        }

        var node = JsonNode.Parse(line) ?? throw new InvalidOperationException("empty oracle answer");
        if (node["exception"] is { } ex)
        {
            throw new InvalidOperationException("oracle exception: " + ex.GetValue<string>());
        }

        return node["ok"]!;
    }

    /// <summary>Calls with a plain string argument (policy text for policyToJson, formatPolicies and the like).</summary>
    public JsonNode CallWithText(string function, string text) => Call(function, JsonSerializer.Serialize(text));

    public void Dispose()
    {
        try
        {
            _process.StandardInput.WriteLine("exit");
            _process.WaitForExit(2000);
        }
        catch (IOException)
        {
        }

        if (!_process.HasExited)
        {
            _process.Kill();
        }

        _process.Dispose();
    }
}
