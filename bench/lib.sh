# What the benchmark scripts share. Sourced, not run.

# Put SECTION_FILE's text in DOCS in place of the section whose heading line is HEADING
# (up to the next "## " heading), or append it; TMPDIR holds the scratch copy.
docs_replace_section() {  # docs heading section_file tmpdir
  local docs=$1 heading=$2 file=$3 tmp=$4
  mkdir -p "$(dirname "$docs")"
  [[ -f $docs ]] || printf '# Benchmarks\n' >"$docs"
  awk -v heading="$heading" -v file="$file" '
    function emit(  line) { while ((getline line < file) > 0) print line; close(file) }
    $0 == heading { if (!done) { emit(); print ""; done = 1 }; skip = 1; next }
    skip && /^## / { skip = 0 }
    !skip { print }
    END { if (!done) { print ""; emit() } }
  ' "$docs" >"$tmp/benchmarks.md"
  # drop a trailing blank line the replacement may leave at the end of the file
  sed -e ':a' -e '/^\n*$/{$d;N;ba' -e '}' "$tmp/benchmarks.md" >"$docs"
}

die() { echo "${0##*/}: error: $*" >&2; exit 1; }
warn() { echo "${0##*/}: warning: $*" >&2; }

# The options every benchmark takes: --write-docs sets write_docs=1; --help prints the
# script's header comment.
bench_args() {  # "$@"
  local arg
  write_docs=0
  for arg in "$@"; do
    case "$arg" in
      --write-docs) write_docs=1 ;;
      -h|--help) awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "$0"; exit 0 ;;
      *) die "unknown argument '$arg' (try --help)" ;;
    esac
  done
}

# Wait until URL answers "ok" (/healthz), at most SECONDS; exit, showing the logs, if the
# server PID ends first or never answers.
wait_ready() {  # name pid url seconds logs...
  local name=$1 pid=$2 url=$3 secs=$4 body deadline
  shift 4
  deadline=$(($(now_us) + secs * 1000000))
  while (($(now_us) < deadline)); do
    if ! kill -0 "$pid" 2>/dev/null; then
      echo "${0##*/}: error: $name exited before becoming ready" >&2
      show_logs "$@"
      exit 1
    fi
    body=$(curl -sf --max-time 1 "$url" 2>/dev/null || true)
    [[ $body == ok* ]] && return 0
    sleep 0.1
  done
  echo "${0##*/}: error: $name not answering 'ok' at $url after $secs s" >&2
  show_logs "$@"
  exit 1
}

port_in_use() {  # port
  if ss -Hltn "sport = :$1" 2>/dev/null | grep -q .; then return 0; fi
  (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

# A free TCP port on 127.0.0.1 (not the one given, if any).
pick_port() {  # [port to avoid]
  local p i
  for ((i = 0; i < 200; i++)); do
    p=$((20000 + RANDOM % 40000))
    [[ $p == "${1:-}" ]] && continue
    port_in_use "$p" || { echo "$p"; return 0; }
  done
  die "no free TCP port found"
}

show_logs() {  # files...
  local f
  for f in "$@"; do
    [[ -s $f ]] || continue
    echo "--- last lines of $f:" >&2
    tail -n 20 "$f" >&2 || true
  done
}

# The Bearer token of admin signing in through POST /api/v1/login (empty when refused).
api_token() {  # url password
  curl -sf -X POST -H 'Content-Type: application/json' \
    -d "{\"username\":\"admin\",\"password\":\"$2\"}" "$1/api/v1/login" \
    | sed -n 's/.*"token":"\([0-9a-f]*\)".*/\1/p' || true
}

# Sign admin in through the /masuk form, keeping the session in the cookie JAR; prints the
# HTTP status (303 when signed in).
web_sign_in() {  # url password jar
  local csrf
  rm -f "$3"
  csrf=$(curl -sf -c "$3" -b "$3" "$1/masuk" | grep -o 'name="csrf" value="[0-9a-f]*"' | head -n 1 \
         | sed 's/.*value="//; s/"$//') || true
  [[ -n $csrf ]] || { echo "no CSRF token on /masuk"; return 0; }
  curl -s -o /dev/null -w '%{http_code}' -c "$3" -b "$3" -H "Origin: $1" \
    --data-urlencode "csrf=$csrf" --data-urlencode username=admin \
    --data-urlencode "password=$2" --data-urlencode next=/ "$1/masuk"
}

now_us() { echo "${EPOCHREALTIME//[!0-9]/}"; }

# A process's memory from /proc/PID/status, in MiB: "anonymous file-mapped peak" (RssAnon: its
# own heap and stacks; RssFile: pages of mapped files, for Loket the SQLite database it maps,
# shared with the kernel's page cache; VmHWM: the most it held resident). "0 0 0" when unknown.
proc_mem() {  # pid
  awk '/^RssAnon:/ { a = $2 } /^RssFile:/ { f = $2 } /^VmHWM:/ { h = $2 }
       END { printf "%.1f %.1f %.1f\n", a / 1024, f / 1024, h / 1024 }' "/proc/$1/status" 2>/dev/null || echo "0 0 0"
}

median() {  # values...
  printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 } END {
    if (NR % 2) printf "%.2f\n", v[(NR + 1) / 2]; else printf "%.2f\n", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

# SIGTERM a server, wait up to SECONDS for it, then SIGKILL.
stop_pid() {  # pid seconds
  local pid=$1 i
  [[ -n $pid ]] || return 0
  kill -TERM "$pid" 2>/dev/null || return 0
  for ((i = 0; i < $2 * 10; i++)); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.1
  done
  kill -KILL "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
}

# --- the case loader of bench/cases.sh, bench/pg.sh and bench/migrate.sh (needs SOP and TMP) ---

# The year of now in a zone of Indonesia, as the engine numbers cases.
office_year() {  # WIB|WITA|WIT
  local z
  case "$1" in WITA) z=Asia/Makassar ;; WIT) z=Asia/Jayapura ;; *) z=Asia/Jakarta ;; esac
  TZ=$z date +%Y
}

# The columns a table must have for the loader's INSERT to be the engine's shape.
check_columns() {  # db table expected-columns
  local got
  got=$(sqlite3 "$1" "SELECT group_concat(name, ' ') FROM pragma_table_info('$2')")
  [[ $got == "$3" ]] || warn "table $2 has columns '$got', the loader expects '$3'; rows may not look like the engine's"
}

# Fill a data folder's database with n cases (one transaction; see the header).
load_cases() {  # db n
  local db=$1 n=$2 office code tz pid year now has_notice
  IFS='|' read -r office code tz < <(sqlite3 "$db" "SELECT id, code, tz FROM office ORDER BY id LIMIT 1")
  pid=$(sqlite3 "$db" "SELECT id FROM procedure WHERE code='$SOP' ORDER BY revision_no DESC LIMIT 1")
  [[ -n $office && -n $pid ]] || die "no office or no stored revision of $SOP after 'loket init'"
  check_columns "$db" kasus "id office_id number procedure_id sop_code channel subject urgency impact priority status person_id org_id requester_name opened_at opened_by closed_at cancel_reason response_due_at resolution_due_at paused_real_s paused_office_s responded_at response_met resolution_met org_given"
  check_columns "$db" case_step "id case_id office_id no visit started_at due_at done_at met outcome note done_by assigned_role assigned_user paused_s pause_started_at task_due notice_at items_checked"
  has_notice=$(sqlite3 "$db" "SELECT count(*) FROM sqlite_master WHERE type='table' AND name='notice_step'")
  year=$(office_year "$tz")
  now=$(date +%s)
  LOAD_OFFICE=$office LOAD_CODE=$code LOAD_YEAR=$year
  notice_sql=""
  if ((has_notice)); then
    notice_sql="INSERT INTO notice_step(case_step_id, kind, office_id, at)
  SELECT s.id, w.kind, s.office_id, s.due_at FROM case_step s, (SELECT 'warning' AS kind UNION ALL SELECT 'breach') w
  WHERE s.done_at IS NULL AND s.due_at<$now;"
  fi
  # Case i: i%10=0 open, step 3 past due (opened 10 min to 300 days ago); i%10 in 1..3 open,
  # step 3 started a minute ago and due later (up to 30 days); i%10=9 cancelled at step 3;
  # else closed after step 3, its standard met. Every case was answered at step 2 (12 s after
  # it was opened, within its response target); a closed one met its resolution target. Step 2's standard is 10 s of real time, step
  # 3's 2 office minutes (stored as 120 s after its start: the due times are data here).
  # The past-due steps carry their warning and breach marks (notice_step), as if the SLA
  # watcher had sent them when they fell due, so that it does not send 2 x N/10 notices at
  # startup in the middle of the measurement.
  sqlite3 "$db" >"$TMP/load.log" 2>&1 <<SQL || { cat "$TMP/load.log" >&2; die "loading $n cases failed"; }
.bail on
PRAGMA synchronous=OFF;
PRAGMA cache_size=-1000000;
BEGIN;
WITH RECURSIVE g(i) AS (SELECT 1 UNION ALL SELECT i+1 FROM g WHERE i<$n),
c(i, kind, opened) AS (
  SELECT i,
    CASE WHEN i%10=0 THEN 'late' WHEN i%10 IN (1,2,3) THEN 'ahead' WHEN i%10=9 THEN 'cancelled' ELSE 'closed' END,
    CASE WHEN i%10 IN (1,2,3) THEN $now-80-(i%50) ELSE $now-600-(i*7919)%(300*86400) END
  FROM g)
INSERT INTO kasus(id, office_id, number, procedure_id, sop_code, channel, subject, urgency, impact, priority,
                  status, person_id, org_id, requester_name, opened_at, opened_by, closed_at, cancel_reason,
                  response_due_at, resolution_due_at, paused_real_s, paused_office_s,
                  responded_at, response_met, resolution_met)
SELECT i, $office, printf('%s-%04d-%06d', '$code', $year, i), $pid, '$SOP',
  CASE i%5 WHEN 0 THEN 'phone' WHEN 1 THEN 'email' WHEN 2 THEN 'walk_in' WHEN 3 THEN 'portal' ELSE 'letter' END,
  'Permasalahan pengguna SPSE nomor ' || i || ': tidak dapat masuk ke aplikasi',
  CASE WHEN i%3=0 THEN 'mendesak' ELSE 'tidak_mendesak' END,
  CASE i%7 WHEN 0 THEN 'besar' WHEN 1 THEN 'sedang' WHEN 2 THEN 'sedang' ELSE 'kecil' END,
  CASE WHEN i%3=0 THEN (CASE WHEN i%7 IN (0,1,2) THEN 'tinggi' ELSE 'menengah' END)
       ELSE (CASE WHEN i%7=0 THEN 'menengah' ELSE 'rendah' END) END,
  CASE kind WHEN 'closed' THEN 'closed' WHEN 'cancelled' THEN 'cancelled' ELSE 'open' END,
  NULL, NULL, 'Pemohon Uji ' || (i%9973), opened, 'admin',
  CASE kind WHEN 'closed' THEN opened+100 WHEN 'cancelled' THEN opened+60 END,
  CASE kind WHEN 'cancelled' THEN 'Penelepon menutup telepon' END,
  opened+3600, opened+3*27000, 0, 0,
  opened+12, 1, CASE kind WHEN 'closed' THEN 1 END
FROM c;
WITH RECURSIVE g(i) AS (SELECT 1 UNION ALL SELECT i+1 FROM g WHERE i<$n),
k(no) AS (VALUES(1),(2),(3))
INSERT INTO case_step(id, case_id, office_id, no, visit, started_at, due_at, done_at, met, outcome, note,
                      done_by, assigned_role, assigned_user, paused_s, pause_started_at, task_due)
SELECT 3*(i-1)+no, i, $office, no, 1,
  CASE no WHEN 1 THEN o WHEN 2 THEN o+5 ELSE (CASE WHEN i%10 IN (1,2,3) THEN $now-60 ELSE o+12 END) END,
  CASE no WHEN 1 THEN NULL WHEN 2 THEN o+15 ELSE (CASE WHEN i%10 IN (1,2,3) THEN $now+60+(i*7919)%(30*86400) ELSE o+132 END) END,
  CASE no WHEN 1 THEN o+5 WHEN 2 THEN o+12 ELSE (CASE WHEN i%10 IN (0,1,2,3) THEN NULL WHEN i%10=9 THEN o+60 ELSE o+100 END) END,
  CASE no WHEN 1 THEN NULL WHEN 2 THEN 1 ELSE (CASE WHEN i%10 IN (0,1,2,3,9) THEN NULL ELSE 1 END) END,
  CASE no WHEN 3 THEN (CASE WHEN i%10 IN (0,1,2,3) THEN NULL WHEN i%10=9 THEN 'cancelled' ELSE 'done' END) ELSE 'done' END,
  CASE WHEN no=2 AND i%4=0 THEN 'Diterima dengan salam' END,
  CASE WHEN no=3 AND i%10 IN (0,1,2,3) THEN NULL ELSE 'admin' END,
  NULL, NULL, 0, NULL, ''
FROM (SELECT g.i AS i, kasus.opened_at AS o FROM g JOIN kasus ON kasus.id=g.i), k;
-- open steps due later wait for their warning as the engine would have set it (80%)
UPDATE case_step SET notice_at = started_at + (due_at-started_at)*80/100
  WHERE done_at IS NULL AND due_at > $now;
$notice_sql
INSERT INTO counter(office_id, register, year, last) VALUES($office, 'ticket', $year, $n)
  ON CONFLICT(office_id, register, year) DO UPDATE SET last=excluded.last;
COMMIT;
PRAGMA wal_checkpoint(TRUNCATE);
SQL
}

# Bring the case search's index (SQLite, migration 0040) up to every loaded case, as the thread of
# `loket serve` keeps it (src/db/search.c search_text_catch_up), so that the server does not spend
# the first seconds of a measurement catching up on the cases loaded behind its back. A database
# of a binary without the index is left as it is.
index_cases() {  # db
  local db=$1
  [[ $(sqlite3 "$db" "SELECT count(*) FROM sqlite_master WHERE name='case_fts_upto'") == 1 ]] || return 0
  sqlite3 "$db" >>"$TMP/load.log" 2>&1 <<SQL || { cat "$TMP/load.log" >&2; die "indexing the loaded cases failed"; }
.bail on
PRAGMA synchronous=OFF;
BEGIN;
INSERT INTO case_fts(rowid, body) SELECT id, body FROM case_fts_text WHERE id>(SELECT upto FROM case_fts_upto);
UPDATE case_fts_upto SET upto=coalesce((SELECT max(id) FROM kasus), 0);
COMMIT;
PRAGMA wal_checkpoint(TRUNCATE);
SQL
}
