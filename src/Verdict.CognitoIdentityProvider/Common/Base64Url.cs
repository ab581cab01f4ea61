namespace Verdict.CognitoIdentityProvider.Common;

/// <summary>RFC 4648 §5 Base64url without padding, as JWTs and JWKs use it.</summary>
public static class Base64Url
{
    public static string Encode(ReadOnlySpan<byte> data) => System.Buffers.Text.Base64Url.EncodeToString(data);

    /// <summary>Decodes, or returns null for text that is not Base64url.</summary>
    public static byte[]? TryDecode(string text)
    {
        try
        {
            return System.Buffers.Text.Base64Url.DecodeFromChars(text);
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
