using Verdict.Cli;

return CommandLine.Run(args);
