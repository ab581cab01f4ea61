#!/usr/bin/env bash
# The test command: installs the Node test dependencies (the official Cedar engine as an oracle, the AWS JS SDK;
# pinned in package-lock.json) when missing,
# then runs every test project of the solution.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$root"
if [[ ! -d node_modules/@cedar-policy/cedar-wasm || ! -d node_modules/@aws-sdk/client-verifiedpermissions ]]; then
  npm ci --no-audit --no-fund
fi
dotnet test Verdict.slnx -c Release --nologo "$@"
