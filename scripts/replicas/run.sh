#!/usr/bin/env bash
# `yarn replicas`: two backend replicas on one PostgreSQL database, with a crash
# (scripts/replicas/run.ts). Makes sure the local PostgreSQL runs first.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
source "$ROOT/scripts/env.sh"
source "$ROOT/scripts/postgres.sh"
CI=true ensure_postgres
cd "$ROOT"
exec node -r @backstage/cli/config/nodeTransform.cjs scripts/replicas/run.ts "$@"
