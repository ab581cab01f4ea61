using System.Diagnostics;

namespace Verdict.Cli.Tests;

/// <summary>The `verdict cedar` commands as a user runs them: files in, JSON lines or errors out, and exit codes.</summary>
public sealed class CedarCommandTests : IDisposable
{
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("verdict-cli-");

    private const string Policies = """
        permit (principal in Team::"admins", action == Action::"view", resource);
        forbid (principal, action, resource) when { resource.secret };
        permit (principal, action, resource) when { principal.level > 3 };
        """;

    private const string Entities = """
        [
          {"uid": {"type": "User", "id": "alice"}, "attrs": {"level": 5}, "parents": [{"type": "Team", "id": "admins"}]},
          {"uid": {"type": "User", "id": "bob"}, "attrs": {}, "parents": []},
          {"uid": {"type": "Team", "id": "admins"}, "attrs": {}, "parents": []},
          {"uid": {"type": "Doc", "id": "open"}, "attrs": {"secret": false}, "parents": []},
          {"uid": {"type": "Doc", "id": "closed"}, "attrs": {"secret": true}, "parents": []}
        ]
        """;

    [Fact]
    public void Authorize_prints_one_answer_line_per_request()
    {
        var requests = """
            [
              {"principal": {"type": "User", "id": "alice"}, "action": "Action::\"view\"", "resource": {"type": "Doc", "id": "open"}, "context": {}},
              {"principal": "User::\"alice\"", "action": "Action::\"view\"", "resource": "Doc::\"closed\"", "context": {}},
              {"principal": "User::\"bob\"", "action": "Action::\"view\"", "resource": "Doc::\"open\"", "context": {}}
            ]
            """;
        var result = Run("cedar", "authorize", "--policies", Write("p.cedar", Policies), "--entities", Write("e.json", Entities), "--request-json", Write("r.json", requests));
        Assert.Equal(0, result.ExitCode);
        var lines = result.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(3, lines.Length);
        Assert.Equal("""{"decision":"ALLOW","determiningPolicies":[{"policyId":"policy0"},{"policyId":"policy2"}],"errors":[]}""", Normalize(lines[0]));
        Assert.Equal("""{"decision":"DENY","determiningPolicies":[{"policyId":"policy1"}],"errors":[]}""", Normalize(lines[1]));
        // bob has no `level`: policy2 errors and is skipped; nothing permits.
        Assert.StartsWith("""{"decision":"DENY","determiningPolicies":[],"errors":[{"policyId":"policy2","errorDescription":""", lines[2], StringComparison.Ordinal);
    }

    [Fact]
    public void A_policy_file_that_does_not_parse_gives_every_error_with_its_position_and_no_answer()
    {
        var bad = Write("bad.cedar", "permit(principal, action, resource) when { 1 + };\npermit(principal, action);\n");
        var result = Run("cedar", "authorize", "--policies", bad, "--entities", Write("e.json", "[]"), "--request-json", Write("r.json", """{"principal": "U::\"a\"", "action": "Action::\"a\"", "resource": "R::\"r\"", "context": {}}"""));
        Assert.Equal(1, result.ExitCode);
        Assert.Equal("", result.Stdout);
        Assert.Contains(bad + ":1:", result.Stderr, StringComparison.Ordinal);
        Assert.Contains(bad + ":2:", result.Stderr, StringComparison.Ordinal);

        var check = Run("cedar", "check-parse", "--policies", bad);
        Assert.Equal(1, check.ExitCode);
        Assert.Contains(bad + ":1:", check.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Format_is_idempotent_and_check_reports_unformatted_files()
    {
        var file = Write("f.cedar", "permit(principal,action,resource)when{principal.level>3};");
        var check = Run("cedar", "format", "--policies", file, "--check");
        Assert.Equal(1, check.ExitCode);
        var write = Run("cedar", "format", "--policies", file, "--write");
        Assert.Equal(0, write.ExitCode);
        Assert.Equal(0, Run("cedar", "format", "--policies", file, "--check").ExitCode);
        Assert.Contains("principal.level > 3", File.ReadAllText(file), StringComparison.Ordinal);
    }

    [Fact]
    public void Policy_json_round_trips_through_the_command_line()
    {
        var json = Run("cedar", "policy-to-json", "--policies", Write("p.cedar", Policies));
        Assert.Equal(0, json.ExitCode);
        Assert.Contains("\"staticPolicies\"", json.Stdout, StringComparison.Ordinal);
        var text = Run("cedar", "json-to-policy", "--policies", Write("p.json", json.Stdout));
        Assert.Equal(0, text.ExitCode);
        Assert.Contains("principal in Team::\"admins\"", text.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_and_translate_schema_agree_on_a_schema_in_both_formats()
    {
        var schema = Write("s.cedarschema", """
            entity Team;
            entity User in [Team] { level: Long };
            entity Doc { secret: Bool };
            action view appliesTo { principal: [User], resource: [Doc] };
            """);
        var json = Run("cedar", "translate-schema", "--from", "cedar", "--to", "json", schema);
        Assert.Equal(0, json.ExitCode);
        var jsonSchema = Write("s.json", json.Stdout);
        var good = Write("good.cedar", "permit(principal, action == Action::\"view\", resource) when { principal.level > 3 && !resource.secret };");
        var badPolicy = Write("badp.cedar", "permit(principal, action == Action::\"view\", resource) when { principal.level > \"3\" };");
        Assert.Equal(0, Run("cedar", "validate", "--policies", good, "--schema", schema).ExitCode);
        Assert.Equal(0, Run("cedar", "validate", "--policies", good, "--schema", jsonSchema, "--schema-format", "json").ExitCode);
        var invalid = Run("cedar", "validate", "--policies", badPolicy, "--schema", schema);
        Assert.Equal(1, invalid.ExitCode);
        Assert.Contains(badPolicy + ":1:", invalid.Stderr + invalid.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Unknown_commands_and_missing_options_are_usage_errors()
    {
        Assert.Equal(2, Run("cedar", "no-such-command").ExitCode);
        Assert.Equal(2, Run("cedar", "authorize", "--policies", Write("p.cedar", Policies)).ExitCode);
    }

    public void Dispose() => _dir.Delete(recursive: true);

    private string Write(string name, string content)
    {
        var path = Path.Combine(_dir.FullName, name);
        File.WriteAllText(path, content);
        return path;
    }

    private static string Normalize(string line) => line.Replace(" ", "", StringComparison.Ordinal);

    private sealed record Result(int ExitCode, string Stdout, string Stderr);

    private static Result Run(params string[] args)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "verdict.dll"));
        foreach (var a in args)
        {
            info.ArgumentList.Add(a);
        }

        using var p = Process.Start(info)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        p.WaitForExit(120_000);
        return new Result(p.ExitCode, stdout.Result, stderr.Result);
    }
}
