#!/usr/bin/env bash
# Installs what the test run needs beyond npm packages, on Debian: the chromium browser that
# Playwright drives (no browser download) and the PostgreSQL 15 server binaries for the
# integration tests on a real server. Quick and silent when both are there already.
#
# As root it installs the missing packages with apt-get; otherwise it names them and exits 1.
# CHROMIUM_PATH and PG_BIN point at other installs, as for playwright.config.ts and pg-cluster.sh.
set -euo pipefail

chromium="${CHROMIUM_PATH:-/usr/bin/chromium}"
pg_bin="${PG_BIN:-/usr/lib/postgresql/15/bin}"

missing=()
[ -x "$chromium" ] || missing+=(chromium)
[ -x "$pg_bin/initdb" ] || missing+=(postgresql-15)

if [ ${#missing[@]} -eq 0 ]; then
  echo "install-test-deps: chromium and PostgreSQL 15 are installed"
  exit 0
fi

if [ -n "${CHROMIUM_PATH:-}" ] && [ ! -x "$chromium" ]; then
  echo "install-test-deps: CHROMIUM_PATH=$CHROMIUM_PATH is not an executable; unset it to use Debian's chromium" >&2
  exit 1
fi
if [ -n "${PG_BIN:-}" ] && [ ! -x "$pg_bin/initdb" ]; then
  echo "install-test-deps: PG_BIN=$PG_BIN has no initdb; unset it to use Debian's postgresql-15" >&2
  exit 1
fi

if [ "$(id -u)" != 0 ]; then
  echo "install-test-deps: missing ${missing[*]}. Install as root, then run the tests again:" >&2
  echo "  sudo apt-get update && sudo apt-get install -y ${missing[*]}" >&2
  exit 1
fi

if ! command -v apt-get >/dev/null 2>&1; then
  echo "install-test-deps: missing ${missing[*]}, and there is no apt-get here to install them with" >&2
  exit 1
fi

echo "install-test-deps: installing ${missing[*]}"
start=$SECONDS
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq "${missing[@]}" >/dev/null
# Installing postgresql-15 also creates Debian's default "15/main" cluster; the tests never use it
# (they start their own throwaway cluster on a free port, see scripts/pg-cluster.sh).

[ -x "$chromium" ] || { echo "install-test-deps: chromium is still missing at $chromium" >&2; exit 1; }
[ -x "$pg_bin/initdb" ] || { echo "install-test-deps: initdb is still missing in $pg_bin" >&2; exit 1; }
echo "install-test-deps: done in $((SECONDS - start))s"
