using Cedar.Ast;
using Cedar.Parsing;
using Cedar.Schema;
using Cedar.Schema.Text;

namespace Verdict.Cli.Commands;

/// <summary><c>verdict cedar translate-schema --from cedar|json --to json|cedar FILE</c>: prints the schema in the other format.</summary>
internal static class TranslateSchemaCommand
{
    public static int Run(string[] args)
    {
        var options = new Options(args, ["--from", "--to"]);
        var from = options.Require("--from");
        var to = options.Require("--to");
        if (from is not ("cedar" or "json") || to is not ("cedar" or "json"))
        {
            throw new UsageException("--from and --to take `cedar` or `json`");
        }

        if (options.Positional.Count != 1)
        {
            throw new UsageException("usage: verdict cedar translate-schema --from cedar|json --to json|cedar FILE");
        }

        var file = options.Positional[0];
        string text;
        try
        {
            text = file == "-" ? Console.In.ReadToEnd() : File.ReadAllText(file);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Console.Error.WriteLine($"{file}: cannot read: {e.Message}");
            return CommandLine.InputRejected;
        }

        var parsed = from == "cedar" ? CedarSchema.ParseCedar(text) : CedarSchema.ParseJson(text);
        if (!parsed.Success)
        {
            foreach (var error in parsed.Errors)
            {
                Console.Error.WriteLine(file + ":" + error.Format(text));
            }

            return CommandLine.InputRejected;
        }

        var schema = parsed.Value!;
        if (to == "cedar")
        {
            if (CedarSchemaWriter.CannotWriteReason(schema.Fragment) is { } reason)
            {
                Console.Error.WriteLine($"{file}:{LineColumn.Of(text, 0)}: {reason}");
                return CommandLine.InputRejected;
            }

            Console.Out.Write(schema.ToCedarText());
        }
        else
        {
            Console.Out.WriteLine(schema.ToJsonText());
        }

        return CommandLine.Ok;
    }
}
