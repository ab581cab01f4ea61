using System.Text.Json;

namespace Verdict.Protocol;

/// <summary>One decoded call: the operation, its validated JSON input, and who made it.</summary>
public sealed record AwsRequest(string Operation, JsonElement Input, CallerIdentity Caller, string RequestId, DateTimeOffset ReceivedAt);

/// <summary>An operation implementation. Expected failures are returned as <see cref="AwsError"/>; exceptions are bugs.</summary>
public delegate ValueTask<AwsResult> OperationHandler(AwsRequest request, CancellationToken cancellationToken);
