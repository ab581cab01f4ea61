namespace Verdict.Auth;

/// <summary>
/// What SigV4 verification needs of an HTTP request, independent of the web framework: the method, the raw
/// (still percent-encoded) path and query exactly as they arrived, the headers, and the body bytes.
/// </summary>
public sealed class SignedRequest(
    string method,
    string rawPath,
    string rawQuery,
    IReadOnlyList<KeyValuePair<string, string>> headers,
    ReadOnlyMemory<byte> body)
{
    public string Method { get; } = method;

    /// <summary>The path as sent on the request line, e.g. <c>/</c> or <c>/a%20b</c>.</summary>
    public string RawPath { get; } = rawPath;

    /// <summary>The query without the leading <c>?</c>, as sent; empty when there is none.</summary>
    public string RawQuery { get; } = rawQuery.StartsWith('?') ? rawQuery[1..] : rawQuery;

    /// <summary>Every header line; a name may repeat.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Headers { get; } = headers;

    public ReadOnlyMemory<byte> Body { get; } = body;

    public string? Header(string name)
    {
        string? found = null;
        foreach (var h in Headers)
        {
            if (string.Equals(h.Key, name, StringComparison.OrdinalIgnoreCase))
            {
                found = found is null ? h.Value : found + "," + h.Value;
            }
        }

        return found;
    }
}
