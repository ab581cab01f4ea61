using Cedar.Evaluation;
using Cedar.Values;

namespace Cedar.Extensions;

/// <summary>
/// One extension function, e.g. the constructor <c>ip</c> or the method <c>isInRange</c>.
/// Methods take their receiver as the first argument.
/// </summary>
public sealed class ExtensionFunction(string name, int arity, bool isConstructor, Func<IReadOnlyList<Value>, EvalResult> apply)
{
    public string Name { get; } = name;

    /// <summary>The number of arguments, counting a method's receiver.</summary>
    public int Arity { get; } = arity;

    /// <summary>True for functions written as calls (<c>ip("..")</c>), false for methods (<c>x.isIpv4()</c>).</summary>
    public bool IsConstructor { get; } = isConstructor;

    /// <summary>Applies the function to evaluated arguments; the caller has already checked the count.</summary>
    public Func<IReadOnlyList<Value>, EvalResult> Apply { get; } = apply;
}
