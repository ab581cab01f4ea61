using System.Buffers;
using System.Collections.Frozen;
using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Verdict.Protocol;

/// <summary>
/// The single <c>POST /</c> endpoint: reads the body (capped), finds the operation from <c>X-Amz-Target</c> in a table
/// built once, checks the input against the service model, runs the handler, and writes the answer. Anything a
/// handler throws is a bug: it is logged (without the request body) and answered as InternalServerException.
/// </summary>
public sealed partial class AwsJsonDispatcher
{
    /// <summary>AVP's request size quota (1 MB), applied to every request.</summary>
    public const int MaxRequestBytes = 1024 * 1024;

    private const string DefaultContentType = "application/x-amz-json-1.0";
    private static readonly JsonDocumentOptions s_documentOptions = new() { MaxDepth = 96 };

    /// <summary>Answers keep quotes and non-ASCII text readable; HTML-sensitive escaping is pointless for an API body.</summary>
    internal static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private readonly FrozenDictionary<string, (AwsJsonService Service, string Operation, OperationHandler Handler)> _targets;
    private readonly ILogger<AwsJsonDispatcher> _logger;
    private readonly TimeProvider _time;

    private readonly IRequestAuthenticator _authenticator;

    public AwsJsonDispatcher(
        IEnumerable<AwsJsonService> services,
        ILogger<AwsJsonDispatcher> logger,
        TimeProvider time,
        IRequestAuthenticator? authenticator = null)
    {
        _authenticator = authenticator ?? new UncheckedRequestAuthenticator();
        var targets = new Dictionary<string, (AwsJsonService, string, OperationHandler)>(StringComparer.Ordinal);
        foreach (var service in services)
        {
            foreach (var (operation, handler) in service.Operations)
            {
                targets.Add(service.TargetPrefix + "." + operation, (service, operation, handler));
            }
        }

        _targets = targets.ToFrozenDictionary(StringComparer.Ordinal);
        _logger = logger;
        _time = time;
    }

    /// <summary>Every registered <c>X-Amz-Target</c> value.</summary>
    public IEnumerable<string> Targets => _targets.Keys;

    public async Task HandleAsync(HttpContext context)
    {
        var requestId = Guid.NewGuid().ToString();
        context.Response.Headers["x-amzn-RequestId"] = requestId;
        var target = context.Request.Headers["X-Amz-Target"].ToString();
        if (!_targets.TryGetValue(target, out var entry))
        {
            var message = target.Length == 0 ? "Missing X-Amz-Target header." : $"Operation {target} is not supported.";
            await AwsErrorWriter.WriteAsync(context, new AwsError(AwsErrorTypes.UnknownOperation, message, 400), DefaultContentType).ConfigureAwait(false);
            return;
        }

        var (service, operation, handler) = entry;
        AwsResult result;
        var body = await ReadBodyAsync(context.Request, context.RequestAborted).ConfigureAwait(false);
        if (body is null)
        {
            result = new AwsError(AwsErrorTypes.RequestEntityTooLarge, $"The request body exceeds the maximum size of {MaxRequestBytes} bytes.", 413);
        }
        else
        {
            try
            {
                result = await DispatchAsync(service, operation, handler, body, context, requestId).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception)
            {
                LogUnexpected(_logger, exception, target, requestId);
                result = new AwsError(AwsErrorTypes.InternalServer, $"An internal error occurred (request {requestId}).", 500);
            }
        }

        if (result.Error is { } error)
        {
            await AwsErrorWriter.WriteAsync(context, error, service.ContentType).ConfigureAwait(false);
            return;
        }

        // Written whole before sending, so the answer carries a Content-Length and goes out in one write, not in chunks.
        var output = new ArrayBufferWriter<byte>(512);
        using (var writer = new Utf8JsonWriter(output, WriterOptions))
        {
            result.WriteOutput!(writer);
        }

        context.Response.StatusCode = 200;
        context.Response.ContentType = service.ContentType;
        context.Response.ContentLength = output.WrittenCount;
        await context.Response.Body.WriteAsync(output.WrittenMemory, context.RequestAborted).ConfigureAwait(false);
    }

    private async ValueTask<AwsResult> DispatchAsync(
        AwsJsonService service, string operation, OperationHandler handler, byte[] body, HttpContext context, string requestId)
    {
        var authentication = _authenticator.Authenticate(context, body, service.AnonymousOperations.Contains(operation));
        if (authentication.Error is { } refused)
        {
            return refused;
        }

        if (authentication.Caller is { FederatedPrincipal: { } principal } && !service.FederatedOperations.Contains(operation))
        {
            // Credentials from an identity pool act for an end user: they never reach management operations.
            return new AwsError("AccessDeniedException",
                $"User: {principal} is not authorized to perform: {service.ActionPrefix ?? service.TargetPrefix}:{operation}", 400);
        }

        JsonDocument document;
        try
        {
            document = body.Length == 0 ? JsonDocument.Parse("{}"u8.ToArray()) : JsonDocument.Parse(body, s_documentOptions);
        }
        catch (JsonException exception)
        {
            return new AwsError(AwsErrorTypes.Serialization, "The request body is not valid JSON: " + exception.Message, 400);
        }

        using (document)
        {
            var input = document.RootElement;
            if (input.ValueKind != JsonValueKind.Object)
            {
                return new AwsError(AwsErrorTypes.Serialization, "The request body must be a JSON object.", 400);
            }

            if (service.Model is { } model)
            {
                var check = model.CheckInput(operation, input);
                if (check.TypeErrors.Count > 0)
                {
                    return new AwsError(AwsErrorTypes.Serialization, check.TypeErrors[0].Message, 400);
                }

                if (check.ConstraintViolations.Count > 0)
                {
                    return service.ValidationError(check);
                }
            }

            var request = new AwsRequest(operation, input, authentication.Caller!, requestId, _time.GetUtcNow());
            return await handler(request, context.RequestAborted).ConfigureAwait(false);
        }
    }

    /// <summary>The body, or null when it is larger than <see cref="MaxRequestBytes"/>.</summary>
    private static async ValueTask<byte[]?> ReadBodyAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (request.ContentLength > MaxRequestBytes)
        {
            return null;
        }

        var buffer = ArrayPool<byte>.Shared.Rent(request.ContentLength is { } known ? (int)known + 1 : 16 * 1024);
        var length = 0;
        try
        {
            while (true)
            {
                if (length == buffer.Length)
                {
                    if (length > MaxRequestBytes)
                    {
                        return null;
                    }

                    var larger = ArrayPool<byte>.Shared.Rent(Math.Min(buffer.Length * 2, MaxRequestBytes + 1));
                    buffer.AsSpan(0, length).CopyTo(larger);
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = larger;
                }

                var read = await request.Body.ReadAsync(buffer.AsMemory(length), cancellationToken).ConfigureAwait(false);
                if (read == 0)
                {
                    break;
                }

                length += read;
                if (length > MaxRequestBytes)
                {
                    return null;
                }
            }

            return buffer.AsSpan(0, length).ToArray();
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    [LoggerMessage(EventId = 1, Level = LogLevel.Error, Message = "Unexpected failure in {Target} (request {RequestId})")]
    private static partial void LogUnexpected(ILogger logger, Exception exception, string target, string requestId);
}
