/*
** cli.h — what the commands of `loket` share. main.c holds the command table;
** a command with several subcommands lives in its own src/cli_NAME.c.
*/
#ifndef LOKET_CLI_H
#define LOKET_CLI_H
#include "core/core.h"
#include "db/db.h"
#include "desk/desk.h"
#include <stdio.h>

/* Options shared by the commands. */
typedef struct Opts {
  const char *data, *listen, *role, *name, *email, *office, *office_name, *tz, *year, *public_url;
  const char *db, *db_replica, *from, *to;   /* --db postgresql://…, --db-replica; loket migrate --from/--to */
  const char *head;   /* loket audit verify --head HASH (or --expect) */
  const char *phone, *address;   /* loket office set --phone, --address (with --email: its contact for the public) */
  int json, help, password_stdin, must_change;
  char *args[16];   /* `calendar period add` takes a line for each weekday */
  int nargs;
} Opts;

int  opts_parse(int argc, char **argv, Opts *o);
int  opts_extra(const char *cmd, char *const *args, int nargs);   /* 2 after saying so: more words than cmd takes */
const char *cli_who(void);   /* "loket office add": the command and subcommand run, for its messages */
int  cmd_usage(const char *name, FILE *f);
void usage_wrap(FILE *f, const char *lead, const char *usage, int indent);   /* a usage line wrapped to 100 columns */
/* data_open's flags: the folder must be initialised; the command only reads (a read-only
** database will do: nothing is written, not even a migration, and a schema older than this
** loket's is refused, saying so); the command copies the database whatever its schema (backup,
** also before an upgrade) */
enum { DATA_MUST_EXIST = 1, DATA_READS = 2, DATA_COPIES = 4 };
int  data_open(const Opts *o, int flags);
int  cli_office(Db *db, const Opts *o, Office *off, const char *cmd);   /* --office CODE, else the first; says when none */
int  data_hold(const char *dir, int alone);
int  startup(void);
extern const Actor cli_actor;

/* cli_sop.c: `loket sop`, and loading the procedures at init and serve (prints errors; 0 on success) */
int  cmd_sop(int argc, char **argv);
int  cli_sop_load(void);
extern const char cli_sop_usage[], cli_sop_help[];

/* `loket calendar` (cli_calendar.c): an office's hours and holidays. */
int cmd_calendar(int argc, char **argv);
#define CALENDAR_USAGE "calendar list|import|add|remove|hours|period … --data DIR [--office CODE]"
#define CALENDAR_HELP \
  "  list [--year YYYY] [--json]          the weekly hours, the holidays and the periods\n" \
  "  import FILE                          holidays from iCalendar (.ics) or CSV (date,name[,kind];\n" \
  "                                       comma or semicolon), all or nothing: every wrong line is\n" \
  "                                       named (line N: what, the first 50) and nothing imported\n" \
  "  add DAY NAME [--kind national|cuti_bersama|local]   add or rename one holiday\n" \
  "  remove DAY                           remove one holiday (DAY of add and remove: 2026-08-17, or\n" \
  "                                       as the CSV import reads it: 17/08/2026, \"17 Agustus 2026\")\n" \
  "  hours \"W HH:MM-HH:MM …\"              set weekday W's spans (0 Sunday, 1 Monday … 6 Saturday;\n" \
  "                                       \"6 closed\" for none), e.g. \"1 07:30-12:00 13:00-16:00\"\n" \
  "  period add --from DAY --to DAY --name NAME \"W[-W] HH:MM-HH:MM …\" …\n" \
  "                                       hours of a dated period (Ramadan): on the weekdays named\n" \
  "                                       they replace the weekly hours, e.g. \"1-4 08:00-15:00\"\n" \
  "                                       \"5 08:00-15:30\" (\"6 closed\"); others keep theirs\n" \
  "  period set ID --from DAY --to DAY --name NAME \"W[-W] HH:MM-HH:MM …\" …\n" \
  "                                       change one (its number from period list): the same\n" \
  "                                       options and hours as add, replacing all it had\n" \
  "  period list [--json]                 the periods, by first day\n" \
  "  period remove ID                     remove one (its number from period list)\n" \
  "The office is --office CODE, else the first office. Every change is audited."

/* `loket mail` (cli_mail.c): e-mail out through the outbox. */
int cmd_mail(int argc, char **argv);
#define MAIL_USAGE "mail test ADDRESS [--office CODE] | mail list [--json] | mail retry ID…|failed | mail inbox [--office CODE] [--json]  --data DIR"
#define MAIL_HELP \
  "  test ADDRESS    queue the Indonesian test message (data/mail-test.txt) to ADDRESS;\n" \
  "                  `loket serve` delivers it through smtp_url (loket.conf), from smtp_from\n" \
  "                  (set it to your office's address: the default loket@localhost is\n" \
  "                  noted); the office named in it is --office CODE, else the first office\n" \
  "  list [--json]   the outbox, newest first: id, status, attempts, when (next attempt while\n" \
  "                  queued, sent time once sent), address, subject, last error\n" \
  "  retry ID…|failed  queue again a message that failed (mail_max_attempts tries used up), by\n" \
  "                  its number in list, or every failed one: sent at the next pass, with all\n" \
  "                  its tries again (audited mail.retry)\n" \
  "  inbox [--json]  the help desk's mailbox Loket reads over IMAP (--office CODE, else the first\n" \
  "                  office): address, user, on/off, the last poll's time, its error, its\n" \
  "                  warning (a flag the server refused) and the last message refused"

/* `loket sla` (cli_sla.c): the SLA watcher's pass, run once now. */
int cmd_sla(int argc, char **argv);
#define SLA_USAGE "sla run --data DIR"
#define SLA_HELP \
  "  run    one pass of the SLA watcher now: a warning for each open step past sla_warn_percent\n" \
  "         (loket.conf, default 80) of its standard, a breach notice for each past its due time,\n" \
  "         each sent once (in the app and by e-mail); a training's preparation items too (a reminder\n" \
  "         the working day before each is due, a breach past it), counted with them in the line it\n" \
  "         prints: N warning(s), N breach(es): N notice(s), N mail(s) queued;\n" \
  "         `loket serve` runs it every sla_poll_seconds"

/* `loket directory import` and `loket accounts year-end` (cli_directory.c). */
int cmd_directory(int argc, char **argv);
int cmd_accounts(int argc, char **argv);
#define DIRECTORY_USAGE "directory import FILE.csv [--dry-run] --data DIR [--office CODE]"
#define DIRECTORY_HELP \
  "  import FILE.csv   persons and organisations into the office's directory. The header names\n" \
  "                    the columns: kind,org_type,name,nip,nik,npwp,nib,rank,position,agency,address,\n" \
  "                    phone,email,deed_no,deed_date,notary (',' or ';'), or in Indonesian: Jenis,\n" \
  "                    Nama, Pangkat, Jabatan, Instansi, Alamat, Telepon, No HP, Surel, No Akta,\n" \
  "                    Tanggal Akta, Notaris (a column No of row numbers is left alone, and a\n" \
  "                    sheet's title row above the header). kind is\n" \
  "                    person or org; an org's org_type is provider (it needs its npwp), agency\n" \
  "                    or unit; or in Indonesian, any case: kind orang, perorangan, perseorangan\n" \
  "                    (person), organisasi, badan usaha, lembaga (org); org_type penyedia,\n" \
  "                    rekanan (provider), instansi, skpd, opd (agency), satker, satuan kerja,\n" \
  "                    unit kerja (unit): stored and exported in English. Every row is checked;\n" \
  "                    the accepted rows are written in one transaction, each rejected one\n" \
  "                    reported as FILE:ROW: FIELD: REASON on stderr. --dry-run: checked and\n" \
  "                    reported the same, nothing written. Exit 0 all imported, 3 some rejected,\n" \
  "                    1 none (or the file cannot be read)."
#define ACCOUNTS_USAGE "accounts year-end [--dry-run] [--rule expired|all] --data DIR [--office CODE]"
#define ACCOUNTS_HELP \
  "  year-end   BTG-019 step 5: deactivate the active PPK accounts whose decree has ended\n" \
  "             (rule expired) or all of them (rule all; default: the office's rule), in one\n" \
  "             transaction, each holder and agency notified by e-mail. --dry-run lists them only."

/* `loket blacklist` and `loket verification` (cli_verify.c): provider verification (OI-01). */
int cmd_blacklist(int argc, char **argv);
int cmd_verification(int argc, char **argv);
#define BLACKLIST_USAGE "blacklist import FILE.csv --data DIR [--office CODE]"
#define BLACKLIST_HELP \
  "  import FILE.csv   replace the office's national blacklist of providers with the file's rows:\n" \
  "                    npwp,name[,reason[,until YYYY-MM-DD]], comma or semicolon (a header line\n" \
  "                    allowed); all or nothing, an error names the line. Verification checks\n" \
  "                    the NPWP against this list."
#define VERIFICATION_USAGE "verification watch --data DIR"
#define VERIFICATION_HELP \
  "  watch    one pass now: reminders of tomorrow's appointments, warnings before a registration\n" \
  "           lapses (warn_days), lapses past lapse_days (30); `loket serve` runs it every\n" \
  "           sla_poll_seconds"

/* `loket absence` (cli_absence.c): staff away for whole days, and who stands in for them. */
int cmd_absence(int argc, char **argv);
#define ABSENCE_USAGE "absence add|list|remove … --data DIR [--office CODE]"
#define ABSENCE_HELP \
  "  add USERNAME --from DAY --to DAY --kind KIND --replacement USERNAME [--note TEXT]\n" \
  "                       USERNAME is away from DAY to DAY (YYYY-MM-DD, both included, in the\n" \
  "                       office's zone); KIND is cuti, sakit, dinas_luar, pelatihan or lainnya;\n" \
  "                       the replacement, an active user of the office holding at least one of\n" \
  "                       USERNAME's staff roles (and each role an open decision of theirs needs),\n" \
  "                       gets their steps and notices while it lasts, at most 366 days.\n" \
  "                       Two absences of one user may not overlap, and one already over (its\n" \
  "                       last DAY before today) is not set.\n" \
  "  list [USERNAME] [--json]\n" \
  "                       USERNAME's absences by first day (with its number), or without a\n" \
  "                       name who in the office is away today\n" \
  "  remove USERNAME ID   cancel absence ID of USERNAME (its number from list), one not over yet\n" \
  "The office is --office CODE, else the first office. Every change is audited (absence.add,\n" \
  "absence.cancel), as the API and the user's page (/pengguna) do it."

/* `loket migrate` (cli_migrate.c): an office's SQLite database moved up to PostgreSQL. */
int cmd_migrate(int argc, char **argv);

#endif
