namespace Cedar.Schema.Written;

/// <summary>
/// Cedar's order of namespaces: the empty namespace first, then by basename, then by the path before it
/// (the derived order of Cedar's internal name type, whose basename field comes first).
/// </summary>
public sealed class NamespaceOrder : IComparer<string>
{
    public static readonly NamespaceOrder Instance = new();

    public int Compare(string? x, string? y)
    {
        x ??= "";
        y ??= "";
        if (x.Length == 0 || y.Length == 0)
        {
            return x.Length == 0 ? (y.Length == 0 ? 0 : -1) : 1;
        }

        var xs = x.Split("::");
        var ys = y.Split("::");
        var c = Utf8Order.Instance.Compare(xs[^1], ys[^1]);
        if (c != 0)
        {
            return c;
        }

        var n = Math.Min(xs.Length, ys.Length) - 1;
        for (var i = 0; i < n; i++)
        {
            c = Utf8Order.Instance.Compare(xs[i], ys[i]);
            if (c != 0)
            {
                return c;
            }
        }

        return xs.Length.CompareTo(ys.Length);
    }
}
