using System.Diagnostics;
using System.Globalization;
using System.Text.Json;

namespace Verdict.Auth.Tests;

/// <summary>
/// Requests with random paths, queries, headers and bodies are signed by botocore (installed here) and must all be
/// accepted; the same requests with one byte of a signed part changed must all be rejected.
/// </summary>
public class BotocoreCrossCheckTests
{
    private const int Seed = 20261206;
    private const int Count = 300;

    [Fact]
    public void Botocore_signed_requests_verify_and_every_tampering_is_rejected()
    {
        var samples = LoadSamples(Seed, Count);
        Assert.Equal(Count, samples.Count);
        var rng = new Random(Seed);
        var tampered = 0;
        var failures = new List<string>();
        foreach (var s in samples)
        {
            var verifier = new SigV4Verifier(new FixedKeys(s.Credential), new FixedTime(s.Time));
            var result = verifier.Verify(s.Request);
            if (!result.Succeeded)
            {
                failures.Add($"seed {Seed}: genuine {s.Kind} request rejected: {result.Failure} path={s.Request.RawPath} query={s.Request.RawQuery}");
                continue;
            }

            Assert.Equal(s.Region, result.Region);
            Assert.Equal("verifiedpermissions", result.Service);
            foreach (var variant in Tamperings(s, rng))
            {
                tampered++;
                var r = verifier.Verify(variant.Request);
                if (r.Succeeded)
                {
                    failures.Add($"seed {Seed}: tampered ({variant.What}) {s.Kind} request accepted");
                }
            }
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures.Take(20)));
        Assert.True(tampered > Count * 3, $"only {tampered} tampered variants");
    }

    private sealed record Sample(string Kind, SignedRequest Request, Credential Credential, DateTimeOffset Time, string Region);

    private sealed record Variant(string What, SignedRequest Request);

    private static IEnumerable<Variant> Tamperings(Sample s, Random rng)
    {
        var r = s.Request;
        if (r.Body.Length > 0)
        {
            var body = r.Body.ToArray();
            var i = rng.Next(body.Length);
            body[i] = (byte)(body[i] == (byte)'a' ? 'b' : 'a');
            yield return new("body byte", new SignedRequest(r.Method, r.RawPath, r.RawQuery, r.Headers, body));
        }

        yield return new("method", new SignedRequest(r.Method == "POST" ? "PUT" : "POST", r.RawPath, r.RawQuery, r.Headers, r.Body));
        yield return new("path", new SignedRequest(r.Method, Mutate(r.RawPath, rng, skip: "/"), r.RawQuery, r.Headers, r.Body));
        var signedNames = SignedHeaderNames(r);
        var headers = r.Headers.ToList();
        for (var i = 0; i < headers.Count; i++)
        {
            var name = headers[i].Key.ToLowerInvariant();
            if (!signedNames.Contains(name) || name == "authorization" || headers[i].Value.Trim().Length == 0)
            {
                continue;
            }

            var copy = headers.ToList();
            copy[i] = new(headers[i].Key, Mutate(headers[i].Value, rng, skip: " "));
            yield return new("header " + name, new SignedRequest(r.Method, r.RawPath, r.RawQuery, copy, r.Body));
        }

        var pairs = r.RawQuery.Split('&', StringSplitOptions.RemoveEmptyEntries);
        for (var i = 0; i < pairs.Length; i++)
        {
            if (pairs[i].StartsWith("X-Amz-Signature=", StringComparison.Ordinal))
            {
                continue;
            }

            var copy = pairs.ToArray();
            copy[i] = Mutate(pairs[i], rng, skip: "=%+");
            yield return new("query pair " + i, new SignedRequest(r.Method, r.RawPath, string.Join('&', copy), r.Headers, r.Body));
        }
    }

    private static HashSet<string> SignedHeaderNames(SignedRequest r)
    {
        var auth = r.Header("Authorization");
        string? list = null;
        if (auth is not null)
        {
            var idx = auth.IndexOf("SignedHeaders=", StringComparison.Ordinal);
            list = auth[(idx + 14)..].Split(',')[0];
        }
        else
        {
            foreach (var p in r.RawQuery.Split('&'))
            {
                if (p.StartsWith("X-Amz-SignedHeaders=", StringComparison.Ordinal))
                {
                    list = Uri.UnescapeDataString(p[20..]);
                }
            }
        }

        return [.. (list ?? "").Split(';')];
    }

    // Changes one alphanumeric character to a different one, so the change is never a no-op after canonicalisation.
    private static string Mutate(string s, Random rng, string skip)
    {
        var candidates = Enumerable.Range(0, s.Length).Where(i => char.IsAsciiLetterOrDigit(s[i]) && !skip.Contains(s[i])).ToList();
        if (candidates.Count == 0)
        {
            return s + "x";
        }

        var at = candidates[rng.Next(candidates.Count)];
        if (at > 0 && s[at - 1] == '%' || at > 1 && s[at - 2] == '%')
        {
            // Inside a %XX escape: change the whole escape into a plain letter instead.
            return s + "x";
        }

        var replacement = s[at] == 'q' ? 'z' : 'q';
        return s[..at] + replacement + s[(at + 1)..];
    }

    private static List<Sample> LoadSamples(int seed, int count)
    {
        var script = Path.Combine(AppContext.BaseDirectory, "clients", "botocore_sign.py");
        var psi = new ProcessStartInfo("python3", [script, seed.ToString(CultureInfo.InvariantCulture), count.ToString(CultureInfo.InvariantCulture)])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEnd();
        var stderr = p.StandardError.ReadToEnd();
        p.WaitForExit();
        Assert.True(p.ExitCode == 0, "botocore_sign.py failed: " + stderr);
        var list = new List<Sample>();
        foreach (var line in stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            using var doc = JsonDocument.Parse(line);
            var e = doc.RootElement;
            var headers = e.GetProperty("headers").EnumerateArray()
                .Select(h => new KeyValuePair<string, string>(h[0].GetString()!, h[1].GetString()!)).ToList();
            var request = new SignedRequest(
                e.GetProperty("method").GetString()!,
                e.GetProperty("rawPath").GetString()!,
                e.GetProperty("rawQuery").GetString()!,
                headers,
                Convert.FromBase64String(e.GetProperty("bodyBase64").GetString()!));
            var token = e.GetProperty("token").ValueKind == JsonValueKind.String ? e.GetProperty("token").GetString() : null;
            var credential = new Credential(e.GetProperty("accessKey").GetString()!, e.GetProperty("secret").GetString()!, "123456789012", token);
            var time = DateTimeOffset.ParseExact(e.GetProperty("timestamp").GetString()!, "yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
            list.Add(new Sample(e.GetProperty("kind").GetString()!, request, credential, time, e.GetProperty("region").GetString()!));
        }

        return list;
    }
}

internal sealed class FixedKeys(params Credential[] credentials) : ICredentialResolver
{
    public Credential? Find(string accessKeyId) => credentials.FirstOrDefault(c => c.AccessKeyId == accessKeyId);
}

internal sealed class FixedTime(DateTimeOffset now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now;
}
