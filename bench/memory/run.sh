#!/usr/bin/env bash
# Memory with a workload loaded, per policy: the Verdict server after loading it through the API (RSS of the process,
# so it includes SQLite's page cache and every buffer), and the compiled policy set alone in process (RSS and managed
# heap, after a full collection). The API load of w3 (100,000 CreatePolicy calls) takes several minutes; pass w2 for
# a quick run.
# usage: bench/memory/run.sh [WORKLOAD=w3]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
w="${1:-w3}"
authz="$root/bench/out/authz"
node "$root/bench/authz/make-workloads.mjs" "$authz" "$w"
dotnet build "$root/src/Verdict.Cli/Verdict.Cli.csproj" -c Release --nologo -v quiet -clp:ErrorsOnly >&2
dotnet build "$root/bench/Verdict.Bench/Verdict.Bench.csproj" -c Release --nologo -v quiet -clp:ErrorsOnly >&2
in_process=$(dotnet "$root/artifacts/bin/Verdict.Bench/release/Verdict.Bench.dll" memory "$authz/$w")
server=$(python3 "$root/bench/memory/server_rss.py" "$root" "$authz/$w")
python3 - "$w" "$in_process" "$server" <<'PY'
import json, os, sys
w, p, s = sys.argv[1], json.loads(sys.argv[2]), json.loads(sys.argv[3])
print(f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
print(f"{w}, compiled in process: {p['rssBytesPerPolicy']} B resident, {p['managedBytesPerPolicy']} B managed heap per policy ({p['policies']:,} policies)")
print(f"{w}, server after loading it through the API ({s['loadSeconds']} s): RSS {s['rssBeforeMb']} → {s['rssAfterMb']} MB, "
      f"{s['rssBytesPerPolicy']} B per policy (goal < 2,048)")
PY
