#!/usr/bin/env bash
# Run a test command (e.g. `.venv/bin/python -m pytest -q`) on SQLite and on PostgreSQL at the
# same time. Each pytest keeps about one core busy and the PostgreSQL half spends much of its
# time waiting on its server, so on 2 cores both halves together take about as long as the
# slower one alone. Each half writes its own log, shown whole when that half ends, and keeps
# its own var directory (keys, SQLite test database, media). Fails when either half fails,
# whatever its exit code (pytest's 5, no tests collected, included).
set -uo pipefail
logs=$(mktemp -d)
trap 'rm -rf "$logs"' EXIT
declare -A half

ZHENGXIE_VAR="$PWD/var/test-sqlite" "$@" >"$logs/SQLite" 2>&1 &
half[$!]=SQLite
# The PostgreSQL half runs the tests that touch the database; the SQLite half runs them all
# (a test that touches none gives the same outcome on either, see conftest.py).
ZHENGXIE_VAR="$PWD/var/test-postgresql" ZHENGXIE_DATABASE_TESTS_ONLY=1 \
  scripts/with-postgres.sh "$@" >"$logs/PostgreSQL" 2>&1 &
half[$!]=PostgreSQL
echo "SQLite and PostgreSQL run at once; each log follows when its run ends."

failed=""
for _ in 1 2; do
  wait -n -p pid
  status=$?
  name=${half[$pid]}
  echo "==================== $name (exit $status) ===================="
  cat "$logs/$name"
  [ "$status" -eq 0 ] || failed="$failed $name"
done
if [ -n "$failed" ]; then
  echo "FAILED on:$failed"
  exit 1
fi
echo "Both passed: SQLite and PostgreSQL."
