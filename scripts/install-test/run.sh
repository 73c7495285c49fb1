#!/usr/bin/env bash
# Installs the three release-coordination packages into a Backstage app that has
# never seen them, the way the plugin READMEs say: packs them with `yarn pack`,
# generates a fresh app with the create-app version matching backstage.json,
# adds the tarballs, starts the app's backend (no releaseCoordination config at
# all) and checks /health and an authenticated call, then builds the app's
# frontend and checks that feature discovery bundled our plugin and its tabs.
#
# Usage: bash scripts/install-test/run.sh   (about 8-12 minutes on 2 cores)
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../env.sh"
cd "$ROOT"
ensure_dependencies

CREATE_APP_VERSION="${CREATE_APP_VERSION:-0.9.2}" # Backstage 1.55.0, as backstage.json
PORT="${INSTALL_TEST_PORT:-7107}"
WORK="$(mktemp -d /tmp/rc-install-test.XXXXXX)"
APP="$WORK/app"
PACKS="$WORK/packages"
mkdir -p "$PACKS"
BACKEND_PID=""
cleanup() {
  if [ -n "$BACKEND_PID" ]; then kill -- -"$BACKEND_PID" 2>/dev/null || true; fi
  if [ "${KEEP_INSTALL_TEST:-}" != 1 ]; then rm -rf "$WORK"; fi
}
trap cleanup EXIT
step() { echo "==> [install-test $(date +%H:%M:%S)] $*"; }

step "Building and packing the three packages into $PACKS"
yarn tsc
for pkg in release-coordination-common release-coordination-backend release-coordination; do
  (
    cd "plugins/$pkg"
    yarn backstage-cli package build
    yarn pack --out "$PACKS/$pkg.tgz" >/dev/null
  )
done
ls -l "$PACKS"

step "Generating a fresh app with @backstage/create-app@$CREATE_APP_VERSION"
BACKSTAGE_APP_NAME=fresh-app npx --yes "@backstage/create-app@$CREATE_APP_VERSION" \
  --path "$APP" --skip-install

step "Installing the app and the tarballs (plugin READMEs: 'Install from tarballs')"
cd "$APP"
node - "$PACKS" <<'EOF'
// The common package is not on a registry: point every dependant at its tarball.
const fs = require('fs');
const packs = process.argv[2];
const pkg = JSON.parse(fs.readFileSync('package.json', 'utf8'));
pkg.resolutions = {
  ...pkg.resolutions,
  '@internal/plugin-release-coordination-common': `file:${packs}/release-coordination-common.tgz`,
};
fs.writeFileSync('package.json', `${JSON.stringify(pkg, null, 2)}\n`);
EOF
yarn workspace backend add "@internal/plugin-release-coordination-backend@file:$PACKS/release-coordination-backend.tgz"
yarn workspace app add "@internal/plugin-release-coordination@file:$PACKS/release-coordination.tgz"
# Backend: one line, as the backend README says.
sed -i "s|^backend.add(import('@backstage/plugin-catalog-backend'));|&\nbackend.add(import('@internal/plugin-release-coordination-backend'));|" \
  packages/backend/src/index.ts
grep -q "plugin-release-coordination-backend" packages/backend/src/index.ts

step "Starting the fresh app's backend on port $PORT (no releaseCoordination config)"
if grep -rq "releaseCoordination" app-config*.yaml; then
  echo "unexpected releaseCoordination config in the fresh app" >&2
  exit 1
fi
export APP_CONFIG_backend_baseUrl="http://localhost:$PORT"
export APP_CONFIG_backend_listen_port="$PORT"
setsid yarn workspace backend start >"$WORK/backend.log" 2>&1 &
BACKEND_PID=$!
base="http://localhost:$PORT/api"
for _ in $(seq 1 180); do
  if curl -fsS "$base/release-coordination/health" >/dev/null 2>&1; then break; fi
  if ! kill -0 "$BACKEND_PID" 2>/dev/null; then
    tail -50 "$WORK/backend.log"
    echo "the fresh app's backend exited" >&2
    exit 1
  fi
  sleep 2
done
curl -fsS "$base/release-coordination/health"
echo
token="$(curl -fsS -X POST -H 'X-Requested-With: XMLHttpRequest' "$base/auth/guest/refresh" |
  node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>console.log(JSON.parse(s).backstageIdentity.token))')"
status="$(curl -s -o "$WORK/releases.json" -w '%{http_code}' -H "Authorization: Bearer $token" \
  "$base/release-coordination/releases?limit=5")"
echo "GET /releases as the guest user: HTTP $status $(head -c 200 "$WORK/releases.json")"
[ "$status" = 200 ]
unauth="$(curl -s -o /dev/null -w '%{http_code}' "$base/release-coordination/releases")"
echo "GET /releases without a token: HTTP $unauth"
[ "$unauth" = 401 ]
if grep -iE '"level":"error"|\berror\b.*release-coordination' "$WORK/backend.log" | grep -i release-coordination; then
  echo "the plugin logged errors at start" >&2
  exit 1
fi
kill -- -"$BACKEND_PID" 2>/dev/null || true
BACKEND_PID=""

step "Building the fresh app's frontend (feature discovery: app.packages = all)"
yarn workspace app build
bundle="$APP/packages/app/dist"
# Minified, but property names and strings survive: the plugin and each entity tab.
for needle in 'pluginId:"release-coordination"' 'path:"releases"' 'path:"impact"' \
  'path:"release-impact"' 'path:"readiness"' 'path:"/release-coordination"'; do
  if ! grep -rqsF --include='*.js' "$needle" "$bundle"; then
    echo "the app bundle lacks $needle: the plugin or a tab was not discovered" >&2
    exit 1
  fi
  echo "bundle has $needle"
done

step "The packages install, start and build in a fresh Backstage app"
