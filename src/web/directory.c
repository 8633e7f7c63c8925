/*
** directory.c — the office's directory as pages: search and list, a form for a
** new person or organisation, the CSV upload with its per-row report, and each
** entry's page with its cases and SPSE accounts.
*/
#include "web.h"
#include "../desk/directory.h"
#include "../desk/accounts.h"
#include <stdlib.h>
#include <string.h>

/* Labels of the fields (msgids), in party_fields order. */
static const char *const field_label[PF_COUNT] = {
  N_("Kind"), N_("Organisation type"), N_("Name"), N_("NIP"), N_("NIK"), N_("NPWP"), N_("NIB"),
  N_("Rank / grade"), N_("Position"), N_("Agency"), N_("Address"), N_("Phone"), N_("E-mail"),
  N_("Deed number"), N_("Deed date"), N_("Notary"),
};

/* What an organisation type or a kind is called. */
static const char *type_label(const Party *p){
  if( strcmp(p->v[PF_KIND], "person")==0 ) return N_("Person");
  if( strcmp(p->v[PF_ORG_TYPE], "provider")==0 ) return N_("Provider");
  if( strcmp(p->v[PF_ORG_TYPE], "unit")==0 ) return N_("Unit");
  if( strcmp(p->v[PF_ORG_TYPE], "agency")==0 ) return N_("Agency");
  return N_("Organisation");
}

/* The identifier shown in lists: NIP, else NIK, else NPWP in the old form when it has one. */
static const char *party_ident(Req *r, const Party *p){
  if( p->v[PF_NIP][0] ) return p->v[PF_NIP];
  if( p->v[PF_NIK][0] ) return p->v[PF_NIK];
  char old[24];
  party_npwp_old(p->v[PF_NPWP], old);
  return old[0] ? arena_strdup(&r->arena, old) : p->v[PF_NPWP];
}

/* Under a NIP, NIK or NPWP refused as a duplicate: a link to the entry that has it (self_id: the
** entry being changed, 0 for a new one), to open it or merge it. */
static void dir_holder_link(Req *r, const Err *e, int64_t self_id, const char *field, const char *raw){
  ErrItem it = err_find(e, field);
  if( it.msg==0 || strcmp(it.msg, "is already in the directory")!=0 ) return;
  int64_t other = party_holder(r->db, r->office_id, self_id, field, raw);
  Party o;
  if( other==0 || party_get(r->db, r->office_id, other, &o, &r->arena)!=OK ) return;
  out(r, "<p class=\"field-error\" id=\"%h-holder\">%h: <a href=\"/direktori/%lld\">%h</a></p>", field,
      T(r, "The entry that has it"), (long long)other, o.v[PF_NAME]);
}

/* The new-entry form, with what was posted and its error (refused, its <details> is drawn open:
** form_details_open). */
static void dir_new_form(Req *r, const Err *e){
  out(r, "<details class=\"card\"><summary>%h</summary><form method=\"post\" action=\"/direktori\">",
      T(r, "New entry"));
  csrf_input(r);
  const char *kind = form_trimmed(r, "kind");
  const char *ot = form_trimmed(r, "org_type");
  out(r, "<div class=\"field\"><label for=\"d-kind\">%h</label><select id=\"d-kind\" name=\"kind\"%R>"
         "<option value=\"person\"%R>%h</option><option value=\"org\"%R>%h</option></select>",
      T(r, "Kind"), field_attrs(r, e, "kind"), util_str_eq(kind, "org") ? "" : " selected", T(r, "Person"),
      util_str_eq(kind, "org") ? " selected" : "", T(r, "Organisation"));
  field_error(r, e, "kind");
  out(r, "</div><div class=\"field\"><label for=\"d-org_type\">%h</label><select id=\"d-org_type\" name=\"org_type\"%R>"
         "<option value=\"\">—</option><option value=\"provider\"%R>%h</option><option value=\"agency\"%R>%h</option>"
         "<option value=\"unit\"%R>%h</option></select>",
      T(r, "Organisation type"), field_attrs(r, e, "org_type"), util_str_eq(ot, "provider") ? " selected" : "", T(r, "Provider"),
      util_str_eq(ot, "agency") ? " selected" : "", T(r, "Agency"), util_str_eq(ot, "unit") ? " selected" : "", T(r, "Unit"));
  field_error(r, e, "org_type");
  out(r, "</div>");
  for(int i=PF_NAME; i<PF_COUNT; i++){
    const char *v = form_trimmed(r, party_fields[i]);
    const char *type = i==PF_PHONE ? "tel" : i==PF_DEED_DATE ? "date" : "text";
    out(r, "<div class=\"field\"><label for=\"d-%h\">%h</label><input id=\"d-%h\" name=\"%h\" type=\"%h\" value=\"%h\"%R%R%R>",
        party_fields[i], T(r, field_label[i]), party_fields[i], party_fields[i], type, v ? v : "",
        i==PF_NAME ? " required" : "", input_hints(r, party_fields[i]), field_attrs(r, e, party_fields[i]));
    field_error(r, e, party_fields[i]);
    dir_holder_link(r, e, 0, party_fields[i], v);
    out(r, "</div>");
  }
  out(r, "<p class=\"hint muted\">%h</p><button type=\"submit\">%h</button></form></details>",
      T(r, "Agency: its name, NPWP or number in the directory. NPWP in the old (15 digits) or new (16 digits) form."),
      T(r, "Save"));
}

/* The CSV upload form. */
static void dir_import_form(Req *r){
  out(r, "<details class=\"card\"><summary>%h</summary>"
         "<form method=\"post\" action=\"/direktori/impor\" enctype=\"multipart/form-data\">", T(r, "Import from CSV"));
  csrf_input(r);
  out(r, "<p class=\"hint muted\">%h %h <code>Jenis, Nama, NIP, NIK, NPWP, Pangkat, Jabatan, Instansi, Alamat, Telepon, Surel</code>. %h %h</p>",
      T(r, "Columns: kind,org_type,name,nip,nik,npwp,nib,rank,position,agency,address,phone,email,deed_no,deed_date,notary (comma or semicolon). Accepted rows are imported together; rejected rows are listed with the reason."),
      T(r, "The columns may also be headed in Indonesian, as a spreadsheet heads them:"), T(r, "A title row above the header is left alone."),
      T(r, "A row's agency must be in the directory already or in another row of the same file (above or below it)."));
  out(r, "<div class=\"field\"><label for=\"d-file\">%h</label><input id=\"d-file\" name=\"file\" type=\"file\" accept=\".csv,text/csv\" required></div>",
      T(r, "CSV file"));
  out(r, "<label class=\"check\"><input type=\"checkbox\" name=\"dry_run\" value=\"1\"> %h</label> ", T(r, "Check only (import nothing)"));
  out(r, "<button type=\"submit\">%h</button></form></details>", T(r, "Import"));
}

/* The directory page: search, list, forms. */
static int dir_page(Req *r, const Err *e, int status){
  PartyFilter f;
  memset(&f, 0, sizeof f);
  f.office_id = r->office_id;
  f.q = query_trimmed(r, "q");
  f.kind = query_trimmed(r, "kind");
  if( party_kind_of(f.kind) ) f.kind = party_kind_of(f.kind);   /* "perorangan" as "person" */
  f.limit = 101;
  const char *b = query_trimmed(r, "before");
  f.before = *b ? atoll(b) : 0;
  if( util_utf8_len(f.q)>128 ) f.q = "";
  Party *rows = 0;
  int n = 0;
  if( party_search(r->db, &f, &rows, &n, &r->arena)!=OK ) return reply_error(r, 500, "internal", 0, "The database failed");
  page_begin(r, "Directory");
  if( e && e->msg && e->field==0 ) page_notice(r, "error", T_err(r, e));
  else if( err_count(e) ) page_notice(r, "error", T(r, err_count(e)>1 ? N_("Please correct the fields marked below.") : N_("Please correct the field marked below.")));
  out(r, "<form class=\"filters card\" method=\"get\" action=\"/direktori\" role=\"search\">"
         "<div><label for=\"f-q\">%h</label><input id=\"f-q\" name=\"q\" type=\"search\" value=\"%h\" maxlength=\"128\"></div>"
         "<div><label for=\"f-kind\">%h</label><select id=\"f-kind\" name=\"kind\"><option value=\"\">%h</option>"
         "<option value=\"person\"%R>%h</option><option value=\"org\"%R>%h</option></select></div>"
         "<div><button type=\"submit\">%h</button> <a href=\"/direktori\">%h</a></div></form>",
      T(r, "Search (name, NIP, NIK, NPWP, NIB, e-mail)"), f.q, T(r, "Kind"), T(r, "All"),
      strcmp(f.kind, "person")==0 ? " selected" : "", T(r, "Persons"), strcmp(f.kind, "org")==0 ? " selected" : "",
      T(r, "Organisations"), T(r, "Search"), T(r, "Clear"));
  if( perm_allows(r->roles, "directory.write") ){
    dir_new_form(r, e);
    dir_import_form(r);
  }
  if( n==0 ){
    out(r, "<p class=\"muted\">%h</p>", T(r, "No entries."));
  }else{
    out(r, "<div class=\"table-wrap\"><table id=\"directory\"><thead><tr><th scope=\"col\">%h</th><th scope=\"col\">%h</th>"
           "<th scope=\"col\">%h</th><th scope=\"col\">%h</th><th scope=\"col\">%h</th></tr></thead><tbody>",
        T(r, "Name"), T(r, "Kind"), T(r, "NIP / NIK / NPWP"), T(r, "Agency"), T(r, "E-mail"));
    for(int i=0; i<n && i<100; i++){
      Party *p = &rows[i];
      out(r, "<tr><td><a href=\"/direktori/%lld\">%h</a></td><td>%h</td><td>%h</td><td>%h</td><td>%h</td></tr>",
          (long long)p->id, p->v[PF_NAME], T(r, type_label(p)), party_ident(r, p), p->v[PF_AGENCY], p->v[PF_EMAIL]);
    }
    out(r, "</tbody></table></div>");
    if( n>100 ){
      out(r, "<p><a href=\"/direktori?q=%t&amp;kind=%t&amp;before=%lld\">%h</a></p>", f.q, f.kind,
          (long long)rows[99].id, T(r, "Older entries"));
    }
  }
  return page_end(r, status);
}

/* GET /direktori. */
int page_directory(Req *r){
  return dir_page(r, 0, 200);
}

/* POST /direktori: a new entry; the page again with the error when it is refused. */
int page_directory_add(Req *r){
  PartyIn in;
  memset(&in, 0, sizeof in);
  for(int i=0; i<PF_COUNT; i++) in.v[i] = form_trimmed(r, party_fields[i]);
  Actor a = req_actor(r);
  Err e = {0};
  int64_t id = 0;
  int rc = party_create(r->db, &a, r->office_id, &in, &id, &e);
  if( rc==ERR_INVALID || rc==ERR_CONFLICT ) return dir_page(r, &e, rc==ERR_CONFLICT ? 409 : 400);
  if( rc!=OK ) return reply_error(r, 500, "internal", 0, "The database failed");
  return reply_redirect(r, arena_printf(&r->arena, "/direktori/%lld?ok=%t", (long long)id, N_("Entry saved")));
}

/* POST /direktori/impor: the uploaded CSV; the report of what was imported and rejected. */
int page_directory_import(Req *r){
  const Field *f = req_form_field(r, "file");
  Err e = {0};
  r->page_again = "/direktori";   /* refused: the language switch leads back to the directory, not to /direktori/impor */
  if( f==0 || f->len==0 ){ ERR_SET(&e, 0, N_("Choose a file to import")); return dir_page(r, &e, 400); }
  int dry = req_form(r, "dry_run")!=0;
  Actor a = req_actor(r);
  ImportReport rep;
  int rc = directory_import(r->db, &a, r->office_id, f->value, f->len, dry, r->lang, &rep, 0, 0, &r->arena);
  if( rep.error ){
    ERR_SET(&e, 0, arena_printf(&r->arena, "%s %s", T(r, "The file was not imported:"), rep.error));
    return dir_page(r, &e, 400);
  }
  if( rc!=OK ) return reply_error(r, 500, "internal", 0, "The database failed");
  page_begin(r, "Directory import");
  out(r, "<p><a href=\"/direktori\">%h</a></p>", T(r, "Directory"));
  out(r, "<p id=\"import-summary\">%h: %d · %h: %d · %h: %d</p>", T(r, "Rows read"), rep.rows,
      T(r, dry ? "Would be imported" : "Imported"), rep.accepted, T(r, "Rejected"), rep.nrejects);
  if( rep.nrejects ){
    out(r, "<div class=\"table-wrap\"><table id=\"rejected\"><thead><tr><th scope=\"col\">%h</th><th scope=\"col\">%h</th>"
           "<th scope=\"col\">%h</th></tr></thead><tbody>", T(r, "Row"), T(r, "Field"), T(r, "Reason"));
    for(int i=0; i<rep.nrejects; i++){   /* a row with several fields wrong: one line for each */
      for(int k=0; k<=rep.rejects[i].nmore; k++){
        ImportWhy w = import_why(&rep.rejects[i], k);
        out(r, "<tr><td>%d</td><td>%h</td><td>%h</td></tr>", rep.rejects[i].row, w.field, w.reason);
      }
    }
    out(r, "</tbody></table></div>");
  }
  return page_end(r, 200);
}

/* The form that changes an entry: its fields with the stored values (or what was posted). */
static void dir_edit_form(Req *r, const Party *p, const Err *e){
  out(r, "<details class=\"card\"%R><summary>%h</summary><form method=\"post\" action=\"/direktori/%lld\">",
      e && e->msg ? " open" : "", T(r, "Change"), (long long)p->id);
  csrf_input(r);
  int person = strcmp(p->v[PF_KIND], "person")==0;
  for(int i=PF_NAME; i<PF_COUNT; i++){
    int org_only = i==PF_NIB || i==PF_DEED_NO || i==PF_DEED_DATE || i==PF_NOTARY;
    int person_only = i==PF_NIP || i==PF_NIK || i==PF_RANK || i==PF_POSITION;
    if( (person && org_only) || (!person && person_only) ) continue;
    const char *v = form_trimmed(r, party_fields[i]);
    if( v==0 ) v = p->v[i];
    const char *type = i==PF_PHONE ? "tel" : i==PF_DEED_DATE ? "date" : "text";
    out(r, "<div class=\"field\"><label for=\"e-%h\">%h</label><input id=\"e-%h\" name=\"%h\" type=\"%h\" value=\"%h\"%R%R>",
        party_fields[i], T(r, field_label[i]), party_fields[i], party_fields[i], type, v, input_hints(r, party_fields[i]),
        field_attrs(r, e, party_fields[i]));
    field_error(r, e, party_fields[i]);
    dir_holder_link(r, e, p->id, party_fields[i], v);
    out(r, "</div>");
  }
  out(r, "<button type=\"submit\">%h</button></form></details>", T(r, "Save"));
}

/* An entry's page; e: the error of a change refused. */
static int entry_page(Req *r, const Err *e, int status);

/* GET /direktori/:id: an entry, its cases and its accounts. */
int page_directory_entry(Req *r){
  return entry_page(r, 0, 200);
}

/* POST /direktori/:id: change an entry (the fields posted; an empty one clears it). */
int page_directory_update(Req *r){
  int64_t id = 0;
  if( party_resolve(r->db, r->office_id, req_param(r, "id"), &id)!=OK ) return reply_error(r, 404, "not_found", 0, "Not found");
  PartyIn in;
  memset(&in, 0, sizeof in);
  for(int i=PF_NAME; i<PF_COUNT; i++){
    const char *v = form_trimmed(r, party_fields[i]);
    in.v[i] = v;
  }
  Actor a = req_actor(r);
  Err e = {0};
  int changed = 0;
  int rc = party_update(r->db, &a, r->office_id, id, &in, &changed, &e);
  if( rc==ERR_INVALID || rc==ERR_CONFLICT ) return entry_page(r, &e, rc==ERR_CONFLICT ? 409 : 400);
  if( rc!=OK ) return reply_error(r, 500, "internal", 0, "The database failed");
  return reply_redirect(r, arena_printf(&r->arena, "/direktori/%lld?ok=%t", (long long)id,
                                        changed ? N_("Entry saved") : N_("Nothing changed: the entry was already so")));
}

/* POST /direktori/:id/gabung from: the entry "from" (id, NIP, NIK or NPWP), written twice,
** merged into this one, which is kept. */
int page_directory_merge(Req *r){
  int64_t keep = 0, dup = 0;
  if( party_resolve(r->db, r->office_id, req_param(r, "id"), &keep)!=OK ) return reply_error(r, 404, "not_found", 0, "Not found");
  Err e = {0};
  const char *from = form_trimmed(r, "from");
  if( from==0 ){ ERR_SET(&e, "from", N_("Name the entry to merge into this one")); return entry_page(r, &e, 400); }
  if( party_resolve(r->db, r->office_id, from, &dup)!=OK ){ ERR_SET(&e, "from", N_("No such entry in the directory")); return entry_page(r, &e, 404); }
  Actor a = req_actor(r);
  int rc = party_merge(r->db, &a, r->office_id, keep, dup, &e);
  if( rc==ERR_INVALID || rc==ERR_CONFLICT || rc==ERR_NOTFOUND ) return entry_page(r, &e, http_status_of(rc));
  if( rc!=OK ) return reply_error(r, 500, "internal", 0, "The database failed");
  return reply_redirect(r, arena_printf(&r->arena, "/direktori/%lld?ok=%t", (long long)keep, N_("Entries merged")));
}

/* The entries that may be this one written twice, each with a button that merges it into this
** one, and a form naming another by its id, NIP, NIK or NPWP; e: a merge refused. */
static void dir_twins(Req *r, const Party *p, const Err *e){
  Party *ts;
  int nt = 0;
  party_twins(r->db, r->office_id, p->id, &ts, &nt, &r->arena);
  int bad = e && e->msg && (e->field==0 || strcmp(e->field, "from"));
  out(r, "<section class=\"card\" id=\"twins\"><h3>%h</h3>", T(r, "Possible duplicates"));
  if( bad ) page_notice(r, "error", arena_printf(&r->arena, "%s: %s", T(r, "Not merged"), T_err(r, e)));
  if( nt==0 ) out(r, "<p class=\"muted\">%h</p>", T(r, "No other entry has this name, e-mail or phone."));
  else{
    out(r, "<p class=\"hint muted\">%h</p><ul id=\"twin-list\">",
        T(r, "Merging keeps this entry: its empty fields take the other's, and the other's cases, SPSE accounts, requests and members move here; the other entry is removed."));
    for(int i=0; i<nt; i++){
      const char *id = party_ident(r, &ts[i]);
      out(r, "<li><a href=\"/direktori/%lld\">%h</a> · %h%R%h%R%h%R%h", (long long)ts[i].id, ts[i].v[PF_NAME], T(r, type_label(&ts[i])),
          id[0] ? " · " : "", id, ts[i].v[PF_AGENCY][0] ? " · " : "", ts[i].v[PF_AGENCY], ts[i].v[PF_EMAIL][0] ? " · " : "", ts[i].v[PF_EMAIL]);
      out(r, "<form method=\"post\" action=\"/direktori/%lld/gabung\" class=\"inline\">", (long long)p->id);
      csrf_input(r);
      out(r, "<input type=\"hidden\" name=\"from\" value=\"%lld\"><button type=\"submit\" class=\"secondary\">%h</button></form></li>",
          (long long)ts[i].id, T(r, "Merge into this entry"));
    }
    out(r, "</ul>");
  }
  out(r, "<form method=\"post\" action=\"/direktori/%lld/gabung\" class=\"filters\">", (long long)p->id);
  csrf_input(r);
  const char *from = form_trimmed(r, "from");
  out(r, "<div><label for=\"m-from\">%h</label><input id=\"m-from\" name=\"from\" value=\"%h\"%R></div>",
      T(r, "Another entry to merge into this one (its number, NIP, NIK or NPWP)"), from && e ? from : "", field_attrs(r, e, "from"));
  out(r, "<div><button type=\"submit\">%h</button></div></form>", T(r, "Merge"));
  field_error(r, e, "from");
  out(r, "</section>");
}

/* An entry's page. */
static int entry_page(Req *r, const Err *e, int status){
  int64_t id = 0;
  Party p;
  if( party_resolve(r->db, r->office_id, req_param(r, "id"), &id)!=OK || party_get(r->db, r->office_id, id, &p, &r->arena)!=OK ){
    return reply_error(r, 404, "not_found", 0, "Not found");
  }
  page_begin(r, "Directory entry");
  if( err_count(e) ) page_notice(r, "error", T(r, err_count(e)>1 ? N_("Please correct the fields marked below.") : N_("Please correct the field marked below.")));
  out(r, "<p><a href=\"/direktori\">%h</a></p><h2>%h</h2><dl class=\"facts\">", T(r, "Directory"), p.v[PF_NAME]);
  out(r, "<dt>%h</dt><dd>%h</dd>", T(r, "Kind"), T(r, type_label(&p)));
  for(int i=PF_NIP; i<PF_COUNT; i++){
    if( !p.v[i][0] ) continue;
    if( i==PF_AGENCY ){
      out(r, "<dt>%h</dt><dd><a href=\"/direktori/%lld\">%h</a></dd>", T(r, field_label[i]), (long long)p.parent_id, p.v[i]);
    }else if( i==PF_NPWP ){
      char old[24];
      party_npwp_old(p.v[i], old);
      out(r, "<dt>%h</dt><dd>%h%R%h</dd>", T(r, field_label[i]), p.v[i], old[0] ? " · " : "", old);
    }else{
      out(r, "<dt>%h</dt><dd>%h</dd>", T(r, field_label[i]), p.v[i]);
    }
  }
  out(r, "</dl>");
  /* a refused merge's error is shown by its own section, not under the edit form's fields */
  int merging = e && !form_trimmed(r, "name");
  if( perm_allows(r->roles, "directory.write") ){
    dir_edit_form(r, &p, merging ? 0 : e);
    dir_twins(r, &p, merging ? e : 0);
  }
  if( strcmp(p.v[PF_KIND], "org")==0 ){
    PartyFilter mf;
    memset(&mf, 0, sizeof mf);
    mf.office_id = r->office_id;
    mf.parent_id = id;
    mf.limit = 501;
    Party *ms;
    int nm = 0;
    party_search(r->db, &mf, &ms, &nm, &r->arena);
    out(r, "<h3>%h</h3>", T(r, "Units and people"));
    if( nm==0 ) out(r, "<p class=\"muted\">%h</p>", T(r, "No entries."));
    else{
      out(r, "<ul id=\"members\">");
      for(int i=0; i<nm && i<500; i++){
        out(r, "<li><a href=\"/direktori/%lld\">%h</a> · %h%R%h</li>", (long long)ms[i].id, ms[i].v[PF_NAME], T(r, type_label(&ms[i])),
            ms[i].v[PF_POSITION][0] ? " · " : "", ms[i].v[PF_POSITION]);
      }
      out(r, "</ul>");
    }
  }
  PartyCase *cs;
  int nc = 0;
  party_cases(r->db, r->office_id, id, 0, &cs, &nc, &r->arena);
  out(r, "<h3>%h</h3>", T(r, "Cases"));
  if( nc==0 ) out(r, "<p class=\"muted\">%h</p>", T(r, "No cases."));
  else{
    out(r, "<ul id=\"cases\">");
    for(int i=0; i<nc; i++){
      out(r, "<li><a href=\"/kasus/%t\">%h</a> · %h · %h</li>", cs[i].number, cs[i].number, cs[i].subject, web_case_status(r, cs[i].status));
    }
    out(r, "</ul>");
  }
  if( perm_allows(r->roles, "account.read") ){
    AccountFilter f;
    memset(&f, 0, sizeof f);
    f.office_id = r->office_id;
    f.party_id = id;
    f.limit = 500;
    Account *ac;
    int na = 0;
    account_list(r->db, &f, &ac, &na, &r->arena);
    out(r, "<h3>%h</h3>", T(r, "SPSE accounts"));
    if( na==0 ) out(r, "<p class=\"muted\">%h</p>", T(r, "No accounts."));
    else{
      out(r, "<ul id=\"accounts\">");
      for(int i=0; i<na; i++){
        out(r, "<li><a href=\"/akun-spse/%t\">%h</a> · %h · %h · %h</li>", ac[i].user_id, ac[i].user_id, T(r, account_kind_label(ac[i].kind)),
            ac[i].holder_name, T(r, strcmp(ac[i].status, "active")==0 ? N_("active") : N_("inactive")));
      }
      out(r, "</ul>");
    }
  }
  return page_end(r, status);
}
