#!/usr/bin/env bash
# npm run bench [-- --quick] [-- --no-build] [-- --databases=postgres|pglite]
# Every benchmark, one after the other (never two at once: they measure the machine), first on a
# throwaway PostgreSQL 15 cluster (each bench on an empty database of its own), then on the embedded
# PGlite. Each prints its figures and its median ratio; the Markdown table of all of them goes to
# .bench-output/bench-<time>.md (and .bench-output/latest.md), ready to paste into a report.
# The runtime bench needs a production build: this builds first unless told --no-build.
set -uo pipefail
cd "$(dirname "$0")/.."
export NEXT_TELEMETRY_DISABLED=1

args=()
build=1
databases="postgres,pglite"
for a in "$@"; do
  case "$a" in
    --no-build) build=0 ;;
    --databases=*) databases="${a#--databases=}" ;;
    *) args+=("$a") ;;
  esac
done

OUT=.bench-output
mkdir -p "$OUT"
stamp="$(date -u +%Y%m%dT%H%M%SZ)"
results="$OUT/bench-$stamp.jsonl"
log="$OUT/bench-$stamp.log"
: >"$results"
export BENCH_RESULT_FILE="$results"

source scripts/pg-cluster.sh
RUN_TMP="$(mktemp -d "${TMPDIR:-/tmp}/latchkey-bench-run.XXXXXX")"
export TMPDIR="$RUN_TMP"
cleanup() {
  pg_cluster_stop >/dev/null 2>&1 || true
  rm -rf "$RUN_TMP" >/dev/null 2>&1 || true
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

if [ "$build" = 1 ]; then
  echo "==> build" | tee -a "$log"
  npm run build --silent >>"$log" 2>&1 || {
    echo "the build failed (see $log)"
    exit 1
  }
fi

BENCHES="refresh refresh-scale runtime credentials webhooks proxy"
failed=0
# run_bench NAME DATABASE_NAME [DATABASE_URL]: without a URL, on PGlite.
run_bench() {
  local bench="$1" database="$2" url="${3:-}"
  local dbenv=(-u DATABASE_URL)
  [ -n "$url" ] && dbenv=(DATABASE_URL="$url")
  echo "==> bench:$bench on $database" | tee -a "$log"
  # A data folder of its own for each (PGlite's, and the runtime bench's server).
  if env "${dbenv[@]}" LATCHKEY_DATA_DIR="$(mktemp -d)" npm run "bench:$bench" --silent -- "${args[@]}" 2>&1 |
    tee -a "$log"; then
    :
  else
    echo "<== bench:$bench on $database FAILED" | tee -a "$log"
    failed=1
  fi
}

if [[ ",$databases," != *",postgres,"* ]]; then
  :
elif echo "==> postgres: starting a throwaway PostgreSQL cluster" | tee -a "$log" && pg_cluster_start; then
  pg_port="${DATABASE_URL##*:}"
  pg_port="${pg_port%%/*}"
  base_url="${DATABASE_URL%/*}"
  for bench in $BENCHES; do
    db="bench_${bench//-/_}"
    _pg_cluster_as_owner "$PG_BIN/createdb" -h 127.0.0.1 -p "$pg_port" -U latchkey "$db"
    run_bench "$bench" postgres "$base_url/$db"
  done
  pg_cluster_stop
else
  echo "<== postgres: the cluster did not start" | tee -a "$log"
  failed=1
fi

if [[ ",$databases," == *",pglite,"* ]]; then
  for bench in $BENCHES; do
    run_bench "$bench" pglite
  done
fi

table="$OUT/bench-$stamp.md"
{
  echo "Benchmarks, $(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores, Node $(node -v), mode: ${args[*]:-full}"
  echo
  npx tsx bench/report.ts "$results"
} >"$table"
cp "$table" "$OUT/latest.md"
echo
cat "$table"
echo
echo "table: $table (log: $log)"
exit "$failed"
