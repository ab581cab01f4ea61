using System.Buffers;
using System.Collections.Concurrent;
using System.Collections.Frozen;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Runtime.InteropServices;
using System.Text.RegularExpressions;

namespace Verdict.Protocol.Validation;

/// <summary>
/// A compiled check for one model shape. Built once at start-up; a valid input is checked without allocating: member
/// paths and values are turned into text only for a violation.
/// </summary>
internal abstract class ShapeCheck
{
    /// <summary>Deeper inputs are refused as a type error rather than recursed into (the JSON reader caps depth lower anyway).</summary>
    public const int MaxDepth = 128;

    public abstract string JsonKind { get; }

    /// <summary>Checks <paramref name="value"/>, found at <paramref name="sink"/>'s current path.</summary>
    public abstract void Check(JsonElement value, Violations sink, int depth);

    protected static bool TypeIs(JsonElement value, JsonValueKind kind, string expected, Violations sink)
    {
        if (value.ValueKind == kind)
        {
            return true;
        }

        var path = sink.Path;
        sink.Type(path, $"Unexpected JSON {Describe(value.ValueKind)} at '{path}': expected {expected}.");
        return false;
    }

    protected static string Describe(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Object => "object",
        JsonValueKind.Array => "array",
        JsonValueKind.String => "string",
        JsonValueKind.Number => "number",
        JsonValueKind.True or JsonValueKind.False => "boolean",
        _ => "null",
    };
}

/// <summary>Collects violations while walking an input, and the path to the value being checked.</summary>
internal sealed class Violations
{
    private readonly List<PathSegment> _path = new(16);

    public List<FieldViolation>? TypeErrors { get; private set; }

    public List<FieldViolation>? Constraints { get; private set; }

    /// <summary>The current path as AWS writes it (<c>a.b[2].c</c>); built on demand, for violations.</summary>
    public string Path
    {
        get
        {
            var text = new StringBuilder();
            foreach (var segment in _path)
            {
                if (segment.Index >= 0)
                {
                    text.Append('[').Append(segment.Index.ToString(CultureInfo.InvariantCulture)).Append(']');
                    continue;
                }

                if (text.Length > 0)
                {
                    text.Append('.');
                }

                text.Append(segment.Name ?? segment.Entry.Name);
            }

            return text.ToString();
        }
    }

    public void EnterMember(string name) => _path.Add(new PathSegment(name, default, -1));

    public void EnterEntry(JsonProperty entry) => _path.Add(new PathSegment(null, entry, -1));

    public void EnterIndex(int index) => _path.Add(new PathSegment(null, default, index));

    public void Leave() => _path.RemoveAt(_path.Count - 1);

    public void Type(string path, string message) => (TypeErrors ??= []).Add(new FieldViolation(path, message));

    /// <summary>Records "Value 'x' at 'path' failed to satisfy constraint: Member must …" at the current path; sensitive values are not echoed.</summary>
    public void Constraint(JsonElement? value, bool sensitive, string rule) => Constraint(Path, value, sensitive, rule);

    public void Constraint(string path, JsonElement? value, bool sensitive, string rule)
    {
        var shown = value switch
        {
            null => "Value null",
            _ when sensitive => "Value",
            { ValueKind: JsonValueKind.String } v => $"Value '{v.GetString()}'",
            { ValueKind: JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False } v => $"Value '{v.GetRawText()}'",
            _ => "Value",
        };
        (Constraints ??= []).Add(new FieldViolation(path, $"{shown} at '{path}' failed to satisfy constraint: {rule}"));
    }

    /// <summary>A member name (structures), a map entry (its key read only when the path is built), or a list index.</summary>
    private readonly record struct PathSegment(string? Name, JsonProperty Entry, int Index);
}

internal sealed class StructureCheck(string shapeName, bool isUnion) : ShapeCheck
{
    /// <summary>Up to this many members, a property is matched by comparing UTF-8 names, which reads no name into a string.</summary>
    private const int LinearLookupLimit = 16;

    private FrozenDictionary<string, ShapeCheck> _byName = FrozenDictionary<string, ShapeCheck>.Empty;
    private Member[] _members = [];
    private Member[] _required = [];

    public string ShapeName { get; } = shapeName;

    public override string JsonKind => "object";

    public void Complete(IDictionary<string, ShapeCheck> members, IEnumerable<string> required)
    {
        _byName = members.ToFrozenDictionary(StringComparer.Ordinal);
        _members = [.. members.Select(m => new Member(m.Key, Encoding.UTF8.GetBytes(m.Key), m.Value))];
        _required = [.. required.Select(name => new Member(name, Encoding.UTF8.GetBytes(name), null))];
    }

    public override void Check(JsonElement value, Violations sink, int depth)
    {
        if (!TypeIs(value, JsonValueKind.Object, "object", sink))
        {
            return;
        }

        if (depth > MaxDepth)
        {
            var path = sink.Path;
            sink.Type(path, $"The input at '{path}' is nested too deeply.");
            return;
        }

        foreach (var required in _required)
        {
            if (!value.TryGetProperty(required.Utf8Name, out var member) || member.ValueKind == JsonValueKind.Null)
            {
                sink.EnterMember(required.Name);
                sink.Constraint(null, sensitive: false, "Member must not be null");
                sink.Leave();
            }
        }

        var setMembers = 0;
        foreach (var property in value.EnumerateObject())
        {
            // Unknown members are ignored, as AWS does, so newer clients keep working.
            if (property.Value.ValueKind == JsonValueKind.Null || Find(property) is not var (name, check))
            {
                continue;
            }

            setMembers++;
            sink.EnterMember(name);
            check.Check(property.Value, sink, depth + 1);
            sink.Leave();
        }

        if (isUnion && setMembers != 1)
        {
            var path = sink.Path;
            sink.Constraint(
                path.Length == 0 ? ShapeName : path,
                value,
                sensitive: true,
                setMembers == 0 ? "Member must have exactly one member set, but none is set" : $"Member must have exactly one member set, but {setMembers} are set");
        }
    }

    private (string Name, ShapeCheck Check)? Find(JsonProperty property)
    {
        if (_members.Length > LinearLookupLimit)
        {
            var name = property.Name;
            return _byName.TryGetValue(name, out var check) ? (name, check) : null;
        }

        foreach (var member in _members)
        {
            if (property.NameEquals(member.Utf8Name))
            {
                return (member.Name, member.Check!);
            }
        }

        return null;
    }

    private sealed record Member(string Name, byte[] Utf8Name, ShapeCheck? Check);
}

internal sealed class StringCheck(long? min, long? max, string? pattern, IReadOnlyList<string>? enumValues, bool sensitive) : ShapeCheck
{
    /// <summary>Values up to this many UTF-8 bytes are decoded on the stack for checking.</summary>
    private const int StackLimit = 512;

    // Compiled on first use: building every pattern of the embedded models eagerly was the largest part of start-up.
    private Regex? _regex;
    private readonly FrozenSet<string>? _enum = enumValues?.ToFrozenSet(StringComparer.Ordinal);
    private readonly string? _enumText = enumValues is null ? null : "[" + string.Join(", ", enumValues) + "]";

    public override string JsonKind => "string";

    private bool Unconstrained => min is null && max is null && pattern is null && _enum is null;

    public override void Check(JsonElement value, Violations sink, int depth)
    {
        if (!TypeIs(value, JsonValueKind.String, "string", sink) || Unconstrained)
        {
            return;
        }

        // The raw value without its quotes; with no escape in it, it is the string's UTF-8 as is.
        var raw = JsonMarshal.GetRawUtf8Value(value);
        raw = raw[1..^1];
        if (raw.Contains((byte)'\\'))
        {
            CheckText(value.GetString()!, value, sink);
            return;
        }

        if (raw.Length <= StackLimit)
        {
            Span<char> text = stackalloc char[StackLimit];
            var length = Encoding.UTF8.GetChars(raw, text);
            CheckText(text[..length], value, sink);
            return;
        }

        // Long values (tokens are about a kilobyte) are decoded into a pooled buffer.
        var rented = ArrayPool<char>.Shared.Rent(raw.Length);
        try
        {
            var length = Encoding.UTF8.GetChars(raw, rented);
            CheckText(rented.AsSpan(0, length), value, sink);
        }
        finally
        {
            ArrayPool<char>.Shared.Return(rented);
        }
    }

    /// <summary>Checks a map key, read from the entry without making a string of it when it can.</summary>
    public void CheckKey(JsonProperty entry, Violations sink)
    {
        if (Unconstrained)
        {
            return;
        }

        var raw = JsonMarshal.GetRawUtf8PropertyName(entry);
        if (raw.Length > StackLimit || raw.Contains((byte)'\\'))
        {
            CheckText(entry.Name, null, sink);
            return;
        }

        Span<char> text = stackalloc char[StackLimit];
        var length = Encoding.UTF8.GetChars(raw, text);
        CheckText(text[..length], null, sink);
    }

    private void CheckText(ReadOnlySpan<char> text, JsonElement? value, Violations sink)
    {
        if (min is not null || max is not null)
        {
            var length = CodePoints(text);
            if (min is { } lo && length < lo)
            {
                sink.Constraint(value, sensitive, $"Member must have length greater than or equal to {lo.ToString(CultureInfo.InvariantCulture)}");
            }

            if (max is { } hi && length > hi)
            {
                sink.Constraint(value, sensitive, $"Member must have length less than or equal to {hi.ToString(CultureInfo.InvariantCulture)}");
            }
        }

        if (pattern is not null && !PatternCompiler.Matches(_regex ??= PatternCompiler.Compile(pattern), text))
        {
            sink.Constraint(value, sensitive, $"Member must satisfy regular expression pattern: {pattern}");
        }

        if (_enum is not null && !_enum.GetAlternateLookup<ReadOnlySpan<char>>().Contains(text))
        {
            sink.Constraint(value, sensitive, $"Member must satisfy enum value set: {_enumText}");
        }
    }

    /// <summary>Lengths are counted in Unicode code points, as the model's constraints are.</summary>
    internal static int CodePoints(ReadOnlySpan<char> text)
    {
        var count = text.Length;
        for (var i = 0; i < text.Length - 1; i++)
        {
            if (char.IsHighSurrogate(text[i]) && char.IsLowSurrogate(text[i + 1]))
            {
                count--;
                i++;
            }
        }

        return count;
    }
}

internal sealed class NumberCheck(bool isLong, long? min, long? max) : ShapeCheck
{
    public override string JsonKind => isLong ? "long" : "integer";

    public override void Check(JsonElement value, Violations sink, int depth)
    {
        if (!TypeIs(value, JsonValueKind.Number, JsonKind, sink))
        {
            return;
        }

        if (!value.TryGetInt64(out var number) || (!isLong && number is < int.MinValue or > int.MaxValue))
        {
            var path = sink.Path;
            sink.Type(path, $"The number at '{path}' is not a valid {JsonKind}.");
            return;
        }

        if (min is { } lo && number < lo)
        {
            sink.Constraint(value, sensitive: false, $"Member must have value greater than or equal to {lo.ToString(CultureInfo.InvariantCulture)}");
        }

        if (max is { } hi && number > hi)
        {
            sink.Constraint(value, sensitive: false, $"Member must have value less than or equal to {hi.ToString(CultureInfo.InvariantCulture)}");
        }
    }
}

internal sealed class BooleanCheck : ShapeCheck
{
    public static readonly BooleanCheck Instance = new();

    public override string JsonKind => "boolean";

    public override void Check(JsonElement value, Violations sink, int depth)
    {
        if (value.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
        {
            var path = sink.Path;
            sink.Type(path, $"Unexpected JSON {Describe(value.ValueKind)} at '{path}': expected boolean.");
        }
    }
}

/// <summary>Timestamps (epoch seconds or a string), doubles and blobs: only the JSON type is checked.</summary>
internal sealed class ScalarCheck(string kind, params JsonValueKind[] accepted) : ShapeCheck
{
    public override string JsonKind => kind;

    public override void Check(JsonElement value, Violations sink, int depth)
    {
        if (Array.IndexOf(accepted, value.ValueKind) < 0)
        {
            var path = sink.Path;
            sink.Type(path, $"Unexpected JSON {Describe(value.ValueKind)} at '{path}': expected {kind}.");
        }
    }
}

internal sealed class ListCheck(long? min, long? max, bool sensitive) : ShapeCheck
{
    public ShapeCheck Member { get; set; } = BooleanCheck.Instance;

    public override string JsonKind => "list";

    public override void Check(JsonElement value, Violations sink, int depth)
    {
        if (!TypeIs(value, JsonValueKind.Array, "list", sink))
        {
            return;
        }

        if (depth > MaxDepth)
        {
            var path = sink.Path;
            sink.Type(path, $"The input at '{path}' is nested too deeply.");
            return;
        }

        var length = value.GetArrayLength();
        if (min is { } lo && length < lo)
        {
            sink.Constraint(value, sensitive: true, $"Member must have length greater than or equal to {lo.ToString(CultureInfo.InvariantCulture)}");
        }

        if (max is { } hi && length > hi)
        {
            sink.Constraint(value, sensitive: true, $"Member must have length less than or equal to {hi.ToString(CultureInfo.InvariantCulture)}");
        }

        var index = 0;
        foreach (var item in value.EnumerateArray())
        {
            sink.EnterIndex(index);
            if (item.ValueKind == JsonValueKind.Null)
            {
                sink.Constraint(null, sensitive, "Member must not be null");
            }
            else
            {
                Member.Check(item, sink, depth + 1);
            }

            sink.Leave();
            index++;
        }
    }
}

internal sealed class MapCheck(long? min, long? max, bool sensitive) : ShapeCheck
{
    public StringCheck? Key { get; set; }

    public ShapeCheck Value { get; set; } = BooleanCheck.Instance;

    public override string JsonKind => "map";

    public override void Check(JsonElement value, Violations sink, int depth)
    {
        if (!TypeIs(value, JsonValueKind.Object, "map", sink))
        {
            return;
        }

        if (depth > MaxDepth)
        {
            var path = sink.Path;
            sink.Type(path, $"The input at '{path}' is nested too deeply.");
            return;
        }

        var count = 0;
        foreach (var entry in value.EnumerateObject())
        {
            count++;
            sink.EnterEntry(entry);
            Key?.CheckKey(entry, sink);
            if (entry.Value.ValueKind == JsonValueKind.Null)
            {
                sink.Constraint(null, sensitive, "Member must not be null");
            }
            else
            {
                Value.Check(entry.Value, sink, depth + 1);
            }

            sink.Leave();
        }

        if (min is { } lo && count < lo)
        {
            sink.Constraint(value, sensitive: true, $"Member must have length greater than or equal to {lo.ToString(CultureInfo.InvariantCulture)}");
        }

        if (max is { } hi && count > hi)
        {
            sink.Constraint(value, sensitive: true, $"Member must have length less than or equal to {hi.ToString(CultureInfo.InvariantCulture)}");
        }
    }
}

/// <summary>
/// Turns a model pattern into a .NET regex that must match the whole value. <c>\d</c> and <c>\w</c> are narrowed to
/// ASCII (the JVM and ECMAScript meaning), and the non-backtracking engine keeps every check linear in the input length.
/// </summary>
internal static class PatternCompiler
{
    private static readonly ConcurrentDictionary<string, Regex> s_compiled = new(StringComparer.Ordinal);

    /// <summary>One regex per distinct pattern: the models repeat the same identifier patterns across many shapes.</summary>
    public static Regex Compile(string pattern) => s_compiled.GetOrAdd(pattern, Build);

    /// <summary>A value that takes the backtracking engine past its timeout does not match.</summary>
    public static bool Matches(Regex regex, ReadOnlySpan<char> text)
    {
        try
        {
            return regex.IsMatch(text);
        }
        catch (RegexMatchTimeoutException)
        {
            return false;
        }
    }

    private static Regex Build(string pattern)
    {
        var text = new StringBuilder(pattern.Length + 16);
        var inClass = false;
        for (var i = 0; i < pattern.Length; i++)
        {
            var c = pattern[i];
            if (c == '\\' && i + 1 < pattern.Length)
            {
                var next = pattern[++i];
                text.Append(next switch
                {
                    'd' => inClass ? "0-9" : "[0-9]",
                    'w' => inClass ? "a-zA-Z0-9_" : "[a-zA-Z0-9_]",
                    _ => "\\" + next,
                });
                continue;
            }

            if (c == '[' && !inClass)
            {
                inClass = true;
            }
            else if (c == ']' && inClass)
            {
                inClass = false;
            }

            text.Append(c);
        }

        var anchored = "^(?:" + text + ")\\z";
        try
        {
            return new Regex(anchored, RegexOptions.CultureInvariant | RegexOptions.NonBacktracking);
        }
        catch (NotSupportedException)
        {
            // A few patterns use lookarounds (Cognito's S3BucketType ends in a negative lookbehind), which the linear
            // engine lacks; the backtracking engine gets a timeout instead, so no input can make a check run away.
            return new Regex(anchored, RegexOptions.CultureInvariant, TimeSpan.FromMilliseconds(100));
        }
    }
}
