using Cedar.Evaluation;
using Cedar.Values;

namespace Cedar.Extensions;

/// <summary>Builds the evaluation errors extension functions report, worded as Cedar words them.</summary>
internal static class ExtensionErrors
{
    /// <summary>A failed application; <paramref name="reportingName"/> is what Cedar names in the message (e.g. <c>ipaddr</c>, <c>offset</c>).</summary>
    public static EvaluationError Failed(string reportingName, string message) =>
        new(EvaluationErrorKind.FailedExtensionFunctionApplication, "error while evaluating `" + reportingName + "` extension function: " + message);

    public static EvaluationError TypeError(string expected, Value actual) =>
        new(EvaluationErrorKind.TypeError, "type error: expected " + expected + ", got " + actual.TypeName);
}
