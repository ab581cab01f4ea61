namespace Verdict.Server.Tests.Support;

/// <summary>One server shared by the tests of a class.</summary>
public sealed class ServerFixture : IDisposable
{
    public ServerFixture()
    {
        Server = VerdictServerProcess.Start();
    }

    public VerdictServerProcess Server { get; }

    public void Dispose() => Server.Dispose();
}
