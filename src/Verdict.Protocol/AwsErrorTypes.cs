namespace Verdict.Protocol;

/// <summary>Error types produced by the protocol layer itself, whatever the service.</summary>
public static class AwsErrorTypes
{
    /// <summary>The body is not JSON, or a member has the wrong JSON type.</summary>
    public const string Serialization = "SerializationException";

    /// <summary>No operation matches <c>X-Amz-Target</c>.</summary>
    public const string UnknownOperation = "UnknownOperationException";

    /// <summary>The body exceeds the request size limit.</summary>
    public const string RequestEntityTooLarge = "RequestEntityTooLargeException";

    public const string InternalServer = "InternalServerException";
}
