namespace Verdict.CognitoIdentityProvider.Storage;

/// <summary>
/// Persistence for user pools and everything under them. Pools are scoped by (account, region); everything else hangs
/// off a pool id, which is globally unique, so a caller first resolves the pool in its tenant and then works inside it.
/// Unsigned operations find their pool through a client id (<see cref="FindClientAsync"/>), which is globally unique too.
/// </summary>
public interface ICognitoStorage
{
    ValueTask InitializeAsync(CancellationToken cancellationToken);

    // Pools and their signing keys.
    ValueTask CreateUserPoolAsync(UserPoolRecord pool, IReadOnlyList<SigningKeyRecord> keys, CancellationToken cancellationToken);

    ValueTask<UserPoolRecord?> GetUserPoolAsync(string account, string region, string userPoolId, CancellationToken cancellationToken);

    /// <summary>The pool with this id in any tenant: for the unauthenticated discovery endpoints and token checks.</summary>
    ValueTask<UserPoolRecord?> FindUserPoolAsync(string userPoolId, CancellationToken cancellationToken);

    ValueTask UpdateUserPoolAsync(UserPoolRecord pool, CancellationToken cancellationToken);

    ValueTask<IReadOnlyList<UserPoolRecord>> ListUserPoolsAsync(string account, string region, CancellationToken cancellationToken);

    /// <summary>Deletes the pool with its keys, clients, users, groups and sessions. False when it did not exist.</summary>
    ValueTask<bool> DeleteUserPoolAsync(string account, string region, string userPoolId, CancellationToken cancellationToken);

    ValueTask<int> CountUsersAsync(string userPoolId, CancellationToken cancellationToken);

    ValueTask<IReadOnlyList<SigningKeyRecord>> GetSigningKeysAsync(string userPoolId, CancellationToken cancellationToken);

    // Clients.
    ValueTask CreateClientAsync(UserPoolClientRecord client, CancellationToken cancellationToken);

    ValueTask<UserPoolClientRecord?> GetClientAsync(string userPoolId, string clientId, CancellationToken cancellationToken);

    ValueTask<UserPoolClientRecord?> FindClientAsync(string clientId, CancellationToken cancellationToken);

    ValueTask UpdateClientAsync(UserPoolClientRecord client, CancellationToken cancellationToken);

    ValueTask<IReadOnlyList<UserPoolClientRecord>> ListClientsAsync(string userPoolId, CancellationToken cancellationToken);

    ValueTask<bool> DeleteClientAsync(string userPoolId, string clientId, CancellationToken cancellationToken);

    // Users.
    /// <summary>False when a user with that username already exists in the pool.</summary>
    ValueTask<bool> CreateUserAsync(UserRecord user, CancellationToken cancellationToken);

    ValueTask<UserRecord?> GetUserAsync(string userPoolId, string username, CancellationToken cancellationToken);

    ValueTask UpdateUserAsync(UserRecord user, CancellationToken cancellationToken);

    ValueTask<IReadOnlyList<UserRecord>> ListUsersAsync(string userPoolId, CancellationToken cancellationToken);

    /// <summary>Deletes the user, its group memberships and its sessions.</summary>
    ValueTask<bool> DeleteUserAsync(string userPoolId, string username, CancellationToken cancellationToken);

    // Groups.
    /// <summary>False when the group already exists.</summary>
    ValueTask<bool> CreateGroupAsync(GroupRecord group, CancellationToken cancellationToken);

    ValueTask<GroupRecord?> GetGroupAsync(string userPoolId, string groupName, CancellationToken cancellationToken);

    ValueTask UpdateGroupAsync(GroupRecord group, CancellationToken cancellationToken);

    ValueTask<IReadOnlyList<GroupRecord>> ListGroupsAsync(string userPoolId, CancellationToken cancellationToken);

    ValueTask<bool> DeleteGroupAsync(string userPoolId, string groupName, CancellationToken cancellationToken);

    ValueTask AddUserToGroupAsync(string userPoolId, string groupName, string username, CancellationToken cancellationToken);

    ValueTask RemoveUserFromGroupAsync(string userPoolId, string groupName, string username, CancellationToken cancellationToken);

    ValueTask<IReadOnlyList<GroupRecord>> ListGroupsForUserAsync(string userPoolId, string username, CancellationToken cancellationToken);

    ValueTask<IReadOnlyList<UserRecord>> ListUsersInGroupAsync(string userPoolId, string groupName, CancellationToken cancellationToken);

    // Sign-in sessions and challenges.
    ValueTask CreateAuthSessionAsync(AuthSessionRecord session, CancellationToken cancellationToken);

    ValueTask<AuthSessionRecord?> GetAuthSessionAsync(string originJti, CancellationToken cancellationToken);

    ValueTask<AuthSessionRecord?> FindAuthSessionByRefreshTokenAsync(string refreshTokenHash, CancellationToken cancellationToken);

    ValueTask RevokeAuthSessionAsync(string originJti, CancellationToken cancellationToken);

    ValueTask RevokeUserAuthSessionsAsync(string userPoolId, string username, CancellationToken cancellationToken);

    ValueTask CreateChallengeAsync(ChallengeRecord challenge, CancellationToken cancellationToken);

    /// <summary>Returns and deletes the challenge: a Session string answers once.</summary>
    ValueTask<ChallengeRecord?> TakeChallengeAsync(string sessionHash, CancellationToken cancellationToken);
}
