#!/usr/bin/env bash
# The in-process engine comparison: Verdict's authorizer vs @cedar-policy/cedar-wasm@4.13.0 (preparsePolicySet +
# statefulIsAuthorized) on the same policies, entities and requests (w1, w2, w3base = 1,000 links, w3 = 100,000 links),
# in the same run. Prints a table (median and p99 µs per request, Verdict's allocations, the ratio), whether the two
# engines give the same answer (decision, determining policies, erroring policies) on every request both ran, the
# w3 goal (authorizer median at 100,000 policies vs 1,000, passes interleaved in one process) and memory per policy.
# usage: bench/authz/run.sh [SECONDS_PER_MEASUREMENT=2]
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
out="$root/bench/out/authz"
seconds="${1:-2}"
[[ -d "$root/node_modules/@cedar-policy/cedar-wasm" ]] || (cd "$root" && npm ci --no-audit --no-fund)
node "$here/make-workloads.mjs" "$out" w1,w2,w3base,w3
dotnet build "$root/bench/Verdict.Bench/Verdict.Bench.csproj" -c Release --nologo -v quiet -clp:ErrorsOnly >&2
bench=(dotnet "$root/artifacts/bin/Verdict.Bench/release/Verdict.Bench.dll")

# cedar-wasm evaluates every policy for every request (tens of ms at 10,000 policies), so it runs on the first
# requests of the big workloads only; Verdict runs all 1,000, and the answers are compared on the requests both ran.
declare -A wasm_requests=([w1]=1000 [w3base]=200 [w2]=40 [w3]=6)
results="$out/results.jsonl"
: > "$results"
for w in w1 w3base w2 w3; do
  echo "== $w" >&2
  v=$("${bench[@]}" authorize "$out/$w" "$seconds")
  c=$(node "$here/cedar-wasm.mjs" "$out/$w" "$seconds" "${wasm_requests[$w]}")
  echo "{\"workload\":\"$w\",\"verdict\":$v,\"wasm\":$c}" >> "$results"
done
echo "== w3 goal (interleaved)" >&2
scale=$("${bench[@]}" scale "$out/w3base" "$out/w3" 10)
echo "== memory (w3 compiled in process)" >&2
memory=$("${bench[@]}" memory "$out/w3")
python3 - "$results" "$out" "$scale" "$memory" <<'PY'
import json, os, sys
results, out, scale, memory = sys.argv[1], sys.argv[2], json.loads(sys.argv[3]), json.loads(sys.argv[4])
print(f"load average at the end: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
print("| workload | policies | Verdict median / p99 µs (JSON in) | Verdict authorizer only median µs | Verdict bytes/request | cedar-wasm median / p99 µs | cedar-wasm / Verdict (median) | same answers |")
print("|---|---|---|---|---|---|---|---|")
ok = True
for line in open(results):
    r = json.loads(line)
    v, c, w = r["verdict"], r["wasm"], r["workload"]
    va = json.load(open(os.path.join(out, w, "verdict-answers.json")))
    ca = json.load(open(os.path.join(out, w, "cedar-wasm-answers.json")))
    same = sum(1 for a, b in zip(va, ca) if a == b)
    ok &= same == len(ca)
    print(f"| {w} | {v['policies']:,} | {v['medianUs']:.1f} / {v['p99Us']:.0f} | {v['authorizeOnlyMedianUs']:.1f} | {v['allocBytes']:,.0f} | "
          f"{c['medianUs']:,.0f} / {c['p99Us']:,.0f} ({c['requests']} requests) | {c['medianUs'] / v['medianUs']:,.0f}× | {same}/{len(ca)} |")
    for i, (a, b) in enumerate(zip(va, ca)):
        if a != b:
            print(f"  DISAGREE {w} request {i}: verdict {a} cedar-wasm {b}")
            break
print(f"w3 goal: authorizer median {scale['largeMedianUs']:.2f} µs at {scale['largePolicies']:,} policies vs {scale['smallMedianUs']:.2f} µs at "
      f"{scale['smallPolicies']:,} = {scale['ratio']:.2f}× (goal ≤ 2×; p99 {scale['largeP99Us']:.1f} vs {scale['smallP99Us']:.1f} µs)")
print(f"memory: {memory['policies']:,} policies compiled in process: {memory['rssBytesPerPolicy']} B resident and "
      f"{memory['managedBytesPerPolicy']} B managed heap per policy (process RSS {memory['rssTotalMb']} MB)")
sys.exit(0 if ok else 1)
PY
