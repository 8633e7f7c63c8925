#!/usr/bin/env bash
# scripts/pg.sh start|stop|url DIR — a throwaway PostgreSQL 15 cluster for tests and benchmarks.
#   start DIR   initdb a cluster in DIR/data (DIR is created; a temp folder is best), listening
#               on loopback only: a unix socket in DIR and 127.0.0.1 on a free port; prints the
#               address (postgresql://loket@127.0.0.1:PORT/postgres), also kept in DIR/url.
#   replica DIR PRIMARY_URL   a streaming replica (hot standby) of the cluster at PRIMARY_URL in
#               DIR (pg_basebackup -R), on loopback on a free port; prints its address.
#   stop DIR    stop the cluster and remove DIR.
#   url DIR     print the address again.
# initdb refuses to run as root: as root the cluster belongs to `nobody` (runuser); as a
# normal user it is that user's own. Trust authentication, loopback only: never a real server.
set -eu
PGBIN=${PGBIN:-/usr/lib/postgresql/15/bin}
cmd=${1:-}; dir=${2:-}
[ -n "$cmd" ] && [ -n "$dir" ] || { echo "usage: $0 start|stop|url DIR | replica DIR PRIMARY_URL" >&2; exit 2; }

as_owner() {  # run a command as the cluster's owner
  if [ "$(id -u)" -eq 0 ]; then runuser -u nobody -- "$@"; else "$@"; fi
}

free_port() {   # below the kernel's ephemeral range (32768-60999): a port no client connection holds
  local p
  for _ in $(seq 1 50); do
    p=$(( 20000 + RANDOM % 12000 ))
    if ! (exec 3<>/dev/tcp/127.0.0.1/$p) 2>/dev/null; then echo "$p"; return 0; fi
  done
  echo "no free port" >&2; return 1
}

# pg_ctl start on a free port (arguments after the port's -p), again on another port when the one
# chosen was taken meanwhile ("Address already in use": another test bound it between the look and
# the start); sets port.
start_on_free_port() {
  local data=$1 log=$2; shift 2
  for _ in 1 2 3 4 5; do
    port=$(free_port) || return 1
    rm -f "$log"   # this try's lines alone
    if as_owner "$PGBIN/pg_ctl" -D "$data" -l "$log" -w -t 60 start -o "-p $port $*" >/dev/null; then return 0; fi
    grep -q 'Address already in use' "$log" || return 1
  done
  return 1
}

case "$cmd" in
start)
  mkdir -p "$dir"
  dir=$(cd "$dir" && pwd)
  [ "$(id -u)" -eq 0 ] && chown nobody "$dir"
  chmod 700 "$dir"
  as_owner "$PGBIN/initdb" -D "$dir/data" -U loket --auth=trust -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 \
    || { cat "$dir/initdb.log" >&2; exit 1; }
  # fsync stays on (the figures must mean something); a few settings for many short tests
  start_on_free_port "$dir/data" "$dir/server.log" \
    "-k $dir -c listen_addresses=127.0.0.1 -c max_connections=300 -c shared_buffers=128MB" \
    || { cat "$dir/server.log" >&2; exit 1; }
  echo "postgresql://loket@127.0.0.1:$port/postgres" > "$dir/url"
  cat "$dir/url"
  ;;
replica)
  primary=${3:-}
  [ -n "$primary" ] || { echo "usage: $0 replica DIR PRIMARY_URL" >&2; exit 2; }
  mkdir -p "$dir"
  dir=$(cd "$dir" && pwd)
  [ "$(id -u)" -eq 0 ] && chown nobody "$dir"
  chmod 700 "$dir"
  as_owner "$PGBIN/pg_basebackup" -d "$primary" -D "$dir/data" -R -X stream -c fast >"$dir/basebackup.log" 2>&1 \
    || { cat "$dir/basebackup.log" >&2; exit 1; }
  start_on_free_port "$dir/data" "$dir/server.log" "-k $dir -c listen_addresses=127.0.0.1 -c hot_standby=on -c max_connections=300" \
    || { cat "$dir/server.log" >&2; exit 1; }
  echo "postgresql://loket@127.0.0.1:$port/postgres" > "$dir/url"
  cat "$dir/url"
  ;;
stop)
  [ -d "$dir/data" ] && as_owner "$PGBIN/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null 2>&1 || true
  rm -rf "$dir"
  ;;
url)
  cat "$dir/url"
  ;;
*)
  echo "usage: $0 start|stop|url DIR" >&2; exit 2 ;;
esac
