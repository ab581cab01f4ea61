using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using Cedar.Ast;
using Cedar.Authorization;
using Cedar.Entities;
using Cedar.Json;
using Verdict.Protocol;
using Verdict.Storage;
using Verdict.Tokens;
using Verdict.VerifiedPermissions.Authorization;
using Verdict.VerifiedPermissions.Common;
using CedarRequest = Cedar.Authorization.Request;

namespace Verdict.VerifiedPermissions.IdentitySources;

/// <summary>
/// IsAuthorizedWithToken and BatchIsAuthorizedWithToken: the principal comes from an ID token, an access token or
/// both, verified against the store's identity source, then the request runs through the same compiled policy set as
/// IsAuthorized. A batch verifies its token once for all its requests.
/// </summary>
/// <remarks>
/// Error types: the model allows only Validation, AccessDenied, ResourceNotFound, Throttling and InternalServer, and AWS
/// does not document which one a refused token gets. Verdict answers ValidationException for every refusal (a bad,
/// expired or foreign token; a token type the source does not accept; a store without an identity source; request
/// entities that speak for the principal), with a message that names the failed check and a fieldList entry for the
/// parameter at fault. ResourceNotFoundException stays reserved for a store that does not exist.
/// </remarks>
public sealed class TokenAuthorizationOperations(
    PolicyStoreResolver resolver, CompiledPolicyStores compiledStores, IdentitySourceTokenVerifier tokens, TimeProvider time)
{
    private readonly ConcurrentDictionary<PrincipalKey, (TokenPrincipal Principal, DateTimeOffset Expires)> _principals = new();

    private static readonly IdentitySourcesJson s_json = IdentitySourcesJson.Default;

    // Settings read from a stored record, kept as long as the record is (the resolver's cache holds the current one).
    private static readonly ConditionalWeakTable<IdentitySourceRecord, IdentitySourceSettings> s_settings = new();

    public void Register(OperationTable table) => table
        .Add("IsAuthorizedWithToken", IsAuthorizedWithTokenAsync)
        .Add("BatchIsAuthorizedWithToken", BatchIsAuthorizedWithTokenAsync);

    private async ValueTask<AwsResult> IsAuthorizedWithTokenAsync(AwsRequest request, CancellationToken cancellationToken)
    {
        var input = AuthorizationInputs.IsAuthorizedWithToken(request.Input);
        var (session, error) = await StartAsync(request, input.PolicyStoreId, input.IdentityToken, input.AccessToken, input.Entities, cancellationToken).ConfigureAwait(false);
        if (error is not null)
        {
            return error;
        }

        if (session!.Decide(input.Action, input.Resource, input.Context, "", out var response) is { } badRequest)
        {
            return badRequest;
        }

        return AwsResult.Ok(
            new IsAuthorizedWithTokenOutput(DecisionName(response), Determining(response), Errors(response), session.Principal), s_json.IsAuthorizedWithTokenOutput);
    }

    private async ValueTask<AwsResult> BatchIsAuthorizedWithTokenAsync(AwsRequest request, CancellationToken cancellationToken)
    {
        var input = AuthorizationInputs.BatchIsAuthorizedWithToken(request.Input);
        if (input.Requests.Count > Quotas.BatchIsAuthorizedRequests)
        {
            return VerifiedPermissionsErrors.InvalidField(
                "requests", $"Value at 'requests' failed to satisfy constraint: Member must have length less than or equal to {Quotas.BatchIsAuthorizedRequests}");
        }

        var (session, error) = await StartAsync(request, input.PolicyStoreId, input.IdentityToken, input.AccessToken, input.Entities, cancellationToken).ConfigureAwait(false);
        if (error is not null)
        {
            return error;
        }

        var requestJson = request.Input.GetProperty("requests");
        var results = new List<BatchIsAuthorizedWithTokenOutputItem>(input.Requests.Count);
        for (var i = 0; i < input.Requests.Count; i++)
        {
            var item = input.Requests[i];
            if (session!.Decide(item.Action, item.Resource, item.Context, $"requests[{i}].", out var response) is { } badRequest)
            {
                return badRequest;
            }

            results.Add(new BatchIsAuthorizedWithTokenOutputItem(requestJson[i].Clone(), DecisionName(response), Determining(response), Errors(response)));
        }

        return AwsResult.Ok(new BatchIsAuthorizedWithTokenOutput(session!.Principal, results), s_json.BatchIsAuthorizedWithTokenOutput);
    }

    /// <summary>Everything a request shares with the others of its batch: the store, the verified identity and the entities.</summary>
    private async ValueTask<(Session? Session, AwsError? Error)> StartAsync(
        AwsRequest request, string policyStoreId, string? identityToken, string? accessToken, JsonElement? entitiesDefinition, CancellationToken cancellationToken)
    {
        if (identityToken is null && accessToken is null)
        {
            return (null, VerifiedPermissionsErrors.ValidationFields(
                "You must specify either an accessToken, an identityToken, or both.",
                [new("identityToken", "An identityToken or an accessToken is required."), new("accessToken", "An identityToken or an accessToken is required.")]));
        }

        var tenant = PolicyStoreResolver.TenantOf(request);
        var (store, error) = await resolver.ResolveAsync(tenant, policyStoreId, cancellationToken).ConfigureAwait(false);
        if (error is not null)
        {
            return (null, error);
        }

        var source = await resolver.IdentitySourceOfAsync(store!, cancellationToken).ConfigureAwait(false);
        if (source is null)
        {
            return (null, VerifiedPermissionsErrors.InvalidField(
                "policyStoreId", "The policy store has no identity source, so it can't authorize tokens: create one with CreateIdentitySource."));
        }

        var settings = s_settings.GetValue(
            source, static s => IdentitySourceSettings.From(IdentitySourceConfigurations.FromStoredJson(s.ConfigurationJson), s.PrincipalEntityType));
        var (identity, identityError) = await PrincipalOfAsync(settings, identityToken, accessToken, cancellationToken).ConfigureAwait(false);
        if (identityError is not null)
        {
            return (null, identityError);
        }

        var compiled = await compiledStores.GetAsync(store!, cancellationToken).ConfigureAwait(false);
        if (compiled is null)
        {
            return (null, VerifiedPermissionsErrors.NotFound(policyStoreId, ResourceTypes.PolicyStore));
        }

        if (!AvpEntities.TryReadEntities(entitiesDefinition, out var requestEntities, out var invalidEntities))
        {
            return (null, VerifiedPermissionsErrors.InvalidField("entities", "The entities are not valid: " + invalidEntities));
        }

        var (entitiesJson, entitiesError) = TokenEntities.Assemble(identity!, requestEntities, identityToken is not null, compiled.Schema);
        if (entitiesError is not null)
        {
            return (null, VerifiedPermissionsErrors.InvalidField("entities", entitiesError));
        }

        var parsed = EntityJson.ParseEntities(entitiesJson!, compiled.Schema);
        if (!parsed.Success)
        {
            return (null, VerifiedPermissionsErrors.InvalidField(
                "entities", "The entities (with the principal and groups from the token) are not valid: " + string.Join("; ", parsed.Errors.Select(e => e.Message))));
        }

        var principal = new EntityIdentifier(identity!.PrincipalType, identity.PrincipalId);
        return (new Session(compiled, parsed.Value!, principal, identity.TokenContext), null);
    }

    /// <summary>
    /// The principal the tokens name, verified and mapped; remembered per identity source settings and tokens until the
    /// first token expires, so a repeated token costs neither a verification nor a mapping. A changed identity source
    /// is read as new settings, which never meet the old entries.
    /// </summary>
    private async ValueTask<(TokenPrincipal? Principal, AwsError? Error)> PrincipalOfAsync(
        IdentitySourceSettings settings, string? identityToken, string? accessToken, CancellationToken cancellationToken)
    {
        var key = new PrincipalKey(settings, identityToken, accessToken);
        if (_principals.TryGetValue(key, out var cached))
        {
            if (time.GetUtcNow() < cached.Expires)
            {
                return (cached.Principal, null);
            }

            _principals.TryRemove(key, out _);
        }

        var (identityClaims, identityError) = await CheckTokenAsync(settings, identityToken, accessToken: false, cancellationToken).ConfigureAwait(false);
        if (identityError is not null)
        {
            return (null, identityError);
        }

        var (accessClaims, accessError) = await CheckTokenAsync(settings, accessToken, accessToken: true, cancellationToken).ConfigureAwait(false);
        if (accessError is not null)
        {
            return (null, accessError);
        }

        var (identity, mappingError) = TokenClaimMapping.Map(settings, identityClaims, accessClaims);
        if (mappingError is not null)
        {
            return (null, VerifiedPermissionsErrors.InvalidField(identityClaims is not null ? "identityToken" : "accessToken", mappingError));
        }

        var principal = TokenPrincipal.From(identity!);
        if (Expiry(identityClaims, accessClaims) is { } expires)
        {
            if (_principals.Count >= IdentitySourceTokenVerifier.MaxCachedTokens)
            {
                _principals.Clear();
            }

            _principals[key] = (principal, expires);
        }

        return (principal, null);
    }

    /// <summary>When the first of the tokens expires; null when one has no numeric <c>exp</c> (then nothing is remembered).</summary>
    private static DateTimeOffset? Expiry(JsonObject? identityClaims, JsonObject? accessClaims)
    {
        DateTimeOffset? earliest = null;
        foreach (var claims in new[] { identityClaims, accessClaims })
        {
            if (claims is null)
            {
                continue;
            }

            if (IdentitySourceTokenVerifier.ExpiresAt(claims) is not { } expires)
            {
                return null;
            }

            earliest = earliest is null || expires < earliest ? expires : earliest;
        }

        return earliest;
    }

    private async ValueTask<(JsonObject? Claims, AwsError? Error)> CheckTokenAsync(
        IdentitySourceSettings settings, string? token, bool accessToken, CancellationToken cancellationToken)
    {
        if (token is null)
        {
            return (null, null);
        }

        var parameter = accessToken ? "accessToken" : "identityToken";
        if (accessToken ? !settings.AcceptsAccessToken : !settings.AcceptsIdentityToken)
        {
            return (null, VerifiedPermissionsErrors.InvalidField(parameter,
                $"The policy store's identity source accepts only {(accessToken ? "identity" : "access")} tokens (its tokenSelection), so the {parameter} can't be used."));
        }

        var verification = await tokens.VerifyAsync(token, IdentitySourceTokenVerifier.ExpectationsFor(settings, accessToken), cancellationToken).ConfigureAwait(false);
        if (verification.Failure is { } failure)
        {
            return (null, Refused(parameter, failure.Check, failure.Message));
        }

        // The issuer names a pool but not its account; a pool this Verdict hosts must be in the account of the ARN.
        if (verification.Token!.Local is { } local && settings.UserPoolAccount is { } account && local.AccountId != account)
        {
            return (null, Refused(parameter, TokenCheck.Issuer,
                $"the token's user pool {local.UserPoolId} belongs to account {local.AccountId}, not to account {account} of the identity source's userPoolArn"));
        }

        var claims = verification.Token.Claims;
        if (settings.Kind == IdentitySourceKind.OpenIdConnect && IdentitySourceTokenVerifier.CheckTokenUse(claims, accessToken) is { } wrongUse)
        {
            return (null, Refused(parameter, TokenCheck.TokenUse, wrongUse));
        }

        return (claims, null);
    }

    private static AwsError Refused(string parameter, TokenCheck check, string reason) =>
        VerifiedPermissionsErrors.InvalidField(parameter, $"The {parameter} is not valid ({CheckName(check)} check failed): {reason}.");

    private static string CheckName(TokenCheck check) => check switch
    {
        TokenCheck.Malformed => "format",
        TokenCheck.Algorithm => "algorithm",
        TokenCheck.KeyNotFound => "signing key",
        TokenCheck.Signature => "signature",
        TokenCheck.Expired => "expiry",
        TokenCheck.NotYetValid => "not-before",
        TokenCheck.Issuer => "issuer",
        TokenCheck.Audience => "audience",
        TokenCheck.TokenUse => "token_use",
        TokenCheck.KeysUnavailable => "issuer keys",
        _ => check.ToString(),
    };

    private static string DecisionName(Response response) => response.Decision == Decision.Allow ? "ALLOW" : "DENY";

    private static List<DeterminingPolicyItem> Determining(Response response) =>
        [.. response.DeterminingPolicies.Select(id => new DeterminingPolicyItem(id))];

    private static List<EvaluationErrorItem> Errors(Response response) =>
        [.. response.Errors.Select(e => new EvaluationErrorItem($"error while evaluating policy `{e.PolicyId}`: {e.Message}"))];

    /// <summary>
    /// The settings object (one per stored identity source record, so compared by reference, not field by field) and
    /// the tokens as given.
    /// </summary>
    private readonly record struct PrincipalKey(IdentitySourceSettings Settings, string? IdentityToken, string? AccessToken)
    {
        public bool Equals(PrincipalKey other) =>
            ReferenceEquals(Settings, other.Settings) && string.Equals(IdentityToken, other.IdentityToken, StringComparison.Ordinal)
            && string.Equals(AccessToken, other.AccessToken, StringComparison.Ordinal);

        public override int GetHashCode() =>
            HashCode.Combine(RuntimeHelpers.GetHashCode(Settings), IdentityToken is null ? 0 : string.GetHashCode(IdentityToken, StringComparison.Ordinal),
                AccessToken is null ? 0 : string.GetHashCode(AccessToken, StringComparison.Ordinal));
    }

    private sealed class Session(CompiledPolicyStore compiled, EntityStore entities, EntityIdentifier principal, SpannedJson? tokenContext)
    {
        public EntityIdentifier Principal => principal;

        public AwsError? Decide(ActionIdentifier? action, EntityIdentifier? resource, JsonElement? context, string pathPrefix, out Response response)
        {
            response = null!;
            if (action is null || resource is null)
            {
                var member = action is null ? "action" : "resource";
                return VerifiedPermissionsErrors.InvalidField(pathPrefix + member, $"The {member} of the request is required.");
            }

            if (PolicyStatements.CheckEntityType(action.ActionType, pathPrefix + "action.actionType") is { } badAction)
            {
                return badAction;
            }

            if (PolicyStatements.CheckEntityType(resource.EntityType, pathPrefix + "resource.entityType") is { } badResource)
            {
                return badResource;
            }

            var actionUid = new EntityUid(Name.FromFullName(action.ActionType), action.ActionId);
            var actionContext = compiled.Schema is { } schema && schema.Actions.TryGetValue(actionUid, out var definition) ? definition.Context : null;
            if (!AvpEntities.TryReadContext(context, out var callerContext, out var invalidContext))
            {
                return VerifiedPermissionsErrors.InvalidField(pathPrefix + "context", "The context is not valid: " + invalidContext);
            }

            var (contextJson, contextError) = TokenEntities.Context(callerContext, tokenContext, actionContext);
            if (contextError is not null)
            {
                return VerifiedPermissionsErrors.InvalidField(pathPrefix + "context", contextError);
            }

            var parsedContext = EntityJson.ParseContext(contextJson!, compiled.Schema, compiled.Schema is null ? null : actionUid);
            if (!parsedContext.Success)
            {
                return VerifiedPermissionsErrors.InvalidField(
                    pathPrefix + "context", "The context is not valid: " + string.Join("; ", parsedContext.Errors.Select(e => e.Message)));
            }

            var request = new CedarRequest(
                new EntityUid(Name.FromFullName(principal.EntityType), principal.EntityId),
                actionUid,
                new EntityUid(Name.FromFullName(resource.EntityType), resource.EntityId),
                parsedContext.Value);
            response = Authorizer.IsAuthorized(request, compiled.Policies, entities);
            return null;
        }
    }
}
