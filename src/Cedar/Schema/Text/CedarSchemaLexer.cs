using Cedar.Ast;
using Cedar.Parsing;

namespace Cedar.Schema.Text;

/// <summary>Splits Cedar schema text into tokens; whitespace and <c>//</c> comments are skipped.</summary>
internal static class CedarSchemaLexer
{
    public static List<SchemaToken> Tokenize(string text, List<ParseError> errors)
    {
        var tokens = new List<SchemaToken>();
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (char.IsWhiteSpace(c))
            {
                i++;
                continue;
            }

            if (c == '/' && i + 1 < text.Length && text[i + 1] == '/')
            {
                while (i < text.Length && text[i] != '\n' && text[i] != '\r')
                {
                    i++;
                }

                continue;
            }

            var start = i;
            if (IsIdentStart(c))
            {
                i++;
                while (i < text.Length && IsIdentPart(text[i]))
                {
                    i++;
                }

                tokens.Add(new(SchemaTokenKind.Identifier, text[start..i], new(start, i - start)));
                continue;
            }

            if (c is >= '0' and <= '9')
            {
                while (i < text.Length && text[i] is >= '0' and <= '9')
                {
                    i++;
                }

                tokens.Add(new(SchemaTokenKind.Number, text[start..i], new(start, i - start)));
                continue;
            }

            if (c == '"')
            {
                i++;
                var closed = false;
                while (i < text.Length)
                {
                    if (text[i] == '\\' && i + 1 < text.Length)
                    {
                        i += 2;
                        continue;
                    }

                    if (text[i] == '"')
                    {
                        closed = true;
                        i++;
                        break;
                    }

                    i++;
                }

                if (!closed)
                {
                    errors.Add(new(ParseErrorKind.UnterminatedString, new(start, text.Length - start), "unterminated string literal"));
                    break;
                }

                tokens.Add(new(SchemaTokenKind.StringLiteral, text[(start + 1)..(i - 1)], new(start, i - start)));
                continue;
            }

            SchemaTokenKind? kind = c switch
            {
                ',' => SchemaTokenKind.Comma,
                ';' => SchemaTokenKind.Semicolon,
                '{' => SchemaTokenKind.LeftBrace,
                '}' => SchemaTokenKind.RightBrace,
                '[' => SchemaTokenKind.LeftBracket,
                ']' => SchemaTokenKind.RightBracket,
                '<' => SchemaTokenKind.LeftAngle,
                '>' => SchemaTokenKind.RightAngle,
                '=' => SchemaTokenKind.Equals,
                '?' => SchemaTokenKind.Question,
                '@' => SchemaTokenKind.At,
                '(' => SchemaTokenKind.LeftParen,
                ')' => SchemaTokenKind.RightParen,
                ':' => SchemaTokenKind.Colon,
                _ => null,
            };
            if (kind is null)
            {
                errors.Add(new(ParseErrorKind.InvalidCharacter, new(start, 1), $"invalid token `{c}`"));
                break;
            }

            if (c == ':' && i + 1 < text.Length && text[i + 1] == ':')
            {
                tokens.Add(new(SchemaTokenKind.DoubleColon, "::", new(start, 2)));
                i += 2;
                continue;
            }

            tokens.Add(new(kind.Value, c.ToString(), new(start, 1)));
            i++;
        }

        tokens.Add(new(SchemaTokenKind.End, "", new(text.Length, 0)));
        return tokens;
    }

    private static bool IsIdentStart(char c) => c == '_' || c is >= 'a' and <= 'z' || c is >= 'A' and <= 'Z';

    private static bool IsIdentPart(char c) => IsIdentStart(c) || c is >= '0' and <= '9';
}
