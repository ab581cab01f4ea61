using Verdict.Bench;

// usage: Verdict.Bench validate DIR [ITERATIONS]
//        Verdict.Bench authorize DIR [SECONDS] [MAX_REQUESTS] [authorizer-only]
//        Verdict.Bench scale SMALL_DIR LARGE_DIR [SECONDS]
//        Verdict.Bench memory DIR
return args.FirstOrDefault() switch
{
    "validate" when args.Length >= 2 => ValidateBench.Run(args),
    "authorize" when args.Length >= 2 => AuthorizeBench.Run(args),
    "scale" when args.Length >= 3 => ScaleBench.Run(args),
    "memory" when args.Length >= 2 => MemoryBench.Run(args),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: Verdict.Bench validate DIR [ITERATIONS] | authorize DIR [SECONDS] [MAX_REQUESTS] | scale SMALL_DIR LARGE_DIR [SECONDS] | memory DIR");
    return 2;
}
