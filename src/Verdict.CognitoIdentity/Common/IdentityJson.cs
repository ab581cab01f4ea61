using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Verdict.Protocol;

namespace Verdict.CognitoIdentity.Common;

/// <summary>Outputs are built as <see cref="JsonObject"/>s and serialized without reflection.</summary>
[JsonSerializable(typeof(JsonObject))]
[JsonSerializable(typeof(JsonNode))]
internal sealed partial class IdentityJson : JsonSerializerContext
{
    public static AwsResult Ok(JsonObject output) => AwsResult.Ok(output, Default.JsonObject);
}
