using Verdict.CognitoIdentityProvider.Common;
using Verdict.CognitoIdentityProvider.Storage;
using Verdict.Protocol;

namespace Verdict.CognitoIdentityProvider.Users;

/// <summary>
/// The stored username of a new user. In pools whose UsernameAttributes include email or phone_number, the caller
/// signs up with that value, Cognito stores the user under its sub, and the value becomes the attribute.
/// </summary>
internal static class UsernameRules
{
    public static async ValueTask<(string? Username, AwsError? Error)> ResolveNewAsync(
        ICognitoStorage storage, UserPoolRecord pool, string requested, string sub, List<KeyValuePair<string, string>> attributes, CancellationToken cancellationToken)
    {
        var byEmail = UserAttributes.PoolUsesUsernameAttribute(pool, "email");
        var byPhone = UserAttributes.PoolUsesUsernameAttribute(pool, "phone_number");
        if (!byEmail && !byPhone)
        {
            return (requested, null);
        }

        string attribute;
        if (byEmail && requested.Contains('@', StringComparison.Ordinal))
        {
            attribute = "email";
        }
        else if (byPhone && requested.StartsWith('+'))
        {
            attribute = "phone_number";
        }
        else
        {
            return (null, CognitoErrors.InvalidParameter(byEmail && byPhone ? "Username should be either an email or a phone number." : byEmail ? "Username should be an email." : "Username should be a phone number."));
        }

        foreach (var existing in await storage.ListUsersAsync(pool.UserPoolId, cancellationToken).ConfigureAwait(false))
        {
            if (existing.Attribute(attribute) == requested)
            {
                return (null, CognitoErrors.UsernameExists($"An account with the given {attribute} already exists."));
            }
        }

        var index = attributes.FindIndex(a => a.Key == attribute);
        if (index >= 0)
        {
            attributes[index] = new(attribute, requested);
        }
        else
        {
            attributes.Add(new(attribute, requested));
        }

        return (sub, null);
    }
}
