using Cedar.Ast;

namespace Cedar.Values;

/// <summary>The kind of a Cedar runtime value, used for type errors and dispatch.</summary>
public enum ValueKind
{
    Bool,
    Long,
    String,
    Entity,
    Set,
    Record,
    Extension,
}

/// <summary>
/// An immutable Cedar value. Values are shared freely between threads and requests;
/// equality is Cedar's: structural, with sets compared as sets, and values of different kinds unequal.
/// </summary>
public abstract class Value : IEquatable<Value>
{
    public abstract ValueKind Kind { get; }

    /// <summary>The type name Cedar uses in type errors: <c>bool</c>, <c>long</c>, <c>string</c>, <c>(entity of type `T`)</c>, <c>set</c>, <c>record</c>, or the extension name.</summary>
    public abstract string TypeName { get; }

    public abstract bool Equals(Value? other);

    public override bool Equals(object? obj) => obj is Value v && Equals(v);

    public abstract override int GetHashCode();

    public static BoolValue Bool(bool b) => b ? BoolValue.True : BoolValue.False;

    public static LongValue Long(long l) => LongValue.Of(l);

    public static StringValue String(string s) => new(s);

    public static EntityValue Entity(EntityUid uid) => new(uid);
}

public sealed class BoolValue : Value
{
    public static readonly BoolValue True = new(true);
    public static readonly BoolValue False = new(false);

    private BoolValue(bool value) => Value = value;

    public bool Value { get; }

    public override ValueKind Kind => ValueKind.Bool;

    public override string TypeName => "bool";

    public override bool Equals(Value? other) => other is BoolValue b && b.Value == Value;

    public override int GetHashCode() => Value ? 1 : 0;

    public override string ToString() => Value ? "true" : "false";
}

public sealed class LongValue : Value
{
    private static readonly LongValue[] s_small = CreateSmall();

    private LongValue(long value) => Value = value;

    public long Value { get; }

    public override ValueKind Kind => ValueKind.Long;

    public override string TypeName => "long";

    public static LongValue Of(long value) => value is >= -128 and < 1024 ? s_small[value + 128] : new LongValue(value);

    public override bool Equals(Value? other) => other is LongValue l && l.Value == Value;

    public override int GetHashCode() => Value.GetHashCode();

    public override string ToString() => Value.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static LongValue[] CreateSmall()
    {
        var a = new LongValue[1024 + 128];
        for (var i = 0; i < a.Length; i++)
        {
            a[i] = new LongValue(i - 128);
        }

        return a;
    }
}

public sealed class StringValue : Value
{
    public StringValue(string value) => Value = value;

    public string Value { get; }

    public override ValueKind Kind => ValueKind.String;

    public override string TypeName => "string";

    public override bool Equals(Value? other) => other is StringValue s && string.Equals(s.Value, Value, StringComparison.Ordinal);

    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Value);

    public override string ToString() => "\"" + StringEscaper.Escape(Value) + "\"";
}

public sealed class EntityValue : Value
{
    public EntityValue(EntityUid uid) => Uid = uid;

    public EntityUid Uid { get; }

    public override ValueKind Kind => ValueKind.Entity;

    public override string TypeName => "(entity of type `" + Uid.Type.FullName + "`)";

    public override bool Equals(Value? other) => other is EntityValue e && e.Uid.Equals(Uid);

    public override int GetHashCode() => Uid.GetHashCode();

    public override string ToString() => Uid.ToString();
}

/// <summary>A value of an extension type (ipaddr, decimal, datetime, duration).</summary>
public abstract class ExtensionValue : Value
{
    public override ValueKind Kind => ValueKind.Extension;

    /// <summary>The extension type's name, e.g. <c>ipaddr</c>.</summary>
    public abstract string ExtensionName { get; }

    public override string TypeName => ExtensionName;

    /// <summary>The constructor function that rebuilds this value from <see cref="ConstructorArgument"/>, e.g. <c>ip</c>.</summary>
    public abstract string ConstructorName { get; }

    /// <summary>The canonical string argument for <see cref="ConstructorName"/> (used by JSON <c>__extn</c> output and printing).</summary>
    public abstract string ConstructorArgument { get; }

    public override string ToString() => ConstructorName + "(\"" + StringEscaper.Escape(ConstructorArgument) + "\")";
}
