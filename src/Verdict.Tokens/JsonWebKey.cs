using System.Security.Cryptography;
using System.Text.Json.Nodes;

namespace Verdict.Tokens;

/// <summary>A public signature key from a JWKS (RFC 7517): RSA (<c>n</c>, <c>e</c>) or EC on P-256, P-384 or P-521 (<c>x</c>, <c>y</c>).</summary>
public sealed class JsonWebKey
{
    /// <summary>Shorter RSA moduli are refused: they are breakable and no current IdP uses them.</summary>
    public const int MinimumRsaBits = 2048;

    private readonly RSAParameters _rsa;
    private readonly ECParameters _ec;

    private JsonWebKey(string? kid, string keyType, string? algorithm, string? use, string? curve, int keySizeBits, RSAParameters rsa, ECParameters ec)
    {
        Kid = kid;
        KeyType = keyType;
        Algorithm = algorithm;
        Use = use;
        Curve = curve;
        KeySizeBits = keySizeBits;
        _rsa = rsa;
        _ec = ec;
    }

    public string? Kid { get; }

    /// <summary><c>RSA</c> or <c>EC</c>.</summary>
    public string KeyType { get; }

    /// <summary>The JWK's own <c>alg</c>, when it names one: the key may then only be used with that algorithm.</summary>
    public string? Algorithm { get; }

    public string? Use { get; }

    /// <summary><c>P-256</c>, <c>P-384</c> or <c>P-521</c> for EC keys.</summary>
    public string? Curve { get; }

    public int KeySizeBits { get; }

    public static JsonWebKey FromRsa(string? kid, RSAParameters parameters, string? algorithm = null)
    {
        var modulus = TrimLeadingZeros(parameters.Modulus ?? throw new ArgumentException("RSA parameters without a modulus.", nameof(parameters)));
        var exponent = TrimLeadingZeros(parameters.Exponent ?? throw new ArgumentException("RSA parameters without an exponent.", nameof(parameters)));
        return new JsonWebKey(kid, "RSA", algorithm, "sig", null, BitLength(modulus), new RSAParameters { Modulus = modulus, Exponent = exponent }, default);
    }

    public static JsonWebKey FromEc(string? kid, ECParameters parameters, string? algorithm = null)
    {
        var curve = CurveName(parameters.Curve) ?? throw new ArgumentException("Only P-256, P-384 and P-521 keys are supported.", nameof(parameters));
        var publicOnly = new ECParameters { Curve = parameters.Curve, Q = parameters.Q };
        return new JsonWebKey(kid, "EC", algorithm, "sig", curve, BitsOf(curve), default, publicOnly);
    }

    /// <summary>Why this key cannot check a signature made with <paramref name="algorithm"/>, or null when it can.</summary>
    public string? Unfitness(JwtAlgorithm algorithm)
    {
        if (KeyType != algorithm.KeyType)
        {
            return $"the key is kty {KeyType}, which cannot check {algorithm.Name}";
        }

        if (Algorithm is not null && Algorithm != algorithm.Name)
        {
            return $"the key is for alg {Algorithm}, not {algorithm.Name}";
        }

        if (algorithm.Curve is not null && Curve != algorithm.Curve)
        {
            return $"{algorithm.Name} needs a {algorithm.Curve} key, not {Curve}";
        }

        return KeyType == "RSA" && KeySizeBits < MinimumRsaBits ? $"the RSA key has {KeySizeBits} bits; at least {MinimumRsaBits} are required" : null;
    }

    /// <summary>Checks a JWS signature; false for a wrong signature or a key that does not fit (see <see cref="Unfitness"/>).</summary>
    public bool VerifySignature(JwtAlgorithm algorithm, ReadOnlySpan<byte> signingInput, ReadOnlySpan<byte> signature)
    {
        if (Unfitness(algorithm) is not null)
        {
            return false;
        }

        try
        {
            if (algorithm.RsaPadding is { } padding)
            {
                using var rsa = RSA.Create(_rsa);
                return signature.Length == (rsa.KeySize + 7) / 8 && rsa.VerifyData(signingInput, signature, algorithm.Hash, padding);
            }

            using var ecdsa = ECDsa.Create(_ec);
            return signature.Length == 2 * algorithm.CoordinateBytes &&
                ecdsa.VerifyData(signingInput, signature, algorithm.Hash, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
        }
        catch (CryptographicException)
        {
            // The parameters were imported once when the set was parsed; a failure here means the signature bytes are unusable.
            return false;
        }
    }

    /// <summary>The public JWK, members in RFC 7638 order after kid/alg/use.</summary>
    public JsonObject ToJson()
    {
        var json = new JsonObject();
        if (Kid is not null)
        {
            json["kid"] = Kid;
        }

        if (Algorithm is not null)
        {
            json["alg"] = Algorithm;
        }

        if (Use is not null)
        {
            json["use"] = Use;
        }

        json["kty"] = KeyType;
        if (KeyType == "RSA")
        {
            json["e"] = Base64UrlText.Encode(_rsa.Exponent);
            json["n"] = Base64UrlText.Encode(_rsa.Modulus);
        }
        else
        {
            json["crv"] = Curve;
            json["x"] = Base64UrlText.Encode(_ec.Q.X);
            json["y"] = Base64UrlText.Encode(_ec.Q.Y);
        }

        return json;
    }

    /// <summary>
    /// Reads one JWK. Returns null with <paramref name="error"/> null for a key that is simply not ours to use
    /// (encryption keys, symmetric or unknown key types, other curves); null with an error for a broken signature key.
    /// </summary>
    internal static JsonWebKey? Parse(JsonObject json, out string? error)
    {
        error = null;
        if (!TryString(json, "kty", out var kty) || !TryString(json, "kid", out var kid) || !TryString(json, "alg", out var alg) ||
            !TryString(json, "use", out var use) || !TryString(json, "crv", out var crv))
        {
            error = "a key has a kty, kid, alg, use or crv that is not a string";
            return null;
        }

        if (kty is null)
        {
            error = "a key has no kty";
            return null;
        }

        if ((use is not null && use != "sig") || kty is not ("RSA" or "EC"))
        {
            return null;
        }

        if (kty == "RSA")
        {
            if (!TryBytes(json, "n", out var n) || !TryBytes(json, "e", out var e) || n is null || e is null)
            {
                error = $"RSA key {kid ?? "(no kid)"} needs base64url n and e";
                return null;
            }

            var key = FromRsa(kid, new RSAParameters { Modulus = n, Exponent = e }, alg);
            if (key.KeySizeBits == 0 || !CanImport(key))
            {
                error = $"RSA key {kid ?? "(no kid)"} is not a valid public key";
                return null;
            }

            return key;
        }

        if (crv is not ("P-256" or "P-384" or "P-521"))
        {
            return null;
        }

        var size = (BitsOf(crv) + 7) / 8;
        if (!TryBytes(json, "x", out var x) || !TryBytes(json, "y", out var y) || x?.Length != size || y?.Length != size)
        {
            error = $"EC key {kid ?? "(no kid)"} needs base64url x and y of {size} bytes";
            return null;
        }

        var curve = crv switch
        {
            "P-256" => ECCurve.NamedCurves.nistP256,
            "P-384" => ECCurve.NamedCurves.nistP384,
            _ => ECCurve.NamedCurves.nistP521,
        };
        var ecKey = new JsonWebKey(kid, "EC", alg, use, crv, BitsOf(crv), default, new ECParameters { Curve = curve, Q = new ECPoint { X = x, Y = y } });
        if (!CanImport(ecKey))
        {
            error = $"EC key {kid ?? "(no kid)"} is not a point on {crv}";
            return null;
        }

        return ecKey;
    }

    private static bool CanImport(JsonWebKey key)
    {
        try
        {
            if (key.KeyType == "RSA")
            {
                using var rsa = RSA.Create(key._rsa);
            }
            else
            {
                using var ecdsa = ECDsa.Create(key._ec);
            }

            return true;
        }
        catch (CryptographicException)
        {
            return false;
        }
    }

    private static bool TryString(JsonObject json, string name, out string? value)
    {
        value = null;
        if (!json.TryGetPropertyValue(name, out var node) || node is null)
        {
            return true;
        }

        if (node is JsonValue jsonValue && jsonValue.TryGetValue<string>(out var text))
        {
            value = text;
            return true;
        }

        return false;
    }

    private static bool TryBytes(JsonObject json, string name, out byte[]? value)
    {
        value = null;
        if (!TryString(json, name, out var text))
        {
            return false;
        }

        if (text is null)
        {
            return true;
        }

        value = Base64UrlText.TryDecode(text);
        return value is not null;
    }

    private static string? CurveName(ECCurve curve) => curve.Oid?.Value switch
    {
        "1.2.840.10045.3.1.7" => "P-256",
        "1.3.132.0.34" => "P-384",
        "1.3.132.0.35" => "P-521",
        _ => curve.Oid?.FriendlyName switch
        {
            "nistP256" or "ECDSA_P256" => "P-256",
            "nistP384" or "ECDSA_P384" => "P-384",
            "nistP521" or "ECDSA_P521" => "P-521",
            _ => null,
        },
    };

    private static int BitsOf(string curve) => curve switch
    {
        "P-256" => 256,
        "P-384" => 384,
        _ => 521,
    };

    private static byte[] TrimLeadingZeros(byte[] value)
    {
        var start = 0;
        while (start < value.Length - 1 && value[start] == 0)
        {
            start++;
        }

        return start == 0 ? value : value[start..];
    }

    private static int BitLength(byte[] magnitude)
    {
        if (magnitude.Length == 0 || (magnitude.Length == 1 && magnitude[0] == 0))
        {
            return 0;
        }

        return ((magnitude.Length - 1) * 8) + (32 - System.Numerics.BitOperations.LeadingZeroCount((uint)magnitude[0]));
    }
}
