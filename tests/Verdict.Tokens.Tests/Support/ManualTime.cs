namespace Verdict.Tokens.Tests.Support;

/// <summary>A clock the test moves by hand (key cache ages, exp/nbf).</summary>
public sealed class ManualTime(DateTimeOffset start) : TimeProvider
{
    private DateTimeOffset _now = start;

    public static DateTimeOffset Start { get; } = DateTimeOffset.FromUnixTimeSeconds(1_800_000_000);

    public ManualTime()
        : this(Start)
    {
    }

    public override DateTimeOffset GetUtcNow() => _now;

    public void Advance(TimeSpan by) => _now += by;
}
