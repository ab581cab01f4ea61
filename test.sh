#!/usr/bin/env bash
# The test command: installs the oracle (official Cedar engine, pinned in package-lock.json) when missing,
# then runs every test project of the solution.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$root"
if [[ ! -d node_modules/@cedar-policy/cedar-wasm ]]; then
  npm ci --no-audit --no-fund
fi
dotnet test Verdict.slnx -c Release --nologo "$@"
