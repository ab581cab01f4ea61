namespace Verdict.CognitoIdentity.Tests;

/// <summary>One server for the tests that share it (started once: the machine is small), with its own data directory.</summary>
public sealed class ServerFixture : IDisposable
{
    public ServerFixture()
    {
        DataDirectory = Directory.CreateTempSubdirectory("verdict-idpools-").FullName;
        Server = VerdictServerProcess.Start(DataDirectory);
    }

    public string DataDirectory { get; }

    public VerdictServerProcess Server { get; }

    public void Dispose()
    {
        Server.Dispose();
        Directory.Delete(DataDirectory, recursive: true);
    }
}

[CollectionDefinition(Name)]
public sealed class ServerCollection : ICollectionFixture<ServerFixture>
{
    public const string Name = "Verdict server";
}
