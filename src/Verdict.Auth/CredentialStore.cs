using System.Collections.Concurrent;
using System.Text.Json;

namespace Verdict.Auth;

/// <summary>
/// The access keys Verdict accepts. They come from a JSON file (re-read when it changes, so keys can be rotated
/// without a restart) and from <c>VERDICT_ACCESS_KEY_ID</c> / <c>VERDICT_SECRET_ACCESS_KEY</c> / <c>VERDICT_ACCOUNT_ID</c>.
/// With neither, the conventional development pair <c>test</c>/<c>test</c> maps to account <c>000000000000</c>.
/// Temporary credentials (issued by Verdict's own Cognito identity pools) are added at run time.
/// </summary>
/// <remarks>
/// File format: <c>{"credentials": [{"accessKeyId": "...", "secretAccessKey": "...", "accountId": "123456789012"}]}</c>.
/// Secrets are kept only in memory and never logged.
/// </remarks>
public sealed class CredentialStore : ICredentialResolver
{
    public const string DefaultAccessKeyId = "test";
    public const string DefaultSecretAccessKey = "test";
    public const string DefaultAccountId = "000000000000";

    // How often at most the file's timestamp is looked at; keeps the per-request cost to a clock read.
    private static readonly TimeSpan s_recheckInterval = TimeSpan.FromSeconds(1);

    private readonly string? _filePath;
    private readonly IReadOnlyDictionary<string, Credential> _fromEnvironment;
    private readonly ConcurrentDictionary<string, Credential> _temporary = new(StringComparer.Ordinal);
    private readonly Lock _reloadGate = new();
    private readonly TimeProvider _time;
    private volatile IReadOnlyDictionary<string, Credential> _fromFile = new Dictionary<string, Credential>();
    private DateTime _fileStamp = DateTime.MinValue;
    private DateTimeOffset _nextCheck = DateTimeOffset.MinValue;

    public CredentialStore(string? filePath, IReadOnlyDictionary<string, string?> environment, TimeProvider? time = null)
    {
        _filePath = filePath;
        _time = time ?? TimeProvider.System;
        _fromEnvironment = FromEnvironment(environment);
        Reload(force: true);
    }

    /// <summary>The last problem met while reading the credentials file, if any (the previous keys stay in force).</summary>
    public string? LastFileError { get; private set; }

    /// <summary>True when only the built-in development pair is configured.</summary>
    public bool UsesDefaultCredentials => _fromEnvironment.Count == 0 && _fromFile.Count == 0;

    public static CredentialStore FromProcessEnvironment(string? filePath)
    {
        var env = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var name in new[] { "VERDICT_ACCESS_KEY_ID", "VERDICT_SECRET_ACCESS_KEY", "VERDICT_ACCOUNT_ID" })
        {
            env[name] = Environment.GetEnvironmentVariable(name);
        }

        return new CredentialStore(filePath, env);
    }

    public Credential? Find(string accessKeyId)
    {
        Reload(force: false);
        if (_temporary.TryGetValue(accessKeyId, out var temporary))
        {
            return temporary;
        }

        if (_fromFile.TryGetValue(accessKeyId, out var fromFile))
        {
            return fromFile;
        }

        if (_fromEnvironment.TryGetValue(accessKeyId, out var fromEnv))
        {
            return fromEnv;
        }

        return UsesDefaultCredentials && accessKeyId == DefaultAccessKeyId
            ? new Credential(DefaultAccessKeyId, DefaultSecretAccessKey, DefaultAccountId)
            : null;
    }

    /// <summary>Accepts temporary credentials from now until they expire.</summary>
    public void AddTemporary(Credential credential)
    {
        if (credential.SessionToken is null)
        {
            throw new ArgumentException("temporary credentials carry a session token", nameof(credential));
        }

        _temporary[credential.AccessKeyId] = credential;
    }

    private static Dictionary<string, Credential> FromEnvironment(IReadOnlyDictionary<string, string?> env)
    {
        var result = new Dictionary<string, Credential>(StringComparer.Ordinal);
        var key = env.GetValueOrDefault("VERDICT_ACCESS_KEY_ID");
        var secret = env.GetValueOrDefault("VERDICT_SECRET_ACCESS_KEY");
        if (!string.IsNullOrEmpty(key) && !string.IsNullOrEmpty(secret))
        {
            var account = env.GetValueOrDefault("VERDICT_ACCOUNT_ID");
            result[key] = new Credential(key, secret, string.IsNullOrEmpty(account) ? DefaultAccountId : account);
        }

        return result;
    }

    private void Reload(bool force)
    {
        if (_filePath is null)
        {
            return;
        }

        var now = _time.GetUtcNow();
        if (!force && now < _nextCheck)
        {
            return;
        }

        lock (_reloadGate)
        {
            _nextCheck = now + s_recheckInterval;
            var stamp = File.Exists(_filePath) ? File.GetLastWriteTimeUtc(_filePath) : DateTime.MinValue;
            if (!force && stamp == _fileStamp)
            {
                return;
            }

            _fileStamp = stamp;
            if (stamp == DateTime.MinValue)
            {
                _fromFile = new Dictionary<string, Credential>();
                LastFileError = null;
                return;
            }

            try
            {
                _fromFile = ParseFile(File.ReadAllText(_filePath));
                LastFileError = null;
            }
            catch (Exception e) when (e is IOException or JsonException or FormatException or UnauthorizedAccessException)
            {
                // Keep the keys already in force: a half-written file must not lock everyone out.
                LastFileError = e.Message;
            }
        }
    }

    internal static Dictionary<string, Credential> ParseFile(string json)
    {
        using var doc = JsonDocument.Parse(json);
        if (doc.RootElement.ValueKind != JsonValueKind.Object ||
            !doc.RootElement.TryGetProperty("credentials", out var list) ||
            list.ValueKind != JsonValueKind.Array)
        {
            throw new FormatException("the credentials file must be an object with a \"credentials\" array");
        }

        var result = new Dictionary<string, Credential>(StringComparer.Ordinal);
        var index = 0;
        foreach (var item in list.EnumerateArray())
        {
            string Field(string name) =>
                item.ValueKind == JsonValueKind.Object && item.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String && v.GetString() is { Length: > 0 } s
                    ? s
                    : throw new FormatException($"credentials[{index}] needs a non-empty string \"{name}\"");
            var account = Field("accountId");
            if (account.Length != 12 || !account.All(char.IsAsciiDigit))
            {
                throw new FormatException($"credentials[{index}].accountId must be 12 digits");
            }

            var key = Field("accessKeyId");
            result[key] = new Credential(key, Field("secretAccessKey"), account);
            index++;
        }

        return result;
    }
}
