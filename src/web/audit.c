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
#include <ctype.h>

#define AUDIT_PAGE 50

/* The filters a page of the log is asked for: query name, label (a msgid), input type. */
static const struct { const char *name, *label, *type; } filter_fields[] = {
  { "actor", N_("Actor (username)"), "text" }, { "action", N_("Action begins with"), "text" },
  { "object", N_("Object contains"), "search" }, { "from", N_("From date"), "date" },
  { "to", N_("To date"), "date" },
};


/* The actions the log records, in words a person reads (msgids), by their code (kept in the order of
** their codes for the reader of this file; looked up one by one, so a row out of place still counts). */
static const struct { const char *code, *words; } action_words[] = {
  { "absence.add", N_("Absence set") },
  { "absence.cancel", N_("Absence cancelled") },
  { "absence.change", N_("Absence changed") },
  { "account.activate", N_("SPSE account activated") },
  { "account.decree", N_("SPSE account's decree (SK) renewed") },
  { "account.create", N_("SPSE account recorded") },
  { "account.deactivate", N_("SPSE account deactivated") },
  { "account.policy", N_("Account policy changed") },
  { "account.year_end", N_("Year-end review of PPK accounts confirmed") },
  { "account_request.approve", N_("Account request approved") },
  { "account_request.archive", N_("Account request archived") },
  { "account_request.check", N_("Account request documents checked") },
  { "account_request.execute", N_("Account request carried out in SPSE") },
  { "account_request.notify", N_("Requester told of the account request's result") },
  { "account_request.open", N_("Account request received") },
  { "account_request.portal_unmatched", N_("Portal account request not matched to the directory") },
  { "account_request.resubmit", N_("Account request completed again") },
  { "auth.locked", N_("Account locked after failed sign-ins") },
  { "auth.login", N_("Signed in") },
  { "auth.login_failed", N_("Failed sign-in") },
  { "auth.logout", N_("Signed out") },
  { "auth.switch_office", N_("Switched office") },
  { "auth.unknown_pruned", N_("Failed sign-ins of unknown usernames forgotten") },
  { "bidding.in", N_("Provider entered the bidding room") },
  { "bidding.out", N_("Provider left the bidding room") },
  { "bidding.trainer", N_("Bidding room trainer assigned") },
  { "calendar.defaults", N_("Calendar set to its defaults") },
  { "calendar.holiday.remove", N_("Holiday removed") },
  { "calendar.holiday.set", N_("Holiday set") },
  { "calendar.hours.set", N_("Office hours changed") },
  { "calendar.import", N_("Holidays imported") },
  { "calendar.period.add", N_("Period with its own hours added") },
  { "calendar.period.remove", N_("Period with its own hours removed") },
  { "calendar.period.set", N_("Period with its own hours changed") },
  { "case.archive", N_("Case archived") },
  { "case.assign", N_("Step assigned") },
  { "case.attach", N_("File attached to a case") },
  { "case.cancel", N_("Case cancelled") },
  { "case.close", N_("Case closed") },
  { "case.escalate", N_("Case escalated to LKPP") },
  { "case.escalation_answer", N_("LKPP's answer recorded") },
  { "case.hold", N_("Step clock paused") },
  { "case.note", N_("Note added to a case") },
  { "case.open", N_("Case opened") },
  { "case.reopen", N_("Case reopened") },
  { "case.resume", N_("Step clock resumed") },
  { "case.step", N_("Step completed") },
  { "case.takeover", N_("Step taken over from another user") },
  { "credential.issue", N_("Credential link issued") },
  { "credential.letter", N_("Credential printed in a sealed letter") },
  { "credential.open", N_("Credential link opened") },
  { "credential.revoke", N_("Credential link revoked") },
  { "credential.view", N_("Credential link looked at") },
  { "helpdesk.email", N_("Question by e-mail recorded") },
  { "helpdesk.handover", N_("Case handed over") },
  { "helpdesk.handover_answer", N_("Hand-over answered") },
  { "helpdesk.walk_in", N_("Walk-in recorded") },
  { "kb.answer", N_("Case answered with an article") },
  { "kb.create", N_("Knowledge base article written") },
  { "kb.update", N_("Knowledge base article changed") },
  { "mail.failed", N_("E-mail failed") },
  { "mail.inbox", N_("Help desk mailbox settings changed") },
  { "mail.queue", N_("E-mail queued") },
  { "mail.refused", N_("Message refused by the help desk mailbox") },
  { "mail.retry", N_("Failed e-mail queued again") },
  { "node.key", N_("Node's keys checked") },
  { "notice.read", N_("Notices marked read") },
  { "number.format", N_("Number format changed") },
  { "office.backup", N_("Database copy downloaded") },
  { "office.contact", N_("Office contact changed") },
  { "office.create", N_("Office created") },
  { "office.update", N_("Office changed") },
  { "party.create", N_("Directory entry added") },
  { "party.import", N_("Directory imported") },
  { "party.merge", N_("Directory entries merged") },
  { "party.update", N_("Directory entry changed") },
  { "phone.answer", N_("Call answered") },
  { "phone.finish", N_("Call finished") },
  { "phone.missed", N_("Call missed") },
  { "portal.answer", N_("Answer sent to the portal") },
  { "portal.rate", N_("Ticket rated on the portal") },
  { "portal.reply", N_("Reply on the portal") },
  { "portal.skm", N_("Public satisfaction survey answered for a case on the portal") },
  { "portal.skm_walkin", N_("Public satisfaction survey answered by a walk-in visitor on the portal") },
  { "portal.submit", N_("Ticket sent from the portal") },
  { "portal.track", N_("Ticket tracked on the portal") },
  { "portal.track_failed", N_("Failed ticket tracking on the portal") },
  { "priority.defaults", N_("Priority table set to its defaults") },
  { "priority.set", N_("Priority table changed") },
  { "register.add", N_("Register entry added") },
  { "register.answer", N_("Answer written on the consultation form") },
  { "register.depart", N_("Guest's departure recorded") },
  { "register.destroy", N_("Archive marked destroyed") },
  { "register.done", N_("Disposition marked done") },
  { "register.edit", N_("Register entry corrected") },
  { "report.mail", N_("Monthly report mailed") },
  { "rhs.file", N_(".rhs file uploaded") },
  { "rhs.report", N_(".rhs file reported") },
  { "rhs.request", N_("Request sent to LKPP about an .rhs file") },
  { "rhs.result", N_("LKPP's result on an .rhs file recorded") },
  { "rhs.test", N_(".rhs file tested") },
  { "skm.paper", N_("Paper public satisfaction questionnaire typed in") },
  { "skm.paper_delete", N_("Paper public satisfaction questionnaire deleted") },
  { "sla.breach", N_("Standard breached") },
  { "sla.warning", N_("Standard about to be breached") },
  { "sop.load", N_("Procedures loaded") },
  { "sop.restore", N_("Procedure restored") },
  { "sop.retire", N_("Procedure retired") },
  { "training.approve", N_("Training plan approved") },
  { "training.attend", N_("Attendance recorded") },
  { "training.cancel", N_("Training cancelled") },
  { "training.create", N_("Training planned") },
  { "training.held", N_("Training held") },
  { "training.invite", N_("Training invitation sent") },
  { "training.prep.breach", N_("Preparation item past its deadline") },
  { "training.prep.done", N_("Preparation item ticked") },
  { "training.prep.reminder", N_("Preparation item reminder") },
  { "training.prep.undone", N_("Preparation item unticked") },
  { "training.qa", N_("Training Q&A recorded") },
  { "training.question", N_("Question asked at a training") },
  { "training.question.answer", N_("Training question answered") },
  { "training.question.send", N_("Training question's answer sent") },
  { "training.questionnaire.answer", N_("Questionnaire answered") },
  { "training.questionnaire.create", N_("Questionnaire template made") },
  { "training.questionnaire.update", N_("Questionnaire template changed") },
  { "training.register", N_("Participant registered") },
  { "training.report", N_("Training report written") },
  { "training.reschedule", N_("Training moved") },
  { "training.rsvp", N_("Attendance confirmed") },
  { "training.survey_failed", N_("Questionnaire answered with an e-mail of no participant") },
  { "training.survey_link", N_("Questionnaire link e-mailed to a participant who asked") },
  { "training.update", N_("Training plan changed") },
  { "user.create", N_("User created") },
  { "user.disable", N_("User disabled") },
  { "user.enable", N_("User enabled") },
  { "user.lang", N_("Language chosen") },
  { "user.password_change", N_("Own password changed") },
  { "user.password_reset", N_("Password reset") },
  { "user.roles", N_("Roles changed") },
  { "user.unlock", N_("User unlocked") },
  { "user.update", N_("User changed") },
  { "verify.agenda", N_("Verification recorded in the agenda") },
  { "verify.appointment_cancel", N_("Verification appointment cancelled") },
  { "verify.approve", N_("Verification approved") },
  { "verify.arrive", N_("Provider arrived for verification") },
  { "verify.blacklist", N_("Blacklist uploaded") },
  { "verify.book", N_("Verification appointment booked") },
  { "verify.card", N_("Verification card issued") },
  { "verify.checklist", N_("Verification checklist changed") },
  { "verify.documents", N_("Verification documents checked") },
  { "verify.lapse", N_("Verification lapsed") },
  { "verify.lapse_warning", N_("Verification about to lapse") },
  { "verify.registration", N_("Online registration checked") },
  { "verify.reject", N_("Verification rejected") },
  { "verify.resume", N_("Verification resumed") },
  { "verify.return", N_("Verification returned to the provider") },
  { "verify.scan", N_("Document scan added") },
  { "verify.settings", N_("Verification settings changed") },
  { "verify.walk_in", N_("Provider came without an appointment") },
};

/* An action's words in the reader's language, or NULL when the code is not known here. */
static const char *audit_action_words(Req *r, const char *code){
  for(size_t i=0; i<COUNT(action_words); i++){
    if( strcmp(code, action_words[i].code)==0 ) return T(r, action_words[i].words);
  }
  return 0;
}

/* Read the filters of the query string into f; an error message (a msgid) or NULL. */
static const char *audit_filter(Req *r, AuditFilter *f){
  memset(f, 0, sizeof *f);
  f->office_id = r->office_id;
  /* usernames are lower case: "Sari" as typed finds sari's rows */
  char *actor = arena_printf(&r->arena, "%R", query_trimmed(r, "actor"));
  for(char *c = actor; *c; c++) *c = (char)tolower((unsigned char)*c);
  f->actor = actor;
  f->action = query_trimmed(r, "action");
  f->object = query_trimmed(r, "object");
  f->object_within = 1;      /* the page's field says "contains" */
  f->limit = AUDIT_PAGE + 1;   /* one more tells whether an older page exists */
  return query_period(r, &f->from, &f->to, &f->before, 0);
}

/* The query string of the filters given (without the page position), escaped for a URL. */
static const char *filter_query(Req *r){
  const char *q = "";
  for(size_t i=0; i<COUNT(filter_fields); i++){
    const char *v = query_trimmed(r, filter_fields[i].name);
    if( *v ) q = arena_printf(&r->arena, "%R%R%R=%t", q, *q ? "&" : "", filter_fields[i].name, v);
  }
  return q;
}

/* The filter form; its fields keep what was asked. */
static void audit_form(Req *r){
  out(r, "<form class=\"filters card\" method=\"get\" action=\"/audit\" role=\"search\">");
  for(size_t i=0; i<COUNT(filter_fields); i++){
    out(r, "<div><label for=\"f-%h\">%h</label><input id=\"f-%h\" name=\"%h\" type=\"%h\" value=\"%h\"%R></div>",
        filter_fields[i].name, T(r, filter_fields[i].label), filter_fields[i].name, filter_fields[i].name, filter_fields[i].type,
        query_trimmed(r, filter_fields[i].name),
        strcmp(filter_fields[i].type, "date")==0 ? " placeholder=\"YYYY-MM-DD\" pattern=\"[0-9]{4}-[0-9]{2}-[0-9]{2}\""
        : strcmp(filter_fields[i].name, "action")==0 ? " list=\"audit-actions\" placeholder=\"user.\"" : "");
  }
  out(r, "<datalist id=\"audit-actions\"><option value=\"auth.\"><option value=\"user.\">"
         "<option value=\"office.\"></datalist>");
  out(r, "<div><button type=\"submit\">%h</button> <a href=\"/audit\">%h</a></div></form>",
      T(r, "Filter"), T(r, "Clear"));
}

/* What the printed page was asked for: office, filters (by their fields' labels), when printed. */
static void audit_print_head(Req *r){
  out(r, "<p class=\"print-only\">%h · %h %h", r->office_name, T(r, "Printed"), web_time(r, time_now()));
  for(size_t i=0; i<COUNT(filter_fields); i++){
    const char *v = query_trimmed(r, filter_fields[i].name);
    if( *v ) out(r, " · %h: %h", T(r, filter_fields[i].label), v);
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
    web_scroll_open(r, "div", "table-wrap wide", T(r, "Audit log"));
    out(r, "<table class=\"audit\"><thead><tr>"
           "<th scope=\"col\">#</th><th scope=\"col\">%h</th><th scope=\"col\">%h</th><th scope=\"col\">%h</th>"
           "<th scope=\"col\">%h</th><th scope=\"col\">%h</th><th scope=\"col\">%h</th></tr></thead><tbody>",
        T(r, "Time"), T(r, "Actor"), T(r, "Action"), T(r, "Object"), T(r, "Detail"), T(r, "IP address"));
    for(int i=0; i<shown; i++){
      const AuditRow *a = &rows[i];
      /* the action in words, its code under them: the code is what the filter above takes */
      const char *words = audit_action_words(r, a->action);
      out(r, "<tr><td class=\"num\">%lld</td><td class=\"when\">%h</td>", (long long)a->id, web_time(r, a->at));
      /* an actor that is no one's username in words, its code under them: the code is what the filter takes */
      const char *who = web_actor_words(r, a->actor);
      if( who ) out(r, "<td class=\"actor\">%h<br><span class=\"mono muted\">%h</span></td>", who, a->actor);
      else out(r, "<td>%h</td>", a->actor);
      if( words ) out(r, "<td class=\"action\">%h<br><span class=\"mono muted\">%h</span></td>", words, a->action);
      else out(r, "<td class=\"action mono\">%h</td>", a->action);
      out(r, "<td class=\"mono\">%h</td><td class=\"detail\">%h</td><td class=\"mono\">%h</td></tr>", a->object, a->detail, a->ip);
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
