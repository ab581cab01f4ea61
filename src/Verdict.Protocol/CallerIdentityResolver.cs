namespace Verdict.Protocol;

/// <summary>
/// Reads the tenant from a SigV4 <c>Authorization</c> header:
/// <c>AWS4-HMAC-SHA256 Credential=AKID/20240101/us-east-1/verifiedpermissions/aws4_request, SignedHeaders=…, Signature=…</c>.
/// Signatures are not verified yet and every access key maps to one account (the authentication issue replaces this).
/// </summary>
public static class CallerIdentityResolver
{
    public const string DefaultAccount = "000000000000";
    public const string DefaultRegion = "us-east-1";

    public static CallerIdentity Resolve(string? authorizationHeader)
    {
        if (string.IsNullOrEmpty(authorizationHeader))
        {
            return new CallerIdentity(DefaultAccount, DefaultRegion, null);
        }

        var span = authorizationHeader.AsSpan();
        var credentialAt = span.IndexOf("Credential=", StringComparison.Ordinal);
        if (credentialAt < 0)
        {
            return new CallerIdentity(DefaultAccount, DefaultRegion, null);
        }

        var credential = span[(credentialAt + "Credential=".Length)..];
        var end = credential.IndexOfAny(',', ' ');
        if (end >= 0)
        {
            credential = credential[..end];
        }

        // access-key/date/region/service/aws4_request
        Span<Range> parts = stackalloc Range[6];
        var count = credential.Split(parts, '/');
        var accessKey = count >= 1 ? credential[parts[0]].ToString() : null;
        var region = count >= 3 && IsRegion(credential[parts[2]]) ? credential[parts[2]].ToString() : DefaultRegion;
        return new CallerIdentity(DefaultAccount, region, accessKey);
    }

    private static bool IsRegion(ReadOnlySpan<char> value)
    {
        if (value.IsEmpty || value.Length > 64)
        {
            return false;
        }

        foreach (var c in value)
        {
            if (!(char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-'))
            {
                return false;
            }
        }

        return true;
    }
}
