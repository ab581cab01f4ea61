namespace Verdict.Storage;

/// <summary>A client token presented with a create request.</summary>
/// <param name="Operation">The operation name, so one token can't replay another operation's answer.</param>
/// <param name="Fingerprint">A digest of every other request parameter: a token reused with a different fingerprint is a conflict.</param>
/// <param name="NotBefore">Tokens recorded before this instant are forgotten (AWS recognises a token for eight hours).</param>
public sealed record IdempotencyKey(string Operation, string Token, string Fingerprint, DateTimeOffset NotBefore);

/// <summary>What a create with an optional client token came to.</summary>
public enum IdempotentCreateStatus
{
    /// <summary>The resource was created and, when a token was given, the response recorded under it.</summary>
    Created,

    /// <summary>The token was seen with the same parameters: <see cref="IdempotentCreateResult.RecordedResponse"/> is the first answer.</summary>
    Replayed,

    /// <summary>The token was seen with different parameters.</summary>
    TokenConflict,

    /// <summary>A store-level quota (for example aliases per store) refused the create.</summary>
    QuotaExceeded,

    /// <summary>The parent resource does not exist.</summary>
    ParentNotFound,

    /// <summary>A resource with the same unique name already exists.</summary>
    NameConflict,

    /// <summary>The caller's check, run inside the transaction, refused the create; the caller knows why.</summary>
    Rejected,
}

/// <param name="ResourceId">The id of the created resource, or of the resource the token first created.</param>
/// <param name="RecordedResponse">The serialized response recorded under the token (Created and Replayed).</param>
public sealed record IdempotentCreateResult(IdempotentCreateStatus Status, string? ResourceId, string? RecordedResponse);
