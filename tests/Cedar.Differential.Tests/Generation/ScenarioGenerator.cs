using System.Globalization;
using System.Text;

namespace Cedar.Differential.Tests.Generation;

/// <summary>One generated authorization problem: a policy set, an entity store and requests, all as Cedar text/JSON.</summary>
public sealed record Scenario(
    string StaticPolicies,
    IReadOnlyList<GeneratedTemplate> Templates,
    IReadOnlyList<GeneratedLink> Links,
    string EntitiesJson,
    IReadOnlyList<GeneratedRequest> Requests);

public sealed record GeneratedTemplate(string Id, string Text);

public sealed record GeneratedLink(string TemplateId, string NewId, string? PrincipalUidJson, string? ResourceUidJson);

/// <summary>A request with principal/action/resource as entity-uid JSON objects and a context record as JSON.</summary>
public sealed record GeneratedRequest(string PrincipalJson, string ActionJson, string ResourceJson, string ContextJson);

/// <summary>
/// Draws random but mostly well-formed Cedar scenarios from a seed. The generator aims at every feature of the
/// language: scopes (==, in, is, is-in, action lists), templates, every operator, has-paths, like with escapes,
/// tags, extension constructors and methods (valid and invalid literals), 64-bit overflow, missing entities and
/// attributes, ill-typed operands, and deep-ish nesting. It emits text, not ASTs, so it exercises the parser too.
/// </summary>
public sealed class ScenarioGenerator(int seed)
{
    private static readonly string[] s_userIds = ["alice", "bob", "carol", "d\"q\\e", "\u00e9mile \ud83d\ude00"];
    private static readonly string[] s_groupIds = ["admins", "staff", "all"];
    private static readonly string[] s_docIds = ["d0", "d1", "d2"];
    private static readonly string[] s_folderIds = ["root", "shared"];
    private static readonly string[] s_actions = ["read", "write", "delete", "all", "readwrite"];
    private static readonly string[] s_strings = ["", "a", "abc", "alice", "x*y", "ab*", "héllo", "eng", "\\", "\"q\""];
    private static readonly string[] s_patterns = ["*", "a*", "*c", "a*c", "\\*", "x\\*y", "", "**", "h*o", "*l*", "al*e"];
    private static readonly string[] s_ips = ["10.0.0.1", "10.0.0.0/8", "192.168.1.1/24", "::1", "127.0.0.1", "ff02::1", "2001:db8::/32", "1.2.3", "127.1", "::ffff:1.2.3.4", "10.0.0.1/33", "0.0.0.0/0"];
    private static readonly string[] s_decimals = ["1.0", "0.5", "-1.2345", "12.34", "922337203685477.5807", "-922337203685477.5808", "1.23456", "1", ".5", "3.14"];
    private static readonly string[] s_datetimes = ["2024-01-01", "2024-02-29T12:00:00Z", "2023-12-31T23:59:59.999Z", "2024-06-01T10:00:00+0200", "2024-13-01", "1970-01-01", "2024-01-01T25:00:00Z", "2025-03-04T05:06:07-0130"];
    private static readonly string[] s_durations = ["1d", "2h", "-3m", "1d2h3m4s5ms", "0ms", "10s", "1h1d", "", "9223372036854775807ms", "-1d-2h"];
    private static readonly long[] s_longs = [0, 1, -1, 2, 7, 42, 100, -100, long.MaxValue, long.MinValue + 1, 4611686018427387904, 3037000500];

    private readonly Random _rng = new(seed);

    public Scenario Next(int requestCount)
    {
        var sb = new StringBuilder();
        var policyCount = _rng.Next(1, 8);
        for (var i = 0; i < policyCount; i++)
        {
            sb.Append(Policy(slots: false)).Append('\n');
        }

        var templates = new List<GeneratedTemplate>();
        var links = new List<GeneratedLink>();
        if (_rng.Next(4) == 0)
        {
            var templateCount = _rng.Next(1, 3);
            for (var t = 0; t < templateCount; t++)
            {
                var id = "template" + t;
                templates.Add(new GeneratedTemplate(id, Policy(slots: true, out var usesP, out var usesR)));
                var linkCount = _rng.Next(1, 4);
                for (var l = 0; l < linkCount; l++)
                {
                    links.Add(new GeneratedLink(
                        id,
                        $"link{t}_{l}",
                        usesP ? UidJson(AnyEntityUid()) : null,
                        usesR ? UidJson(AnyEntityUid()) : null));
                }
            }
        }

        var requests = new List<GeneratedRequest>(requestCount);
        for (var i = 0; i < requestCount; i++)
        {
            requests.Add(new GeneratedRequest(
                UidJson(Pick(PrincipalCandidates())),
                UidJson(("Action", Pick(s_actions))),
                UidJson(Pick(ResourceCandidates())),
                Context()));
        }

        return new Scenario(sb.ToString(), templates, links, Entities(), requests);
    }

    private (string Type, string Id)[] PrincipalCandidates() =>
        [("User", s_userIds[0]), ("User", s_userIds[1]), ("User", s_userIds[2]), ("User", s_userIds[3]), ("User", s_userIds[4]), ("User", "ghost"), ("Group", "admins")];

    private (string Type, string Id)[] ResourceCandidates() =>
        [("App::Doc", "d0"), ("App::Doc", "d1"), ("App::Doc", "d2"), ("Folder", "root"), ("App::Doc", "missing"), ("User", "alice")];

    private (string Type, string Id) AnyEntityUid() => _rng.Next(5) switch
    {
        0 => ("User", Pick(s_userIds)),
        1 => ("Group", Pick(s_groupIds)),
        2 => ("App::Doc", Pick(s_docIds)),
        3 => ("Folder", Pick(s_folderIds)),
        _ => ("User", "ghost"),
    };

    // ---------------------------------------------------------------- policies
    private string Policy(bool slots) => Policy(slots, out _, out _);

    private string Policy(bool slots, out bool usesPrincipalSlot, out bool usesResourceSlot)
    {
        var sb = new StringBuilder();
        if (_rng.Next(6) == 0)
        {
            sb.Append("@id(\"x\") ");
        }

        if (_rng.Next(8) == 0)
        {
            sb.Append("@advice ");
        }

        sb.Append(_rng.Next(4) == 0 ? "forbid" : "permit").Append(" (\n  ");
        usesPrincipalSlot = slots && _rng.Next(3) != 0;
        usesResourceSlot = slots && (!usesPrincipalSlot || _rng.Next(2) == 0);
        sb.Append(Scope("principal", ["User", "Group"], usesPrincipalSlot ? "?principal" : null)).Append(",\n  ");
        sb.Append(ActionScope()).Append(",\n  ");
        sb.Append(Scope("resource", ["App::Doc", "Folder"], usesResourceSlot ? "?resource" : null)).Append("\n)");
        var conditions = _rng.Next(0, 3);
        for (var i = 0; i < conditions; i++)
        {
            sb.Append(_rng.Next(4) == 0 ? " unless { " : " when { ").Append(Bool(_rng.Next(1, 4))).Append(" }");
        }

        return sb.Append(";").ToString();
    }

    private string Scope(string var, string[] types, string? slot)
    {
        var uid = slot ?? EntityLiteral(AnyEntityUid());
        return _rng.Next(slot is null ? 8 : 3) switch
        {
            0 => var + " == " + uid,
            1 => var + " in " + uid,
            2 => var + " is " + Pick(types) + " in " + uid,
            3 => var + " is " + Pick(types),
            _ => var,
        };
    }

    private string ActionScope() => _rng.Next(4) switch
    {
        0 => "action == Action::\"" + Pick(s_actions) + "\"",
        1 => "action in Action::\"" + Pick(s_actions) + "\"",
        2 => "action in [" + string.Join(", ", Enumerable.Range(0, _rng.Next(0, 3)).Select(_ => "Action::\"" + Pick(s_actions) + "\"")) + "]",
        _ => "action",
    };

    // ------------------------------------------------------------- expressions
    private string Bool(int depth)
    {
        if (depth <= 0)
        {
            return _rng.Next(6) switch
            {
                0 => "true",
                1 => "false",
                2 => "context.flag",
                3 => "principal has age",
                4 => "resource has owner",
                _ => Atom(Long(0)) + " < " + Atom(Long(0)),
            };
        }

        var d = depth - 1;
        switch (_rng.Next(30))
        {
            case 0: return Atom(Bool(d)) + " && " + Atom(Bool(d));
            case 1: return Atom(Bool(d)) + " || " + Atom(Bool(d));
            case 2: return "!" + Atom(Bool(d));
            case 3: return Atom(Long(d)) + " " + Pick(["<", "<=", ">", ">="]) + " " + Atom(Long(d));
            case 4: return Atom(Any(d)) + " " + Pick(["==", "!="]) + " " + Atom(Any(d));
            case 5: return Atom(Entity(d)) + " in " + (_rng.Next(2) == 0 ? Atom(Entity(d)) : "[" + Entity(d) + ", " + Entity(d) + "]");
            case 6: return Atom(Entity(d)) + " has " + Pick(["age", "name", "owner", "flags", "manager", "\"quoted attr\""]);
            case 7: return "principal has flags.admin";
            case 8: return Atom(Str(d)) + " like \"" + Pick(s_patterns) + "\"";
            case 9: return Atom(Entity(d)) + " is " + Pick(["User", "Group", "App::Doc", "Folder", "Nope"]);
            case 10: return "principal is User in " + Atom(Entity(d));
            case 11: return Atom(Set(d)) + ".contains(" + Any(d) + ")";
            case 12: return Atom(Set(d)) + Pick([".containsAll(", ".containsAny("]) + Set(d) + ")";
            case 13: return Atom(Set(d)) + ".isEmpty()";
            case 14: return Atom(Entity(d)) + ".hasTag(" + Str(d) + ")";
            case 15: return "if " + Bool(d) + " then " + Bool(d) + " else " + Bool(d);
            case 16: return Atom(Ip(d)) + Pick([".isIpv4()", ".isIpv6()", ".isLoopback()", ".isMulticast()"]);
            case 17: return Atom(Ip(d)) + ".isInRange(" + Ip(d) + ")";
            case 18: return Atom(Dec(d)) + Pick([".lessThan(", ".lessThanOrEqual(", ".greaterThan(", ".greaterThanOrEqual("]) + Dec(d) + ")";
            case 19: return Atom(Datetime(d)) + " " + Pick(["<", "<=", ">", ">=", "=="]) + " " + Atom(Datetime(d));
            case 20: return Atom(Duration(d)) + " " + Pick(["<", ">=", "=="]) + " " + Atom(Duration(d));
            case 21: return "principal.flags.admin";
            case 22: return Atom(Entity(d)) + ".getTag(\"" + Pick(["admin", "dept"]) + "\") == " + Pick(["true", "\"eng\"", "3"]);
            case 23: return "context.flag && " + Atom(Long(d)) + " == " + Atom(Long(d));
            case 24: return Atom(Any(d)) + " == " + Atom(Any(d));
            case 25: return Atom(Long(d)) + " " + Pick(["&&", "||"]) + " " + Atom(Bool(d));   // ill-typed on purpose
            case 26: return "context has " + Pick(["n", "s", "missing", "list", "rec"]);
            case 27: return "context.rec has inner.deep";
            case 28: return Atom(Record(d)) + " has " + Pick(["a", "b"]);
            default: return Bool(0);
        }
    }

    private string Long(int depth)
    {
        if (depth <= 0 || _rng.Next(3) == 0)
        {
            return _rng.Next(5) switch
            {
                0 => "principal.age",
                1 => "context.n",
                2 => "resource.size",
                _ => LongLiteral(),
            };
        }

        var d = depth - 1;
        return _rng.Next(9) switch
        {
            0 => Atom(Long(d)) + " + " + Atom(Long(d)),
            1 => Atom(Long(d)) + " - " + Atom(Long(d)),
            2 => Atom(Long(d)) + " * " + Atom(Long(d)),
            3 => "-" + Atom(Long(d)),
            4 => "if " + Bool(d) + " then " + Long(d) + " else " + Long(d),
            5 => Atom(Duration(d)) + Pick([".toDays()", ".toHours()", ".toMinutes()", ".toSeconds()", ".toMilliseconds()"]),
            6 => "principal.getTag(\"level\")",
            7 => Atom(Record(d)) + ".a",
            _ => LongLiteral(),
        };
    }

    private string LongLiteral()
    {
        var v = Pick(s_longs);
        return v < 0 ? "(" + v.ToString(CultureInfo.InvariantCulture) + ")" : v.ToString(CultureInfo.InvariantCulture);
    }

    private string Str(int depth) => _rng.Next(5) switch
    {
        0 => "principal.name",
        1 => "context.s",
        2 when depth > 0 => "if " + Bool(depth - 1) + " then " + Str(depth - 1) + " else " + Str(depth - 1),
        3 => "resource.owner.name",
        _ => StringLiteral(Pick(s_strings)),
    };

    private string Entity(int depth) => _rng.Next(8) switch
    {
        0 => "principal",
        1 => "resource",
        2 => "action",
        3 => "principal.manager",
        4 => "resource.owner",
        5 => "context.who",
        6 when depth > 0 => "if " + Bool(depth - 1) + " then " + Entity(depth - 1) + " else " + Entity(depth - 1),
        _ => EntityLiteral(AnyEntityUid()),
    };

    private string Set(int depth) => _rng.Next(6) switch
    {
        0 => "principal.roles",
        1 => "context.list",
        2 => "[]",
        3 => "[" + string.Join(", ", Enumerable.Range(0, _rng.Next(1, 4)).Select(_ => Any(Math.Max(0, depth - 1)))) + "]",
        4 => "[" + string.Join(", ", Enumerable.Range(0, _rng.Next(1, 3)).Select(_ => EntityLiteral(AnyEntityUid()))) + "]",
        _ => "[" + StringLiteral(Pick(s_strings)) + ", " + StringLiteral(Pick(s_strings)) + "]",
    };

    private string Record(int depth) => _rng.Next(4) switch
    {
        0 => "principal.flags",
        1 => "context.rec",
        2 => "{a: " + Long(Math.Max(0, depth - 1)) + ", b: " + Bool(0) + "}",
        _ => "{\"a\": " + LongLiteral() + "}",
    };

    private string Ip(int depth) => _rng.Next(4) switch
    {
        0 => "principal.ip",
        1 => "context.ip",
        _ => "ip(" + StringLiteral(Pick(s_ips)) + ")",
    };

    private string Dec(int depth) => _rng.Next(3) switch
    {
        0 => "principal.score",
        _ => "decimal(" + StringLiteral(Pick(s_decimals)) + ")",
    };

    private string Datetime(int depth) => _rng.Next(5) switch
    {
        0 => "principal.joined",
        1 => "datetime(" + StringLiteral(Pick(s_datetimes)) + ").offset(" + Duration(Math.Max(0, depth - 1)) + ")",
        2 => "context.when.toDate()",
        _ => "datetime(" + StringLiteral(Pick(s_datetimes)) + ")",
    };

    private string Duration(int depth) => _rng.Next(4) switch
    {
        0 => "context.when.durationSince(datetime(" + StringLiteral(Pick(s_datetimes)) + "))",
        1 => "principal.joined.toTime()",
        _ => "duration(" + StringLiteral(Pick(s_durations)) + ")",
    };

    private string Any(int depth) => _rng.Next(8) switch
    {
        0 => Bool(Math.Min(depth, 1)),
        1 => Long(depth),
        2 => Str(depth),
        3 => Entity(depth),
        4 => Set(depth),
        5 => Record(depth),
        6 => Dec(depth),
        _ => Ip(depth),
    };

    private static string Atom(string expr) => "(" + expr + ")";

    private static string EntityLiteral((string Type, string Id) uid) => uid.Type + "::" + StringLiteral(uid.Id);

    private static string StringLiteral(string s)
    {
        var sb = new StringBuilder("\"");
        foreach (var c in s)
        {
            sb.Append(c switch
            {
                '"' => "\\\"",
                '\\' => "\\\\",
                '\n' => "\\n",
                _ => c.ToString(),
            });
        }

        return sb.Append('"').ToString();
    }

    // ---------------------------------------------------------------- entities
    private string Entities()
    {
        var list = new List<string>();
        foreach (var u in s_userIds)
        {
            if (_rng.Next(8) == 0)
            {
                continue; // sometimes an entity is missing from the store
            }

            var attrs = new List<string>();
            if (_rng.Next(5) != 0)
            {
                attrs.Add("\"age\": " + Pick(s_longs).ToString(CultureInfo.InvariantCulture));
            }

            if (_rng.Next(5) != 0)
            {
                attrs.Add("\"name\": " + JsonString(Pick(s_strings)));
            }

            attrs.Add("\"roles\": [" + string.Join(", ", Enumerable.Range(0, _rng.Next(0, 3)).Select(_ => JsonString(Pick(s_strings)))) + "]");
            if (_rng.Next(3) != 0)
            {
                attrs.Add("\"manager\": {\"__entity\": " + UidJson(("User", Pick(s_userIds))) + "}");
            }

            if (_rng.Next(3) != 0)
            {
                attrs.Add("\"ip\": {\"__extn\": {\"fn\": \"ip\", \"arg\": " + JsonString(Pick(s_ips[..7])) + "}}");
            }

            if (_rng.Next(3) != 0)
            {
                attrs.Add("\"score\": {\"__extn\": {\"fn\": \"decimal\", \"arg\": " + JsonString(Pick(s_decimals[..4])) + "}}");
            }

            if (_rng.Next(3) != 0)
            {
                attrs.Add("\"joined\": {\"__extn\": {\"fn\": \"datetime\", \"arg\": " + JsonString(Pick(s_datetimes[..4])) + "}}");
            }

            if (_rng.Next(2) == 0)
            {
                attrs.Add("\"flags\": {\"admin\": " + (_rng.Next(2) == 0 ? "true" : "false") + ", \"level\": " + _rng.Next(5) + "}");
            }

            var tags = _rng.Next(2) == 0
                ? ", \"tags\": {\"dept\": " + JsonString(Pick(s_strings)) + ", \"level\": " + Pick(s_longs).ToString(CultureInfo.InvariantCulture) + ", \"admin\": true}"
                : "";
            var parents = Enumerable.Range(0, _rng.Next(0, 3)).Select(_ => UidJson(("Group", Pick(s_groupIds)))).Distinct();
            list.Add("{\"uid\": " + UidJson(("User", u)) + ", \"attrs\": {" + string.Join(", ", attrs) + "}, \"parents\": [" + string.Join(", ", parents) + "]" + tags + "}");
        }

        foreach (var g in s_groupIds)
        {
            // A self-cycle now and then: the official engine rejects an entity graph with a cycle.
            var parents = g == "all" ? [] : new[] { UidJson(("Group", g == "staff" ? (_rng.Next(2) == 0 ? "admins" : "all") : (_rng.Next(40) == 0 ? "admins" : "all"))) };
            list.Add("{\"uid\": " + UidJson(("Group", g)) + ", \"attrs\": {}, \"parents\": [" + string.Join(", ", parents.Distinct()) + "]}");
        }

        foreach (var f in s_folderIds)
        {
            var parents = f == "root" ? "" : UidJson(("Folder", "root"));
            list.Add("{\"uid\": " + UidJson(("Folder", f)) + ", \"attrs\": {\"size\": " + _rng.Next(100) + "}, \"parents\": [" + parents + "]}");
        }

        foreach (var d in s_docIds)
        {
            var attrs = new List<string> { "\"size\": " + Pick(s_longs).ToString(CultureInfo.InvariantCulture) };
            if (_rng.Next(4) != 0)
            {
                attrs.Add("\"owner\": {\"__entity\": " + UidJson(("User", Pick(s_userIds))) + "}");
            }

            list.Add("{\"uid\": " + UidJson(("App::Doc", d)) + ", \"attrs\": {" + string.Join(", ", attrs) + "}, \"parents\": [" + UidJson(("Folder", Pick(s_folderIds))) + "]}");
        }

        list.Add("{\"uid\": " + UidJson(("Action", "all")) + ", \"attrs\": {}, \"parents\": []}");
        list.Add("{\"uid\": " + UidJson(("Action", "readwrite")) + ", \"attrs\": {}, \"parents\": [" + UidJson(("Action", "all")) + "]}");
        foreach (var a in new[] { "read", "write" })
        {
            list.Add("{\"uid\": " + UidJson(("Action", a)) + ", \"attrs\": {}, \"parents\": [" + UidJson(("Action", "readwrite")) + "]}");
        }

        list.Add("{\"uid\": " + UidJson(("Action", "delete")) + ", \"attrs\": {}, \"parents\": [" + UidJson(("Action", "all")) + "]}");
        return "[" + string.Join(",\n", list) + "]";
    }

    private string Context()
    {
        var attrs = new List<string>();
        if (_rng.Next(5) != 0)
        {
            attrs.Add("\"flag\": " + (_rng.Next(2) == 0 ? "true" : "false"));
        }

        if (_rng.Next(5) != 0)
        {
            attrs.Add("\"n\": " + Pick(s_longs).ToString(CultureInfo.InvariantCulture));
        }

        if (_rng.Next(4) != 0)
        {
            attrs.Add("\"s\": " + JsonString(Pick(s_strings)));
        }

        if (_rng.Next(3) != 0)
        {
            attrs.Add("\"list\": [" + string.Join(", ", Enumerable.Range(0, _rng.Next(0, 3)).Select(_ => _rng.Next(2) == 0 ? JsonString(Pick(s_strings)) : Pick(s_longs).ToString(CultureInfo.InvariantCulture))) + "]");
        }

        if (_rng.Next(3) != 0)
        {
            attrs.Add("\"who\": {\"__entity\": " + UidJson(AnyEntityUid()) + "}");
        }

        if (_rng.Next(3) != 0)
        {
            attrs.Add("\"ip\": {\"__extn\": {\"fn\": \"ip\", \"arg\": " + JsonString(Pick(s_ips[..7])) + "}}");
        }

        if (_rng.Next(3) != 0)
        {
            attrs.Add("\"when\": {\"__extn\": {\"fn\": \"datetime\", \"arg\": " + JsonString(Pick(s_datetimes[..4])) + "}}");
        }

        if (_rng.Next(3) != 0)
        {
            attrs.Add("\"rec\": {\"a\": " + _rng.Next(10) + (_rng.Next(2) == 0 ? ", \"inner\": {\"deep\": true}" : "") + "}");
        }

        return "{" + string.Join(", ", attrs) + "}";
    }

    private static string UidJson((string Type, string Id) uid) => "{\"type\": " + JsonString(uid.Type) + ", \"id\": " + JsonString(uid.Id) + "}";

    private static string JsonString(string s) => System.Text.Json.JsonSerializer.Serialize(s);

    private T Pick<T>(T[] items) => items[_rng.Next(items.Length)];
}
