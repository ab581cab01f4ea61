using System.Net;
using System.Net.Http.Headers;

namespace Verdict.Tokens;

/// <summary>
/// GETs discovery documents and JWKS: a timeout for the whole exchange, a size cap, and redirects followed by hand
/// (at most <see cref="MaxRedirects"/>) only to URLs that pass the same https/loopback rule as the first one.
/// </summary>
internal sealed class DocumentFetcher(HttpClient http, TokenVerifierOptions options)
{
    private const int MaxRedirects = 3;

    public async Task<(byte[]? Body, string? Error)> GetAsync(Uri url)
    {
        using var timeout = new CancellationTokenSource(options.HttpTimeout);
        try
        {
            for (var redirects = 0; ; redirects++)
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, url);
                request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
                using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token).ConfigureAwait(false);
                if (IsRedirect(response.StatusCode) && response.Headers.Location is { } location)
                {
                    if (redirects == MaxRedirects)
                    {
                        return (null, $"{url} redirected more than {MaxRedirects} times");
                    }

                    var target = new Uri(url, location);
                    if (IssuerUrls.Refusal(target, options.AllowHttpLoopbackIssuers) is { } refusal)
                    {
                        return (null, $"{url} redirected to a refused URL: {refusal}");
                    }

                    url = target;
                    continue;
                }

                if (response.StatusCode != HttpStatusCode.OK)
                {
                    return (null, $"{url} answered HTTP {(int)response.StatusCode}");
                }

                var limit = options.MaxDocumentBytes;
                if (response.Content.Headers.ContentLength > limit)
                {
                    return (null, $"{url} sent {response.Content.Headers.ContentLength} bytes; at most {limit} are accepted");
                }

                await using var body = await response.Content.ReadAsStreamAsync(timeout.Token).ConfigureAwait(false);
                return await ReadCappedAsync(body, limit, timeout.Token).ConfigureAwait(false) is { } bytes
                    ? (bytes, null)
                    : (null, $"{url} sent more than {limit} bytes");
            }
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested)
        {
            return (null, $"{url} did not answer within {options.HttpTimeout.TotalSeconds:0.###} s");
        }
        catch (HttpRequestException exception)
        {
            return (null, $"{url} could not be fetched: {exception.Message}");
        }
        catch (IOException exception)
        {
            return (null, $"{url} could not be read: {exception.Message}");
        }
    }

    /// <summary>Reads at most <paramref name="limit"/> bytes; null when the stream holds more.</summary>
    internal static async Task<byte[]?> ReadCappedAsync(Stream stream, int limit, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        while (true)
        {
            var read = await stream.ReadAsync(chunk, cancellationToken).ConfigureAwait(false);
            if (read == 0)
            {
                return buffer.ToArray();
            }

            if (buffer.Length + read > limit)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }
    }

    private static bool IsRedirect(HttpStatusCode status) =>
        status is HttpStatusCode.MovedPermanently or HttpStatusCode.Found or HttpStatusCode.SeeOther
            or HttpStatusCode.TemporaryRedirect or HttpStatusCode.PermanentRedirect;
}
