/*
** audit.c — reading the audit log of the office: newest first, filtered by
** actor, action, object and dates (in the office's zone), fifty rows a page,
** printable as it stands; and the check of its hash chain (`loket audit verify`).
*/
#include "web.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define AUDIT_PAGE 50

/* The filters a page of the log is asked for, by their query names. */
static const char *const filter_names[] = { "actor", "action", "object", "from", "to" };


/* Read the filters of the query string into f; an error message (a msgid) or NULL. */
static const char *audit_filter(Req *r, AuditFilter *f){
  memset(f, 0, sizeof *f);
  f->office_id = r->office_id;
  f->actor = query_trimmed(r, "actor");
  f->action = query_trimmed(r, "action");
  f->object = query_trimmed(r, "object");
  f->object_within = 1;      /* the page's field says "contains" */
  f->limit = AUDIT_PAGE + 1;   /* one more tells whether an older page exists */
  return query_period(r, &f->from, &f->to, &f->before, 0);
}

/* The query string of the filters given (without the page position), escaped for a URL. */
static const char *filter_query(Req *r){
  const char *q = "";
  for(size_t i=0; i<COUNT(filter_names); i++){
    const char *v = query_trimmed(r, filter_names[i]);
    if( *v ) q = arena_printf(&r->arena, "%R%R%R=%t", q, *q ? "&" : "", filter_names[i], v);
  }
  return q;
}

/* The filter form; its fields keep what was asked. */
static void audit_form(Req *r){
  static const struct { const char *name, *label, *type; } fields[] = {
    { "actor", N_("Actor (username)"), "text" }, { "action", N_("Action begins with"), "text" },
    { "object", N_("Object contains"), "search" }, { "from", N_("From date"), "date" },
    { "to", N_("To date"), "date" },
  };
  out(r, "<form class=\"filters card\" method=\"get\" action=\"/audit\" role=\"search\">");
  for(size_t i=0; i<COUNT(fields); i++){
    out(r, "<div><label for=\"f-%h\">%h</label><input id=\"f-%h\" name=\"%h\" type=\"%h\" value=\"%h\"%R></div>",
        fields[i].name, T(r, fields[i].label), fields[i].name, fields[i].name, fields[i].type,
        query_trimmed(r, fields[i].name),
        strcmp(fields[i].type, "date")==0 ? " placeholder=\"YYYY-MM-DD\" pattern=\"[0-9]{4}-[0-9]{2}-[0-9]{2}\""
        : strcmp(fields[i].name, "action")==0 ? " list=\"audit-actions\" placeholder=\"user.\"" : "");
  }
  out(r, "<datalist id=\"audit-actions\"><option value=\"auth.\"><option value=\"user.\">"
         "<option value=\"office.\"></datalist>");
  out(r, "<div><button type=\"submit\">%h</button> <a href=\"/audit\">%h</a></div></form>",
      T(r, "Filter"), T(r, "Clear"));
}

/* What the printed page was asked for: office, filters, when printed. */
static void audit_print_head(Req *r){
  out(r, "<p class=\"print-only\">%h · %h %h", r->office_name, T(r, "Printed"), web_time(r, time_now()));
  for(size_t i=0; i<COUNT(filter_names); i++){
    const char *v = query_trimmed(r, filter_names[i]);
    if( *v ) out(r, " · %h=%h", filter_names[i], v);
  }
  out(r, "</p>");
}

/* GET /audit: the audit rows of this office and of the system, newest first. */
int page_audit(Req *r){
  AuditFilter f;
  const char *bad = audit_filter(r, &f);
  AuditRow *rows = 0;
  int n = 0;
  if( bad==0 && audit_list(db_report(), &f, &rows, &n, &r->arena)!=OK ){   /* a report: the replica may answer */
    return reply_error(r, 500, "internal", 0, "The database failed");
  }
  page_begin(r, "Audit log");
  if( bad ) page_notice(r, "error", T(r, bad));
  audit_print_head(r);
  audit_form(r);
  out(r, "<p class=\"no-print\"><a href=\"/audit/rantai\">%h</a></p>", T(r, "Check the audit log's chain"));
  if( bad ) return page_end(r, 400);
  if( n==0 ){
    if( f.before ) out(r, "<p class=\"muted\">%h</p>", T(r, "No older entries"));
    else out(r, "<p class=\"muted\">%h</p>", T(r, "No entry matches"));
  }else{
    int shown = n>AUDIT_PAGE ? AUDIT_PAGE : n;
    web_scroll_open(r, "div", "table-wrap", T(r, "Audit log"));
    out(r, "<table class=\"audit\"><thead><tr>"
           "<th scope=\"col\">#</th><th scope=\"col\">%h</th><th scope=\"col\">%h</th><th scope=\"col\">%h</th>"
           "<th scope=\"col\">%h</th><th scope=\"col\">%h</th><th scope=\"col\">%h</th></tr></thead><tbody>",
        T(r, "Time"), T(r, "Actor"), T(r, "Action"), T(r, "Object"), T(r, "Detail"), T(r, "IP address"));
    for(int i=0; i<shown; i++){
      const AuditRow *a = &rows[i];
      out(r, "<tr><td class=\"num\">%lld</td><td class=\"when\">%h</td><td>%h</td><td class=\"mono\">%h</td>"
             "<td class=\"mono\">%h</td><td class=\"detail\">%h</td><td class=\"mono\">%h</td></tr>",
          (long long)a->id, web_time(r, a->at), a->actor, a->action, a->object, a->detail, a->ip);
    }
    out(r, "</tbody></table></div>");
  }
  out(r, "<nav class=\"pager\" aria-label=\"%h\">", T(r, "Pages"));
  const char *fq = filter_query(r);
  if( f.before ) out(r, "<a href=\"/audit%R%h\">%h</a>", *fq ? "?" : "", fq, T(r, "Newest entries"));
  if( n>AUDIT_PAGE ){
    out(r, "<a href=\"/audit?%h%Rbefore=%lld\" rel=\"next\">%h</a>", fq, *fq ? "&amp;" : "",
        (long long)rows[AUDIT_PAGE-1].id, T(r, "Older entries"));
  }
  out(r, "</nav>");
  return page_end(r, 200);
}

/* The form of the chain's check: a hash kept from an earlier check, to find in the chain. */
static void chain_form(Req *r, const Err *e){
  out(r, "<form class=\"card no-print\" method=\"get\" action=\"/audit/rantai\">"
         "<label for=\"head\">%h</label><input id=\"head\" name=\"head\" class=\"mono\" maxlength=\"64\""
         " autocomplete=\"off\" value=\"%h\"%R><p class=\"hint muted\">%h</p>",
      T(r, "Hash kept from an earlier check (optional)"), query_trimmed(r, "head"), field_attrs(r, e, "head"),
      T(r, "Keep the last row's hash shown after each check (printed, or written down): checked with it later, "
           "the chain shows whether rows were cut from its end."));
  field_error(r, e, "head");
  out(r, "<div><button type=\"submit\">%h</button> <a href=\"/audit\">%h</a></div></form>",
      T(r, "Check the chain"), T(r, "Back to the audit log"));
}

/* GET /audit/rantai[?head=HASH]: recompute the hash chain of the whole log, as `loket audit
** verify` does; its head, and where a hash kept earlier is in it. */
int page_audit_chain(Req *r){
  const char *kept = query_trimmed(r, "head");
  AuditHead head;
  int64_t rows = 0;
  char err[512] = "";
  int rc = audit_verify_head(r->db, *kept ? kept : 0, r->lang, &rows, &head, err, sizeof err);
  Err e = {0};
  if( rc==ERR_TYPE ) ERR_SET(&e, "head", N_("This is not a hash: give its 64 hexadecimal characters (or the first 16 or more)"));
  page_begin(r, "Audit log chain");
  if( rc==OK ){
    page_notice(r, "ok", arena_printf(&r->arena, "%s %lld.", T(r, "The audit log's chain is intact. Rows checked:"), (long long)rows));
  }else if( rc==ERR_NOTFOUND ){
    page_notice(r, "error", T(r, "The chain is intact, but no row has the kept hash: rows were cut from its end, or the hash was kept from another database."));
  }else if( rc==ERR_INVALID ){
    page_notice(r, "error", arena_printf(&r->arena, "%s %lld.", T(r, "The audit log's chain is BROKEN: a row was edited, deleted or inserted. Rows intact before the break:"), (long long)rows));
  }else if( rc!=ERR_TYPE ){
    page_notice(r, "error", T(r, "The database failed"));
  }
  out(r, "<section class=\"card\" id=\"chain\"><dl class=\"facts\">");
  if( rc==ERR_INVALID ) out(r, "<dt>%h</dt><dd class=\"mono\">%h</dd>", T(r, "What was found"), err);
  if( rc==OK || rc==ERR_NOTFOUND ){
    if( head.id ){
      out(r, "<dt>%h</dt><dd>#%lld</dd><dt>%h</dt><dd class=\"mono hash\">%h</dd>",
          T(r, "Last row"), (long long)head.id, T(r, "Its hash"), head.hash);
    }else out(r, "<dt>%h</dt><dd>%h</dd>", T(r, "Last row"), T(r, "none yet"));
  }
  if( rc==OK && *kept ){
    out(r, "<dt>%h</dt><dd>#%lld · %h %lld</dd>", T(r, "The kept hash is at row"), (long long)head.kept_id,
        T(r, "rows after it:"), (long long)(head.id - head.kept_id));
  }
  out(r, "</dl><p class=\"hint muted\">%h</p></section>",
      T(r, "The chain is the whole database's, every office's rows in one; the same check as loket audit verify."));
  chain_form(r, rc==ERR_TYPE ? &e : 0);
  return page_end(r, rc==ERR_TYPE ? 400 : 200);
}
