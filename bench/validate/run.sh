#!/usr/bin/env bash
# Strict validation of a 1,000-policy set against a realistic schema: Verdict vs the official engine, same input,
# same run. Prints both medians and the ratio. Absolute times on a shared machine are context only.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
out="$root/bench/out/validate"
n="${1:-1000}"
iterations="${2:-10}"
[[ -d "$root/node_modules/@cedar-policy/cedar-wasm" ]] || (cd "$root" && npm ci --no-audit --no-fund)
node "$here/make-workload.mjs" "$out" "$n"
dotnet build "$root/bench/Verdict.Bench/Verdict.Bench.csproj" -c Release --nologo -v quiet -clp:ErrorsOnly
verdict=$(dotnet "$root/artifacts/bin/Verdict.Bench/release/Verdict.Bench.dll" validate "$out" "$iterations")
wasm=$(node "$here/cedar-wasm.mjs" "$out" "$iterations")
echo "verdict:    $verdict"
echo "cedar-wasm: $wasm"
python3 - "$verdict" "$wasm" <<'PY'
import json, sys
v, w = json.loads(sys.argv[1]), json.loads(sys.argv[2])
agree = (v["errors"] == 0) == (w["errors"] == 0)
print(f"validation of the same policies: verdict {v['medianMs']:.1f} ms, cedar-wasm {w['medianMs']:.1f} ms (median); "
      f"cedar-wasm / verdict = {w['medianMs'] / v['medianMs']:.2f}x; valid/invalid agree: {agree}")
PY
