namespace Cedar.Tests.Support;

/// <summary>Locates the repository root (the folder with Verdict.slnx) and the shared corpus beside it.</summary>
public static class RepositoryPaths
{
    private static readonly Lazy<string> s_root = new(FindRoot);

    public static string Root => s_root.Value;

    /// <summary>The shared Cedar corpus: <c>$CEDAR_CORPUS</c>, else <c>../shared/cedar-corpus</c> next to the repository.</summary>
    public static string CedarCorpus =>
        Environment.GetEnvironmentVariable("CEDAR_CORPUS") is { Length: > 0 } env
            ? env
            : Path.GetFullPath(Path.Combine(Root, "..", "shared", "cedar-corpus"));

    private static string FindRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Verdict.slnx")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("cannot find Verdict.slnx above " + AppContext.BaseDirectory);
    }
}
