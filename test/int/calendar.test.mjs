// `loket calendar`: the defaults a new office gets, importing holidays from
// iCalendar and CSV (all or nothing, errors naming the line), adding, removing,
// setting hours, and the audit chain staying intact through it all.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { cli, initData, ROOT, PG, startServer, login, request } from './lib.mjs';

delete process.env.LOKET_DATA;

const cleanup = [];
after(() => { for (const d of cleanup) rmSync(d, { recursive: true, force: true }); });

const fixture = (name) => join(ROOT, 'test/fixtures', name);
const fresh = () => { const d = initData(); cleanup.push(d); return d; };

// The calendar of the first office as JSON.
const list = (dir, extra = []) => {
  const r = cli(['calendar', 'list', '--json', '--data', dir, ...extra]);
  assert.equal(r.status, 0, r.stderr);
  return JSON.parse(r.stdout);
};
// The audit chain's row count (and that it is intact).
const auditRows = (dir) => {
  const r = cli(['audit', 'verify', '--data', dir]);
  assert.equal(r.status, 0, r.stderr);
  return Number(r.stdout.match(/intact: (\d+) rows/)[1]);
};
const days = (cal) => cal.holidays.map((h) => h.day);

test('a new office has the default week and the 2026 holidays', () => {
  const dir = fresh();
  const cal = list(dir, ['--year', '2026']);
  assert.equal(cal.tz, 'WIB');
  const monday = cal.hours.filter((h) => h.weekday === 1).map((h) => `${h.opens}-${h.closes}`);
  const friday = cal.hours.filter((h) => h.weekday === 5).map((h) => `${h.opens}-${h.closes}`);
  assert.deepEqual(monday, ['07:30-12:00', '13:00-16:00']);
  assert.deepEqual(friday, ['07:30-11:30', '13:00-16:30']);
  assert.equal(cal.hours.filter((h) => h.weekday === 0 || h.weekday === 6).length, 0);
  assert.equal(cal.holidays.filter((h) => h.kind === 'national').length, 17);
  assert.equal(cal.holidays.filter((h) => h.kind === 'cuti_bersama').length, 8);
  assert.ok(days(cal).includes('2026-03-21'));
  // the text listing shows the same
  const r = cli(['calendar', 'list', '--data', dir]);
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /1 Senin \(Mon\)\s+07:30-12:00 13:00-16:00/);
  assert.match(r.stdout, /2026-03-20\s+cuti_bersama\s+Cuti Bersama Idul Fitri/);
});

test('another office added later gets the defaults too', () => {
  const dir = fresh();
  const r = cli(['office', 'add', 'LPSE-JPR', '--name', 'LPSE Kota Jayapura', '--tz', 'WIT', '--data', dir]);
  assert.equal(r.status, 0, r.stderr);
  const cal = list(dir, ['--office', 'LPSE-JPR']);
  assert.equal(cal.tz, 'WIT');
  assert.equal(cal.holidays.length, 25);
  assert.equal(cal.hours.length, 10);
});

test('import an iCalendar file: multi-day events expand, cuti bersama is recognised', () => {
  const dir = fresh();
  const rows0 = auditRows(dir);
  const r = cli(['calendar', 'import', fixture('holidays-2027.ics'), '--data', dir]);
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /Imported 4 holidays/);
  const cal = list(dir, ['--year', '2027']);
  assert.deepEqual(cal.holidays, [
    { day: '2027-01-01', name: 'Tahun Baru 2027 Masehi', kind: 'national' },
    { day: '2027-03-10', name: 'Idul Fitri 1448 H (contoh uji)', kind: 'national' },
    { day: '2027-03-11', name: 'Idul Fitri 1448 H (contoh uji)', kind: 'national' },
    { day: '2027-03-12', name: 'Libur Idul Fitri', kind: 'cuti_bersama' },
  ]);
  assert.equal(auditRows(dir), rows0 + 1);
});

test("Google's Indonesian holiday feed as downloaded: days off imported, observances (Perayaan) skipped and counted", () => {
  const dir = fresh();
  const r = cli(['calendar', 'import', fixture('google-id-2027.ics'), '--data', dir]);
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /Imported 7 holidays/);
  assert.match(r.stdout, /Skipped 5 observances \(DESCRIPTION Perayaan\/Observance: not days off\)/);
  const cal = list(dir, ['--year', '2027']);
  assert.deepEqual(cal.holidays.map((h) => [h.day, h.kind]), [
    ['2027-01-01', 'national'], ['2027-02-06', 'national'], ['2027-03-10', 'national'], ['2027-03-11', 'national'],
    ['2027-03-12', 'cuti_bersama'], ['2027-08-17', 'national'], ['2027-12-25', 'national'],
  ], 'Hari Kartini, Hari Ibu, Malam Natal, Malam Tahun Baru and Valentine are working days');
  // a file of observances only imports nothing and says why
  const only = join(dir, 'perayaan.ics');
  writeFileSync(only, ['BEGIN:VCALENDAR', 'BEGIN:VEVENT', 'DTSTART;VALUE=DATE:20270421', 'SUMMARY:Hari Kartini',
    'DESCRIPTION:Perayaan', 'END:VEVENT', 'END:VCALENDAR', ''].join('\r\n'));
  const o = cli(['calendar', 'import', only, '--data', dir]);
  assert.equal(o.status, 1);
  assert.match(o.stderr, /holds only observances \(1,.*nothing was imported/);
});

test('a revised calendar calls a day off: re-importing it removes that day, not one held for another reason', () => {
  const dir = fresh();
  let r = cli(['calendar', 'import', fixture('holidays-2027.ics'), '--data', dir]);
  assert.equal(r.status, 0, r.stderr);
  r = cli(['calendar', 'add', '2027-03-15', 'Hari jadi kabupaten', '--kind', 'local', '--data', dir]);
  assert.equal(r.status, 0, r.stderr);
  const revised = join(dir, 'revisi.ics');
  writeFileSync(revised, ['BEGIN:VCALENDAR', 'VERSION:2.0',
    'BEGIN:VEVENT', 'DTSTART;VALUE=DATE:20270312', 'SUMMARY:libur idul fitri', 'STATUS:CANCELLED', 'END:VEVENT',
    'BEGIN:VEVENT', 'DTSTART;VALUE=DATE:20270315', 'SUMMARY:Cuti bersama (dibatalkan)', 'STATUS:CANCELLED', 'END:VEVENT',
    'BEGIN:VEVENT', 'DTSTART;VALUE=DATE:20270316', 'SUMMARY:Cuti Bersama Idul Fitri', 'END:VEVENT',
    'END:VCALENDAR', ''].join('\r\n'));
  r = cli(['calendar', 'import', revised, '--data', dir]);
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /Imported 1 holiday from/);
  assert.match(r.stdout, /Removed 1 holiday the file calls off/);
  const cal = list(dir, ['--year', '2027']);
  assert.deepEqual(days(cal), ['2027-01-01', '2027-03-10', '2027-03-11', '2027-03-15', '2027-03-16']);
});

test('import a CSV file', () => {
  const dir = fresh();
  const r = cli(['calendar', 'import', fixture('holidays-local.csv'), '--data', dir]);
  assert.equal(r.status, 0, r.stderr);
  const local = list(dir).holidays.filter((h) => h.kind === 'local');
  assert.deepEqual(local.map((h) => [h.day, h.name]), [
    ['2026-06-08', 'Hari Jadi Kota Bogor'],
    ['2026-09-14', 'Hari Jadi Pemerintah Kota, contoh'],
  ]);
});

test('a CSV file separated by semicolons, as a spreadsheet set to Indonesian saves it: the same holidays', () => {
  const dir = fresh();
  const semi = join(dir, 'libur-titik-koma.csv');
  writeFileSync(semi, '\uFEFF# Libur daerah (contoh uji), date;name;kind\r\ndate;name;kind\r\n2026-06-08;Hari Jadi Kota Bogor;local\r\n'
    + '2026-09-14;Hari Jadi Pemerintah Kota, contoh;local\r\n');
  let r = cli(['calendar', 'import', semi, '--data', dir]);
  assert.equal(r.status, 0, r.stderr);
  const other = fresh();
  r = cli(['calendar', 'import', fixture('holidays-local.csv'), '--data', other]);
  assert.equal(r.status, 0, r.stderr);
  assert.deepEqual(list(dir).holidays, list(other).holidays);
  assert.deepEqual(list(dir).holidays.filter((h) => h.kind === 'local').map((h) => h.name),
    ['Hari Jadi Kota Bogor', 'Hari Jadi Pemerintah Kota, contoh']);
  // a bad row names the line it begins on, after a quoted name over two lines
  const bad = join(dir, 'rusak.csv');
  writeFileSync(bad, 'date;name\n2026-06-08;"Hari Jadi\n"\n2026-06-31;Tidak ada\n');
  r = cli(['calendar', 'import', bad, '--data', dir]);
  assert.equal(r.status, 1);
  assert.match(r.stderr, /rusak\.csv: line 4: the date must be a real day/);
});

test('a bad line: non-zero exit naming the line, and nothing imported', () => {
  const dir = fresh();
  const before = list(dir);
  const rows0 = auditRows(dir);
  const r = cli(['calendar', 'import', fixture('holidays-bad.csv'), '--data', dir]);
  assert.equal(r.status, 1);
  assert.match(r.stderr, /holidays-bad\.csv: line 4: the date must be a real day/);
  assert.match(r.stderr, /nothing was imported/);
  assert.deepEqual(list(dir), before);          // line 2 and 3 were good: still not imported
  assert.equal(auditRows(dir), rows0);
});

test('every wrong line is named, each on its own line, and nothing is imported: a CSV of three, an iCalendar file of two', () => {
  const dir = fresh();
  const before = list(dir, ['--year', '2029']);
  const rows0 = auditRows(dir);
  const csv = join(dir, 'tiga.csv');
  writeFileSync(csv, '2029-01-01,Tahun Baru\n2029-02-30,Tidak ada\n2029-03-03,\n2029-04-04,Hari X,libur sekali\n2029-05-05,Baik\n');
  let r = cli(['calendar', 'import', csv, '--data', dir]);
  assert.equal(r.status, 1);
  assert.match(r.stderr, /tiga\.csv: 3 lines are wrong; nothing was imported:/);
  assert.match(r.stderr, /\n  line 2: the date must be a real day/);
  assert.match(r.stderr, /\n  line 3: the name must be 1 to 120 characters/);
  assert.match(r.stderr, /\n  line 4: the kind must be national, cuti_bersama or local/);
  assert.doesNotMatch(r.stderr, /line [15]:/);
  const ics = join(dir, 'dua.ics');
  writeFileSync(ics, ['BEGIN:VCALENDAR', 'BEGIN:VEVENT', 'DTSTART;VALUE=DATE:20290101', 'SUMMARY:Tahun Baru', 'END:VEVENT',
    'BEGIN:VEVENT', 'DTSTART:20290105T080000Z', 'SUMMARY:Bukan sehari penuh', 'END:VEVENT',
    'BEGIN:VEVENT', 'DTSTART;VALUE=DATE:20290817', 'SUMMARY:Kemerdekaan', 'END:VEVENT',
    'BEGIN:VEVENT', 'DTSTART;VALUE=DATE:20290231', 'SUMMARY:Tidak ada', 'END:VEVENT', 'END:VCALENDAR', ''].join('\r\n'));
  r = cli(['calendar', 'import', ics, '--data', dir]);
  assert.equal(r.status, 1);
  assert.match(r.stderr, /dua\.ics: 2 lines are wrong; nothing was imported:\n  line 7: DTSTART must be a whole day[^\n]*\n  line 15: DTSTART is not a real date/);
  assert.deepEqual(list(dir, ['--year', '2029']), before);
  assert.equal(auditRows(dir), rows0);
  // past 50, the rest are counted
  const many = join(dir, 'banyak.csv');
  writeFileSync(many, Array.from({ length: 53 }, (_, i) => `2029-13-${String(i % 28 + 1).padStart(2, '0')},Salah`).join('\n') + '\n');
  r = cli(['calendar', 'import', many, '--data', dir]);
  assert.equal(r.status, 1);
  assert.match(r.stderr, /53 lines are wrong/);
  assert.match(r.stderr, /\n  line 50: [^\n]*\n  and 3 more\n/);
  assert.doesNotMatch(r.stderr, /line 51:/);
});

test('a CSV file naming one day twice is refused with both lines; an iCalendar day of two events counts once', () => {
  const dir = fresh();
  const before = list(dir).holidays.length;
  const csv = join(dir, 'twice.csv');
  writeFileSync(csv, '2028-05-03,Satu\n2028-05-03,Dua\n');
  let r = cli(['calendar', 'import', csv, '--data', dir]);
  assert.equal(r.status, 1);
  assert.match(r.stderr, /line 2: 2028-05-03 is also on line 1/);
  assert.equal(list(dir).holidays.length, before);
  const ics = join(dir, 'two.ics');
  writeFileSync(ics, ['BEGIN:VCALENDAR', 'BEGIN:VEVENT', 'DTSTART;VALUE=DATE:20280503', 'SUMMARY:Satu', 'END:VEVENT',
    'BEGIN:VEVENT', 'DTSTART;VALUE=DATE:20280503', 'SUMMARY:Dua', 'END:VEVENT', 'END:VCALENDAR', ''].join('\r\n'));
  r = cli(['calendar', 'import', ics, '--data', dir]);
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /Imported 1 holiday\b/);
  // DURATION in whole days spans them; a date that does not exist is named as such
  const dur = join(dir, 'dur.ics');
  writeFileSync(dur, ['BEGIN:VCALENDAR', 'BEGIN:VEVENT', 'DTSTART;VALUE=DATE:20280601', 'DURATION:P2D', 'SUMMARY:Dua hari', 'END:VEVENT', 'END:VCALENDAR', ''].join('\r\n'));
  r = cli(['calendar', 'import', dur, '--data', dir]);
  assert.equal(r.status, 0, r.stderr);
  assert.deepEqual(list(dir, ['--year', '2028']).holidays.filter((h) => h.name === 'Dua hari').map((h) => h.day), ['2028-06-01', '2028-06-02']);
  const feb = join(dir, 'feb.ics');
  writeFileSync(feb, ['BEGIN:VCALENDAR', 'BEGIN:VEVENT', 'DTSTART;VALUE=DATE:20300231', 'SUMMARY:X', 'END:VEVENT', 'END:VCALENDAR', ''].join('\r\n'));
  r = cli(['calendar', 'import', feb, '--data', dir]);
  assert.equal(r.status, 1);
  assert.match(r.stderr, /line 3: DTSTART is not a real date/);
  assert.deepEqual(list(dir, ['--year', '2028']).holidays.filter((h) => h.day === '2028-05-03').map((h) => h.name), ['Satu']);
});

test('a bad iCalendar line is named too', () => {
  const dir = fresh();
  const bad = join(dir, 'bad.ics');
  const text = 'BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nDTSTART;VALUE=DATE:20270101\r\nSUMMARY:ok\r\nEND:VEVENT\r\n'
    + 'BEGIN:VEVENT\r\nDTSTART:20270105T080000Z\r\nSUMMARY:not a whole day\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n';
  writeFileSync(bad, text);
  const r = cli(['calendar', 'import', bad, '--data', dir]);
  assert.equal(r.status, 1);
  assert.match(r.stderr, /bad\.ics: line 7: DTSTART must be a whole day/);
  assert.equal(list(dir, ['--year', '2027']).holidays.length, 0);
});

test('add, rename and remove one holiday; hours of one weekday; all audited', () => {
  const dir = fresh();
  const rows0 = auditRows(dir);
  let r = cli(['calendar', 'add', '2026-06-08', 'Hari Jadi Kota', '--kind', 'local', '--data', dir]);
  assert.equal(r.status, 0, r.stderr);
  r = cli(['calendar', 'add', '2026-06-08', 'Hari Jadi Kota Bogor ke-544', '--kind', 'local', '--data', dir]);
  assert.equal(r.status, 0, r.stderr);
  let h = list(dir).holidays.find((x) => x.day === '2026-06-08');
  assert.deepEqual(h, { day: '2026-06-08', name: 'Hari Jadi Kota Bogor ke-544', kind: 'local' });
  // renamed without --kind: it stays local (it became national before)
  r = cli(['calendar', 'add', '2026-06-08', 'Hari Jadi Bogor', '--data', dir]);
  assert.equal(r.status, 0, r.stderr);
  h = list(dir).holidays.find((x) => x.day === '2026-06-08');
  assert.deepEqual(h, { day: '2026-06-08', name: 'Hari Jadi Bogor', kind: 'local' });
  r = cli(['calendar', 'add', '2026-06-09', 'x', '--kind', 'keagamaan', '--data', dir]);
  assert.equal(r.status, 2);   // a bad value: usage ('regional', 'lokal', 'Libur Daerah' are local, as on import)
  assert.match(r.stderr, /kind/);
  // a day before 1970 is out of the calendar's years, not "not a real date"
  r = cli(['calendar', 'add', '1969-12-31', 'Lama', '--data', dir]);
  assert.equal(r.status, 2, r.stdout);
  assert.match(r.stderr, /^loket calendar add: day: the year must be 1970 to 2100\n$/);
  // a name of spaces only is no name (it was stored, and listed as "(   )")
  r = cli(['calendar', 'add', '2026-06-09', '   ', '--data', dir]);
  assert.equal(r.status, 2, r.stdout);
  assert.match(r.stderr, /^loket calendar add: name: The holiday name must be 1 to 120 characters\n$/);
  assert.equal(list(dir).holidays.find((x) => x.day === '2026-06-09'), undefined);
  r = cli(['calendar', 'remove', '2026-06-08', '--data', dir]);
  assert.equal(r.status, 0, r.stderr);
  assert.equal(list(dir).holidays.find((x) => x.day === '2026-06-08'), undefined);
  r = cli(['calendar', 'remove', '2026-06-08', '--data', dir]);
  assert.equal(r.status, 1);
  assert.match(r.stderr, /no holiday on 2026-06-08/);
  r = cli(['calendar', 'hours', '6 08:00-12:00', '--data', dir]);
  assert.equal(r.status, 0, r.stderr);
  assert.deepEqual(list(dir).hours.filter((x) => x.weekday === 6), [{ weekday: 6, opens: '08:00', closes: '12:00' }]);
  r = cli(['calendar', 'hours', '6 closed', '--data', dir]);
  assert.equal(r.status, 0, r.stderr);
  assert.equal(list(dir).hours.filter((x) => x.weekday === 6).length, 0);
  r = cli(['calendar', 'hours', '1 07:30-12:00 11:00-16:00', '--data', dir]);
  assert.equal(r.status, 2);   // spans that are not: usage
  assert.match(r.stderr, /overlap/);
  r = cli(['calendar', 'hours', '1', '--data', dir]);   // the spans forgotten: Monday is not closed
  assert.equal(r.status, 2);
  assert.match(r.stderr, /spans after the weekday, or "closed"/);
  assert.equal(list(dir).hours.filter((x) => x.weekday === 1).length, 2);
  r = cli(['calendar', 'hours', '1 07:30-12:00 tutup', '--data', dir]);   // closed among spans: the word named
  assert.equal(r.status, 2);
  assert.match(r.stderr, /"tutup": a closed day has no spans: give its spans, or tutup alone; nothing was written/);
  // add, add, add, remove, hours, hours: six changes, six rows, chain intact
  assert.equal(auditRows(dir), rows0 + 6);
});

// The day as an LPSE writes it, as the CSV import reads it: day first, with the month's name, with its weekday.
test('calendar add and remove take the day as people write it (17/08/2027, 20 Maret 2027, Selasa, 17 Agustus 2027); a wrong weekday or no day is named, nothing written', () => {
  const dir = fresh();
  const rows0 = auditRows(dir);
  let r = cli(['calendar', 'add', '17/08/2027', 'Hari Kemerdekaan RI', '--data', dir]);
  assert.equal(r.status, 0, r.stderr);
  assert.equal(r.stdout, 'Holiday 2027-08-17 (Hari Kemerdekaan RI) set in office LPSE.\n');
  r = cli(['calendar', 'add', '20 Maret 2027', 'Hari Suci Nyepi', '--data', dir]);
  assert.equal(r.status, 0, r.stderr);
  r = cli(['calendar', 'add', 'Senin, 17 Agustus 2027', 'Hari Kemerdekaan RI', '--data', dir]);   // 17 August 2027 is a Tuesday
  assert.equal(r.status, 2);
  assert.equal(r.stderr, 'loket calendar add: day: Senin, 17 Agustus 2027 is not that day of the week (the date or the weekday is mistyped)\n');
  for (const bad of ['31/02/2027', 'besok', '2027/13/01']) {
    r = cli(['calendar', 'add', bad, 'Libur', '--data', dir]);
    assert.equal(r.status, 2, bad);
    assert.equal(r.stderr, `loket calendar add: day: ${bad} is not a real day from 1970 to 2100: write it YYYY-MM-DD or day first DD/MM/YYYY\n`);
  }
  const days = list(dir).holidays.map((h) => `${h.day} ${h.name}`).filter((x) => x.startsWith('2027-0'));
  assert.ok(days.includes('2027-08-17 Hari Kemerdekaan RI') && days.includes('2027-03-20 Hari Suci Nyepi'), days.join('\n'));
  r = cli(['calendar', 'remove', 'Selasa, 17 Agustus 2027', '--data', dir]);
  assert.equal(r.status, 0, r.stderr);
  assert.equal(r.stdout, 'Holiday 2027-08-17 removed from office LPSE.\n');
  r = cli(['calendar', 'remove', '20-03-2027', '--data', dir]);
  assert.equal(r.status, 0, r.stderr);
  assert.equal(list(dir).holidays.filter((x) => x.day === '2027-08-17' || x.day === '2027-03-20').length, 0);
  assert.equal(auditRows(dir), rows0 + 4, 'two added, two removed; the refused wrote nothing');
});

test('text that is not UTF-8: an argument is refused, a file\'s line named with nothing imported; stored bytes never break the JSON', () => {
  const dir = fresh();
  const before = list(dir).holidays.length;
  const bin = join(ROOT, 'build/loket');
  const arg = spawnSync('sh', ['-c', `"${bin}" calendar add 2028-07-01 "$(printf 'x\\303\\050y')" --data "${dir}"`], { encoding: 'utf8' });
  assert.equal(arg.status, 2, arg.stderr);
  assert.match(arg.stderr, /not UTF-8 text/);
  const file = join(dir, 'bad.csv');
  writeFileSync(file, Buffer.concat([Buffer.from('2028-05-01,Hari Buruh\n2028-06-01,bad'), Buffer.from([0xff, 0xfe]), Buffer.from('name\n')]));
  const imp = cli(['calendar', 'import', file, '--data', dir]);
  assert.equal(imp.status, 1);
  assert.match(imp.stderr, /line 2: not UTF-8 text/);
  assert.equal(list(dir).holidays.length, before, 'nothing imported');
  // bytes that got in some other way are shown as U+FFFD: the JSON stays valid (SQLite keeps any
  // bytes; PostgreSQL refuses them itself)
  if (PG) return;
  const db = join(dir, 'loket.db');
  const up = spawnSync('sqlite3', [db, "UPDATE holiday SET name=CAST(X'4C6562FF6172616E' AS TEXT) WHERE day='2026-03-20'"], { encoding: 'utf8' });
  assert.equal(up.status, 0, up.stderr);
  const h = list(dir).holidays.find((x) => x.day === '2026-03-20');
  assert.equal(h.name, 'Leb\ufffdaran');
});

test('a holiday added without its kind is a cuti bersama when its name says so, as an imported one is; a kind given stands', async () => {
  const dir = fresh();
  let r = cli(['calendar', 'add', '2027-03-10', 'Cuti Bersama Hari Suci Nyepi', '--data', dir]);
  assert.equal(r.status, 0, r.stderr);
  r = cli(['calendar', 'add', '2027-03-11', 'Hari Suci Nyepi (Tahun Baru Saka 1949)', '--data', dir]);
  assert.equal(r.status, 0, r.stderr);
  r = cli(['calendar', 'add', '2027-03-12', 'Cuti bersama pegawai Pemkab (keputusan bupati)', '--kind', 'local', '--data', dir]);
  assert.equal(r.status, 0, r.stderr);
  const kinds = Object.fromEntries(list(dir, ['--year', '2027']).holidays.map((h) => [h.day, h.kind]));
  assert.deepEqual([kinds['2027-03-10'], kinds['2027-03-11'], kinds['2027-03-12']], ['cuti_bersama', 'national', 'local']);
  // the API decides the same, and a file imported says the same for the same name
  const s = await startServer({ dir });
  try {
    const token = await login(s.url);
    const a = await request(s.url, 'POST', '/api/v1/calendar/holidays', { token, body: { day: '2027-05-07', name: 'Cuti Bersama Kenaikan Yesus Kristus' } });
    assert.equal(a.status, 201);
    assert.equal(a.json.kind, 'cuti_bersama');
    const b = await request(s.url, 'POST', '/api/v1/calendar/holidays', { token, body: { day: '2027-05-06', name: 'Kenaikan Yesus Kristus' } });
    assert.equal(b.json.kind, 'national');
  } finally { await s.stop(); }
});

test('loket calendar --help and a wrong subcommand', () => {
  let r = cli(['calendar', '--help']);
  assert.equal(r.status, 0);
  assert.match(r.stdout, /usage: loket calendar/);
  r = cli(['calendar', 'frob', '--data', '/nonexistent']);
  assert.equal(r.status, 2);
  assert.match(r.stderr, /unknown subcommand frob/);
});

// ---- calendars as a new LPSE's admin brings them (test/fixtures/libur-*) ----

// The holidays of a year as "day kind" lines.
const dayKinds = (dir, year) => list(dir, ['--year', String(year)]).holidays.map((h) => `${h.day} ${h.kind}`);
const DECREE_2026 = [
  '2026-01-01 national', '2026-01-16 national', '2026-02-16 cuti_bersama', '2026-02-17 national',
  '2026-03-18 cuti_bersama', '2026-03-19 national', '2026-03-20 cuti_bersama', '2026-03-21 national',
  '2026-03-22 national', '2026-03-23 cuti_bersama', '2026-03-24 cuti_bersama', '2026-04-03 national',
  '2026-04-05 national', '2026-05-01 national', '2026-05-14 national', '2026-05-15 cuti_bersama',
  '2026-05-27 national', '2026-05-28 cuti_bersama', '2026-05-31 national', '2026-06-01 national',
  '2026-06-16 national', '2026-08-17 national', '2026-08-25 national', '2026-12-24 cuti_bersama',
  '2026-12-25 national',
];

test('a Google Calendar export of 2026 and 2027 (CRLF, folded, yearly RRULE for fixed dates, Lebaran cuti bersama over the national days): every day right, twice imported the same', () => {
  const dir = initData({ env: {} });
  cleanup.push(dir);
  // an office without the compiled-in 2026 list: the file alone
  for (const h of list(dir, ['--year', '2026']).holidays) assert.equal(cli(['calendar', 'remove', h.day, '--data', dir]).status, 0);
  const rows0 = auditRows(dir);
  let r = cli(['calendar', 'import', fixture('libur-google-2026-2027.ics'), '--data', dir]);
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /Imported 49 holidays/);
  assert.deepEqual(dayKinds(dir, 2026), DECREE_2026, '2026 as the SKB 3 Menteri: 17 national, 8 cuti bersama');
  const y2027 = list(dir, ['--year', '2027']).holidays;
  assert.deepEqual(y2027.map((h) => `${h.day} ${h.kind}`), [
    '2027-01-01 national', '2027-01-05 national', '2027-02-06 national', '2027-03-08 national',
    '2027-03-09 cuti_bersama', '2027-03-10 national', '2027-03-11 national', '2027-03-12 cuti_bersama',
    '2027-03-13 cuti_bersama', '2027-03-14 cuti_bersama', '2027-03-15 cuti_bersama', '2027-03-16 cuti_bersama',
    '2027-03-26 national', '2027-05-01 national', '2027-05-06 national', '2027-05-07 cuti_bersama',
    '2027-05-17 national', '2027-05-20 national', '2027-06-01 national', '2027-06-06 national',
    '2027-08-15 national', '2027-08-17 national', '2027-12-24 cuti_bersama', '2027-12-25 national',
  ]);
  assert.equal(y2027[0].name, 'Tahun Baru Masehi', 'the yearly rule gives 2027 its day');
  assert.equal(list(dir, ['--year', '2028']).holidays.length, 0, 'a yearly rule without end stops at the last year of the file');
  const names = Object.fromEntries(list(dir, ['--year', '2026']).holidays.map((h) => [h.day, h.name]));
  assert.equal(names['2026-03-20'], 'Cuti Bersama Idul Fitri 1447 H');
  assert.equal(names['2026-03-21'], 'Hari Raya Idul Fitri 1447 H', 'the national day wins over the cuti bersama event spanning it');
  // the same file again: nothing doubled, nothing changed; one audit row per import
  const before = list(dir, ['--year', '2027']);
  r = cli(['calendar', 'import', fixture('libur-google-2026-2027.ics'), '--data', dir]);
  assert.equal(r.status, 0, r.stderr);
  assert.deepEqual(list(dir, ['--year', '2027']), before);
  assert.deepEqual(dayKinds(dir, 2026), DECREE_2026);
  assert.equal(auditRows(dir), rows0 + 2);
});

test('an Outlook export (BOM, TZID="(UTC+07:00) Bangkok, Hanoi, Jakarta" midnights, BYMONTH/BYMONTHDAY, COUNT, UNTIL) and a Thunderbird one (LF only, RRULE before DTSTART, EXDATE, RECURRENCE-ID)', () => {
  const dir = fresh();
  let r = cli(['calendar', 'import', fixture('libur-outlook.ics'), '--data', dir]);
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /Imported 20 holidays/);
  assert.deepEqual(dayKinds(dir, 2027), [
    '2027-01-01 national', '2027-03-08 national', '2027-03-09 cuti_bersama', '2027-03-10 national',
    '2027-03-11 national', '2027-03-12 cuti_bersama', '2027-03-13 cuti_bersama', '2027-03-14 cuti_bersama',
    '2027-03-15 cuti_bersama', '2027-03-16 cuti_bersama', '2027-08-17 national', '2027-12-25 national',
  ]);
  const h2027 = list(dir, ['--year', '2027']).holidays;
  assert.equal(h2027[2].name, 'Cuti bersama; Nyepi dan Idul Fitri', 'escaped ; in SUMMARY');
  const lebaran = list(dir, ['--year', '2026']).holidays.filter((h) => h.day >= '2026-03-20' && h.day <= '2026-03-24');
  assert.deepEqual(lebaran.map((h) => [h.day, h.kind, h.name]), [
    ['2026-03-20', 'cuti_bersama', 'Libur Idul Fitri 1447 H (Cuti Bersama 20, 23, 24 Maret)'],
    ['2026-03-21', 'national', 'Hari Raya Idul Fitri 1447 H'],
    ['2026-03-22', 'national', 'Hari Raya Idul Fitri 1447 H'],
    ['2026-03-23', 'cuti_bersama', 'Libur Idul Fitri 1447 H (Cuti Bersama 20, 23, 24 Maret)'],
    ['2026-03-24', 'cuti_bersama', 'Libur Idul Fitri 1447 H (Cuti Bersama 20, 23, 24 Maret)'],
  ], 'CATEGORIES:Cuti Bersama on a zoned midnight-to-midnight event, the national days kept national');
  const tb = fresh();
  r = cli(['calendar', 'import', fixture('libur-thunderbird.ics'), '--data', tb]);
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /Imported 16 holidays/);
  assert.deepEqual(list(tb, ['--year', '2027']).holidays.map((h) => [h.day, h.name]), [
    ['2027-01-01', 'Tahun Baru 2027 Masehi'], ['2027-03-10', 'Hari Raya Idul Fitri 1448 H'],
    ['2027-03-11', 'Hari Raya Idul Fitri 1448 H'], ['2027-08-17', 'HUT RI'], ['2027-12-25', 'Hari Raya Natal'],
  ]);
});

test('CSV as spreadsheets save it: Excel in Indonesian (BOM, semicolons, dd/mm/yyyy, No;Tanggal;Keterangan;Jenis;Catatan, empty rows) and Sheets in English (Date,Holiday,Type,Description)', () => {
  const dir = fresh();
  let r = cli(['calendar', 'import', fixture('libur-excel-id.csv'), '--data', dir]);
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /Imported 16 holidays/);
  assert.deepEqual(dayKinds(dir, 2026), DECREE_2026, 'the same days and kinds as the compiled-in decree');
  const h = list(dir, ['--year', '2026']).holidays;
  assert.equal(h.find((x) => x.day === '2026-08-17').name, 'Hari Proklamasi Kemerdekaan RI; ke-81');
  assert.equal(h.find((x) => x.day === '2026-03-20').name, 'Cuti Bersama Idul Fitri 1447 H');
  r = cli(['calendar', 'import', fixture('libur-excel-id.csv'), '--data', dir]);
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /^Imported 16 holidays from .*\nAll 16 of them already in the calendar as the file has them: unchanged\.\n/, 'the second time says nothing changed');
  assert.deepEqual(list(dir, ['--year', '2026']).holidays, h, 'imported twice: the same');
  // a file of one day, imported twice: said of the one
  const one = join(dir, 'satu.csv');
  writeFileSync(one, 'date,name\n2026-12-24,Cuti Bersama Natal\n');
  assert.equal(cli(['calendar', 'import', one, '--data', dir]).status, 0);
  r = cli(['calendar', 'import', one, '--data', dir]);
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /^Imported 1 holiday from .*\nIt is already in the calendar as the file has it: unchanged\.\n/);
  r = cli(['calendar', 'import', fixture('libur-sheets-en.csv'), '--data', dir]);
  assert.equal(r.status, 0, r.stderr);
  assert.deepEqual(dayKinds(dir, 2027), [
    '2027-01-01 national', '2027-03-08 national', '2027-03-09 cuti_bersama', '2027-03-10 national',
    '2027-03-11 national', '2027-03-12 cuti_bersama', '2027-03-15 cuti_bersama', '2027-03-16 cuti_bersama',
    '2027-06-08 local', '2027-08-17 national',
  ]);
  // a row a person got wrong: the line and what, nothing of the file imported
  const before = list(dir, ['--year', '2027']);
  const bad = join(dir, 'libur-salah.csv');
  writeFileSync(bad, '\uFEFFNo;Tanggal;Keterangan;Jenis\r\n1;01/05/2027;Hari Buruh;Libur Nasional\r\n2;05/13/2027;Kenaikan Yesus Kristus;Libur Nasional\r\n');
  r = cli(['calendar', 'import', bad, '--data', dir]);
  assert.equal(r.status, 1);
  assert.match(r.stderr, /libur-salah\.csv: line 3: the date must be a real day from 1970 to 2100, written YYYY-MM-DD or day first DD\/MM\/YYYY; nothing was imported/);
  writeFileSync(bad, 'Tanggal,Keterangan,Jenis\n2027-05-01,Hari Buruh,Libur Nasional\n2027-05-06,Kenaikan,Libur Keagamaan\n');
  r = cli(['calendar', 'import', bad, '--data', dir]);
  assert.equal(r.status, 1);
  assert.match(r.stderr, /line 3: the kind must be national, cuti_bersama or local/);
  assert.deepEqual(list(dir, ['--year', '2027']), before);
  // a 2-column list typed by hand: cuti bersama by its name, as in iCalendar
  const hand = join(dir, 'tangan.csv');
  writeFileSync(hand, 'Tanggal,Nama Libur\r\n2027-12-24,Cuti Bersama Hari Raya Natal\r\n2027-12-25,Hari Raya Natal\r\n');
  r = cli(['calendar', 'import', hand, '--data', dir]);
  assert.equal(r.status, 0, r.stderr);
  assert.deepEqual(dayKinds(dir, 2027).slice(-2), ['2027-12-24 cuti_bersama', '2027-12-25 national']);
});

test('a bad iCalendar export names the line and imports nothing: a monthly rule, a timed UTC event', () => {
  const dir = fresh();
  const before = list(dir);
  const bad = join(dir, 'rapat.ics');
  const lines = readFileSync(fixture('libur-thunderbird.ics'), 'utf8').split('\n');
  const at = lines.indexOf('RRULE:FREQ=YEARLY');
  lines[at] = 'RRULE:FREQ=MONTHLY;BYMONTHDAY=1';
  writeFileSync(bad, lines.join('\n'));
  let r = cli(['calendar', 'import', bad, '--data', dir]);
  assert.equal(r.status, 1);
  assert.match(r.stderr, new RegExp(`rapat\\.ics: line ${at + 1}: RRULE: only a repeat each year on the date of DTSTART is read`));
  writeFileSync(bad, ['BEGIN:VCALENDAR', 'BEGIN:VEVENT', 'DTSTART;VALUE=DATE:20270101', 'SUMMARY:ok', 'END:VEVENT',
    'BEGIN:VEVENT', 'DTSTART:20270310T000000Z', 'DTEND:20270311T000000Z', 'SUMMARY:Idul Fitri (UTC)', 'END:VEVENT', 'END:VCALENDAR', ''].join('\r\n'));
  r = cli(['calendar', 'import', bad, '--data', dir]);
  assert.equal(r.status, 1);
  assert.match(r.stderr, /line 7: DTSTART must be a whole day/);
  assert.deepEqual(list(dir), before);
});

test('the API takes the same files (POST /api/v1/calendar/import): the same days as the command; a bad line named, nothing imported', async () => {
  const viaCli = fresh();
  assert.equal(cli(['calendar', 'import', fixture('libur-google-2026-2027.ics'), '--data', viaCli]).status, 0);
  const dir = fresh();
  const s = await startServer({ dir });
  try {
    const token = await login(s.url);
    const ics = readFileSync(fixture('libur-google-2026-2027.ics'));
    let r = await request(s.url, 'POST', '/api/v1/calendar/import', { token, body: ics, headers: { 'Content-Type': 'text/calendar' } });
    assert.equal(r.status, 200, r.text);
    assert.equal(r.json.imported, 49);
    const first = r.json.unchanged;   // the compiled-in decree's days the feed names alike
    assert.ok(first >= 0 && first < 49, String(first));
    r = await request(s.url, 'POST', '/api/v1/calendar/import', { token, body: ics, headers: { 'Content-Type': 'text/calendar' } });
    assert.deepEqual([r.status, r.json.imported, r.json.unchanged], [200, 49, 49], 'imported again: every day already so');
    const year = async (y) => (await request(s.url, 'GET', `/api/v1/calendar?year=${y}`, { token })).json.holidays;
    assert.deepEqual(await year(2027), list(viaCli, ['--year', '2027']).holidays, 'the days and kinds the command imports');
    // an Excel CSV in an Indonesian locale, told by its name; a bad one names its line and writes nothing
    r = await request(s.url, 'POST', '/api/v1/calendar/import?name=libur.csv', { token, body: readFileSync(fixture('libur-excel-id.csv')) });
    assert.equal(r.status, 200, r.text);
    const before = await year(2027);
    r = await request(s.url, 'POST', '/api/v1/calendar/import?lang=en', { token, body: '2027-05-02,Hari libur\n2027-02-30,Tidak ada\n', headers: { 'Content-Type': 'text/csv' } });
    assert.equal(r.status, 400, r.text);
    assert.equal(r.json.error.field, 'file');
    assert.match(r.json.error.message, /line 2/);
    assert.deepEqual(r.json.error.lines, [r.json.error.message.replace(/^The file was not imported: /, '')]);
    assert.deepEqual(await year(2027), before, 'nothing imported');
    // every wrong line listed, the first still in the message
    r = await request(s.url, 'POST', '/api/v1/calendar/import?lang=en', { token, body: '2027-02-30,A\n2027-05-02,B\n2027-04-31,C\n2027-06-01,\n', headers: { 'Content-Type': 'text/csv' } });
    assert.equal(r.status, 400, r.text);
    assert.equal(r.json.error.field, 'file');
    assert.match(r.json.error.message, /^The file was not imported: line 1: the date must be a real day/);
    assert.deepEqual(r.json.error.lines.map((l) => l.replace(/:.*/, '')), ['line 1', 'line 3', 'line 4']);
    assert.equal(r.json.error.more_lines, 0);
    // a weekday before the date that is another day's: a mistyped date, named with the day it is
    r = await request(s.url, 'POST', '/api/v1/calendar/import', { token, body: 'Tanggal;Keterangan\n"Senin, 1 Januari 2027";Tahun Baru\n"Jumat, 26 Maret 2027";Wafat Yesus Kristus\n', headers: { 'Content-Type': 'text/csv' } });
    assert.equal(r.status, 400, r.text);
    assert.deepEqual(r.json.error.lines, ['baris 2: Senin, 1 Januari 2027: hari itu hari Jumat (tanggal atau harinya salah tulis)']);
    assert.deepEqual(await year(2027), before, 'nothing imported');
    r = await request(s.url, 'POST', '/api/v1/calendar/import?lang=en&name=dua.ics', { token, headers: { 'Content-Type': 'text/calendar' },
      body: 'BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nDTSTART;VALUE=DATE:20270231\r\nSUMMARY:A\r\nEND:VEVENT\r\nBEGIN:VEVENT\r\nDTSTART;VALUE=DATE:20270301\r\nRDATE:20270302\r\nSUMMARY:B\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n' });
    assert.equal(r.status, 400, r.text);
    assert.deepEqual(r.json.error.lines, ['line 3: DTSTART is not a real date', 'line 8: RDATE is not read: list each holiday as an event on its own day']);
    assert.deepEqual(await year(2027), before, 'nothing imported');
    // as curl -F file=@libur.ics sends it: the file's name says it is iCalendar
    const form = new FormData();
    form.append('file', new Blob([readFileSync(fixture('holidays-2027.ics'))]), 'libur-2027.ics');
    const res = await fetch(`${s.url}/api/v1/calendar/import`, { method: 'POST', headers: { Authorization: `Bearer ${token}` }, body: form });
    const text = await res.text();
    assert.equal(res.status, 200, text);
    assert.equal(JSON.parse(text).imported, 4);
    r = await request(s.url, 'POST', '/api/v1/calendar/import', { token, body: '' });
    assert.equal(r.status, 400, r.text);
    assert.equal(r.json.error.field, 'file');
  } finally {
    await s.stop();
  }
});
