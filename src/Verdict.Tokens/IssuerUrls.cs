using System.Net;

namespace Verdict.Tokens;

/// <summary>Which URLs keys may be fetched from: https, or http on a loopback host when explicitly allowed.</summary>
public static class IssuerUrls
{
    /// <summary>Null when <paramref name="url"/> may be fetched; otherwise why not.</summary>
    public static string? Refusal(string url, bool allowHttpLoopback) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) ? Refusal(uri, allowHttpLoopback) : $"{url} is not an absolute URL";

    public static string? Refusal(Uri uri, bool allowHttpLoopback)
    {
        if (uri.Scheme == Uri.UriSchemeHttps)
        {
            return null;
        }

        if (uri.Scheme != Uri.UriSchemeHttp)
        {
            return $"{uri} is not an https URL";
        }

        if (!IsLoopbackHost(uri))
        {
            return $"{uri} is not https (http is only accepted on a loopback host)";
        }

        return allowHttpLoopback ? null : $"{uri} is http; http issuers on loopback need AllowHttpLoopbackIssuers (--allow-http-loopback-issuers)";
    }

    public static bool IsLoopbackHost(Uri uri) =>
        string.Equals(uri.DnsSafeHost, "localhost", StringComparison.OrdinalIgnoreCase) ||
        (IPAddress.TryParse(uri.DnsSafeHost, out var address) && IPAddress.IsLoopback(address));
}
