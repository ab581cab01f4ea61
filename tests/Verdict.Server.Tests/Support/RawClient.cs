using System.Net;
using System.Text;
using System.Text.Json;

namespace Verdict.Server.Tests.Support;

/// <summary>Plain HTTP calls to the AWS JSON endpoint, for asserting the exact wire shape.</summary>
public sealed class RawClient(VerdictServerProcess server) : IDisposable
{
    private readonly HttpClient _http = new() { BaseAddress = new Uri(server.Endpoint), Timeout = TimeSpan.FromSeconds(30) };

    public sealed record Answer(HttpStatusCode Status, string? ErrorTypeHeader, string? RequestId, string? ContentType, JsonElement Body)
    {
        public string Type => Body.GetProperty("__type").GetString()!;

        public string Message => Body.GetProperty("message").GetString()!;
    }

    public Answer Call(string target, string body, string region = "us-east-1")
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/")
        {
            Content = new ByteArrayContent(Encoding.UTF8.GetBytes(body)),
        };
        request.Content.Headers.TryAddWithoutValidation("Content-Type", "application/x-amz-json-1.0");
        if (target.Length > 0)
        {
            request.Headers.TryAddWithoutValidation("X-Amz-Target", target);
        }

        request.Headers.TryAddWithoutValidation(
            "Authorization", $"AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20260101/{region}/verifiedpermissions/aws4_request, SignedHeaders=host, Signature=00");
        return Send(request);
    }

    public Answer Send(HttpRequestMessage request)
    {
        using var response = _http.Send(request);
        var text = response.Content.ReadAsStringAsync().GetAwaiter().GetResult();
        using var document = JsonDocument.Parse(text.Length == 0 ? "{}" : text);
        return new Answer(
            response.StatusCode,
            response.Headers.TryGetValues("x-amzn-ErrorType", out var type) ? type.Single() : null,
            response.Headers.TryGetValues("x-amzn-RequestId", out var id) ? id.Single() : null,
            response.Content.Headers.ContentType?.MediaType,
            document.RootElement.Clone());
    }

    public string CreateStore(string region = "us-east-1", string extra = "")
    {
        var answer = Call("VerifiedPermissions.CreatePolicyStore", $$"""{"validationSettings":{"mode":"OFF"}{{extra}}}""", region);
        Assert.Equal(HttpStatusCode.OK, answer.Status);
        return answer.Body.GetProperty("policyStoreId").GetString()!;
    }

    public void Dispose() => _http.Dispose();
}
