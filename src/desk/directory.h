/*
** directory.h — the office's directory (the `party` table the case engine
** started): organisations (providers, agencies/SKPD/OPD and their units) and
** persons (officials and providers' people), validated with core/ident.h,
** de-duplicated on NPWP, NIP and NIK per office, searchable, importable from
** CSV (accepted rows in one transaction, a report of every rejected row).
** The SPSE account register and the requests for accounts (accounts.h) stand on it.
*/
#ifndef LOKET_DIRECTORY_H
#define LOKET_DIRECTORY_H
#include "../core/core.h"
#include "../db/db.h"

/* The fields of a directory entry, in the order of the CSV columns and the forms. */
enum {
  PF_KIND, PF_ORG_TYPE, PF_NAME, PF_NIP, PF_NIK, PF_NPWP, PF_NIB, PF_RANK, PF_POSITION,
  PF_AGENCY, PF_ADDRESS, PF_PHONE, PF_EMAIL, PF_DEED_NO, PF_DEED_DATE, PF_NOTARY, PF_COUNT
};
/* The field names (JSON members, form fields, CSV header words). */
extern const char *const party_fields[PF_COUNT+1];   /* NULL-ended: a list for jin_done */

/* A new or changed entry as given (NULL or "" for not given). agency: the person's
** agency or the unit's parent, named by its id, its NPWP or its exact name. */
typedef struct PartyIn { const char *v[PF_COUNT]; } PartyIn;

/* An entry as stored, its text in the caller's arena ("" when empty). */
typedef struct Party {
  int64_t id, office_id, parent_id, created_at;
  const char *v[PF_COUNT];     /* PF_AGENCY: the parent's name */
  int ncases, naccounts;       /* filled by party_get only */
} Party;

/* The stored kind ("person", "org") or organisation type ("provider", "agency", "unit") a word
** names, English or Indonesian in any case ("Perorangan", "Satker"); 0 when it names none. The
** refusals (msgids) say the words: party_kind_refusal, party_org_type_refusal. */
const char *party_kind_of(const char *word);
const char *party_org_type_of(const char *word);
extern const char *const party_kind_refusal, *const party_org_type_refusal;

/* The organisation an agency reference names (an id, an NPWP, or its name: exact, else ignoring
** case), 0 when none. */
int64_t party_agency_find(Db *db, int64_t office_id, const char *ref);
/* Check and normalise an entry; the office's directory is read for the agency and
** duplicates (self_id: the entry being changed, 0 for a new one). ERR_INVALID, or
** ERR_CONFLICT for a duplicate NIP/NIK/NPWP, with e naming the field. out gets the
** normalised values in a (NIP/NIK digits, NPWP 16 digits, phone +62…), *parent the agency. */
int party_check(Db *db, int64_t office_id, int64_t self_id, const PartyIn *in, PartyIn *out,
                int64_t *parent, Arena *a, Err *e);
/* Add an entry (checked; audited). */
int party_create(Db *db, const Actor *who, int64_t office_id, const PartyIn *in, int64_t *id, Err *e);
/* Change an entry: the fields given replace the stored ones (audited); *changed (when given) 0 when
** every field was so already: nothing written, nothing audited. */
int party_update(Db *db, const Actor *who, int64_t office_id, int64_t id, const PartyIn *in, int *changed, Err *e);
/* Merge the entry dup_id (written twice) into keep_id: the kept entry's values stand, its empty
** ones take the duplicate's; the duplicate's cases, accounts, account requests, verifications and
** members move to the kept entry and the duplicate is removed (audited party.merge). ERR_CONFLICT
** naming the field when they cannot be one party (kind, organisation type, NIP, NIK, NPWP or NIB
** both given and different; one the other's agency); ERR_NOTFOUND naming ref or from. */
int party_merge(Db *db, const Actor *who, int64_t office_id, int64_t keep_id, int64_t dup_id, Err *e);
/* Entries that may be this one written twice: the same kind and name (capitals, spaces, dots
** and commas aside), or the same e-mail or phone; at most 20, oldest first. */
int party_twins(Db *db, int64_t office_id, int64_t id, Party **rows, int *n, Arena *a);
/* One entry of the office; ERR_NOTFOUND when none. */
int party_get(Db *db, int64_t office_id, int64_t id, Party *p, Arena *a);
/* The entry other than self_id holding the NIP, NIK or NPWP (field "nip", "nik", "npwp") written
** raw in any writing; 0 when none. */
int64_t party_holder(Db *db, int64_t office_id, int64_t self_id, const char *field, const char *raw);
/* The entry a reference names: its id, NIP, NIK or NPWP (any format); ERR_NOTFOUND when none. */
int party_resolve(Db *db, int64_t office_id, const char *ref, int64_t *id);
/* Search: q within the name or e-mail (ignoring case), or exactly a NIP, NIK, NPWP (any
** format), NIB or phone (any of +62 / 62 / 0); kind/org_type "" for any. */
typedef struct PartyFilter {
  int64_t office_id;
  const char *q, *kind, *org_type;
  int64_t parent_id;          /* only the members/units of this organisation; 0 for any */
  int64_t before;             /* keyset paging: ids below this; 0 from the newest */
  int limit;                  /* 1..1001 */
} PartyFilter;
int party_search(Db *db, const PartyFilter *f, Party **rows, int *n, Arena *a);
/* A directory entry's columns, as party_row in directory.c reads them. */
#define PARTY_SQL_COLS "p.id, p.office_id, coalesce(p.parent_id,0), p.created_at, p.kind, coalesce(p.org_type,''), p.name," \
  " coalesce(p.nip,''), coalesce(p.nik,''), coalesce(p.npwp,''), coalesce(p.nib,''), coalesce(p.rank,'')," \
  " coalesce(p.position,''), coalesce((SELECT g.name FROM party g WHERE g.id=p.parent_id),''), coalesce(p.address,'')," \
  " coalesce(p.phone,''), coalesce(p.email,''), coalesce(p.deed_no,''), coalesce(p.deed_date,''), coalesce(p.notary,'')"
/* party_search's conditions after the office's: q (?2 LIKE pattern of q within, folded: db_fold) within
** the name or the e-mail folded alike (DB_SQL_FOLD: "PT ABC" finds "P.T. A.B.C."), or ?3 an identifier (q without spaces), ?9 phone, ?10 NPWP of 16 digits; ?4
** kind, ?5 org_type, ?6 parent ('' or 0 for any); the ids from ?7 down (excluded) to ?11 (excluded),
** newest first, ?8 of them. */
#define PARTY_SQL_SEARCH_COND \
  " AND (?2='' OR " DB_SQL_FOLD("p.name") " LIKE ?2 ESCAPE '\\' OR " DB_SQL_FOLD("coalesce(p.email,'')") " LIKE ?2 ESCAPE '\\'" \
  "  OR p.nip=?3 OR p.nik=?3 OR p.npwp=?3 OR p.npwp='0'||CAST(?3 AS TEXT) OR p.nib=?3 OR p.phone=?9 OR p.npwp=?10)" \
  " AND (?4='' OR p.kind=?4) AND (?5='' OR p.org_type=?5)" \
  " AND (?6=0 OR p.parent_id=?6) AND p.id<?7 AND p.id>?11" \
  " ORDER BY p.id DESC LIMIT ?8"
/* party_search's query by the scan: in the order of party_office (office_id, id) from ?7 down (the
** largest from the newest), so a page reads its rows, not every entry of the office sorted; ?1 office. */
#define PARTY_SQL_SEARCH "SELECT " PARTY_SQL_COLS " FROM party p WHERE p.office_id=?1" PARTY_SQL_SEARCH_COND
/* The entries of office ?1 whose identifier is the q the search was given (PARTY_SQL_SEARCH_COND),
** each by its index (party_nip, party_nik, party_npwp, party_nib, party_phone). */
#define PARTY_SQL_IDENT \
  "SELECT i.id FROM party i WHERE i.office_id=?1 AND i.nip=?3 UNION SELECT i.id FROM party i WHERE i.office_id=?1 AND i.nik=?3" \
  " UNION SELECT i.id FROM party i WHERE i.office_id=?1 AND i.npwp=?3 UNION SELECT i.id FROM party i WHERE i.office_id=?1 AND i.npwp=?10" \
  " UNION SELECT i.id FROM party i WHERE i.office_id=?1 AND i.npwp='0'||CAST(?3 AS TEXT)" \
  " UNION SELECT i.id FROM party i WHERE i.office_id=?1 AND i.nib=?3 UNION SELECT i.id FROM party i WHERE i.office_id=?1 AND i.phone=?9"
/* A q of 3 characters or more through the trigram index of the entries' names and e-mails (migration
** 0050), below the PARTY_SEARCH_WINDOW newest entries the scan reads first (a common name fills the
** page there): the candidates are the entries whose text has q's trigrams (SQLite: party_fts, ?12 the
** FTS5 phrase of q, search_text_how; PostgreSQL: party_text by its pg_trgm index, materialized, and
** the entries by =ANY of their ids: with IN the planner walked party_office backwards, 100 ms at 50k)
** and those with q as an identifier; each read by its id, and PARTY_SQL_SEARCH_COND still decides, so the rows are the scan's. */
#define PARTY_SEARCH_WINDOW 1000
#define PARTY_SQL_SEARCH_FTS \
  "SELECT " PARTY_SQL_COLS " FROM (SELECT rowid AS id FROM party_fts WHERE party_fts MATCH ?12 AND rowid<?7" \
  " UNION " PARTY_SQL_IDENT ") c CROSS JOIN party p ON p.id=c.id WHERE p.office_id=?1" PARTY_SQL_SEARCH_COND
#define PARTY_SQL_SEARCH_TRGM \
  "WITH c AS MATERIALIZED (SELECT t.party_id AS id FROM party_text t WHERE t.body LIKE ?2 ESCAPE '\\'" \
  " UNION " PARTY_SQL_IDENT ") SELECT " PARTY_SQL_COLS " FROM party p WHERE p.id=ANY(ARRAY(SELECT c.id FROM c))" \
  " AND p.office_id=?1" PARTY_SQL_SEARCH_COND
/* The id of the entry ?3 places below ?2 in the office ?1, newest first: no row when the scan reads
** every entry below ?2 in its window. */
#define PARTY_SQL_WINDOW "SELECT p.id FROM party p WHERE p.office_id=?1 AND p.id<?2 ORDER BY p.id DESC LIMIT 1 OFFSET ?3"
/* The entries a search reads by the scan before the index (tests: LOKET_TEST_PARTY_WINDOW; 0: the
** index alone). */
void party_search_window_set(int n);
/* The newest cases of an entry as requester or as organisation (?1 office, ?2 entry, ?3 limit): each
** side by its own index (kasus_person, kasus_org) in id order; an OR of the two read every case of
** the office in id order for an entry with few. */
#define PARTY_SQL_CASES \
  "SELECT number, sop_code, subject, status, opened_at, channel FROM kasus WHERE id IN" \
  " (SELECT id FROM (SELECT id FROM kasus WHERE person_id=?2 AND office_id=?1 ORDER BY id DESC LIMIT ?3) p" \
  "  UNION SELECT id FROM (SELECT id FROM kasus WHERE org_id=?2 AND office_id=?1 ORDER BY id DESC LIMIT ?3) o)" \
  " ORDER BY id DESC LIMIT ?3"
typedef struct PartyCase { const char *number, *sop, *subject, *status, *channel; int64_t opened_at; } PartyCase;
/* The cases of an entry (as requester person or organisation), newest first. */
int party_cases(Db *db, int64_t office_id, int64_t id, int limit, PartyCase **rows, int *n, Arena *a);  /* limit<=0: 200 */
/* An NPWP of 16 digits written in the old form XX.XXX.XXX.X-XXX.XXX when it has one ("" when not). */
void party_npwp_old(const char *npwp16, char out[24]);

/* ---- CSV import ---- */
/* What is wrong with a row: the field ("" for the row as a whole), why (in the import's language). */
typedef struct ImportWhy { const char *field, *reason; } ImportWhy;
/* One rejected row: the file line it begins on (the header's is 1; a quoted field may hold line
** breaks), and every field the check found wrong in it: the first as field and reason, the
** others in more[] (nmore of them). */
typedef struct ImportReject { int row; const char *field, *reason; int nmore; ImportWhy *more; } ImportReject;
/* The i-th thing wrong with the row j (0: the first), i < 1 + j->nmore. */
static inline ImportWhy import_why(const ImportReject *j, int i){
  if( i==0 ){ ImportWhy w = { j->field, j->reason }; return w; }
  return j->more[i-1];
}
typedef struct ImportReport {
  int rows, accepted;         /* data rows read; rows imported */
  ImportReject *rejects;      /* in the arena */
  int nrejects;
  const char *error;          /* the whole file refused (bad header, not CSV): why; NULL otherwise */
} ImportReport;
/* Progress of an import: rows done of total (for a bar on the terminal). */
typedef void (*ImportProgress)(void *ctx, int done, int total);
/* Import CSV text into the office's directory: every row checked as party_create would,
** duplicates of the directory or of an earlier row rejected, a row's agency found in the
** directory or in any row of the file (tried again once the others are in); the rejected rows
** reported in the file's order; the accepted rows written in
** ONE transaction (none when the database fails) with one audit row. dry_run: check only. */
int directory_import(Db *db, const Actor *who, int64_t office_id, const char *text, size_t n,
                     int dry_run, const char *lang, ImportReport *rep, ImportProgress progress, void *ctx, Arena *a);

#endif
