namespace Verdict.Tokens.Tests.Support;

/// <summary>An <see cref="ILocalIssuerDirectory"/> over a fixed list, answering for both names of each pool.</summary>
public sealed class StaticLocalDirectory(params LocalIssuer[] issuers) : ILocalIssuerDirectory
{
    public int Lookups { get; private set; }

    public ValueTask<LocalIssuer?> FindAsync(string issuer, CancellationToken cancellationToken)
    {
        Lookups++;
        return ValueTask.FromResult(issuers.FirstOrDefault(i => i.IsNamedBy(issuer)));
    }
}
