using Verdict.Protocol;

namespace Verdict.VerifiedPermissions.Common;

/// <summary>
/// The handlers of the service, filled once at start-up by each operation group (<c>PolicyStoreOperations.Register</c>,
/// …) and frozen by the dispatcher. A name may be registered only once, and only if the model has that operation.
/// </summary>
public sealed class OperationTable
{
    private readonly Dictionary<string, OperationHandler> _handlers = new(StringComparer.Ordinal);
    private readonly HashSet<string> _modelled;

    public OperationTable(IEnumerable<string> modelledOperations)
    {
        _modelled = new HashSet<string>(modelledOperations, StringComparer.Ordinal);
    }

    public IReadOnlyDictionary<string, OperationHandler> Handlers => _handlers;

    public OperationTable Add(string operation, OperationHandler handler)
    {
        if (!_modelled.Contains(operation))
        {
            throw new ArgumentException($"{operation} is not an operation of the service model.", nameof(operation));
        }

        _handlers.Add(operation, handler);
        return this;
    }
}
