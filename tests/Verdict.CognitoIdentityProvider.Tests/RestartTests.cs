namespace Verdict.CognitoIdentityProvider.Tests;

/// <summary>Keys, tokens and sessions survive a server restart (a hard kill, then a new process on the same data).</summary>
[Trait("Category", "Server")]
public sealed class RestartTests
{
    [Fact]
    public void Tokens_issued_before_a_restart_verify_and_refresh_after_it()
    {
        var data = Directory.CreateTempSubdirectory("verdict-cognito-restart-").FullName;
        try
        {
            var state = Path.Combine(data, "state.json");
            var port = VerdictServerProcess.FreePort();
            using (var first = VerdictServerProcess.Start(data, port))
            {
                var before = ExternalCommand.Python("restart_before.py", first.BaseUrl, state);
                Assert.True(before.ExitCode == 0, before.Stderr + before.Stdout);
            }

            Assert.True(File.Exists(Path.Combine(data, "cognito-idp.db")));
            using var second = VerdictServerProcess.Start(data, port);
            var after = ExternalCommand.Python("restart_after.py", second.BaseUrl, state);
            Assert.True(after.ExitCode == 0, after.Stderr + after.Stdout);
            Assert.Equal(6, System.Text.Json.JsonDocument.Parse(after.LastLine).RootElement.GetProperty("checks").GetInt32());
        }
        finally
        {
            Directory.Delete(data, recursive: true);
        }
    }
}
