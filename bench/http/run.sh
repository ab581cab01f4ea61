#!/usr/bin/env bash
# HTTP with wrk on loopback, bounded: Verdict vs the Kestrel ceiling and moto_server, same run (see run.py).
# Needs the w1/w2 workloads and cedar-wasm's answers for them (made here if bench/authz has not run).
# usage: bench/http/run.sh [DURATION_SECONDS=10] [CONNECTIONS=16]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
command -v wrk >/dev/null || { apt-get install -y wrk >/dev/null 2>&1 || (apt-get update >/dev/null && apt-get install -y wrk >/dev/null); }
command -v moto_server >/dev/null || { echo "moto_server (moto 5.2.1, pip install 'moto[server]==5.2.1') is needed" >&2; exit 2; }
[[ -d "$root/node_modules/@cedar-policy/cedar-wasm" ]] || (cd "$root" && npm ci --no-audit --no-fund)
authz="$root/bench/out/authz"
node "$root/bench/authz/make-workloads.mjs" "$authz" w1,w2
# cedar-wasm's answers for the first requests, to check the server's answers (0 s budget: one timed pass only).
[[ -f "$authz/w1/cedar-wasm-answers.json" ]] || node "$root/bench/authz/cedar-wasm.mjs" "$authz/w1" 0 200 >/dev/null
[[ -f "$authz/w2/cedar-wasm-answers.json" ]] || node "$root/bench/authz/cedar-wasm.mjs" "$authz/w2" 0 50 >/dev/null
dotnet build "$root/src/Verdict.Cli/Verdict.Cli.csproj" -c Release --nologo -v quiet -clp:ErrorsOnly >&2
dotnet build "$root/bench/Ceiling/Ceiling.csproj" -c Release --nologo -v quiet -clp:ErrorsOnly >&2
python3 "$root/bench/http/run.py" "$root" "${1:-10}" "${2:-16}"
