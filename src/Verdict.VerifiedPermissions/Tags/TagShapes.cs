namespace Verdict.VerifiedPermissions.Tags;

public sealed record TagResourceInput(string ResourceArn, Dictionary<string, string> Tags);

public sealed record UntagResourceInput(string ResourceArn, List<string> TagKeys);

public sealed record ListTagsForResourceInput(string ResourceArn);

public sealed record ListTagsForResourceOutput(IReadOnlyDictionary<string, string> Tags);
