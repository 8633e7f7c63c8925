#!/usr/bin/env bash
# bench/migrate.sh — `loket migrate` of an office's SQLite database with N cases into a
# throwaway PostgreSQL 15 cluster (scripts/pg.sh), timed; then `loket audit verify` on the
# target. The cases are loaded as bench/cases.sh loads them (load_cases of bench/lib.sh): N cases
# of SOP-LPSE.BTG-017 with 3 steps each.
#
# Usage: bench/migrate.sh [--write-docs]
#   --write-docs   add/replace the section "## Migrating to PostgreSQL" in docs/benchmarks.md
# Environment: N (cases, default 100000), KEEP=1 keeps the temporary folders.
set -euo pipefail
. "$(dirname "$0")/lib.sh"
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"

N=${N:-100000}
KEEP=${KEEP:-0}
SOP="SOP-LPSE.BTG-017"
DOCS=docs/benchmarks.md
SECTION="## Migrating to PostgreSQL"
bench_args "$@"
[[ -x build/loket ]] || make build/loket || die "cannot build build/loket"

TMP=$(mktemp -d "${TMPDIR:-/tmp}/loket-bench-mig.XXXXXX")
PGDIR=$(mktemp -d /tmp/loket-bench-pg.XXXXXX)   # directly in /tmp: the cluster's owner must reach it
LOKET=$TMP/loket
cp build/loket "$LOKET"
cleanup() {
  scripts/pg.sh stop "$PGDIR" || true
  if ((KEEP)); then echo "migrate.sh: kept $TMP" >&2; else rm -rf "$TMP"; fi
}
trap cleanup EXIT


DATA=$TMP/data
LOKET_ADMIN_PASSWORD=bench-password-123 "$LOKET" init --data "$DATA" >/dev/null
t0=$(now_us)
load_cases "$DATA/loket.db" "$N"
t1=$(now_us)
size=$(stat -c %s "$DATA/loket.db")
rows=$(sqlite3 "$DATA/loket.db" "SELECT (SELECT count(*) FROM kasus)+(SELECT count(*) FROM case_step)+(SELECT count(*) FROM notice_step)")

URL=$(scripts/pg.sh start "$PGDIR")
psql -X -q "$URL" -c "CREATE DATABASE bench" >/dev/null
TARGET=${URL%/postgres}/bench
t2=$(now_us)
"$LOKET" migrate --from "$DATA" --to "$TARGET" >"$TMP/migrate.out" 2>"$TMP/migrate.err" \
  || { cat "$TMP/migrate.out" "$TMP/migrate.err" >&2; die "loket migrate failed"; }
t3=$(now_us)
mkdir -p "$TMP/pgdata"
echo "db = $TARGET" > "$TMP/pgdata/loket.conf"
t4=$(now_us)
verify=$("$LOKET" audit verify --data "$TMP/pgdata")
t5=$(now_us)
pgsize=$(psql -X -A -t "$TARGET" -c "SELECT pg_database_size('bench')")
secs=$(awk -v a="$t2" -v b="$t3" 'BEGIN { printf "%.1f", (b-a)/1e6 }')
load=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.1f", (b-a)/1e6 }')
vsecs=$(awk -v a="$t4" -v b="$t5" 'BEGIN { printf "%.2f", (b-a)/1e6 }')
rate=$(awk -v r="$rows" -v a="$t2" -v b="$t3" 'BEGIN { printf "%.0f", r/((b-a)/1e6) }')
copied=$(grep -E 'rows copied and checked' "$TMP/migrate.out")

out=$TMP/section.md
{
  echo "$SECTION"
  echo
  echo "Measured by \`bench/migrate.sh --write-docs\` (N=$N)."
  echo
  echo "- Date: $(date -u '+%Y-%m-%d %H:%M UTC'); Loket $(git rev-parse --short HEAD)"
  echo "- Machine: $(uname -m), $(nproc) CPUs (nproc); SQLite file and PostgreSQL 15 cluster (scripts/pg.sh: fsync on, defaults but shared_buffers=128MB) on the same disk"
  echo "- Source: $N cases loaded as bench/cases.sh loads them ($load s), SQLite file $((size / 1048576)) MiB; $rows rows in kasus, case_step and notice_step"
  echo
  echo "| step | figure |"
  echo "|---|---:|"
  echo "| \`loket migrate\` (copy in one transaction with COPY, then every table read back and hashed on both sides) | **$secs s** |"
  echo "| rows per second, copy and check together | $rate |"
  echo "| PostgreSQL database after the move | $((pgsize / 1048576)) MiB |"
  echo "| \`loket audit verify\` on the target | $vsecs s |"
  echo
  echo "\`loket migrate\` said: $copied; \`loket audit verify\`: $verify."
} >"$out"
cat "$out"
if ((write_docs)); then docs_replace_section "$DOCS" "$SECTION" "$out" "$TMP"; echo "migrate.sh: wrote \"$SECTION\" in $DOCS"; fi
