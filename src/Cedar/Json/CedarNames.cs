namespace Cedar.Json;

/// <summary>Checks entity type names found in JSON the way Cedar does: identifiers joined by <c>::</c>, no reserved words.</summary>
internal static class CedarNames
{
    private static readonly HashSet<string> s_reserved = new(StringComparer.Ordinal)
    {
        "true", "false", "if", "then", "else", "in", "is", "like", "has", "__cedar",
    };

    public static bool IsValidName(string name)
    {
        foreach (var part in name.Split("::"))
        {
            if (!IsIdentifier(part) || s_reserved.Contains(part))
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsIdentifier(string s)
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
}
