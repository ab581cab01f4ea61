#!/usr/bin/env python3
"""HTTP on loopback with wrk, every peer in the same run: Verdict (serve --no-auth) vs a trivial Kestrel endpoint
(the ceiling) and moto 5.2.1 in server mode.

  run.py ROOT [DURATION_SECONDS=10] [CONNECTIONS=16]

Verdict: IsAuthorized on w1 and w2, BatchIsAuthorized (30 requests) on w1, ListUserPools, and, when the server has
them, IsAuthorizedWithToken on w1 (one repeated ID token; 300 tokens in turn) and DescribeIdentityPool. moto: ListUserPools and DescribeIdentityPool. The ceiling answers a fixed JSON body to the
w1 IsAuthorized bodies. Every body is checked once for a 200 before its wrk run; wrk reports non-2xx answers.
"""
import http.client
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time

here = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(here, ".."))
from common import first_200, free_port, rss_mb, start, stop  # noqa: E402

# Unchecked by both servers, but moto routes on the service of the credential scope, as AWS would.
SERVICES = {"VerifiedPermissions": "verifiedpermissions", "AWSCognitoIdentityProviderService": "cognito-idp",
            "AWSCognitoIdentityService": "cognito-identity"}


def service_of(target):
    return SERVICES[target.split(".")[0]]


def authorization(target):
    return (f"AWS4-HMAC-SHA256 Credential=test/20261206/us-east-1/{service_of(target)}/aws4_request, "
            "SignedHeaders=content-type;host;x-amz-date;x-amz-target, Signature=" + "0" * 64)
AVP = "VerifiedPermissions."
# Fresh tokens: each request presents an ID token never seen before (minted by REFRESH_TOKEN_AUTH), so every request
# pays the RS256 verification and the claim mapping; the run is kept short enough that wrk's two threads, which start
# 7,919 lines apart, never reach a token the other has sent.
FRESH_TOKENS = 16000
FRESH_SECONDS = 2
FRESH_LABEL = "IsAuthorizedWithToken w1, fresh tokens (each used once)"
IDP = "AWSCognitoIdentityProviderService."
IDENTITY = "AWSCognitoIdentityService."


def call(port, target, body, content_type="application/x-amz-json-1.0"):
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    conn.request("POST", "/", body if isinstance(body, str) else json.dumps(body),
                 {"X-Amz-Target": target, "Content-Type": content_type, "Authorization": authorization(target)})
    response = conn.getresponse()
    data = response.read()
    try:
        return response.status, json.loads(data or b"{}")
    except ValueError:
        return response.status, {"__type": "not JSON", "body": data[:200].decode("utf-8", "replace")}


def wrk(port, bodies_file, target, duration, connections, content_type="application/x-amz-json-1.0"):
    first = open(bodies_file).readline().strip()
    status, answer = call(port, target, first, content_type)
    if status != 200:
        raise RuntimeError(f"{target} on port {port} answered {status}: {answer}")
    out = subprocess.run(
        ["wrk", "-t", "2", "-c", str(connections), "-d", f"{duration}s", "--latency", "-s", os.path.join(here, "post.lua"),
         f"http://127.0.0.1:{port}/", "--", bodies_file, target, content_type, service_of(target)],
        check=True, capture_output=True, text=True).stdout

    def latency_us(label):
        m = re.search(rf"^\s*{label}%\s+([\d.]+)(us|ms|s)\s*$", out, re.M)
        return float(m.group(1)) * {"us": 1, "ms": 1e3, "s": 1e6}[m.group(2)]

    bad = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    errors = re.search(r"Socket errors: (.*)", out)
    return {"rps": float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1)), "p50Us": latency_us("50"),
            "p99Us": latency_us("99"), "non2xx": int(bad.group(1)) if bad else 0, "socketErrors": errors.group(1) if errors else ""}


def one_line_file(directory, name, body):
    path = os.path.join(directory, name)
    with open(path, "w") as f:
        f.write(json.dumps(body, separators=(",", ":")) + "\n")
    return path


def main():
    root = sys.argv[1]
    duration = int(sys.argv[2]) if len(sys.argv) > 2 else 10
    connections = int(sys.argv[3]) if len(sys.argv) > 3 else 16
    out = os.path.join(root, "bench", "out", "http")
    os.makedirs(out, exist_ok=True)
    work = tempfile.mkdtemp(prefix="verdict-bench-http-")
    servers = []
    results = {}
    notes = []
    try:
        ports = {name: free_port() for name in ("verdict", "ceiling", "moto")}
        launches = {
            "verdict": (["dotnet", os.path.join(root, "artifacts/bin/Verdict.Cli/release/verdict.dll"), "serve", "--no-auth",
                         "--port", str(ports["verdict"]), "--data", os.path.join(work, "data")], "/health"),
            "ceiling": (["dotnet", os.path.join(root, "artifacts/bin/Ceiling/release/Ceiling.dll"), str(ports["ceiling"])], "/health"),
            "moto": (["moto_server", "-H", "127.0.0.1", "-p", str(ports["moto"])], "/"),
        }
        for name, (command, health) in launches.items():
            started = time.perf_counter()
            process = start(command, os.path.join(out, name + ".log"))
            servers.append(process)
            first_200(ports[name], health, started, process=process)
        verdict_pid = servers[0].pid

        # Load the workloads into Verdict through the API, checking its answers against cedar-wasm's.
        setups = {}
        for w in ("w1", "w2"):
            setup = subprocess.run([sys.executable, os.path.join(here, "avp_setup.py"), f"http://127.0.0.1:{ports['verdict']}",
                                    os.path.join(root, "bench", "out", "authz", w), os.path.join(out, w), "4"],
                                   check=True, capture_output=True, text=True)
            setups[w] = json.loads(setup.stdout)
            print(f"{w}: {setup.stdout.strip()} {setup.stderr.strip()}", file=sys.stderr)
            if w == "w1":
                rss_w1 = rss_mb(verdict_pid)

        # IsAuthorizedWithToken on w1's store, with real tokens from Verdict's own user pool, when the server has it.
        token = subprocess.run([sys.executable, os.path.join(here, "token_setup.py"), f"http://127.0.0.1:{ports['verdict']}",
                                setups["w1"]["policyStoreId"], os.path.join(root, "bench", "out", "authz", "w1"), os.path.join(out, "w1"), "300", str(FRESH_TOKENS)],
                               capture_output=True, text=True)
        has_tokens = token.returncode == 0
        if has_tokens:
            print(f"tokens: {token.stdout.strip()}", file=sys.stderr)
        else:
            notes.append("IsAuthorizedWithToken not measured: " + (token.stderr.strip().splitlines() or ["?"])[-1])

        # Cognito: a user pool on both servers; an identity pool on moto, and on Verdict when it has the service.
        for name in ("verdict", "moto"):
            status, answer = call(ports[name], IDP + "CreateUserPool", {"PoolName": "bench"}, "application/x-amz-json-1.1")
            if status != 200:
                raise RuntimeError(f"{name} CreateUserPool: {status} {answer}")
        identity_pools = {}
        for name in ("verdict", "moto"):
            status, answer = call(ports[name], IDENTITY + "CreateIdentityPool",
                                  {"IdentityPoolName": "bench", "AllowUnauthenticatedIdentities": True}, "application/x-amz-json-1.1")
            if status == 200:
                identity_pools[name] = answer["IdentityPoolId"]
            else:
                notes.append(f"{name} has no CreateIdentityPool yet ({status} {answer.get('__type', '')}): DescribeIdentityPool not measured on {name}")

        runs = [
            ("ceiling", "fixed JSON body (w1 IsAuthorized bodies)", ports["ceiling"], os.path.join(out, "w1.isauth.bodies"), AVP + "IsAuthorized", "application/x-amz-json-1.0"),
            ("IsAuthorized w1", "Verdict", ports["verdict"], os.path.join(out, "w1.isauth.bodies"), AVP + "IsAuthorized", "application/x-amz-json-1.0"),
            ("IsAuthorized w2", "Verdict", ports["verdict"], os.path.join(out, "w2.isauth.bodies"), AVP + "IsAuthorized", "application/x-amz-json-1.0"),
            ("BatchIsAuthorized w1 (30)", "Verdict", ports["verdict"], os.path.join(out, "w1.batch.bodies"), AVP + "BatchIsAuthorized", "application/x-amz-json-1.0"),
        ]
        if has_tokens:
            for kind, label in (("repeated", "IsAuthorizedWithToken w1, one repeated token"), ("rotating", "IsAuthorizedWithToken w1, 300 tokens in turn"),
                                ("fresh", FRESH_LABEL)):
                runs.append((label, "Verdict", ports["verdict"], os.path.join(out, f"w1.token-{kind}.bodies"), AVP + "IsAuthorizedWithToken", "application/x-amz-json-1.0"))
        list_pools = one_line_file(work, "list.bodies", {"MaxResults": 10})
        runs.append(("ListUserPools", "Verdict", ports["verdict"], list_pools, IDP + "ListUserPools", "application/x-amz-json-1.1"))
        runs.append(("ListUserPools", "moto", ports["moto"], list_pools, IDP + "ListUserPools", "application/x-amz-json-1.1"))
        for name, pool in identity_pools.items():
            runs.append(("DescribeIdentityPool", "Verdict" if name == "verdict" else "moto", ports[name],
                         one_line_file(work, name + ".describe.bodies", {"IdentityPoolId": pool}),
                         IDENTITY + "DescribeIdentityPool", "application/x-amz-json-1.1"))
        for label, server, port, bodies, target, content_type in runs:
            # Fresh tokens: a short run, so that no token is presented twice (see FRESH_TOKENS).
            seconds = FRESH_SECONDS if label == FRESH_LABEL else duration
            print(f"wrk {label} on {server} ({seconds} s)", file=sys.stderr)
            results[(label, server)] = wrk(port, bodies, target, seconds, connections, content_type)
            if label == FRESH_LABEL and results[(label, server)]["rps"] * seconds > FRESH_TOKENS // 2:
                notes.append(f"fresh tokens: about {results[(label, server)]['rps'] * seconds:,.0f} requests for {FRESH_TOKENS:,} tokens, "
                             "so some were presented twice (the wrk threads start half the file apart)")
        rss_after = rss_mb(verdict_pid)
    finally:
        for process in servers:
            stop(process)
        shutil.rmtree(work, ignore_errors=True)

    print(f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores; wrk -t2 -c{connections} -d{duration}s on loopback")
    for w, s in setups.items():
        print(f"{w} loaded through the API: {s['policies']:,} policies in {s['loadSeconds']} s; server answers = cedar-wasm answers on {s['agree']}/{s['checked']} requests")
    print("| measurement | server | requests/s | p50 µs | p99 µs | peer | peer requests/s | peer p50 / p99 µs | ratio |")
    print("|---|---|---|---|---|---|---|---|---|")
    ceiling = results[("ceiling", "fixed JSON body (w1 IsAuthorized bodies)")]

    def row(label, server, peer_label=None, peer=None, ratio=None):
        r = results[(label, server)]
        bad = f" ({r['non2xx']} non-2xx)" if r["non2xx"] else ""
        peer_cells = f"{peer_label} | {peer['rps']:,.0f} | {peer['p50Us']:,.0f} / {peer['p99Us']:,.0f}" if peer else "— | — | —"
        print(f"| {label} | {server} | {r['rps']:,.0f}{bad} | {r['p50Us']:,.0f} | {r['p99Us']:,.0f} | {peer_cells} | {ratio or '—'} |")

    row("ceiling", "fixed JSON body (w1 IsAuthorized bodies)")
    for label in ("IsAuthorized w1", "IsAuthorized w2"):
        r = results[(label, "Verdict")]
        row(label, "Verdict", "Kestrel ceiling", ceiling, f"{100 * r['rps'] / ceiling['rps']:.0f}% of ceiling")
    for label in ("IsAuthorizedWithToken w1, one repeated token", "IsAuthorizedWithToken w1, 300 tokens in turn", FRESH_LABEL):
        if (label, "Verdict") in results:
            r, i = results[(label, "Verdict")], results[("IsAuthorized w1", "Verdict")]
            row(label, "Verdict", "IsAuthorized w1", i, f"{100 * r['rps'] / i['rps']:.0f}% of IsAuthorized")
    b = results[("BatchIsAuthorized w1 (30)", "Verdict")]
    row("BatchIsAuthorized w1 (30)", "Verdict", "Kestrel ceiling", ceiling, f"{30 * b['rps']:,.0f} decisions/s")
    for label in ("ListUserPools", "DescribeIdentityPool"):
        v, m = results.get((label, "Verdict")), results.get((label, "moto"))
        if v and m:
            row(label, "Verdict", "moto", m, f"{v['rps'] / m['rps']:.1f}× moto; Verdict p99 {'<' if v['p99Us'] < m['p50Us'] else '≥'} moto p50")
        elif m:
            print(f"| {label} | Verdict | not measured | | | moto | {m['rps']:,.0f} | {m['p50Us']:,.0f} / {m['p99Us']:,.0f} | — |")
    print(f"Verdict RSS: {rss_w1:.0f} MB with w1 loaded, {rss_after:.0f} MB after w2 ({setups['w2']['policies']:,} policies) loaded and all runs; "
          f"difference per w2 policy {(rss_after - rss_w1) * 1048576 / setups['w2']['policies']:,.0f} B (includes SQLite cache and the runs' buffers)")
    for note in notes:
        print("note: " + note)


if __name__ == "__main__":
    main()
