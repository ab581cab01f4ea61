using System.Collections.Concurrent;
using System.Collections.Frozen;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Verdict.Protocol.Validation;

/// <summary>A compiled check for one model shape. Built once at start-up; checking allocates only for violations.</summary>
internal abstract class ShapeCheck
{
    /// <summary>Deeper inputs are refused as a type error rather than recursed into (the JSON reader caps depth lower anyway).</summary>
    public const int MaxDepth = 128;

    public abstract string JsonKind { get; }

    public abstract void Check(JsonElement value, string path, Violations sink, int depth);

    protected static bool TypeIs(JsonElement value, JsonValueKind kind, string expected, string path, Violations sink)
    {
        if (value.ValueKind == kind)
        {
            return true;
        }

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

/// <summary>Collects violations while walking an input.</summary>
internal sealed class Violations
{
    public List<FieldViolation>? TypeErrors { get; private set; }

    public List<FieldViolation>? Constraints { get; private set; }

    public void Type(string path, string message) => (TypeErrors ??= []).Add(new FieldViolation(path, message));

    /// <summary>Records "Value 'x' at 'path' failed to satisfy constraint: Member must …"; sensitive values are not echoed.</summary>
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
}

internal sealed class StructureCheck(string shapeName, bool isUnion) : ShapeCheck
{
    private FrozenDictionary<string, ShapeCheck> _members = FrozenDictionary<string, ShapeCheck>.Empty;
    private string[] _required = [];

    public string ShapeName { get; } = shapeName;

    public override string JsonKind => "object";

    public void Complete(IDictionary<string, ShapeCheck> members, IEnumerable<string> required)
    {
        _members = members.ToFrozenDictionary(StringComparer.Ordinal);
        _required = [.. required];
    }

    public override void Check(JsonElement value, string path, Violations sink, int depth)
    {
        if (!TypeIs(value, JsonValueKind.Object, "object", path, sink))
        {
            return;
        }

        if (depth > MaxDepth)
        {
            sink.Type(path, $"The input at '{path}' is nested too deeply.");
            return;
        }

        foreach (var name in _required)
        {
            if (!value.TryGetProperty(name, out var member) || member.ValueKind == JsonValueKind.Null)
            {
                sink.Constraint(Join(path, name), null, sensitive: false, "Member must not be null");
            }
        }

        var setMembers = 0;
        foreach (var property in value.EnumerateObject())
        {
            // Unknown members are ignored, as AWS does, so newer clients keep working.
            if (property.Value.ValueKind == JsonValueKind.Null || !_members.TryGetValue(property.Name, out var check))
            {
                continue;
            }

            setMembers++;
            check.Check(property.Value, Join(path, property.Name), sink, depth + 1);
        }

        if (isUnion && setMembers != 1)
        {
            var where = path.Length == 0 ? ShapeName : path;
            sink.Constraint(
                where, value, sensitive: true, setMembers == 0 ? "Member must have exactly one member set, but none is set" : $"Member must have exactly one member set, but {setMembers} are set");
        }
    }

    private static string Join(string path, string member) => path.Length == 0 ? member : path + "." + member;
}

internal sealed class StringCheck(long? min, long? max, string? pattern, IReadOnlyList<string>? enumValues, bool sensitive) : ShapeCheck
{
    // Compiled on first use: building every pattern of the embedded models eagerly was the largest part of start-up.
    private Regex? _regex;
    private readonly FrozenSet<string>? _enum = enumValues?.ToFrozenSet(StringComparer.Ordinal);
    private readonly string? _enumText = enumValues is null ? null : "[" + string.Join(", ", enumValues) + "]";

    public override string JsonKind => "string";

    public override void Check(JsonElement value, string path, Violations sink, int depth)
    {
        if (!TypeIs(value, JsonValueKind.String, "string", path, sink))
        {
            return;
        }

        CheckText(value.GetString()!, value, path, sink);
    }

    public void CheckText(string text, JsonElement? value, string path, Violations sink)
    {
        if (min is not null || max is not null)
        {
            var length = CodePoints(text);
            if (min is { } lo && length < lo)
            {
                sink.Constraint(path, value, sensitive, $"Member must have length greater than or equal to {lo.ToString(CultureInfo.InvariantCulture)}");
            }

            if (max is { } hi && length > hi)
            {
                sink.Constraint(path, value, sensitive, $"Member must have length less than or equal to {hi.ToString(CultureInfo.InvariantCulture)}");
            }
        }

        if (pattern is not null && !PatternCompiler.Matches(_regex ??= PatternCompiler.Compile(pattern), text))
        {
            sink.Constraint(path, value, sensitive, $"Member must satisfy regular expression pattern: {pattern}");
        }

        if (_enum is not null && !_enum.Contains(text))
        {
            sink.Constraint(path, value, sensitive, $"Member must satisfy enum value set: {_enumText}");
        }
    }

    /// <summary>Lengths are counted in Unicode code points, as the model's constraints are.</summary>
    internal static int CodePoints(string text)
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

    public override void Check(JsonElement value, string path, Violations sink, int depth)
    {
        if (!TypeIs(value, JsonValueKind.Number, JsonKind, path, sink))
        {
            return;
        }

        if (!value.TryGetInt64(out var number) || (!isLong && number is < int.MinValue or > int.MaxValue))
        {
            sink.Type(path, $"The number at '{path}' is not a valid {JsonKind}.");
            return;
        }

        if (min is { } lo && number < lo)
        {
            sink.Constraint(path, value, sensitive: false, $"Member must have value greater than or equal to {lo.ToString(CultureInfo.InvariantCulture)}");
        }

        if (max is { } hi && number > hi)
        {
            sink.Constraint(path, value, sensitive: false, $"Member must have value less than or equal to {hi.ToString(CultureInfo.InvariantCulture)}");
        }
    }
}

internal sealed class BooleanCheck : ShapeCheck
{
    public static readonly BooleanCheck Instance = new();

    public override string JsonKind => "boolean";

    public override void Check(JsonElement value, string path, Violations sink, int depth)
    {
        if (value.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
        {
            sink.Type(path, $"Unexpected JSON {Describe(value.ValueKind)} at '{path}': expected boolean.");
        }
    }
}

/// <summary>Timestamps (epoch seconds or a string), doubles and blobs: only the JSON type is checked.</summary>
internal sealed class ScalarCheck(string kind, params JsonValueKind[] accepted) : ShapeCheck
{
    public override string JsonKind => kind;

    public override void Check(JsonElement value, string path, Violations sink, int depth)
    {
        if (Array.IndexOf(accepted, value.ValueKind) < 0)
        {
            sink.Type(path, $"Unexpected JSON {Describe(value.ValueKind)} at '{path}': expected {kind}.");
        }
    }
}

internal sealed class ListCheck(long? min, long? max, bool sensitive) : ShapeCheck
{
    public ShapeCheck Member { get; set; } = BooleanCheck.Instance;

    public override string JsonKind => "list";

    public override void Check(JsonElement value, string path, Violations sink, int depth)
    {
        if (!TypeIs(value, JsonValueKind.Array, "list", path, sink))
        {
            return;
        }

        if (depth > MaxDepth)
        {
            sink.Type(path, $"The input at '{path}' is nested too deeply.");
            return;
        }

        var length = value.GetArrayLength();
        if (min is { } lo && length < lo)
        {
            sink.Constraint(path, value, sensitive: true, $"Member must have length greater than or equal to {lo.ToString(CultureInfo.InvariantCulture)}");
        }

        if (max is { } hi && length > hi)
        {
            sink.Constraint(path, value, sensitive: true, $"Member must have length less than or equal to {hi.ToString(CultureInfo.InvariantCulture)}");
        }

        var index = 0;
        foreach (var item in value.EnumerateArray())
        {
            var itemPath = path + "[" + index.ToString(CultureInfo.InvariantCulture) + "]";
            if (item.ValueKind == JsonValueKind.Null)
            {
                sink.Constraint(itemPath, null, sensitive, "Member must not be null");
            }
            else
            {
                Member.Check(item, itemPath, sink, depth + 1);
            }

            index++;
        }
    }
}

internal sealed class MapCheck(long? min, long? max, bool sensitive) : ShapeCheck
{
    public StringCheck? Key { get; set; }

    public ShapeCheck Value { get; set; } = BooleanCheck.Instance;

    public override string JsonKind => "map";

    public override void Check(JsonElement value, string path, Violations sink, int depth)
    {
        if (!TypeIs(value, JsonValueKind.Object, "map", path, sink))
        {
            return;
        }

        if (depth > MaxDepth)
        {
            sink.Type(path, $"The input at '{path}' is nested too deeply.");
            return;
        }

        var count = 0;
        foreach (var entry in value.EnumerateObject())
        {
            count++;
            var entryPath = path + "." + entry.Name;
            Key?.CheckText(entry.Name, null, entryPath, sink);
            if (entry.Value.ValueKind == JsonValueKind.Null)
            {
                sink.Constraint(entryPath, null, sensitive, "Member must not be null");
            }
            else
            {
                Value.Check(entry.Value, entryPath, sink, depth + 1);
            }
        }

        if (min is { } lo && count < lo)
        {
            sink.Constraint(path, value, sensitive: true, $"Member must have length greater than or equal to {lo.ToString(CultureInfo.InvariantCulture)}");
        }

        if (max is { } hi && count > hi)
        {
            sink.Constraint(path, value, sensitive: true, $"Member must have length less than or equal to {hi.ToString(CultureInfo.InvariantCulture)}");
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
    public static bool Matches(Regex regex, string text)
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
