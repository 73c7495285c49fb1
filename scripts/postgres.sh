#!/usr/bin/env bash
# Sourced by test.sh: makes a local PostgreSQL 15 available to the store tests and
# exports the connection string Backstage's TestDatabases reads. Under CI a missing
# PostgreSQL is an error, never a silent skip.
PG_URL="postgresql://postgres:postgres@localhost:5432"

ensure_postgres() {
  if [ -n "${BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING:-}" ]; then
    echo "==> PostgreSQL: using BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING"
    return 0
  fi
  if [ "$(id -u)" = 0 ]; then
    if ! command -v pg_ctlcluster >/dev/null || ! pg_lsclusters -h 2>/dev/null | grep -q '^15 '; then
      echo "==> Installing PostgreSQL 15 (apt-get)"
      apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
    fi
    if ! pg_lsclusters -h | grep -q '^15 main .* online'; then
      echo "==> Starting PostgreSQL 15"
      pg_ctlcluster 15 main start
    fi
    su postgres -c "psql -qc \"ALTER USER postgres PASSWORD 'postgres'\"" >/dev/null
    export BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING="$PG_URL"
  elif pg_isready -q -h localhost -p 5432 2>/dev/null; then
    export BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING="$PG_URL"
  fi
  if [ -z "${BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING:-}" ]; then
    if [ "${CI:-}" = true ]; then
      echo "ERROR: PostgreSQL 15 is not available and CI=true: refusing to skip the PostgreSQL tests" >&2
      exit 1
    fi
    echo "WARNING: no PostgreSQL 15 found: the POSTGRES_15 store tests will be SKIPPED." >&2
    echo "         Set BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING to run them." >&2
  fi
  if [ -n "${BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING:-}" ]; then
    echo "==> PostgreSQL 15 for the store tests: ${BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING%%@*}@…"
  fi
  # Docker does not run here; never let TestDatabases try it.
  export BACKSTAGE_TEST_DISABLE_DOCKER=1
}
