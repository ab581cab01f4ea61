using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Verdict.Auth.Tests;

/// <summary>Each way a request can fail authentication gets the error type and message AWS gives.</summary>
public class VerificationFailureTests
{
    private static readonly DateTimeOffset s_now = new(2026, 12, 6, 12, 0, 0, TimeSpan.Zero);
    private static readonly Credential s_key = new("AKIDEXAMPLE", "secret-example", "111122223333");
    private static readonly Credential s_temporary = new("ASIAEXAMPLE", "temp-secret", "111122223333", "session-token-1", s_now.AddHours(1));
    private static readonly Credential s_expiredTemporary = new("ASIAOLD", "old-secret", "111122223333", "session-token-2", s_now.AddMinutes(-1));

    public static TheoryData<string, Func<SignedRequest>, string?> Cases => new()
    {
        { "valid request", () => Sign(s_key, s_now), null },
        { "valid temporary credentials", () => Sign(s_temporary, s_now, token: "session-token-1"), null },
        { "no signature at all", () => Unsigned(), "MissingAuthenticationTokenException" },
        { "unknown access key", () => Sign(new Credential("AKIDUNKNOWN", "x", "111122223333"), s_now), "UnrecognizedClientException" },
        { "wrong secret", () => Sign(new Credential("AKIDEXAMPLE", "wrong", "111122223333"), s_now), "InvalidSignatureException" },
        { "timestamp 16 minutes old", () => Sign(s_key, s_now.AddMinutes(-16)), "InvalidSignatureException" },
        { "timestamp 14 minutes old", () => Sign(s_key, s_now.AddMinutes(-14)), null },
        { "timestamp 16 minutes ahead", () => Sign(s_key, s_now.AddMinutes(16)), "InvalidSignatureException" },
        { "missing Signature", () => Sign(s_key, s_now, mangleAuthorization: a => a[..a.IndexOf(", Signature", StringComparison.Ordinal)]), "IncompleteSignatureException" },
        { "missing Credential", () => Sign(s_key, s_now, mangleAuthorization: a => a.Replace("Credential=", "Cred=", StringComparison.Ordinal)), "IncompleteSignatureException" },
        { "missing SignedHeaders", () => Sign(s_key, s_now, mangleAuthorization: a => a.Replace("SignedHeaders=", "Signed=", StringComparison.Ordinal)), "IncompleteSignatureException" },
        { "unsupported algorithm", () => Sign(s_key, s_now, mangleAuthorization: a => a.Replace("AWS4-HMAC-SHA256", "AWS4-HMAC-SHA1", StringComparison.Ordinal)), "IncompleteSignatureException" },
        { "credential scope without terminator", () => Sign(s_key, s_now, mangleAuthorization: a => a.Replace("/aws4_request", "/aws5_request", StringComparison.Ordinal)), "IncompleteSignatureException" },
        { "no date header", () => Sign(s_key, s_now, dropDate: true), "IncompleteSignatureException" },
        { "temporary key without its token", () => Sign(s_temporary, s_now), "UnrecognizedClientException" },
        { "temporary key with a wrong token", () => Sign(s_temporary, s_now, token: "session-token-9"), "UnrecognizedClientException" },
        { "long-term key with a token", () => Sign(s_key, s_now, token: "unexpected"), "UnrecognizedClientException" },
        { "expired temporary credentials", () => Sign(s_expiredTemporary, s_now, token: "session-token-2"), "ExpiredTokenException" },
        { "content hash header that does not match the body", () => Sign(s_key, s_now, contentSha: new string('0', 64)), "InvalidSignatureException" },
        { "tampered body", () => Sign(s_key, s_now, tamperBody: true), "InvalidSignatureException" },
        { "signature in upper case hex", () => Sign(s_key, s_now, mangleAuthorization: a => a[..(a.IndexOf("Signature=", StringComparison.Ordinal) + 10)] + a[(a.IndexOf("Signature=", StringComparison.Ordinal) + 10)..].ToUpperInvariant()), null },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Verification_answers_with_the_AWS_error(string description, Func<SignedRequest> request, string? expectedErrorType)
    {
        var verifier = new SigV4Verifier(new FixedKeys(s_key, s_temporary, s_expiredTemporary), new FixedTime(s_now));
        var result = verifier.Verify(request());
        Assert.True(expectedErrorType == result.Failure?.ErrorType, $"{description}: got {result.Failure?.ErrorType ?? "success"} ({result.Failure?.Message})");
        if (expectedErrorType is null)
        {
            Assert.Equal("111122223333", result.Credential!.AccountId);
            Assert.Equal("eu-west-1", result.Region);
        }
    }

    [Fact]
    public void Expired_signature_message_names_both_times()
    {
        var verifier = new SigV4Verifier(new FixedKeys(s_key), new FixedTime(s_now));
        var result = verifier.Verify(Sign(s_key, s_now.AddMinutes(-20)));
        Assert.Equal("Signature expired: 20261206T114000Z is now earlier than 20261206T114500Z (20261206T120000Z - 15 min.)", result.Failure!.Message);
    }

    [Fact]
    public void Default_store_maps_test_key_to_the_development_account_until_keys_are_configured()
    {
        var store = new CredentialStore(null, new Dictionary<string, string?>());
        Assert.True(store.UsesDefaultCredentials);
        Assert.Equal("000000000000", store.Find("test")!.AccountId);

        var configured = new CredentialStore(null, new Dictionary<string, string?>
        {
            ["VERDICT_ACCESS_KEY_ID"] = "AKIDPROD",
            ["VERDICT_SECRET_ACCESS_KEY"] = "s3cr3t",
            ["VERDICT_ACCOUNT_ID"] = "123456789012",
        });
        Assert.False(configured.UsesDefaultCredentials);
        Assert.Null(configured.Find("test"));
        Assert.Equal("123456789012", configured.Find("AKIDPROD")!.AccountId);
        Assert.DoesNotContain("s3cr3t", configured.Find("AKIDPROD")!.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Credentials_file_is_reloaded_when_it_changes_and_a_broken_file_keeps_the_old_keys()
    {
        var dir = Directory.CreateTempSubdirectory("verdict-creds-");
        try
        {
            var file = Path.Combine(dir.FullName, "credentials.json");
            File.WriteAllText(file, """{"credentials": [{"accessKeyId": "K1", "secretAccessKey": "S1", "accountId": "111111111111"}]}""");
            var clock = new MutableTime(s_now);
            var store = new CredentialStore(file, new Dictionary<string, string?>(), clock);
            Assert.Equal("111111111111", store.Find("K1")!.AccountId);
            Assert.Null(store.Find("K2"));

            File.WriteAllText(file, """{"credentials": [{"accessKeyId": "K2", "secretAccessKey": "S2", "accountId": "222222222222"}, {"accessKeyId": "K3", "secretAccessKey": "S3", "accountId": "222222222222"}]}""");
            File.SetLastWriteTimeUtc(file, DateTime.UtcNow.AddSeconds(5));
            clock.Now = clock.Now.AddSeconds(2);
            Assert.Null(store.Find("K1"));
            Assert.Equal("222222222222", store.Find("K2")!.AccountId);
            Assert.Equal("222222222222", store.Find("K3")!.AccountId);

            File.WriteAllText(file, "{ not json");
            File.SetLastWriteTimeUtc(file, DateTime.UtcNow.AddSeconds(10));
            clock.Now = clock.Now.AddSeconds(2);
            Assert.NotNull(store.Find("K2"));
            Assert.NotNull(store.LastFileError);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    private static SignedRequest Unsigned() =>
        new("POST", "/", "", [new("Host", "127.0.0.1:8340"), new("X-Amz-Target", "VerifiedPermissions.ListPolicyStores")], "{}"u8.ToArray());

    // A minimal signer for building failure cases; botocore cross-checks the canonical form separately.
    private static SignedRequest Sign(
        Credential key,
        DateTimeOffset at,
        string? token = null,
        Func<string, string>? mangleAuthorization = null,
        bool dropDate = false,
        string? contentSha = null,
        bool tamperBody = false)
    {
        var body = """{"maxResults": 5}"""u8.ToArray();
        var amzDate = at.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);
        var headers = new List<KeyValuePair<string, string>>
        {
            new("Host", "127.0.0.1:8340"),
            new("Content-Type", "application/x-amz-json-1.0"),
            new("X-Amz-Target", "VerifiedPermissions.ListPolicyStores"),
            new("X-Amz-Date", amzDate),
        };
        if (token is not null)
        {
            headers.Add(new("X-Amz-Security-Token", token));
        }

        if (contentSha is not null)
        {
            headers.Add(new("X-Amz-Content-Sha256", contentSha));
        }

        var signedHeaders = string.Join(';', headers.Select(h => h.Key.ToLowerInvariant()).Order(StringComparer.Ordinal));
        var unsigned = new SignedRequest("POST", "/", "", headers, body);
        var payloadHash = contentSha ?? Convert.ToHexStringLower(SHA256.HashData(body));
        var canonical = SigV4Verifier.CanonicalRequest(unsigned, signedHeaders, payloadHash, excludeSignatureFromQuery: false);
        var scope = $"{amzDate[..8]}/eu-west-1/verifiedpermissions/aws4_request";
        var stringToSign = $"AWS4-HMAC-SHA256\n{amzDate}\n{scope}\n{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonical)))}";
        var k = HMACSHA256.HashData(Encoding.UTF8.GetBytes("AWS4" + key.SecretAccessKey), Encoding.UTF8.GetBytes(amzDate[..8]));
        k = HMACSHA256.HashData(k, "eu-west-1"u8);
        k = HMACSHA256.HashData(k, "verifiedpermissions"u8);
        k = HMACSHA256.HashData(k, "aws4_request"u8);
        var signature = Convert.ToHexStringLower(HMACSHA256.HashData(k, Encoding.UTF8.GetBytes(stringToSign)));
        var authorization = $"AWS4-HMAC-SHA256 Credential={key.AccessKeyId}/{scope}, SignedHeaders={signedHeaders}, Signature={signature}";
        headers.Add(new("Authorization", mangleAuthorization is null ? authorization : mangleAuthorization(authorization)));
        if (dropDate)
        {
            headers.RemoveAll(h => h.Key == "X-Amz-Date");
        }

        if (tamperBody)
        {
            body = """{"maxResults": 6}"""u8.ToArray();
        }

        return new SignedRequest("POST", "/", "", headers, body);
    }

    private sealed class MutableTime(DateTimeOffset now) : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = now;

        public override DateTimeOffset GetUtcNow() => Now;
    }
}
