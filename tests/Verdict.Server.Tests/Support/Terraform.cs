using System.Text.Json;

namespace Verdict.Server.Tests.Support;

/// <summary>
/// The real Terraform CLI with the real AWS provider (5.100.0) from the machine's filesystem mirror, pointed at a test
/// server through the provider's <c>endpoints</c> block. Each instance owns a working folder with a copy of one
/// configuration from <c>terraform/</c> plus the shared provider block.
/// </summary>
public sealed class Terraform : IDisposable
{
    public const string ProviderVersion = "5.100.0";

    private static readonly string[] s_mirrorCandidates =
    [
        "/opt/tf-plugins",
        "/usr/share/terraform/plugins",
        "/usr/local/share/terraform/plugins",
        Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".terraform.d", "plugins"),
    ];

    private readonly Dictionary<string, string> _environment;

    public Terraform(string configurationName, VerdictServerProcess server)
    {
        WorkingDirectory = Path.Combine(Path.GetTempPath(), "verdict-tf-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(WorkingDirectory);
        var source = Path.Combine(AppContext.BaseDirectory, "terraform", configurationName);
        // Every configuration uses the one provider block in terraform/provider.tf.
        foreach (var file in Directory.GetFiles(source, "*.tf").Append(Path.Combine(source, "..", "provider.tf")))
        {
            File.Copy(file, Path.Combine(WorkingDirectory, Path.GetFileName(file)));
        }

        var cliConfig = Path.Combine(WorkingDirectory, "terraform.rc");
        File.WriteAllText(cliConfig, $$"""
            provider_installation {
              filesystem_mirror {
                path    = "{{FindProviderMirror()}}"
                include = ["registry.terraform.io/hashicorp/aws"]
              }
              direct {
                exclude = ["registry.terraform.io/hashicorp/aws"]
              }
            }
            """);
        _environment = new Dictionary<string, string>
        {
            ["TF_CLI_CONFIG_FILE"] = cliConfig,
            ["TF_IN_AUTOMATION"] = "1",
            ["TF_INPUT"] = "0",
            ["CHECKPOINT_DISABLE"] = "1",
            ["TF_VAR_endpoint"] = server.Endpoint,
        };
    }

    public string WorkingDirectory { get; }

    /// <summary>The folder holding <c>registry.terraform.io/hashicorp/aws/5.100.0</c>; this machine kind ships it.</summary>
    public static string FindProviderMirror()
    {
        var configured = Environment.GetEnvironmentVariable("VERDICT_TERRAFORM_PLUGINS");
        foreach (var candidate in configured is null ? s_mirrorCandidates : [configured, .. s_mirrorCandidates])
        {
            if (Directory.Exists(Path.Combine(candidate, "registry.terraform.io", "hashicorp", "aws", ProviderVersion)))
            {
                return candidate;
            }
        }

        throw new InvalidOperationException(
            $"the AWS provider {ProviderVersion} was not found in a Terraform filesystem mirror ({string.Join(", ", s_mirrorCandidates)}); set VERDICT_TERRAFORM_PLUGINS");
    }

    public ExternalTool.Result Run(params string[] arguments) =>
        ExternalTool.Run("terraform", [$"-chdir={WorkingDirectory}", .. arguments, "-no-color"], TimeSpan.FromMinutes(6), _environment);

    /// <summary>Runs a command that must succeed and returns its output.</summary>
    public string Succeeds(params string[] arguments)
    {
        var result = Run(arguments);
        Assert.True(result.ExitCode == 0, $"terraform {string.Join(' ', arguments)} failed: {result}");
        return result.StandardOutput;
    }

    public void Init() => Succeeds("init", "-input=false");

    public void Apply(params string[] variables) => Succeeds(["apply", "-auto-approve", "-input=false", .. variables]);

    /// <summary>
    /// A plan with <c>-detailed-exitcode</c> after an apply: exit 0 means every attribute Terraform read back equals its
    /// configuration, which only holds when each read operation returns exactly what the write stored.
    /// </summary>
    public void AssertNoDrift(params string[] variables)
    {
        var result = Run(["plan", "-detailed-exitcode", "-input=false", .. variables]);
        Assert.True(result.ExitCode == 0, $"terraform plan shows drift or failed (exit {result.ExitCode}): {result}");
    }

    public JsonElement Outputs()
    {
        using var document = JsonDocument.Parse(Succeeds("output", "-json"));
        return document.RootElement.Clone();
    }

    public string Output(string name) => Outputs().GetProperty(name).GetProperty("value").GetString()!;

    public void Dispose()
    {
        try
        {
            Directory.Delete(WorkingDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A provider process that is still exiting may hold a file; the temp folder is harmless.
        }
    }
}
