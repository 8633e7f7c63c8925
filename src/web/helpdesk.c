/*
** helpdesk.c — the help desk's pages: the hub (e-mail questions, walk-ins waiting in the
** guest book, .rhs reports), the phone desk a helpdesk officer keeps open during a call
** and its recap per day and month, the bidding-room board and a visit, the .rhs file page
** with its printable statement, escalation to LKPP and hand-overs from any case. The
** knowledge base belongs to another part (its pages at /kb): this file only links there.
*/
#include "web.h"
#include "../desk/helpdesk.h"
#include "../sop/attach.h"
#include "../report/statement.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- small pieces ---- */

/* A text input with its label, value, error. */
static void hd_input(Req *r, const char *name, const char *label, const char *type, const char *value,
                     int required, const Err *e){
  field_input(r, e, "h-", name, label, type, value, arena_printf(&r->arena, "%R%R", required ? " required" : "", input_hints(r, name)));
}

/* A textarea with its label, value, error; its element id "h-" and id (the name when NULL:
** a page with several forms of one field gives each its own). */
static void hd_area_id(Req *r, const char *id, const char *name, const char *label, const char *value, int required,
                       const Err *e){
  if( id==0 ) id = name;
  out(r, "<div class=\"field\"><label for=\"h-%h\">%h</label><textarea id=\"h-%h\" name=\"%h\" rows=\"4\"%R%R>%h</textarea>",
      id, T(r, label), id, name, required ? " required" : "", field_attrs(r, e, name), value ? value : "");
  field_error(r, e, name);
  out(r, "</div>");
}

/* A textarea with its label, value, error. */
static void hd_area(Req *r, const char *name, const char *label, const char *value, int required, const Err *e){
  hd_area_id(r, 0, name, label, value, required, e);
}

/* Above a page: the errors of e; those of the fields of its form (a NULL-ended list, NULL: none)
** are marked at them and said once (form_error_marked). */
static void hd_error(Req *r, const Err *e, const char *const *fields){
  static const char *const none[] = { 0 };
  form_error_marked(r, e, fields ? fields : none);
}

/* The fields of each form, whose errors are shown under them: the phone call's consultation form,
** the hub's e-mail and .rhs report, the bidding room's report-in, the escalation, the handover. */
static const char *const phone_fields[] = { "requester.name", "requester.org_name", "requester.nip", "requester.npwp",
                                            "requester.email", "requester.phone", "question", "answer", 0 };
static const char *const hub_fields[] = { "from_email", "from_name", "subject", "text", "message", "tender_code", "provider",
                                          "requester.name", "requester.email", 0 };
static const char *const bidding_fields[] = { "name", "organisation", "npwp", "phone", "email", 0 };
/* The bidding-room visit's step form: its note; and its trainer (the trainer form, step 5 waiting for one). */
static const char *const visit_fields[] = { "note", "trainer", 0 };
static const char *const escalation_fields[] = { "title", "application", "error_code", "tender_code", "description",
                                                 "external_ticket", "attachments", 0 };
static const char *const handover_fields[] = { "party_name", "instruction", "due_days", 0 };
/* An answer's form (LKPP's to an escalation, another party's to a hand-over): its one field. */
static const char *const answer_fields[] = { "answer", 0 };

/* The value posted for name, or the default. */
static const char *hd_posted(Req *r, const char *name, const char *def){
  const char *v = form_opt(r, name);
  return v ? v : def;
}

/* Seconds as "m.ss" minutes or "N s". */
static const char *hd_secs(Req *r, int64_t s){
  if( s<60 ) return arena_printf(&r->arena, "%lld %s", (long long)s, T(r, "s"));
  return arena_printf(&r->arena, "%lld %s %lld %s", (long long)(s/60), T(r, "min"), (long long)(s%60), T(r, "s"));
}

/* An escalation's kind and status in words. */
static const char *esc_kind_word(Req *r, const char *kind){
  if( util_str_eq(kind, "usulan") ) return T(r, "Proposal");
  if( util_str_eq(kind, "permintaan_layanan") ) return T(r, "Service request");
  return T(r, "Problem");
}

/* An escalation's status as the page says it. */
static const char *esc_status_word(Req *r, const char *status){
  return util_str_eq(status, "answered") ? T(r, "answered") : T(r, "awaiting the answer");
}

/* The party a case is handed over to, in words (its kind as stored: ulp, skpd, other). */
static const char *handover_kind_word(Req *r, const char *kind){
  if( util_str_eq(kind, "ulp") ) return "ULP/UKPBJ";
  if( util_str_eq(kind, "skpd") ) return "SKPD/OPD";
  return T(r, "Other");
}

/* An answer's textarea in the form of record id: what was posted and its error when that
** form was the one sent (answering), empty otherwise. */
static void hd_answer_area(Req *r, const char *label, int64_t id, int64_t answering, const Err *e){
  int mine = answering && answering==id;
  hd_area_id(r, arena_printf(&r->arena, "answer-%lld", (long long)id), "answer", label,
             mine ? hd_posted(r, "answer", "") : "", 1, mine ? e : 0);
}

/* The links a case offers to the help desk's tools (escalation, hand-over, the knowledge base). */
void helpdesk_case_links(Req *r, const Case *c){
  out(r, "<section class=\"card no-print\" id=\"helpdesk\"><h2>%h</h2><ul class=\"actions\">", T(r, "Help desk"));
  /* a link to a form only for who may send it: typing into a form that answers 403 loses the text */
  if( route_allows(r, "POST", arena_printf(&r->arena, "/kasus/%t/eskalasi", c->number)) ){
    out(r, "<li><a href=\"/kasus/%t/eskalasi\">%h</a></li>", c->number, T(r, "Escalate to LKPP"));
  }
  if( route_allows(r, "POST", arena_printf(&r->arena, "/kasus/%t/serah", c->number)) ){
    out(r, "<li><a href=\"/kasus/%t/serah\">%h</a></li>", c->number, T(r, "Hand over to another party"));
  }
  /* the knowledge base is another part of Loket (/kb): search it, or publish the answer as an FAQ entry */
  if( route_allows(r, "GET", "/kb") ) out(r, "<li><a href=\"/kb?q=%t\">%h</a></li>", c->subject, T(r, "Search the knowledge base"));
  if( kb_may_publish(r) ){
    out(r, "<li><a href=\"/kb/baru?kasus=%t&amp;title=%t\">%h</a></li>", c->number, c->subject, T(r, "Publish as an FAQ entry"));
  }
  /* the service's own page, when the case was opened through it (a case opened by the general
  ** form has no visit or .rhs record behind it) */
  RhsInfo ri;
  BiddingVisit bv;
  if( util_str_eq(c->sop_code, RHS_SOP) && rhs_get(r->db, c, &ri, &r->arena)==OK ){
    out(r, "<li><a href=\"/rhs/%t\">%h</a></li>", c->number, T(r, ".rhs bid file"));
  }
  if( util_str_eq(c->sop_code, BIDDING_SOP) && bidding_get(r->db, c, &bv, &r->arena)==OK ){
    out(r, "<li><a href=\"/ruang-bidding/%t\">%h</a></li>", c->number, T(r, "Bidding-room visit"));
  }
  out(r, "</ul>");
  /* the escalations from or to this case: where the other side stands, and its clock */
  Escalation *xs;
  int n;
  Arena a;
  arena_init(&a);
  if( escalation_list(r->db, c, &xs, &n, &a)==OK && n>0 ){
    out(r, "<ul class=\"escalations\">");
    for(int i=0; i<n; i++){
      out(r, "<li><a href=\"/kasus/%t/eskalasi\">%h</a> — %h", c->number, xs[i].title, esc_status_word(r, xs[i].status));
      if( xs[i].external_ticket[0] ) out(r, " · %h %h", T(r, "LKPP ticket"), xs[i].external_ticket);
      Case *o;
      if( escalation_other_case(r->db, &xs[i], r->office_id, &o)==OK ){
        out(r, " · %h %h (%h)", T(r, "Linked case"), o->number, web_case_status(r, o->status));
        for(int k=0; k<o->nsteps; k++){
          if( o->steps[k].done_at ) continue;
          out(r, " · %h %d", T(r, "Step"), o->steps[k].no);
          if( o->steps[k].due_at ) out(r, ", %h %h", T(r, "Due"), web_time(r, o->steps[k].due_at));
        }
        case_free(o);
      }
      out(r, "</li>");
    }
    out(r, "</ul>");
  }
  arena_free(&a);
  out(r, "</section>");
}

/* ---- the hub ---- */

/* GET /helpdesk: the phone desk, e-mail questions, walk-ins waiting, .rhs reports, the bidding room. */
/* The office's escalations still waiting for LKPP's answer, oldest first: what to chase, and whom
** to call back when the answer comes (SOP BTG-006 step 10). */
static void hd_waiting_lkpp(Req *r){
  Escalation *xs;
  int n = 0;
  if( escalation_waiting(r->db, r->office_id, 100, &xs, &n, &r->arena)!=OK ) return;
  out(r, "<section class=\"card\" id=\"lkpp-waiting\"><h2>%h</h2>", T(r, "Waiting for LKPP's answer"));
  if( n==0 ){ out(r, "<p class=\"muted\">%h</p></section>", T(r, "No escalation is waiting for LKPP's answer.")); return; }
  out(r, "<div class=\"table-wrap\"><table><thead><tr><th>%h</th><th>%h</th><th>%h</th><th>%h</th></tr></thead><tbody>",
      T(r, "Escalated"), T(r, "Case"), T(r, "Type"), T(r, "LKPP ticket"));
  for(int i=0; i<n; i++){
    const Escalation *x = &xs[i];
    out(r, "<tr><td>%h</td><td><a href=\"/kasus/%t/eskalasi\">%h</a><br>%h</td><td>%h</td><td>%h%R%h</td></tr>",
        web_time(r, x->created_at), x->case_number, x->case_number, x->title, esc_kind_word(r, x->kind),
        x->external_ticket[0] ? x->external_ticket : x->national_case_number, x->paused ? "<br>" : "",
        x->paused ? T(r, "the case's clock is paused") : "");
  }
  out(r, "</tbody></table></div></section>");
}

/* The help desk's page: its forms and lists, with the errors of a form sent (e) and the status to answer. */
static int hd_hub(Req *r, const Err *e, int status){
  page_begin(r, "Help desk");
  hd_error(r, e, hub_fields);
  out(r, "<ul class=\"actions\"><li><a class=\"button\" href=\"/telepon\">%h</a></li>"
         "<li><a class=\"button\" href=\"/ruang-bidding\">%h</a></li><li><a class=\"button secondary\" href=\"/telepon/rekap\">%h</a></li>"
         "<li><a class=\"button secondary\" href=\"/kb\">%h</a></li></ul>",
      T(r, "Phone desk"), T(r, "Bidding room"), T(r, "Recap of phone cases"), T(r, "Knowledge base"));
  /* walk-ins of today without a case */
  RegFilter f;
  memset(&f, 0, sizeof f);
  f.office_id = r->office_id;
  f.limit = 50;
  char today[11];
  register_today(today, time_now(), r->office_tz);
  time_parse_day(today, r->office_tz, &f.from);
  RegEntry *g;
  int n;
  out(r, "<section class=\"card\"><h2>%h</h2>", T(r, "Guests at the counter"));
  if( register_list(r->db, register_at(REG_GUEST_BOOK), &f, &g, &n, &r->arena)==OK ){
    int shown = 0;
    out(r, "<div class=\"table-wrap\"><table><thead><tr><th>%h</th><th>%h</th><th>%h</th><th scope=\"col\"><span class=\"sr\">%h</span></th></tr></thead><tbody>",
        T(r, "Arrived"), T(r, "Name"), T(r, "Purpose"), T(r, "Action"));
    for(int i=0; i<n; i++){
      if( g[i].v[6][0] || g[i].t[7] ) continue;
      shown++;
      out(r, "<tr><td>%h</td><td>%h<br><span class=\"muted\">%h</span></td><td>%h</td><td>"
             "<form method=\"post\" action=\"/helpdesk/walk-in\">", web_time(r, g[i].t[0]), g[i].v[1], g[i].v[2], g[i].v[4]);
      csrf_input(r);
      out(r, "<input type=\"hidden\" name=\"guest_id\" value=\"%lld\"><button type=\"submit\">%h</button></form></td></tr>",
          (long long)g[i].id, T(r, "Open a case"));
    }
    if( !shown ) out(r, "<tr><td colspan=\"4\" class=\"muted\">%h</td></tr>", T(r, "No guest is waiting"));
    out(r, "</tbody></table></div>");
  }
  out(r, "<p><a href=\"/register/guest-book\">%h</a></p></section>", T(r, "Guest book"));
  hd_waiting_lkpp(r);
  /* an e-mailed question */
  out(r, "<section class=\"card\"><h2>%h</h2><form method=\"post\" action=\"/helpdesk/email\" enctype=\"multipart/form-data\">",
      T(r, "A question by e-mail"));
  csrf_input(r);
  sent_form_field_to(r, "/helpdesk/email");   /* sent twice (a double click on a slow answer), one case */
  hd_input(r, "from_email", N_("Sender's e-mail"), "email", hd_posted(r, "from_email", ""), 0, e);
  hd_input(r, "from_name", N_("Sender's name"), "text", hd_posted(r, "from_name", ""), 0, e);
  hd_input(r, "subject", N_("Subject"), "text", hd_posted(r, "subject", ""), 0, e);
  hd_area(r, "text", N_("The message (pasted)"), hd_posted(r, "text", ""), 0, e);
  out(r, "<div class=\"field\"><label for=\"h-message\">%h</label><input id=\"h-message\" name=\"message\" type=\"file\" accept=\".eml,message/rfc822\"%R>",
      T(r, "Or the message file (.eml)"), field_attrs(r, e, "message"));
  field_error(r, e, "message");
  out(r, "</div><p class=\"hint muted\">%h</p><button type=\"submit\">%h</button></form></section>",
      T(r, "Sender and subject are read from the message when left empty."), T(r, "Enter as a case"));
  /* a .rhs bid file that will not open */
  out(r, "<section class=\"card\"><h2>%h</h2><form method=\"post\" action=\"/rhs\">", T(r, "A bid file (.rhs) that will not open"));
  csrf_input(r);
  sent_form_field_to(r, "/rhs");
  hd_input(r, "tender_code", N_("Tender code"), "text", hd_posted(r, "tender_code", ""), 1, e);
  hd_input(r, "provider", N_("Provider"), "text", hd_posted(r, "provider", ""), 1, e);
  hd_input(r, "requester.name", N_("Pokja member reporting"), "text", hd_posted(r, "requester.name", ""), 1, e);
  hd_input(r, "requester.email", N_("Their e-mail"), "text", hd_posted(r, "requester.email", ""), 0, e);
  out(r, "<button type=\"submit\">%h</button></form></section>", T(r, "Report the file"));
  return page_end(r, status);
}

/* GET /helpdesk */
int page_helpdesk(Req *r){
  return hd_hub(r, 0, 200);
}

/* POST /helpdesk/walk-in guest_id: a walk-in's case from the guest book. */
int page_helpdesk_walk_in(Req *r){
  int64_t guest = util_id(form_trimmed(r, "guest_id"));   /* all digits: "5x" is no guest */
  Actor a = req_actor(r);
  Err e = {0};
  Case *c;
  int rc = helpdesk_walk_in(r->db, &a, guest, 0, 0, &c, &e);
  if( rc!=OK ) return hd_hub(r, &e, http_status_of(rc));
  const char *to = arena_printf(&r->arena, "/kasus/%t?ok=%t", c->number, N_("Case opened"));
  case_free(c);
  return reply_redirect(r, to);
}

/* The one-time mark of a desk form that opens a case (sentform.c): 1 when a sending of it opened
** one already, *rc the answer leading there (path, then its number); else 0, *mark the mark to end
** with sent_form_done (NULL: a form without one). */
static int hd_sent_before(Req *r, const char *path, const char **mark, int *rc){
  char number[SENT_FORM_RESULT];
  *mark = sent_form_mark(r);
  if( *mark==0 || !sent_form_claim(r->office_id, *mark, number) ) return 0;
  *rc = reply_redirect(r, arena_printf(&r->arena, "%R%t?ok=%t", path, number, N_("This form was sent already: here is the case it opened")));
  return 1;
}

/* POST /helpdesk/email (multipart): an e-mailed question as a case with the message. */
int page_helpdesk_email(Req *r){
  HelpdeskMail m;
  memset(&m, 0, sizeof m);
  m.limit = r->cfg->attachment_limit;
  const Field *f = req_form_field(r, "message");
  if( f && f->len ){ m.eml = f->value; m.eml_len = f->len; m.eml_name = f->filename; }
  m.text = form_opt(r, "text");
  m.from_email = form_opt(r, "from_email");
  m.from_name = form_opt(r, "from_name");
  m.subject = form_opt(r, "subject");
  const char *mark;
  int rc;
  if( hd_sent_before(r, "/kasus/", &mark, &rc) ) return rc;   /* sent twice: one case */
  Actor a = req_actor(r);
  Err e = {0};
  Case *c;
  rc = helpdesk_email(r->db, &a, &m, &c, &e);
  if( mark ) sent_form_done(r->office_id, r->username, mark, HELPDESK_SOP, rc==OK ? c->number : 0);
  if( rc!=OK ) return hd_hub(r, &e, http_status_of(rc));
  const char *to = arena_printf(&r->arena, "/kasus/%t?ok=%t", c->number, N_("Case opened"));
  case_free(c);
  return reply_redirect(r, to);
}

/* ---- the phone desk ---- */

/* Today's calls as a table. */
static void hd_calls_table(Req *r, const PhoneCall *calls, int n){
  web_scroll_open(r, "div", "table-wrap", T(r, "Today's calls"));
  out(r, "<table class=\"calls\"><thead><tr><th>%h</th><th>%h</th><th>%h</th><th>%h</th><th>%h</th><th>%h</th></tr></thead><tbody>",
      T(r, "Arrived"), T(r, "Answered after"), T(r, "Caller"), T(r, "Question"), T(r, "Result"), T(r, "Officer"));
  for(int i=0; i<n; i++){
    const PhoneCall *c = &calls[i];
    out(r, "<tr><td class=\"when\">%h</td><td>", web_time(r, c->arrived_at));
    if( c->answered_at ){
      int64_t s = c->answered_at - c->arrived_at;
      out(r, "<span class=\"tag %R\">%h</span>", s<=10 ? "ok" : "bad", hd_secs(r, s));
    }else out(r, "—");
    out(r, "</td><td>%h<br><span class=\"muted\">%h</span></td><td>%h</td><td>", c->caller_name, c->caller_org, c->question);
    if( !strcmp(c->status, "missed") ) out(r, "<span class=\"tag bad\">%h</span>", T(r, "Missed"));
    else if( !strcmp(c->status, "answered") ) out(r, "<a href=\"/telepon/panggilan/%lld\">%h</a>", (long long)c->id, T(r, "On the line"));
    else{
      out(r, "<a href=\"/kasus/%t\">%h</a> · %h", c->case_number, c->case_number, c->consultation_number);
      if( c->ticket_number[0] ) out(r, "<br>%h <a href=\"/kasus/%t\">%h</a>", T(r, "Ticket"), c->ticket_number, c->ticket_number);
      else out(r, "<br><span class=\"tag ok\">%h</span>", T(r, "Answered on the phone"));
    }
    out(r, "</td><td>%h</td></tr>", c->handled_by);
  }
  if( n==0 ) out(r, "<tr><td colspan=\"6\" class=\"muted\">%h</td></tr>", T(r, "No calls yet"));
  out(r, "</tbody></table></div>");
}

/* GET /telepon: the desk kept open during calls: a new call's form, today's calls. */
int page_phone(Req *r){
  page_begin(r, "Phone desk");
  out(r, "<section class=\"card phone-new\"><h2>%h</h2><p>%h</p>"
         "<p><a class=\"button\" id=\"incoming\" href=\"/telepon/baru\">%h</a></p></section>",
      T(r, "A call comes in"), T(r, "Open the call form as the phone rings: the call's arrival is stamped when it opens, and the answer standard (10 seconds) counts from there."),
      T(r, "Incoming call"));
  char today[11];
  int64_t from;
  register_today(today, time_now(), r->office_tz);
  time_parse_day(today, r->office_tz, &from);
  PhoneCall *calls;
  int n;
  out(r, "<h2>%h</h2>", T(r, "Today's calls"));
  if( phone_list(r->db, r->office_id, from, from+86400, &calls, &n, &r->arena)==OK ) hd_calls_table(r, calls, n);
  out(r, "<p><a href=\"/telepon/rekap\">%h</a></p>", T(r, "Recap of phone cases"));
  return page_end(r, 200);
}

/* GET /telepon/baru: the form as the phone rings, its arrival stamped now. */
int page_phone_new(Req *r){
  char stamp[PHONE_STAMP_MAX];
  int64_t now = time_now();
  phone_stamp(stamp, r->office_id, r->user_id, now);
  page_begin(r, "Incoming call");
  out(r, "<section class=\"card ringing\"><h2>%h</h2><p>%h <strong class=\"arrived\">%h</strong></p>"
         "<form method=\"post\" action=\"/telepon/angkat\" class=\"actions\">",
      T(r, "The phone is ringing"), T(r, "Arrived:"), web_time(r, now));
  csrf_input(r);
  out(r, "<input type=\"hidden\" name=\"stamp\" value=\"%h\">"
         "<button type=\"submit\" name=\"missed\" value=\"0\" id=\"pick-up\">%h</button>"
         "<button type=\"submit\" name=\"missed\" value=\"1\" class=\"secondary\">%h</button></form></section>",
      stamp, T(r, "Pick up"), T(r, "Not picked up"));
  return page_end(r, 200);
}

/* POST /telepon/angkat stamp, missed: the call is picked up (or missed). */
int page_phone_answer(Req *r){
  Actor a = req_actor(r);
  Err e = {0};
  PhoneCall c;
  int missed = util_str_eq(form_trimmed(r, "missed"), "1");
  int rc = phone_answer(r->db, &a, r->user_id, form_trimmed(r, "stamp"), missed, &c, &r->arena, &e);
  if( rc!=OK ){
    page_begin(r, "Phone desk");
    hd_error(r, &e, 0);
    out(r, "<p><a class=\"button\" href=\"/telepon/baru\">%h</a></p>", T(r, "Incoming call"));
    return page_end(r, http_status_of(rc));
  }
  if( missed ) return reply_redirect(r, arena_printf(&r->arena, "/telepon?ok=%t", N_("Missed call recorded")));
  return reply_redirect(r, arena_printf(&r->arena, "/telepon/panggilan/%lld", (long long)c.id));
}

/* The call of the path (this office); 404 answered when none. */
static int hd_call(Req *r, PhoneCall *c){
  int64_t id = util_id(req_param(r, "id"));
  int rc = id>0 ? phone_get(r->db, r->office_id, id, c, &r->arena) : ERR_NOTFOUND;
  if( rc!=OK ) reply_error(r, 404, "not_found", 0, "Not found");
  return rc;
}

/* The call page: the caller lookup and the consultation form, or what came of the call. */
static int hd_call_page(Req *r, const PhoneCall *c, const Err *e, int status){
  page_begin(r, "Phone call");
  hd_error(r, e, phone_fields);
  out(r, "<section class=\"card\"><dl class=\"facts\"><dt>%h</dt><dd class=\"arrived\">%h</dd><dt>%h</dt><dd class=\"answered\">",
      T(r, "Arrived"), web_time(r, c->arrived_at), T(r, "Answered after"));
  if( c->answered_at ){
    int64_t s = c->answered_at - c->arrived_at;
    out(r, "<span class=\"tag %R\" id=\"answer-seconds\">%h</span> <span class=\"muted\">(%h: 10 %h)</span>",
        s<=10 ? "ok" : "bad", hd_secs(r, s), T(r, "standard"), T(r, "s"));
  }
  out(r, "</dd></dl></section>");
  if( !strcmp(c->status, "missed") ){
    out(r, "<p class=\"notice error\">%h</p><p><a class=\"button\" href=\"/telepon\">%h</a></p>", T(r, "Missed"),
        T(r, "Back to the phone desk"));
    return page_end(r, status);
  }
  if( strcmp(c->status, "answered") ){
    out(r, "<section class=\"card result\" id=\"result\"><h2>%h</h2><dl class=\"facts\">", T(r, "The call is written up"));
    out(r, "<dt>%h</dt><dd><a href=\"/kasus/%t\">%h</a></dd>", T(r, "Case"), c->case_number, c->case_number);
    out(r, "<dt>%h</dt><dd id=\"form-number\"><a href=\"/register/consultation?q=%t\">%h</a></dd>", T(r, "Consultation form"),
        c->consultation_number, c->consultation_number);
    if( c->ticket_number[0] ){
      out(r, "<dt>%h</dt><dd id=\"ticket-number\"><strong><a href=\"/kasus/%t\">%h</a></strong></dd>",
          T(r, "Ticket number for the caller"), c->ticket_number, c->ticket_number);
    }else out(r, "<dt>%h</dt><dd>%h</dd>", T(r, "Answer"), c->answer);
    out(r, "</dl><p><a class=\"button\" href=\"/telepon\">%h</a></p></section>", T(r, "Back to the phone desk"));
    return page_end(r, status);
  }
  /* the caller lookup: a GET on this page keeps what is typed in the form below only when posted,
  ** so it comes first, before the officer writes */
  const char *q = query_trimmed(r, "q");
  out(r, "<section class=\"card\"><h2>%h</h2><form method=\"get\" action=\"/telepon/panggilan/%lld\" class=\"filters\" role=\"search\">"
         "<div><label for=\"q\">%h</label><input id=\"q\" name=\"q\" type=\"search\" value=\"%h\" maxlength=\"100\"></div>"
         "<div><button type=\"submit\">%h</button></div></form>",
      T(r, "Who is calling?"), (long long)c->id, T(r, "Name, NIP, NIK, NPWP, e-mail or phone"), q, T(r, "Look up"));
  const Party *pick = 0;
  const char *pz = query_trimmed(r, "party");
  if( *q ){
    Party *ps;
    int n;
    PartyFilter pf = { .office_id = r->office_id, .q = q, .limit = 10 };
    if( party_search(r->db, &pf, &ps, &n, &r->arena)==OK ){
      if( n==0 ) out(r, "<p class=\"muted\">%h</p>", T(r, "Not found: write the caller's details below"));
      out(r, "<ul class=\"callers\">");
      for(int i=0; i<n; i++){
        out(r, "<li><a href=\"/telepon/panggilan/%lld?q=%t&amp;party=%lld\">%h</a> <span class=\"muted\">%h %h %h %h</span>",
            (long long)c->id, q, (long long)ps[i].id, ps[i].v[PF_NAME], ps[i].v[PF_NIP], ps[i].v[PF_NPWP],
            ps[i].v[PF_EMAIL], ps[i].v[PF_PHONE]);
        if( util_id(pz)==ps[i].id ) pick = &ps[i];
        PartyCase *cs;
        int nc;
        if( party_cases(r->db, r->office_id, ps[i].id, 5, &cs, &nc, &r->arena)==OK && nc ){
          out(r, "<ul class=\"earlier\">");
          for(int k=0; k<nc; k++){
            out(r, "<li><a href=\"/kasus/%t\">%h</a> %h <span class=\"tag\">%h</span> <span class=\"muted\">%h</span></li>",
                cs[k].number, cs[k].number, cs[k].subject, web_case_status(r, cs[k].status), web_time(r, cs[k].opened_at));
          }
          out(r, "</ul>");
        }
        out(r, "</li>");
      }
      out(r, "</ul>");
    }
  }
  out(r, "</section>");
  /* the consultation form */
  const char *name = hd_posted(r, "requester.name", pick && !strcmp(pick->v[PF_KIND], "person") ? pick->v[PF_NAME] : "");
  const char *org = hd_posted(r, "requester.org_name", pick && !strcmp(pick->v[PF_KIND], "org") ? pick->v[PF_NAME] : "");
  out(r, "<form method=\"post\" action=\"/telepon/panggilan/%lld\" class=\"card consultation\"><h2>%h</h2>", (long long)c->id,
      T(r, "Consultation form"));
  csrf_input(r);
  out(r, "<div class=\"pair\">");
  hd_input(r, "requester.name", N_("Caller's name"), "text", name, 0, e);
  hd_input(r, "requester.org_name", N_("Organisation"), "text", org, 0, e);
  /* the identifiers as the form to open a case has them: their length and how many digits */
  field_input_hint(r, e, "h-", "requester.nip", N_("NIP"), "text", hd_posted(r, "requester.nip", pick ? pick->v[PF_NIP] : ""),
                   arena_printf(&r->arena, " maxlength=\"32\"%R", input_hints(r, "nip")), N_("NIP: 18 digits, for civil servants"));
  field_input_hint(r, e, "h-", "requester.nik", N_("NIK"), "text", hd_posted(r, "requester.nik", pick ? pick->v[PF_NIK] : ""),
                   arena_printf(&r->arena, " maxlength=\"24\"%R", input_hints(r, "nik")), N_("NIK: 16 digits"));
  field_input_hint(r, e, "h-", "requester.npwp", N_("NPWP"), "text", hd_posted(r, "requester.npwp", pick ? pick->v[PF_NPWP] : ""),
                   arena_printf(&r->arena, " maxlength=\"32\"%R", input_hints(r, "npwp")), N_("NPWP: 15 digits (old form) or 16 digits"));
  hd_input(r, "requester.email", N_("E-mail"), "text", hd_posted(r, "requester.email", pick ? pick->v[PF_EMAIL] : ""), 0, e);
  hd_input(r, "requester.phone", N_("Phone"), "tel", hd_posted(r, "requester.phone", pick ? pick->v[PF_PHONE] : ""), 0, e);
  out(r, "</div>");
  hd_area(r, "question", N_("Question / problem"), hd_posted(r, "question", ""), 1, e);
  hd_area(r, "answer", N_("Answer / solution given on the phone"), hd_posted(r, "answer", ""), 0, e);
  out(r, "<fieldset class=\"group\"><legend>%h</legend><div class=\"pair\">", T(r, "When it cannot be answered now: the priority table"));
  const char *u = hd_posted(r, "urgency", "tidak_mendesak"), *im = hd_posted(r, "impact", "kecil");
  out(r, "<div class=\"field\"><label for=\"h-urgency\">%h</label><select id=\"h-urgency\" name=\"urgency\">"
         "<option value=\"tidak_mendesak\"%R>%h</option><option value=\"mendesak\"%R>%h</option></select></div>",
      T(r, "Urgency"), strcmp(u, "mendesak") ? " selected" : "", T(r, "Not urgent"), strcmp(u, "mendesak") ? "" : " selected", T(r, "Urgent"));
  out(r, "<div class=\"field\"><label for=\"h-impact\">%h</label><select id=\"h-impact\" name=\"impact\">"
         "<option value=\"kecil\"%R>%h</option><option value=\"sedang\"%R>%h</option><option value=\"besar\"%R>%h</option></select></div>",
      T(r, "Impact"), !strcmp(im, "kecil") ? " selected" : "", T(r, "Small"), !strcmp(im, "sedang") ? " selected" : "", T(r, "Medium"),
      !strcmp(im, "besar") ? " selected" : "", T(r, "Large"));
  out(r, "</div></fieldset><div class=\"actions\"><button type=\"submit\" name=\"outcome\" value=\"answer\" id=\"answered\">%h</button>"
         "<button type=\"submit\" name=\"outcome\" value=\"ticket\" class=\"secondary\" id=\"ticket\">%h</button></div></form>",
      T(r, "Answered: archive the form and close"), T(r, "Cannot answer now: give form and ticket numbers"));
  return page_end(r, status);
}

/* GET /telepon/panggilan/:id */
int page_phone_call(Req *r){
  PhoneCall c;
  if( hd_call(r, &c)!=OK ) return OK;
  return hd_call_page(r, &c, 0, 200);
}

/* POST /telepon/panggilan/:id: the form is written; the answer, or a ticket. */
int page_phone_finish(Req *r){
  PhoneCall c;
  if( hd_call(r, &c)!=OK ) return OK;
  PhoneForm f;
  memset(&f, 0, sizeof f);
  f.caller.name = form_opt(r, "requester.name");
  f.caller.org_name = form_opt(r, "requester.org_name");
  f.caller.nip = form_opt(r, "requester.nip");
  f.caller.nik = form_opt(r, "requester.nik");
  f.caller.npwp = form_opt(r, "requester.npwp");
  f.caller.email = form_opt(r, "requester.email");
  f.caller.phone = form_opt(r, "requester.phone");
  f.question = form_opt(r, "question");
  int ticket = util_str_eq(form_trimmed(r, "outcome"), "ticket");
  f.answer = ticket ? 0 : form_opt(r, "answer");
  f.urgency = form_opt(r, "urgency");
  f.impact = form_opt(r, "impact");
  Err e = {0};
  if( !ticket && f.answer==0 ){
    ERR_SET(&e, "answer", N_("Write the answer given, or choose to give a ticket"));
    Err more = {0};   /* and whatever else the form has wrong */
    phone_check(&f, &more);
    err_merge(&e, &more);
    return hd_call_page(r, &c, &e, 400);
  }
  Actor a = req_actor(r);
  PhoneCall done;
  int rc = phone_finish(r->db, &a, r->office_tz, c.id, &f, &done, &r->arena, &e);
  if( rc!=OK ) return hd_call_page(r, &c, &e, http_status_of(rc));
  return reply_redirect(r, arena_printf(&r->arena, "/telepon/panggilan/%lld", (long long)c.id));
}

/* GET /telepon/rekap?bulan=YYYY-MM | ?hari=YYYY-MM-DD: Rekap Penanganan Permasalahan Melalui Telepon. */
int page_phone_recap(Req *r){
  const char *day = query_trimmed(r, "hari");
  page_begin(r, "Recap of phone cases");
  page_print_head(r, T(r, "Recap of phone cases"));
  if( *day ){
    int64_t from;
    if( time_parse_day(day, r->office_tz, &from)!=OK ){
      page_notice(r, "error", T(r, "Write a real date from 1970 on, as YYYY-MM-DD"));
      return page_end(r, 400);
    }
    PhoneCall *calls;
    int n;
    out(r, "<h2>%h</h2>", web_day(r, day));
    if( phone_list(r->db, r->office_id, from, from+86400, &calls, &n, &r->arena)==OK ) hd_calls_table(r, calls, n);
    char month[8];
    snprintf(month, sizeof month, "%.7s", day);
    out(r, "<p class=\"no-print\"><a href=\"/telepon/rekap?bulan=%t\">%h</a></p>", month, T(r, "The month"));
    return page_end(r, 200);
  }
  const char *month = query_trimmed(r, "bulan");
  char cur[11];
  if( *month==0 ){ register_today(cur, time_now(), r->office_tz); cur[7] = 0; month = cur; }
  out(r, "<form class=\"filters card\" method=\"get\" action=\"/telepon/rekap\"><div><label for=\"bulan\">%h</label>"
         "<input id=\"bulan\" name=\"bulan\" type=\"month\" value=\"%h\"></div><div><button type=\"submit\">%h</button></div></form>",
      T(r, "Month"), month, T(r, "Show"));
  PhoneDay *days, total;
  int n;
  Err e = {0};
  if( phone_recap(r->db, r->office_id, r->office_tz, month, &days, &n, &total, &r->arena, &e)!=OK ){
    hd_error(r, &e, 0);
    return page_end(r, 400);
  }
  out(r, "<h2>%h</h2>", web_month(r, month, 0));
  web_scroll_open(r, "div", "table-wrap", web_month(r, month, 0));
  out(r, "<table class=\"recap\"><thead><tr><th>%h</th><th>%h</th><th>%h</th><th>%h</th><th>%h</th>"
         "<th>%h</th><th>%h</th></tr></thead><tbody>", T(r, "Day"), T(r, "Calls"), T(r, "Missed"),
      T(r, "Answered within 10 s"), T(r, "Answered on the phone"), T(r, "Ticket"), T(r, "Average answer time"));
  for(int i=0; i<=n; i++){
    const PhoneDay *d = i<n ? &days[i] : &total;
    if( i<n ) out(r, "<tr><td><a href=\"/telepon/rekap?hari=%t\">%h</a></td>", d->day, web_day(r, d->day));
    else out(r, "<tr class=\"total\"><th>%h</th>", T(r, "Month"));
    out(r, "<td class=\"num\">%d</td><td class=\"num\">%d</td><td class=\"num\">%d / %d</td><td class=\"num\">%d</td><td class=\"num\">%d</td><td>%h</td></tr>",
        d->calls, d->missed, d->answered_in_standard, d->answered, d->solved, d->ticket,
        d->answered ? hd_secs(r, d->answer_s_total/d->answered) : "—");
  }
  page_signatures_row(r, 7, N_("Acknowledged by"), N_("Head of LPSE (Ketua)"), N_("Officer"));
  out(r, "</tbody></table></div>");
  return page_end(r, 200);
}

/* ---- the bidding room ---- */

/* GET /ruang-bidding: who is in, with which trainer, for how long; a provider reports in. */
static int hd_board(Req *r, const Err *e, int status){
  page_begin(r, "Bidding room");
  hd_error(r, e, bidding_fields);
  BiddingVisit *v;
  int n;
  int64_t now = time_now();
  out(r, "<div class=\"table-wrap\"><table class=\"board\"><thead><tr><th>%h</th><th>%h</th><th>%h</th><th>%h</th><th>%h</th></tr></thead><tbody>",
      T(r, "Provider"), T(r, "Since"), T(r, "In the room"), T(r, "Trainer"), T(r, "Step"));
  if( bidding_board(r->db, r->office_id, &v, &n, &r->arena)==OK ){
    for(int i=0; i<n; i++){
      out(r, "<tr><td><a href=\"/ruang-bidding/%t\">%h</a><br><span class=\"muted\">%h</span></td><td class=\"when\">%h</td>"
             "<td class=\"num\">%lld %h</td><td>%h</td><td>%d. %h</td></tr>",
          v[i].case_number, v[i].provider, v[i].organisation, web_time(r, v[i].arrived_at),
          (long long)((now - v[i].arrived_at)/60), T(r, "min"), v[i].trainer[0] ? v[i].trainer : "—", v[i].current_step,
          web_lang_en(r) && v[i].step_title_en ? v[i].step_title_en : v[i].step_title);
    }
    if( n==0 ) out(r, "<tr><td colspan=\"5\" class=\"muted\">%h</td></tr>", T(r, "Nobody is in the room"));
  }
  out(r, "</tbody></table></div>");
  if( !route_allows(r, "POST", "/ruang-bidding") ) return page_end(r, status);
  out(r, "<section class=\"card no-print\"><h2>%h</h2><form method=\"post\" action=\"/ruang-bidding\"><div class=\"pair\">", T(r, "A provider reports in"));
  csrf_input(r);
  sent_form_field_to(r, "/ruang-bidding");
  hd_input(r, "name", N_("Name"), "text", hd_posted(r, "name", ""), 1, e);
  hd_input(r, "organisation", N_("Company"), "text", hd_posted(r, "organisation", ""), 0, e);
  hd_input(r, "npwp", N_("NPWP"), "text", hd_posted(r, "npwp", ""), 0, e);
  hd_input(r, "phone", N_("Phone"), "tel", hd_posted(r, "phone", ""), 0, e);
  /* where the provider is told of an escalation at step 10 and of LKPP's answer, as the API takes it */
  hd_input(r, "email", N_("E-mail"), "email", hd_posted(r, "email", ""), 0, e);
  out(r, "</div><button type=\"submit\">%h</button></form></section>", T(r, "Fill the guest book and start"));
  return page_end(r, status);
}

/* GET /ruang-bidding */
int page_bidding(Req *r){
  return hd_board(r, 0, 200);
}

/* POST /ruang-bidding: a provider reports in. */
int page_bidding_open(Req *r){
  BiddingNew in;
  memset(&in, 0, sizeof in);
  in.name = form_opt(r, "name");
  in.organisation = form_opt(r, "organisation");
  in.npwp = form_opt(r, "npwp");
  in.phone = form_opt(r, "phone");
  in.email = form_opt(r, "email");
  const char *mark;
  int rc;
  if( hd_sent_before(r, "/ruang-bidding/", &mark, &rc) ) return rc;   /* sent twice: one visit */
  Actor a = req_actor(r);
  Err e = {0};
  Case *c;
  rc = bidding_open(r->db, &a, r->office_tz, &in, &c, &e);
  if( mark ) sent_form_done(r->office_id, r->username, mark, BIDDING_SOP, rc==OK ? c->number : 0);
  if( rc!=OK ) return hd_board(r, &e, http_status_of(rc));
  const char *to = arena_printf(&r->arena, "/ruang-bidding/%t", c->number);
  case_free(c);
  return reply_redirect(r, to);
}

/* The visit page: the open step's question, the trainer, what happened so far. */
static int hd_visit_page(Req *r, Case *c, const Err *e, int status){
  BiddingVisit v;
  if( bidding_get(r->db, c, &v, &r->arena)!=OK ) return reply_error(r, 404, "not_found", 0, "Not found");
  page_begin(r, "Bidding-room visit");
  hd_error(r, e, visit_fields);
  int64_t until = v.left_at ? v.left_at : time_now();
  out(r, "<section class=\"card\"><dl class=\"facts\"><dt>%h</dt><dd>%h%h%h</dd><dt>%h</dt><dd>%h</dd><dt>%h</dt><dd>%lld %h</dd>"
         "<dt>%h</dt><dd><a href=\"/kasus/%t\">%h</a></dd></dl></section>",
      T(r, "Provider"), v.provider, v.organisation && *v.organisation ? " · " : "", v.organisation ? v.organisation : "", T(r, "Since"), web_time(r, v.arrived_at), T(r, "In the room"),
      (long long)((until - v.arrived_at)/60), T(r, "min"), T(r, "Case"), c->number, c->number);
  const Procedure *p = case_procedure(r->db, c->procedure_id);
  const Step *s = p && c->current_step ? procedure_step(p, c->current_step) : 0;
  /* the visit stays readable to who may read the case; its forms are for who may send them */
  int work = route_allows(r, "POST", arena_printf(&r->arena, "/ruang-bidding/%t/trainer", c->number));
  if( s && !work ){
    out(r, "<section class=\"card\"><h2>%d. %h</h2>", s->no, web_step_text(r, s));
    if( v.trainer && *v.trainer ) out(r, "<p>%h: %h</p>", T(r, "Trainer"), v.trainer);
    out(r, "</section>");
  }else if( s ){
    out(r, "<section class=\"card\"><h2>%d. %h</h2>", s->no, web_step_text(r, s));
    out(r, "<form method=\"post\" action=\"/ruang-bidding/%t/langkah/%d\">", c->number, s->no);
    csrf_input(r);
    /* what was done or said at the step (the problem handled at 9, LKPP's ticket at 10), kept on an error */
    hd_area(r, "note", N_("Note"), hd_posted(r, "note", ""), 0, e);
    out(r, "<div class=\"actions\">");
    if( s->question ){
      web_step_question(r, s);   /* its English under it on an English page, as the case's page */
      out(r, "<button type=\"submit\" name=\"outcome\" value=\"yes\">%h</button>"
             "<button type=\"submit\" name=\"outcome\" value=\"no\" class=\"secondary\">%h</button>", T(r, "Yes"), T(r, "No"));
    }else out(r, "<button type=\"submit\" name=\"outcome\" value=\"done\">%h</button>", T(r, "Done"));
    out(r, "</div></form>");
    if( s->no==10 && route_allows(r, "POST", arena_printf(&r->arena, "/kasus/%t/eskalasi", c->number)) ){
      out(r, "<p><a href=\"/kasus/%t/eskalasi\">%h</a></p>", c->number, T(r, "Escalate to LKPP"));
    }
    out(r, "</section><section class=\"card\"><h2>%h</h2><form method=\"post\" action=\"/ruang-bidding/%t/trainer\" class=\"filters\">",
        T(r, "Trainer"), c->number);
    csrf_input(r);
    UserRow *us;
    int nu;
    /* no trainer yet: the empty choice shows it, not the first name of the list as if it were them */
    out(r, "<div><label for=\"trainer\">%h</label><select id=\"trainer\" name=\"trainer\" required%R><option value=\"\"%R>—</option>",
        T(r, "Trainer"), field_attrs(r, e, "trainer"), v.trainer && *v.trainer ? "" : " selected");
    int listed = 0;
    const char *saved = v.trainer;   /* the current one's name as the list writes it */
    if( user_list(r->db, r->office_id, "", "active", 200, &us, &nu, &r->arena)==OK ){
      for(int i=0; i<nu; i++){
        int mine = util_str_eq(us[i].username, v.trainer);
        const char *name = us[i].full_name && *us[i].full_name ? us[i].full_name : us[i].username;
        if( mine ) saved = name;
        /* the trainers: the set bidding_trainer takes */
        if( !(us[i].roles & (1u<<ROLE_TRAINER)) ) continue;
        listed |= mine;
        out(r, "<option value=\"%h\"%R>%h</option>", us[i].username, mine ? " selected" : "", name);
      }
    }
    /* one saved who is not a trainer (an administrator or help desk named before trainers had to
    ** hold the role, or one no longer active): the current value, not a choice to send again */
    int stale = v.trainer && *v.trainer && !listed;
    if( stale ) out(r, "<option value=\"\" selected disabled>%h</option>", saved);
    out(r, "</select>");
    if( stale ) out(r, "<p class=\"hint muted\" id=\"trainer-stale\">%h</p>",
                    T(r, "The current trainer does not hold the trainer role (or is no longer active): choose a trainer"));
    field_error(r, e, "trainer");
    out(r, "</div><div><button type=\"submit\">%h</button></div></form></section>", T(r, "Assign"));
  }else{
    out(r, "<p class=\"notice ok\">%h</p>", T(r, "The visit has ended: the provider reported out"));
  }
  out(r, "<p><a href=\"/ruang-bidding\">%h</a></p>", T(r, "Bidding room"));
  return page_end(r, status);
}

/* GET /ruang-bidding/:number */
int page_bidding_visit(Req *r){
  Case *c = case_from_path(r);
  if( c==0 ) return OK;
  int rc = hd_visit_page(r, c, 0, 200);
  case_free(c);
  return rc;
}

/* POST /ruang-bidding/:number/langkah/:no outcome */
int page_bidding_step(Req *r){
  Case *c = case_from_path(r);
  if( c==0 ) return OK;
  Actor a = req_actor(r);
  Err e = {0};
  int64_t no = util_id(req_param(r, "no"));   /* "1.5" or "1x" is no step: not step 1 */
  int rc = bidding_step(r->db, &a, r->roles, c, no<=999 ? (int)no : 0, form_trimmed(r, "outcome"), form_opt(r, "note"), &e);
  if( rc!=OK ){ rc = hd_visit_page(r, c, &e, http_status_of(rc)); case_free(c); return rc; }
  const char *to = arena_printf(&r->arena, "/ruang-bidding/%t", c->number);
  case_free(c);
  return reply_redirect(r, to);
}

/* POST /ruang-bidding/:number/trainer trainer */
int page_bidding_trainer(Req *r){
  Case *c = case_from_path(r);
  if( c==0 ) return OK;
  Actor a = req_actor(r);
  Err e = {0};
  int rc = bidding_trainer(r->db, &a, c, form_trimmed(r, "trainer"), r->lang, &r->arena, &e);
  if( rc!=OK ){ rc = hd_visit_page(r, c, &e, http_status_of(rc)); case_free(c); return rc; }
  const char *to = arena_printf(&r->arena, "/ruang-bidding/%t", c->number);
  case_free(c);
  return reply_redirect(r, to);
}

/* ---- .rhs bid files ---- */

/* POST /rhs: the Pokja's report, from the hub. */
int page_rhs_open(Req *r){
  RhsNew in;
  memset(&in, 0, sizeof in);
  in.tender_code = form_opt(r, "tender_code");
  in.provider = form_opt(r, "provider");
  in.pokja.name = form_opt(r, "requester.name");
  in.pokja.email = form_opt(r, "requester.email");
  const char *mark;
  int rc;
  if( hd_sent_before(r, "/rhs/", &mark, &rc) ) return rc;   /* sent twice: one case */
  Actor a = req_actor(r);
  Err e = {0};
  Case *c;
  rc = rhs_open(r->db, &a, &in, &c, &e);
  if( mark ) sent_form_done(r->office_id, r->username, mark, RHS_SOP, rc==OK ? c->number : 0);
  if( rc!=OK ) return hd_hub(r, &e, http_status_of(rc));
  const char *to = arena_printf(&r->arena, "/rhs/%t", c->number);
  case_free(c);
  return reply_redirect(r, to);
}

/* The .rhs page: files, the LPSE's test with the checklist, the request, LKPP's result. */
/* What was found so far: the LPSE's own test (with the causes it checked), the request to
** LKPP, LKPP's result; nothing until the test is recorded. */
static void rhs_results(Req *r, Case *c, const RhsInfo *x){
  if( x->lpse_opened<0 && x->request_at==0 && x->lkpp_opened<0 ) return;
  out(r, "<section class=\"card\" id=\"hasil\"><h2>%h</h2><dl class=\"facts\">", T(r, "Results"));
  if( x->lpse_opened>=0 ){
    out(r, "<dt>%h</dt><dd><strong>%h</strong>, %h%R%h</dd>", T(r, "The LPSE's own opening test"),
        T(r, x->lpse_opened ? "It opens at the LPSE" : "It does not open"), web_time(r, x->lpse_at),
        x->lpse_by && x->lpse_by[0] ? " · " : "", x->lpse_by ? x->lpse_by : "");
    if( x->lpse_causes && x->lpse_causes[0] ){
      out(r, "<dt>%h</dt><dd><ul>", T(r, "Causes checked"));
      for(int i=0; rhs_causes[i].code; i++){
        if( util_has_word(x->lpse_causes, rhs_causes[i].code) ) out(r, "<li>%h</li>", T(r, rhs_causes[i].text));
      }
      out(r, "</ul></dd>");
    }
    if( x->lpse_note && x->lpse_note[0] ) out(r, "<dt>%h</dt><dd>%h</dd>", T(r, "Note"), x->lpse_note);
  }
  if( x->request_at ){
    /* the request is the case's escalation: its LKPP ticket (or the national office's case), where it is followed */
    Escalation *xs;
    int n = 0;
    const Escalation *q = 0;
    if( escalation_list(r->db, c, &xs, &n, &r->arena)==OK ){
      for(int i=0; i<n; i++) if( xs[i].case_id==c->id && !strcmp(xs[i].kind, "permintaan_layanan") ) q = &xs[i];
    }
    out(r, "<dt>%h</dt><dd>%h", T(r, "Request for help to LKPP"), web_time(r, x->request_at));
    if( q && q->external_ticket[0] ) out(r, " · %h %h", T(r, "LKPP ticket"), q->external_ticket);
    else if( q && q->national_case_number ) out(r, " · %h %h", T(r, "Linked case"), q->national_case_number);
    if( q ) out(r, " · <a href=\"/kasus/%t/eskalasi\">%h</a>", c->number, T(r, "Escalation to LKPP"));
    out(r, "</dd>");
  }
  if( x->lkpp_opened>=0 ){
    out(r, "<dt>%h</dt><dd><strong>%h</strong>, %h</dd>", T(r, "LKPP's result"),
        T(r, x->lkpp_opened ? "LKPP could open it" : "LKPP could not open it"), web_time(r, x->lkpp_at));
    if( x->lkpp_note && x->lkpp_note[0] ) out(r, "<dt>%h</dt><dd>%h</dd>", T(r, "Note"), x->lkpp_note);
  }
  out(r, "</dl></section>");
}

/* The page of an .rhs case (OI-06), with the errors of a form sent (e) and the status to answer. */
static int hd_rhs_page(Req *r, Case *c, const Err *e, int status){
  RhsInfo x;
  if( rhs_get(r->db, c, &x, &r->arena)!=OK ) return reply_error(r, 404, "not_found", 0, "Not found");
  page_begin(r, ".rhs bid file");
  /* the fields of the forms drawn below for this step, whose errors are shown under them */
  int work = route_allows(r, "POST", arena_printf(&r->arena, "/rhs/%t/uji", c->number));
  int step = work && !strcmp(c->status, "open") ? c->current_step : 0;
  const char *fields[4] = { 0 };
  int nf = 0;
  if( work && strcmp(c->status, "archived") ) fields[nf++] = "file";
  if( step>=2 && step<=6 ) fields[nf++] = "note";
  if( step==3 ) fields[nf++] = "external_ticket";
  hd_error(r, e, fields);
  out(r, "<section class=\"card\"><dl class=\"facts\"><dt>%h</dt><dd><a href=\"/kasus/%t\">%h</a> (%h)</dd><dt>%h</dt><dd>%h</dd>"
         "<dt>%h</dt><dd>%h</dd></dl></section>", T(r, "Case"), c->number, c->number, web_case_status(r, c->status), T(r, "Tender code"),
      x.tender_code, T(r, "Provider"), x.provider);
  out(r, "<section class=\"card\"><h2>%h</h2>", T(r, "Files"));
  if( x.nfiles==0 ) out(r, "<p class=\"muted\" id=\"no-files\">%h</p>", T(r, "No file yet: the Pokja's .rhs file is uploaded here for the LPSE's own test."));
  else{
    out(r, "<div class=\"table-wrap\"><table><thead><tr><th>%h</th><th>%h</th><th>SHA-256</th></tr></thead><tbody>",
        T(r, "Name"), T(r, "Size (bytes)"));
    for(int i=0; i<x.nfiles; i++){
      out(r, "<tr><td><a href=\"/rhs/%t/berkas/%lld\">%h</a></td><td class=\"num\">%lld</td><td class=\"mono\">%h</td></tr>",
          c->number, (long long)x.files[i].id, x.files[i].name, (long long)x.files[i].size, x.files[i].sha256);
    }
    out(r, "</tbody></table></div>");
  }
  /* the record stays readable to who may read the case; its forms are for who may send them */
  if( work && strcmp(c->status, "archived") ){
    out(r, "<form method=\"post\" action=\"/rhs/%t/berkas\" enctype=\"multipart/form-data\" class=\"filters\">", c->number);
    csrf_input(r);
    out(r, "<div><label for=\"h-file\">%h</label><input id=\"h-file\" name=\"file\" type=\"file\" accept=\".rhs\" required%R></div>"
           "<div><button type=\"submit\">%h</button></div></form>", T(r, "The .rhs file the Pokja could not open"),
        field_attrs(r, e, "file"), T(r, "Upload"));
    field_error(r, e, "file");
  }
  out(r, "</section>");
  rhs_results(r, c, &x);
  if( work && !strcmp(c->status, "open") && c->current_step==2 ){
    out(r, "<section class=\"card\"><h2>%h</h2><form method=\"post\" action=\"/rhs/%t/uji\"><fieldset class=\"group\"><legend>%h</legend>",
        T(r, "The LPSE's own opening test"), c->number, T(r, "Known causes: check each"));
    csrf_input(r);
    for(int i=0; rhs_causes[i].code; i++){
      /* ticked again when the form comes back with an error */
      int ticked = form_trimmed(r, arena_printf(&r->arena, "cause_%s", rhs_causes[i].code))!=0;
      out(r, "<label class=\"check\"><input type=\"checkbox\" name=\"cause_%h\" value=\"1\"%R> %h</label>", rhs_causes[i].code,
          ticked ? " checked" : "", T(r, rhs_causes[i].text));
    }
    out(r, "</fieldset>");
    hd_area(r, "note", N_("Note"), hd_posted(r, "note", ""), 0, e);
    out(r, "<div class=\"actions\"><button type=\"submit\" name=\"opened\" value=\"1\">%h</button>"
           "<button type=\"submit\" name=\"opened\" value=\"0\" class=\"secondary\">%h</button></div></form></section>",
        T(r, "It opens at the LPSE"), T(r, "It does not open"));
  }
  if( work && !strcmp(c->status, "open") && c->current_step==3 ){
    out(r, "<section class=\"card\"><h2>%h</h2><form method=\"post\" action=\"/rhs/%t/minta\">", T(r, "Request for help to LKPP"), c->number);
    csrf_input(r);
    hd_input(r, "external_ticket", N_("LKPP's ticket number (when LKPP is not an office here)"), "text", hd_posted(r, "external_ticket", ""), 0, e);
    hd_area(r, "note", N_("Note"), hd_posted(r, "note", ""), 0, e);
    out(r, "<button type=\"submit\">%h</button></form></section>", T(r, "Send the request"));
  }
  if( work && !strcmp(c->status, "open") && c->current_step>=4 && c->current_step<=6 ){
    out(r, "<section class=\"card\"><h2>%h</h2><form method=\"post\" action=\"/rhs/%t/hasil\">", T(r, "LKPP's result"), c->number);
    csrf_input(r);
    hd_area(r, "note", N_("Note"), hd_posted(r, "note", ""), 0, e);
    out(r, "<div class=\"actions\"><button type=\"submit\" name=\"opened\" value=\"1\">%h</button>"
           "<button type=\"submit\" name=\"opened\" value=\"0\" class=\"secondary\">%h</button></div></form></section>",
        T(r, "LKPP could open it"), T(r, "LKPP could not open it"));
  }
  if( x.conclusion>=0 ) out(r, "<p><a class=\"button\" href=\"/rhs/%t/pernyataan\">%h</a></p>", c->number, T(r, "The LPSE's written statement"));
  return page_end(r, status);
}

/* GET /rhs/:number */
int page_rhs(Req *r){
  Case *c = case_from_path(r);
  if( c==0 ) return OK;
  int rc = hd_rhs_page(r, c, 0, 200);
  case_free(c);
  return rc;
}

/* After an .rhs action: back to the page, or the page with the error, drawn from the case as
** stored (an action refused after it completed a step in memory, as the request without LKPP's
** ticket does, was rolled back: its form is drawn again, not the next step's). */
static int hd_rhs_done(Req *r, Case *c, int rc, const Err *e, const char *ok){
  if( rc!=OK ){
    Case *n;
    if( case_get(r->db, c->office_id, c->number, &n)==OK ){ case_free(c); c = n; }
    rc = hd_rhs_page(r, c, e, http_status_of(rc));
    case_free(c);
    return rc;
  }
  const char *to = arena_printf(&r->arena, "/rhs/%t?ok=%t", c->number, ok);
  case_free(c);
  return reply_redirect(r, to);
}

/* POST /rhs/:number/berkas (multipart, streamed to disk): keep the file. */
int page_rhs_file(Req *r){
  const Field *f = req_form_field(r, "file");
  Case *c = case_from_path(r);
  if( c==0 ) return OK;
  Actor a = req_actor(r);
  Err e = {0};
  RhsFile out_;
  int rc = rhs_store(r->db, &a, c, f ? f->filename : 0, f ? f->path : 0, f ? (int64_t)f->len : 0, f ? f->sha256 : 0,
                     &out_, &r->arena, &e);
  if( rc==OK ){ Case *n; if( case_get(r->db, c->office_id, c->number, &n)==OK ){ case_free(c); c = n; } }
  return hd_rhs_done(r, c, rc, &e, N_("File kept"));
}

/* GET /rhs/:number/berkas/:id: download a kept file (for the LPSE's own opening test). */
int page_rhs_download(Req *r){
  Case *c = case_from_path(r);
  if( c==0 ) return OK;
  RhsFile f;
  char path[4400];
  int rc = rhs_file_path(r->db, c, util_id(req_param(r, "id")), &f, path, sizeof path, &r->arena);
  case_free(c);
  if( rc!=OK ) return reply_error(r, 404, "not_found", 0, "Not found");
  return reply_file(r, path, "application/octet-stream", f.name);
}

/* POST /rhs/:number/uji opened, cause_*: the LPSE's test. */
int page_rhs_test(Req *r){
  Case *c = case_from_path(r);
  if( c==0 ) return OK;
  Buf causes = BUF_INIT;
  for(int i=0; rhs_causes[i].code; i++){
    if( form_trimmed(r, arena_printf(&r->arena, "cause_%s", rhs_causes[i].code)) ){
      if( causes.n ) buf_putc(&causes, ' ');
      buf_puts(&causes, rhs_causes[i].code);
    }
  }
  Actor a = req_actor(r);
  Err e = {0};
  int rc = rhs_test(r->db, &a, c, util_str_eq(form_trimmed(r, "opened"), "1"), buf_str(&causes), form_opt(r, "note"), &e);
  buf_free(&causes);
  return hd_rhs_done(r, c, rc, &e, N_("Test recorded"));
}

/* POST /rhs/:number/minta: the request for help to LKPP. */
int page_rhs_request(Req *r){
  Case *c = case_from_path(r);
  if( c==0 ) return OK;
  Actor a = req_actor(r);
  Err e = {0};
  Escalation x;
  int rc = rhs_request(r->db, &a, r->office_tz, r->cfg->national_office, c, form_opt(r, "external_ticket"),
                       form_opt(r, "note"), &x, &r->arena, &e);
  return hd_rhs_done(r, c, rc, &e, N_("Request sent to LKPP"));
}

/* POST /rhs/:number/hasil opened: LKPP's result. */
int page_rhs_result(Req *r){
  Case *c = case_from_path(r);
  if( c==0 ) return OK;
  Actor a = req_actor(r);
  Err e = {0};
  int rc = rhs_result(r->db, &a, c, util_str_eq(form_trimmed(r, "opened"), "1"), form_opt(r, "note"), &e);
  return hd_rhs_done(r, c, rc, &e, N_("LKPP's result recorded"));
}

/* A time in the statement's words: Indonesian, as the statement is, whatever the reader's language. */
static const char *statement_time(Req *r, int64_t t){
  char *z = arena_alloc(&r->arena, 64);
  time_fmt_human(z, 64, t, r->office_tz, "id");
  return z;
}

/* GET /rhs/:number/pernyataan: the LPSE's written statement, as a page to print. */
int page_rhs_statement(Req *r){
  Case *c = case_from_path(r);
  if( c==0 ) return OK;
  RhsInfo x;
  if( rhs_get(r->db, c, &x, &r->arena)!=OK ){ case_free(c); return reply_error(r, 404, "not_found", 0, "Not found"); }
  if( x.conclusion<0 ){
    case_free(c);
    return reply_error(r, 409, "conflict", 0, "There is no result yet: the statement is written once the file was opened at the LPSE or LKPP's result is in");
  }
  Office o;
  office_get(r->db, r->office_id, &o);
  char date[64];
  time_fmt_date(date, sizeof date, time_now(), r->office_tz, "id");
  page_begin(r, "Statement on a bid file");
  /* the statement is a document of the LPSE: written in Indonesian whatever the interface language */
  out(r, "<article class=\"statement\"><header><h1>SURAT KETERANGAN</h1><p>Nomor: %h/RHS</p></header>", c->number);
  out(r, "<p>Yang bertanda tangan di bawah ini, %h, menerangkan bahwa dokumen penawaran berikut:</p>", o.name);
  out(r, "<table class=\"statement-facts\"><tbody><tr><th>Kode tender</th><td>%h</td></tr><tr><th>Penyedia</th><td>%h</td></tr>",
      x.tender_code, x.provider);
  for(int i=0; i<x.nfiles; i++){
    out(r, "<tr><th>Berkas</th><td>%h<br>%lld bait<br><span class=\"mono\">SHA-256 %h</span></td></tr>", x.files[i].name,
        (long long)x.files[i].size, x.files[i].sha256);
  }
  out(r, "<tr><th>Uji pembukaan di LPSE</th><td>%h%R%h</td></tr>",
      x.lpse_opened==1 ? "dapat dibuka" : x.lpse_opened==0 ? "tidak dapat dibuka" : "-", x.lpse_at ? ", " : "",
      x.lpse_at ? statement_time(r, x.lpse_at) : "");
  if( x.lkpp_opened>=0 ){
    out(r, "<tr><th>Hasil pengujian LKPP</th><td>%h, %h%R%h</td></tr>", x.lkpp_opened ? "dapat dibuka" : "tidak dapat dibuka",
        statement_time(r, x.lkpp_at), x.lkpp_note[0] ? "; " : "", x.lkpp_note);
  }
  out(r, "</tbody></table><p class=\"conclusion\">dinyatakan <strong id=\"conclusion\">%h</strong>.</p>",
      x.conclusion ? "DAPAT DIBUKA" : "TIDAK DAPAT DIBUKA");
  out(r, "<p>Demikian surat keterangan ini dibuat untuk dipergunakan oleh Pokja sebagaimana mestinya.</p>"
         "<div class=\"signature\"><p>%h</p><p>Ketua %h</p><p class=\"sign-space\"></p><p>(................................)</p></div></article>",
      date, o.name);
  out(r, "<p class=\"no-print\"><a class=\"button\" href=\"/rhs/%t/pernyataan.pdf\">PDF</a> <a href=\"/rhs/%t\">%h</a></p>",
      c->number, c->number, T(r, ".rhs bid file"));
  case_free(c);
  return page_end(r, 200);
}

/* GET /rhs/:number/pernyataan.pdf: the statement as an A4 PDF (report/statement.c). */
int page_rhs_statement_pdf(Req *r){
  Case *c = case_from_path(r);
  if( c==0 ) return OK;
  const char *name;
  int rc = statement_of_case(r->db, r->office_id, c, r->office_tz, &r->out, &name, &r->arena);
  case_free(c);
  if( rc==ERR_CONFLICT ) return reply_error(r, 409, "conflict", 0, "There is no result yet: the statement is written once the file was opened at the LPSE or LKPP's result is in");
  if( rc==ERR_NOTFOUND || rc==ERR_DB ) return reply_error(r, 404, "not_found", 0, "Not found");
  if( rc!=OK ) return reply_error(r, 500, "internal", 0, "The server did not answer");
  return reply_download(r, 200, "application/pdf", name);
}

/* ---- escalation and hand-over, from any case ---- */


/* What an escalation sent to LKPP, as its ticket system asks for it: the application, error and
** tender codes, the description, the files of the case sent with it; who sent it and when. */
static void hd_escalation_sent(Req *r, const Case *c, const Escalation *x){
  out(r, "<dt>%h</dt><dd>%h</dd>", T(r, "Application"), x->application);
  if( x->error_code[0] ) out(r, "<dt>%h</dt><dd>%h</dd>", T(r, "Error code"), x->error_code);
  if( x->tender_code[0] ) out(r, "<dt>%h</dt><dd>%h</dd>", T(r, "Tender code"), x->tender_code);
  out(r, "<dt>%h</dt><dd class=\"lines\">%h</dd>", T(r, "Description"), x->description);
  if( x->attachments[0] && c->id==x->case_id ){   /* the files are the escalating case's */
    out(r, "<dt>%h</dt><dd>", T(r, "Attachments sent"));
    const char *p = x->attachments;
    while( *p ){
      char *end;
      long long id = strtoll(p, &end, 10);
      if( end==p ) break;
      Attachment at;
      if( attach_get(r->db, c, id, &at, 0, &r->arena)==OK )
        out(r, "<a href=\"/kasus/%t/lampiran/%lld\">%h</a> ", c->number, id, at.name);
      p = end + strspn(end, " ");
    }
    out(r, "</dd>");
  }
  out(r, "<dt>%h</dt><dd>%h · %h</dd>", T(r, "Escalated"), web_time(r, x->created_at), x->created_by);
}

/* The escalation page of a case: the form, and each escalation with the other side's steps and
** clocks; answering: the escalation whose answer was sent (its form keeps it, e is about it), or 0. */
static int hd_escalation_page(Req *r, Case *c, const Err *e, int status, int64_t answering){
  page_begin(r, "Escalation to LKPP");
  hd_error(r, e, answering ? answer_fields : escalation_fields);
  out(r, "<p><a href=\"/kasus/%t\">%h</a> — %h</p>", c->number, c->number, c->subject);
  Escalation *xs;
  int n;
  if( escalation_list(r->db, c, &xs, &n, &r->arena)==OK ){
    for(int i=0; i<n; i++){
      const Escalation *x = &xs[i];
      out(r, "<section class=\"card escalation\"><h2>%h</h2><dl class=\"facts\"><dt>%h</dt><dd>%h</dd><dt>%h</dt><dd>%h</dd>",
          x->title, T(r, "Type"), esc_kind_word(r, x->kind), T(r, "Status"), esc_status_word(r, x->status));
      if( x->external_ticket[0] ) out(r, "<dt>%h</dt><dd>%h%R%h</dd>", T(r, "LKPP ticket"), x->external_ticket,
                                      x->paused ? " · " : "", x->paused ? T(r, "the case's clock is paused") : "");
      hd_escalation_sent(r, c, x);
      if( x->answer[0] ) out(r, "<dt>%h</dt><dd>%h</dd><dt>%h</dt><dd>%h · %h</dd>", T(r, "Answer"), x->answer,
                             T(r, "Answer recorded"), web_time(r, x->answered_at), x->answered_by);
      out(r, "</dl>");
      Case *o;
      if( escalation_other_case(r->db, x, r->office_id, &o)==OK ){
        const Procedure *p = case_procedure(r->db, o->procedure_id);
        out(r, "<h3>%h %h (%h)</h3><div class=\"table-wrap\"><table><thead><tr><th>%h</th><th>%h</th><th>%h</th><th>%h</th></tr></thead><tbody>",
            T(r, "Linked case"), o->number, web_case_status(r, o->status), T(r, "Step"), T(r, "Started"), T(r, "Due"), T(r, "Done"));
        for(int k=0; k<o->nsteps; k++){
          const Step *s = p ? procedure_step(p, o->steps[k].no) : 0;
          out(r, "<tr><td>%d. %h</td><td>%h</td><td>%h</td><td>%h %R</td></tr>", o->steps[k].no, s ? web_step_text(r, s) : "",
              web_time(r, o->steps[k].started_at), o->steps[k].due_at ? web_time(r, o->steps[k].due_at) : "—",
              o->steps[k].done_at ? web_time(r, o->steps[k].done_at) : "—",
              o->steps[k].met==1 ? "<span class=\"tag ok\">✓</span>" : o->steps[k].met==0 ? "<span class=\"tag bad\">✗</span>" : "");
        }
        out(r, "</tbody></table></div>");
        case_free(o);
      }
      if( !strcmp(x->status, "open") && route_allows(r, "POST", arena_printf(&r->arena, "/eskalasi/%lld/jawab", (long long)x->id)) ){
        out(r, "<form method=\"post\" action=\"/eskalasi/%lld/jawab\">", (long long)x->id);
        csrf_input(r);
        hd_answer_area(r, N_("LKPP's answer (e-mailed to the requester and shown on their tracking page)"), x->id, answering, e);
        out(r, "<input type=\"hidden\" name=\"case\" value=\"%h\"><button type=\"submit\">%h</button></form>", c->number, T(r, "Record the answer"));
      }
      out(r, "</section>");
    }
  }
  /* the page stays readable to who may read the case; the form is for who may send it */
  if( !route_allows(r, "POST", arena_printf(&r->arena, "/kasus/%t/eskalasi", c->number)) ) return page_end(r, status);
  out(r, "<form method=\"post\" action=\"/kasus/%t/eskalasi\" class=\"card\"><h2>%h</h2>", c->number, T(r, "New escalation"));
  csrf_input(r);
  hd_input(r, "title", N_("Title"), "text", hd_posted(r, "title", c->subject), 1, e);
  hd_input(r, "application", N_("Application"), "text", hd_posted(r, "application", "SPSE"), 1, e);
  hd_input(r, "error_code", N_("Error code"), "text", hd_posted(r, "error_code", ""), 0, e);
  hd_input(r, "tender_code", N_("Tender code"), "text", hd_posted(r, "tender_code", ""), 0, e);
  const char *k = hd_posted(r, "type", "permasalahan");
  out(r, "<div class=\"field\"><label for=\"h-type\">%h</label><select id=\"h-type\" name=\"type\">", T(r, "Type"));
  for(int i=0; escalation_kinds[i]; i++){
    out(r, "<option value=\"%h\"%R>%h</option>", escalation_kinds[i], !strcmp(k, escalation_kinds[i]) ? " selected" : "",
        esc_kind_word(r, escalation_kinds[i]));
  }
  out(r, "</select></div>");
  hd_area(r, "description", N_("Description"), hd_posted(r, "description", ""), 1, e);
  hd_input(r, "external_ticket", N_("LKPP's ticket number (when LKPP is not an office here)"), "text", hd_posted(r, "external_ticket", ""), 0, e);
  Attachment *as;
  int na;
  if( attach_list(r->db, c, &as, &na, &r->arena)==OK && na>0 ){
    out(r, "<fieldset class=\"group\"%R><legend>%h</legend>", field_attrs(r, e, "attachments"), T(r, "Attachments to send"));
    for(int i=0; i<na; i++){
      /* ticked again when the form comes back with an error */
      int ticked = form_trimmed(r, arena_printf(&r->arena, "att_%lld", (long long)as[i].id))!=0;
      out(r, "<label class=\"check\"><input type=\"checkbox\" name=\"att_%lld\" value=\"1\"%R> %h <span class=\"muted\">(%lld %h)</span></label>",
          (long long)as[i].id, ticked ? " checked" : "", as[i].name, (long long)as[i].size, T(r, "bytes"));
    }
    out(r, "</fieldset>");
    field_error(r, e, "attachments");
  }
  out(r, "<button type=\"submit\">%h</button></form>", T(r, "Escalate"));
  return page_end(r, status);
}

/* GET /kasus/:number/eskalasi */
int page_escalation(Req *r){
  Case *c = case_from_path(r);
  if( c==0 ) return OK;
  int rc = hd_escalation_page(r, c, 0, 200, 0);
  case_free(c);
  return rc;
}

/* POST /kasus/:number/eskalasi */
int page_escalate(Req *r){
  Case *c = case_from_path(r);
  if( c==0 ) return OK;
  EscalationNew in;
  memset(&in, 0, sizeof in);
  in.title = form_opt(r, "title");
  in.application = form_opt(r, "application");
  in.error_code = form_opt(r, "error_code");
  in.tender_code = form_opt(r, "tender_code");
  in.kind = form_opt(r, "type");
  in.description = form_opt(r, "description");
  in.external_ticket = form_opt(r, "external_ticket");
  Attachment *as;
  int na;
  int64_t *ids = 0;
  if( attach_list(r->db, c, &as, &na, &r->arena)==OK && na>0 ){
    ids = arena_alloc(&r->arena, sizeof(int64_t)*(size_t)na);
    for(int i=0; i<na; i++){
      if( form_trimmed(r, arena_printf(&r->arena, "att_%lld", (long long)as[i].id)) ) ids[in.nattachments++] = as[i].id;
    }
  }
  in.attachments = ids;
  Actor a = req_actor(r);
  Err e = {0};
  Escalation x;
  int rc = escalation_create(r->db, &a, r->cfg->national_office, c, &in, &x, &r->arena, &e);
  if( rc!=OK ){ rc = hd_escalation_page(r, c, &e, http_status_of(rc), 0); case_free(c); return rc; }
  const char *to = arena_printf(&r->arena, "/kasus/%t/eskalasi?ok=%t", c->number, N_("Escalated to LKPP"));
  case_free(c);
  return reply_redirect(r, to);
}

/* POST /eskalasi/:id/jawab answer: LKPP's answer (from either office). */
int page_escalation_answer(Req *r){
  int64_t id = util_id(req_param(r, "id"));
  Actor a = req_actor(r);
  Err e = {0};
  Escalation x;
  int rc = escalation_answer(r->db, &a, id, form_trimmed(r, "answer"), &x, &r->arena, &e);
  if( rc!=OK ){
    /* the escalation page of this office's side again, the answer kept under its error */
    Case *c;
    if( rc!=ERR_NOTFOUND && escalation_get(r->db, id, &x, &r->arena)==OK
     && (r->office_id==x.office_id || r->office_id==x.national_office_id)
     && case_get(r->db, r->office_id, r->office_id==x.office_id ? x.case_number : x.national_case_number, &c)==OK ){
      rc = hd_escalation_page(r, c, &e, http_status_of(rc), id);
      case_free(c);
      return rc;
    }
    return reply_error_e(r, http_status_of(rc), http_code_of(rc), &e, "Request failed");
  }
  const char *number = r->office_id==x.office_id ? x.case_number : x.national_case_number;
  return reply_redirect(r, arena_printf(&r->arena, "/kasus/%t/eskalasi?ok=%t", number, N_("Answer recorded")));
}

/* The hand-over page of a case: the hand-overs made, their answers, a new one; answering: the
** hand-over whose answer was sent (its form keeps it, e is about it), or 0. */
static int hd_handover_page(Req *r, Case *c, const Err *e, int status, int64_t answering){
  page_begin(r, "Hand over to another party");
  hd_error(r, e, answering ? answer_fields : handover_fields);
  out(r, "<p><a href=\"/kasus/%t\">%h</a> — %h · <a href=\"/kb?q=%t\">%h</a></p>", c->number, c->number, c->subject,
      c->subject, T(r, "Search the knowledge base"));
  /* the page stays readable to who may read the case; the forms are for who may send them */
  int work = route_allows(r, "POST", arena_printf(&r->arena, "/kasus/%t/serah", c->number));
  Handover *hs;
  int n;
  if( helpdesk_handovers(r->db, c, &hs, &n, &r->arena)==OK ){
    for(int i=0; i<n; i++){
      out(r, "<section class=\"card\"><h2>%h %h</h2><dl class=\"facts\"><dt>%h</dt><dd>%h</dd>", handover_kind_word(r, hs[i].party_kind), hs[i].party_name,
          T(r, "Due"), web_time(r, hs[i].due_at));
      if( hs[i].answered_at ) out(r, "<dt>%h</dt><dd>%h (%h)</dd></dl>", T(r, "Answer"), hs[i].answer, web_time(r, hs[i].answered_at));
      else if( !work ) out(r, "</dl>");
      else{
        out(r, "</dl><form method=\"post\" action=\"/kasus/%t/serah/%lld/jawab\">", c->number, (long long)hs[i].id);
        csrf_input(r);
        hd_answer_area(r, N_("Their answer"), hs[i].id, answering, e);
        out(r, "<button type=\"submit\">%h</button></form>", T(r, "Record the answer"));
      }
      out(r, "</section>");
    }
  }
  if( !work ) return page_end(r, status);
  out(r, "<form method=\"post\" action=\"/kasus/%t/serah\" class=\"card\"><h2>%h</h2>", c->number, T(r, "New hand-over"));
  csrf_input(r);
  const char *k = hd_posted(r, "party_kind", "ulp");
  out(r, "<div class=\"field\"><label for=\"h-kind\">%h</label><select id=\"h-kind\" name=\"party_kind\">"
         "<option value=\"ulp\"%R>ULP/UKPBJ</option><option value=\"skpd\"%R>SKPD/OPD</option><option value=\"other\"%R>%h</option></select></div>",
      T(r, "Party"), !strcmp(k, "ulp") ? " selected" : "", !strcmp(k, "skpd") ? " selected" : "", !strcmp(k, "other") ? " selected" : "",
      T(r, "Other"));
  hd_input(r, "party_name", N_("Name of the party"), "text", hd_posted(r, "party_name", ""), 1, e);
  hd_area(r, "instruction", N_("Instruction"), hd_posted(r, "instruction", ""), 0, e);
  hd_input(r, "due_days", N_("Due in working days"), "number", hd_posted(r, "due_days", "2"), 1, e);
  out(r, "<button type=\"submit\">%h</button></form>", T(r, "Hand over"));
  return page_end(r, status);
}

/* GET /kasus/:number/serah */
int page_handover(Req *r){
  Case *c = case_from_path(r);
  if( c==0 ) return OK;
  int rc = hd_handover_page(r, c, 0, 200, 0);
  case_free(c);
  return rc;
}

/* POST /kasus/:number/serah */
int page_handover_post(Req *r){
  Case *c = case_from_path(r);
  if( c==0 ) return OK;
  Actor a = req_actor(r);
  Err e = {0};
  Handover h;
  int64_t days = util_id(form_trimmed(r, "due_days"));   /* "1.5" is refused as the API refuses it, not 1 */
  int rc = helpdesk_handover(r->db, &a, r->office_tz, c, form_trimmed(r, "party_kind"), form_opt(r, "party_name"),
                             form_opt(r, "instruction"), 0, days<=60 ? (int)days : 0, &h, &r->arena, &e);
  if( rc!=OK ){ rc = hd_handover_page(r, c, &e, http_status_of(rc), 0); case_free(c); return rc; }
  const char *to = arena_printf(&r->arena, "/kasus/%t/serah?ok=%t", c->number, N_("Handed over"));
  case_free(c);
  return reply_redirect(r, to);
}

/* POST /kasus/:number/serah/:id/jawab */
int page_handover_answer(Req *r){
  Case *c = case_from_path(r);
  if( c==0 ) return OK;
  Actor a = req_actor(r);
  Err e = {0};
  int64_t id = util_id(req_param(r, "id"));
  int rc = helpdesk_handover_answer(r->db, &a, r->office_tz, c, id, form_opt(r, "answer"), &e);
  if( rc!=OK ){ rc = hd_handover_page(r, c, &e, http_status_of(rc), id); case_free(c); return rc; }
  const char *to = arena_printf(&r->arena, "/kasus/%t/serah?ok=%t", c->number, N_("Answer recorded"));
  case_free(c);
  return reply_redirect(r, to);
}
