using System.Text.Json.Serialization;

namespace Verdict.VerifiedPermissions.IdentitySources;

/// <summary>Source-generated JSON metadata for the identity-source shapes (the conventions of <c>VerifiedPermissionsJson</c>).</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Skip)]
[JsonSerializable(typeof(IdentitySourceConfiguration))]
[JsonSerializable(typeof(CreateIdentitySourceInput))]
[JsonSerializable(typeof(IdentitySourceWriteOutput))]
[JsonSerializable(typeof(GetIdentitySourceInput))]
[JsonSerializable(typeof(DeleteIdentitySourceInput))]
[JsonSerializable(typeof(UpdateIdentitySourceInput))]
[JsonSerializable(typeof(ListIdentitySourcesInput))]
[JsonSerializable(typeof(IdentitySourceDescription))]
[JsonSerializable(typeof(ListIdentitySourcesOutput))]
[JsonSerializable(typeof(IsAuthorizedWithTokenOutput))]
[JsonSerializable(typeof(BatchIsAuthorizedWithTokenOutput))]
public sealed partial class IdentitySourcesJson : JsonSerializerContext;
