#!/usr/bin/env bash
# bench/directory.sh — the directory's text search (GET /api/v1/directory?q=) at 50,000 entries of
# one office, by the scan against by its trigram index (migration 0050), on SQLite and on
# PostgreSQL (the same data copied by `loket migrate` into a throwaway cluster, scripts/pg.sh).
# The entries are loaded by sqlite3 (names of Indonesian titles, given and family names, half with
# an e-mail; "Wisanggeni" one entry in 5,000), SQLite's index brought up to them as the server's
# thread would; the same binary is served twice on each engine: with LOKET_TEST_PARTY_WINDOW set
# above the entries (every search by the scan, as before 0050) and as it is (the newest 1000 by the
# scan, then the index). Each q is asked R times (200) by curl, one request at a time (no wrk), with
# an API token; the median of curl's time_total, and its ratio to the scan's in the same run.
#
# Usage: bench/directory.sh [--write-docs]
#   --write-docs   add/replace the section "## The directory's search by a trigram index" in docs/benchmarks.md
# Environment: N (entries, default 50000), R (requests per q, default 200), PG=0 skips PostgreSQL,
# KEEP=1 keeps the temporary folders.
set -euo pipefail
. "$(dirname "$0")/lib.sh"
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"

N=${N:-50000}
R=${R:-200}
USE_PG=${PG:-1}
KEEP=${KEEP:-0}
PASSWORD=bench-password-123
DOCS=docs/benchmarks.md
SECTION="## The directory's search by a trigram index"
QS=("wisanggeni" "zzqx" "budi" "santoso, s.kom" "@gmail" "bu")
bench_args "$@"
[[ -x build/loket ]] || make build/loket || die "cannot build build/loket"

TMP=$(mktemp -d "${TMPDIR:-/tmp}/loket-bench-dir.XXXXXX")
PGDIR=$(mktemp -d /tmp/loket-bench-pg.XXXXXX)   # directly in /tmp: the cluster's owner must reach it
LOKET=$TMP/loket
cp build/loket "$LOKET"
SERVER=
cleanup() {
  stop_pid "$SERVER" 10
  ((USE_PG)) && scripts/pg.sh stop "$PGDIR" >/dev/null 2>&1 || true
  if ((KEEP)); then echo "directory.sh: kept $TMP" >&2; else rm -rf "$TMP" "$PGDIR"; fi
}
trap cleanup EXIT

DATA=$TMP/data
LOKET_ADMIN_PASSWORD=$PASSWORD "$LOKET" init --data "$DATA" >/dev/null
sqlite3 "$DATA/loket.db" >"$TMP/load.log" 2>&1 <<SQL || { cat "$TMP/load.log" >&2; die "loading the entries failed"; }
.bail on
PRAGMA synchronous=OFF;
BEGIN;
CREATE TEMP TABLE w(i INTEGER PRIMARY KEY, t TEXT, f TEXT, l TEXT, a TEXT);
INSERT INTO w VALUES (0,'','Budi','Santoso',''),(1,'Dr. ','Siti','Aminah',', S.Kom.'),(2,'Ir. ','Agus','Wijaya',', M.T.'),
 (3,'H. ','Dewi','Prasetyo',', S.E., M.Si.'),(4,'Hj. ','Rina','Hakim',''),(5,'Drs. ','Andi','Siregar',', S.H.'),
 (6,'','Sri','Nasution',''),(7,'Prof. Dr. ','Yoga','Pratama',', S.Pd.'),(8,'','Joko','Lubis',''),(9,'dr. ','Putu','Harahap',', Sp.PD'),
 (10,'','Nyoman','Sihombing',''),(11,'','Made','Putri',''),(12,'','Wayan','Gunawan',''),(13,'','Ahmad','Hidayat',''),
 (14,'','Fitri','Rahmawati',''),(15,'','Eko','Susanto','');
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i+1 FROM n WHERE i<$N)
INSERT INTO party(office_id, kind, org_type, name, email, created_at)
SELECT (SELECT min(id) FROM office), CASE WHEN n.i%10=9 THEN 'org' ELSE 'person' END, CASE WHEN n.i%10=9 THEN 'agency' END,
  CASE WHEN n.i%5000=0 THEN 'Wisanggeni ' || n.i ELSE a.t || b.f || ' ' || c.l || a.a END,
  CASE WHEN n.i%2=0 THEN lower(b.f) || '.' || n.i || CASE WHEN n.i%4=0 THEN '@gmail.com' ELSE '@lkpp.go.id' END END,
  1700000000 + n.i
FROM n JOIN w a ON a.i=(n.i*7)%16 JOIN w b ON b.i=(n.i*3)%16 JOIN w c ON c.i=(n.i*5+n.i/16)%16;
INSERT INTO party_fts(rowid, body) SELECT id, body FROM party_fts_text WHERE id>(SELECT upto FROM party_fts_upto);
UPDATE party_fts_upto SET upto=coalesce((SELECT max(id) FROM party), 0);
COMMIT;
PRAGMA wal_checkpoint(TRUNCATE);
SQL
entries=$(sqlite3 "$DATA/loket.db" "SELECT count(*) FROM party")

# Serve the data folder $1 with the environment $2 (VAR=value or ""), ask every q R times; prints
# "q median_ms hits" a line each.
measure() {  # data env
  local port url token q i t hits
  port=$(pick_port)
  url="http://127.0.0.1:$port"
  env ${2:+"$2"} "$LOKET" serve --data "$1" --listen "127.0.0.1:$port" >"$TMP/serve.out" 2>"$TMP/serve.err" &
  SERVER=$!
  wait_ready loket "$SERVER" "$url/healthz" 30 "$TMP/serve.err"
  token=$(api_token "$url" "$PASSWORD")
  [[ -n $token ]] || die "no API token"
  for q in "${QS[@]}"; do
    local -a ts=()
    hits=$(curl -sf -G -H "Authorization: Bearer $token" --data-urlencode "q=$q" "$url/api/v1/directory?limit=20" | { grep -o '"id":' || true; } | wc -l)
    for ((i = 0; i < R; i++)); do
      t=$(curl -sf -o /dev/null -w '%{time_total}' -G -H "Authorization: Bearer $token" --data-urlencode "q=$q" "$url/api/v1/directory?limit=20")
      ts+=("$(awk -v t="$t" 'BEGIN { printf "%.3f", t*1000 }')")
    done
    echo "$q	$(median "${ts[@]}")	$hits"
  done
  stop_pid "$SERVER" 10
  SERVER=
}

measure "$DATA" "LOKET_TEST_PARTY_WINDOW=1000000000" >"$TMP/sq.scan"
measure "$DATA" "" >"$TMP/sq.index"
if ((USE_PG)); then
  URL=$(scripts/pg.sh start "$PGDIR")
  psql -X -q "$URL" -c "CREATE DATABASE bench" >/dev/null
  TARGET=${URL%/postgres}/bench
  "$LOKET" migrate --from "$DATA" --to "$TARGET" >"$TMP/migrate.out" 2>"$TMP/migrate.err" \
    || { cat "$TMP/migrate.out" "$TMP/migrate.err" >&2; die "loket migrate failed"; }
  psql -X -q "$TARGET" -c "ANALYZE" >/dev/null   # the statistics autovacuum would gather in a while
  mkdir -p "$TMP/pgdata"
  echo "db = $TARGET" >"$TMP/pgdata/loket.conf"
  [[ $(psql -X -A -t "$TARGET" -c "SELECT count(*) FROM pg_indexes WHERE indexname='party_text_trgm'") == 1 ]] \
    || die "PostgreSQL has no party_text_trgm (pg_trgm missing)"
  measure "$TMP/pgdata" "LOKET_TEST_PARTY_WINDOW=1000000000" >"$TMP/pg.scan"
  measure "$TMP/pgdata" "" >"$TMP/pg.index"
fi

out=$TMP/section.md
{
  echo "$SECTION"
  echo
  echo "Measured by \`bench/directory.sh --write-docs\` (N=$N entries of one office, R=$R requests per \`q\`)."
  echo
  echo "- Date: $(date -u '+%Y-%m-%d %H:%M UTC'); Loket $(git rev-parse --short HEAD); $(uname -m), $(nproc) CPUs, shared with other work"
  echo "- \`GET /api/v1/directory?q=…&limit=20\` by curl, one at a time, median ms of curl's time_total; \"scan\": the same"
  echo "  binary with \`LOKET_TEST_PARTY_WINDOW\` above the entries (every search by the scan, as before 0050);"
  echo "  \"index\": as served (the newest 1000 entries by the scan, then the index); ratio = index / scan"
  echo
  if ((USE_PG)); then
    echo "| \`q\` (hits of the first page) | SQLite scan | SQLite index | ratio | PostgreSQL scan | PostgreSQL index | ratio |"
    echo "|---|---:|---:|---:|---:|---:|---:|"
    paste "$TMP/sq.scan" "$TMP/sq.index" "$TMP/pg.scan" "$TMP/pg.index" | awk -F'\t' '{
      printf "| `%s` (%d) | %.2f | %.2f | **%.2f** | %.2f | %.2f | **%.2f** |\n", $1, $3, $2, $5, $5/$2, $8, $11, $11/$8 }'
  else
    echo "| \`q\` (hits of the first page) | SQLite scan | SQLite index | ratio |"
    echo "|---|---:|---:|---:|"
    paste "$TMP/sq.scan" "$TMP/sq.index" | awk -F'\t' '{ printf "| `%s` (%d) | %.2f | %.2f | **%.2f** |\n", $1, $3, $2, $5, $5/$2 }'
  fi
  echo
  echo "$entries entries loaded."
} >"$out"
cat "$out"
((write_docs)) && docs_replace_section "$DOCS" "$SECTION" "$out" "$TMP"
exit 0
