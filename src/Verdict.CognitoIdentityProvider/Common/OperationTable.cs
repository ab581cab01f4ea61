using Verdict.Protocol;

namespace Verdict.CognitoIdentityProvider.Common;

/// <summary>Collects handlers; each name must be an operation of the model, so a typo fails at start-up, not at call time.</summary>
public sealed class OperationTable(IEnumerable<string> modelOperations)
{
    private readonly HashSet<string> _known = new(modelOperations, StringComparer.Ordinal);
    private readonly Dictionary<string, OperationHandler> _handlers = new(StringComparer.Ordinal);

    public IReadOnlyDictionary<string, OperationHandler> Handlers => _handlers;

    public void Add(string operation, OperationHandler handler)
    {
        if (!_known.Contains(operation))
        {
            throw new InvalidOperationException($"{operation} is not an operation of the Cognito model.");
        }

        _handlers.Add(operation, handler);
    }
}
