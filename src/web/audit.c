/*
** audit.c — reading the audit log of the office: newest first, filtered by
** actor, action, object and dates (in the office's zone), fifty rows a page,
** printable as it stands.
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
  if( bad ) return page_end(r, 400);
  if( n==0 ){
    if( f.before ) out(r, "<p class=\"muted\">%h</p>", T(r, "No older entries"));
    else out(r, "<p class=\"muted\">%h</p>", T(r, "No entry matches"));
  }else{
    int shown = n>AUDIT_PAGE ? AUDIT_PAGE : n;
    out(r, "<div class=\"table-wrap\"><table class=\"audit\"><thead><tr>"
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
