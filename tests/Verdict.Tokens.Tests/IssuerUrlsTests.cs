namespace Verdict.Tokens.Tests;

public sealed class IssuerUrlsTests
{
    [Theory]
    [InlineData("https://idp.example.com", false, true)]
    [InlineData("https://127.0.0.1:8443/realm", false, true)]
    [InlineData("http://127.0.0.1:8340/pool", true, true)]
    [InlineData("http://127.3.4.5/pool", true, true)]
    [InlineData("http://localhost:9000", true, true)]
    [InlineData("http://[::1]:9000", true, true)]
    [InlineData("http://127.0.0.1:8340/pool", false, false)]
    [InlineData("http://localhost:9000", false, false)]
    [InlineData("http://idp.example.com", true, false)]
    [InlineData("http://localhost.example.com", true, false)]
    [InlineData("http://10.0.0.1", true, false)]
    [InlineData("ftp://127.0.0.1/keys", true, false)]
    [InlineData("file:///etc/keys.json", true, false)]
    [InlineData("not a url", true, false)]
    public void Only_https_or_allowed_loopback_http(string url, bool allowHttpLoopback, bool allowed) =>
        Assert.Equal(allowed, IssuerUrls.Refusal(url, allowHttpLoopback) is null);
}
