using Cedar.Ast;
using Cedar.Parsing;
using Cedar.Validation;
using Cedar.Values;
using static Cedar.Tests.Validation.TestSchema;

namespace Cedar.Tests.Validation;

/// <summary>Behaviour of the validator's API that the oracle comparison does not pin down: options, ids, kinds and positions.</summary>
public sealed class ValidatorApiTests
{
    private static readonly Cedar.Schema.ValidatorSchema s_schema = new TestSchema()
        .Entity("User", attributes: Rec(("name", Str, true), ("age", Long, false)))
        .Entity("Photo")
        .Action("view", ["User"], ["Photo"])
        .Build();

    private static IReadOnlyList<Policy> Parse(string text)
    {
        var result = PolicyParser.ParsePolicySet(text);
        Assert.True(result.Success);
        return result.Value!;
    }

    [Fact]
    public void InapplicableScopeIsAWarningByDefaultAndAnErrorOnRequest()
    {
        var policies = Parse("permit(principal == Photo::\"p\", action == Action::\"view\", resource);");
        var modern = Validator.Validate(policies, s_schema);
        Assert.True(modern.IsValid);
        Assert.Contains(modern.Warnings, w => w.Kind == ValidationKinds.InvalidActionApplication);

        var older = Validator.Validate(policies, s_schema, new ValidationOptions(InvalidActionApplicationIsError: true));
        Assert.False(older.IsValid);
        Assert.Contains(older.Errors, e => e.Kind == ValidationKinds.InvalidActionApplication && e.PolicyId == "policy0");
    }

    [Fact]
    public void ErrorsCarryPolicyIdKindAndTheSpanOfTheOffendingExpression()
    {
        const string text = "permit(principal, action, resource);\npermit(principal, action, resource) when { principal.age > 1 };";
        var result = Validator.Validate(Parse(text), s_schema);
        var error = Assert.Single(result.Errors);
        Assert.Equal("policy1", error.PolicyId);
        Assert.Equal(ValidationKinds.UnsafeOptionalAttributeAccess, error.Kind);
        Assert.Equal("principal.age", text.Substring(error.Span.Start, error.Span.Length));
        Assert.Empty(result.Warnings);
    }

    [Fact]
    public void UnknownNamesAreReportedOncePerOccurrence()
    {
        var result = Validator.Validate(Parse("permit(principal == Nobody::\"a\", action == Action::\"fly\", resource) when { resource is Ghost };"), s_schema);
        Assert.Equal(
            [ValidationKinds.UnrecognizedActionId, ValidationKinds.UnrecognizedEntityType, ValidationKinds.UnrecognizedEntityType],
            result.Errors.Select(e => e.Kind).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void ImpossiblePolicyIsAWarning()
    {
        var result = Validator.Validate(Parse("permit(principal, action, resource) when { principal is Photo };"), s_schema);
        Assert.True(result.IsValid);
        Assert.Equal(ValidationKinds.ImpossiblePolicy, Assert.Single(result.Warnings).Kind);
    }

    [Fact]
    public void TemplatesAreCheckedForEverySlotType()
    {
        var result = Validator.Validate(Parse("permit(principal == ?principal, action, resource) when { principal.name == \"a\" };\npermit(principal, action, resource == ?resource) when { resource.name == \"a\" };"), s_schema);
        var error = Assert.Single(result.Errors);
        Assert.Equal("policy1", error.PolicyId);
        Assert.Equal(ValidationKinds.UnsafeAttributeAccess, error.Kind);
    }

    [Fact]
    public void DeeplyNestedExpressionsDoNotOverflowTheStack()
    {
        Expr body = new LiteralExpr(Value.Bool(true));
        for (var i = 0; i < 200_000; i++)
        {
            body = new UnaryExpr(UnaryOp.Not, body);
        }

        var policy = new Policy("deep", Effect.Permit, [], ScopeConstraint.Any, ActionConstraint.Any, ScopeConstraint.Any, [new Condition(true, body)]);
        var result = Validator.Validate([policy], s_schema);
        Assert.Contains(result.Errors, e => e.Kind == ValidationKinds.RecursionLimit);
    }

    [Fact]
    public void TemplateLinksAreCheckedForUnknownTypesAndApplicability()
    {
        var template = Parse("permit(principal == ?principal, action == Action::\"view\", resource);")[0];
        var links = new[]
        {
            new TemplateLink("photo", "policy0", new Dictionary<SlotId, EntityUid> { [SlotId.Principal] = new("Photo", "x") }),
            new TemplateLink("nope", "policy0", new Dictionary<SlotId, EntityUid> { [SlotId.Principal] = new("Nope", "x") }),
            new TemplateLink("user", "policy0", new Dictionary<SlotId, EntityUid> { [SlotId.Principal] = new("User", "x") }),
        };
        var set = PolicySet.Create([template], links).Value!;
        var result = Validator.Validate(set, s_schema);
        Assert.Equal(["nope"], result.Errors.Select(e => e.PolicyId));
        Assert.Equal(["nope", "photo"], result.Warnings.Where(w => w.Kind == ValidationKinds.InvalidActionApplication).Select(w => w.PolicyId).Order(StringComparer.Ordinal));
    }
}
