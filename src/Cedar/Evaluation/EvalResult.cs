using Cedar.Values;

namespace Cedar.Evaluation;

/// <summary>A value or an evaluation error. A struct, so returning a plain value allocates nothing extra.</summary>
public readonly struct EvalResult
{
    private EvalResult(Value? value, EvaluationError? error)
    {
        Value = value;
        Error = error;
    }

    public Value? Value { get; }

    public EvaluationError? Error { get; }

    public bool IsError => Error is not null;

    public static implicit operator EvalResult(Value value) => new(value, null);

    public static implicit operator EvalResult(EvaluationError error) => new(null, error);
}
