using System.Text.Json.Serialization;
using Verdict.VerifiedPermissions.Aliases;
using Verdict.VerifiedPermissions.PolicyStores;
using Verdict.VerifiedPermissions.Tags;

namespace Verdict.VerifiedPermissions.Common;

/// <summary>
/// Source-generated (reflection-free) JSON metadata for every input and output of the service. Members are camelCase
/// on the wire, and absent optional outputs are omitted rather than sent as null. Inputs reach the handlers already
/// checked against the model, so required members are present.
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Skip)]
[JsonSerializable(typeof(CreatePolicyStoreInput))]
[JsonSerializable(typeof(CreatePolicyStoreOutput))]
[JsonSerializable(typeof(GetPolicyStoreInput))]
[JsonSerializable(typeof(GetPolicyStoreOutput))]
[JsonSerializable(typeof(ListPolicyStoresInput))]
[JsonSerializable(typeof(ListPolicyStoresOutput))]
[JsonSerializable(typeof(UpdatePolicyStoreInput))]
[JsonSerializable(typeof(UpdatePolicyStoreOutput))]
[JsonSerializable(typeof(DeletePolicyStoreInput))]
[JsonSerializable(typeof(TagResourceInput))]
[JsonSerializable(typeof(UntagResourceInput))]
[JsonSerializable(typeof(ListTagsForResourceInput))]
[JsonSerializable(typeof(ListTagsForResourceOutput))]
[JsonSerializable(typeof(CreatePolicyStoreAliasInput))]
[JsonSerializable(typeof(CreatePolicyStoreAliasOutput))]
[JsonSerializable(typeof(GetPolicyStoreAliasInput))]
[JsonSerializable(typeof(PolicyStoreAliasItem))]
[JsonSerializable(typeof(ListPolicyStoreAliasesInput))]
[JsonSerializable(typeof(ListPolicyStoreAliasesOutput))]
[JsonSerializable(typeof(DeletePolicyStoreAliasInput))]
public sealed partial class VerifiedPermissionsJson : JsonSerializerContext;
