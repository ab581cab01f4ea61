using System.Collections.Frozen;
using System.IO.Compression;
using System.Text.Json;

namespace Verdict.Protocol.Validation;

/// <summary>
/// A botocore <c>service-2.json</c> model, compiled into one input checker per operation. The checks follow the
/// model's constraints: required members, string length in code points, whole-value patterns, enums, integer ranges,
/// list and map sizes, and unions with exactly one member set.
/// </summary>
public sealed class ServiceModel
{
    private readonly FrozenDictionary<string, StructureCheck> _inputs;

    private ServiceModel(string targetPrefix, string jsonVersion, FrozenDictionary<string, StructureCheck> inputs)
    {
        TargetPrefix = targetPrefix;
        JsonVersion = jsonVersion;
        _inputs = inputs;
    }

    public string TargetPrefix { get; }

    public string JsonVersion { get; }

    public IEnumerable<string> OperationNames => _inputs.Keys;

    /// <summary>Loads a model from a stream; <paramref name="gzipped"/> for the <c>.json.gz</c> form botocore ships.</summary>
    public static ServiceModel Load(Stream stream, bool gzipped)
    {
        using var source = gzipped ? new GZipStream(stream, CompressionMode.Decompress) : stream;
        using var document = JsonDocument.Parse(source, new JsonDocumentOptions { MaxDepth = 256 });
        var root = document.RootElement;
        var metadata = root.GetProperty("metadata");
        var shapes = root.GetProperty("shapes");
        var compiled = new Dictionary<string, ShapeCheck>(StringComparer.Ordinal);
        var inputs = new Dictionary<string, StructureCheck>(StringComparer.Ordinal);
        foreach (var operation in root.GetProperty("operations").EnumerateObject())
        {
            var input = operation.Value.TryGetProperty("input", out var i) ? i.GetProperty("shape").GetString()! : null;
            inputs[operation.Name] = input is null
                ? new StructureCheck(operation.Name + "Input", isUnion: false)
                : (StructureCheck)Compile(input, shapes, compiled);
        }

        return new ServiceModel(
            metadata.GetProperty("targetPrefix").GetString()!,
            metadata.TryGetProperty("jsonVersion", out var v) ? v.GetString()! : "1.0",
            inputs.ToFrozenDictionary(StringComparer.Ordinal));
    }

    /// <summary>Checks an operation's input; unknown operations are the dispatcher's concern and pass here.</summary>
    public InputCheck CheckInput(string operation, JsonElement input)
    {
        if (!_inputs.TryGetValue(operation, out var check))
        {
            return InputCheck.Valid;
        }

        var sink = new Violations();
        check.Check(input, sink, 0);
        return sink.TypeErrors is null && sink.Constraints is null
            ? InputCheck.Valid
            : new InputCheck(sink.TypeErrors ?? [], sink.Constraints ?? []);
    }

    private static ShapeCheck Compile(string name, JsonElement shapes, Dictionary<string, ShapeCheck> compiled)
    {
        if (compiled.TryGetValue(name, out var done))
        {
            return done;
        }

        var shape = shapes.GetProperty(name);
        var type = shape.GetProperty("type").GetString();
        var sensitive = Flag(shape, "sensitive");
        long? min = shape.TryGetProperty("min", out var mn) ? mn.GetInt64() : null;
        long? max = shape.TryGetProperty("max", out var mx) ? mx.GetInt64() : null;
        switch (type)
        {
            case "structure":
            {
                var structure = new StructureCheck(name, Flag(shape, "union"));
                compiled[name] = structure; // registered before members: shapes may be recursive
                var members = new Dictionary<string, ShapeCheck>(StringComparer.Ordinal);
                if (shape.TryGetProperty("members", out var m))
                {
                    foreach (var member in m.EnumerateObject())
                    {
                        members[member.Name] = Compile(member.Value.GetProperty("shape").GetString()!, shapes, compiled);
                    }
                }

                var required = shape.TryGetProperty("required", out var r) ? r.EnumerateArray().Select(x => x.GetString()!) : [];
                structure.Complete(members, required);
                return structure;
            }

            case "list":
            {
                var list = new ListCheck(min, max, sensitive);
                compiled[name] = list;
                list.Member = Compile(shape.GetProperty("member").GetProperty("shape").GetString()!, shapes, compiled);
                return list;
            }

            case "map":
            {
                var map = new MapCheck(min, max, sensitive);
                compiled[name] = map;
                map.Key = Compile(shape.GetProperty("key").GetProperty("shape").GetString()!, shapes, compiled) as StringCheck;
                map.Value = Compile(shape.GetProperty("value").GetProperty("shape").GetString()!, shapes, compiled);
                return map;
            }

            case "string":
            {
                var pattern = shape.TryGetProperty("pattern", out var p) ? p.GetString() : null;
                var enumValues = shape.TryGetProperty("enum", out var e) ? e.EnumerateArray().Select(x => x.GetString()!).ToArray() : null;
                return compiled[name] = new StringCheck(min, max, pattern, enumValues, sensitive);
            }

            case "integer":
                return compiled[name] = new NumberCheck(isLong: false, min, max);
            case "long":
                return compiled[name] = new NumberCheck(isLong: true, min, max);
            case "boolean":
                return compiled[name] = BooleanCheck.Instance;
            case "timestamp":
                return compiled[name] = new ScalarCheck("timestamp", JsonValueKind.Number, JsonValueKind.String);
            case "double":
            case "float":
                return compiled[name] = new ScalarCheck("number", JsonValueKind.Number);
            case "blob":
                return compiled[name] = new ScalarCheck("blob", JsonValueKind.String);
            default:
                throw new InvalidDataException($"Shape {name} has unsupported type '{type}'.");
        }
    }

    private static bool Flag(JsonElement shape, string name) =>
        shape.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.True;
}
