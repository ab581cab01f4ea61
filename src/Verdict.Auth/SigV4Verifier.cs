using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Verdict.Auth;

/// <summary>
/// Verifies AWS Signature Version 4 (header and presigned-query forms) the way AWS JSON services do,
/// and answers with the error type and message AWS gives for each failure.
/// </summary>
public sealed class SigV4Verifier(ICredentialResolver credentials, TimeProvider? time = null)
{
    public const string Algorithm = "AWS4-HMAC-SHA256";
    public const string UnsignedPayload = "UNSIGNED-PAYLOAD";

    /// <summary>AWS accepts a request whose timestamp is within 15 minutes of its clock.</summary>
    public static readonly TimeSpan MaxClockSkew = TimeSpan.FromMinutes(15);

    private const string AmzDateFormat = "yyyyMMdd'T'HHmmss'Z'";
    private readonly TimeProvider _time = time ?? TimeProvider.System;

    /// <summary>True when the request carries any SigV4 material (an Authorization header or presigned query parameters).</summary>
    public static bool IsSigned(SignedRequest request) =>
        request.Header("Authorization") is not null || HasQueryParameter(request.RawQuery, "X-Amz-Algorithm");

    public AuthResult Verify(SignedRequest request)
    {
        var authorization = request.Header("Authorization");
        if (authorization is not null)
        {
            return VerifyHeader(request, authorization);
        }

        return HasQueryParameter(request.RawQuery, "X-Amz-Algorithm")
            ? VerifyPresigned(request)
            : AuthResult.Fail(AuthFailure.MissingToken);
    }

    private AuthResult VerifyHeader(SignedRequest request, string authorization)
    {
        var trimmed = authorization.Trim();
        if (!trimmed.StartsWith(Algorithm + " ", StringComparison.Ordinal))
        {
            var algorithm = trimmed.Split(' ', 2)[0];
            return AuthResult.Fail(AuthFailure.Incomplete($"Unsupported AWS 'algorithm': '{algorithm}'"));
        }

        string? credential = null, signedHeaders = null, signature = null;
        foreach (var part in trimmed[(Algorithm.Length + 1)..].Split(','))
        {
            var kv = part.Trim();
            var eq = kv.IndexOf('=');
            if (eq <= 0)
            {
                continue;
            }

            var value = kv[(eq + 1)..].Trim();
            switch (kv[..eq].Trim())
            {
                case "Credential": credential = value; break;
                case "SignedHeaders": signedHeaders = value; break;
                case "Signature": signature = value; break;
            }
        }

        var amzDate = request.Header("X-Amz-Date");
        var date = amzDate ?? request.Header("Date");
        var missing = new StringBuilder();
        if (credential is null)
        {
            missing.Append("Authorization header requires 'Credential' parameter. ");
        }

        if (signature is null)
        {
            missing.Append("Authorization header requires 'Signature' parameter. ");
        }

        if (signedHeaders is null)
        {
            missing.Append("Authorization header requires 'SignedHeaders' parameter. ");
        }

        if (date is null)
        {
            missing.Append("Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header. ");
        }

        if (missing.Length > 0)
        {
            return AuthResult.Fail(AuthFailure.Incomplete(missing.Append("Authorization=").Append(trimmed).ToString()));
        }

        if (!TryParseRequestTime(amzDate, request.Header("Date"), out var requestTime, out var requestTimeText))
        {
            return AuthResult.Fail(AuthFailure.Incomplete("Date must be in ISO-8601 'basic format'. Got '" + date + "'. See http://en.wikipedia.org/wiki/ISO_8601"));
        }

        var payloadHash = PayloadHash(request, presigned: false, out var mismatch);
        if (mismatch is not null)
        {
            return AuthResult.Fail(mismatch);
        }

        return Check(request, credential!, signedHeaders!, signature!, requestTime, requestTimeText, payloadHash, request.Header("X-Amz-Security-Token"), excludeSignatureFromQuery: false, expires: null);
    }

    private AuthResult VerifyPresigned(SignedRequest request)
    {
        var q = ParseQuery(request.RawQuery);
        string? Get(string name) => q.FirstOrDefault(p => p.Key == name).Value;
        var algorithm = Get("X-Amz-Algorithm");
        if (algorithm != Algorithm)
        {
            return AuthResult.Fail(AuthFailure.Incomplete($"Unsupported AWS 'algorithm': '{algorithm}'"));
        }

        var credential = Get("X-Amz-Credential");
        var signedHeaders = Get("X-Amz-SignedHeaders");
        var signature = Get("X-Amz-Signature");
        var amzDate = Get("X-Amz-Date");
        var missing = new List<string>();
        if (credential is null)
        {
            missing.Add("'X-Amz-Credential'");
        }

        if (signature is null)
        {
            missing.Add("'X-Amz-Signature'");
        }

        if (signedHeaders is null)
        {
            missing.Add("'X-Amz-SignedHeaders'");
        }

        if (amzDate is null)
        {
            missing.Add("'X-Amz-Date'");
        }

        if (missing.Count > 0)
        {
            return AuthResult.Fail(AuthFailure.Incomplete("AWS query-string parameters must include " + string.Join(", ", missing) + ". Re-examine the query-string parameters."));
        }

        if (!TryParseRequestTime(amzDate, null, out var requestTime, out var requestTimeText))
        {
            return AuthResult.Fail(AuthFailure.Incomplete("Date must be in ISO-8601 'basic format'. Got '" + amzDate + "'. See http://en.wikipedia.org/wiki/ISO_8601"));
        }

        TimeSpan? expires = null;
        if (Get("X-Amz-Expires") is { } expiresText)
        {
            if (!int.TryParse(expiresText, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) || seconds > 604800)
            {
                return AuthResult.Fail(AuthFailure.Incomplete("X-Amz-Expires must be a non-negative integer no greater than 604800"));
            }

            expires = TimeSpan.FromSeconds(seconds);
        }

        var payloadHash = PayloadHash(request, presigned: true, out var mismatch);
        if (mismatch is not null)
        {
            return AuthResult.Fail(mismatch);
        }

        var result = Check(request, credential!, signedHeaders!, signature!, requestTime, requestTimeText, payloadHash, Get("X-Amz-Security-Token"), excludeSignatureFromQuery: true, expires);
        if (result.Failure == AuthFailure.BadSignature && payloadHash != UnsignedPayload)
        {
            // Some SDKs presign with UNSIGNED-PAYLOAD for every service.
            var retry = Check(request, credential!, signedHeaders!, signature!, requestTime, requestTimeText, UnsignedPayload, Get("X-Amz-Security-Token"), excludeSignatureFromQuery: true, expires);
            if (retry.Succeeded)
            {
                return retry;
            }
        }

        return result;
    }

    private AuthResult Check(
        SignedRequest request,
        string credential,
        string signedHeaders,
        string signature,
        DateTimeOffset requestTime,
        string requestTimeText,
        string payloadHash,
        string? securityToken,
        bool excludeSignatureFromQuery,
        TimeSpan? expires)
    {
        var scope = credential.Split('/');
        if (scope.Length != 5 || scope[0].Length == 0)
        {
            return AuthResult.Fail(AuthFailure.Incomplete("Credential should be scoped to a valid region. "));
        }

        if (scope[4] != "aws4_request")
        {
            return AuthResult.Fail(AuthFailure.Incomplete($"Credential should be scoped with a valid terminator: 'aws4_request', not '{scope[4]}'. "));
        }

        var now = _time.GetUtcNow();
        if (expires is { } validity)
        {
            if (now > requestTime + validity)
            {
                return AuthResult.Fail(AuthFailure.Expired(
                    $"Signature expired: {requestTimeText} is now earlier than {Format(now - validity)} ({Format(now)} - {(int)validity.TotalSeconds} sec.)"));
            }
        }
        else if (requestTime < now - MaxClockSkew)
        {
            return AuthResult.Fail(AuthFailure.Expired(
                $"Signature expired: {requestTimeText} is now earlier than {Format(now - MaxClockSkew)} ({Format(now)} - 15 min.)"));
        }

        if (requestTime > now + MaxClockSkew)
        {
            return AuthResult.Fail(AuthFailure.Expired(
                $"Signature not yet current: {requestTimeText} is still later than {Format(now + MaxClockSkew)} ({Format(now)} + 15 min.)"));
        }

        var key = credentials.Find(scope[0]);
        if (key is null)
        {
            return AuthResult.Fail(AuthFailure.UnknownKey);
        }

        if (key.SessionToken is not null
            ? securityToken is null || !FixedTimeEquals(key.SessionToken, securityToken)
            : securityToken is not null)
        {
            return AuthResult.Fail(AuthFailure.UnknownKey);
        }

        if (key.ExpiresAt is { } keyExpiry && now >= keyExpiry)
        {
            return AuthResult.Fail(new AuthFailure("ExpiredTokenException", "The security token included in the request is expired", 400));
        }

        if (scope[1] != requestTimeText[..8])
        {
            return AuthResult.Fail(AuthFailure.BadSignature);
        }

        var canonical = CanonicalRequest(request, signedHeaders, payloadHash, excludeSignatureFromQuery);
        var stringToSign = Algorithm + "\n" + requestTimeText + "\n" + string.Join('/', scope[1..]) + "\n" + Hex(SHA256.HashData(Encoding.UTF8.GetBytes(canonical)));
        var signingKey = SigningKey(key.SecretAccessKey, scope[1], scope[2], scope[3]);
        var expected = Hex(HMACSHA256.HashData(signingKey, Encoding.UTF8.GetBytes(stringToSign)));
        return FixedTimeEquals(expected, signature.ToLowerInvariant())
            ? new AuthResult(key, scope[2], scope[3], null)
            : AuthResult.Fail(AuthFailure.BadSignature);
    }

    /// <summary>The canonical request of SigV4 (exposed for tests that cross-check it).</summary>
    internal static string CanonicalRequest(SignedRequest request, string signedHeaders, string payloadHash, bool excludeSignatureFromQuery)
    {
        var sb = new StringBuilder();
        sb.Append(request.Method.ToUpperInvariant()).Append('\n');
        sb.Append(CanonicalUri(request.RawPath)).Append('\n');
        sb.Append(CanonicalQuery(request.RawQuery, excludeSignatureFromQuery)).Append('\n');
        var names = signedHeaders.Split(';');
        foreach (var name in names)
        {
            sb.Append(name).Append(':').Append(CanonicalHeaderValue(request, name)).Append('\n');
        }

        sb.Append('\n').Append(signedHeaders).Append('\n').Append(payloadHash);
        return sb.ToString();
    }

    internal static string CanonicalUri(string rawPath)
    {
        var normalized = RemoveDotSegments(string.IsNullOrEmpty(rawPath) ? "/" : rawPath);
        return Encode(normalized, keepSlash: true);
    }

    internal static string CanonicalQuery(string rawQuery, bool excludeSignature)
    {
        if (rawQuery.Length == 0)
        {
            return "";
        }

        var pairs = new List<(string Key, string Value)>();
        foreach (var (k, v) in ParseQuery(rawQuery))
        {
            if (excludeSignature && k == "X-Amz-Signature")
            {
                continue;
            }

            pairs.Add((Encode(k, keepSlash: false), Encode(v, keepSlash: false)));
        }

        pairs.Sort((a, b) =>
        {
            var c = string.CompareOrdinal(a.Key, b.Key);
            return c != 0 ? c : string.CompareOrdinal(a.Value, b.Value);
        });
        return string.Join('&', pairs.Select(p => p.Key + "=" + p.Value));
    }

    private static string CanonicalHeaderValue(SignedRequest request, string lowerName)
    {
        var values = new List<string>();
        foreach (var h in request.Headers)
        {
            if (string.Equals(h.Key, lowerName, StringComparison.OrdinalIgnoreCase))
            {
                values.Add(string.Join(' ', h.Value.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)));
            }
        }

        return string.Join(',', values);
    }

    private static string PayloadHash(SignedRequest request, bool presigned, out AuthFailure? mismatch)
    {
        mismatch = null;
        var computed = Hex(SHA256.HashData(request.Body.Span));
        var declared = presigned ? null : request.Header("X-Amz-Content-Sha256");
        if (declared is null)
        {
            return computed;
        }

        if (declared == UnsignedPayload)
        {
            return declared;
        }

        if (!string.Equals(declared, computed, StringComparison.OrdinalIgnoreCase))
        {
            mismatch = new AuthFailure("InvalidSignatureException", "The provided 'x-amz-content-sha256' header does not match what was computed.", 400);
        }

        return declared;
    }

    private static bool TryParseRequestTime(string? amzDate, string? httpDate, out DateTimeOffset time, out string text)
    {
        if (amzDate is not null)
        {
            text = amzDate;
            return DateTimeOffset.TryParseExact(amzDate, AmzDateFormat, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out time);
        }

        if (httpDate is not null && DateTimeOffset.TryParseExact(httpDate, "r", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out time))
        {
            text = Format(time);
            return true;
        }

        time = default;
        text = httpDate ?? "";
        return false;
    }

    private static string Format(DateTimeOffset t) => t.UtcDateTime.ToString(AmzDateFormat, CultureInfo.InvariantCulture);

    private static byte[] SigningKey(string secret, string date, string region, string service)
    {
        var k = HMACSHA256.HashData(Encoding.UTF8.GetBytes("AWS4" + secret), Encoding.UTF8.GetBytes(date));
        k = HMACSHA256.HashData(k, Encoding.UTF8.GetBytes(region));
        k = HMACSHA256.HashData(k, Encoding.UTF8.GetBytes(service));
        return HMACSHA256.HashData(k, "aws4_request"u8);
    }

    private static bool FixedTimeEquals(string a, string b) =>
        CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(a), Encoding.UTF8.GetBytes(b));

    private static string Hex(ReadOnlySpan<byte> bytes) => Convert.ToHexStringLower(bytes);

    private static bool HasQueryParameter(string rawQuery, string name)
    {
        foreach (var (k, _) in ParseQuery(rawQuery))
        {
            if (k == name)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Splits a raw query into decoded pairs. <c>+</c> decodes to a space, as form encoding (which botocore's URLs use)
    /// writes it; a literal plus arrives as <c>%2B</c>.
    /// </summary>
    private static List<KeyValuePair<string, string>> ParseQuery(string rawQuery)
    {
        var list = new List<KeyValuePair<string, string>>();
        if (rawQuery.Length == 0)
        {
            return list;
        }

        foreach (var pair in rawQuery.Split('&'))
        {
            if (pair.Length == 0)
            {
                continue;
            }

            var eq = pair.IndexOf('=');
            var key = eq < 0 ? pair : pair[..eq];
            var value = eq < 0 ? "" : pair[(eq + 1)..];
            list.Add(new(PercentDecode(key), PercentDecode(value)));
        }

        return list;
    }

    private static string PercentDecode(string s)
    {
        if (!s.Contains('%') && !s.Contains('+'))
        {
            return s;
        }

        var bytes = new List<byte>(s.Length);
        for (var i = 0; i < s.Length; i++)
        {
            if (s[i] == '%' && i + 2 < s.Length && IsHex(s[i + 1]) && IsHex(s[i + 2]))
            {
                bytes.Add(Convert.ToByte(s.Substring(i + 1, 2), 16));
                i += 2;
            }
            else if (s[i] == '+')
            {
                bytes.Add((byte)' ');
            }
            else if (char.IsHighSurrogate(s[i]) && i + 1 < s.Length && char.IsLowSurrogate(s[i + 1]))
            {
                bytes.AddRange(Encoding.UTF8.GetBytes(s.Substring(i++, 2)));
            }
            else
            {
                bytes.AddRange(Encoding.UTF8.GetBytes(s[i].ToString()));
            }
        }

        return Encoding.UTF8.GetString([.. bytes]);
    }

    private static bool IsHex(char c) => char.IsAsciiHexDigit(c);

    /// <summary>RFC 3986 encoding with only unreserved characters left as they are (and <c>/</c> when asked), upper-case hex.</summary>
    private static string Encode(string s, bool keepSlash)
    {
        var sb = new StringBuilder(s.Length);
        foreach (var b in Encoding.UTF8.GetBytes(s))
        {
            var c = (char)b;
            if (char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or '~' || (keepSlash && c == '/'))
            {
                sb.Append(c);
            }
            else
            {
                sb.Append('%').Append(b.ToString("X2", CultureInfo.InvariantCulture));
            }
        }

        return sb.ToString();
    }

    // RFC 3986 section 5.2.4, plus AWS's removal of empty segments (consecutive slashes), as botocore does.
    private static string RemoveDotSegments(string path)
    {
        var output = new List<string>();
        foreach (var segment in path.Split('/'))
        {
            if (segment.Length == 0 || segment == ".")
            {
                continue;
            }

            if (segment == "..")
            {
                if (output.Count > 0)
                {
                    output.RemoveAt(output.Count - 1);
                }
            }
            else
            {
                output.Add(segment);
            }
        }

        var first = path.StartsWith('/') ? "/" : "";
        var last = path.EndsWith('/') && output.Count > 0 ? "/" : "";
        return first + string.Join('/', output) + last;
    }
}
