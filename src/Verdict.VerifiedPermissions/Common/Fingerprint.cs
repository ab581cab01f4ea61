using System.Security.Cryptography;
using System.Text.Json;

namespace Verdict.VerifiedPermissions.Common;

/// <summary>
/// A digest of a request's parameters apart from the client token, insensitive to member order, so a retried request
/// matches its original and a changed one does not.
/// </summary>
public static class Fingerprint
{
    public static string Of(JsonElement input, string excludedMember = "clientToken")
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            WriteCanonical(writer, input, excludedMember, 0);
        }

        return Convert.ToHexString(SHA256.HashData(buffer.GetBuffer().AsSpan(0, (int)buffer.Length)));
    }

    private static void WriteCanonical(Utf8JsonWriter writer, JsonElement value, string? excluded, int depth)
    {
        if (depth > 200)
        {
            throw new InvalidOperationException("Input nested beyond the validated depth.");
        }

        switch (value.ValueKind)
        {
            case JsonValueKind.Object:
                writer.WriteStartObject();
                foreach (var property in value.EnumerateObject()
                             .Where(p => p.Name != excluded && p.Value.ValueKind != JsonValueKind.Null)
                             .OrderBy(p => p.Name, StringComparer.Ordinal))
                {
                    writer.WritePropertyName(property.Name);
                    WriteCanonical(writer, property.Value, null, depth + 1);
                }

                writer.WriteEndObject();
                break;
            case JsonValueKind.Array:
                writer.WriteStartArray();
                foreach (var item in value.EnumerateArray())
                {
                    WriteCanonical(writer, item, null, depth + 1);
                }

                writer.WriteEndArray();
                break;
            default:
                value.WriteTo(writer);
                break;
        }
    }
}
