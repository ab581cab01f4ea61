using System.Buffers;
using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace Verdict.Protocol;

/// <summary>The one place error answers are written: <c>{"__type": …, "message": …, …fields}</c> plus <c>x-amzn-ErrorType</c>.</summary>
public static class AwsErrorWriter
{
    public static async Task WriteAsync(HttpContext context, AwsError error, string contentType)
    {
        var response = context.Response;
        response.StatusCode = error.Status;
        response.ContentType = contentType;
        response.Headers["x-amzn-ErrorType"] = error.Type;
        var output = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(output, AwsJsonDispatcher.WriterOptions))
        {
            Write(writer, error);
        }

        response.ContentLength = output.WrittenCount;
        await response.Body.WriteAsync(output.WrittenMemory, context.RequestAborted).ConfigureAwait(false);
    }

    public static void Write(Utf8JsonWriter writer, AwsError error)
    {
        writer.WriteStartObject();
        writer.WriteString("__type"u8, error.Type);
        writer.WriteString("message"u8, error.Message);
        error.WriteFields?.Invoke(writer);
        writer.WriteEndObject();
    }
}
