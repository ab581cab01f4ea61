namespace Verdict.Server;

/// <summary>Where the server listens and keeps its data. Port 0 picks a free port (the log line names it).</summary>
public sealed record ServerOptions(string Host = "127.0.0.1", int Port = 8340, string DataDirectory = "./data")
{
    public string DatabasePath => Path.Combine(Path.GetFullPath(DataDirectory), "verdict.db");
}
