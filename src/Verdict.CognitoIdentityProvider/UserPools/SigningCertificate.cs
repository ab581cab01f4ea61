using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Verdict.CognitoIdentityProvider.Storage;

namespace Verdict.CognitoIdentityProvider.UserPools;

/// <summary>
/// GetSigningCertificate's X.509 certificate: self-signed with the pool's ID-token key. Serial and validity derive from
/// the pool, and PKCS#1 v1.5 signatures are deterministic, so every call returns the same certificate.
/// </summary>
internal static class SigningCertificate
{
    public static string Create(UserPoolRecord pool, RSA key)
    {
        var request = new CertificateRequest($"CN={pool.UserPoolId}", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var serial = SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(pool.UserPoolId))[..16];
        serial[0] &= 0x7F;
        var notBefore = pool.CreatedAt.AddSeconds(-pool.CreatedAt.Second).AddMilliseconds(-pool.CreatedAt.Millisecond);
        using var certificate = request.Create(request.SubjectName, X509SignatureGenerator.CreateForRSA(key, RSASignaturePadding.Pkcs1),
            notBefore, notBefore.AddYears(10), serial);
        return Convert.ToBase64String(certificate.Export(X509ContentType.Cert));
    }
}
