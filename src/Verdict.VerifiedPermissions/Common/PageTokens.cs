using System.Buffers.Text;
using System.Globalization;
using System.Text;

namespace Verdict.VerifiedPermissions.Common;

/// <summary>
/// Opaque <c>nextToken</c>s: base64 of the listing's name and the position after which the next page starts. A token
/// from one listing is refused by another. The alphabet fits the model's NextToken pattern.
/// </summary>
public static class PageTokens
{
    public static string Encode(string listing, long position) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes($"v1|{listing}|{position.ToString(CultureInfo.InvariantCulture)}"));

    /// <summary>The position, or null when the token is not one this listing issued.</summary>
    public static long? Decode(string listing, string token)
    {
        Span<byte> bytes = stackalloc byte[Math.Min(token.Length, 1024)];
        if (token.Length > 1024 || Base64.DecodeFromUtf8(Encoding.ASCII.GetBytes(token), bytes, out _, out var written) != System.Buffers.OperationStatus.Done)
        {
            return null;
        }

        var text = Encoding.UTF8.GetString(bytes[..written]);
        var parts = text.Split('|');
        if (parts.Length != 3 || parts[0] != "v1" || parts[1] != listing
            || !long.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var position) || position < 0)
        {
            return null;
        }

        return position;
    }
}
