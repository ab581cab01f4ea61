namespace Verdict.Protocol.Validation;

/// <summary>One input member that breaks its modelled constraint. <see cref="Message"/> is the full AWS-style sentence.</summary>
public sealed record FieldViolation(string Path, string Message);

/// <summary>
/// The result of checking one input: <see cref="TypeErrors"/> (wrong JSON type: AWS answers SerializationException)
/// and <see cref="ConstraintViolations"/> (AWS answers the service's validation error). Both empty means valid.
/// </summary>
public sealed record InputCheck(IReadOnlyList<FieldViolation> TypeErrors, IReadOnlyList<FieldViolation> ConstraintViolations)
{
    public static readonly InputCheck Valid = new([], []);

    public bool IsValid => TypeErrors.Count == 0 && ConstraintViolations.Count == 0;

    /// <summary>AWS's summary line: <c>2 validation errors detected: …; …</c>.</summary>
    public string Summary()
    {
        var count = ConstraintViolations.Count;
        var noun = count == 1 ? "validation error" : "validation errors";
        return $"{count} {noun} detected: " + string.Join("; ", ConstraintViolations.Select(v => v.Message));
    }
}
