using System.Text;

namespace Cedar.Ast;

/// <summary>An entity reference: a type name and an id that may hold any characters.</summary>
public sealed class EntityUid : IEquatable<EntityUid>
{
    private readonly int _hash;

    public EntityUid(Name type, string id)
    {
        Type = type;
        Id = id;
        _hash = HashCode.Combine(type, StringComparer.Ordinal.GetHashCode(id));
    }

    public EntityUid(string typeFullName, string id) : this(Name.FromFullName(typeFullName), id)
    {
    }

    public Name Type { get; }

    public string Id { get; }

    public bool Equals(EntityUid? other) =>
        other is not null && (ReferenceEquals(this, other) ||
            (_hash == other._hash && Type.Equals(other.Type) && string.Equals(Id, other.Id, StringComparison.Ordinal)));

    public override bool Equals(object? obj) => obj is EntityUid u && Equals(u);

    public override int GetHashCode() => _hash;

    /// <summary>Cedar's display form, <c>Type::"id"</c>, with the id escaped as Cedar escapes strings.</summary>
    public override string ToString() => Type.FullName + "::\"" + StringEscaper.Escape(Id) + "\"";

    public static bool operator ==(EntityUid? a, EntityUid? b) => a is null ? b is null : a.Equals(b);

    public static bool operator !=(EntityUid? a, EntityUid? b) => !(a == b);
}

/// <summary>Escapes text the way Cedar prints string literals (Rust's <c>escape_debug</c>).</summary>
public static class StringEscaper
{
    public static string Escape(string s)
    {
        var needs = false;
        foreach (var c in s)
        {
            if (c < 0x20 || c == '"' || c == '\\' || c == '\'' || c >= 0x7f)
            {
                needs = true;
                break;
            }
        }

        if (!needs)
        {
            return s;
        }

        var sb = new StringBuilder(s.Length + 8);
        for (var i = 0; i < s.Length; i++)
        {
            var c = s[i];
            switch (c)
            {
                case '"': sb.Append("\\\""); break;
                case '\\': sb.Append("\\\\"); break;
                case '\'': sb.Append("\\'"); break;
                case '\n': sb.Append("\\n"); break;
                case '\r': sb.Append("\\r"); break;
                case '\t': sb.Append("\\t"); break;
                case '\0': sb.Append("\\0"); break;
                default:
                    var rune = char.IsHighSurrogate(c) && i + 1 < s.Length && char.IsLowSurrogate(s[i + 1])
                        ? new Rune(c, s[++i])
                        : new Rune(char.IsSurrogate(c) ? '\uFFFD' : c);
                    if (NeedsUnicodeEscape(rune))
                    {
                        sb.Append("\\u{").Append(rune.Value.ToString("x", System.Globalization.CultureInfo.InvariantCulture)).Append('}');
                    }
                    else
                    {
                        sb.Append(rune.ToString());
                    }

                    break;
            }
        }

        return sb.ToString();
    }

    // Rust's escape_debug escapes control characters and grapheme extenders; printable text stays as is.
    private static bool NeedsUnicodeEscape(Rune r)
    {
        var cat = Rune.GetUnicodeCategory(r);
        return cat is System.Globalization.UnicodeCategory.Control
            or System.Globalization.UnicodeCategory.Format
            or System.Globalization.UnicodeCategory.OtherNotAssigned
            or System.Globalization.UnicodeCategory.PrivateUse
            or System.Globalization.UnicodeCategory.Surrogate
            or System.Globalization.UnicodeCategory.LineSeparator
            or System.Globalization.UnicodeCategory.ParagraphSeparator
            or System.Globalization.UnicodeCategory.NonSpacingMark
            or System.Globalization.UnicodeCategory.EnclosingMark
            || (r.Value == ' ' ? false : cat == System.Globalization.UnicodeCategory.SpaceSeparator);
    }
}
