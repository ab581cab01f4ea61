namespace Verdict.Tokens;

/// <summary>Strict RFC 4648 §5 base64url without padding, as JWS compact serialization and JWKs use it.</summary>
internal static class Base64UrlText
{
    public static string Encode(ReadOnlySpan<byte> data) => System.Buffers.Text.Base64Url.EncodeToString(data);

    /// <summary>Decodes, or returns null for anything but unpadded base64url (padding, whitespace and '+'/'/' are refused).</summary>
    public static byte[]? TryDecode(ReadOnlySpan<char> text)
    {
        if (text.Length % 4 == 1)
        {
            return null;
        }

        foreach (var c in text)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
            {
                return null;
            }
        }

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
