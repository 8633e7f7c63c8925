/*
** sops.c — the procedures for staff: the list, and one procedure as a table
** of its steps with their actors, standards (in words) and branches, as the
** original SOP documents lay them out; for an administrator, a form that loads an
** edited or new procedure file into the running Loket (as `loket sop load`).
*/
#include "web.h"
#include "../sop/sop.h"
#include <string.h>

/* The registers in words (msgids), in the order of sop_registers[]. */
static const char *const register_labels[] = {
  N_("Guest book"), N_("Agenda book"), N_("Disposition sheet"), N_("Consultation form"),
  N_("Handover form"), N_("Archive"),
};

/* A procedure's title in the page's language: the English one when asked and given. */
const char *web_sop_title(Req *r, const Procedure *p){
  return web_lang_en(r) && p->title_en ? p->title_en : p->title;
}

/* The options of a select of the library's procedures, the one whose code or slug is selected
** chosen: each named by its code and title (by its title alone when titles_only: a requester's
** choice), those out of service left out when live_only. */
void web_sop_options(Req *r, const char *selected, int titles_only, int live_only){
  for(int i=0; i<sop_library_count(); i++){
    const Procedure *p = sop_library_at(i);
    if( p==0 ) break;   /* a library published meanwhile may hold fewer */
    if( live_only && sop_retired(p->code) ) continue;
    int sel = selected && (util_str_eq(p->code, selected) || util_str_eq(p->slug, selected));
    if( titles_only ) out(r, "<option value=\"%h\"%R>%h</option>", p->code, sel ? " selected" : "", web_sop_title(r, p));
    else out(r, "<option value=\"%h\"%R>%h — %h</option>", p->code, sel ? " selected" : "", p->code, web_sop_title(r, p));
  }
}

/* The form that loads a procedure file (an administrator's), with e's message and the file's errors,
** each with its line, when a file was refused (name: its name, errs: sop_load's). */
static void load_form(Req *r, const Err *e, const char *name, Buf *errs){
  out(r, "<section class=\"card no-print\"><h2>%h</h2>"
         "<form method=\"post\" action=\"/prosedur\" enctype=\"multipart/form-data\">", T(r, "Load a procedure file"));
  csrf_input(r);
  out(r, "<label for=\"file\">%h</label><input id=\"file\" name=\"file\" type=\"file\" accept=\".sop,text/plain\" required%R>",
      T(r, "Procedure file (.sop)"), field_attrs_hint(r, e, "file", "file-hint"));
  out(r, "<p class=\"hint muted\" id=\"file-hint\">%h</p>",
      T(r, "An edited or a new procedure (docs/sop-format.md). A changed text becomes a new revision: new cases follow it, open cases keep the revision they started under; the other servers of the office serve it within a few seconds."));
  field_error(r, e, "file");
  if( errs && errs->n ){
    const char *z = buf_str(errs), *msg;
    int line, len;
    out(r, "<ul class=\"field-error sop-errors\">");
    while( sop_error_next(name, &z, &line, &msg, &len) ){
      if( line ) out(r, "<li>%h %d: %h</li>", T(r, "Line"), line, arena_strndup(&r->arena, msg, (size_t)len));
      else out(r, "<li>%h</li>", arena_strndup(&r->arena, msg, (size_t)len));
    }
    out(r, "</ul>");
  }
  out(r, "<div><button type=\"submit\">%h</button></div></form></section>", T(r, "Load"));
}

/* The list of procedures, by code, and for an administrator the form that loads one (status, and
** what a refused file was: e, its name and errors). */
static int sops_page(Req *r, int status, const Err *e, const char *name, Buf *errs){
  page_begin(r, "Procedures");
  if( e ) page_notice(r, "error", T_err(r, e));
  int n = sop_library_count();
  if( n==0 ) out(r, "<p class=\"muted\">%h</p>", T(r, "No procedure is loaded"));
  else{
    out(r, "<div class=\"table-wrap\"><table class=\"sops\"><thead><tr><th scope=\"col\">%h</th>"
           "<th scope=\"col\">%h</th><th scope=\"col\">%h</th><th scope=\"col\">%h</th></tr></thead><tbody>",
        T(r, "Code"), T(r, "Title"), T(r, "Revision"), T(r, "Steps"));
    for(int i=0; i<n; i++){
      const Procedure *p = sop_library_at(i);
      if( p==0 ) break;   /* a library published meanwhile holds fewer */
      out(r, "<tr><td><a class=\"mono\" href=\"/prosedur/%t\">%h</a></td><td>%h</td><td>%h</td>"
             "<td class=\"num\">%d</td></tr>",
          p->slug, p->code, web_sop_title(r, p), p->revision, p->nsteps);
    }
    out(r, "</tbody></table></div>");
  }
  if( perm_allows(r->roles, "sop.admin") ) load_form(r, e, name, errs);
  return page_end(r, status);
}

/* GET /prosedur: every procedure, by code. */
int page_sops(Req *r){
  return sops_page(r, 200, 0, 0, 0);
}

/* After an administrator's change: to the procedure's page, saying msg (a msgid). */
static int to_sop_page(Req *r, const Procedure *p, const char *msg){
  Buf to = BUF_INIT;
  buf_printf(&to, "/prosedur/%t?ok=%t", p->slug, msg);
  reply_redirect(r, arena_strdup(&r->arena, buf_str(&to)));
  buf_free(&to);
  return OK;
}

/* POST /prosedur: a procedure file an administrator uploaded, loaded as `loket sop load` loads it:
** to its page when stored or unchanged, else the list again with the file's errors by line (422). */
int page_sop_load(Req *r){
  const Field *f = req_form_field(r, "file");
  Err e = {0};
  /* no file chosen (a browser sends the part with no name); a chosen file that is empty is checked as
  ** sop load checks it: "the file is empty" at line 1, not "choose a file" to one who chose it */
  if( f==0 || (f->len==0 && (f->filename==0 || *f->filename==0)) ){
    ERR_SET(&e, "file", N_("Choose a procedure file to load"));
    return sops_page(r, 400, &e, 0, 0);
  }
  if( f->len>SOP_TEXT_MAX ){ ERR_SET(&e, "file", N_("The file is too large for a procedure")); return sops_page(r, 400, &e, 0, 0); }
  const char *name = f->filename && *f->filename ? f->filename : "upload.sop";
  for(const char *z = name; *z; z++) if( *z=='/' || *z=='\\' ) name = z+1;   /* a browser's path: the name alone */
  if( *name==0 ) name = "upload.sop";
  Actor a = req_actor(r);
  SopText t = { name, f->value ? f->value : "", f->len };
  const Procedure *p = 0;
  int stored = 0;
  Buf errs = BUF_INIT;
  int rc = sop_load(r->db, &a, r->lang, &t, 1, &errs, &p, &stored);
  if( rc==ERR_INVALID ){
    ERR_SET(&e, "file", N_("The procedure file has errors: nothing was stored"));
    rc = sops_page(r, 422, &e, name, &errs);
    buf_free(&errs);
    return rc;
  }
  buf_free(&errs);
  if( rc!=OK ) return reply_error(r, 500, "internal", 0, "The database failed");
  return to_sop_page(r, p, stored ? N_("Procedure loaded: new cases follow this revision")
                                  : N_("The file is the same as the current revision: nothing was stored"));
}

/* A labelled list of the procedure's facts, when it has any. */
static void fact_list(Req *r, const char *label, const StrList *l){
  if( l->n==0 ) return;
  out(r, "<dt>%h</dt><dd><ul>", T(r, label));
  for(int i=0; i<l->n; i++) out(r, "<li>%h</li>", l->v[i]);
  out(r, "</ul></dd>");
}

/* One fact of the procedure, when given. */
static void fact(Req *r, const char *label, const char *value){
  if( value ) out(r, "<dt>%h</dt><dd>%h</dd>", T(r, label), value);
}

/* A branch target in words: "step N" or "end". */
static const char *target_words(Req *r, int to){
  if( to==STEP_END ) return T(r, "end");
  if( to==STEP_BACK ) return T(r, "back to the step that led here");
  return arena_printf(&r->arena, "%s %d", T(r, "step"), to);
}

/* The actors of a step as translated role labels. */
static void step_actors(Req *r, const Step *s){
  for(int k=0; k<s->actors.n; k++){
    int role = role_index(s->actors.v[k]);
    const char *label = role>=0 ? T(r, role_label(role)) : T(r, "Requester");
    out(r, "%R%h", k ? "<br>" : "", label);
  }
}

/* The branch column of a step: a decision's Yes → and No →, a jump, the end; pause and outside. */
static void step_branch(Req *r, const Procedure *p, const Step *s){
  if( s->question ){
    out(r, "<p><strong>%h</strong></p><p>%h → %h</p><p>%h → %h</p>", s->question,
        T(r, "Yes"), target_words(r, s->yes_to), T(r, "No"), target_words(r, s->no_to));
  }else{
    int to = procedure_next(p, s);
    if( to==STEP_END || to!=s->no+1 ) out(r, "<p>→ %h</p>", target_words(r, to));
  }
  if( s->pause ) out(r, "<p><span class=\"tag\">%h</span></p>", T(r, "Clock paused while waiting for the requester"));
  if( s->outside ) out(r, "<p><span class=\"tag\">%h</span></p>", T(r, "Outside a case's flow"));
}

/* The text column of a step: what is done, the required items, sub-tasks, output, notes. */
static void step_body(Req *r, const Step *s){
  int en = strcmp(r->lang, "en")==0;
  out(r, "<p>%h</p>", s->text);
  if( s->text_en ) out(r, "<p class=\"muted\" lang=\"en\">%h</p>", s->text_en);
  if( s->items.n ){
    out(r, "<p>%h:</p><ul class=\"items\">", T(r, "Required items"));
    for(int k=0; k<s->items.n; k++){
      out(r, "<li>%h", s->items.v[k]);
      if( k<s->items_en.n ) out(r, " <span class=\"muted\" lang=\"en\">(%h)</span>", s->items_en.v[k]);
      out(r, "</li>");
    }
    out(r, "</ul>");
  }
  if( s->ntasks ){
    out(r, "<ol type=\"a\" class=\"tasks\">");
    for(int k=0; k<s->ntasks; k++){
      char words[128];
      sop_standard_text(&s->tasks[k].std, en ? "en" : "id", words, sizeof words);
      out(r, "<li>%h <span class=\"muted\">(%h)</span></li>", s->tasks[k].text, words);
    }
    out(r, "</ol>");
  }
  if( s->output ) out(r, "<p><span class=\"muted\">%h:</span> %h</p>", T(r, "Output"), s->output);
  if( s->notes ) out(r, "<p><span class=\"muted\">%h:</span> %h</p>", T(r, "Notes"), s->notes);
  for(int k=0; k<s->registers.n; k++){
    for(int i=0; sop_registers[i]; i++){
      if( strcmp(sop_registers[i], s->registers.v[k])==0 ) out(r, "<span class=\"tag\">%h</span> ", T(r, register_labels[i]));
    }
  }
}

/* The procedure a /prosedur/:code address names (web.h). */
const Procedure *sop_page_find(Req *r, const char *suffix, int *rc){
  const char *rest = req_param_rest(r, "code");
  size_t n = rest ? strlen(rest) : 0, k = strlen(suffix);
  const char *code = rest && n>k && strcmp(rest+n-k, suffix)==0 ? arena_strndup(&r->arena, rest, n-k) : rest;
  const Procedure *p = code ? sop_library_find(code) : 0;
  if( p==0 ){ *rc = reply_error(r, 404, "not_found", 0, "No such procedure"); return 0; }
  if( strcmp(code, p->slug)==0 ) return p;
  const char *lang = req_query(r, "lang");
  Buf to = BUF_INIT;
  buf_printf(&to, "/prosedur/%t%R%R%t", p->slug, suffix /* a literal: "/alur.svg" */, lang ? "?lang=" : "", lang ? lang : "");
  reply_redirect(r, arena_strdup(&r->arena, buf_str(&to)));
  buf_free(&to);
  *rc = OK;
  return 0;
}

static void revisions_section(Req *r, const Procedure *p);
static void retire_form(Req *r, const Procedure *p);

/* GET /prosedur/:code: one procedure as a table of its steps. Its address is the slug; the code
** itself (SOP 01/LPSE.OI/2012, encoded or with its slashes: the routes of two and three segments,
** as GET /api/v1/sops/:code) is sent there. */
int page_sop(Req *r){
  int rc;
  const Procedure *p = sop_page_find(r, "", &rc);
  if( p==0 ) return rc;
  int en = strcmp(r->lang, "en")==0;
  page_begin(r, "Procedure");
  out(r, "<p><a href=\"/prosedur\">%h</a></p>", T(r, "Back to the procedures"));
  if( sop_retired(p->code) ) page_notice(r, "error", T(r, "This procedure is retired: no new case can be opened under it. The cases open under it run to their end."));
  out(r, "<h2><span class=\"mono\">%h</span> · %h</h2>", p->code, p->title);
  if( p->title_en ) out(r, "<p class=\"muted\" lang=\"en\">%h</p>", p->title_en);
  out(r, "<dl class=\"facts\">");
  fact(r, N_("Issued by"), p->issuer);
  fact(r, N_("Revision"), p->revision);
  if( p->revision_no>0 ){   /* the stored revision new cases follow: from the binary or loaded, and when */
    out(r, "<dt>%h</dt><dd>%d (%h, %h)</dd>", T(r, "Stored revision"), p->revision_no,
        T(r, p->source && strcmp(p->source, "loaded")==0 ? N_("loaded by an administrator") : N_("built into this Loket")),
        web_time(r, p->loaded_at));
  }
  if( sop_retired(p->code) ) out(r, "<dt>%h</dt><dd><span class=\"tag\">%h</span></dd>", T(r, "Status"), T(r, "Retired"));
  fact(r, N_("Effective"), p->effective);
  fact(r, N_("Purpose"), p->purpose);
  fact_list(r, N_("Legal basis"), &p->basis);
  fact_list(r, N_("Executor qualifications"), &p->qualification);
  fact_list(r, N_("Equipment and supplies"), &p->equipment);
  fact_list(r, N_("Records"), &p->record);
  fact_list(r, N_("Related procedures"), &p->related);
  fact_list(r, N_("Warnings"), &p->warning);
  out(r, "</dl>");
  if( p->note.n ){
    /* how the original was read into this file: for those who check the encoding, in English,
    ** folded away from the procedure itself */
    out(r, "<details class=\"encoding-notes\"><summary>%h</summary><ul lang=\"en\">", T(r, "Notes on this encoding (in English)"));
    for(int i=0; i<p->note.n; i++) out(r, "<li>%h</li>", p->note.v[i]);
    out(r, "</ul></details>");
  }
  web_scroll_open(r, "div", "table-wrap", T(r, "Steps"));
  out(r, "<table class=\"sop-steps\"><thead><tr><th scope=\"col\">%h</th>"
         "<th scope=\"col\">%h</th><th scope=\"col\">%h</th><th scope=\"col\">%h</th><th scope=\"col\">%h</th>"
         "</tr></thead><tbody>",
      T(r, "No."), T(r, "Actor"), T(r, "Activity"), T(r, "Time standard"), T(r, "Next"));
  for(int i=0; i<p->nsteps; i++){
    const Step *s = &p->steps[i];
    char words[128];
    sop_standard_text(&s->std, en ? "en" : "id", words, sizeof words);
    out(r, "<tr id=\"langkah-%d\"><td class=\"num\">%d</td><td>", s->no, s->no);
    step_actors(r, s);
    out(r, "</td><td>");
    step_body(r, s);
    out(r, "</td><td>%h</td><td>", words);
    step_branch(r, p, s);
    out(r, "</td></tr>");
  }
  out(r, "</tbody></table></div>");
  sop_flow_section(r, p);
  revisions_section(r, p);
  if( perm_allows(r->roles, "sop.admin") ) retire_form(r, p);
  return page_end(r, 200);
}

/* The stored revisions of p, newest first: when and how each was stored, by whom, the cases of this
** office open under it, its file to view or download, and for an administrator what it changed from
** the one before. */
static void revisions_section(Req *r, const Procedure *p){
  SopRevision *v;
  int n;
  if( sop_revisions(r->db, p->code, r->office_id, &r->arena, &v, &n)!=OK || n==0 ) return;
  int admin = perm_allows(r->roles, "sop.admin");
  out(r, "<section class=\"card sop-revisions\" id=\"revisi\"><h2>%h</h2>", T(r, "Revisions"));
  out(r, "<p class=\"hint muted\">%h</p>", T(r, "Each text of the procedure file stored is a revision. New cases follow the current one; a case keeps the revision it started under. To go back to an earlier revision, download its file and load it: it becomes a new revision."));
  out(r, "<div class=\"table-wrap\"><table class=\"sop-revisions\"><thead><tr><th scope=\"col\">%h</th><th scope=\"col\">%h</th>"
         "<th scope=\"col\">%h</th><th scope=\"col\">%h</th><th scope=\"col\">%h</th><th scope=\"col\">%h</th><th scope=\"col\">%h</th>"
         "</tr></thead><tbody>",
      T(r, "Revision"), T(r, "Source"), T(r, "Stored"), T(r, "By"), T(r, "Open cases"), T(r, "SHA-256"), T(r, "File"));
  for(int i=n-1; i>=0; i--){
    const SopRevision *s = &v[i];
    const char *name = *s->file ? s->file : arena_printf(&r->arena, "%s.sop", p->slug);
    out(r, "<tr id=\"revisi-%d\"><td class=\"num\">%d%R</td><td>%h</td><td>%h</td><td>%h</td><td class=\"num\">%d</td>"
           "<td class=\"mono\" title=\"%h\">%.12h…</td><td>",
        s->no, s->no, s->current ? arena_printf(&r->arena, " <span class=\"tag\">%h</span>", T(r, "current")) : "",
        T(r, strcmp(s->source, "loaded")==0 ? N_("loaded by an administrator") : N_("built into this Loket")),
        web_time(r, s->loaded_at), s->by ? s->by : "—", s->open_cases, s->sha256, s->sha256);
    out(r, "<a href=\"/prosedur/%t/revisi/%d\">%h</a> · <a href=\"/prosedur/%t/revisi/%d?unduh=1\" download=\"%h\">%h</a>",
        p->slug, s->no, T(r, "View"), p->slug, s->no, name, T(r, "Download"));
    if( admin && i>0 ) out(r, " · <a href=\"/prosedur/%t/revisi/%d/beda\">%h</a>", p->slug, s->no, T(r, "Changes from the revision before"));
    out(r, "</td></tr>");
  }
  out(r, "</tbody></table></div></section>");
}

/* An administrator's button that retires the procedure p, or restores a retired one. */
static void retire_form(Req *r, const Procedure *p){
  int retired = sop_retired(p->code);
  out(r, "<section class=\"card no-print sop-retire\"><h2>%h</h2><p class=\"hint muted\">%h</p>",
      T(r, retired ? N_("Restore the procedure") : N_("Retire the procedure")),
      T(r, retired ? N_("New cases can be opened under it again, following its current revision.")
                   : N_("No new case can be opened under a retired procedure; the cases open under it run to their end and stay readable. Loading a new revision does not restore it.")));
  out(r, "<form method=\"post\" action=\"/prosedur/%t/%R\">", p->slug, retired ? "aktifkan" : "nonaktifkan");
  csrf_input(r);
  out(r, "<div class=\"actions\"><button type=\"submit\"%R>%h</button></div></form></section>",
      retired ? "" : " class=\"danger\"", T(r, retired ? N_("Restore") : N_("Retire")));
}

/* The revision number of a /prosedur/:code/revisi/:n address, or 0 (having answered 404). */
static int revision_no(Req *r){
  const char *n = req_param(r, "n");
  char *end = 0;
  long no = n ? strtol(n, &end, 10) : 0;
  if( n==0 || end==n || *end || no<1 || no>1000000 ){ reply_error(r, 404, "not_found", 0, "No such revision"); return 0; }
  return (int)no;
}

/* GET /prosedur/:code/revisi/:n: the revision's file as stored, byte for byte (text/plain); ?unduh=1:
** as a file to save under the name it was stored from. */
int page_sop_revision_text(Req *r){
  if( req_query_only(r, "unduh") ) return OK;
  const Procedure *p = sop_library_find(req_param(r, "code"));
  if( p==0 ) return reply_error(r, 404, "not_found", 0, "No such procedure");
  int no = revision_no(r);
  if( no==0 ) return OK;
  Buf text = BUF_INIT;
  const char *file = 0;
  int rc = sop_revision_text(r->db, p->code, no, &text, &r->arena, &file, 0);
  if( rc==ERR_NOTFOUND ){ buf_free(&text); return reply_error(r, 404, "not_found", 0, "No such revision"); }
  if( rc!=OK ){ buf_free(&text); return reply_error(r, 500, "internal", 0, "The database failed"); }
  reply_text(r, 200, "text/plain; charset=utf-8", text.z ? text.z : "", text.n);
  buf_free(&text);
  if( req_query(r, "unduh") ){
    reply_download(r, 200, "text/plain", file && *file ? file : arena_printf(&r->arena, "%s.sop", p->slug));
    r->ctype = "text/plain; charset=utf-8";
  }
  return OK;
}

/* GET /prosedur/:code/revisi/:n/beda: what revision n changed from the one before, line by line
** (an administrator's). */
int page_sop_revision_diff(Req *r){
  const Procedure *p = sop_library_find(req_param(r, "code"));
  if( p==0 ) return reply_error(r, 404, "not_found", 0, "No such procedure");
  int no = revision_no(r);
  if( no==0 ) return OK;
  Buf a = BUF_INIT, b = BUF_INIT;
  int rc = no>1 ? sop_revision_text(r->db, p->code, no-1, &a, &r->arena, 0, 0) : ERR_NOTFOUND;
  if( rc==OK ) rc = sop_revision_text(r->db, p->code, no, &b, &r->arena, 0, 0);
  if( rc!=OK ){
    buf_free(&a);
    buf_free(&b);
    return rc==ERR_NOTFOUND ? reply_error(r, 404, "not_found", 0, "No such revision") : reply_error(r, 500, "internal", 0, "The database failed");
  }
  page_begin(r, "Procedure");
  out(r, "<p><a href=\"/prosedur/%t#revisi\">%h</a></p>", p->slug, T(r, "Back to the procedure"));
  out(r, "<h2><span class=\"mono\">%h</span> · %h %d → %d</h2>", p->code, T(r, "changes from revision"), no-1, no);
  DiffLine *d;
  int n = diff_lines(&r->arena, a.z ? a.z : "", a.n, b.z ? b.z : "", b.n, &d);
  if( n<0 ) out(r, "<p class=\"muted\">%h</p>", T(r, "The two revisions differ in too many lines to compare here: download both files."));
  else{
    int added = 0, removed = 0;
    for(int i=0; i<n; i++){ added += d[i].op=='+'; removed += d[i].op=='-'; }
    out(r, "<p>%h: %d · %h: %d</p>", T(r, "Lines added"), added, T(r, "Lines removed"), removed);
    web_scroll_open(r, "div", "table-wrap", T(r, "Changes"));
    out(r, "<table class=\"sop-diff\"><thead><tr><th scope=\"col\">%h %d</th><th scope=\"col\">%h %d</th><th scope=\"col\"><span class=\"sr\">%h</span></th>"
           "<th scope=\"col\">%h</th></tr></thead><tbody>",
        T(r, "Revision"), no-1, T(r, "Revision"), no, T(r, "Change"), T(r, "Line"));
    for(int i=0; i<n; i++){
      const char *cls = d[i].op=='+' ? "diff-add" : d[i].op=='-' ? "diff-del" : "diff-same";
      const char *mark = d[i].op=='+' ? "+" : d[i].op=='-' ? "−" : "";
      out(r, "<tr class=\"%R\"><td class=\"num\">%R</td><td class=\"num\">%R</td><td>%R</td><td class=\"line\">%h</td></tr>",
          cls, d[i].old_no ? arena_printf(&r->arena, "%d", d[i].old_no) : "", d[i].new_no ? arena_printf(&r->arena, "%d", d[i].new_no) : "",
          mark, arena_strndup(&r->arena, d[i].z, (size_t)d[i].len));
    }
    out(r, "</tbody></table></div>");
  }
  buf_free(&a);
  buf_free(&b);
  return page_end(r, 200);
}

/* POST /prosedur/:code/nonaktifkan and …/aktifkan: an administrator retires or restores the procedure,
** back to its page saying so. */
static int sop_retire_page(Req *r, int retire){
  const Procedure *p = sop_library_find(req_param(r, "code"));
  if( p==0 ) return reply_error(r, 404, "not_found", 0, "No such procedure");
  Actor a = req_actor(r);
  int changed = 0;
  int rc = sop_retire(r->db, &a, p->code, retire, &p, &changed);
  if( rc!=OK ) return reply_error(r, 500, "internal", 0, "The database failed");
  return to_sop_page(r, p, retire ? N_("Procedure retired: no new case can be opened under it")
                                  : N_("Procedure restored: new cases can be opened under it"));
}

/* POST /prosedur/:code/nonaktifkan. */
int page_sop_retire(Req *r){
  return sop_retire_page(r, 1);
}

/* POST /prosedur/:code/aktifkan. */
int page_sop_restore(Req *r){
  return sop_retire_page(r, 0);
}
