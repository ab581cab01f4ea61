using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Verdict.CognitoIdentityProvider.Common;

/// <summary>Outputs are built as <see cref="JsonObject"/>s (Cognito's shapes are wide and mostly echoed); serialized without reflection.</summary>
[JsonSerializable(typeof(JsonObject))]
[JsonSerializable(typeof(JsonNode))]
internal sealed partial class CognitoJson : JsonSerializerContext;
