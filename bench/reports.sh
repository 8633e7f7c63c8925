#!/usr/bin/env bash
# bench/reports.sh — how fast the reports answer on 10k, 100k and 1M cases.
#
# For each size: `loket init`, then N phone cases (SOP-LPSE.BTG-017) loaded straight into
# SQLite, opened over the last 360 days, each with three recorded steps (step 1 without a
# standard, step 2 of 10 s real time, step 3 of 2 min office time; one in eight late, one in
# ten still open at step 3, done by one of five officers). Then, against `loket serve`, the
# median time (curl, ROUNDS rounds) of: the compliance report of this month, of the whole
# year, of this month by officer; the dashboard; the phone recap by day (a month) and by
# month (a year); the compliance report of this month as PDF and as XLSX. And the plan of
# the compliance query (it must use the index case_step_done).
#
#   bench/reports.sh                 SIZES="10000 100000 1000000" ROUNDS=3 WARMUP=4
#   bench/reports.sh --write-docs    add/replace the section "## Reports" in docs/benchmarks.md
#   KEEP=1 bench/reports.sh          keep the data folders
set -euo pipefail
. "$(dirname "$0")/lib.sh"

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"

SIZES=${SIZES:-"10000 100000 1000000"}
ROUNDS=${ROUNDS:-3}
WARMUP=${WARMUP:-4}
KEEP=${KEEP:-0}
SOP="SOP-LPSE.BTG-017"
PASSWORD=bench-password-123
DOCS=docs/benchmarks.md
SECTION="## Reports"

bench_args "$@"
[[ $ROUNDS =~ ^[1-9][0-9]*$ ]] || die "ROUNDS must be a positive integer (got '$ROUNDS')"
read -r -a sizes <<<"$SIZES"
((${#sizes[@]} > 0)) || die "SIZES is empty"
for s in "${sizes[@]}"; do
  [[ $s =~ ^[1-9][0-9]*$ ]] && ((s >= 100 && s <= 9999999)) || die "SIZES: '$s' must be a number from 100 to 9999999"
done
for t in curl sqlite3 awk; do command -v "$t" >/dev/null || die "$t not found (see scripts/deps)"; done
[[ -x build/loket ]] || make build/loket || die "'make build/loket' failed"

TMP=$(mktemp -d "${TMPDIR:-/tmp}/loket-bench-reports.XXXXXX")
LOKET=$TMP/loket
cp build/loket "$LOKET"
loket_pid=""
cleanup() {
  stop_pid "$loket_pid" 10
  loket_pid=""
  if ((KEEP)); then echo "reports.sh: kept $TMP" >&2; else rm -rf "$TMP"; fi
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# Fill a data folder's database with n phone cases for the reports (see the header).
load_report_cases() {  # db n now
  local db=$1 n=$2 now=$3 office code tz pid year
  IFS='|' read -r office code tz < <(sqlite3 "$db" "SELECT id, code, tz FROM office ORDER BY id LIMIT 1")
  pid=$(sqlite3 "$db" "SELECT id FROM procedure WHERE code='$SOP' ORDER BY revision_no DESC LIMIT 1")
  [[ -n $office && -n $pid ]] || die "no office or no stored revision of $SOP after 'loket init'"
  year=$(TZ=Asia/Jakarta date +%Y)
  sqlite3 "$db" >"$TMP/load.log" 2>&1 <<SQL || { cat "$TMP/load.log" >&2; die "loading $n cases failed"; }
.bail on
PRAGMA synchronous=OFF;
PRAGMA cache_size=-1000000;
BEGIN;
WITH RECURSIVE g(i) AS (SELECT 1 UNION ALL SELECT i+1 FROM g WHERE i<$n)
INSERT INTO kasus(id, office_id, number, procedure_id, sop_code, channel, subject, urgency, impact, priority,
                  status, requester_name, opened_at, opened_by, closed_at, response_due_at, resolution_due_at)
SELECT i, $office, printf('%s-%04d-%07d', '$code', $year, i), $pid, '$SOP', 'phone',
  'Permasalahan pengguna SPSE nomor ' || i, 'tidak_mendesak', 'kecil', 'rendah',
  CASE WHEN i%10=0 THEN 'open' ELSE 'closed' END, 'Pemohon ' || (i%9973),
  $now - 600 - (i*7919)%(360*86400), 'admin',
  CASE WHEN i%10=0 THEN NULL ELSE $now - 600 - (i*7919)%(360*86400) + 400 END,
  $now - 600 - (i*7919)%(360*86400) + 3600, $now - 600 - (i*7919)%(360*86400) + 81000
FROM g;
INSERT INTO case_step(case_id, office_id, no, visit, started_at, due_at, done_at, met, outcome, done_by)
SELECT k.id, $office, s.no, 1,
  CASE s.no WHEN 1 THEN k.opened_at WHEN 2 THEN k.opened_at+5 ELSE k.opened_at+5+(k.id%13) END,
  CASE s.no WHEN 1 THEN NULL WHEN 2 THEN k.opened_at+15 ELSE k.opened_at+5+(k.id%13)+120 END,
  CASE WHEN s.no=3 AND k.id%10=0 THEN NULL
       WHEN s.no=1 THEN k.opened_at+5
       WHEN s.no=2 THEN k.opened_at+5+(k.id%13)
       ELSE k.opened_at+5+(k.id%13)+CASE WHEN k.id%8=0 THEN 200 ELSE 30+(k.id%80) END END,
  CASE WHEN s.no=1 OR (s.no=3 AND k.id%10=0) THEN NULL
       WHEN s.no=2 THEN CASE WHEN k.id%13<=10 THEN 1 ELSE 0 END
       ELSE CASE WHEN k.id%8=0 THEN 0 ELSE 1 END END,
  CASE WHEN s.no=3 AND k.id%10=0 THEN NULL ELSE 'done' END,
  CASE WHEN s.no=3 AND k.id%10=0 THEN NULL ELSE 'petugas' || (k.id%5) END
FROM kasus k, (SELECT 1 AS no UNION ALL SELECT 2 UNION ALL SELECT 3) s;
COMMIT;
ANALYZE;
PRAGMA wal_checkpoint(TRUNCATE);
SQL
}

# The median time (ms) of ROUNDS requests, after WARMUP untimed ones (each HTTP thread has its
# own connection and page cache); fails on a status other than 200.
timed() {  # url curl-args...
  local url=$1 t code vals=()
  shift
  for ((k = 0; k < WARMUP; k++)); do curl -s -o /dev/null "$@" "$url"; done
  for ((k = 0; k < ROUNDS; k++)); do
    read -r code t < <(curl -s -o "$TMP/body" -w '%{http_code} %{time_total}\n' "$@" "$url")
    [[ $code == 200 ]] || { head -c 300 "$TMP/body" >&2; die "$url answered $code"; }
    vals+=("$(awk -v t="$t" 'BEGIN { printf "%.1f", t * 1000 }')")
  done
  median "${vals[@]}"
}

declare -A R LOAD_S DB_MB ROWS_MONTH PLAN
targets=(month year officer dashboard recap_day recap_month pdf xlsx)
declare -A label=(
  [month]="compliance, this month (API)"
  [year]="compliance, the whole year (API)"
  [officer]="compliance, this month by officer (API)"
  [dashboard]="dashboard (API)"
  [recap_day]="phone recap by day, a month (API)"
  [recap_month]="phone recap by month, a year (API)"
  [pdf]="compliance, this month as PDF (page)"
  [xlsx]="compliance, this month as XLSX (page)"
)

echo "reports.sh: sizes $SIZES; $ROUNDS rounds; $(nproc) CPUs; folder $TMP"
for n in "${sizes[@]}"; do
  data=$TMP/data-$n
  mkdir -p "$data"
  LOKET_ADMIN_PASSWORD=$PASSWORD "$LOKET" init --data "$data" >"$TMP/init.log" 2>&1 || { tail "$TMP/init.log" >&2; die "loket init failed"; }
  db=$data/loket.db
  now=$(date +%s)
  t0=$(now_us)
  load_report_cases "$db" "$n" "$now"
  LOAD_S[$n]=$(awk -v a="$t0" -v b="$(now_us)" 'BEGIN { printf "%.1f", (b - a) / 1e6 }')
  DB_MB[$n]=$(awk -v s="$(stat -c %s "$db")" 'BEGIN { printf "%.0f", s / 1048576 }')
  month_from=$(TZ=Asia/Jakarta date +%Y-%m-01)
  today=$(TZ=Asia/Jakarta date +%Y-%m-%d)
  year_from=$(TZ=Asia/Jakarta date -d '364 days ago' +%Y-%m-%d)
  mstart=$(TZ=Asia/Jakarta date -d "$month_from" +%s)
  ROWS_MONTH[$n]=$(sqlite3 "$db" "SELECT count(*) FROM case_step WHERE office_id=1 AND done_at>=$mstart")
  PLAN[$n]=$(sqlite3 "$db" "EXPLAIN QUERY PLAN SELECT s.case_id FROM case_step s JOIN kasus k ON k.id=s.case_id
    WHERE s.office_id=1 AND s.done_at>=$mstart AND s.done_at<$now AND coalesce(s.outcome,'')<>'cancelled'" \
    | grep -v '^QUERY PLAN' | sed 's/^[|`]--//' | paste -sd';')
  echo
  echo "== $n cases: loaded in ${LOAD_S[$n]} s, ${DB_MB[$n]} MiB, ${ROWS_MONTH[$n]} steps done this month; plan: ${PLAN[$n]}"

  port=$(pick_port)
  url=http://127.0.0.1:$port
  "$LOKET" serve --data "$data" --listen "127.0.0.1:$port" >"$TMP/loket.out" 2>"$TMP/loket.err" &
  loket_pid=$!
  wait_ready loket "$loket_pid" "$url/healthz" 60 "$TMP/loket.err"
  token=$(api_token "$url" "$PASSWORD")
  [[ -n $token ]] || die "no token"
  jar=$TMP/jar
  code=$(web_sign_in "$url" "$PASSWORD" "$jar")
  [[ $code == 303 ]] || die "signing in answered $code"
  auth=(-H "Authorization: Bearer $token")
  R[$n,month]=$(timed "$url/api/v1/reports/compliance" "${auth[@]}")
  R[$n,year]=$(timed "$url/api/v1/reports/compliance?from=$year_from&to=$today" "${auth[@]}")
  R[$n,officer]=$(timed "$url/api/v1/reports/compliance?by=officer" "${auth[@]}")
  R[$n,dashboard]=$(timed "$url/api/v1/reports/dashboard" "${auth[@]}")
  R[$n,recap_day]=$(timed "$url/api/v1/reports/recaps/telepon?by=day" "${auth[@]}")
  R[$n,recap_month]=$(timed "$url/api/v1/reports/recaps/telepon?by=month&from=$year_from&to=$today" "${auth[@]}")
  R[$n,pdf]=$(timed "$url/laporan/kepatuhan?format=pdf" -b "$jar")
  R[$n,xlsx]=$(timed "$url/laporan/kepatuhan?format=xlsx" -b "$jar")
  for t in "${targets[@]}"; do printf '  %-45s %8s ms\n' "${label[$t]}" "${R[$n,$t]}"; done
  stop_pid "$loket_pid" 10
  loket_pid=""
  ((KEEP)) || rm -rf "$data"
done

if ((write_docs)); then
  section_file=$TMP/section.md
  {
    echo "$SECTION"
    echo
    echo "\`bench/reports.sh\` ($(date -u +%Y-%m-%d), $(nproc) CPUs shared with other work, $ROUNDS rounds after $WARMUP"
    echo "untimed requests, median wall time of one request with curl). N phone cases opened over the last 360 days, three"
    echo "recorded steps each (so 3·N rows of \`case_step\`; about a twelfth of them done this month),"
    echo "five officers. The compliance report reads the steps done in the period from the covering"
    echo "partial index \`case_step_done\` (migration 0600-reports), joins each to its case by primary"
    echo "key, measures office time on the office calendar, groups by a counting sort and takes the"
    echo "percentiles in C; the dashboard's counts are index counts, plus this month's report for the"
    echo "slowest steps. The analysis is in the next section."
    echo
    printf '| request |'; for n in "${sizes[@]}"; do printf ' %s cases |' "$n"; done; echo
    printf '|---|'; for n in "${sizes[@]}"; do printf -- '---:|'; done; echo
    for t in "${targets[@]}"; do
      printf '| %s |' "${label[$t]}"
      for n in "${sizes[@]}"; do printf ' %s ms |' "${R[$n,$t]}"; done
      echo
    done
    printf '| steps done this month |'; for n in "${sizes[@]}"; do printf ' %s |' "${ROWS_MONTH[$n]}"; done; echo
    printf '| load time, database size |'; for n in "${sizes[@]}"; do printf ' %s s, %s MiB |' "${LOAD_S[$n]}" "${DB_MB[$n]}"; done; echo
    echo
    echo "Plan of the compliance query (the period's steps): \`${PLAN[${sizes[-1]}]}\`."
  } >"$section_file"
  docs_replace_section "$DOCS" "$SECTION" "$section_file" "$TMP"
  echo "reports.sh: wrote $SECTION in $DOCS"
fi
