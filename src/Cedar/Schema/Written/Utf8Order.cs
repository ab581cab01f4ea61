namespace Cedar.Schema.Written;

/// <summary>
/// Orders strings by Unicode scalar values, which is the byte order of their UTF-8 encodings: how Cedar's
/// <c>BTreeMap</c>s order names, attributes and annotations. (Ordinal UTF-16 order differs for surrogate pairs.)
/// </summary>
public sealed class Utf8Order : IComparer<string>
{
    public static readonly Utf8Order Instance = new();

    public int Compare(string? x, string? y)
    {
        if (ReferenceEquals(x, y))
        {
            return 0;
        }

        if (x is null)
        {
            return -1;
        }

        if (y is null)
        {
            return 1;
        }

        var n = Math.Min(x.Length, y.Length);
        for (var i = 0; i < n; i++)
        {
            var a = x[i];
            var b = y[i];
            if (a == b)
            {
                continue;
            }

            // Surrogates (U+D800..DFFF) encode code points above U+FFFF, so they sort after every other BMP unit.
            var sa = char.IsSurrogate(a);
            var sb = char.IsSurrogate(b);
            if (sa != sb)
            {
                return sa ? 1 : -1;
            }

            return a.CompareTo(b);
        }

        return x.Length.CompareTo(y.Length);
    }
}
