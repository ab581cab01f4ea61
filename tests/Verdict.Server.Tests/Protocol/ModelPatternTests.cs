using System.IO.Compression;
using System.Text.Json;
using Verdict.Protocol.Validation;
using Verdict.Server.Tests.Support;

namespace Verdict.Server.Tests.Protocol;

/// <summary>
/// Model patterns are compiled on first use, so a pattern .NET could not compile would only fail when a request
/// reached it: every pattern of the three served models is compiled here instead.
/// </summary>
public sealed class ModelPatternTests
{
    [Theory]
    [InlineData("verifiedpermissions/2021-12-01")]
    [InlineData("cognito-identity/2014-06-30")]
    [InlineData("cognito-idp/2016-04-18")]
    public void Every_pattern_of_the_model_compiles_and_matches_whole_values(string model)
    {
        var located = ExternalTool.Run("python3", ["-c", "import botocore,os;print(os.path.dirname(botocore.__file__))"]);
        Assert.True(located.ExitCode == 0, located.ToString());
        var path = Path.Combine(located.StandardOutput.Trim(), "data", model, "service-2.json.gz");
        using var stream = new GZipStream(File.OpenRead(path), CompressionMode.Decompress);
        using var document = JsonDocument.Parse(stream);

        var patterns = document.RootElement.GetProperty("shapes").EnumerateObject()
            .Select(shape => shape.Value.TryGetProperty("pattern", out var pattern) ? pattern.GetString() : null)
            .OfType<string>()
            .Distinct(StringComparer.Ordinal)
            .ToList();
        Assert.NotEmpty(patterns);
        foreach (var pattern in patterns)
        {
            var regex = PatternCompiler.Compile(pattern);
            Assert.Same(regex, PatternCompiler.Compile(pattern));
            Assert.StartsWith("^(?:", regex.ToString(), StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("my-bucket.logs", true)]
    [InlineData("my-bucket.", false)]
    public void A_lookbehind_pattern_is_checked_by_the_backtracking_engine(string bucket, bool matches)
    {
        var regex = PatternCompiler.Compile(@"^[0-9A-Za-z\.\-_]*(?<!\.)$");
        Assert.Equal(matches, PatternCompiler.Matches(regex, bucket));
    }
}
