using System.Globalization;
using Verdict.Protocol;

namespace Verdict.VerifiedPermissions.Common;

/// <summary>Turns <c>nextToken</c>/<c>maxResults</c> into a start position and a page size, or a ValidationException.</summary>
public static class Paging
{
    public static AwsError? TryRead(string listing, string? nextToken, int? maxResults, int defaultSize, out long? after, out int size)
    {
        after = null;
        size = maxResults ?? defaultSize;
        if (size > Quotas.MaxPageSize)
        {
            var value = size.ToString(CultureInfo.InvariantCulture);
            return VerifiedPermissionsErrors.InvalidField(
                "maxResults", $"Value '{value}' at 'maxResults' failed to satisfy constraint: Member must have value less than or equal to {Quotas.MaxPageSize}");
        }

        if (nextToken is not null)
        {
            after = PageTokens.Decode(listing, nextToken);
            if (after is null)
            {
                return VerifiedPermissionsErrors.InvalidField("nextToken", "The nextToken is not valid for this request.");
            }
        }

        return null;
    }

    public static string? Next(string listing, long? position) => position is { } p ? PageTokens.Encode(listing, p) : null;
}
