#!/usr/bin/env bash
# Start-up: launch → first 200, Verdict's built server (dotnet verdict.dll serve) vs moto_server, same run, with the
# trivial Kestrel endpoint (bench/Ceiling) as the floor for any ASP.NET Core server here.
# usage: bench/startup/run.sh [LAUNCHES=3]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
dotnet build "$root/src/Verdict.Cli/Verdict.Cli.csproj" -c Release --nologo -v quiet -clp:ErrorsOnly >&2
dotnet build "$root/bench/Ceiling/Ceiling.csproj" -c Release --nologo -v quiet -clp:ErrorsOnly >&2
result=$(python3 "$root/bench/startup/measure.py" "$root/artifacts/bin/Verdict.Cli/release/verdict.dll" "${1:-3}" \
  "$root/artifacts/bin/Ceiling/release/Ceiling.dll")
echo "$result"
python3 - "$result" <<'PY'
import json, os, sys
r = json.loads(sys.argv[1])
v, m = r["verdict"]["medianS"], r["moto"]["medianS"]
print(f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
print(f"start-up to first 200: Verdict {v * 1000:.0f} ms, moto_server {m * 1000:.0f} ms (median of {len(r['verdict']['all'])}); "
      f"Verdict / moto = {v / m:.2f} (goal ≤ 1); trivial Kestrel endpoint {r['ceiling']['medianS'] * 1000:.0f} ms")
PY
