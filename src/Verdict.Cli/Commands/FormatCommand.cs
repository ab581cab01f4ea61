using Cedar.Formatting;

namespace Verdict.Cli.Commands;

/// <summary>
/// <c>verdict cedar format --policies FILE [--check|--write] [--line-width N] [--indent-width N]</c>: prints the policies in
/// Cedar's canonical layout (as <c>formatPolicies</c> does); <c>--check</c> prints nothing and exits 1 when the file is not
/// formatted; <c>--write</c> rewrites the file in place.
/// </summary>
internal static class FormatCommand
{
    public static int Run(string[] args)
    {
        var options = new Options(args, ["--policies", "--line-width", "--indent-width"], ["--check", "--write"]);
        var path = options.Require("--policies");
        if (options.Has("--check") && options.Has("--write"))
        {
            throw new UsageException("--check and --write cannot be combined");
        }

        var lineWidth = PositiveInt(options, "--line-width", PolicyFormatter.DefaultLineWidth);
        var indentWidth = PositiveInt(options, "--indent-width", PolicyFormatter.DefaultIndentWidth);
        var text = CedarFileIO.ReadFile(path);
        if (text is null)
        {
            return CommandLine.InputRejected;
        }

        var formatted = PolicyFormatter.Format(text, lineWidth, indentWidth);
        if (!formatted.Success)
        {
            return CedarFileIO.ReportErrors(path, text, formatted.Errors);
        }

        if (options.Has("--check"))
        {
            if (formatted.Value == text)
            {
                return CommandLine.Ok;
            }

            Console.Error.WriteLine($"{path}: not formatted");
            return CommandLine.InputRejected;
        }

        if (options.Has("--write"))
        {
            if (formatted.Value != text)
            {
                File.WriteAllText(path, formatted.Value);
            }

            return CommandLine.Ok;
        }

        Console.Out.Write(formatted.Value);
        return CommandLine.Ok;
    }

    private static int PositiveInt(Options options, string name, int fallback)
    {
        var value = options.Get(name);
        if (value is null)
        {
            return fallback;
        }

        return int.TryParse(value, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n) && n > 0
            ? n
            : throw new UsageException($"{name} needs a positive whole number");
    }
}
