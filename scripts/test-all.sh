#!/usr/bin/env bash
# Every test of the project, in order, going on past failures so that the totals are complete:
#
#   typecheck · lint · unit · integration on PGlite · integration on PostgreSQL 15 (a throwaway
#   cluster, always stopped) · build · system (two production servers on a PostgreSQL cluster of
#   their own: the refresh race and its faults) · bench (the benchmarks' short mode on that cluster;
#   each passes when it runs to its ratio line) · e2e (Playwright against the production server, server.mjs)
#
# Reports go to .test-output/ (vitest and Playwright JSON, plus steps.tsv with each step's exit
# status and time); scripts/test-totals.mjs then prints one line per step and, as the very last
# line, "N passed, N failed". The exit status is non-zero when anything failed.
#
# TEST_STEPS=unit,integration-pglite npm test --silent   runs only the named steps.

set -uo pipefail
cd "$(dirname "$0")/.."

export NEXT_TELEMETRY_DISABLED=1
OUT=.test-output
STEPS_FILE="$OUT/steps.tsv"
BIN=./node_modules/.bin
ALL_STEPS="typecheck,lint,unit,integration-pglite,integration-postgres,build,system,bench,e2e"
SELECTED=",${TEST_STEPS:-$ALL_STEPS},"

rm -rf "$OUT"
mkdir -p "$OUT"
: >"$STEPS_FILE"

source scripts/pg-cluster.sh

# Temporary files of this run (the test data folders, browser profiles) go to one folder that is
# removed at the end, even when a killed suite could not clean up after itself.
RUN_TMP="$(mktemp -d "${TMPDIR:-/tmp}/latchkey-test-run.XXXXXX")"
export TMPDIR="$RUN_TMP"

# Whatever happens (a failing suite, Ctrl-C, a kill), the PostgreSQL cluster does not outlive us,
# and nothing is printed after the totals line.
cleanup() {
  pg_cluster_stop >/dev/null 2>&1 || true
  rm -rf "$RUN_TMP" >/dev/null 2>&1 || true
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

selected() { [[ "$SELECTED" == *",$1,"* ]]; }

now() { date +%s.%N; }
elapsed() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1f", b - a }'; }

# record NAME KIND REPORT RC SECONDS [NOTE]: one line of steps.tsv, read by test-totals.mjs.
record() {
  printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$1" "$2" "$3" "$4" "$5" "${6:-}" >>"$STEPS_FILE"
}

# run_step NAME KIND REPORT CMD [ARGS...]
#   KIND: check (passes or fails as one), vitest or playwright (counted from the JSON REPORT).
run_step() {
  local name="$1" kind="$2" report="$3"
  shift 3
  local start rc seconds
  echo
  echo "==> $name: $*"
  start="$(now)"
  "$@"
  rc=$?
  seconds="$(elapsed "$start" "$(now)")"
  if [ "$rc" = 0 ]; then
    echo "<== $name: ok (${seconds}s)"
  else
    echo "<== $name: FAILED with exit status $rc (${seconds}s)"
  fi
  record "$name" "$kind" "$report" "$rc" "$seconds"
  return "$rc"
}

vitest_json() { echo "--reporter=default --reporter=json --outputFile=$OUT/$1.json"; }

TOTAL_START="$(now)"

# (a) and (b): static checks.
selected typecheck && run_step typecheck check "" npm run typecheck
selected lint && run_step lint check "" npm run lint

# (c) unit tests.
selected unit && run_step unit vitest "$OUT/unit.json" \
  "$BIN/vitest" run --project unit $(vitest_json unit)

# (d) integration tests on the embedded PGlite (never a DATABASE_URL from the calling shell).
selected integration-pglite && run_step integration-pglite vitest "$OUT/integration-pglite.json" \
  env -u DATABASE_URL "$BIN/vitest" run --project integration $(vitest_json integration-pglite)

# (e) integration tests on a throwaway PostgreSQL 15 cluster, stopped even when they fail.
if selected integration-postgres; then
  echo
  echo "==> postgres: starting a throwaway PostgreSQL cluster"
  pg_start="$(now)"
  if pg_cluster_start; then
    echo "<== postgres: up ($(elapsed "$pg_start" "$(now)")s)"
    run_step integration-postgres vitest "$OUT/integration-postgres.json" \
      "$BIN/vitest" run --project integration $(vitest_json integration-postgres)
    pg_cluster_stop
  else
    echo "<== postgres: FAILED to start a cluster ($(elapsed "$pg_start" "$(now)")s)"
    record integration-postgres vitest "$OUT/integration-postgres.json" 1 \
      "$(elapsed "$pg_start" "$(now)")" "the PostgreSQL cluster did not start"
  fi
fi

# (f) production build, then Playwright against the production server (see playwright.config.ts).
build_ok=1
if selected build; then
  run_step build check "" npm run build || build_ok=0
fi
if selected system || selected bench; then
  if [ "$build_ok" = 1 ] && [ -d .next ]; then
    echo
    echo "==> postgres: starting a throwaway PostgreSQL cluster for the system tests and benchmarks"
    if pg_cluster_start; then
      if selected system; then
        run_step system vitest "$OUT/system.json" "$BIN/vitest" run --project system $(vitest_json system)
      fi
      if selected bench; then
        # Each benchmark on an empty database of its own (they count what is due across the database).
        pg_port="${DATABASE_URL##*:}"
        pg_port="${pg_port%%/*}"
        for bench in refresh refresh-scale runtime credentials webhooks proxy; do
          bench_db="bench_${bench//-/_}"
          _pg_cluster_as_owner "$PG_BIN/createdb" -h 127.0.0.1 -p "$pg_port" -U latchkey "$bench_db"
          run_step "bench:$bench" check "" env DATABASE_URL="${DATABASE_URL%/*}/$bench_db" npm run "bench:$bench" --silent -- --quick
        done
      fi
      pg_cluster_stop
    else
      record system vitest "$OUT/system.json" 1 0 "the PostgreSQL cluster did not start"
    fi
  else
    echo
    echo "==> system: not run, there is no build"
    record system vitest "$OUT/system.json" 1 0 "not run: no build"
  fi
fi
if selected e2e; then
  if [ "$build_ok" = 1 ]; then
    run_step e2e playwright "$OUT/playwright.json" "$BIN/playwright" test
  else
    echo
    echo "==> e2e: not run, the build failed"
    record e2e playwright "$OUT/playwright.json" 1 0 "not run: the build failed"
  fi
fi

echo
echo "==> totals (${OUT}/, $(elapsed "$TOTAL_START" "$(now)")s in all)"
node scripts/test-totals.mjs "$STEPS_FILE"
exit $?
