using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Verdict.Server.Tests.Support;

/// <summary>
/// Signs raw test requests with SigV4 so that wire-shape tests pass the server's real signature check.
/// (Signature correctness itself is cross-checked against botocore in Verdict.Auth.Tests.)
/// </summary>
public static class TestSigner
{
    public const string AccessKey = "test";
    public const string SecretKey = "test";

    public static void Sign(HttpRequestMessage request, byte[] body, string region, string service = "verifiedpermissions", string accessKey = AccessKey, string secretKey = SecretKey)
    {
        var now = DateTime.UtcNow;
        var amzDate = now.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);
        var host = request.RequestUri!.IsAbsoluteUri ? request.RequestUri.Authority : null;
        request.Headers.TryAddWithoutValidation("X-Amz-Date", amzDate);
        var headers = new SortedDictionary<string, string>(StringComparer.Ordinal) { ["x-amz-date"] = amzDate };
        if (host is not null)
        {
            headers["host"] = host;
        }

        foreach (var h in request.Headers)
        {
            if (h.Key.StartsWith("X-Amz-", StringComparison.OrdinalIgnoreCase))
            {
                headers[h.Key.ToLowerInvariant()] = string.Join(",", h.Value);
            }
        }

        if (request.Content?.Headers.ContentType is { } contentType)
        {
            headers["content-type"] = contentType.ToString();
        }

        var signedHeaders = string.Join(';', headers.Keys);
        var canonical = "POST\n/\n\n" + string.Concat(headers.Select(h => h.Key + ":" + h.Value.Trim() + "\n")) + "\n" + signedHeaders + "\n" +
                        Convert.ToHexStringLower(SHA256.HashData(body));
        var scope = $"{amzDate[..8]}/{region}/{service}/aws4_request";
        var toSign = $"AWS4-HMAC-SHA256\n{amzDate}\n{scope}\n{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonical)))}";
        var key = HMACSHA256.HashData(Encoding.UTF8.GetBytes("AWS4" + secretKey), Encoding.UTF8.GetBytes(amzDate[..8]));
        key = HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(region));
        key = HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(service));
        key = HMACSHA256.HashData(key, "aws4_request"u8);
        var signature = Convert.ToHexStringLower(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(toSign)));
        request.Headers.TryAddWithoutValidation("Authorization", $"AWS4-HMAC-SHA256 Credential={accessKey}/{scope}, SignedHeaders={signedHeaders}, Signature={signature}");
    }
}
