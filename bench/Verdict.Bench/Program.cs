using Verdict.Bench;

// usage: Verdict.Bench validate DIR [ITERATIONS]
//        Verdict.Bench authorize DIR [SECONDS] [MAX_REQUESTS]
//        Verdict.Bench memory DIR
return args.FirstOrDefault() switch
{
    "validate" when args.Length >= 2 => ValidateBench.Run(args),
    "authorize" when args.Length >= 2 => AuthorizeBench.Run(args),
    "memory" when args.Length >= 2 => MemoryBench.Run(args),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: Verdict.Bench validate DIR [ITERATIONS] | authorize DIR [SECONDS] [MAX_REQUESTS] | memory DIR");
    return 2;
}
