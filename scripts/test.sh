#!/usr/bin/env bash
# `npm test`: everything, in the order that fails fastest: static checks, unit tests,
# integration tests (real SQLite, real sshd, the lab's real corosync/Pacemaker), then the
# browser tests against a production build. Every stage runs; the last line is the total.
set -uo pipefail
cd "$(dirname "$0")/.."
out=test-results
rm -rf "$out" && mkdir -p "$out" e2e/artifacts
failed=()
stage() {
  local name=$1; shift
  printf '\n== %s\n' "$name"
  "$@" || failed+=("$name")
}

bash scripts/system-deps.sh || exit 1
stage lint npm run -s lint
stage typecheck npm run -s typecheck
stage unit npx vitest run --project unit --reporter=default --reporter=json --outputFile.json="$out/unit.json"
stage integration npx vitest run --project integration --reporter=default --reporter=json --outputFile.json="$out/integration.json"
stage e2e env CI=true npx playwright test
# The lab belongs to the tests: leave no namespaces, daemons or mounts running behind them.
if [ "$(id -u)" = 0 ]; then bash e2e/lab/lab.sh down >/dev/null 2>&1 || echo "test: lab down failed; run npm run lab -- down" >&2; fi
node scripts/test-summary.mjs "$out" "${failed[@]}"
