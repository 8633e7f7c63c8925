/*
** directory.c — the office's directory: organisations and persons in the `party`
** table, checked with core/ident.h, one entry per NIP, NIK and NPWP in an office,
** searched, listed with their cases; and the CSV import that writes every
** accepted row in one transaction and reports every rejected one.
*/
#include "directory.h"
#include "../core/ident.h"
#include "../db/search.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *const party_fields[PF_COUNT+1] = {
  "kind", "org_type", "name", "nip", "nik", "npwp", "nib", "rank", "position",
  "agency", "address", "phone", "email", "deed_no", "deed_date", "notary", 0,
};

/* The Indonesian words a spreadsheet of the office heads a column with, each with its member (the
** first of a member's is the one it is told by). */
static const struct { const char *word; int field; } party_words[] = {
  { "jenis", PF_KIND }, { "jenis organisasi", PF_ORG_TYPE }, { "tipe organisasi", PF_ORG_TYPE },
  { "nama", PF_NAME }, { "nama lengkap", PF_NAME }, { "pangkat", PF_RANK }, { "golongan", PF_RANK },
  { "pangkat/golongan", PF_RANK }, { "jabatan", PF_POSITION }, { "instansi", PF_AGENCY },
  { "organisasi", PF_AGENCY }, { "perusahaan", PF_AGENCY }, { "alamat", PF_ADDRESS },
  { "telepon", PF_PHONE }, { "telp", PF_PHONE }, { "no telepon", PF_PHONE }, { "no hp", PF_PHONE },
  { "nomor hp", PF_PHONE }, { "hp", PF_PHONE }, { "surel", PF_EMAIL }, { "e-mail", PF_EMAIL },
  { "no akta", PF_DEED_NO }, { "nomor akta", PF_DEED_NO }, { "tanggal akta", PF_DEED_DATE },
  { "notaris", PF_NOTARY },
};

/* The member a CSV header's column (in small letters) names: its English name, or the Indonesian a
** spreadsheet of the office heads it with ("Nama", "Jenis", "Instansi", "No HP", "Surel");
** PARTY_ROW_NO for the row's number ("No", "No."), -1 for none. */
#define PARTY_ROW_NO (-2)
static int party_column(const char *h){
  for(int k=0; k<PF_COUNT; k++) if( strcmp(h, party_fields[k])==0 ) return k;
  char w[64];
  size_t n = 0;
  for(; h[n] && n+1<sizeof w; n++) w[n] = (h[n]=='_' || h[n]=='.') ? ' ' : h[n];   /* no_hp, No. HP */
  w[n] = 0;
  for(size_t i=0, j=0; ; i++){   /* blanks run together: "No.  HP" */
    if( w[i]==' ' && (j==0 || w[j-1]==' ') ) continue;
    w[j++] = w[i];
    if( w[i]==0 ){ if( j>1 && w[j-2]==' ' ) w[j-2] = 0; break; }
  }
  for(size_t i=0; i<COUNT(party_words); i++) if( strcmp(w, party_words[i].word)==0 ) return party_words[i].field;
  return strcmp(w, "no")==0 || strcmp(w, "nomor")==0 ? PARTY_ROW_NO : -1;
}

/* The heading a file's column k is told by, in lang: the field's name in English, the first of
** the Indonesian words for it otherwise (NIK, NPWP: the same in both). */
static const char *party_heading(int k, const char *lang){
  if( lang && strncmp(lang, "en", 2)==0 ) return party_fields[k];
  for(size_t i=0; i<COUNT(party_words); i++) if( party_words[i].field==k ) return party_words[i].word;
  return party_fields[k];
}

/* The words a file may write for a kind and an organisation's type, and the value each is stored
** as: the English one, or the Indonesian one staff write (the refusals in party_check list them). */
static const char *const party_kind_words[] = {
  "person", "person", "orang", "person", "perorangan", "person", "perseorangan", "person",
  "org", "org", "organisasi", "org", "badan usaha", "org", "lembaga", "org", 0,
};
static const char *const party_org_type_words[] = {
  "provider", "provider", "penyedia", "provider", "rekanan", "provider",
  "agency", "agency", "instansi", "agency", "skpd", "agency", "opd", "agency",
  "unit", "unit", "satker", "unit", "satuan kerja", "unit", "unit kerja", "unit", 0,
};

const char *const party_kind_refusal = N_("must be person (orang, perorangan, perseorangan) or org (organisasi, badan usaha, lembaga)");
const char *const party_org_type_refusal = N_("must be provider (penyedia, rekanan), agency (instansi, skpd, opd) or unit (satker, satuan kerja, unit kerja)");

/* The stored kind a word names, or 0. */
const char *party_kind_of(const char *word){ return util_word_value(party_kind_words, word); }

/* The stored organisation type a word names, or 0. */
const char *party_org_type_of(const char *word){ return util_word_value(party_org_type_words, word); }

/* The longest text each field takes. */
/* (kind and org_type are checked against their values after: a long wrong word is named as wrong) */
static const int party_maxlen[PF_COUNT] = { 32, 32, 200, 32, 32, 32, 32, 64, 128, 200, 500, 32, 128, 64, 10, 128 };

/* An NPWP of 16 digits (or the 15 of the old form) written XX.XXX.XXX.X-XXX.XXX ("" when it is a person's NIK form). */
void party_npwp_old(const char *n, char out[24]){
  out[0] = 0;
  size_t len = n ? strlen(n) : 0;
  if( !(len==16 && n[0]=='0') && len!=15 ) return;
  const char *d = len==16 ? n+1 : n;   /* 15 digits: the old form itself, undotted */
  snprintf(out, 24, "%.2s.%.3s.%.3s.%.1s-%.3s.%.3s", d, d+2, d+5, d+8, d+9, d+12);
}

/* The id of another entry of the office with this value in column col ("nip", "nik", "npwp"), or 0. */
static int64_t party_dup(Db *db, int64_t office_id, int64_t self_id, int col, const char *v){
  Stmt *q = col==0 ? db_prepare(db, "SELECT id FROM party WHERE office_id=?1 AND nip=?2 AND id<>?3 ORDER BY id LIMIT 1")
          : col==1 ? db_prepare(db, "SELECT id FROM party WHERE office_id=?1 AND nik=?2 AND id<>?3 ORDER BY id LIMIT 1")
          : db_prepare(db, "SELECT id FROM party WHERE office_id=?1 AND npwp=?2 AND id<>?3 ORDER BY id LIMIT 1");
  if( q==0 ) return 0;
  db_bind_int64(q, 1, office_id);
  db_bind_text(q, 2, v);
  db_bind_int64(q, 3, self_id);
  int64_t id = db_step(q)==DB_ROW ? db_col_int64(q, 0) : 0;
  db_reset(q);
  return id;
}

/* The entry of the office other than self_id that holds the NIP, NIK or NPWP (field, as the
** form or API names it) written raw in any of its writings, or 0: whom a refused duplicate is
** a duplicate of. */
int64_t party_holder(Db *db, int64_t office_id, int64_t self_id, const char *field, const char *raw){
  char d[40], npwp[20];
  if( raw==0 || ident_nip_text(raw, d, sizeof d)!=OK ) return 0;
  if( strcmp(field, "nip")==0 ) return party_dup(db, office_id, self_id, 0, d);
  if( strcmp(field, "nik")==0 ) return party_dup(db, office_id, self_id, 1, d);
  if( strcmp(field, "npwp")==0 && ident_npwp16(raw, npwp, 0)==OK ) return party_dup(db, office_id, self_id, 2, npwp);
  return 0;
}

/* The first id a one-parameter lookup finds, or 0. */
static int64_t lookup_id(Stmt *q, int64_t office_id, const char *v){
  if( q==0 ) return 0;
  db_bind_int64(q, 1, office_id);
  db_bind_text(q, 2, v);
  int64_t id = db_step(q)==DB_ROW ? db_col_int64(q, 0) : 0;
  db_reset(q);
  return id;
}

/* The entry a reference names: an id (its digits as written), a NIP, a NIK, an NPWP (each an index
** lookup; these three however written, with their spaces, dots or dashes). */
int party_resolve(Db *db, int64_t office_id, const char *ref, int64_t *id){
  *id = 0;
  if( util_blank(ref) ) return ERR_NOTFOUND;
  char d[40];
  if( ident_nip_text(ref, d, sizeof d)!=OK ) return ERR_NOTFOUND;   /* "NIP. 1985…" as a letter gives it */
  size_t n = strlen(d);
  int digits = n>0 && strspn(d, "0123456789")==n;
  /* an id is digits alone: "1.5" or "-1" is no id (its digits would name entry 15 or 1) */
  size_t nraw = strlen(ref);
  if( digits && n<=12 && nraw==n && strspn(ref, "0123456789")==nraw ){
    Stmt *q = db_prepare(db, "SELECT id FROM party WHERE office_id=?1 AND id=?2");
    if( q==0 ) return ERR_DB;
    db_bind_int64(q, 1, office_id);
    db_bind_int64(q, 2, strtoll(d, 0, 10));
    if( db_step(q)==DB_ROW ) *id = db_col_int64(q, 0);
    db_reset(q);
    if( *id ) return OK;
  }
  if( digits && n==18 ) *id = lookup_id(db_prepare(db, "SELECT id FROM party WHERE office_id=?1 AND nip=?2 ORDER BY id LIMIT 1"), office_id, d);
  if( *id==0 && digits && n==16 ) *id = lookup_id(db_prepare(db, "SELECT id FROM party WHERE office_id=?1 AND nik=?2 ORDER BY id LIMIT 1"), office_id, d);
  char npwp[20];
  if( *id==0 && ident_npwp16(d, npwp, 0)==OK ){
    *id = lookup_id(db_prepare(db, "SELECT id FROM party WHERE office_id=?1 AND npwp=?2 ORDER BY id LIMIT 1"), office_id, npwp);
  }
  return *id ? OK : ERR_NOTFOUND;
}

/* The organisation an agency reference names: an id, an NPWP or the name (exact, else ignoring case). */
int64_t party_agency_find(Db *db, int64_t office_id, const char *ref){
  int64_t id = 0;
  char kind[8] = "";
  if( party_resolve(db, office_id, ref, &id)==OK ){
    Stmt *q = db_prepare(db, "SELECT kind FROM party WHERE id=?1");
    if( q ){
      db_bind_int64(q, 1, id);
      if( db_step(q)==DB_ROW ) snprintf(kind, sizeof kind, "%s", db_col_text(q, 0));
      db_reset(q);
    }
    if( strcmp(kind, "org")==0 ) return id;
  }
  id = lookup_id(db_prepare(db, "SELECT id FROM party WHERE office_id=?1 AND kind='org' AND name=?2 ORDER BY id LIMIT 1"), office_id, ref);
  if( id==0 ){
    id = lookup_id(db_prepare(db, "SELECT id FROM party WHERE office_id=?1 AND kind='org' AND lower(name)=lower(CAST(?2 AS TEXT)) ORDER BY id LIMIT 1"),
                   office_id, ref);
  }
  return id;
}

/* Why an agency reference is refused when it names no organisation of the directory (an import
** tries such a row again once the file's other rows are in: directory_import). */
static const char party_agency_missing[] = N_("is not in the directory yet: add or import that organisation first");

/* 1 when the organisation id is org or lies within it (org is among its parents, grandparents…). */
static int party_is_within(Db *db, int64_t id, int64_t org){
  Stmt *q = db_prepare(db, "SELECT coalesce(parent_id,0) FROM party WHERE id=?1");
  if( q==0 ) return 0;
  int within = 0;
  for(int depth=0; id && !within && depth<64; depth++){   /* 64: no office nests units deeper; a stored loop stops too */
    within = id==org;
    db_bind_int64(q, 1, id);
    id = db_step(q)==DB_ROW ? db_col_int64(q, 0) : 0;
    db_reset(q);
  }
  db_reset(q);   /* handed out by db_prepare: reset even when never stepped */
  return within;
}

/* Check and normalise an entry (see directory.h): every field wrong is named in e, not only
** the first; the clashes with other entries are looked for once the fields are right. */
int party_check(Db *db, int64_t office_id, int64_t self_id, const PartyIn *in, PartyIn *out,
                int64_t *parent, Arena *a, Err *e){
  memset(out, 0, sizeof *out);
  *parent = 0;
  Err all = {0};
  for(int i=0; i<PF_COUNT; i++){
    const char *v = in->v[i];
    if( util_blank(v) ){ out->v[i] = 0; continue; }
    while( *v==' ' || *v=='\t' ) v++;
    char *c = arena_strdup(a, v);
    size_t n = strlen(c);
    while( n>0 && (c[n-1]==' ' || c[n-1]=='\t' || c[n-1]=='\r' || c[n-1]=='\n') ) c[--n] = 0;
    if( (int)util_utf8_len(c)>party_maxlen[i] ) err_add_n(&all, party_fields[i], N_("is too long: at most %d characters"), party_maxlen[i]);
    else err_check_text(&all, party_fields[i], c, (size_t)party_maxlen[i], i==PF_ADDRESS ? TEXT_LINES : 0);   /* a CSV's too */
    out->v[i] = c;
  }
  /* "Person", "ORG", "Penyedia", "Unit Kerja" as spreadsheets write them: stored in English */
  const char *kind = out->v[PF_KIND] ? party_kind_of(out->v[PF_KIND]) : 0;
  if( out->v[PF_ORG_TYPE] ){
    const char *t = party_org_type_of(out->v[PF_ORG_TYPE]);
    out->v[PF_ORG_TYPE] = t ? t : "?";   /* refused below, once the kind asks for it */
  }
  if( out->v[PF_KIND]==0 && out->v[PF_ORG_TYPE] ) kind = "org";
  /* a kind written as the organisation's type (Jenis: Instansi, Penyedia, Satker): an organisation of that type */
  const char *kt = kind==0 && out->v[PF_KIND] ? party_org_type_of(out->v[PF_KIND]) : 0;
  if( kt ){
    kind = "org";
    if( out->v[PF_ORG_TYPE]==0 ) out->v[PF_ORG_TYPE] = kt;
  }
  if( out->v[PF_KIND]==0 && kind==0 ) err_add(&all, "kind", N_("is required"));
  else if( kind==0 ) err_add(&all, "kind", party_kind_refusal);
  out->v[PF_KIND] = kind;
  /* an e-mail written Name <address>, as a mail program copies it: the address, and the name when none is given */
  char addr[256], named[128];
  if( out->v[PF_EMAIL] && ident_email_read(out->v[PF_EMAIL], 0, addr, sizeof addr, named, sizeof named)==IDENT_ADDR_NAMED ){
    out->v[PF_EMAIL] = arena_strdup(a, addr);
    if( out->v[PF_NAME]==0 && named[0] && kind && strcmp(kind, "person")==0 ) out->v[PF_NAME] = arena_strdup(a, named);
  }
  if( out->v[PF_NAME]==0 ) err_add(&all, "name", N_("is required"));
  if( kind && strcmp(kind, "person")==0 ){   /* what else is asked depends on the kind */
    static const int org_only[] = { PF_ORG_TYPE, PF_NIB, PF_DEED_NO, PF_DEED_DATE, PF_NOTARY };
    for(size_t i=0; i<COUNT(org_only); i++){
      if( out->v[org_only[i]] ) err_add(&all, party_fields[org_only[i]], N_("is only for organisations"));
    }
  }else if( kind ){
    static const int person_only[] = { PF_NIP, PF_NIK, PF_RANK, PF_POSITION };
    for(size_t i=0; i<COUNT(person_only); i++){
      if( out->v[person_only[i]] ) err_add(&all, party_fields[person_only[i]], N_("is only for persons"));
    }
    const char *t = out->v[PF_ORG_TYPE];
    if( t==0 ) err_add(&all, "org_type", N_("is required"));
    else if( strcmp(t, "?")==0 ){
      err_add(&all, "org_type", party_org_type_refusal);
    }else if( strcmp(t, "provider")==0 && out->v[PF_NPWP]==0 ) err_add(&all, "npwp", N_("is required for a provider"));
    else if( strcmp(t, "unit")==0 && out->v[PF_AGENCY]==0 ) err_add(&all, "agency", N_("is required for a unit"));
  }
  char d[40];
  Err ie = {0};
  if( out->v[PF_NIP] ){
    if( ident_nip(out->v[PF_NIP], &ie)!=OK ) err_add_n(&all, "nip", ie.msg, ie.n);
    else{ ident_nip_text(out->v[PF_NIP], d, sizeof d); out->v[PF_NIP] = arena_strdup(a, d); }
  }
  if( out->v[PF_NIK] ){
    if( ident_nik(out->v[PF_NIK], &ie)!=OK ) err_add_n(&all, "nik", ie.msg, ie.n);
    else{ ident_digits_text(out->v[PF_NIK], d, sizeof d); out->v[PF_NIK] = arena_strdup(a, d); }
  }
  if( out->v[PF_NPWP] ){
    char n16[20];
    if( ident_npwp16(out->v[PF_NPWP], n16, &ie)!=OK ) err_add_n(&all, "npwp", ie.msg, ie.n);
    else out->v[PF_NPWP] = arena_strdup(a, n16);
  }
  if( out->v[PF_NIB] ){
    Err se = {0};
    if( ident_spreadsheet_err(out->v[PF_NIB], "nib", &se) ) err_add(&all, "nib", se.msg);
    else if( ident_normalize(out->v[PF_NIB], d, sizeof d)!=OK || !util_is_digits(d, 13) ) err_add(&all, "nib", N_("must be 13 digits"));
    else out->v[PF_NIB] = arena_strdup(a, d);
  }
  if( out->v[PF_EMAIL] ){
    if( ident_email(out->v[PF_EMAIL], &ie)!=OK ) err_add_n(&all, "email", ie.msg, ie.n);
    else{
      char *m = arena_strdup(a, out->v[PF_EMAIL]);
      for(char *p = m; *p; p++) if( *p>='A' && *p<='Z' ) *p = (char)(*p - 'A' + 'a');
      out->v[PF_EMAIL] = m;
    }
  }
  if( out->v[PF_PHONE] ){
    char ph[24];
    if( ident_phone(out->v[PF_PHONE], ph, sizeof ph, 0, &ie)!=OK ) err_add_n(&all, "phone", ie.msg, ie.n);
    else out->v[PF_PHONE] = arena_strdup(a, ph);
  }
  if( out->v[PF_DEED_DATE] && !time_is_day(out->v[PF_DEED_DATE]) ) err_add(&all, "deed_date", N_("must be a date YYYY-MM-DD"));
  if( out->v[PF_AGENCY] && err_about(&all, "agency")==0 ){
    *parent = party_agency_find(db, office_id, out->v[PF_AGENCY]);
    if( *parent==0 ) err_add(&all, "agency", party_agency_missing);
    else if( self_id && party_is_within(db, *parent, self_id) ){
      err_add(&all, "agency", N_("is this entry or one of its own units: an organisation cannot be within itself"));
    }
  }
  if( all.msg ){ if( e ) *e = all; return ERR_INVALID; }
  /* one entry per NIP, NIK and NPWP in an office */
  static const int uniq[3] = { PF_NIP, PF_NIK, PF_NPWP };
  for(int k=0; k<3; k++){
    const char *v = out->v[uniq[k]];
    if( v && party_dup(db, office_id, self_id, k, v) ) err_add(&all, party_fields[uniq[k]], N_("is already in the directory"));
  }
  if( all.msg ){ if( e ) *e = all; return ERR_CONFLICT; }
  return OK;
}

/* Bind the normalised fields of an entry to ?2..?16 of the insert and update statements. */
static void party_bind(Stmt *q, const PartyIn *p, int64_t parent){
  static const int cols[] = { PF_KIND, PF_ORG_TYPE, PF_NAME, PF_NIP, PF_NIK, PF_NPWP, PF_NIB, PF_RANK,
                              PF_POSITION, PF_ADDRESS, PF_PHONE, PF_EMAIL, PF_DEED_NO, PF_DEED_DATE, PF_NOTARY };
  for(size_t i=0; i<COUNT(cols); i++) db_bind_text(q, (int)i+2, p->v[cols[i]]);
  if( parent ) db_bind_int64(q, 17, parent); else db_bind_null(q, 17);
}

/* Insert a checked entry; *id the new row. */
static int party_insert(Db *db, int64_t office_id, const PartyIn *p, int64_t parent, int64_t now, int64_t *id){
  Stmt *q = db_prepare(db, "INSERT INTO party(office_id, kind, org_type, name, nip, nik, npwp, nib, rank, position,"
                           " address, phone, email, deed_no, deed_date, notary, parent_id, created_at, updated_at)"
                           " VALUES(?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12,?13,?14,?15,?16,?17,?18,?18) RETURNING id");
  if( q==0 ) return ERR_DB;
  db_bind_int64(q, 1, office_id);
  party_bind(q, p, parent);
  db_bind_int64(q, 18, now);
  int rc = db_step(q)==DB_ROW ? OK : db_last_error(db);
  if( rc==OK ) *id = db_col_int64(q, 0);
  db_reset(q);
  return rc;
}

/* An entry of the office that a row without NIP, NIK or NPWP stands for already: the same
** kind, name (in capitals or not) and agency, and no NIB, e-mail or phone of its own that differs. Its id, or 0. */
static int64_t party_same(Db *db, int64_t office_id, const PartyIn *p, int64_t parent){
  Stmt *q = db_prepare(db, "SELECT id FROM party WHERE office_id=?1 AND kind=?2 AND lower(name)=lower(CAST(?3 AS TEXT))"
                           " AND coalesce(parent_id,0)=?4 AND (CAST(?5 AS TEXT) IS NULL OR nib IS NULL OR nib=?5)"
                           " AND (CAST(?6 AS TEXT) IS NULL OR email IS NULL OR email=?6)"
                           " AND (CAST(?7 AS TEXT) IS NULL OR phone IS NULL OR phone=?7) ORDER BY id LIMIT 1");
  if( q==0 ) return 0;
  db_bind_int64(q, 1, office_id);
  db_bind_text(q, 2, p->v[PF_KIND]);
  db_bind_text(q, 3, p->v[PF_NAME]);
  db_bind_int64(q, 4, parent);
  db_bind_text(q, 5, p->v[PF_NIB]);
  db_bind_text(q, 6, p->v[PF_EMAIL]);
  db_bind_text(q, 7, p->v[PF_PHONE]);
  int64_t id = db_step(q)==DB_ROW ? db_col_int64(q, 0) : 0;
  db_reset(q);
  return id;
}

/* Add an entry to the office's directory. */
int party_create(Db *db, const Actor *who, int64_t office_id, const PartyIn *in, int64_t *id, Err *e){
  Arena a;
  arena_init(&a);
  PartyIn p;
  int64_t parent = 0;
  int own;
  *id = 0;
  int rc = db_tx_begin(db, &own);
  if( rc==OK ) rc = party_check(db, office_id, 0, in, &p, &parent, &a, e);
  if( rc==OK ) rc = party_insert(db, office_id, &p, parent, time_now(), id);
  if( rc==OK ){
    char obj[32], detail[300];
    snprintf(obj, sizeof obj, "party/%lld", (long long)*id);
    snprintf(detail, sizeof detail, "%s %s: %.200s", p.v[PF_KIND], p.v[PF_ORG_TYPE] ? p.v[PF_ORG_TYPE] : "", p.v[PF_NAME]);
    rc = audit_write(db, who, "party.create", obj, detail);
  }
  rc = db_tx_end(db, own, rc);
  arena_free(&a);
  return rc;
}

/* Write an entry's checked values over the stored ones. */
static int party_write(Db *db, int64_t office_id, int64_t id, const PartyIn *p, int64_t parent){
  Stmt *q = db_prepare(db, "UPDATE party SET kind=?2, org_type=?3, name=?4, nip=?5, nik=?6, npwp=?7, nib=?8, rank=?9,"
                           " position=?10, address=?11, phone=?12, email=?13, deed_no=?14, deed_date=?15, notary=?16,"
                           " parent_id=?17, updated_at=?18 WHERE id=?1 AND office_id=?19");
  if( q==0 ) return ERR_DB;
  db_bind_int64(q, 1, id);
  party_bind(q, p, parent);
  db_bind_int64(q, 18, time_now());
  db_bind_int64(q, 19, office_id);
  return db_run(q);
}

/* The audit detail of a change: the name, then the members whose stored value changed ("name: nip,
** phone"); 0 when none did. */
static int party_changed(const Party *cur, const PartyIn *p, int64_t parent, const char *name, char *out, size_t n){
  size_t k = (size_t)snprintf(out, n, "%.200s:", name);
  int any = 0;
  for(int i=0; i<PF_COUNT && k<n; i++){
    const char *was = cur->v[i] ? cur->v[i] : "", *now = p->v[i] ? p->v[i] : "";
    int changed = i==PF_AGENCY ? cur->parent_id!=parent : strcmp(was, now)!=0;
    if( changed ){ k += (size_t)snprintf(out+k, n-k, "%s %s", any ? "," : "", party_fields[i]); any = 1; }
  }
  return any;
}

/* Change an entry: the fields given replace the stored ones; none differing, nothing written. */
int party_update(Db *db, const Actor *who, int64_t office_id, int64_t id, const PartyIn *in, int *changed, Err *e){
  Arena a;
  arena_init(&a);
  Party cur;
  int own;
  int rc = db_tx_begin(db, &own);
  if( rc==OK ) rc = party_get(db, office_id, id, &cur, &a);
  PartyIn merged, p;
  int64_t parent = 0;
  if( rc==OK ){
    for(int i=0; i<PF_COUNT; i++) merged.v[i] = in->v[i] ? in->v[i] : cur.v[i];
    if( in->v[PF_AGENCY]==0 && cur.parent_id ) merged.v[PF_AGENCY] = arena_printf(&a, "%lld", (long long)cur.parent_id);
    rc = party_check(db, office_id, id, &merged, &p, &parent, &a, e);
  }
  char detail[400];
  int any = rc==OK && party_changed(&cur, &p, parent, p.v[PF_NAME], detail, sizeof detail);
  if( changed ) *changed = any;
  if( any ) rc = party_write(db, office_id, id, &p, parent);   /* as it is (a number written otherwise): no write, no audit */
  if( any && rc==OK ){
    char obj[32];
    snprintf(obj, sizeof obj, "party/%lld", (long long)id);
    rc = audit_write(db, who, "party.update", obj, detail);
  }
  rc = db_tx_end(db, own, rc);
  arena_free(&a);
  return rc;
}

/* The fields merged into the entry kept, and where they clash: an identifier, a kind or an
** organisation type both entries have, different, is two parties, not one written twice. */
static int party_merge_fields(const Party *keep, const Party *dup, PartyIn *m, Arena *a, Err *e){
  if( strcmp(keep->v[PF_KIND], dup->v[PF_KIND]) ){
    ERR_SET(e, "kind", N_("A person and an organisation are not the same entry"));
    return ERR_CONFLICT;
  }
  static const int clash[] = { PF_ORG_TYPE, PF_NIP, PF_NIK, PF_NPWP, PF_NIB };
  for(size_t i=0; i<COUNT(clash); i++){
    int f = clash[i];
    if( keep->v[f][0] && dup->v[f][0] && strcmp(keep->v[f], dup->v[f]) ){
      ERR_SET(e, party_fields[f], f==PF_ORG_TYPE ? N_("The two entries are organisations of different types")
                                                 : N_("The two entries have different numbers here: they are not the same party"));
      return ERR_CONFLICT;
    }
  }
  if( keep->parent_id==dup->id || dup->parent_id==keep->id ){
    ERR_SET(e, "agency", N_("One entry is the agency of the other: they are not the same party"));
    return ERR_CONFLICT;
  }
  for(int i=0; i<PF_COUNT; i++){
    const char *v = keep->v[i][0] ? keep->v[i] : dup->v[i];
    m->v[i] = v[0] ? v : 0;
  }
  int64_t parent = keep->parent_id ? keep->parent_id : dup->parent_id;
  m->v[PF_AGENCY] = parent ? arena_printf(a, "%lld", (long long)parent) : 0;
  return OK;
}

/* Run one statement that points the rows of entry ?2 to entry ?1. */
static int party_move(Stmt *q, int64_t keep_id, int64_t dup_id){
  if( q==0 ) return ERR_DB;
  db_bind_int64(q, 1, keep_id);
  db_bind_int64(q, 2, dup_id);
  return db_run(q);
}

/* Merge the entry dup_id into keep_id: the kept entry's values stand, its empty ones take the
** duplicate's; every case, account, request, verification and member of the duplicate points to
** the kept entry, and the duplicate is removed (audited, in one transaction). */
int party_merge(Db *db, const Actor *who, int64_t office_id, int64_t keep_id, int64_t dup_id, Err *e){
  if( keep_id==dup_id ){
    ERR_SET(e, "from", N_("An entry cannot be merged into itself"));
    return ERR_INVALID;
  }

  Arena a;
  arena_init(&a);
  Party keep, dup;
  PartyIn m, p;
  int64_t parent = 0;
  int own;
  int rc = db_tx_begin(db, &own);
  if( rc==OK && (rc = party_get(db, office_id, keep_id, &keep, &a))==ERR_NOTFOUND ) ERR_SET(e, "ref", N_("No such entry in the directory"));
  if( rc==OK && (rc = party_get(db, office_id, dup_id, &dup, &a))==ERR_NOTFOUND ) ERR_SET(e, "from", N_("No such entry in the directory"));
  if( rc==OK ) rc = party_merge_fields(&keep, &dup, &m, &a, e);
  if( rc==OK ) rc = party_move(db_prepare(db, "UPDATE kasus SET person_id=?1 WHERE person_id=?2"), keep_id, dup_id);
  if( rc==OK ) rc = party_move(db_prepare(db, "UPDATE kasus SET org_id=?1 WHERE org_id=?2"), keep_id, dup_id);
  if( rc==OK ) rc = party_move(db_prepare(db, "UPDATE party SET parent_id=?1 WHERE parent_id=?2"), keep_id, dup_id);
  if( rc==OK ) rc = party_move(db_prepare(db, "UPDATE account SET holder_id=?1 WHERE holder_id=?2"), keep_id, dup_id);
  if( rc==OK ) rc = party_move(db_prepare(db, "UPDATE account SET agency_id=?1 WHERE agency_id=?2"), keep_id, dup_id);
  if( rc==OK ) rc = party_move(db_prepare(db, "UPDATE account_request SET person_id=?1 WHERE person_id=?2"), keep_id, dup_id);
  if( rc==OK ) rc = party_move(db_prepare(db, "UPDATE account_request SET agency_id=?1 WHERE agency_id=?2"), keep_id, dup_id);
  if( rc==OK ) rc = party_move(db_prepare(db, "UPDATE verification SET party_id=?1 WHERE party_id=?2"), keep_id, dup_id);
  if( rc==OK ) rc = db_run_id(db, "DELETE FROM party WHERE id=?1", dup_id);
  /* checked once the duplicate is gone: its NIP, NIK or NPWP is the kept entry's now */
  if( rc==OK ) rc = party_check(db, office_id, keep_id, &m, &p, &parent, &a, e);
  if( rc==OK ) rc = party_write(db, office_id, keep_id, &p, parent);
  if( rc==OK ){
    char obj[32], detail[300];
    snprintf(obj, sizeof obj, "party/%lld", (long long)keep_id);
    snprintf(detail, sizeof detail, "party/%lld merged: %.200s", (long long)dup_id, dup.v[PF_NAME]);
    rc = audit_write(db, who, "party.merge", obj, detail);
  }
  rc = db_tx_end(db, own, rc);
  arena_free(&a);
  return rc;
}


/* Read a row of PARTY_SQL_COLS into p. */
static void party_row(Stmt *q, Party *p, Arena *a){
  memset(p, 0, sizeof *p);
  p->id = db_col_int64(q, 0);
  p->office_id = db_col_int64(q, 1);
  p->parent_id = db_col_int64(q, 2);
  p->created_at = db_col_int64(q, 3);
  for(int i=0; i<PF_COUNT; i++) p->v[i] = arena_strdup(a, db_col_text(q, 4+i));
}

/* Every row a bound statement of PARTY_SQL_COLS gives, into *rows (*n of them). */
static int party_rows(Stmt *q, Party **rows, int *n, Arena *a){
  int cap = 0, rc;
  Party *v = 0;
  while( (rc = db_step(q))==DB_ROW ){
    v = arena_grow(a, v, sizeof *v, *n, &cap);
    party_row(q, &v[(*n)++], a);
  }
  db_reset(q);
  *rows = v;
  return rc==DB_DONE ? OK : ERR_DB;
}

/* One entry of the office, with how many cases and accounts it has. */
int party_get(Db *db, int64_t office_id, int64_t id, Party *p, Arena *a){
  Stmt *q = db_prepare(db, "SELECT " PARTY_SQL_COLS ","
                           " (SELECT count(*) FROM kasus k WHERE k.person_id=p.id)"
                           "  + (SELECT count(*) FROM kasus k WHERE k.org_id=p.id AND (k.person_id IS NULL OR k.person_id<>p.id)),"
                           " (SELECT count(*) FROM account c WHERE c.office_id=p.office_id AND c.holder_id=p.id)"
                           "  + (SELECT count(*) FROM account c WHERE c.agency_id=p.id AND c.holder_id<>p.id)"
                           " FROM party p WHERE p.office_id=?1 AND p.id=?2");
  if( q==0 ) return ERR_DB;
  db_bind_int64(q, 1, office_id);
  db_bind_int64(q, 2, id);
  int rc = db_step(q);
  if( rc==DB_ROW ){
    party_row(q, p, a);
    p->ncases = db_col_int(q, 4+PF_COUNT);
    p->naccounts = db_col_int(q, 5+PF_COUNT);
  }
  db_reset(q);
  return rc==DB_ROW ? OK : rc==DB_DONE ? ERR_NOTFOUND : ERR_DB;
}

/* The entries a search reads by the scan before the index (party_search_window_set). */
static int search_window = PARTY_SEARCH_WINDOW;

/* Set it (tests: 0 reads every entry the index holds through it). */
void party_search_window_set(int n){
  search_window = n<0 ? 0 : n;
}

/* Search the directory, newest first: the newest search_window entries below f->before by the
** scan, then, for a q the trigram index serves (search_text_how), the older ones through it. */
int party_search(Db *db, const PartyFilter *f, Party **rows, int *n, Arena *a){
  *rows = 0;
  *n = 0;
  const char *fq = db_search_text(a, f->q);   /* "pt  uji" finds "PT Uji" */
  const char *ff = db_fold(a, fq);             /* "PT ABC" finds "P.T. A.B.C." (PARTY_SQL_SEARCH_COND) */
  const char *like = util_blank(fq) ? "" : db_like(a, ff, DB_LIKE_WITHIN, 0);
  char d[40] = "", phone[32] = "", npwp[20] = "";
  if( !util_blank(fq) ) ident_nip_text(fq, d, sizeof d);   /* a NIK, an NPWP or a NIP, its label "NIP." left out */
  Err pe;
  if( util_blank(fq) || ident_phone(fq, phone, sizeof phone, 0, &pe)!=OK ) phone[0] = 0;
  if( !util_blank(fq) ) ident_npwp16(fq, npwp, 0);
  int64_t before = f->before>0 ? f->before : INT64_MAX;
  int limit = f->limit>0 && f->limit<=1001 ? f->limit : 100;
  const char *match = "";
  int64_t upto = INT64_MAX, edge = 0;
  int how = util_blank(fq) ? SEARCH_SCAN : search_text_how(db, SEARCH_PARTIES, ff, a, &match, &upto);
  if( how!=SEARCH_SCAN ){   /* the window's edge: the scan reads the entries above it */
    Stmt *w = db_prepare(db, PARTY_SQL_WINDOW);
    if( w==0 ) return ERR_DB;
    db_bind_int64(w, 1, f->office_id);
    db_bind_int64(w, 2, before);
    db_bind_int(w, 3, search_window);
    int rc = db_step(w);
    if( rc==DB_ROW ) edge = db_col_int64(w, 0);
    db_reset(w);
    if( rc!=DB_ROW && rc!=DB_DONE ) return ERR_DB;
    if( edge>upto ) edge = upto;   /* entries the index does not hold yet (SQLite: the newest) by the scan */
  }
  for(int part=0; part<(edge>0 ? 2 : 1) && *n<limit; part++){
    int by_index = part==1;
    Stmt *q = !by_index ? db_prepare(db, PARTY_SQL_SEARCH)
            : how==SEARCH_FTS ? db_prepare(db, PARTY_SQL_SEARCH_FTS) : db_prepare(db, PARTY_SQL_SEARCH_TRGM);
    if( q==0 ) return ERR_DB;
    db_bind_int64(q, 1, f->office_id);
    db_bind_text(q, 2, like);
    db_bind_text(q, 3, d);
    db_bind_text(q, 4, f->kind ? f->kind : "");
    db_bind_text(q, 5, f->org_type ? f->org_type : "");
    db_bind_int64(q, 6, f->parent_id);
    db_bind_int64(q, 7, by_index ? edge+1 : before);
    db_bind_int(q, 8, limit - *n);
    db_bind_text(q, 9, phone[0] ? phone : "-");
    db_bind_text(q, 10, npwp[0] ? npwp : "-");
    db_bind_int64(q, 11, by_index ? 0 : edge);
    if( by_index && how==SEARCH_FTS ) db_bind_text(q, 12, match);
    Party *v;
    int k = 0;
    if( party_rows(q, &v, &k, a)!=OK ) return ERR_DB;
    if( *n==0 ){ *rows = v; *n = k; continue; }
    if( k==0 ) continue;
    Party *all = arena_alloc(a, sizeof *all * (size_t)(*n + k));
    memcpy(all, *rows, sizeof *all * (size_t)*n);
    memcpy(all + *n, v, sizeof *all * (size_t)k);
    *rows = all;
    *n += k;
  }
  return OK;
}

/* party_twins' query: ?1 office, ?2 the entry; the names compared folded (DB_SQL_FOLD). */
#define PARTY_SQL_TWINS "SELECT " PARTY_SQL_COLS " FROM party p JOIN party s ON s.id=?2 AND s.office_id=?1" \
  " WHERE p.office_id=?1 AND p.id<>s.id AND p.kind=s.kind" \
  " AND (" DB_SQL_FOLD("p.name") "=" DB_SQL_FOLD("s.name") " OR p.email=s.email OR p.phone=s.phone)" \
  " ORDER BY p.id LIMIT 20"

/* Entries of the office that may be the same party as this one written twice: the same kind
** and name folded as the searches fold it (DB_SQL_FOLD: capitals, spaces, dots, commas and hyphens
** aside: "CV. Mitra Karya" and "CV MITRA-KARYA", "Dewi Lestari, S.T." and "DEWI LESTARI ST"), or the
** same e-mail or phone; at most 20, oldest first. */
int party_twins(Db *db, int64_t office_id, int64_t id, Party **rows, int *n, Arena *a){
  *rows = 0;
  *n = 0;
  Stmt *q = db_prepare(db, PARTY_SQL_TWINS);
  if( q==0 ) return ERR_DB;
  db_bind_int64(q, 1, office_id);
  db_bind_int64(q, 2, id);
  return party_rows(q, rows, n, a);
}

/* The cases of an entry, newest first (at most limit, 200 when limit<=0). */
int party_cases(Db *db, int64_t office_id, int64_t id, int limit, PartyCase **rows, int *n, Arena *a){
  *rows = 0;
  *n = 0;
  Stmt *q = db_prepare(db, PARTY_SQL_CASES);
  if( q==0 ) return ERR_DB;
  db_bind_int64(q, 1, office_id);
  db_bind_int64(q, 2, id);
  db_bind_int(q, 3, limit>0 && limit<=200 ? limit : 200);
  int cap = 0, rc;
  PartyCase *v = 0;
  while( (rc = db_step(q))==DB_ROW ){
    v = arena_grow(a, v, sizeof *v, *n, &cap);
    PartyCase *c = &v[(*n)++];
    c->number = arena_strdup(a, db_col_text(q, 0));
    c->sop = arena_strdup(a, db_col_text(q, 1));
    c->subject = arena_strdup(a, db_col_text(q, 2));
    c->status = arena_strdup(a, db_col_text(q, 3));
    c->opened_at = db_col_int64(q, 4);
    c->channel = arena_strdup(a, db_col_text(q, 5));
  }
  db_reset(q);
  *rows = v;
  return rc==DB_DONE ? OK : ERR_DB;
}

/* ---- CSV import ---- */

/* Why a row's field was refused, with the value the file gave for it (cut at 60 bytes, on a
** character's start), so the row can be found and mended: must be 18 digits — "1980 05". */
static const char *import_reason(const PartyIn *in, ErrItem e, const char *lang, Arena *a){
  const char *why = i18n_get(lang, e.msg);
  if( e.n || e.arg[0] ){ char b[768]; why = arena_strdup(a, err_fill(why, e.n, err_arg(&e, lang), b, sizeof b)); }
  for(int i=0; e.field && i<PF_COUNT; i++){
    if( strcmp(e.field, party_fields[i]) || util_blank(in->v[i]) ) continue;
    size_t n = strlen(in->v[i]);
    if( n>60 ){ n = 60; while( n>0 && ((unsigned char)in->v[i][n] & 0xC0)==0x80 ) n--; }
    return arena_printf(a, "%s — \"%.*s%s\"", why, (int)n, in->v[i], n<strlen(in->v[i]) ? "…" : "");
  }
  return why;
}

/* Keep one rejected row in the report. */
static void reject(ImportReport *rep, Arena *a, int *cap, int row, const char *field, const char *reason){
  rep->rejects = arena_grow(a, rep->rejects, sizeof *rep->rejects, rep->nrejects, cap);
  ImportReject *j = &rep->rejects[rep->nrejects++];
  j->row = row;
  j->field = field ? arena_strdup(a, field) : "";
  j->reason = reason;
  j->nmore = 0;
  j->more = 0;
}

/* Keep a row the check refused, with every field it found wrong (e) and why. */
static void reject_all(ImportReport *rep, Arena *a, int *cap, int row, const PartyIn *in, const Err *e, const char *lang){
  reject(rep, a, cap, row, e->field, import_reason(in, err_item(e, 0), lang, a));
  ImportReject *j = &rep->rejects[rep->nrejects-1];
  if( err_count(e)<2 ) return;
  j->more = arena_alloc(a, sizeof *j->more * (size_t)(err_count(e)-1));
  for(int i=1; i<err_count(e); i++){
    ErrItem it = err_item(e, i);
    j->more[j->nmore].field = it.field ? arena_strdup(a, it.field) : "";
    j->more[j->nmore++].reason = import_reason(in, it, lang, a);
  }
}

/* One import as it goes: the file's rows and columns, the report, the rows accepted so far. */
typedef struct ImportRun {
  Db *db;
  int64_t office_id;
  CsvRow *rows;
  const int *map;
  int nh;
  const char *lang;
  ImportReport *rep;
  Arena *a;
  int cap;              /* of rep->rejects */
  int64_t now;
  const char **seen;    /* the identifiers (NIP, NIK, NPWP) of each row accepted so far */
  int *seen_row;        /* its line */
  int64_t *seen_id;     /* its entry */
  int nseen;
} ImportRun;

/* The rejected rows by their line in the file. */
static int import_reject_cmp(const void *x, const void *y){
  int a = ((const ImportReject*)x)->row, b = ((const ImportReject*)y)->row;
  return a<b ? -1 : a>b;
}

/* Import the data row r of the file: accepted (inserted, a dry run too: later rows may name it;
** rolled back), rejected into the report, or, with may_wait, left for later (*later = 1) when its
** agency is not in the directory yet and nothing else is wrong with it. OK or ERR_DB. */
static int import_row(ImportRun *run, int r, int may_wait, int *later){
  Arena *a = run->a;
  ImportReport *rep = run->rep;
  const char *lang = run->lang;
  CsvRow *row = &run->rows[r];
  *later = 0;
  if( row->n!=run->nh ){
    reject(rep, a, &run->cap, row->line, "", arena_printf(a, i18n_get(lang, N_("has %d fields, the header %d")), row->n, run->nh));
    return OK;
  }
  PartyIn in, p;
  memset(&in, 0, sizeof in);
  for(int c=0; c<run->nh; c++) if( run->map[c]>=0 ) in.v[run->map[c]] = row->f[c];
  int64_t parent = 0, id = 0;
  Err e = {0};
  int crc = party_check(run->db, run->office_id, 0, &in, &p, &parent, a, &e);
  if( crc==ERR_DB ) return ERR_DB;
  if( crc==ERR_INVALID && may_wait && err_about(&e, "agency")==party_agency_missing ){ *later = 1; return OK; }
  static const int uniq[3] = { PF_NIP, PF_NIK, PF_NPWP };
  if( crc==ERR_CONFLICT ){
    /* the same identifier as an earlier row of this file: say which row */
    for(int k=0; k<3; k++){
      if( e.field==0 || strcmp(e.field, party_fields[uniq[k]]) ) continue;
      for(int s=0; s<run->nseen; s++){
        if( p.v[uniq[k]] && run->seen[3*s+k] && strcmp(p.v[uniq[k]], run->seen[3*s+k])==0 ){
          reject(rep, a, &run->cap, row->line, e.field, arena_printf(a, i18n_get(lang, N_("duplicate of row %d")), run->seen_row[s]));
          return OK;
        }
      }
    }
  }
  if( crc!=OK ){ reject_all(rep, a, &run->cap, row->line, &in, &e, lang); return OK; }
  for(int s=0; s<run->nseen; s++){
    for(int k=0; k<3; k++){
      const char *v = p.v[uniq[k]];
      if( v && run->seen[3*s+k] && strcmp(v, run->seen[3*s+k])==0 ){
        reject(rep, a, &run->cap, row->line, party_fields[uniq[k]], arena_printf(a, i18n_get(lang, N_("duplicate of row %d")), run->seen_row[s]));
        return OK;
      }
    }
  }
  if( !p.v[PF_NIP] && !p.v[PF_NIK] && !p.v[PF_NPWP] ){
    /* no identifier to tell it by: the same name, kind and agency is the same entry (a file
    ** imported twice must not fill the directory with twins) */
    int64_t same = party_same(run->db, run->office_id, &p, parent);
    for(int s=0; s<run->nseen && same; s++){
      if( run->seen_id[s]==same ){
        reject(rep, a, &run->cap, row->line, "name", arena_printf(a, i18n_get(lang, N_("duplicate of row %d")), run->seen_row[s]));
        return OK;
      }
    }
    if( same ){ reject(rep, a, &run->cap, row->line, "name", i18n_get(lang, N_("is already in the directory"))); return OK; }
  }
  int rc = party_insert(run->db, run->office_id, &p, parent, run->now, &id);
  if( rc!=OK ) return rc;
  for(int k=0; k<3; k++) run->seen[3*run->nseen+k] = p.v[uniq[k]];
  run->seen_id[run->nseen] = id;
  run->seen_row[run->nseen++] = row->line;
  rep->accepted++;
  return OK;
}

/* The header of a file's rows: the first row of two cells or more (a sheet's title above it,
** "DAFTAR PENYEDIA 2026" in its first cell and the others empty, and blank rows are left
** alone); nrows when there is none. */
static int import_header_row(CsvRow *rows, int nrows){
  int hr = 0;
  for(; hr<nrows; hr++){
    int filled = 0;
    for(int c=0; c<rows[hr].n; c++){
      const char *z = rows[hr].f[c];
      while( *z==' ' || *z=='\t' ) z++;
      if( *z ) filled++;
    }
    if( filled>=2 ) break;
  }
  return hr;
}

/* 1 when the header row h names a column that is none of the entry's members. */
static int import_header_unknown(const CsvRow *h){
  for(int c=0; c<h->n; c++){
    char w[64];
    size_t k = 0;
    for(const char *p = h->f[c]; *p && k+1<sizeof w; p++) w[k++] = (*p>='A' && *p<='Z') ? (char)(*p - 'A' + 'a') : *p;
    w[k] = 0;
    char *t = util_trim(w);
    if( *t && party_column(t)==-1 ) return 1;
  }
  return 0;
}

/* Import CSV text into the office's directory (see directory.h). */
int directory_import(Db *db, const Actor *who, int64_t office_id, const char *text, size_t n,
                     int dry_run, const char *lang, ImportReport *rep, ImportProgress progress, void *ctx, Arena *a){
  memset(rep, 0, sizeof *rep);
  CsvRow *rows;
  int nrows, line;
  const char *why;
  char bad[96];
  if( util_utf8_file(text, n, lang, bad, sizeof bad) ){ rep->error = arena_strdup(a, bad); return ERR_INVALID; }
  if( csv_parse(text, n, 0, &rows, &nrows, a, &why, &line)!=OK ){
    rep->error = arena_printf(a, i18n_get(lang, N_("line %d: %s")), line, i18n_get(lang, why));
    return ERR_INVALID;
  }
  int hr = import_header_row(rows, nrows);
  if( hr<nrows && import_header_unknown(&rows[hr]) ){
    /* a title above the header with a comma in it ("Daftar Penyedia, 2026") made the separator
    ** seem ',': read the file with ';' and keep that reading when its header is all known */
    CsvRow *rows2;
    int nrows2;
    if( csv_parse(text, n, CSV_OTHER_SEP, &rows2, &nrows2, a, &why, &line)==OK ){
      int hr2 = import_header_row(rows2, nrows2);
      if( hr2<nrows2 && !import_header_unknown(&rows2[hr2]) ){ rows = rows2; nrows = nrows2; hr = hr2; }
    }
  }
  if( hr==nrows ) hr = 0;
  if( nrows==0 || rows[hr].f==0 ){ rep->error = i18n_get(lang, N_("the file is empty")); return ERR_INVALID; }
  rows += hr;   /* checked first: with no row at all rows is NULL, and C allows no offset to it */
  nrows -= hr;
  int map[64];
  int nh = rows[0].n;
  if( nh>64 ){ rep->error = i18n_get(lang, N_("the header has too many columns")); return ERR_INVALID; }
  int have_name = 0;
  Buf unknown = BUF_INIT;   /* every column not known, said at once with those that are */
  for(int c=0; c<nh; c++){
    map[c] = -1;
    char *h = rows[0].f[c];
    for(char *p = h; *p; p++) if( *p>='A' && *p<='Z' ) *p = (char)(*p - 'A' + 'a');
    map[c] = party_column(util_trim(h));
    if( map[c]<0 && util_trim(h)[0]==0 ) map[c] = PARTY_ROW_NO;   /* a column without heading (a sheet's empty cells): left alone too */
    if( map[c]==PARTY_ROW_NO ) continue;   /* the row's number a spreadsheet adds ("No"): left alone */
    if( map[c]<0 ){ buf_printf(&unknown, "%R%R", unknown.n ? ", " : "", h); continue; }
    for(int d=0; d<c; d++) if( map[d]==map[c] ){ buf_free(&unknown); rep->error = arena_printf(a, i18n_get(lang, N_("column given twice: %s")), h); return ERR_INVALID; }
    if( map[c]==PF_NAME ) have_name = 1;
  }
  if( unknown.n ){
    Buf known = BUF_INIT;
    for(int k=0; k<PF_COUNT; k++) buf_printf(&known, "%R%R", k ? ", " : "", party_heading(k, lang));
    rep->error = arena_printf(a, i18n_get(lang, N_("unknown column: %s (the columns: %s)")), buf_str(&unknown), buf_str(&known));
    buf_free(&unknown);
    buf_free(&known);
    return ERR_INVALID;
  }
  if( !have_name ){ rep->error = i18n_get(lang, N_("the header has no name column")); return ERR_INVALID; }
  int own;
  int rc = db_tx_begin(db, &own);
  if( rc!=OK ) return rc;
  int total = nrows-1;
  ImportRun run = { db, office_id, rows, map, nh, lang, rep, a, 0, time_now(), 0, 0, 0, 0 };
  /* the identifiers of the rows accepted so far: a later row with the same one is a duplicate */
  run.seen = arena_alloc(a, sizeof(char*)*3*(size_t)(total>0 ? total : 1));
  run.seen_row = arena_alloc(a, sizeof(int)*(size_t)(total>0 ? total : 1));
  run.seen_id = arena_alloc(a, sizeof(int64_t)*(size_t)(total>0 ? total : 1));
  /* the rows still to import: first every one, in the file's order; then again those whose agency
  ** was not in yet (it may come further down the file), while each pass imports some; the last
  ** pass rejects those left (their agency is nowhere), so the order of the file does not matter */
  int *todo = arena_alloc(a, sizeof(int)*(size_t)(total>0 ? total : 1)), ntodo = 0;
  for(int r=1; r<nrows && rc==OK; r++){
    if( progress && (r%50==0 || r==nrows-1) ) progress(ctx, r, total);
    if( rows[r].f==0 ) continue;
    rep->rows++;
    int later = 0;
    rc = import_row(&run, r, 1, &later);
    if( later ) todo[ntodo++] = r;
  }
  for(int pass=1, last=0; rc==OK && ntodo>0; pass++){
    int before = rep->accepted, left = 0;
    last = last || pass>=64;   /* 64: no office nests units deeper (party_is_within) */
    for(int i=0; i<ntodo && rc==OK; i++){
      int later = 0;
      rc = import_row(&run, todo[i], !last, &later);
      if( later ) todo[left++] = todo[i];
    }
    if( last ) break;
    ntodo = left;
    last = rep->accepted==before;   /* nothing more came in: the rows left are rejected */
  }
  /* the rows tried again were rejected last: the report goes by line */
  if( rep->nrejects>1 ) qsort(rep->rejects, (size_t)rep->nrejects, sizeof *rep->rejects, import_reject_cmp);
  if( rc==OK && !dry_run && rep->accepted>0 ){
    char detail[160];
    snprintf(detail, sizeof detail, "%d rows imported, %d rejected", rep->accepted, rep->nrejects);
    rc = audit_write(db, who, "party.import", "party", detail);
  }
  if( dry_run && rc==OK ) rc = db_tx_end(db, own, ERR_CONFLICT)==ERR_CONFLICT ? OK : ERR_DB;
  else rc = db_tx_end(db, own, rc);
  if( rc!=OK ){ rep->accepted = 0; }
  return rc;
}
