using Cedar.Ast;

namespace Cedar.Schema.Text;

internal enum SchemaTokenKind
{
    Identifier,
    StringLiteral,
    Number,
    Comma,
    Semicolon,
    Colon,
    DoubleColon,
    LeftBrace,
    RightBrace,
    LeftBracket,
    RightBracket,
    LeftAngle,
    RightAngle,
    Equals,
    Question,
    At,
    LeftParen,
    RightParen,
    End,
}

/// <summary>A token of the Cedar schema syntax; <see cref="Text"/> is the identifier or the raw (still escaped) string body.</summary>
internal readonly record struct SchemaToken(SchemaTokenKind Kind, string Text, SourceSpan Span);
