using System.Text.Json;
using System.Text.Json.Nodes;

namespace Verdict.VerifiedPermissions.IdentitySources;

/// <summary>
/// Claims of verified tokens → the Cedar principal, its groups, its attributes and <c>context.token</c>, as Verified
/// Permissions documents the mapping. Pure: no I/O, no clock, so every rule is table-tested.
/// </summary>
/// <remarks>
/// Decisions where AWS documents nothing exact (see the README): every ID-token claim but the group claim becomes an
/// attribute (AWS publishes no list of dropped claims; the Cognito guide's own example policy reads <c>principal.aud</c>);
/// JSON integers become Longs, other numbers and nulls are left out; objects become records (members named like Cedar's
/// JSON escapes <c>__entity</c>, <c>__extn</c>, <c>__expr</c> are left out, so a claim can't forge an entity reference);
/// the space-delimited <c>scope</c> of an access token becomes a set of strings. An OIDC source without
/// <c>entityIdPrefix</c> names principals and groups by the bare claim value.
/// </remarks>
public static class TokenClaimMapping
{
    /// <summary>Claim-name prefixes of Cognito whose bare names are reserved (the Cognito developer guide lists these three).</summary>
    public static readonly IReadOnlyList<string> ReservedCognitoPrefixes = ["cognito", "custom", "dev"];

    private const int MaxClaimDepth = 32;

    /// <summary>Maps the claims of the token(s) given; the string is why they can't be mapped.</summary>
    public static (TokenIdentity? Identity, string? Error) Map(IdentitySourceSettings settings, JsonObject? identityClaims, JsonObject? accessClaims)
    {
        if (identityClaims is null && accessClaims is null)
        {
            throw new ArgumentException("At least one token's claims are needed.");
        }

        string? principalValue = null;
        foreach (var (claims, name) in new[] { (identityClaims, "identity"), (accessClaims, "access") })
        {
            if (claims is null)
            {
                continue;
            }

            if (!TryString(claims[settings.PrincipalIdClaim], out var value) || value.Length == 0)
            {
                return (null, $"The {name} token has no string claim '{settings.PrincipalIdClaim}' to name the principal.");
            }

            if (principalValue is not null && principalValue != value)
            {
                return (null, $"The identity token and the access token belong to different users (their '{settings.PrincipalIdClaim}' claims differ).");
            }

            principalValue = value;
        }

        var groups = new List<string>();
        if (settings.GroupClaim is { } groupClaim && settings.GroupEntityType is not null)
        {
            foreach (var claims in new[] { identityClaims, accessClaims })
            {
                foreach (var group in ReadGroups(claims?[groupClaim]))
                {
                    var id = Prefixed(settings.EntityIdPrefix, group);
                    if (!groups.Contains(id))
                    {
                        groups.Add(id);
                    }
                }
            }
        }

        JsonObject? attributes = null;
        if (identityClaims is not null)
        {
            var (mapped, error) = PrincipalAttributes(settings, identityClaims);
            if (error is not null)
            {
                return (null, error);
            }

            attributes = mapped;
        }

        var tokenContext = accessClaims is null ? null : TokenContext(settings, accessClaims);
        return (new TokenIdentity(
            settings.PrincipalEntityType, Prefixed(settings.EntityIdPrefix, principalValue!), settings.GroupEntityType, groups, attributes, tokenContext), null);
    }

    /// <summary>A group claim: a JSON array of strings, a string, or a space-separated string of groups.</summary>
    public static IReadOnlyList<string> ReadGroups(JsonNode? claim)
    {
        var groups = new List<string>();
        if (TryString(claim, out var text))
        {
            groups.AddRange(text.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        }
        else if (claim is JsonArray array)
        {
            foreach (var item in array)
            {
                if (TryString(item, out var group) && group.Length > 0)
                {
                    groups.Add(group);
                }
            }
        }

        return groups.Distinct(StringComparer.Ordinal).ToList();
    }

    /// <summary>
    /// ID-token claims → principal attributes under their literal names (<c>principal["cognito:username"]</c>). For
    /// Cognito sources, <c>cognito:</c>, <c>custom:</c> and <c>dev:</c> claims are also nested into records for the
    /// legacy dot notation (<c>principal.custom.costCenter</c>); a token that also has a claim named exactly
    /// <c>cognito</c>, <c>custom</c> or <c>dev</c> is refused, as AVP refuses it.
    /// </summary>
    public static (JsonObject? Attributes, string? Error) PrincipalAttributes(IdentitySourceSettings settings, JsonObject claims)
    {
        var attributes = new JsonObject();
        var nested = new Dictionary<string, JsonObject>(StringComparer.Ordinal);
        foreach (var (name, value) in claims)
        {
            if (name == settings.GroupClaim || ToCedarJson(value, 0) is not { } converted)
            {
                continue;
            }

            attributes[name] = converted;
            if (settings.Kind != IdentitySourceKind.CognitoUserPool)
            {
                continue;
            }

            var colon = name.IndexOf(':', StringComparison.Ordinal);
            if (colon > 0 && colon < name.Length - 1 && ReservedCognitoPrefixes.Contains(name[..colon]))
            {
                var prefix = name[..colon];
                if (claims.ContainsKey(prefix))
                {
                    return (null, $"The identity token has a claim named '{prefix}' and claims prefixed '{prefix}:'; '{prefix}' is a reserved claim name.");
                }

                if (!nested.TryGetValue(prefix, out var record))
                {
                    nested[prefix] = record = [];
                }

                record[name[(colon + 1)..]] = ToCedarJson(value, 0);
            }
        }

        foreach (var (prefix, record) in nested)
        {
            attributes[prefix] = record;
        }

        return (attributes, null);
    }

    /// <summary>Access-token claims (all but the group claim) → the record <c>context.token</c>; <c>scope</c> becomes a set.</summary>
    public static JsonObject TokenContext(IdentitySourceSettings settings, JsonObject claims)
    {
        var token = new JsonObject();
        foreach (var (name, value) in claims)
        {
            if (name == settings.GroupClaim)
            {
                continue;
            }

            if (name == "scope" && TryString(value, out var scopes))
            {
                token[name] = new JsonArray([.. scopes.Split(' ', StringSplitOptions.RemoveEmptyEntries).Distinct(StringComparer.Ordinal).Select(s => (JsonNode)JsonValue.Create(s))]);
                continue;
            }

            if (ToCedarJson(value, 0) is { } converted)
            {
                token[name] = converted;
            }
        }

        return token;
    }

    /// <summary>A claim value as a Cedar JSON value, or null when Cedar has no value for it.</summary>
    public static JsonNode? ToCedarJson(JsonNode? claim, int depth)
    {
        if (claim is null || depth > MaxClaimDepth)
        {
            return null;
        }

        switch (claim)
        {
            case JsonValue value:
                switch (value.GetValueKind())
                {
                    case JsonValueKind.String:
                        return JsonValue.Create(value.GetValue<string>());
                    case JsonValueKind.True:
                    case JsonValueKind.False:
                        return JsonValue.Create(value.GetValue<bool>());
                    case JsonValueKind.Number:
                        return value.TryGetValue<long>(out var whole) ? JsonValue.Create(whole)
                            : value.TryGetValue<double>(out var real) && real == Math.Floor(real) && real >= long.MinValue && real < long.MaxValue
                                ? JsonValue.Create((long)real)
                                : null;
                    default:
                        return null;
                }

            case JsonArray array:
                var set = new JsonArray();
                foreach (var item in array)
                {
                    if (ToCedarJson(item, depth + 1) is { } element)
                    {
                        set.Add(element);
                    }
                }

                return set;
            case JsonObject obj:
                var record = new JsonObject();
                foreach (var (name, member) in obj)
                {
                    if (name is "__entity" or "__extn" or "__expr")
                    {
                        continue;
                    }

                    if (ToCedarJson(member, depth + 1) is { } converted)
                    {
                        record[name] = converted;
                    }
                }

                return record;
            default:
                return null;
        }
    }

    public static string Prefixed(string? prefix, string value) => prefix is null ? value : prefix + "|" + value;

    private static bool TryString(JsonNode? node, out string value)
    {
        value = "";
        if (node is JsonValue jsonValue && jsonValue.GetValueKind() == JsonValueKind.String)
        {
            value = jsonValue.GetValue<string>();
            return true;
        }

        return false;
    }
}
