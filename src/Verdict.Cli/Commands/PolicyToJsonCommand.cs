using System.Text.Encodings.Web;
using System.Text.Json;
using Cedar.Ast;
using Cedar.Json;
using Cedar.Parsing;

namespace Verdict.Cli.Commands;

/// <summary>
/// <c>verdict cedar policy-to-json --policies FILE</c>: prints the policy set in Cedar's JSON policy-set form
/// (<c>{"staticPolicies": {...}, "templates": {...}, "templateLinks": []}</c>), policies named policy0, policy1, ... in source order.
/// </summary>
internal static class PolicyToJsonCommand
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

        var parsed = PolicyParser.ParsePolicySet(text);
        if (!parsed.Success)
        {
            return CedarFileIO.ReportErrors(path, text, parsed.Errors);
        }

        var set = PolicySet.Create(parsed.Value!);
        if (!set.Success)
        {
            return CedarFileIO.ReportErrors(path, text, set.Errors);
        }

        Console.Out.WriteLine(Indent(PolicyJson.PolicySetToJson(set.Value!)));
        return CommandLine.Ok;
    }

    internal static string Indent(string json)
    {
        using var doc = JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = 4096 });
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, MaxDepth = 4096, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            doc.WriteTo(w);
        }

        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }
}
