using Cedar.Ast;

namespace Cedar.Parsing;

/// <summary>
/// Splits Cedar policy text into tokens. Whitespace is skipped; <c>// ...</c> comments are trivia, reported with their
/// spans so a formatter can keep them. Bad input becomes <see cref="TokenKind.Invalid"/> or
/// <see cref="TokenKind.UnterminatedString"/> tokens plus an error, never an exception.
/// </summary>
public static class Lexer
{
    public static LexResult Tokenize(string text)
    {
        var tokens = new List<Token>(text.Length / 3 + 4);
        var comments = new List<SourceSpan>();
        var errors = new List<ParseError>();
        var i = 0;
        var n = text.Length;
        while (i < n)
        {
            var c = text[i];
            if (IsWhiteSpace(c))
            {
                i++;
                continue;
            }

            var start = i;
            if (c == '/' && i + 1 < n && text[i + 1] == '/')
            {
                while (i < n && text[i] != '\n' && text[i] != '\r')
                {
                    i++;
                }

                comments.Add(new SourceSpan(start, i - start));
                continue;
            }

            if (IsIdentifierStart(c))
            {
                i++;
                while (i < n && IsIdentifierPart(text[i]))
                {
                    i++;
                }

                tokens.Add(Make(TokenKind.Identifier, text, start, i));
                continue;
            }

            if (c is >= '0' and <= '9')
            {
                i++;
                while (i < n && text[i] is >= '0' and <= '9')
                {
                    i++;
                }

                tokens.Add(Make(TokenKind.Integer, text, start, i));
                continue;
            }

            if (c == '"')
            {
                i++;
                var closed = false;
                var broken = false;
                while (i < n)
                {
                    if (text[i] == '\\')
                    {
                        // As in Cedar's token regex, a backslash escapes any character but a line feed.
                        if (i + 1 < n && text[i + 1] == '\n')
                        {
                            broken = true;
                            break;
                        }

                        i += 2;
                        continue;
                    }

                    if (text[i] == '"')
                    {
                        i++;
                        closed = true;
                        break;
                    }

                    i++;
                }

                i = Math.Min(i, n);
                if (broken)
                {
                    // Cedar cannot lex the string at all; report the opening quote and go on after it.
                    i = start + 1;
                    var quote = Make(TokenKind.Invalid, text, start, i);
                    tokens.Add(quote);
                    errors.Add(new ParseError(ParseErrorKind.InvalidCharacter, quote.Span, "invalid token"));
                }
                else if (closed)
                {
                    tokens.Add(Make(TokenKind.String, text, start, i));
                }
                else
                {
                    var token = Make(TokenKind.UnterminatedString, text, start, i);
                    tokens.Add(token);
                    errors.Add(new ParseError(ParseErrorKind.UnterminatedString, token.Span, "invalid token (unterminated string literal)"));
                }

                continue;
            }

            if (c == '?' && i + 1 < n && IsIdentifierStart(text[i + 1]))
            {
                i += 2;
                while (i < n && IsIdentifierPart(text[i]))
                {
                    i++;
                }

                tokens.Add(Make(TokenKind.Slot, text, start, i));
                continue;
            }

            var next = i + 1 < n ? text[i + 1] : '\0';
            var (kind, length) = c switch
            {
                '@' => (TokenKind.At, 1),
                '(' => (TokenKind.LeftParen, 1),
                ')' => (TokenKind.RightParen, 1),
                '[' => (TokenKind.LeftBracket, 1),
                ']' => (TokenKind.RightBracket, 1),
                '{' => (TokenKind.LeftBrace, 1),
                '}' => (TokenKind.RightBrace, 1),
                ',' => (TokenKind.Comma, 1),
                ';' => (TokenKind.Semicolon, 1),
                ':' => next == ':' ? (TokenKind.DoubleColon, 2) : (TokenKind.Colon, 1),
                '.' => (TokenKind.Dot, 1),
                '=' => next == '=' ? (TokenKind.EqualEqual, 2) : (TokenKind.Assign, 1),
                '!' => next == '=' ? (TokenKind.NotEqual, 2) : (TokenKind.Bang, 1),
                '<' => next == '=' ? (TokenKind.LessEqual, 2) : (TokenKind.Less, 1),
                '>' => next == '=' ? (TokenKind.GreaterEqual, 2) : (TokenKind.Greater, 1),
                '&' => next == '&' ? (TokenKind.AndAnd, 2) : (TokenKind.Invalid, 1),
                '|' => next == '|' ? (TokenKind.OrOr, 2) : (TokenKind.Invalid, 1),
                '+' => (TokenKind.Plus, 1),
                '-' => (TokenKind.Minus, 1),
                '*' => (TokenKind.Star, 1),
                '/' => (TokenKind.Slash, 1),
                '%' => (TokenKind.Percent, 1),
                _ => (TokenKind.Invalid, char.IsHighSurrogate(c) && char.IsLowSurrogate(next) ? 2 : 1),
            };
            i += length;
            var tok = Make(kind, text, start, i);
            tokens.Add(tok);
            if (kind == TokenKind.Invalid)
            {
                errors.Add(new ParseError(ParseErrorKind.InvalidCharacter, tok.Span, "invalid token"));
            }
        }

        tokens.Add(new Token(TokenKind.EndOfInput, new SourceSpan(n, 0), ""));
        return new LexResult(tokens, comments, errors);
    }

    /// <summary>Unicode White_Space, which is what Cedar's lexer skips (not .NET's wider notion).</summary>
    public static bool IsWhiteSpace(char c) => c switch
    {
        >= '\t' and <= '\r' => true,
        ' ' or '\u0085' or '\u00A0' or '\u1680' => true,
        >= '\u2000' and <= '\u200A' => true,
        '\u2028' or '\u2029' or '\u202F' or '\u205F' or '\u3000' => true,
        _ => false,
    };

    public static bool IsIdentifierStart(char c) => c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or '_';

    public static bool IsIdentifierPart(char c) => IsIdentifierStart(c) || c is >= '0' and <= '9';

    private static Token Make(TokenKind kind, string text, int start, int end) =>
        new(kind, new SourceSpan(start, end - start), text.Substring(start, end - start));
}
