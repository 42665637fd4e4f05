#!/usr/bin/env bash
# `npm run test:faults`: the fault suite (tests/faults, docs/faults.md). It breaks lab hosts on
# purpose, so it runs under the lab lock that every lab user takes.
set -euo pipefail
cd "$(dirname "$0")/.."
exec flock /tmp/panel-lab.lock npx vitest run --config tests/faults/vitest.config.ts "$@"
