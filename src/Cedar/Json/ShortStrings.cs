namespace Cedar.Json;

/// <summary>
/// Shares the string instances of short JSON strings between parses: entity JSON repeats the same keys, type names and
/// ids in every request, so most short strings are found here instead of being allocated again.
/// </summary>
/// <remarks>
/// A fixed-size, direct-mapped table: memory is bounded whatever the input, a slot holds the last string that hashed
/// there, and a miss just allocates. Slots are single references, so concurrent parses may overwrite each other's
/// entries but never see a torn one; a hit is always checked against the characters.
/// </remarks>
internal static class ShortStrings
{
    public const int MaxLength = 32;

    private const int SlotBits = 11;

    private static readonly string?[] s_slots = new string?[1 << SlotBits];

    public static string Get(ReadOnlySpan<char> chars)
    {
        if (chars.Length == 0)
        {
            return "";
        }

        if (chars.Length > MaxLength)
        {
            return new string(chars);
        }

        var slot = Slot(chars);
        var cached = s_slots[slot];
        if (cached is not null && chars.SequenceEqual(cached))
        {
            return cached;
        }

        var created = new string(chars);
        s_slots[slot] = created;
        return created;
    }

    // FNV-1a over the UTF-16 code units: cheap for short strings, and collisions only cost a miss.
    private static int Slot(ReadOnlySpan<char> chars)
    {
        var hash = 2166136261u;
        foreach (var c in chars)
        {
            hash = (hash ^ c) * 16777619u;
        }

        return (int)((hash ^ (hash >> 15)) & ((1u << SlotBits) - 1));
    }
}
