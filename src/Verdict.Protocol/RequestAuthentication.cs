using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Verdict.Auth;

namespace Verdict.Protocol;

/// <summary>The caller of a request, or the AWS error that refuses it.</summary>
public readonly record struct AuthenticationOutcome(CallerIdentity? Caller, AwsError? Error)
{
    public static AuthenticationOutcome Refuse(AuthFailure failure) => new(null, new AwsError(failure.ErrorType, failure.Message, failure.StatusCode));
}

/// <summary>Decides who sent a request. Runs before the body is parsed, as on AWS.</summary>
public interface IRequestAuthenticator
{
    /// <param name="allowsAnonymous">True for operations AWS serves without a signature (Cognito's GetId, InitiateAuth, …).</param>
    AuthenticationOutcome Authenticate(HttpContext context, byte[] body, bool allowsAnonymous);
}

/// <summary>
/// AWS Signature Version 4, checked for real: the account comes from the access key and the region from the
/// credential scope. Operations that AWS serves unsigned may be called anonymously; when such a call is signed
/// anyway, the signature must still be right.
/// </summary>
public sealed class SigV4RequestAuthenticator(ICredentialResolver credentials, TimeProvider time) : IRequestAuthenticator
{
    private readonly SigV4Verifier _verifier = new(credentials, time);

    public AuthenticationOutcome Authenticate(HttpContext context, byte[] body, bool allowsAnonymous)
    {
        var request = ToSignedRequest(context, body);
        if (allowsAnonymous && !SigV4Verifier.IsSigned(request))
        {
            return new AuthenticationOutcome(CallerIdentity.Anonymous, null);
        }

        var result = _verifier.Verify(request);
        return result.Succeeded
            ? new AuthenticationOutcome(
                new CallerIdentity(result.Credential!.AccountId, result.Region!, result.Credential.AccessKeyId) { FederatedPrincipal = result.Credential.FederatedPrincipal },
                null)
            : AuthenticationOutcome.Refuse(result.Failure!);
    }

    internal static SignedRequest ToSignedRequest(HttpContext context, byte[] body)
    {
        // The raw target keeps the percent-encoding the client signed; the decoded Path would not.
        var rawTarget = context.Features.Get<IHttpRequestFeature>()?.RawTarget ?? (context.Request.Path + context.Request.QueryString).ToString();
        var question = rawTarget.IndexOf('?');
        var path = question < 0 ? rawTarget : rawTarget[..question];
        var query = question < 0 ? "" : rawTarget[(question + 1)..];
        var headers = new List<KeyValuePair<string, string>>(context.Request.Headers.Count);
        foreach (var (name, values) in context.Request.Headers)
        {
            foreach (var value in values)
            {
                headers.Add(new(name, value ?? ""));
            }
        }

        return new SignedRequest(context.Request.Method, path, query, headers, body);
    }
}

/// <summary>
/// <c>--no-auth</c>: signatures are not checked (moto-like), for local development only. The region still comes
/// from the credential scope when there is one, and a known access key still selects its account.
/// </summary>
public sealed class UncheckedRequestAuthenticator(ICredentialResolver? credentials = null) : IRequestAuthenticator
{
    public AuthenticationOutcome Authenticate(HttpContext context, byte[] body, bool allowsAnonymous)
    {
        var caller = CallerIdentityResolver.Resolve(context.Request.Headers.Authorization.ToString());
        if (caller.AccessKeyId is { } key && credentials?.Find(key) is { } known)
        {
            caller = caller with { Account = known.AccountId, FederatedPrincipal = known.FederatedPrincipal };
        }

        return new AuthenticationOutcome(caller, null);
    }
}
