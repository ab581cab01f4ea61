namespace Verdict.CognitoIdentityProvider.Storage;

internal static class ValueTaskExtensions
{
    public static async ValueTask AsVoid<T>(this ValueTask<T> task) => await task.ConfigureAwait(false);
}
