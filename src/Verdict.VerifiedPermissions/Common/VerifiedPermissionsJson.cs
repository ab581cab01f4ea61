using System.Text.Json.Serialization;
using Verdict.VerifiedPermissions.Aliases;
using Verdict.VerifiedPermissions.Authorization;
using Verdict.VerifiedPermissions.Policies;
using Verdict.VerifiedPermissions.Schemas;
using Verdict.VerifiedPermissions.Templates;
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
[JsonSerializable(typeof(CreatePolicyInput))]
[JsonSerializable(typeof(PolicyWriteOutput))]
[JsonSerializable(typeof(GetPolicyInput))]
[JsonSerializable(typeof(GetPolicyOutput))]
[JsonSerializable(typeof(UpdatePolicyInput))]
[JsonSerializable(typeof(DeletePolicyInput))]
[JsonSerializable(typeof(ListPoliciesInput))]
[JsonSerializable(typeof(ListPoliciesOutput))]
[JsonSerializable(typeof(BatchGetPolicyInput))]
[JsonSerializable(typeof(BatchGetPolicyOutput))]
[JsonSerializable(typeof(CreatePolicyTemplateInput))]
[JsonSerializable(typeof(PolicyTemplateWriteOutput))]
[JsonSerializable(typeof(GetPolicyTemplateInput))]
[JsonSerializable(typeof(GetPolicyTemplateOutput))]
[JsonSerializable(typeof(UpdatePolicyTemplateInput))]
[JsonSerializable(typeof(DeletePolicyTemplateInput))]
[JsonSerializable(typeof(ListPolicyTemplatesInput))]
[JsonSerializable(typeof(ListPolicyTemplatesOutput))]
[JsonSerializable(typeof(PutSchemaInput))]
[JsonSerializable(typeof(PutSchemaOutput))]
[JsonSerializable(typeof(GetSchemaInput))]
[JsonSerializable(typeof(GetSchemaOutput))]
[JsonSerializable(typeof(IsAuthorizedOutput))]
[JsonSerializable(typeof(BatchIsAuthorizedOutput))]
public sealed partial class VerifiedPermissionsJson : JsonSerializerContext;
