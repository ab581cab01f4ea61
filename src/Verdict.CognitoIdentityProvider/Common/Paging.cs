using System.Text;

namespace Verdict.CognitoIdentityProvider.Common;

/// <summary>
/// Pages over a list already in its final order. The token names the first key of the next page (Base64url), so a
/// page stays stable when earlier items are deleted between calls.
/// </summary>
internal static class Paging
{
    public static (List<T> Page, string? NextToken)? Slice<T>(IReadOnlyList<T> items, Func<T, string> key, string? token, int limit)
    {
        var start = 0;
        if (token is not null)
        {
            var decoded = Base64Url.TryDecode(token);
            if (decoded is null)
            {
                return null;
            }

            var startKey = Encoding.UTF8.GetString(decoded);
            start = -1;
            for (var i = 0; i < items.Count; i++)
            {
                if (string.CompareOrdinal(key(items[i]), startKey) >= 0)
                {
                    start = i;
                    break;
                }
            }

            if (start < 0)
            {
                start = items.Count;
            }
        }

        var end = Math.Min(items.Count, start + limit);
        var page = new List<T>(end - start);
        for (var i = start; i < end; i++)
        {
            page.Add(items[i]);
        }

        var next = end < items.Count ? Base64Url.Encode(Encoding.UTF8.GetBytes(key(items[end]))) : null;
        return (page, next);
    }
}
