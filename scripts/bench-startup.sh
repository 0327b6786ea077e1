#!/usr/bin/env bash
# npm run bench:startup [-- PORT]
# The README's first command timed step by step, from a fresh clone of this checkout's HEAD to a
# healthy demo server: `npm install`, `npm run build`, and `npm run demo` until GET /api/health
# answers 200 (the server has migrated and seeded its new data folder by then). The clone goes to
# a temporary folder that is removed afterwards. npm's cache is whatever this machine's is: a cold
# cache adds the download of every package to the install figure.
set -uo pipefail
cd "$(dirname "$0")/.."
port="${1:-3000}"
src="$(pwd)"
dir="$(mktemp -d "${TMPDIR:-/tmp}/latchkey-startup.XXXXXX")"
server=""
cleanup() {
  if [ -n "$server" ] && kill -0 "$server" 2>/dev/null; then
    kill "$server" 2>/dev/null
    wait "$server" 2>/dev/null
  fi
  rm -rf "$dir"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

now() { date +%s.%N; }
since() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.1f", b - a }'; }

git clone -q "$src" "$dir/latchkey" || exit 1
cd "$dir/latchkey" || exit 1
export NEXT_TELEMETRY_DISABLED=1

t="$(now)"
npm install --no-audit --no-fund >"$dir/install.log" 2>&1 || {
  tail -20 "$dir/install.log"
  exit 1
}
install_s="$(since "$t")"

t="$(now)"
npm run build >"$dir/build.log" 2>&1 || {
  tail -40 "$dir/build.log"
  exit 1
}
build_s="$(since "$t")"

t="$(now)"
# What `npm run demo` runs, exec'd so that the job's pid is the server's own (no npm in between).
LATCHKEY_DEMO=true SANDBOX_OAUTH_PORT="$((port + 1))" PORT="$port" \
  bash -c 'exec node --max-http-header-size=65536 server.mjs -p "$PORT"' >"$dir/start.log" 2>&1 &
server=$!
until curl -fsS "http://localhost:$port/api/health" >/dev/null 2>&1; do
  if ! kill -0 "$server" 2>/dev/null; then
    cat "$dir/start.log"
    exit 1
  fi
  sleep 0.2
done
start_s="$(since "$t")"

echo "fresh clone to a healthy demo server ($(nproc) cores, Node $(node -v)):"
echo "  npm install:        ${install_s} s"
echo "  npm run build:      ${build_s} s"
echo "  first npm run demo: ${start_s} s (to GET /api/health 200)"
echo "the build's phases:"
grep -E "Compiled|TypeScript|Collecting|Generating static pages.*in|Finished" "$dir/build.log" | sed 's/^/  /'
