using System.Text.Json;

namespace Verdict.Protocol;

/// <summary>
/// An error answer: the wire type (<c>__type</c> and <c>x-amzn-ErrorType</c>), the message, the HTTP status, and the
/// error's own modelled fields, written after <c>message</c>.
/// </summary>
public sealed class AwsError(string type, string message, int status, Action<Utf8JsonWriter>? writeFields = null)
{
    public string Type { get; } = type;

    public string Message { get; } = message;

    public int Status { get; } = status;

    public Action<Utf8JsonWriter>? WriteFields { get; } = writeFields;

    public override string ToString() => $"{Type}: {Message}";
}
