using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Verdict.Tokens;

/// <summary>
/// Finds an issuer's signing keys: a Verdict-hosted pool first (<see cref="ILocalIssuerDirectory"/>, no network), then
/// a pinned JWKS file, then OIDC discovery (<c>&lt;iss&gt;/.well-known/openid-configuration</c> → <c>jwks_uri</c>).
/// Loaded keys are kept for <see cref="TokenVerifierOptions.KeyCacheLifetime"/>; an unknown <c>kid</c> triggers one
/// reload, at most once per <see cref="TokenVerifierOptions.MinRefreshInterval"/> per issuer, and concurrent callers
/// share a single load. Singleton, thread-safe.
/// </summary>
public sealed class IssuerKeyResolver : IDisposable
{
    private static readonly JsonDocumentOptions s_strict = new() { MaxDepth = 16, AllowDuplicateProperties = false };

    private readonly TokenVerifierOptions _options;
    private readonly TimeProvider _time;
    private readonly ILocalIssuerDirectory? _local;
    private readonly HttpClient _http;
    private readonly DocumentFetcher _fetcher;
    private readonly ConcurrentDictionary<string, KeySource> _sources = new(StringComparer.Ordinal);

    public IssuerKeyResolver(TokenVerifierOptions options, TimeProvider time, ILocalIssuerDirectory? local = null)
    {
        _options = options;
        _time = time;
        _local = local;
        _http = new HttpClient(new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            AutomaticDecompression = DecompressionMethods.All,
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            ConnectTimeout = options.HttpTimeout,
        })
        {
            Timeout = Timeout.InfiniteTimeSpan,
        };
        _fetcher = new DocumentFetcher(_http, options);
    }

    /// <summary>How many key loads (discovery + JWKS, or a pinned file read) were started for this issuer: for tests and diagnostics.</summary>
    public int LoadCount(string issuer) => _sources.TryGetValue(issuer, out var source) ? source.LoadCount : 0;

    /// <summary>The Verdict-hosted pool named by <paramref name="issuer"/> (either of its names), or null.</summary>
    public ValueTask<LocalIssuer?> FindLocalAsync(string issuer, CancellationToken cancellationToken) =>
        _local is null ? ValueTask.FromResult<LocalIssuer?>(null) : _local.FindAsync(issuer, cancellationToken);

    /// <summary>
    /// The key for <paramref name="kid"/> at <paramref name="issuer"/>. Without a kid the issuer must have exactly one key.
    /// An unknown kid reloads the keys once (rate-limited) before <see cref="TokenCheck.KeyNotFound"/>.
    /// </summary>
    public async ValueTask<KeyResolution> ResolveAsync(string issuer, string? kid, CancellationToken cancellationToken) =>
        await ResolveAsync(issuer, kid, await FindLocalAsync(issuer, cancellationToken).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);

    /// <summary>As <see cref="ResolveAsync(string, string?, CancellationToken)"/>, for a caller that already looked the issuer up locally.</summary>
    internal async ValueTask<KeyResolution> ResolveAsync(string issuer, string? kid, LocalIssuer? local, CancellationToken cancellationToken)
    {
        if (local is not null)
        {
            return Select(local.Keys, kid) is { } localKey
                ? new KeyResolution(localKey, local, null)
                : new KeyResolution(null, local, NotFound(local.Keys, kid, issuer));
        }

        var source = SourceFor(issuer);
        var (snapshot, loadedNow) = await FreshAsync(source, cancellationToken).ConfigureAwait(false);
        if (snapshot.Keys is null)
        {
            return new KeyResolution(null, null, Unavailable(issuer, snapshot.LastError));
        }

        if (Select(snapshot.Keys, kid) is { } key)
        {
            return new KeyResolution(key, null, null);
        }

        // The issuer may have rotated in a key we have not seen: reload once, unless we just did or did recently.
        if (kid is not null && !loadedNow && _time.GetUtcNow() - snapshot.LastAttempt >= _options.MinRefreshInterval)
        {
            // Another caller may have reloaded since our snapshot was taken; then its result is the refresh.
            var latest = source.Current;
            var refreshed = latest.LastAttempt > snapshot.LastAttempt ? latest : await source.LoadAsync(_time, cancellationToken).ConfigureAwait(false);
            if (refreshed.LastError is not null || refreshed.Keys is not { } refreshedKeys)
            {
                // The keys already held stay in use for other tokens; this one cannot be decided without the refresh.
                return new KeyResolution(null, null, Unavailable(issuer, refreshed.LastError));
            }

            return Select(refreshedKeys, kid) is { } rotatedIn
                ? new KeyResolution(rotatedIn, null, null)
                : new KeyResolution(null, null, NotFound(refreshedKeys, kid, issuer));
        }

        return new KeyResolution(null, null, NotFound(snapshot.Keys, kid, issuer));
    }

    /// <summary>The issuer's current key set (from the cache when fresh), for callers that list or pre-load keys.</summary>
    public async ValueTask<KeySetResolution> GetKeySetAsync(string issuer, CancellationToken cancellationToken)
    {
        if (await FindLocalAsync(issuer, cancellationToken).ConfigureAwait(false) is { } local)
        {
            return new KeySetResolution(local.Keys, local, null);
        }

        var (snapshot, _) = await FreshAsync(SourceFor(issuer), cancellationToken).ConfigureAwait(false);
        return snapshot.Keys is null
            ? new KeySetResolution(null, null, Unavailable(issuer, snapshot.LastError))
            : new KeySetResolution(snapshot.Keys, null, null);
    }

    public void Dispose() => _http.Dispose();

    /// <summary>Keys younger than the cache lifetime; otherwise a (shared) load, unless the last one failed too recently.</summary>
    private async ValueTask<(KeySource.Snapshot Snapshot, bool LoadedNow)> FreshAsync(KeySource source, CancellationToken cancellationToken)
    {
        var snapshot = source.Current;
        var now = _time.GetUtcNow();
        if (IsFresh(snapshot, now))
        {
            return (snapshot, false);
        }

        if (snapshot.LastError is not null && now - snapshot.LastAttempt < _options.MinRefreshInterval)
        {
            // A failing issuer is not hammered: its last error stands until the refresh interval has passed.
            return (snapshot with { Keys = null }, false);
        }

        var loaded = await source.LoadAsync(_time, cancellationToken).ConfigureAwait(false);
        return (IsFresh(loaded, now) ? loaded : loaded with { Keys = null }, true);
    }

    /// <summary>Keys past the cache lifetime are never used, even when the reload that should replace them failed.</summary>
    private bool IsFresh(KeySource.Snapshot snapshot, DateTimeOffset now) =>
        snapshot.Keys is not null && now - snapshot.LoadedAt < _options.KeyCacheLifetime;

    private KeySource SourceFor(string issuer) => _sources.GetOrAdd(issuer, iss => _options.PinnedJwksFiles.TryGetValue(iss, out var path)
        ? new KeySource(() => LoadPinnedAsync(path))
        : new KeySource(() => DiscoverAsync(iss)));

    private async Task<KeySource.LoadResult> LoadPinnedAsync(string path)
    {
        byte[] bytes;
        try
        {
            await using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 4096, useAsync: true);
            if (await DocumentFetcher.ReadCappedAsync(file, _options.MaxDocumentBytes, CancellationToken.None).ConfigureAwait(false) is not { } read)
            {
                return new(null, $"the pinned JWKS file {path} is larger than {_options.MaxDocumentBytes} bytes");
            }

            bytes = read;
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return new(null, $"the pinned JWKS file {path} could not be read: {exception.Message}");
        }

        return JsonWebKeySet.Parse(bytes, out var error) is { } keys
            ? new(keys, null)
            : new(null, $"the pinned JWKS file {path} is not usable: {error}");
    }

    private async Task<KeySource.LoadResult> DiscoverAsync(string issuer)
    {
        if (IssuerUrls.Refusal(issuer, _options.AllowHttpLoopbackIssuers) is { } refusal)
        {
            return new(null, "the issuer is refused: " + refusal);
        }

        var discoveryUrl = new Uri(issuer.TrimEnd('/') + "/.well-known/openid-configuration");
        var (discovery, error) = await _fetcher.GetAsync(discoveryUrl).ConfigureAwait(false);
        if (discovery is null)
        {
            return new(null, error);
        }

        JsonObject? document;
        try
        {
            document = JsonNode.Parse(discovery, documentOptions: s_strict) as JsonObject;
        }
        catch (JsonException)
        {
            document = null;
        }

        if (document is null)
        {
            return new(null, $"{discoveryUrl} is not a JSON object");
        }

        // OpenID Connect Discovery 1.0 §4.3: the document must name exactly the issuer it was fetched for.
        if (!TryString(document, "issuer", out var named) || named != issuer)
        {
            return new(null, $"{discoveryUrl} names a different issuer");
        }

        if (!TryString(document, "jwks_uri", out var jwksUri) || jwksUri is null || !Uri.TryCreate(jwksUri, UriKind.Absolute, out var jwksUrl))
        {
            return new(null, $"{discoveryUrl} has no absolute jwks_uri");
        }

        if (IssuerUrls.Refusal(jwksUrl, _options.AllowHttpLoopbackIssuers) is { } jwksRefusal)
        {
            return new(null, "the jwks_uri is refused: " + jwksRefusal);
        }

        var (jwks, jwksError) = await _fetcher.GetAsync(jwksUrl).ConfigureAwait(false);
        if (jwks is null)
        {
            return new(null, jwksError);
        }

        return JsonWebKeySet.Parse(jwks, out var parseError) is { } keys
            ? new(keys, null)
            : new(null, $"{jwksUrl}: {parseError}");
    }

    private static bool TryString(JsonObject json, string name, out string? value)
    {
        value = null;
        return json.TryGetPropertyValue(name, out var node) && node is JsonValue jsonValue && jsonValue.TryGetValue(out value);
    }

    private static JsonWebKey? Select(JsonWebKeySet keys, string? kid)
    {
        if (kid is not null)
        {
            return keys.Find(kid);
        }

        return keys.Count == 1 ? keys.Keys[0] : null;
    }

    private static TokenFailure NotFound(JsonWebKeySet keys, string? kid, string issuer) => kid is null
        ? new TokenFailure(TokenCheck.KeyNotFound, $"the token has no kid and issuer {issuer} has {keys.Count} keys")
        : new TokenFailure(TokenCheck.KeyNotFound, $"issuer {issuer} has no key with the token's kid");

    private static TokenFailure Unavailable(string issuer, string? error) =>
        new(TokenCheck.KeysUnavailable, $"the keys of issuer {issuer} are unavailable: {error ?? "unknown error"}");
}
