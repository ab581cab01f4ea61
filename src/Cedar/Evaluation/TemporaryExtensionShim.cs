// TEMPORARY: stands in for the ext branch until it lands on main; delete this file when merging it.
using Cedar.Values;

namespace Cedar.Extensions;

public static class ExtensionFunctions
{
    public static bool TryGet(string name, out ExtensionFunction? function)
    {
        _ = name;
        function = null;
        return false;
    }

    public static bool TryConstruct(string constructorName, string argument, out ExtensionValue? value, out string? error)
    {
        value = null;
        error = "extension function `" + constructorName + "` does not exist (" + argument + ")";
        return false;
    }
}

public static class ExtensionOrdering
{
    public static bool TryCompare(Value a, Value b, out int comparison)
    {
        _ = a;
        _ = b;
        comparison = 0;
        return false;
    }
}
