using System.Text;
using Verdict.CognitoIdentityProvider.Storage;

namespace Verdict.CognitoIdentityProvider.Users;

/// <summary>
/// ListUsers' server-side filter: <c>attribute = "value"</c> (exact) or <c>attribute ^= "value"</c> (prefix), one
/// attribute, with <c>\"</c> and <c>\\</c> escapes inside the quotes. Only the attributes AWS documents are searchable.
/// </summary>
public sealed record UserFilter(string Attribute, bool Prefix, string Value)
{
    private static readonly HashSet<string> s_searchable = new(StringComparer.Ordinal)
    {
        "username", "email", "phone_number", "name", "given_name", "family_name", "preferred_username", "cognito:user_status", "status", "sub",
    };

    /// <summary>The filter, or the InvalidParameterException message. Empty or blank text means no filter (null, null).</summary>
    public static (UserFilter? Filter, string? Error) Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return (null, null);
        }

        var i = 0;
        SkipSpaces(text, ref i);
        var start = i;
        while (i < text.Length && !char.IsWhiteSpace(text[i]) && text[i] is not ('=' or '^'))
        {
            i++;
        }

        var attribute = text[start..i];
        SkipSpaces(text, ref i);
        bool prefix;
        if (i < text.Length && text[i] == '=')
        {
            prefix = false;
            i++;
        }
        else if (i + 1 < text.Length && text[i] == '^' && text[i + 1] == '=')
        {
            prefix = true;
            i += 2;
        }
        else
        {
            return (null, "Error while parsing filter.");
        }

        SkipSpaces(text, ref i);
        if (i >= text.Length || text[i] != '"')
        {
            return (null, "Error while parsing filter.");
        }

        i++;
        var value = new StringBuilder();
        var closed = false;
        while (i < text.Length)
        {
            var c = text[i++];
            if (c == '\\' && i < text.Length)
            {
                value.Append(text[i++]);
            }
            else if (c == '"')
            {
                closed = true;
                break;
            }
            else
            {
                value.Append(c);
            }
        }

        SkipSpaces(text, ref i);
        if (!closed || i != text.Length || attribute.Length == 0)
        {
            return (null, "Error while parsing filter.");
        }

        if (!s_searchable.Contains(attribute))
        {
            return (null, $"Invalid search attribute: {attribute}");
        }

        return (new UserFilter(attribute, prefix, value.ToString()), null);
    }

    public bool Matches(UserRecord user)
    {
        var (actual, comparison) = Attribute switch
        {
            "username" => (user.Username, StringComparison.Ordinal),
            "cognito:user_status" => (user.Status, StringComparison.OrdinalIgnoreCase),
            "status" => (user.Enabled ? "Enabled" : "Disabled", StringComparison.Ordinal),
            _ => (user.Attribute(Attribute), StringComparison.Ordinal),
        };
        if (actual is null)
        {
            return false;
        }

        return Prefix ? actual.StartsWith(Value, comparison) : actual.Equals(Value, comparison);
    }

    private static void SkipSpaces(string text, ref int i)
    {
        while (i < text.Length && char.IsWhiteSpace(text[i]))
        {
            i++;
        }
    }
}
