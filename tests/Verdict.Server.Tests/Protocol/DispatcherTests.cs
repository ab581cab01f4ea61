using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Verdict.Protocol;
using Verdict.Protocol.Validation;

namespace Verdict.Server.Tests.Protocol;

/// <summary>The dispatcher in-process: how unexpected exceptions and the JSON 1.1 services are answered.</summary>
public sealed class DispatcherTests
{
    [Fact]
    public async Task Unexpected_exception_becomes_internal_server_exception_without_details()
    {
        var logger = new CapturingLogger();
        var service = new AwsJsonService("Test", "1.1", new Dictionary<string, OperationHandler>
        {
            ["Boom"] = (_, _) => throw new InvalidOperationException("secret-connection-string"),
        }, null, _ => throw new InvalidOperationException("no model"));
        var dispatcher = new AwsJsonDispatcher([service], logger, TimeProvider.System);

        var (status, headers, body) = await InvokeAsync(dispatcher, "Test.Boom", "{}");

        Assert.Equal(500, status);
        Assert.Equal("InternalServerException", headers["x-amzn-ErrorType"]);
        Assert.Equal("application/x-amz-json-1.1", headers["Content-Type"]);
        using var document = JsonDocument.Parse(body);
        Assert.Equal("InternalServerException", document.RootElement.GetProperty("__type").GetString());
        Assert.DoesNotContain("secret", body, StringComparison.Ordinal);
        Assert.IsType<InvalidOperationException>(Assert.Single(logger.Exceptions));
    }

    [Fact]
    public async Task Handlers_of_several_services_share_one_endpoint()
    {
        var vp = new AwsJsonService("VerifiedPermissions", "1.0", new Dictionary<string, OperationHandler>
        {
            ["Ping"] = (request, _) => ValueTask.FromResult(AwsResult.RawJson($$"""{"region":"{{request.Caller.Region}}"}""")),
        }, null, check => new AwsError("ValidationException", check.Summary(), 400));
        var cognito = new AwsJsonService("AWSCognitoIdentityService", "1.1", new Dictionary<string, OperationHandler>
        {
            ["Ping"] = (_, _) => ValueTask.FromResult(AwsResult.Empty()),
        }, null, check => new AwsError("InvalidParameterException", check.Summary(), 400));
        var dispatcher = new AwsJsonDispatcher([vp, cognito], NullLogger<AwsJsonDispatcher>.Instance, TimeProvider.System);

        var (status, headers, body) = await InvokeAsync(dispatcher, "VerifiedPermissions.Ping", "",
            "AWS4-HMAC-SHA256 Credential=AKID/20260101/ap-southeast-2/verifiedpermissions/aws4_request, SignedHeaders=host, Signature=0");
        Assert.Equal(200, status);
        Assert.Equal("application/x-amz-json-1.0", headers["Content-Type"]);
        Assert.Equal("""{"region":"ap-southeast-2"}""", body);

        (status, headers, body) = await InvokeAsync(dispatcher, "AWSCognitoIdentityService.Ping", "{}");
        Assert.Equal(200, status);
        Assert.Equal("application/x-amz-json-1.1", headers["Content-Type"]);
        Assert.Equal("{}", body);
        Assert.Equal(["AWSCognitoIdentityService.Ping", "VerifiedPermissions.Ping"], dispatcher.Targets.Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData(null, "us-east-1", null)]
    [InlineData("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/eu-west-3/verifiedpermissions/aws4_request, SignedHeaders=host, Signature=x", "eu-west-3", "AKIDEXAMPLE")]
    [InlineData("AWS4-HMAC-SHA256 Credential=AKID/20150830/Bad Region!/svc/aws4_request", "us-east-1", "AKID")]
    [InlineData("Bearer abc", "us-east-1", null)]
    public void Caller_identity_comes_from_the_credential_scope(string? header, string region, string? accessKey)
    {
        var caller = CallerIdentityResolver.Resolve(header);
        Assert.Equal("000000000000", caller.Account);
        Assert.Equal(region, caller.Region);
        Assert.Equal(accessKey, caller.AccessKeyId);
    }

    [Fact]
    public void Input_check_summary_is_singular_for_one_violation()
    {
        var check = new InputCheck([], [new FieldViolation("a", "Value null at 'a' failed to satisfy constraint: Member must not be null")]);
        Assert.Equal("1 validation error detected: Value null at 'a' failed to satisfy constraint: Member must not be null", check.Summary());
    }

    private static async Task<(int Status, Dictionary<string, string> Headers, string Body)> InvokeAsync(
        AwsJsonDispatcher dispatcher, string target, string body, string? authorization = null)
    {
        var context = new DefaultHttpContext();
        context.Request.Method = "POST";
        context.Request.Path = "/";
        context.Request.Headers["X-Amz-Target"] = target;
        if (authorization is not null)
        {
            context.Request.Headers.Authorization = authorization;
        }

        context.Request.Body = new MemoryStream(Encoding.UTF8.GetBytes(body));
        var responseBody = new MemoryStream();
        context.Response.Body = responseBody;
        await dispatcher.HandleAsync(context);
        var headers = context.Response.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
        headers["Content-Type"] = context.Response.ContentType ?? "";
        return (context.Response.StatusCode, headers, Encoding.UTF8.GetString(responseBody.ToArray()));
    }

    private sealed class CapturingLogger : ILogger<AwsJsonDispatcher>
    {
        public List<Exception> Exceptions { get; } = [];

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (exception is not null)
            {
                Exceptions.Add(exception);
            }
        }
    }
}
