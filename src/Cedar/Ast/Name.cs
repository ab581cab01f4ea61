namespace Cedar.Ast;

/// <summary>
/// A possibly namespaced Cedar name such as <c>Photo</c> or <c>App::Users::User</c>.
/// Equality is ordinal on the full text, which is how Cedar compares names.
/// </summary>
public sealed class Name : IEquatable<Name>
{
    private static readonly string[] s_noNamespace = [];

    public Name(string basename, IReadOnlyList<string>? namespacePath = null)
    {
        Basename = basename;
        NamespacePath = namespacePath is null || namespacePath.Count == 0 ? s_noNamespace : [.. namespacePath];
        FullName = NamespacePath.Count == 0 ? basename : string.Join("::", NamespacePath) + "::" + basename;
    }

    public string Basename { get; }

    public IReadOnlyList<string> NamespacePath { get; }

    /// <summary>The name as written in Cedar, components joined by <c>::</c>.</summary>
    public string FullName { get; }

    public string Namespace => NamespacePath.Count == 0 ? "" : string.Join("::", NamespacePath);

    /// <summary>Splits a <c>::</c>-joined name without checking that each component is an identifier.</summary>
    public static Name FromFullName(string fullName)
    {
        var parts = fullName.Split("::");
        return parts.Length == 1 ? new Name(fullName) : new Name(parts[^1], parts[..^1]);
    }

    public bool IsAction => Basename == "Action";

    public bool Equals(Name? other) => other is not null && string.Equals(FullName, other.FullName, StringComparison.Ordinal);

    public override bool Equals(object? obj) => obj is Name n && Equals(n);

    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(FullName);

    public override string ToString() => FullName;

    public static bool operator ==(Name? a, Name? b) => a is null ? b is null : a.Equals(b);

    public static bool operator !=(Name? a, Name? b) => !(a == b);
}
