using System.Diagnostics.CodeAnalysis;
using Cedar.Ast;

namespace Cedar.Json;

/// <summary>Cedar's identifier rules, shared by the JSON reader and the printer.</summary>
public static class Identifiers
{
    /// <summary>Words that are never identifiers, so attributes with these names print quoted.</summary>
    private static readonly HashSet<string> s_reserved = new(StringComparer.Ordinal)
    {
        "true", "false", "if", "then", "else", "in", "is", "like", "has", "__cedar",
    };

    /// <summary>True for <c>[_a-zA-Z][_a-zA-Z0-9]*</c>, reserved words included (annotation keys allow them).</summary>
    public static bool IsAnyIdentifier(string s)
    {
        if (s.Length == 0 || !(char.IsAsciiLetter(s[0]) || s[0] == '_'))
        {
            return false;
        }

        foreach (var c in s)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c == '_'))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>An identifier that may be written bare, e.g. after <c>.</c> or as a record key.</summary>
    public static bool IsUnreservedIdentifier(string s) => IsAnyIdentifier(s) && !s_reserved.Contains(s);

    /// <summary>Parses a <c>::</c>-separated name such as an entity type, with Cedar's checks.</summary>
    public static bool TryParseName(string text, [NotNullWhen(true)] out Name? name, [NotNullWhen(false)] out string? problem)
    {
        name = null;
        var parts = text.Split("::");
        foreach (var part in parts)
        {
            if (!IsAnyIdentifier(part.Trim()))
            {
                problem = $"invalid name `{text}`";
                return false;
            }

            if (part.Trim() != part)
            {
                problem = $"invalid name `{text}`: unexpected whitespace";
                return false;
            }

            if (part == "__cedar")
            {
                problem = $"the name `{text}` contains `__cedar`, which is reserved";
                return false;
            }

            if (s_reserved.Contains(part))
            {
                problem = $"this identifier is reserved and cannot be used: {part}";
                return false;
            }
        }

        problem = null;
        name = parts.Length == 1 ? new Name(text) : new Name(parts[^1], parts[..^1]);
        return true;
    }
}
