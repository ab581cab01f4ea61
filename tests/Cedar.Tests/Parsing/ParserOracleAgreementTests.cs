using System.Text.Json;
using Cedar.Parsing;
using Cedar.Tests.Support;

namespace Cedar.Tests.Parsing;

/// <summary>
/// Our parser must accept exactly the policy sets cedar-wasm accepts. Each case is checked live against the oracle's
/// <c>policySetTextToParts</c> (which takes static policies and templates alike).
/// </summary>
public class ParserOracleAgreementTests
{
    // One policy set per line. Hand-written edge cases and mutations of them.
    private const string Cases = """"
permit(principal,action,resource,);
permit(principal,action,resource) when { !-1 };
permit(principal,action,resource) when { !!!!!true };
permit(principal,action,resource) when { !!!!true };
permit(principal,action,resource) when { -----1 };
permit(principal,action,resource) when { ----1 };
permit(principal,action,resource) when { -9223372036854775808 };
permit(principal,action,resource) when { --9223372036854775808 };
permit(principal,action,resource) when { 9223372036854775808 };
permit(principal,action,resource) when { -(9223372036854775808) };
permit(principal,action,resource) when { -9223372036854775808.foo };
permit(principal,action,resource) when { foo(1) };
permit(principal,action,resource) when { context.foo(1) };
permit(principal,action,resource) when { [1].contains(1,2) };
permit(principal,action,resource) when { [].isEmpty(1) };
permit(principal,action,resource) when { ip() };
permit(principal,action,resource) when { __cedar::ip("1.1.1.1") };
permit(principal,action,resource) when { context.__cedar::ip("1.1.1.1") };
permit(principal,action,resource) when { {if: 1} };
permit(principal,action,resource) when { {true: 1} };
permit(principal,action,resource) when { {principal: 1} };
permit(principal,action,resource) when { {in: 1} };
permit(principal,action,resource) when { context.if };
permit(principal,action,resource) when { context.true };
permit(principal,action,resource) when { context.in };
permit(principal,action,resource) when { context has if };
permit(principal,action,resource) when { context has true };
permit(principal,action,resource) when { context has principal };
permit(principal,action,resource) when { context has a.if };
permit(principal,action,resource) when { if::"a" };
permit(principal,action,resource) when { principal::"a" };
permit(principal,action,resource) when { permit::"a" };
permit(principal,action,resource) when { __cedar::"a" };
permit(principal,action,resource) when { A::__cedar::"a" };
permit(principal,action,resource) when { principal is if };
permit(principal,action,resource) when { principal is principal };
permit(principal,action,resource) when { principal is __cedar };
permit(principal,action,resource) when { principal is A::B };
permit(principal,action,resource) when { foo };
permit(principal,action,resource) when { A::foo };
permit(principal,action,resource) when { ?principal };
permit(principal,action,resource) when { ?foo };
permit(principal,action,resource) when { };
permit(principal,action,resource) when { 1 } when {2} unless {3};
permit(principal,action,resource) foo { 1 };
permitx(principal,action,resource);
permit(action,principal,resource);
permit(principal,action);
permit(principal,action,resource,context);
permit(principal:User,action,resource);
permit(principal in ?resource,action,resource);
permit(principal == ?principal,action,resource in ?resource);
permit(principal is User in ?principal,action,resource);
permit(principal,action == ?principal,resource);
permit(principal,action in [],resource);
permit(principal,action in [Action::"a",],resource);
permit(principal,action in Action::"a",resource);
permit(principal,action in User::"a",resource);
permit(principal,action is Action,resource);
permit(principal == User::{ "a" },action,resource);
permit(principal,action,resource) when { context.a / 2 };
permit(principal,action,resource) when { context.a % 2 };
permit(principal,action,resource) when { [1,] };
permit(principal,action,resource) when { {a:1,} };
permit(principal,action,resource) when { {a:1,a:2} };
permit(principal,action,resource) when { {} };
permit(principal,action,resource) when { f() };
@a @b("x") permit(principal,action,resource);
@a("x") @a("y") permit(principal,action,resource);
@if("x") permit(principal,action,resource);
@principal("x") permit(principal,action,resource);
@a::b("x") permit(principal,action,resource);
permit(principal,action,resource) when { "a" like "\*\\x*" };
permit(principal,action,resource) when { "a\*" };
permit(principal,action,resource) when { "\q" };
permit(principal,action,resource) when { "\u{110000}" };
permit(principal,action,resource) when { "\u{D800}" };
permit(principal,action,resource) when { "\x41" };
permit(principal,action,resource) when { context has "a b" };
permit(principal,action,resource) when { context has a."b" };
permit(principal,action,resource) when { context has a.b.c };
permit(principal,action,resource) when { context["a"] };
permit(principal,action,resource) when { context[1] };
permit(principal,action,resource) when { context[context.a] };
permit(principal,action,resource) when { principal is User in Group::"a" };
permit(principal,action,resource) when { 1 < 2 < 3 };
permit(principal,action,resource) when { 1 has a has b };
permit(principal,action,resource) when { context has a.contains };
permit(principal,action,resource) when { context.contains };
permit(principal,action,resource) when { context.contains(1) };
permit(principal,action,resource) when { contains(1) };
permit(principal,action,resource) when { context.ip("") };
permit(principal,action,resource) when { isIpv4(context) };
permit(principal,action,resource) when { decimal("1.0", 2) };
permit(principal,action,resource) when { context.lessThan() };
permit(principal,action,resource) when { context.datetime("x") };
permit(principal,action,resource) when { A::if::"a" };
permit(principal,action,resource) when { then::"a" };
permit(principal,action,resource) when { has::"a" };
permit(principal,action,resource) when { like::"a" };
permit(principal,action,resource) when { is::"a" };
permit(principal,action,resource) when { in::"a" };
permit(principal,action,resource) when { true::"a" };
permit(principal,action,resource) when { when::"a" };
permit(principal,action,resource) when { context::"a" };
permit(principal,action,resource) when { {then: 1} };
permit(principal,action,resource) when { {else: 1} };
permit(principal,action,resource) when { {has: 1} };
permit(principal,action,resource) when { {like: 1} };
permit(principal,action,resource) when { {is: 1} };
permit(principal,action,resource) when { {false: 1} };
permit(principal,action,resource) when { {__cedar: 1} };
permit(principal,action,resource) when { context.__cedar };
permit(principal,action,resource) when { context.is };
permit(principal,action,resource) when { context.then };
permit(principal,action,resource) when { context.permit };
permit(principal,action,resource) when { context has is };
permit(principal,action,resource) when { context has like };
permit(principal,action,resource) when { context has has };
permit(principal,action,resource) when { context has then };
permit(principal,action,resource) when { principal is then };
permit(principal,action,resource) when { principal is like };
permit(principal,action,resource) when { principal is A::if };
permit(principal,action,resource) when { principal is A::true };
permit(principal,action,resource) when { principal is true };
permit(principal,action,resource) when { principal is in };
permit(principal,action,resource) when { principal is is };
permit(principal,action,resource) when { principal is has };
permit(principal,action,resource) when { principal is permit };
permit(principal,action,resource) when { principal is Action };
permit(principal,action,resource) when { then("a") };
permit(principal,action,resource) when { if("a") };
permit(principal,action,resource) when { principal("a") };
permit(principal,action,resource) when { context.if() };
permit(principal,action,resource) when { context.principal() };
permit(principal,action,resource) when { context.then() };
permit(principal is if, action,resource);
permit(principal is then, action,resource);
permit(principal is User in User::"a", action,resource);
permit(principal is User in ?principal, action,resource);
permit(principal is User == User::"a", action,resource);
permit(principal in User::"a" , action == Action::"x",resource);
permit(principal in [User::"a"] , action,resource);
permit(principal == [User::"a"] , action,resource);
permit(principal == A::Action::"a" , action == A::Action::"b",resource);
permit(principal , action == Action::"b",resource == ?principal);
permit(principal , action == Action::"b",resource in context);
permit(principal , action == Action::"b",resource in 1);
permit(principal , action == Action::"b",resource > User::"x");
permit(principal , action == Action::"b",resource has a);
permit(principal , action == Action::"b",resource like "a");
permit(principal , action == (Action::"b"),resource);
permit(principal , action in [Action::"b", ?resource],resource);
permit(principal , action in [Action::"b", 1],resource);
permit(principal , action in [Action::"b", User::"x"],resource);
permit(principal , action in [Action::"b", A::Action::"x"],resource);
permit(principal , action, resource is A::B);
permit(principal , action, resource is __cedar::B);
permit(principal , action, resource == __cedar::B::"a");
permit(principal , action, resource) when { principal.foo.bar["x"].baz };
permit(principal , action, resource) when { -(1) };
permit(principal , action, resource) when { - 1 };
permit(principal , action, resource) when { "\u{}" };
permit(principal , action, resource) when { "\u{1234567}" };
permit(principal , action, resource) when { "\u{00041}" };
permit(principal , action, resource) when { "\u0041" };
permit(principal , action, resource) when { "\'\"\0\n\r\t\\" };
permit(principal , action, resource) when { "abc" like "a\u{2A}" };
permit(principal , action, resource) when { "abc" like "a\q" };
permit(principal , action, resource) when { "abc" like context.x };
permit(principal , action, resource) when { "abc" like "**" };
permit(principal , action, resource) when { 0x10 };
permit(principal , action, resource) when { 01 };
permit(principal , action, resource) when { 1.5 };
permit(principal , action, resource) when { 1a };
permit(principal , action, resource) when { principal.a..b };
permit(principal , action, resource) when { true && };
permit(principal , action, resource) when { if true then 1 };
permit(principal , action, resource) when { if true then 1 else 2 == 3 };
permit(principal , action, resource) when { 1 == if true then 1 else 2 };
permit(principal , action, resource) when { 1 + if true then 1 else 2 };
permit(principal , action, resource) when { !if true then 1 else 2 };
permit(principal , action, resource) when { [if true then 1 else 2] };
permit(principal , action, resource) when { 1 in 2 in 3 };
permit(principal , action, resource) when { 1 is A in 2 == 3 };
permit(principal , action, resource) when { 1 is A == 3 };
permit(principal , action, resource) when { 1 like "a" == 3 };
permit(principal , action, resource) when { 1 has a == 3 };
permit(principal , action, resource) when { 1 == 3 has a };
permit(principal , action, resource) when { 1 is A in B::"a" in C::"x" };
permit(principal , action, resource) when { principal is A.foo };
permit(principal , action, resource) when { principal is A::"x" };
@__cedar("x") permit(principal,action,resource);
@a("\q") permit(principal,action,resource);
permit(principal,action,resource) when { context has __cedar };
permit(principal,action,resource) when { {"__cedar": 1} };
permit(principal,action,resource) when { context["__cedar"] };
permit(principal,action,resource) when { context has a.__cedar };
permit(principal,action,resource) when { A::"a" # };
permit();
permit(principal) ;
permit(principal,action,resource)
permit(principal,action,resource); ;
permit(principal == principal,action,resource);
permit(principal,action,resource) when { context.a = 1 };
permit(principal,action,resource) when { principal in [] };
permit(principal,action,resource) when { [,] };
permit(principal,action,resource) when { {,} };
permit(principal,action,resource) when { a::b::c(1) };
permit(principal,action,resource) when { Action::"x".foo };
permit(principal,action,resource) when { "a".foo };
permit(principal,action,resource) when { 1.foo };
permit(principal,action,resource) when { ?principal.foo };
permit(principal,action,resource) when { context.foo["a"].bar(1) };
permit(principal,action,resource) when { -context };
permit(principal,action,resource) when { - -5 };
permit(principal,action,resource) when { 5 - -5 };
permit(principal,action,resource) when { 5--5 };
permit(principal,action,resource) when { 18446744073709551616 };
permit(principal,action,resource) when { -18446744073709551615 };
permit(principal,action,resource) when { (-9223372036854775808) };
permit(principal , action, resource) when { principal is A in ?principal };
permit(principal , action, resource) when { principal is "A" };
permit(principal , action, resource) when { principal is (A) };
permit(principal , action, resource) when { principal has a.b like "x" };
permit(principal , action, resource) when { principal has if.b };
permit(principal , action, resource) when { principal like "x" like "y" };
"""";

    public static TheoryData<string> AllCases()
    {
        var data = new TheoryData<string>();
        foreach (var line in Cases.Split('\n'))
        {
            if (line.Trim().Length > 0)
            {
                data.Add(line.TrimEnd('\r'));
            }
        }

        foreach (var extra in MultiLineCases)
        {
            data.Add(extra);
        }

        return data;
    }

    private static readonly string[] MultiLineCases =
    [
        "permit(principal,action,resource) when { \"abc\ndef\" };",
        "// comment\npermit(principal,action,resource); // trailing\n",
        "permit(principal,action,resource)\n// between\nwhen { true };",
        "permit(principal,action,resource) when { true } // no semicolon",
        "",
        "   \n\t ",
        "permit(principal,action,resource);\nforbid(principal,action,resource) unless { false };",
        "permit(principal == ?principal, action, resource in ?resource);",
        "permit(principal is User in ?principal, action, resource);\npermit(principal, action, resource);",
        "permit(principal,action,resource) when { \"a\\\nb\" };",
        "permit(principal,action,resource) when { \"a\\\rb\" };",
        "permit(principal,action,resource) // c\r;",
        "permit(principal,action,resource) when { 1 } /* x */;",
        "permit(principal,\u00a0action,\u2028resource\u3000)\u000b\u0085\u000c;",
        "permit(principal,\ufeffaction,resource);",
        "permit(principal,\u200baction,resource);",
        "permit(principal,\u001caction,resource);",
        "permit(principal,\u180eaction,resource);",
        "permit(principal,action,resource) when { \"\\x7f\\x00\" };",
        "permit(principal,action,resource) when { \"\\x80\" };",
        "permit(principal,action,resource) when { \"\\x4\" };",
        "permit(principal,action,resource) when { \"\\u{10FFFF}\" };",
        "permit(principal,action,resource) when { \"\\u{DFFF}\" };",
        "permit(principal,action,resource) when { \"\\u{0000041}\" };",
        "permit(principal,action,resource) when { \"\\\u00e9\" };",
        "permit(principal,action,resource) when { \"\\\U0001F600\" };",
        "permit(principal,action,resource) when { \"\\",
    ];

    [Theory]
    [MemberData(nameof(AllCases))]
    public void Accepts_exactly_what_cedar_accepts(string text)
    {
        var answer = CedarOracle.Shared.Call("policySetTextToParts", JsonSerializer.Serialize(text));
        var oracleAccepts = answer["type"]!.GetValue<string>() == "success";
        var ours = PolicyParser.ParsePolicySet(text);
        var detail = ours.Success ? "we accept" : "we reject: " + string.Join(" | ", ours.Errors.Select(e => e.Format(text)));
        Assert.True(oracleAccepts == ours.Success, $"oracle {(oracleAccepts ? "accepts" : "rejects: " + answer.ToJsonString())}; {detail}");
        if (oracleAccepts)
        {
            OracleStructure.AssertSameStructure(text, answer, ours.Value!);
        }
    }
}
