#!/usr/bin/env bash
# Time to data after navigation on the production build (issue 13): builds the
# app, starts the backend serving it on :7007 with the demo data on a fresh
# SQLite folder and a catalog file of 500 more components, measures every view
# (and the impact graph at 500 dependents) in Chromium, and writes
# packages/app/bench/NAVIGATION_RESULTS.md. Nothing else may listen on 7007.
# SKIP_BUILD=1 reuses packages/app/dist when the app did not change.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$ROOT"

if [ "${SKIP_BUILD:-}" = 1 ] && [ -d packages/app/dist ]; then
  echo "==> Reusing the production bundle in packages/app/dist (SKIP_BUILD=1)"
else
  echo "==> Building the app (production bundle into packages/app/dist)"
  yarn workspace app build
fi

rm -rf data/navigation-bench-sqlite && mkdir -p data/navigation-bench-sqlite
echo "==> Writing the impact graph at scale (a component 500 others reach)"
node -r @backstage/cli/config/nodeTransform.cjs packages/app/bench/scaleCatalog.ts \
  data/navigation-bench-catalog/impact-500.yaml
echo "==> Starting the backend, which serves the built app"
(cd packages/backend && exec yarn start --config ../../app-config.yaml \
  --config ../../app-config.navigation-bench.yaml) >/tmp/bench-navigation-backend.log 2>&1 &
BACKEND=$!
trap 'kill $BACKEND 2>/dev/null; pkill -P $BACKEND 2>/dev/null || true' EXIT
for _ in $(seq 1 180); do
  if curl -fs http://localhost:7007/api/release-coordination/health >/dev/null &&
    curl -fs http://localhost:7007/ | grep -q '<div id="root"'; then
    break
  fi
  sleep 1
done
# the demo data is seeded at start; give the first scheduled tasks a moment
sleep 10
echo "==> Measuring"
CHROMIUM_PATH="${CHROMIUM_PATH:-/usr/bin/chromium}" \
  node -r @backstage/cli/config/nodeTransform.cjs packages/app/bench/navigation.ts "$@"
