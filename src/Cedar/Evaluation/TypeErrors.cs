using Cedar.Ast;
using Cedar.Values;

namespace Cedar.Evaluation;

/// <summary>Builds evaluation errors with the messages cedar-wasm 4.13 prints.</summary>
internal static class TypeErrors
{
    public const string AnyEntity = "(entity of type `any_entity_type`)";

    public static EvaluationError Expected(string expected, Value actual, SourceSpan span) =>
        new(EvaluationErrorKind.TypeError, "type error: expected " + expected + ", got " + actual.TypeName, span);

    public static EvaluationError ExpectedOneOf(string expectedList, Value actual, SourceSpan span) =>
        new(EvaluationErrorKind.TypeError, "type error: expected one of [" + expectedList + "], got " + actual.TypeName, span);

    public static EvaluationError EntityDoesNotExist(EntityUid uid, SourceSpan span) =>
        new(EvaluationErrorKind.EntityDoesNotExist, "entity `" + uid + "` does not exist", span);

    public static EvaluationError EntityAttrDoesNotExist(EntityUid uid, string attr, SourceSpan span) =>
        new(EvaluationErrorKind.EntityAttrDoesNotExist, "`" + uid + "` does not have the attribute `" + attr + "`", span);

    public static EvaluationError RecordAttrDoesNotExist(string attr, SourceSpan span) =>
        new(EvaluationErrorKind.RecordAttrDoesNotExist, "record does not have the attribute `" + attr + "`", span);

    public static EvaluationError TagDoesNotExist(EntityUid uid, string tag, SourceSpan span) =>
        new(EvaluationErrorKind.TagDoesNotExist, "`" + uid + "` does not have the tag `" + tag + "`", span);

    public static EvaluationError Overflow(string verb, long a, long b, SourceSpan span) =>
        new(EvaluationErrorKind.IntegerOverflow, $"integer overflow while attempting to {verb} the values `{a}` and `{b}`", span);
}
