using Cedar.Parsing;

namespace Verdict.Cli.Commands;

/// <summary><c>verdict cedar check-parse --policies FILE</c>: reports every parse error of a policy file.</summary>
internal static class CheckParseCommand
{
    public static int Run(string[] args)
    {
        var options = new Options(args, ["--policies"]);
        var path = options.Require("--policies");
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Console.Error.WriteLine($"{path}: cannot read: {e.Message}");
            return CommandLine.InputRejected;
        }

        var result = PolicyParser.ParsePolicySet(text);
        if (!result.Success)
        {
            var lines = new LineIndex(text);
            foreach (var error in result.Errors)
            {
                var (line, column) = lines.Locate(error.Span.Start);
                Console.Error.WriteLine($"{path}:{line}:{column}: {error.Message}" + (error.Help is null ? "" : $" ({error.Help})"));
            }

            return CommandLine.InputRejected;
        }

        var count = result.Value!.Count;
        Console.WriteLine($"ok: {count} {(count == 1 ? "policy" : "policies")}");
        return CommandLine.Ok;
    }
}
