namespace Verdict.Cli;

/// <summary>Dispatches <c>verdict &lt;command&gt; ...</c>. Exit codes: 0 answered, 1 input rejected, 2 usage error, 3 internal error.</summary>
internal static class CommandLine
{
    public const int Ok = 0;
    public const int InputRejected = 1;
    public const int Usage = 2;
    public const int InternalError = 3;

    private static readonly Dictionary<string, Func<string[], int>> s_cedarCommands = new(StringComparer.Ordinal)
    {
        ["authorize"] = Commands.AuthorizeCommand.Run,
        ["check-parse"] = Commands.CheckParseCommand.Run,
        ["translate-schema"] = Commands.TranslateSchemaCommand.Run,
        ["policy-to-json"] = Commands.PolicyToJsonCommand.Run,
        ["json-to-policy"] = Commands.JsonToPolicyCommand.Run,
        ["format"] = Commands.FormatCommand.Run,
        ["validate"] = Commands.ValidateCommand.Run,
    };

    public static int Run(string[] args)
    {
        if (args.Length == 0 || args[0] is "-h" or "--help" or "help")
        {
            PrintUsage(Console.Out);
            return args.Length == 0 ? Usage : Ok;
        }

        try
        {
            switch (args[0])
            {
                case "serve":
                    return Commands.ServeCommand.Run(args[1..]);
                case "cedar" when args.Length >= 2 && s_cedarCommands.TryGetValue(args[1], out var cedarCommand):
                    return cedarCommand(args[2..]);
                default:
                    Console.Error.WriteLine($"verdict: unknown command '{string.Join(' ', args.Take(2))}'");
                    PrintUsage(Console.Error);
                    return Usage;
            }
        }
        catch (UsageException e)
        {
            Console.Error.WriteLine("verdict: " + e.Message);
            return Usage;
        }
    }

    private static void PrintUsage(TextWriter w)
    {
        w.WriteLine("usage: verdict <command> [options]");
        w.WriteLine("commands:");
        w.WriteLine("  serve [--host 127.0.0.1] [--port 8340] [--data ./data] [--credentials FILE] [--public-url URL] [--no-auth] [--allow-default-credentials-on-network] [--allow-http-loopback-issuers] [--pinned-jwks ISSUER=FILE]...");
        foreach (var name in s_cedarCommands.Keys.Order(StringComparer.Ordinal))
        {
            w.WriteLine("  cedar " + name);
        }
    }
}

/// <summary>Thrown for a bad command line; turned into exit code 2 with the message on stderr.</summary>
internal sealed class UsageException(string message) : Exception(message);

/// <summary>A tiny option reader: <c>--name value</c> pairs and flags.</summary>
internal sealed class Options
{
    private readonly Dictionary<string, string> _values = new(StringComparer.Ordinal);
    private readonly HashSet<string> _flags = new(StringComparer.Ordinal);

    public Options(string[] args, IEnumerable<string> valueOptions, IEnumerable<string>? flagOptions = null)
    {
        var valueNames = new HashSet<string>(valueOptions, StringComparer.Ordinal);
        var flagNames = new HashSet<string>(flagOptions ?? [], StringComparer.Ordinal);
        for (var i = 0; i < args.Length; i++)
        {
            var a = args[i];
            if (valueNames.Contains(a))
            {
                if (i + 1 >= args.Length)
                {
                    throw new UsageException($"option {a} needs a value");
                }

                _values[a] = args[++i];
            }
            else if (flagNames.Contains(a))
            {
                _flags.Add(a);
            }
            else if (a.StartsWith("--", StringComparison.Ordinal))
            {
                throw new UsageException($"unknown option {a}");
            }
            else
            {
                Positional.Add(a);
            }
        }
    }

    public List<string> Positional { get; } = [];

    public string? Get(string name) => _values.GetValueOrDefault(name);

    public string Require(string name) => Get(name) ?? throw new UsageException($"option {name} is required");

    public bool Has(string flag) => _flags.Contains(flag);
}
