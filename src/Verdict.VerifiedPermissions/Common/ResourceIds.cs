using System.Security.Cryptography;

namespace Verdict.VerifiedPermissions.Common;

/// <summary>Ids shaped like AVP's: 22 base62 characters (about 131 bits of randomness).</summary>
public static class ResourceIds
{
    private const string Alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

    public static string New() => RandomNumberGenerator.GetString(Alphabet, 22);
}
