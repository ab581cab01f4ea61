using Cedar.Parsing;

namespace Verdict.Cli.Commands;

/// <summary>Reading input files and reporting parse errors as <c>FILE:line:col: message</c>.</summary>
internal static class CedarFileIO
{
    public static string? ReadFile(string path)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Console.Error.WriteLine($"{path}: cannot read: {e.Message}");
            return null;
        }
    }

    public static int ReportErrors(string path, string text, IReadOnlyList<ParseError> errors)
    {
        foreach (var error in errors)
        {
            Console.Error.WriteLine(path + ":" + error.Format(text));
        }

        return CommandLine.InputRejected;
    }
}
