namespace Verdict.Storage;

/// <summary>The owner of every stored resource: an AWS account in one region. Resources of one tenant are invisible to another.</summary>
public readonly record struct Tenant(string Account, string Region);
