using System.Collections;
using System.Diagnostics.CodeAnalysis;
using Cedar.Values;

namespace Cedar.Entities;

/// <summary>
/// An entity's attributes (or tags) read from JSON, seen as a dictionary over the record they were parsed into:
/// lookups search the record's sorted attributes, so no hash table is built per entity.
/// </summary>
internal sealed class RecordAttributeMap(RecordValue record) : IReadOnlyDictionary<string, Value>
{
    public int Count => record.Count;

    public IEnumerable<string> Keys
    {
        get
        {
            foreach (var attribute in record.Attributes)
            {
                yield return attribute.Key;
            }
        }
    }

    public IEnumerable<Value> Values
    {
        get
        {
            foreach (var attribute in record.Attributes)
            {
                yield return attribute.Value;
            }
        }
    }

    public Value this[string key] => record.TryGet(key, out var value) ? value : throw new KeyNotFoundException($"no attribute `{key}`");

    public bool ContainsKey(string key) => record.ContainsKey(key);

    public bool TryGetValue(string key, [MaybeNullWhen(false)] out Value value) => record.TryGet(key, out value);

    public IEnumerator<KeyValuePair<string, Value>> GetEnumerator() => record.Attributes.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
