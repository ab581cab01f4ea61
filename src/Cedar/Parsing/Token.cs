using Cedar.Ast;

namespace Cedar.Parsing;

public enum TokenKind
{
    Identifier,
    Integer,
    String,

    /// <summary><c>?principal</c>, <c>?resource</c> or any other <c>?name</c> (the parser rejects the others).</summary>
    Slot,
    At,
    LeftParen,
    RightParen,
    LeftBracket,
    RightBracket,
    LeftBrace,
    RightBrace,
    Comma,
    Semicolon,
    Colon,
    DoubleColon,
    Dot,
    EqualEqual,
    NotEqual,

    /// <summary>A lone <c>=</c>: not a Cedar operator, but lexed so the parser can say so.</summary>
    Assign,
    Less,
    LessEqual,
    Greater,
    GreaterEqual,
    AndAnd,
    OrOr,
    Plus,
    Minus,
    Star,
    Slash,
    Percent,
    Bang,

    /// <summary>A character that starts no token.</summary>
    Invalid,

    /// <summary>A string literal missing its closing quote (runs to the end of the text).</summary>
    UnterminatedString,
    EndOfInput,
}

/// <summary>One token: its kind, where it is, and its exact source text.</summary>
public readonly record struct Token(TokenKind Kind, SourceSpan Span, string Text)
{
    public bool IsIdentifier(string text) => Kind == TokenKind.Identifier && Text == text;
}

/// <summary>The tokens of a text (ending with <see cref="TokenKind.EndOfInput"/>), its comments, and its lexical errors.</summary>
public sealed record LexResult(IReadOnlyList<Token> Tokens, IReadOnlyList<SourceSpan> Comments, IReadOnlyList<ParseError> Errors);
