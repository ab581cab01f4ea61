using System.Diagnostics.CodeAnalysis;
using Cedar.Ast;

namespace Cedar.Json;

/// <summary>Checks entity type names found in JSON the way Cedar does: identifiers joined by <c>::</c>, no reserved words.</summary>
internal static class CedarNames
{
    private static readonly HashSet<string> s_reserved = new(StringComparer.Ordinal)
    {
        "true", "false", "if", "then", "else", "in", "is", "like", "has", "__cedar",
    };

    private const int NameSlotBits = 9;

    // Valid names met recently, direct-mapped by their text: entity JSON names the same few types over and over, and
    // a hit skips both the check and building the Name. Bounded whatever the input; races only cost a miss.
    private static readonly Name?[] s_names = new Name?[1 << NameSlotBits];

    /// <summary>The <see cref="Name"/> for a type name found in JSON, or false if Cedar does not accept it.</summary>
    public static bool TryGetName(string text, [NotNullWhen(true)] out Name? name)
    {
        var hash = 2166136261u;
        foreach (var c in text)
        {
            hash = (hash ^ c) * 16777619u;
        }

        var slot = (int)((hash ^ (hash >> 15)) & ((1u << NameSlotBits) - 1));
        name = s_names[slot];
        if (name is not null && (ReferenceEquals(name.FullName, text) || string.Equals(name.FullName, text, StringComparison.Ordinal)))
        {
            return true;
        }

        if (!IsValidName(text))
        {
            name = null;
            return false;
        }

        name = Name.FromFullName(text);
        s_names[slot] = name;
        return true;
    }

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
