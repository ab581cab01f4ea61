using Verdict.CognitoIdentityProvider.Storage;

namespace Verdict.CognitoIdentityProvider.Users;

/// <summary>
/// Finds a user by what a caller may type: the username, or in pools with email or phone as username (or as alias),
/// the email address or phone number, as Cognito allows.
/// </summary>
public sealed class UserDirectory(ICognitoStorage storage)
{
    public async ValueTask<UserRecord?> FindAsync(UserPoolRecord pool, string name, CancellationToken cancellationToken)
    {
        var user = await storage.GetUserAsync(pool.UserPoolId, name, cancellationToken).ConfigureAwait(false);
        if (user is not null)
        {
            return user;
        }

        var attribute = name.Contains('@', StringComparison.Ordinal) ? "email" : name.StartsWith('+') ? "phone_number" : null;
        if (attribute is null)
        {
            return await FindByPreferredUsernameAsync(pool, name, cancellationToken).ConfigureAwait(false);
        }

        var asUsername = UserAttributes.PoolUsesUsernameAttribute(pool, attribute);
        if (!asUsername && !UserAttributes.PoolHasAlias(pool, attribute))
        {
            return null;
        }

        // An alias signs in only once verified; a username attribute always does.
        var verified = attribute + "_verified";
        foreach (var candidate in await storage.ListUsersAsync(pool.UserPoolId, cancellationToken).ConfigureAwait(false))
        {
            if (candidate.Attribute(attribute) == name && (asUsername || candidate.Attribute(verified) == "true"))
            {
                return candidate;
            }
        }

        return null;
    }

    private async ValueTask<UserRecord?> FindByPreferredUsernameAsync(UserPoolRecord pool, string name, CancellationToken cancellationToken)
    {
        if (!UserAttributes.PoolHasAlias(pool, "preferred_username"))
        {
            return null;
        }

        foreach (var candidate in await storage.ListUsersAsync(pool.UserPoolId, cancellationToken).ConfigureAwait(false))
        {
            if (candidate.Attribute("preferred_username") == name)
            {
                return candidate;
            }
        }

        return null;
    }
}
