#!/usr/bin/env bash
# A throwaway PostgreSQL cluster for the integration tests: a fresh folder under /tmp, trust auth,
# durability off (fast, and nothing in it is worth keeping), on a free port of 127.0.0.1.
#
#   eval "$(scripts/pg-cluster.sh start)"   # exports DATABASE_URL and PG_CLUSTER_DIR
#   scripts/pg-cluster.sh stop [dir]         # stops it and deletes the folder (default: $PG_CLUSTER_DIR)
#   scripts/pg-cluster.sh restart [dir] [s]  # stops it, waits s seconds, starts it again (same options)
#   scripts/pg-cluster.sh run CMD [ARGS...]  # start, run CMD with DATABASE_URL set, always stop;
#                                            # exits with CMD's status
#
# Or source it and call pg_cluster_start / pg_cluster_stop (start sets DATABASE_URL and PG_CLUSTER_DIR
# in the calling shell; pair it with a trap that calls pg_cluster_stop).
#
# Binaries come from ${PG_BIN:-/usr/lib/postgresql/15/bin}. initdb and postgres refuse to run as
# root, so as root every server command runs as the `postgres` user (runuser), and the folder is
# given to that user. Diagnostics go to stderr; `start` prints only the export lines on stdout.

PG_BIN="${PG_BIN:-/usr/lib/postgresql/15/bin}"

_pg_cluster_log() { echo "[pg-cluster] $*" >&2; }

# Runs a command as the cluster's owner: `postgres` when we are root, ourselves otherwise. From /,
# because initdb fails when its user cannot read the current folder (a checkout under /root).
_pg_cluster_as_owner() {
  if [ "$(id -u)" = 0 ]; then
    (cd / && runuser -u postgres -- "$@")
  else
    (cd / && "$@")
  fi
}

# Prints a TCP port of 127.0.0.1 that nobody listens on right now.
_pg_cluster_free_port() {
  if command -v node >/dev/null 2>&1; then
    node -e '
      const s = require("net").createServer();
      s.listen(0, "127.0.0.1", () => { const { port } = s.address(); s.close(() => console.log(port)); });
    '
    return
  fi
  local port
  for _ in $(seq 1 50); do
    port=$((20000 + RANDOM % 40000))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
      echo "$port"
      return
    fi
  done
  return 1
}

pg_cluster_start() {
  local dir port attempt
  if [ ! -x "$PG_BIN/initdb" ] || [ ! -x "$PG_BIN/pg_ctl" ]; then
    _pg_cluster_log "no PostgreSQL server binaries in $PG_BIN (run scripts/install-test-deps.sh, or set PG_BIN)"
    return 1
  fi
  if [ "$(id -u)" = 0 ] && ! id postgres >/dev/null 2>&1; then
    _pg_cluster_log "running as root, but there is no 'postgres' user to run the server as"
    return 1
  fi

  # Under /tmp, not $TMPDIR: the postgres user must be able to reach it (not under /root).
  dir="$(mktemp -d "${PG_CLUSTER_TMP:-/tmp}/latchkey-pg.XXXXXX")" || return 1
  if [ "$(id -u)" = 0 ]; then
    chown postgres:postgres "$dir"
  fi

  if ! _pg_cluster_as_owner "$PG_BIN/initdb" -D "$dir/data" -U latchkey --auth=trust -E UTF8 \
    --no-locale --no-sync >"$dir/initdb.log" 2>&1; then
    _pg_cluster_log "initdb failed:"
    cat "$dir/initdb.log" >&2
    rm -rf "$dir"
    return 1
  fi

  # A free port can be taken between the check and the start: try a few.
  for attempt in 1 2 3 4 5; do
    port="$(_pg_cluster_free_port)" || port=""
    if [ -z "$port" ]; then
      _pg_cluster_log "could not find a free port"
      break
    fi
    if _pg_cluster_as_owner "$PG_BIN/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
      -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c fsync=off -c full_page_writes=off -c synchronous_commit=off" \
      start >/dev/null 2>&1; then
      if _pg_cluster_as_owner "$PG_BIN/createdb" -h 127.0.0.1 -p "$port" -U latchkey latchkey >>"$dir/server.log" 2>&1; then
        PG_CLUSTER_DIR="$dir"
        DATABASE_URL="postgres://latchkey@127.0.0.1:$port/latchkey"
        export PG_CLUSTER_DIR DATABASE_URL
        _pg_cluster_log "PostgreSQL $("$PG_BIN/postgres" -V | awk '{print $3}') on 127.0.0.1:$port (folder $dir)"
        return 0
      fi
      _pg_cluster_log "createdb failed"
      break
    fi
    _pg_cluster_log "start on port $port failed (attempt $attempt)"
  done

  _pg_cluster_log "could not start PostgreSQL; server log:"
  tail -n 30 "$dir/server.log" >&2 2>/dev/null
  _pg_cluster_as_owner "$PG_BIN/pg_ctl" -D "$dir/data" -m immediate -w stop >/dev/null 2>&1
  rm -rf "$dir"
  return 1
}

# Silent and safe to call twice, or with nothing started.
pg_cluster_stop() {
  local dir="${1:-${PG_CLUSTER_DIR:-}}"
  [ -n "$dir" ] || return 0
  # Only ever delete a folder this script made.
  case "$(basename "$dir")" in
    latchkey-pg.*) ;;
    *)
      _pg_cluster_log "refusing to remove $dir: not a cluster folder made by this script"
      return 1
      ;;
  esac
  if [ -d "$dir/data" ]; then
    if ! _pg_cluster_as_owner "$PG_BIN/pg_ctl" -D "$dir/data" -m fast -w -t 30 stop >/dev/null 2>&1; then
      _pg_cluster_as_owner "$PG_BIN/pg_ctl" -D "$dir/data" -m immediate -w -t 10 stop >/dev/null 2>&1
    fi
  fi
  rm -rf "$dir"
  if [ "${PG_CLUSTER_DIR:-}" = "$dir" ]; then
    unset PG_CLUSTER_DIR DATABASE_URL
  fi
  return 0
}

# Stops the server and starts it again with the same options (the fault tests: "the database
# restarts"). `down` seconds pass in between.
pg_cluster_restart() {
  local dir="${1:-${PG_CLUSTER_DIR:-}}" down="${2:-0}"
  [ -d "$dir/data" ] || return 1
  _pg_cluster_as_owner "$PG_BIN/pg_ctl" -D "$dir/data" -m fast -w -t 30 stop >/dev/null 2>&1 || return 1
  sleep "$down"
  # postmaster.opts holds the last start's command line: the binary, then its quoted options.
  local opts
  opts="$(cut -d' ' -f2- "$dir/data/postmaster.opts")"
  _pg_cluster_as_owner "$PG_BIN/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 -o "$opts" start >/dev/null 2>&1
}

# Sourced: only define the functions.
if [ "${BASH_SOURCE[0]}" != "$0" ]; then
  return 0
fi

set -uo pipefail

case "${1:-}" in
  start)
    pg_cluster_start || exit 1
    printf 'export DATABASE_URL=%q\nexport PG_CLUSTER_DIR=%q\n' "$DATABASE_URL" "$PG_CLUSTER_DIR"
    ;;
  stop)
    pg_cluster_stop "${2:-}"
    ;;
  restart)
    pg_cluster_restart "${2:-}" "${3:-0}"
    ;;
  run)
    shift
    if [ $# -eq 0 ]; then
      echo "usage: $0 run CMD [ARGS...]" >&2
      exit 2
    fi
    pg_cluster_start || exit 1
    trap 'pg_cluster_stop "$PG_CLUSTER_DIR"' EXIT
    trap 'exit 130' INT
    trap 'exit 143' TERM
    "$@"
    exit $?
    ;;
  *)
    echo "usage: $0 start | stop [dir] | restart [dir] [seconds down] | run CMD [ARGS...]" >&2
    exit 2
    ;;
esac
