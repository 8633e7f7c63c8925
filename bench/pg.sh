#!/usr/bin/env bash
# bench/pg.sh — the case benchmarks on PostgreSQL, one node and two, beside SQLite in the
# same run. N cases are loaded into SQLite as bench/cases.sh loads them (load_cases of bench/lib.sh),
# then moved with `loket migrate` into a throwaway PostgreSQL 15 cluster (scripts/pg.sh).
# Three set-ups, in ROUNDS rounds whose order rotates, each measured with wrk:
#   sqlite-1   one `loket serve` on the SQLite file
#   pg-1       one `loket serve` on PostgreSQL
#   pg-2       two `loket serve` processes on the same PostgreSQL database (the load split
#              evenly between them, two wrk at once; their rates added)
# Targets: GET /api/v1/cases/NUMBER (random case, Bearer token, WRK_CONNECTIONS in all) and
# POST /api/v1/cases (OPEN_CONNECTIONS in all). After the run the numbers PostgreSQL gave
# are checked: no duplicate, no gap.
#
# Usage: bench/pg.sh [--write-docs]   (section "## Cases on PostgreSQL" in docs/benchmarks.md)
# Environment: N (100000), DURATION (5 s per wrk run), ROUNDS (3), WRK_CONNECTIONS (32),
#              OPEN_CONNECTIONS (8), THREADS (4, MHD threads per node), KEEP=1.
set -euo pipefail
. "$(dirname "$0")/lib.sh"
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"

N=${N:-100000}
DURATION=${DURATION:-5}
ROUNDS=${ROUNDS:-3}
WRK_CONNECTIONS=${WRK_CONNECTIONS:-32}
OPEN_CONNECTIONS=${OPEN_CONNECTIONS:-8}
THREADS=${THREADS:-8}
KEEP=${KEEP:-0}
SOP="SOP-LPSE.BTG-017"
PASSWORD=bench-password-123
DOCS=docs/benchmarks.md
SECTION="## Cases on PostgreSQL"
bench_args "$@"
for t in wrk curl sqlite3 psql awk; do command -v "$t" >/dev/null || die "$t not found"; done
[[ -x build/loket ]] || make build/loket || die "cannot build build/loket"

TMP=$(mktemp -d "${TMPDIR:-/tmp}/loket-bench-pg.XXXXXX")
PGDIR=$(mktemp -d /tmp/loket-bench-pgc.XXXXXX)
LOKET=$TMP/loket
cp build/loket "$LOKET"
PIDS=()
stop_nodes() { local p; for p in "${PIDS[@]}"; do stop_pid "$p" 10; done; PIDS=(); }
cleanup() {
  stop_nodes
  scripts/pg.sh stop "$PGDIR" || true
  if ((KEEP)); then echo "pg.sh: kept $TMP" >&2; else rm -rf "$TMP"; fi
}
trap cleanup EXIT
trap 'exit 130' INT


# --- the data: SQLite, then the same moved to PostgreSQL ---
SQ=$TMP/sqlite
LOKET_ADMIN_PASSWORD=$PASSWORD "$LOKET" init --data "$SQ" >/dev/null
load_cases "$SQ/loket.db" "$N"
printf 'threads = %s\n' "$THREADS" >>"$SQ/loket.conf"
URL=$(scripts/pg.sh start "$PGDIR")
psql -X -q "$URL" -c "CREATE DATABASE bench" >/dev/null
TARGET=${URL%/postgres}/bench
"$LOKET" migrate --from "$SQ" --to "$TARGET" >"$TMP/migrate.out" 2>/dev/null || die "loket migrate failed"
for k in 1 2; do
  mkdir -p "$TMP/pg$k"
  printf 'db = %s\nthreads = %s\n' "$TARGET" "$THREADS" >"$TMP/pg$k/loket.conf"
done
prefix="$LOAD_CODE-$LOAD_YEAR-"

cat >"$TMP/json.lua" <<LUA
local prefix, n, count = "/api/v1/cases/$prefix", $N, 0
function setup(thread) count = count + 1; thread:set("seed", count) end
function init(args) math.randomseed(os.time() * 1000 + (seed or 0) * 7919) end
function request() return wrk.format("GET", string.format("%s%06d", prefix, math.random(1, n))) end
LUA
BODY='{"sop":"SOP-LPSE.BTG-017","channel":"phone","subject":"Lupa kata sandi SPSE","urgency":"mendesak","impact":"sedang","requester":{"name":"Budi Santoso","phone":"0812-3456-7890"}}'
printf 'wrk.method = "POST"\nwrk.headers["Content-Type"] = "application/json"\nwrk.body = %s\n' "'$BODY'" >"$TMP/open.lua"

# Start the nodes of a set-up; URLS holds their addresses.
start_nodes() {  # setup
  local dirs k port
  case "$1" in sqlite-1) dirs=("$SQ") ;; pg-1) dirs=("$TMP/pg1") ;; pg-2) dirs=("$TMP/pg1" "$TMP/pg2") ;; esac
  URLS=()
  k=0
  for d in "${dirs[@]}"; do
    port=$(pick_port)
    "$LOKET" serve --data "$d" --listen "127.0.0.1:$port" >"$TMP/node$k.out" 2>"$TMP/node$k.err" &
    PIDS+=($!)
    URLS+=("http://127.0.0.1:$port")
    k=$((k + 1))
  done
  for u in "${URLS[@]}"; do
    for _ in $(seq 1 300); do curl -sf --max-time 1 "$u/healthz" >/dev/null 2>&1 && break; sleep 0.1; done
  done
  TOKEN=$(api_token "${URLS[0]}" "$PASSWORD")
  [[ -n $TOKEN ]] || die "cannot sign in on $1"
}

# wrk against every node at once, connections split; prints the summed Requests/sec.
wrk_all() {  # connections script path
  local conns=$1 script=$2 path=$3 each i out sum=0 w=()
  each=$((conns / ${#URLS[@]}))
  ((each >= 1)) || each=1
  for i in "${!URLS[@]}"; do
    wrk -t"$((each < 2 ? each : 2))" -c"$each" -d"${DURATION}s" -s "$script" -H "Authorization: Bearer $TOKEN" \
      "${URLS[$i]}$path" >"$TMP/wrk$i.out" 2>&1 &
    w+=($!)
  done
  wait "${w[@]}" || true
  for i in "${!URLS[@]}"; do
    out=$(awk '/^Requests\/sec:/ { print $2 }' "$TMP/wrk$i.out")
    [[ -n $out ]] || { cat "$TMP/wrk$i.out" >&2; die "no Requests/sec from wrk"; }
    if grep -qE 'Non-2xx|Socket errors' "$TMP/wrk$i.out"; then warn "$(grep -E 'Non-2xx|Socket errors' "$TMP/wrk$i.out" | tr -s ' ')"; fi
    sum=$(awk -v a="$sum" -v b="$out" 'BEGIN { printf "%.2f", a + b }')
  done
  echo "$sum"
}

setups=(sqlite-1 pg-1 pg-2)
declare -A JSON OPEN
for r in $(seq 1 "$ROUNDS"); do
  for j in 0 1 2; do
    s=${setups[$(((j + r) % 3))]}
    start_nodes "$s"
    JSON[$s]+="$(wrk_all "$WRK_CONNECTIONS" "$TMP/json.lua" /) "
    OPEN[$s]+="$(wrk_all "$OPEN_CONNECTIONS" "$TMP/open.lua" /api/v1/cases) "
    stop_nodes
    echo "pg.sh: round $r $s: json ${JSON[$s]}/ open ${OPEN[$s]}" >&2
  done
done

# the numbers PostgreSQL gave: no duplicate, no gap
read -r total distinct maxn < <(psql -X -A -t -F ' ' "$TARGET" -c \
  "SELECT count(*), count(DISTINCT number), max(CAST(substr(number, length(number)-5) AS INT)) FROM kasus")
check="PostgreSQL cases after the run: $total, distinct numbers $distinct, highest number $maxn"
if [[ $total == "$distinct" && $total == "$maxn" ]]; then check="$check — no duplicate, no gap"; else check="$check — NUMBERING BROKEN"; fi

med() { median $1; }
out=$TMP/section.md
{
  echo "$SECTION"
  echo
  echo "Measured by \`bench/pg.sh --write-docs\` (N=$N)."
  echo
  echo "- Date: $(date -u '+%Y-%m-%d %H:%M UTC'); Loket $(git rev-parse --short HEAD)"
  echo "- Machine: $(uname -m), $(nproc) CPUs (nproc) shared with other work; wrk, the nodes and PostgreSQL 15 (scripts/pg.sh, fsync on, shared_buffers=128MB) on the same machine"
  echo "- Data: $N cases loaded into SQLite as bench/cases.sh loads them, moved with \`loket migrate\`"
  echo "- Load: \`wrk -d${DURATION}s\`; GET with $WRK_CONNECTIONS connections, POST with $OPEN_CONNECTIONS, split evenly over the nodes; $ROUNDS rounds, order rotating; medians; $THREADS MHD threads per node"
  echo
  echo "| req/s (median) | SQLite, 1 node | PostgreSQL, 1 node | PostgreSQL, 2 nodes |"
  echo "|---|---:|---:|---:|"
  echo "| \`GET /api/v1/cases/:number\` (random) | $(med "${JSON[sqlite-1]}") | $(med "${JSON[pg-1]}") | $(med "${JSON[pg-2]}") |"
  echo "| \`POST /api/v1/cases\` (open a case) | $(med "${OPEN[sqlite-1]}") | $(med "${OPEN[pg-1]}") | $(med "${OPEN[pg-2]}") |"
  echo
  echo "Per round: GET ${JSON[sqlite-1]}/ ${JSON[pg-1]}/ ${JSON[pg-2]}; POST ${OPEN[sqlite-1]}/ ${OPEN[pg-1]}/ ${OPEN[pg-2]}(sqlite-1 / pg-1 / pg-2)."
  echo "$check."
  echo
  echo "Opening a case is one write transaction; on PostgreSQL every write transaction takes one"
  echo "advisory lock (src/db/pgsql.c), as BEGIN IMMEDIATE does on SQLite, so writes are serial"
  echo "across nodes and a second node adds read capacity, not write capacity. On one machine"
  echo "with 2 CPUs the two nodes and PostgreSQL also share the same cores."
} >"$out"
cat "$out"
if ((write_docs)); then docs_replace_section "$DOCS" "$SECTION" "$out" "$TMP"; echo "pg.sh: wrote \"$SECTION\" in $DOCS"; fi
