using Verdict.CognitoIdentityProvider.Storage;
using Verdict.Protocol;

namespace Verdict.CognitoIdentityProvider.Common;

/// <summary>Finds the pool or client an operation names, in the caller's tenant (signed calls) or by id (unsigned calls).</summary>
public sealed class PoolResolver(ICognitoStorage storage)
{
    public async ValueTask<(UserPoolRecord? Pool, AwsError? Error)> PoolAsync(AwsRequest request, string userPoolId, CancellationToken cancellationToken)
    {
        // A pool lives in the region its id names; a call signed for another region does not see it.
        var pool = await storage.GetUserPoolAsync(request.Caller.Account, request.Caller.Region, userPoolId, cancellationToken).ConfigureAwait(false);
        return pool is null ? (null, CognitoErrors.PoolNotFound(userPoolId)) : (pool, null);
    }

    /// <summary>
    /// For the unsigned operations (InitiateAuth, SignUp, …): the client id alone names the pool, whoever calls, as on AWS
    /// where these calls carry no credentials.
    /// </summary>
    public async ValueTask<(UserPoolRecord? Pool, UserPoolClientRecord? Client, AwsError? Error)> ClientAsync(string clientId, CancellationToken cancellationToken)
    {
        var client = await storage.FindClientAsync(clientId, cancellationToken).ConfigureAwait(false);
        if (client is null)
        {
            return (null, null, CognitoErrors.ClientNotFound(clientId));
        }

        var pool = await storage.FindUserPoolAsync(client.UserPoolId, cancellationToken).ConfigureAwait(false);
        return pool is null ? (null, null, CognitoErrors.ClientNotFound(clientId)) : (pool, client, null);
    }

    /// <summary>For admin calls that name both a pool (in the caller's tenant) and one of its clients.</summary>
    public async ValueTask<(UserPoolRecord? Pool, UserPoolClientRecord? Client, AwsError? Error)> PoolClientAsync(
        AwsRequest request, string userPoolId, string clientId, CancellationToken cancellationToken)
    {
        var (pool, error) = await PoolAsync(request, userPoolId, cancellationToken).ConfigureAwait(false);
        if (pool is null)
        {
            return (null, null, error);
        }

        var client = await storage.GetClientAsync(userPoolId, clientId, cancellationToken).ConfigureAwait(false);
        return client is null ? (null, null, CognitoErrors.ClientNotFound(clientId)) : (pool, client, null);
    }
}
