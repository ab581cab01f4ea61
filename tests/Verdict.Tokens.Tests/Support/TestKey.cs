using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace Verdict.Tokens.Tests.Support;

/// <summary>A signing key pair made with System.Security.Cryptography, and compact tokens signed with it.</summary>
public sealed class TestKey
{
    private static readonly Lazy<RSA> s_sharedRsa = new(() => RSA.Create(2048));
    private readonly RSA? _rsa;
    private readonly ECDsa? _ecdsa;

    private TestKey(string kid, string algorithm, RSA? rsa, ECDsa? ecdsa)
    {
        Kid = kid;
        Algorithm = algorithm;
        _rsa = rsa;
        _ecdsa = ecdsa;
    }

    public string Kid { get; }

    public string Algorithm { get; }

    public RSA Rsa => _rsa ?? throw new InvalidOperationException("not an RSA key");

    /// <summary>RSA keys are slow to generate; tests that need distinct keys pass <paramref name="fresh"/>.</summary>
    public static TestKey Create(string algorithm, string kid, bool fresh = false) => algorithm[..2] switch
    {
        "RS" or "PS" => new TestKey(kid, algorithm, fresh ? RSA.Create(2048) : s_sharedRsa.Value, null),
        "ES" => new TestKey(kid, algorithm, null, ECDsa.Create(algorithm switch
        {
            "ES256" => ECCurve.NamedCurves.nistP256,
            "ES384" => ECCurve.NamedCurves.nistP384,
            _ => ECCurve.NamedCurves.nistP521,
        })),
        _ => throw new ArgumentException(algorithm),
    };

    public static TestKey FromRsa(string kid, string algorithm, RSA rsa) => new(kid, algorithm, rsa, null);

    public JsonWebKey PublicJwk(bool withAlg = true) => _rsa is not null
        ? JsonWebKey.FromRsa(Kid, _rsa.ExportParameters(false), withAlg ? Algorithm : null)
        : JsonWebKey.FromEc(Kid, _ecdsa!.ExportParameters(false), withAlg ? Algorithm : null);

    public byte[] SignBytes(byte[] data, string? algorithm = null)
    {
        var alg = algorithm ?? Algorithm;
        var hash = alg[2..] switch
        {
            "256" => HashAlgorithmName.SHA256,
            "384" => HashAlgorithmName.SHA384,
            _ => HashAlgorithmName.SHA512,
        };
        return alg[..2] switch
        {
            "RS" => Rsa.SignData(data, hash, RSASignaturePadding.Pkcs1),
            "PS" => Rsa.SignData(data, hash, RSASignaturePadding.Pss),
            _ => _ecdsa!.SignData(data, hash, DSASignatureFormat.IeeeP1363FixedFieldConcatenation),
        };
    }

    /// <summary>A token with this key's alg and kid in the header.</summary>
    public string Sign(JsonObject claims) => Sign(new JsonObject { ["alg"] = Algorithm, ["kid"] = Kid }.ToJsonString(), claims.ToJsonString());

    /// <summary>A token from raw header and payload JSON texts (so tests can write duplicate members and the like).</summary>
    public string Sign(string headerJson, string payloadJson, string? algorithm = null)
    {
        var signingInput = B64(headerJson) + "." + B64(payloadJson);
        return signingInput + "." + System.Buffers.Text.Base64Url.EncodeToString(SignBytes(Encoding.ASCII.GetBytes(signingInput), algorithm));
    }

    public static string B64(string text) => System.Buffers.Text.Base64Url.EncodeToString(Encoding.UTF8.GetBytes(text));

    public static string Jwks(params JsonWebKey[] keys) => new JsonWebKeySet(keys).ToJson().ToJsonString();
}
