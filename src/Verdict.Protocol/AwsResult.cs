using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Verdict.Protocol;

/// <summary>What an operation handler answers: an output written as JSON, or an <see cref="AwsError"/>.</summary>
public readonly struct AwsResult
{
    private AwsResult(Action<Utf8JsonWriter>? writeOutput, AwsError? error)
    {
        WriteOutput = writeOutput;
        Error = error;
    }

    public Action<Utf8JsonWriter>? WriteOutput { get; }

    public AwsError? Error { get; }

    /// <summary>An output serialized through source-generated metadata (no reflection).</summary>
    public static AwsResult Ok<T>(T output, JsonTypeInfo<T> typeInfo) =>
        new(writer => JsonSerializer.Serialize(writer, output, typeInfo), null);

    /// <summary>An output that is already JSON text, such as a response recorded under a client token.</summary>
    public static AwsResult RawJson(string json) => new(writer =>
    {
        using var document = JsonDocument.Parse(json);
        document.WriteTo(writer);
    }, null);

    /// <summary>An empty structure output: <c>{}</c>.</summary>
    public static AwsResult Empty() => new(static writer =>
    {
        writer.WriteStartObject();
        writer.WriteEndObject();
    }, null);

    public static AwsResult Fail(AwsError error) => new(null, error);

    public static implicit operator AwsResult(AwsError error) => Fail(error);
}
