#!/usr/bin/env bash
# scale.sh — one office after ten years: a data folder to time every staff page and API list on.
# Usage: bench/scale.sh DIR            (fills DIR/data; CASES=200000 by default)
#        bench/scale.sh DIR --serve    (fills DIR/data when missing, then serves it until Ctrl-C)
#        bench/scale.sh DIR --time     (times every staff page and API list on DIR/data, filled before)
# See bench/README.md.
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=bench/lib.sh
. bench/lib.sh

DIR=${1:?usage: bench/scale.sh DIR [--serve|--time]}
SERVE=${2:-}
CASES=${CASES:-200000}
PARTIES=${PARTIES:-50000}
AUDIT=${AUDIT:-1000000}
PASSWORD=bench-password-123
LOKET=${LOKET:-build/loket}
[[ $CASES =~ ^[1-9][0-9]*$ && $PARTIES =~ ^[1-9][0-9]*$ && $AUDIT =~ ^[1-9][0-9]*$ ]] \
  || die "CASES, PARTIES and AUDIT must be positive integers"
[[ -x $LOKET ]] || make -s build/loket
REQS=${REQS:-3}

# The median time of REQS requests of each address: staff pages with the admin's session cookie,
# API lists with a token. Over 50 ms is marked.
time_all() {
  local data=$DIR/data port url token jar session pid y m d0 d1 sep
  port=$(pick_port)
  url=http://127.0.0.1:$port
  "$LOKET" serve --data "$data" --listen "127.0.0.1:$port" >"$DIR/serve.out" 2>"$DIR/serve.err" &
  pid=$!
  # shellcheck disable=SC2064  # the pid is known now
  trap "kill $pid 2>/dev/null" EXIT
  wait_ready loket "$pid" "$url/healthz" 30 "$DIR/serve.out" "$DIR/serve.err"
  token=$(api_token "$url" "$PASSWORD")
  jar=$DIR/jar
  [[ $(web_sign_in "$url" "$PASSWORD" "$jar") == 303 ]] || die "signing in through /masuk failed"
  session=$(awk '$6 == "loket_session" { print $7 }' "$jar")
  y=$(date +%Y); m=$(date +%Y-%m); d0=$(date -d '-30 days' +%F); d1=$(date +%F)
  sep=$(date -d '-3 years' +%Y-%m)
  local newest old
  newest=$(sqlite3 "$data/loket.db" "SELECT number FROM kasus ORDER BY id DESC LIMIT 1")
  old=$(sqlite3 "$data/loket.db" "SELECT number FROM kasus WHERE id=(SELECT max(id)/3 FROM kasus)")
  local -a urls=(
    / /tugas "/kasus/$newest" "/kasus/$old" /kasus "/kasus?status=open" "/kasus?status=closed" "/kasus?sop=SOP-LPSE.BTG-017" "/kasus?q=kriptografi"
    "/kasus?q=sandi" "/kasus?overdue=1" "/kasus?mine=1" /pemberitahuan /pengguna /audit "/audit?actor=staf7"
    "/audit?action=user.create" "/audit?action=login.*" "/audit?from=$d0&to=$d1" /prosedur /kalender /prioritas
    /register /register/guest-book "/register/guest-book?q=kriptografi" "/register/guest-book?q=hendra"
    "/register/guest-book?open=1" /register/agenda "/register/agenda?q=kriptografi" /register/disposition
    "/register/disposition?open=1" "/register/disposition?q=staf7" /register/consultation /register/handover
    /register/archive "/register/archive?due=1" "/register/archive?q=lemari" "/register/guest-book?from=$d0&to=$d1"
    /direktori /direktori/1001 "/direktori?q=santoso" "/direktori?q=kriptografi" "/direktori?kind=org" /akun-spse /permohonan-akun
    /helpdesk /telepon /telepon/rekap "/telepon/rekap?month=$sep" /ruang-bidding /pelatihan /pelatihan/kalender
    /pelatihan/kuesioner /pelatihan/1 /verifikasi /verifikasi/antrean /laporan "/laporan?from=$y-01-01&to=$d1"
    /laporan/kepatuhan "/laporan/kepatuhan?from=$m-01&to=$d1" "/laporan/kepatuhan?from=$y-01-01&to=$d1" /laporan/rekap
    /laporan/rekap/telepon "/laporan/rekap/telepon?from=$y-01-01&to=$d1" /kb "/kb?q=unggah" "/kb?q=kriptografi" /pengaturan
    "/api/v1/cases/$newest" /api/v1/cases "/api/v1/cases?status=open" "/api/v1/cases?status=cancelled" "/api/v1/cases?sop=SOP-LPSE.BTG-017"
    "/api/v1/cases?q=kriptografi" "/api/v1/cases?q=sandi" "/api/v1/cases?q=santoso" "/api/v1/cases?overdue=1"
    "/api/v1/cases?mine=1" "/api/v1/cases?before=100000" /api/v1/notices /api/v1/users /api/v1/audit
    "/api/v1/audit?actor=staf7" "/api/v1/audit?action=user.create" "/api/v1/audit?action=login.*"
    "/api/v1/audit?object=kasus:77*" "/api/v1/audit?from=$d0&to=$d1" "/api/v1/audit?before=500000"
    /api/v1/registers/guest-book "/api/v1/registers/guest-book?q=kriptografi" "/api/v1/registers/guest-book?q=0813123"
    "/api/v1/registers/guest-book?open=true" /api/v1/registers/agenda /api/v1/registers/disposition
    "/api/v1/registers/disposition?open=true" /api/v1/registers/consultation /api/v1/registers/handover
    /api/v1/registers/archive "/api/v1/registers/archive?due=true" "/api/v1/registers/agenda?from=$d0&to=$d1"
    /api/v1/directory "/api/v1/directory?q=santoso" "/api/v1/directory?q=kriptografi" "/api/v1/directory?kind=org"
    "/api/v1/directory?org_type=provider" /api/v1/directory/1000 "/api/v1/parties?q=santoso" /api/v1/accounts
    /api/v1/account-requests /api/v1/phone/calls "/api/v1/phone/calls?from=$d0&to=$d1" /api/v1/phone/recap
    "/api/v1/phone/recap?month=$sep" /api/v1/bidding-room /api/v1/escalations /api/v1/trainings
    "/api/v1/trainings?from=$y-01-01&to=$d1" /api/v1/trainings/1/participants /api/v1/verifications
    /api/v1/kb "/api/v1/kb?q=unggah" "/api/v1/kb?q=kriptografi" /api/v1/mail/outbox /api/v1/reports/dashboard
    /api/v1/reports/compliance "/api/v1/reports/compliance?from=$m-01&to=$d1" "/api/v1/reports/compliance?from=$y-01-01&to=$d1"
    /api/v1/reports/recaps/telepon "/api/v1/reports/recaps/telepon?from=$y-01-01&to=$d1" /api/v1/reports/recaps/akun
    /api/v1/reports/recaps/pelatihan /api/v1/reports/recaps/rating /api/v1/calendar /api/v1/sops /api/v1/priorities)
  local u h code ts t
  printf '%-62s %4s %8s\n' request code ms
  for u in "${urls[@]}"; do
    if [[ $u == /api/* ]]; then h="Authorization: Bearer $token"; else h="Cookie: loket_session=$session"; fi
    ts=()
    for ((k = 0; k < REQS; k++)); do
      read -r code t < <(curl -s -o /dev/null -w '%{http_code} %{time_total}\n' -H "$h" "$url$u")
      ts+=("$(awk -v t="$t" 'BEGIN { printf "%.1f", t * 1000 }')")
    done
    t=$(median "${ts[@]}")
    printf '%-62s %4s %8s%s\n' "$u" "$code" "$t" "$(awk -v t="$t" 'BEGIN { if (t > 50) print "  <-- slow" }')"
  done
  stop_pid "$pid" 10
  trap - EXIT
}
serve() {
  local port
  port=$(pick_port)
  echo "serving on http://127.0.0.1:$port (admin / $PASSWORD); Ctrl-C stops"
  exec "$LOKET" serve --data "$DIR/data" --listen "127.0.0.1:$port"
}
if [[ $SERVE == --time ]]; then time_all; exit 0; fi
if [[ $SERVE == --serve && -e $DIR/data ]]; then serve; fi
[[ ! -e $DIR/data ]] || die "$DIR/data exists: give a new folder"
mkdir -p "$DIR"
data=$DIR/data
db=$data/loket.db
LOKET_ADMIN_PASSWORD=$PASSWORD "$LOKET" init --data "$data" >"$DIR/init.log" 2>&1 \
  || { tail -n 20 "$DIR/init.log" >&2; die "'loket init' failed"; }

IFS='|' read -r office code < <(sqlite3 "$db" "SELECT id, code FROM office ORDER BY id LIMIT 1")
[[ -n $office ]] || die "no office after 'loket init'"
check_columns "$db" kasus "id office_id number procedure_id sop_code channel subject urgency impact priority status person_id org_id requester_name opened_at opened_by closed_at cancel_reason response_due_at resolution_due_at paused_real_s paused_office_s responded_at response_met resolution_met org_given"
check_columns "$db" case_step "id case_id office_id no visit started_at due_at done_at met outcome note done_by assigned_role assigned_user paused_s pause_started_at task_due notice_at items_checked"
now=$(date +%s)
ten=$((3650 * 86400))
gap=$((ten / CASES))
t0=$(now_us)
# Case i was opened (CASES-i)*gap before now: the newest last, ten years back. Open: the last
# 300 every other one (their third step due tomorrow) and every 20000th (its step past due);
# every 10th of the rest cancelled, the others closed. Procedures in turn; 40 staff beside admin
# hold the steps. Registers, directory, audit, notices, trainings and articles as listed in
# bench/README.md.
sqlite3 "$db" >"$DIR/load.log" 2>&1 <<SQL || { cat "$DIR/load.log" >&2; die "loading failed"; }
.bail on
PRAGMA synchronous=OFF;
PRAGMA cache_size=-1000000;
BEGIN;
INSERT INTO users(office_id, username, full_name, email, pw_hash, created_at, pw_changed_at)
  WITH RECURSIVE g(i) AS (SELECT 1 UNION ALL SELECT i+1 FROM g WHERE i<40)
  SELECT $office, 'staf' || i, 'Staf Layanan ' || i, 'staf' || i || '@lpse.example', u.pw_hash, $now-$ten, $now-$ten
  FROM g, (SELECT pw_hash FROM users WHERE username='admin') u;
CREATE TEMP TABLE sops AS SELECT row_number() OVER (ORDER BY code) - 1 AS k, id, code
  FROM procedure p WHERE revision_no=(SELECT max(revision_no) FROM procedure q WHERE q.code=p.code);
INSERT INTO party(id, office_id, kind, name, nip, nik, npwp, email, phone, created_at, org_type, parent_id)
  WITH RECURSIVE g(i) AS (SELECT 1 UNION ALL SELECT i+1 FROM g WHERE i<$PARTIES)
  SELECT i, $office, CASE WHEN i%5=0 THEN 'org' ELSE 'person' END,
    CASE WHEN i%5=0 THEN (CASE i%3 WHEN 0 THEN 'CV Karya Mandiri ' WHEN 1 THEN 'PT Bangun Persada ' ELSE 'Dinas Pekerjaan Umum ' END) || i
         ELSE (CASE i%4 WHEN 0 THEN 'Budi Santoso ' WHEN 1 THEN 'Siti Rahayu ' WHEN 2 THEN 'Agus Wibowo ' ELSE 'Dewi Lestari ' END) || i END,
    CASE WHEN i%5<>0 AND i%2=0 THEN printf('19%06d200%07d', i, i) END,
    CASE WHEN i%5<>0 THEN printf('32%014d', i) END,
    CASE WHEN i%5=0 THEN printf('01.%03d.%03d.%01d-%03d.000', i/1000000, (i/1000)%1000, i%10, i%1000) END,
    'orang' || i || '@contoh.example', printf('0812%08d', i), $now-$ten+i*($ten/$PARTIES),
    CASE WHEN i%5=0 THEN (CASE i%3 WHEN 2 THEN 'agency' ELSE 'provider' END) END, NULL
  FROM g;
INSERT INTO kasus(id, office_id, number, procedure_id, sop_code, channel, subject, urgency, impact, priority,
                  status, person_id, org_id, requester_name, opened_at, opened_by, closed_at, cancel_reason,
                  response_due_at, resolution_due_at, paused_real_s, paused_office_s,
                  responded_at, response_met, resolution_met)
  WITH RECURSIVE g(i) AS (SELECT 1 UNION ALL SELECT i+1 FROM g WHERE i<$CASES),
  c(i, kind, o) AS (SELECT i,
      CASE WHEN i%20000=0 THEN 'late' WHEN i>$CASES-300 AND i%2=0 THEN 'ahead' WHEN i%10=9 THEN 'cancelled' ELSE 'closed' END,
      $now-600-($CASES-i)*$gap FROM g)
  SELECT i, $office, printf('%s-%s-%06d', '$code', strftime('%Y', o, 'unixepoch'), i), s.id, s.code,
    CASE i%5 WHEN 0 THEN 'phone' WHEN 1 THEN 'email' WHEN 2 THEN 'walk_in' WHEN 3 THEN 'portal' ELSE 'letter' END,
    CASE i%6 WHEN 0 THEN 'Lupa kata sandi akun SPSE penyedia nomor ' WHEN 1 THEN 'Permohonan verifikasi berkas penyedia '
      WHEN 2 THEN 'Tidak dapat mengunggah dokumen penawaran paket ' WHEN 3 THEN 'Permintaan pelatihan aplikasi SPSE untuk PPK '
      WHEN 4 THEN 'Kendala jaringan saat pembukaan penawaran ' ELSE 'Pertanyaan tentang tender ulang paket konstruksi ' END
      || i || CASE WHEN i%50000=7 THEN ' kriptografi' ELSE '' END,
    CASE WHEN i%3=0 THEN 'mendesak' ELSE 'tidak_mendesak' END,
    CASE i%7 WHEN 0 THEN 'besar' WHEN 1 THEN 'sedang' WHEN 2 THEN 'sedang' ELSE 'kecil' END,
    CASE WHEN i%3=0 THEN (CASE WHEN i%7 IN (0,1,2) THEN 'tinggi' ELSE 'menengah' END)
         ELSE (CASE WHEN i%7=0 THEN 'menengah' ELSE 'rendah' END) END,
    CASE kind WHEN 'closed' THEN 'closed' WHEN 'cancelled' THEN 'cancelled' ELSE 'open' END,
    CASE WHEN i%5<>0 THEN 1 + (i*7919)%$PARTIES/5*5 + 1 END, CASE WHEN i%4=0 THEN 5 + (i*104729)%$PARTIES/5*5 END,
    'Pemohon ' || (i%9973), o, 'staf' || (1 + i%40),
    CASE kind WHEN 'closed' THEN o+100 WHEN 'cancelled' THEN o+60 END,
    CASE kind WHEN 'cancelled' THEN 'Pemohon membatalkan' END,
    o+3600, o+3*27000, 0, 0, o+12, 1, CASE kind WHEN 'closed' THEN 1 END
  FROM c JOIN sops s ON s.k = c.i % (SELECT count(*) FROM sops);
INSERT INTO case_step(id, case_id, office_id, no, visit, started_at, due_at, done_at, met, outcome, note,
                      done_by, assigned_role, assigned_user, paused_s, pause_started_at, task_due)
  SELECT 3*(k.id-1)+n.no, k.id, $office, n.no, 1,
    CASE n.no WHEN 1 THEN o WHEN 2 THEN o+5 ELSE o+12 END,
    CASE n.no WHEN 1 THEN NULL WHEN 2 THEN o+15 ELSE (CASE WHEN k.status='open' AND k.id%20000<>0 THEN $now+86400+k.id ELSE o+132 END) END,
    CASE n.no WHEN 1 THEN o+5 WHEN 2 THEN o+12 ELSE k.closed_at END,
    CASE n.no WHEN 1 THEN NULL WHEN 2 THEN 1 ELSE (CASE k.status WHEN 'closed' THEN 1 END) END,
    CASE n.no WHEN 3 THEN (CASE k.status WHEN 'open' THEN NULL WHEN 'cancelled' THEN 'cancelled' ELSE 'done' END) ELSE 'done' END,
    CASE WHEN n.no=2 AND k.id%4=0 THEN 'Diterima' END,
    CASE WHEN n.no=3 AND k.status='open' THEN NULL ELSE 'staf' || (1 + k.id%40) END,
    NULL, CASE WHEN n.no=3 THEN 'staf' || (1 + k.id%40) END, 0, NULL, ''
  FROM (SELECT id, opened_at AS o, status, closed_at FROM kasus) k, (SELECT 1 AS no UNION ALL SELECT 2 UNION ALL SELECT 3) n;
INSERT INTO notice_step(case_step_id, kind, office_id, at)
  SELECT s.id, w.kind, s.office_id, s.due_at FROM case_step s, (SELECT 'warning' AS kind UNION ALL SELECT 'breach') w
  WHERE s.done_at IS NULL AND s.due_at<$now;
UPDATE case_step SET notice_at = started_at + (due_at-started_at)*80/100 WHERE done_at IS NULL AND due_at > $now;
INSERT INTO case_note(office_id, case_id, step_no, body, created_at, created_by)
  SELECT $office, id, 3, 'Catatan tindak lanjut ' || id, opened_at+30, opened_by FROM kasus WHERE id%4=0;
INSERT INTO counter(office_id, register, year, last)
  SELECT $office, 'ticket', CAST(strftime('%Y', opened_at, 'unixepoch') AS INTEGER), max(id) FROM kasus GROUP BY 3
  ON CONFLICT(office_id, register, year) DO UPDATE SET last=excluded.last;
-- registers: guests 60k, letters 30k with a disposition each, archive 40k, calls 80k, consultations 20k, handovers 5k
INSERT INTO guest_book(office_id, arrived_at, name, organisation, phone, purpose, met_whom, case_number, left_at, created_by, created_at)
  WITH RECURSIVE g(i) AS (SELECT 1 UNION ALL SELECT i+1 FROM g WHERE i<60000)
  SELECT $office, $now-3600-(60000-i)*($ten/60000), 'Tamu ' || (CASE i%3 WHEN 0 THEN 'Hendra ' WHEN 1 THEN 'Rina ' ELSE 'Yusuf ' END) || i,
    'CV Karya ' || (i%700), '0813' || i, CASE WHEN i%997=0 THEN 'Konsultasi kriptografi' ELSE 'Konsultasi pendaftaran penyedia' END,
    'staf' || (1+i%40), NULL, $now-(60000-i)*($ten/60000), 'staf' || (1+i%40), $now-3600-(60000-i)*($ten/60000) FROM g;
INSERT INTO agenda(id, office_id, number, letter_no, letter_date, received_at, sender, subject, case_number, created_by, created_at)
  WITH RECURSIVE g(i) AS (SELECT 1 UNION ALL SELECT i+1 FROM g WHERE i<30000)
  SELECT i, $office, printf('AG-%06d', i), printf('%d/DPU/%d', i, 2016 + i/3000), date($now-(30000-i)*($ten/30000), 'unixepoch'),
    $now-(30000-i)*($ten/30000), 'Dinas Pekerjaan Umum ' || (i%50),
    CASE WHEN i%991=0 THEN 'Permohonan kriptografi' ELSE 'Permohonan pembuatan akun PPK' END, NULL, 'admin', $now-(30000-i)*($ten/30000) FROM g;
INSERT INTO disposition(office_id, agenda_id, case_number, from_user, to_user, to_role, instruction, due_at, done_at, created_by, created_at, number)
  SELECT $office, id, NULL, 'admin', 'staf' || (1+id%40), NULL, 'Mohon ditindaklanjuti', received_at+3*86400,
    CASE WHEN id < 29950 THEN received_at+86400 END, 'admin', received_at+600, printf('DS-%06d', id) FROM agenda;
INSERT INTO archive(office_id, case_number, title, location, archived_at, retain_until, destroyed_at, created_by, created_at)
  SELECT $office, number, NULL, 'Lemari ' || (id%20) || ' rak ' || (id%7), closed_at+86400,
    date(closed_at+86400, 'unixepoch', '+5 years'), NULL, 'staf' || (1+id%40), closed_at+86400
  FROM kasus WHERE status='closed' AND id%4=1;
INSERT INTO phone_call(office_id, arrived_at, answered_at, ended_at, status, handled_by, caller_name, caller_org, question, answer, created_at, stamp)
  WITH RECURSIVE g(i) AS (SELECT 1 UNION ALL SELECT i+1 FROM g WHERE i<80000)
  SELECT $office, $now-(80000-i)*($ten/80000), $now-(80000-i)*($ten/80000)+5, $now-(80000-i)*($ten/80000)+200,
    CASE i%10 WHEN 0 THEN 'missed' WHEN 1 THEN 'answered' ELSE 'solved' END, 'staf' || (1+i%40), 'Penelepon ' || i, 'PT Maju ' || (i%300),
    'Cara mendaftar akun penyedia', 'Dijelaskan', $now-(80000-i)*($ten/80000), 'c' || i FROM g;
INSERT INTO consultation(office_id, number, asked_at, name, organisation, contact, question, answer, case_number, created_by, created_at)
  WITH RECURSIVE g(i) AS (SELECT 1 UNION ALL SELECT i+1 FROM g WHERE i<20000)
  SELECT $office, printf('KS-%06d', i), $now-(20000-i)*($ten/20000), 'Penanya ' || i, 'Dinas ' || (i%60), '0812' || i,
    'Bagaimana tata cara tender ulang', 'Sesuai Perpres', NULL, 'staf' || (1+i%40), $now-(20000-i)*($ten/20000) FROM g;
INSERT INTO handover(office_id, number, at, items, from_name, to_name, case_number, created_by, created_at)
  WITH RECURSIVE g(i) AS (SELECT 1 UNION ALL SELECT i+1 FROM g WHERE i<5000)
  SELECT $office, printf('ST-%06d', i), $now-(5000-i)*($ten/5000), 'Berkas dokumen penyedia', 'Petugas ' || i, 'Penerima ' || i, NULL,
    'staf' || (1+i%40), $now-(5000-i)*($ten/5000) FROM g;
-- notices to admin and the staff (2000 unread)
INSERT INTO notice(office_id, case_id, case_step_id, kind, created_at, to_user_id, read_at)
  SELECT $office, case_id, id, 'reply', started_at+60, 1 + case_id%41, CASE WHEN case_id > $CASES-6000 THEN NULL ELSE started_at+600 END
  FROM case_step WHERE no=3 AND case_id%2=0;
-- trainings: 600 over ten years, 40 participants each, two sessions each with attendance
INSERT INTO training(id, office_id, case_id, title, audience, capacity, venue, status, starts_at, ends_at, created_at, created_by)
  WITH RECURSIVE g(i) AS (SELECT 1 UNION ALL SELECT i+1 FROM g WHERE i<600)
  SELECT i, $office, i*($CASES/600), 'Pelatihan SPSE angkatan ' || i, 'PPK dan Pokja', 40, 'Ruang pelatihan LPSE',
    CASE WHEN i>595 THEN 'approved' ELSE 'reported' END, $now-(595-i)*($ten/600), $now-(595-i)*($ten/600)+7*3600,
    $now-(600-i)*($ten/600), 'admin' FROM g;
INSERT INTO training_session(id, training_id, office_id, no, title, starts_at, ends_at)
  SELECT 2*id-2+n.no, id, $office, n.no, 'Sesi ' || n.no, starts_at+(n.no-1)*4*3600, starts_at+(n.no-1)*4*3600+3*3600
  FROM training, (SELECT 1 AS no UNION ALL SELECT 2) n;
INSERT INTO training_participant(id, training_id, office_id, name, agency, email, source, seat, rsvp, token_hash, created_at)
  WITH RECURSIVE g(i) AS (SELECT 1 UNION ALL SELECT i+1 FROM g WHERE i<40)
  SELECT (t.id-1)*40+g.i, t.id, $office, 'Peserta ' || t.id || '-' || g.i, 'Dinas ' || (g.i%20), 'p' || t.id || '-' || g.i || '@contoh.example',
    CASE WHEN g.i%2=0 THEN 'portal' ELSE 'invited' END, 'seat', 'confirmed', hex(randomblob(16)), t.created_at
  FROM training t, g;
INSERT INTO training_attendance(session_id, participant_id, office_id, at, marked_by)
  SELECT s.id, p.id, $office, s.starts_at+60, 'admin' FROM training_session s JOIN training_participant p ON p.training_id=s.training_id
  WHERE s.training_id<=595;
-- knowledge base: 1500 articles, indexed for search (unstemmed: the engine stems in C)
INSERT INTO kb_article(id, office_id, title, body, category, tags, status, revision, created_at, created_by, updated_at, updated_by)
  WITH RECURSIVE g(i) AS (SELECT 1 UNION ALL SELECT i+1 FROM g WHERE i<1500)
  SELECT i, $office, 'Cara mengatasi kendala SPSE nomor ' || i, 'Langkah penyelesaian: buka aplikasi, periksa akun, ulangi unggah dokumen ' || i,
    CASE i%4 WHEN 0 THEN 'Akun' WHEN 1 THEN 'Tender' WHEN 2 THEN 'Jaringan' ELSE 'Verifikasi' END, 'spse akun',
    CASE WHEN i%10=0 THEN 'draft' ELSE 'published' END, 1, $now-(1500-i)*($ten/1500), 'admin', $now-(1500-i)*($ten/1500), 'admin' FROM g;
CREATE VIRTUAL TABLE IF NOT EXISTS search_fts USING fts5(kind UNINDEXED, office UNINDEXED, ref UNINDEXED, title, tags, body,
  tokenize='unicode61 remove_diacritics 2');
INSERT INTO search_fts(kind, office, ref, title, tags, body) SELECT 'kb', office_id, id, title, tags, body FROM kb_article;
COMMIT;
SQL
# the audit log: its hash chain is not made here (GET /api/v1/audit/verify would refuse it)
sqlite3 "$db" >>"$DIR/load.log" 2>&1 <<SQL || { cat "$DIR/load.log" >&2; die "loading the audit log failed"; }
.bail on
PRAGMA synchronous=OFF;
BEGIN;
INSERT INTO audit(office_id, at, actor_id, actor, action, object, detail, ip, prev_hash, hash)
  WITH RECURSIVE g(i) AS (SELECT 1 UNION ALL SELECT i+1 FROM g WHERE i<$AUDIT)
  SELECT $office, $now-($AUDIT-i)*($ten/$AUDIT), 2 + i%40, 'staf' || (1+i%40),
    CASE WHEN i%5000=0 THEN 'user.create' WHEN i%500=0 THEN 'login.fail' WHEN i%5=0 THEN 'login' WHEN i%5=1 THEN 'case.open' ELSE 'case.step' END,
    'kasus:' || (i%$CASES + 1), 'langkah ' || (i%3+1), '10.0.' || (i%256) || '.' || (i%200), '', '' FROM g;
COMMIT;
PRAGMA wal_checkpoint(TRUNCATE);
SQL
TMP=$DIR index_cases "$db"   # the case search's index up to date, as a serving Loket keeps it
echo "loaded in $(awk -v a="$t0" -v b="$(now_us)" 'BEGIN { printf "%.1f", (b - a) / 1e6 }') s," \
     "$(awk -v s="$(stat -c %s "$db")" 'BEGIN { printf "%.0f", s / 1048576 }') MiB: $data"
if [[ $SERVE == --serve ]]; then serve; fi
