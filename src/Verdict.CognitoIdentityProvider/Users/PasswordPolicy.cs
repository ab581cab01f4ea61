using System.Text.Json.Nodes;
using Verdict.CognitoIdentityProvider.Common;

namespace Verdict.CognitoIdentityProvider.Users;

/// <summary>A pool's password policy (Policies.PasswordPolicy), checked the way Cognito words its failures.</summary>
public sealed record PasswordPolicy(int MinimumLength, bool RequireUppercase, bool RequireLowercase, bool RequireNumbers, bool RequireSymbols, int TemporaryPasswordValidityDays)
{
    /// <summary>The characters Cognito counts as symbols.</summary>
    public const string Symbols = "^$*.[]{}()?\"!@#%&/\\,><':;|_~`=+- ";

    public static readonly PasswordPolicy Default = new(8, true, true, true, true, 7);

    public static PasswordPolicy FromPoolConfig(JsonObject config)
    {
        if (config["Policies"]?["PasswordPolicy"] is not JsonObject policy)
        {
            return Default;
        }

        return new PasswordPolicy(
            policy["MinimumLength"].AsInt() ?? Default.MinimumLength,
            policy["RequireUppercase"].AsBool() ?? false,
            policy["RequireLowercase"].AsBool() ?? false,
            policy["RequireNumbers"].AsBool() ?? false,
            policy["RequireSymbols"].AsBool() ?? false,
            policy["TemporaryPasswordValidityDays"].AsInt() ?? Default.TemporaryPasswordValidityDays);
    }

    /// <summary>
    /// The first rule the password breaks, or null. Self-service calls say "Password did not conform with policy: …",
    /// admin calls "Password does not conform to policy: …".
    /// </summary>
    public string? Check(string password, bool adminWording)
    {
        var reason = Reason(password);
        if (reason is null)
        {
            return null;
        }

        return (adminWording ? "Password does not conform to policy: " : "Password did not conform with policy: ") + reason;
    }

    private string? Reason(string password)
    {
        if (password.Length < MinimumLength)
        {
            return "Password not long enough";
        }

        if (RequireLowercase && !password.Any(char.IsAsciiLetterLower))
        {
            return "Password must have lowercase characters";
        }

        if (RequireUppercase && !password.Any(char.IsAsciiLetterUpper))
        {
            return "Password must have uppercase characters";
        }

        if (RequireNumbers && !password.Any(char.IsAsciiDigit))
        {
            return "Password must have numeric characters";
        }

        if (RequireSymbols && !password.Any(c => Symbols.Contains(c, StringComparison.Ordinal)))
        {
            return "Password must have symbol characters";
        }

        return null;
    }

    /// <summary>A random password that satisfies this policy, for AdminCreateUser without TemporaryPassword.</summary>
    public string Generate()
    {
        const string lower = "abcdefghijkmnopqrstuvwxyz";
        const string upper = "ABCDEFGHJKLMNPQRSTUVWXYZ";
        const string digits = "23456789";
        const string symbols = "!#%&*+-=?@^_";
        var length = Math.Max(MinimumLength, 12);
        var chars = new List<char>
        {
            System.Security.Cryptography.RandomNumberGenerator.GetString(lower, 1)[0],
            System.Security.Cryptography.RandomNumberGenerator.GetString(upper, 1)[0],
            System.Security.Cryptography.RandomNumberGenerator.GetString(digits, 1)[0],
            System.Security.Cryptography.RandomNumberGenerator.GetString(symbols, 1)[0],
        };
        chars.AddRange(System.Security.Cryptography.RandomNumberGenerator.GetString(lower + upper + digits + symbols, length - chars.Count));
        var array = chars.ToArray();
        System.Security.Cryptography.RandomNumberGenerator.Shuffle(array.AsSpan());
        return new string(array);
    }
}
