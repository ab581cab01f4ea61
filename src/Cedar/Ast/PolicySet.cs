using Cedar.Parsing;

namespace Cedar.Ast;

/// <summary>
/// An immutable set of static policies, templates, and template-linked policies. Ids are unique across all three.
/// Build one with <see cref="Create"/>; it never throws for bad input.
/// </summary>
public sealed class PolicySet
{
    public static readonly PolicySet Empty = new([], [], []);

    private readonly Dictionary<string, Policy> _staticPolicies;
    private readonly Dictionary<string, Policy> _templates;
    private readonly Dictionary<string, TemplateLink> _links;

    private PolicySet(Dictionary<string, Policy> staticPolicies, Dictionary<string, Policy> templates, Dictionary<string, TemplateLink> links)
    {
        _staticPolicies = staticPolicies;
        _templates = templates;
        _links = links;
    }

    public IReadOnlyCollection<Policy> StaticPolicies => _staticPolicies.Values;

    public IReadOnlyCollection<Policy> Templates => _templates.Values;

    public IReadOnlyCollection<TemplateLink> Links => _links.Values;

    /// <summary>
    /// Builds a policy set from policies (those with slots become templates) and links.
    /// Duplicate ids, links to unknown templates and links whose values do not match the template's slots are errors.
    /// </summary>
    public static ParseResult<PolicySet> Create(IEnumerable<Policy> policies, IEnumerable<TemplateLink>? links = null)
    {
        var errors = new List<ParseError>();
        var statics = new Dictionary<string, Policy>(StringComparer.Ordinal);
        var templates = new Dictionary<string, Policy>(StringComparer.Ordinal);
        var linkMap = new Dictionary<string, TemplateLink>(StringComparer.Ordinal);
        foreach (var p in policies)
        {
            if (statics.ContainsKey(p.Id) || templates.ContainsKey(p.Id))
            {
                errors.Add(new ParseError(ParseErrorKind.DuplicatePolicyId, p.Span, $"duplicate policy id `{p.Id}`"));
                continue;
            }

            (p.IsTemplate ? templates : statics)[p.Id] = p;
        }

        foreach (var link in links ?? [])
        {
            if (statics.ContainsKey(link.Id) || templates.ContainsKey(link.Id) || linkMap.ContainsKey(link.Id))
            {
                errors.Add(new ParseError(ParseErrorKind.DuplicatePolicyId, SourceSpan.None, $"duplicate policy id `{link.Id}`"));
                continue;
            }

            if (!templates.TryGetValue(link.TemplateId, out var template))
            {
                errors.Add(new ParseError(ParseErrorKind.Other, SourceSpan.None, $"failed to find a template with id `{link.TemplateId}`"));
                continue;
            }

            var missing = template.Slots.Where(s => !link.Values.ContainsKey(s)).ToList();
            var extra = link.Values.Keys.Where(s => !template.Slots.Contains(s)).ToList();
            if (missing.Count > 0 || extra.Count > 0)
            {
                errors.Add(new ParseError(
                    ParseErrorKind.Other,
                    SourceSpan.None,
                    $"failed to link template `{template.Id}`: " +
                    (missing.Count > 0 ? "the following slots were not provided as arguments: " + string.Join(", ", missing.Select(SlotText)) : "the following slots were provided as arguments, but did not exist in the template: " + string.Join(", ", extra.Select(SlotText)))));
                continue;
            }

            linkMap[link.Id] = link;
        }

        return errors.Count > 0 ? ParseResult<PolicySet>.Fail(errors) : ParseResult<PolicySet>.Ok(new PolicySet(statics, templates, linkMap));
    }

    public bool TryGetStaticPolicy(string id, out Policy policy) => _staticPolicies.TryGetValue(id, out policy!);

    public bool TryGetTemplate(string id, out Policy template) => _templates.TryGetValue(id, out template!);

    public bool TryGetLink(string id, out TemplateLink link) => _links.TryGetValue(id, out link!);

    private static string SlotText(SlotId s) => s == SlotId.Principal ? "?principal" : "?resource";
}
