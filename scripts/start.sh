#!/usr/bin/env bash
# Command 1: install whatever is missing and start the portal
# (frontend on :3000, backend on :7007, guest sign-in, SQLite files in data/).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
ensure_dependencies
mkdir -p "$ROOT/data/sqlite"
cd "$ROOT"
echo "==> Starting the portal: http://localhost:3000 (backend http://localhost:7007)"
exec yarn start
