using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Verdict.CognitoIdentityProvider.Users;

/// <summary>
/// Salted PBKDF2-HMAC-SHA256 password records: <c>pbkdf2-sha256$iterations$salt$hash</c> (Base64). The iteration count
/// is part of the record, so it can be raised later without invalidating stored passwords.
/// </summary>
public static class PasswordHasher
{
    public const int Iterations = 120_000;
    private const int SaltBytes = 16;
    private const int HashBytes = 32;
    private const string Scheme = "pbkdf2-sha256";

    private static readonly Lazy<string> s_decoy = new(() => Hash(RandomNumberGenerator.GetHexString(32)));

    public static string Hash(string password)
    {
        var salt = RandomNumberGenerator.GetBytes(SaltBytes);
        var hash = Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(password), salt, Iterations, HashAlgorithmName.SHA256, HashBytes);
        return string.Join('$', Scheme, Iterations.ToString(CultureInfo.InvariantCulture), Convert.ToBase64String(salt), Convert.ToBase64String(hash));
    }

    /// <summary>Compares in constant time. A null record (unknown user) still costs one hash, so timing does not reveal it.</summary>
    public static bool Verify(string password, string? record)
    {
        var parts = (record ?? s_decoy.Value).Split('$');
        if (parts.Length != 4 || parts[0] != Scheme || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var iterations) || iterations < 1)
        {
            return false;
        }

        byte[] salt, expected;
        try
        {
            salt = Convert.FromBase64String(parts[2]);
            expected = Convert.FromBase64String(parts[3]);
        }
        catch (FormatException)
        {
            return false;
        }

        var actual = Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(password), salt, iterations, HashAlgorithmName.SHA256, expected.Length);
        return CryptographicOperations.FixedTimeEquals(actual, expected) && record is not null;
    }
}
