using System.Security.Cryptography;

namespace Verdict.Tokens;

/// <summary>A supported JWS signature algorithm (RFC 7518 §3): RSASSA-PKCS1-v1_5, RSASSA-PSS or ECDSA.</summary>
public sealed class JwtAlgorithm
{
    private static readonly Dictionary<string, JwtAlgorithm> s_byName = new(StringComparer.Ordinal)
    {
        ["RS256"] = new("RS256", "RSA", HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1, null, 0),
        ["RS384"] = new("RS384", "RSA", HashAlgorithmName.SHA384, RSASignaturePadding.Pkcs1, null, 0),
        ["RS512"] = new("RS512", "RSA", HashAlgorithmName.SHA512, RSASignaturePadding.Pkcs1, null, 0),
        ["PS256"] = new("PS256", "RSA", HashAlgorithmName.SHA256, RSASignaturePadding.Pss, null, 0),
        ["PS384"] = new("PS384", "RSA", HashAlgorithmName.SHA384, RSASignaturePadding.Pss, null, 0),
        ["PS512"] = new("PS512", "RSA", HashAlgorithmName.SHA512, RSASignaturePadding.Pss, null, 0),
        ["ES256"] = new("ES256", "EC", HashAlgorithmName.SHA256, null, "P-256", 32),
        ["ES384"] = new("ES384", "EC", HashAlgorithmName.SHA384, null, "P-384", 48),
        ["ES512"] = new("ES512", "EC", HashAlgorithmName.SHA512, null, "P-521", 66),
    };

    private JwtAlgorithm(string name, string keyType, HashAlgorithmName hash, RSASignaturePadding? padding, string? curve, int coordinateBytes)
    {
        Name = name;
        KeyType = keyType;
        Hash = hash;
        RsaPadding = padding;
        Curve = curve;
        CoordinateBytes = coordinateBytes;
    }

    /// <summary>Every supported <c>alg</c>, for discovery-style listings and tests.</summary>
    public static IReadOnlyCollection<string> SupportedNames => s_byName.Keys;

    public string Name { get; }

    /// <summary>The JWK <c>kty</c> this algorithm needs: <c>RSA</c> or <c>EC</c>.</summary>
    public string KeyType { get; }

    public HashAlgorithmName Hash { get; }

    /// <summary>PKCS#1 v1.5 or PSS for RSA algorithms; null for ECDSA.</summary>
    public RSASignaturePadding? RsaPadding { get; }

    /// <summary>The JWK <c>crv</c> an ECDSA algorithm needs; null for RSA.</summary>
    public string? Curve { get; }

    /// <summary>Size of one ECDSA signature half (r or s); the JWS signature is both, concatenated.</summary>
    public int CoordinateBytes { get; }

    public static JwtAlgorithm? Find(string name) => s_byName.GetValueOrDefault(name);
}
