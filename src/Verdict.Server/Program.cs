using Verdict.Server;

// Standalone entry point; `verdict serve` is the usual way in and parses the same options.
var options = new ServerOptions();
for (var i = 0; i + 1 < args.Length; i += 2)
{
    options = args[i] switch
    {
        "--host" => options with { Host = args[i + 1] },
        "--port" => options with { Port = int.Parse(args[i + 1], System.Globalization.CultureInfo.InvariantCulture) },
        "--data" => options with { DataDirectory = args[i + 1] },
        _ => throw new ArgumentException($"unknown option {args[i]}"),
    };
}

return await ServerHost.RunAsync(options);
