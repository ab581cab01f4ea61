using System.Text.Json;
using System.Text.Json.Nodes;

namespace Verdict.Tokens;

/// <summary>The usable signature keys of a JWKS document (RFC 7517 §5); keys that are not RSA/EC signature keys are left out.</summary>
public sealed class JsonWebKeySet
{
    /// <summary>A JWKS with more keys than this is refused: real issuers publish a handful.</summary>
    public const int MaxKeys = 100;

    private static readonly JsonDocumentOptions s_strict = new() { MaxDepth = 16, AllowDuplicateProperties = false };

    public JsonWebKeySet(IEnumerable<JsonWebKey> keys) => Keys = [.. keys];

    public IReadOnlyList<JsonWebKey> Keys { get; }

    public int Count => Keys.Count;

    /// <summary>The first key with this <c>kid</c>, or null.</summary>
    public JsonWebKey? Find(string kid)
    {
        foreach (var key in Keys)
        {
            if (string.Equals(key.Kid, kid, StringComparison.Ordinal))
            {
                return key;
            }
        }

        return null;
    }

    /// <summary>Parses a JWKS document; null with <paramref name="error"/> set when it is not one.</summary>
    public static JsonWebKeySet? Parse(ReadOnlySpan<byte> json, out string? error)
    {
        JsonNode? root;
        try
        {
            root = JsonNode.Parse(json, documentOptions: s_strict);
        }
        catch (JsonException exception)
        {
            error = "the JWKS is not valid JSON: " + exception.Message;
            return null;
        }

        if (root is not JsonObject document || !document.TryGetPropertyValue("keys", out var keysNode) || keysNode is not JsonArray entries)
        {
            error = "the JWKS is not a JSON object with a \"keys\" array";
            return null;
        }

        if (entries.Count > MaxKeys)
        {
            error = $"the JWKS has {entries.Count} keys; at most {MaxKeys} are accepted";
            return null;
        }

        var keys = new List<JsonWebKey>(entries.Count);
        foreach (var entry in entries)
        {
            if (entry is not JsonObject keyObject)
            {
                error = "a JWKS key is not a JSON object";
                return null;
            }

            var key = JsonWebKey.Parse(keyObject, out error);
            if (error is not null)
            {
                return null;
            }

            if (key is not null)
            {
                keys.Add(key);
            }
        }

        error = null;
        return new JsonWebKeySet(keys);
    }

    public JsonObject ToJson() => new() { ["keys"] = new JsonArray([.. Keys.Select(k => (JsonNode)k.ToJson())]) };
}
