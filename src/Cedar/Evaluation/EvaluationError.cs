using Cedar.Ast;

namespace Cedar.Evaluation;

public enum EvaluationErrorKind
{
    EntityDoesNotExist,
    EntityAttrDoesNotExist,
    RecordAttrDoesNotExist,
    TagDoesNotExist,
    TypeError,
    WrongNumArguments,
    IntegerOverflow,
    FailedExtensionFunctionApplication,
    UnknownExtensionFunction,
    UnlinkedSlot,
    RecursionLimit,
}

/// <summary>An evaluation error. It is a value: the authorizer records it against the policy and skips that policy.</summary>
public sealed class EvaluationError(EvaluationErrorKind kind, string message, SourceSpan span = default)
{
    public EvaluationErrorKind Kind { get; } = kind;

    public string Message { get; } = message;

    public SourceSpan Span { get; } = span;

    public override string ToString() => Message;
}
