using System.Text;
using System.Text.Json;
using Cedar.Ast;
using Cedar.Parsing;

namespace Cedar.Json;

/// <summary>
/// Cedar's JSON policy format (the "EST") in both directions, matching cedar-wasm's <c>policyToJson</c>,
/// <c>templateToJson</c> and <c>policyToText</c>, plus the policy-set form
/// <c>{"staticPolicies": {id: policy}, "templates": {id: template}, "templateLinks": [...]}</c>.
/// Reading never throws for bad input: problems come back as <see cref="ParseErrorKind.InvalidJson"/> errors.
/// </summary>
public static class PolicyJson
{
    /// <summary>The policy (or template) as compact JSON, fields in Cedar's order.</summary>
    public static string ToJson(Policy policy)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, PolicyJsonWriter.Options))
        {
            PolicyJsonWriter.WritePolicy(w, policy);
        }

        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    /// <summary>Reads one policy or template; <paramref name="id"/> becomes its policy id.</summary>
    public static ParseResult<Policy> FromJson(string json, string id)
    {
        var document = PolicyJsonReader.ParseDocument(json);
        if (!document.Success)
        {
            return ParseResult<Policy>.Fail(document.Errors);
        }

        using var doc = document.Value!;
        var reader = new PolicyJsonReader();
        var policy = reader.ReadPolicy(doc.RootElement, id, "policy");
        return Finish(policy, reader.Errors);
    }

    /// <summary>Reads a policy set in cedar-wasm's JSON form; static policies and templates must be JSON policies (not text).</summary>
    public static ParseResult<PolicySet> PolicySetFromJson(string json)
    {
        var document = PolicyJsonReader.ParseDocument(json);
        if (!document.Success)
        {
            return ParseResult<PolicySet>.Fail(document.Errors);
        }

        using var doc = document.Value!;
        var root = doc.RootElement;
        var reader = new PolicyJsonReader();
        if (root.ValueKind != JsonValueKind.Object)
        {
            reader.Error("policySet", "expected an object with `staticPolicies`, `templates` and `templateLinks`");
            return ParseResult<PolicySet>.Fail(reader.Errors);
        }

        var policies = new List<Policy>();
        var links = new List<TemplateLink>();
        foreach (var prop in root.EnumerateObject())
        {
            switch (prop.Name)
            {
                case "staticPolicies":
                    ReadPolicyMap(reader, prop.Value, "staticPolicies", policies, expectTemplates: false);
                    break;
                case "templates":
                    ReadPolicyMap(reader, prop.Value, "templates", policies, expectTemplates: true);
                    break;
                case "templateLinks":
                    ReadLinks(reader, prop.Value, links);
                    break;
                default:
                    reader.Error("policySet", $"unknown field `{prop.Name}`, expected one of `staticPolicies`, `templates`, `templateLinks`");
                    break;
            }
        }

        if (reader.Errors.Count > 0)
        {
            return ParseResult<PolicySet>.Fail(reader.Errors);
        }

        return PolicySet.Create(policies, links);
    }

    /// <summary>The policy set in cedar-wasm's JSON form, each part in id order.</summary>
    public static string PolicySetToJson(PolicySet set)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, PolicyJsonWriter.Options))
        {
            w.WriteStartObject();
            w.WriteStartObject("staticPolicies");
            foreach (var p in set.StaticPolicies.OrderBy(p => p.Id, StringComparer.Ordinal))
            {
                w.WritePropertyName(p.Id);
                PolicyJsonWriter.WritePolicy(w, p);
            }

            w.WriteEndObject();
            w.WriteStartObject("templates");
            foreach (var t in set.Templates.OrderBy(p => p.Id, StringComparer.Ordinal))
            {
                w.WritePropertyName(t.Id);
                PolicyJsonWriter.WritePolicy(w, t);
            }

            w.WriteEndObject();
            w.WriteStartArray("templateLinks");
            foreach (var link in set.Links.OrderBy(l => l.Id, StringComparer.Ordinal))
            {
                w.WriteStartObject();
                w.WriteString("templateId", link.TemplateId);
                w.WriteString("newId", link.Id);
                w.WriteStartObject("values");
                foreach (var (slot, uid) in link.Values.OrderBy(kv => kv.Key))
                {
                    w.WritePropertyName(PolicyJsonWriter.SlotName(slot));
                    PolicyJsonWriter.WriteUid(w, uid);
                }

                w.WriteEndObject();
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    private static void ReadPolicyMap(PolicyJsonReader reader, JsonElement map, string path, List<Policy> into, bool expectTemplates)
    {
        if (map.ValueKind != JsonValueKind.Object)
        {
            reader.Error(path, "expected an object mapping policy ids to JSON policies");
            return;
        }

        foreach (var prop in map.EnumerateObject())
        {
            var itemPath = path + "." + prop.Name;
            if (prop.Value.ValueKind == JsonValueKind.String)
            {
                reader.Error(itemPath, "policies given as Cedar text are not accepted in the JSON policy-set form here; give JSON policies");
                continue;
            }

            var policy = reader.ReadPolicy(prop.Value, prop.Name, itemPath);
            if (policy is null)
            {
                continue;
            }

            if (policy.IsTemplate != expectTemplates)
            {
                reader.Error(itemPath, expectTemplates
                    ? "expected a template, got a static policy (a template uses ?principal or ?resource)"
                    : "expected a static policy, got a template containing a slot");
                continue;
            }

            into.Add(policy);
        }
    }

    private static void ReadLinks(PolicyJsonReader reader, JsonElement array, List<TemplateLink> into)
    {
        if (array.ValueKind != JsonValueKind.Array)
        {
            reader.Error("templateLinks", "expected an array");
            return;
        }

        var i = 0;
        foreach (var item in array.EnumerateArray())
        {
            var path = $"templateLinks[{i++}]";
            if (item.ValueKind != JsonValueKind.Object)
            {
                reader.Error(path, "expected an object with `templateId`, `newId` and `values`");
                continue;
            }

            string? templateId = null;
            string? newId = null;
            var values = new Dictionary<SlotId, EntityUid>();
            var ok = true;
            foreach (var prop in item.EnumerateObject())
            {
                switch (prop.Name)
                {
                    case "templateId" when prop.Value.ValueKind == JsonValueKind.String:
                        templateId = prop.Value.GetString();
                        break;
                    case "newId" when prop.Value.ValueKind == JsonValueKind.String:
                        newId = prop.Value.GetString();
                        break;
                    case "values" when prop.Value.ValueKind == JsonValueKind.Object:
                        foreach (var slotProp in prop.Value.EnumerateObject())
                        {
                            SlotId? slot = slotProp.Name switch
                            {
                                "?principal" => SlotId.Principal,
                                "?resource" => SlotId.Resource,
                                _ => null,
                            };
                            if (slot is null)
                            {
                                reader.Error(path + ".values", $"invalid slot `{slotProp.Name}`");
                                ok = false;
                                continue;
                            }

                            var uid = reader.ReadUid(slotProp.Value, path + ".values." + slotProp.Name);
                            if (uid is null)
                            {
                                ok = false;
                            }
                            else
                            {
                                values[slot.Value] = uid;
                            }
                        }

                        break;
                    default:
                        reader.Error(path, $"unexpected or ill-typed field `{prop.Name}`");
                        ok = false;
                        break;
                }
            }

            if (templateId is null || newId is null)
            {
                reader.Error(path, "missing `templateId` or `newId`");
                continue;
            }

            if (ok)
            {
                into.Add(new TemplateLink(newId, templateId, values));
            }
        }
    }

    private static ParseResult<Policy> Finish(Policy? policy, IReadOnlyList<ParseError> errors)
    {
        if (errors.Count > 0)
        {
            return ParseResult<Policy>.Fail(errors);
        }

        return policy is null
            ? ParseResult<Policy>.Fail(new ParseError(ParseErrorKind.InvalidJson, SourceSpan.None, "invalid JSON policy"))
            : ParseResult<Policy>.Ok(policy);
    }
}
