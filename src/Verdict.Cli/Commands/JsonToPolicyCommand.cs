using System.Text.Json;
using Cedar.Ast;
using Cedar.Formatting;
using Cedar.Json;

namespace Verdict.Cli.Commands;

/// <summary>
/// <c>verdict cedar json-to-policy --policies FILE</c>: reads one JSON policy, or a JSON policy set (an object with
/// <c>staticPolicies</c>, <c>templates</c> or <c>templateLinks</c>), and prints Cedar text as <c>policyToText</c> does.
/// A set prints its static policies then its templates, each in id order, separated by blank lines; template links
/// have no text form and are reported on stderr.
/// </summary>
internal static class JsonToPolicyCommand
{
    public static int Run(string[] args)
    {
        var options = new Options(args, ["--policies"]);
        var path = options.Require("--policies");
        var text = CedarFileIO.ReadFile(path);
        if (text is null)
        {
            return CommandLine.InputRejected;
        }

        if (LooksLikePolicySet(text))
        {
            var set = PolicyJson.PolicySetFromJson(text);
            if (!set.Success)
            {
                return CedarFileIO.ReportErrors(path, text, set.Errors);
            }

            var printed = set.Value!.StaticPolicies.OrderBy(p => p.Id, StringComparer.Ordinal)
                .Concat(set.Value!.Templates.OrderBy(p => p.Id, StringComparer.Ordinal))
                .Select(PolicyPrinter.Print);
            Console.Out.WriteLine(string.Join("\n\n", printed));
            if (set.Value!.Links.Count > 0)
            {
                Console.Error.WriteLine($"{path}: note: {set.Value!.Links.Count} template link(s) have no Cedar text form and were not printed");
            }

            return CommandLine.Ok;
        }

        var policy = PolicyJson.FromJson(text, "policy0");
        if (!policy.Success)
        {
            return CedarFileIO.ReportErrors(path, text, policy.Errors);
        }

        Console.Out.WriteLine(PolicyPrinter.Print(policy.Value!));
        return CommandLine.Ok;
    }

    private static bool LooksLikePolicySet(string text)
    {
        try
        {
            var reader = new Utf8JsonReader(System.Text.Encoding.UTF8.GetBytes(text));
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject || !reader.Read() || reader.TokenType != JsonTokenType.PropertyName)
            {
                return false;
            }

            return reader.GetString() is "staticPolicies" or "templates" or "templateLinks";
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
