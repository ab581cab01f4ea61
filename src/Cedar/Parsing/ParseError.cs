using Cedar.Ast;

namespace Cedar.Parsing;

public enum ParseErrorKind
{
    /// <summary>A character that starts no token.</summary>
    InvalidCharacter,

    UnterminatedString,
    InvalidEscape,
    UnexpectedToken,
    UnexpectedEndOfInput,

    /// <summary>An integer literal outside the 64-bit signed range.</summary>
    IntegerLiteralOutOfRange,

    /// <summary>Nesting deeper than the parser's limit; reported instead of overflowing the stack.</summary>
    NestingTooDeep,

    DuplicateRecordKey,
    DuplicateAnnotation,
    InvalidSlot,
    InvalidScope,
    InvalidFunctionOrMethod,
    WrongArgumentCount,
    ReservedIdentifier,
    InvalidPattern,
    InvalidEntityUid,
    DuplicatePolicyId,
    InvalidJson,
    InvalidSchema,
    InvalidEntities,
    Other,
}

/// <summary>One parse (or load) error, with the span of the source it concerns. Errors are data: a parse collects all of them.</summary>
public sealed record ParseError(ParseErrorKind Kind, SourceSpan Span, string Message, string? Help = null)
{
    /// <summary>Formats the error as <c>line:col: message</c> against the text it came from.</summary>
    public string Format(string sourceText) => LineColumn.Of(sourceText, Span.Start) + ": " + Message + (Help is null ? "" : " (" + Help + ")");
}

/// <summary>The result of a parse: a value, or at least one error. Never throws for bad input.</summary>
public sealed class ParseResult<T>
    where T : class
{
    private ParseResult(T? value, IReadOnlyList<ParseError> errors)
    {
        Value = value;
        Errors = errors;
    }

    public T? Value { get; }

    public IReadOnlyList<ParseError> Errors { get; }

    public bool Success => Value is not null && Errors.Count == 0;

    public static ParseResult<T> Ok(T value) => new(value, []);

    public static ParseResult<T> Fail(IReadOnlyList<ParseError> errors) =>
        errors.Count == 0 ? throw new ArgumentException("a failed parse has at least one error", nameof(errors)) : new(null, errors);

    public static ParseResult<T> Fail(ParseError error) => new(null, [error]);
}
