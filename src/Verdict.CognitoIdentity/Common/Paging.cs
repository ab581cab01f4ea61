using System.Text;
using Verdict.CognitoIdentityProvider.Common;

namespace Verdict.CognitoIdentity.Common;

/// <summary>
/// Pages over a list sorted by key. The token names the first key of the next page (Base64url), so a page stays
/// stable when earlier items are deleted between calls.
/// </summary>
internal static class Paging
{
    /// <summary>The page and the next token, or null when the token is not one of ours.</summary>
    public static (List<T> Page, string? NextToken)? Slice<T>(IReadOnlyList<T> items, Func<T, string> key, string? token, int limit)
    {
        var start = 0;
        if (token is not null)
        {
            if (Base64Url.TryDecode(token) is not { Length: > 0 } decoded)
            {
                return null;
            }

            var startKey = Encoding.UTF8.GetString(decoded);
            start = items.Count;
            for (var i = 0; i < items.Count; i++)
            {
                if (string.CompareOrdinal(key(items[i]), startKey) >= 0)
                {
                    start = i;
                    break;
                }
            }
        }

        var end = Math.Min(items.Count, start + limit);
        var page = items.Skip(start).Take(end - start).ToList();
        var next = end < items.Count ? Base64Url.Encode(Encoding.UTF8.GetBytes(key(items[end]))) : null;
        return (page, next);
    }
}
