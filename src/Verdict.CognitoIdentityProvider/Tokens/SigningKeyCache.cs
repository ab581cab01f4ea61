using System.Collections.Concurrent;
using Verdict.CognitoIdentityProvider.Storage;

namespace Verdict.CognitoIdentityProvider.Tokens;

/// <summary>Loads each pool's keys from storage once; keys never change for the life of a pool.</summary>
public sealed class SigningKeyCache(ICognitoStorage storage)
{
    private readonly ConcurrentDictionary<string, PoolSigningKeys> _keys = new(StringComparer.Ordinal);

    public async ValueTask<PoolSigningKeys?> GetAsync(string userPoolId, CancellationToken cancellationToken)
    {
        if (_keys.TryGetValue(userPoolId, out var cached))
        {
            return cached;
        }

        var records = await storage.GetSigningKeysAsync(userPoolId, cancellationToken).ConfigureAwait(false);
        if (records.Count == 0)
        {
            return null;
        }

        var loaded = PoolSigningKeys.Load(userPoolId, records);
        if (!_keys.TryAdd(userPoolId, loaded))
        {
            loaded.Dispose();
        }

        return _keys[userPoolId];
    }

    /// <summary>Forgets a deleted pool's keys. Their RSA objects are left to the GC: a request may still hold them.</summary>
    public void Forget(string userPoolId) => _keys.TryRemove(userPoolId, out _);
}
