using System.Text;
using System.Text.Json.Nodes;
using Cedar.Differential.Tests.Generation;
using Cedar.Tests.Support;

namespace Cedar.Differential.Tests;

/// <summary>An authorization outcome in a comparable form: decision, reason ids and erroring policy ids (as sets).</summary>
public sealed record Outcome(bool Parsed, string Decision, SortedSet<string> Reasons, SortedSet<string> Errors, string Detail)
{
    public static Outcome Failure(string detail) => new(false, "", [], [], detail);

    public bool SameAs(Outcome other) =>
        Parsed == other.Parsed &&
        (!Parsed || (Decision == other.Decision && Reasons.SetEquals(other.Reasons) && Errors.SetEquals(other.Errors)));

    public override string ToString() =>
        Parsed ? $"{Decision} reasons=[{string.Join(",", Reasons)}] errors=[{string.Join(",", Errors)}] {Detail}" : "FAILED TO LOAD: " + Detail;
}

/// <summary>Runs a generated scenario through the official engine.</summary>
public static class OracleRunner
{
    public static string PoliciesJson(Scenario s)
    {
        var sb = new StringBuilder("{\"staticPolicies\": ").Append(JsonValue.Create(s.StaticPolicies).ToJsonString());
        if (s.Templates.Count > 0)
        {
            sb.Append(", \"templates\": {")
              .Append(string.Join(", ", s.Templates.Select(t => JsonValue.Create(t.Id).ToJsonString() + ": " + JsonValue.Create(t.Text).ToJsonString())))
              .Append("}, \"templateLinks\": [")
              .Append(string.Join(", ", s.Links.Select(LinkJson)))
              .Append(']');
        }

        return sb.Append('}').ToString();
    }

    /// <summary>Authorizes every request of a scenario with one policy parse (oracle's authorizeBatch).</summary>
    public static IReadOnlyList<Outcome> AuthorizeAll(CedarOracle oracle, Scenario s)
    {
        static string Raw(string json) => JsonValue.Create(json).ToJsonString();
        var call = new StringBuilder("{\"policies\": ").Append(PoliciesJson(s))
            .Append(", \"entities\": ").Append(Raw(s.EntitiesJson))
            .Append(", \"requests\": [")
            .Append(string.Join(", ", s.Requests.Select(r =>
                "{\"principal\": " + Raw(r.PrincipalJson) + ", \"action\": " + Raw(r.ActionJson) + ", \"resource\": " + Raw(r.ResourceJson) +
                ", \"context\": " + Raw(r.ContextJson) + "}")))
            .Append("]}");
        var answer = oracle.Call("authorizeBatch", call.ToString());
        var load = answer["load"]!;
        if ((string?)load["type"] != "success")
        {
            var failure = Outcome.Failure(load["errors"]?.ToJsonString() ?? "?");
            return s.Requests.Select(_ => failure).ToList();
        }

        return answer["results"]!.AsArray().Select(a => ToOutcome(a!)).ToList();
    }

    public static Outcome Authorize(CedarOracle oracle, Scenario s, GeneratedRequest r)
    {
        var call = "{\"principal\": " + r.PrincipalJson + ", \"action\": " + r.ActionJson + ", \"resource\": " + r.ResourceJson +
                   ", \"context\": " + r.ContextJson + ", \"policies\": " + PoliciesJson(s) + ", \"entities\": " + s.EntitiesJson + "}";
        return ToOutcome(oracle.Call("isAuthorized", call));
    }

    private static Outcome ToOutcome(JsonNode answer)
    {
        if ((string?)answer["type"] != "success")
        {
            return Outcome.Failure(answer["errors"]?.ToJsonString() ?? "?");
        }

        var response = answer["response"]!;
        var diagnostics = response["diagnostics"]!;
        var reasons = new SortedSet<string>(diagnostics["reason"]!.AsArray().Select(n => (string)n!), StringComparer.Ordinal);
        var errors = new SortedSet<string>(diagnostics["errors"]!.AsArray().Select(n => (string)n!["policyId"]!), StringComparer.Ordinal);
        var messages = string.Join("; ", diagnostics["errors"]!.AsArray().Select(n => (string?)n!["policyId"] + ": " + n!["error"]?["message"]));
        return new Outcome(true, ((string)response["decision"]!).ToUpperInvariant(), reasons, errors, messages);
    }

    private static string LinkJson(GeneratedLink l)
    {
        var values = new List<string>();
        if (l.PrincipalUidJson is not null)
        {
            values.Add("\"?principal\": " + l.PrincipalUidJson);
        }

        if (l.ResourceUidJson is not null)
        {
            values.Add("\"?resource\": " + l.ResourceUidJson);
        }

        return "{\"templateId\": " + JsonValue.Create(l.TemplateId).ToJsonString() + ", \"newId\": " + JsonValue.Create(l.NewId).ToJsonString() +
               ", \"values\": {" + string.Join(", ", values) + "}}";
    }
}
