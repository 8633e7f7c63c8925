/*
** skm.c — the public-satisfaction survey (SKM, Permenpan RB 14/2017) on the portal:
** the office's public page for walk-in visitors (the service they received chosen
** from the procedures) and the page of a closed case's tracking link, both the
** same questionnaire of nine elements and the respondent's profile; and the staff's
** page typing in a questionnaire filled on paper. desk/skm.c
** checks, guards and stores; the report is among the reports (reports.c).
*/
#include "web.h"
#include "../desk/portal.h"
#include "../desk/skm.h"
#include <stdio.h>
#include <string.h>

/* what the survey's forms are kept under among the forms sent (no procedure has this code) */
#define SKM_SENT_FORM "skm"

/* A select of a profile field's choices, the one typed kept. */
static void skm_select(Req *r, const Err *e, int field, const char *name, const char *label){
  int n;
  const SkmChoice *c = skm_choices(field, &n);
  const char *v = form_trimmed(r, name);
  out(r, "<label for=\"s-%h\">%h</label><select id=\"s-%h\" name=\"%h\" required%R><option value=\"\">—</option>",
      name, T(r, label), name, name, field_attrs(r, e, name));
  for(int i=0; i<n; i++){
    out(r, "<option value=\"%h\"%R>%h</option>", c[i].value, util_str_eq(v, c[i].value) ? " selected" : "", T(r, c[i].label));
  }
  out(r, "</select>");
  field_error(r, e, name);
}

enum { SKM_FORM_CASE, SKM_FORM_WALKIN, SKM_FORM_PAPER };
/* The questionnaire as a form posting to action; SKM_FORM_WALKIN: the office's public page (the service
** chosen, the honeypot); SKM_FORM_PAPER: staff typing in a paper one (the service and the day it was
** filled). What was typed is kept after an error. */
static void skm_form(Req *r, const char *action, const Office *o, const Err *e, int mode){
  int walkin = mode==SKM_FORM_WALKIN;
  out(r, "<form class=\"card portal-form skm\" id=\"skm-form\" method=\"post\" action=\"%h\">", action);
  csrf_input(r);
  if( mode!=SKM_FORM_CASE ) sent_form_field(r);   /* sent twice (a double tap), one answer (a case's is once anyway) */
  if( walkin ) out(r, "<input type=\"hidden\" name=\"office\" value=\"%h\">", o->code);
  if( mode==SKM_FORM_PAPER ){
    char today[11];
    time_day_text(today, time_now(), r->office_tz);
    out(r, "<label for=\"s-day\">%h</label><input id=\"s-day\" name=\"day\" type=\"date\" required max=\"%h\" value=\"%h\"%R>",
        T(r, "Day the questionnaire was filled in"), today, form_trimmed(r, "day"), field_attrs(r, e, "day"));
    field_error(r, e, "day");
  }
  if( mode!=SKM_FORM_CASE ){
    const char *v = form_trimmed(r, "sop");
    out(r, "<label for=\"s-sop\">%h</label><select id=\"s-sop\" name=\"sop\" required%R><option value=\"\">—</option>",
        T(r, walkin ? "The service you received" : "The service received"), field_attrs(r, e, "sop"));
    web_sop_options(r, v, 1, 1);
    out(r, "</select>");
    field_error(r, e, "sop");
  }
  for(int i=0; i<SKM_ELEMENTS; i++){
    const SkmElement *x = skm_element(i);
    char name[4];
    snprintf(name, sizeof name, "u%d", i+1);
    const char *v = form_trimmed(r, name);
    out(r, "<fieldset id=\"s-%h\"%R><legend>%h. %h</legend><p>%h</p>", name,
        err_about(e, name) ? " class=\"invalid\"" : "", x->code, T(r, x->name), T(r, x->question));
    for(int k=1; k<=4; k++){
      out(r, "<label class=\"check\"><input type=\"radio\" name=\"%h\" value=\"%d\" required%R> %d — %h</label>", name, k,
          v && v[0]=='0'+k && v[1]==0 ? " checked" : "", k, T(r, x->answers[k-1]));
    }
    field_error(r, e, name);
    out(r, "</fieldset>");
  }
  out(r, "<fieldset><legend>%h</legend>", T(r, "About you"));
  skm_select(r, e, SKM_GENDER, "gender", "Sex");
  out(r, "<label for=\"s-age\">%h</label><input id=\"s-age\" name=\"age\" type=\"number\" min=\"%d\" max=\"%d\" required value=\"%h\"%R>",
      T(r, "Age (years)"), SKM_AGE_MIN, SKM_AGE_MAX, form_trimmed(r, "age"), field_attrs(r, e, "age"));
  field_error(r, e, "age");
  skm_select(r, e, SKM_EDUCATION, "education", "Education");
  skm_select(r, e, SKM_OCCUPATION, "occupation", "Occupation");
  out(r, "</fieldset><label for=\"s-suggestion\">%h</label><textarea id=\"s-suggestion\" name=\"suggestion\" rows=\"3\" maxlength=\"%d\"%R>%h</textarea>",
      T(r, "Suggestions (optional)"), SKM_SUGGESTION_MAX, field_attrs(r, e, "suggestion"), form_trimmed(r, "suggestion"));
  field_error(r, e, "suggestion");
  if( walkin ){
    /* the honeypot, as on the portal's question form */
    out(r, "<div class=\"hp\" aria-hidden=\"true\"><label for=\"s-website\">Website</label>"
           "<input id=\"s-website\" name=\"website\" tabindex=\"-1\" autocomplete=\"off\" value=\"\"></div>");
  }
  out(r, "<div class=\"actions\"><button type=\"submit\">%h</button></div></form>",
      T(r, mode==SKM_FORM_PAPER ? "Save the questionnaire" : "Send the survey"));
}

/* What the survey is, above its form. */
static void skm_intro(Req *r){
  out(r, "<p>%h</p>", T(r, "Tell us how we served you: nine questions on a scale of 1 to 4 (public satisfaction survey, Minister PANRB Regulation No. 14 of 2017). The survey is anonymous."));
}

/* Read the form into an answer. */
static void skm_form_read(Req *r, SkmAnswer *in){
  memset(in, 0, sizeof *in);
  for(int i=0; i<SKM_ELEMENTS; i++){
    char name[4];
    snprintf(name, sizeof name, "u%d", i+1);
    const char *v = form_trimmed(r, name);
    in->u[i] = v && v[0]>='1' && v[0]<='4' && v[1]==0 ? v[0]-'0' : 0;
  }
  const char *age = form_trimmed(r, "age");
  in->age = 0;
  if( age && *age && strlen(age)<=3 && strspn(age, "0123456789")==strlen(age) ) in->age = atoi(age);
  in->gender = form_trimmed(r, "gender");
  in->education = form_trimmed(r, "education");
  in->occupation = form_trimmed(r, "occupation");
  in->suggestion = form_trimmed(r, "suggestion");
  in->sop = form_trimmed(r, "sop");
  in->honeypot = form_trimmed(r, "website");
  in->ip = r->ip;
}

/* The walk-in page: the questionnaire, or the thanks after it was sent. */
static int skm_walkin_page(Req *r, const Office *o, const Err *e, int status){
  page_begin(r, "Public satisfaction survey");
  if( *query_trimmed(r, "terkirim") ){
    out(r, "<div class=\"notice ok\" role=\"status\" id=\"skm-thanks\"><p>%h</p></div>", T(r, "Thank you: your answers were received"));
    return page_end(r, status);
  }
  skm_intro(r);
  static const char *const shown[] = { "sop", "u1", "u2", "u3", "u4", "u5", "u6", "u7", "u8", "u9", "gender", "age", "education", "occupation", "suggestion", 0 };
  form_error_marked(r, e, shown);
  skm_form(r, "/portal/skm", o, e, SKM_FORM_WALKIN);
  return page_end(r, status);
}

/* GET /portal/skm: the office's public survey page. */
int page_portal_skm(Req *r){
  Office o;
  if( !portal_page_office(r, &o) ) return OK;
  return skm_walkin_page(r, &o, 0, 200);
}

/* POST /portal/skm: a walk-in visitor's answers. */
int page_portal_skm_post(Req *r){
  Office o;
  if( !portal_page_office(r, &o) ) return OK;
  SkmAnswer in;
  skm_form_read(r, &in);
  in.office_id = o.id;
  Err e = {0};
  int wait = 0;
  /* the same form sent again: the thanks the first sending earned, no second answer */
  const char *mark = sent_form_mark(r);
  char made[SENT_FORM_RESULT];
  if( mark && sent_form_claim(o.id, mark, made) ) return reply_redirect(r, portal_href(r, "/portal/skm?terkirim=1"));
  int rc = skm_answer_walkin(r->db, &in, &wait, &e);
  if( mark ) sent_form_done(o.id, "", mark, SKM_SENT_FORM, rc==OK ? "1" : 0);
  if( rc==OK ) return reply_redirect(r, portal_href(r, "/portal/skm?terkirim=1"));
  if( rc==ERR_THROTTLED ){
    char s[16];
    snprintf(s, sizeof s, "%d", wait);
    req_set_header(r, "Retry-After", s);
    return reply_error(r, 429, "throttled", 0, "Too many submissions from this address: try again later");
  }
  if( rc==ERR_DENIED ) return reply_error(r, 400, "rejected", "website", "The submission was refused");
  if( rc==ERR_INVALID ) return skm_walkin_page(r, &o, &e, 400);
  return reply_error(r, http_status_of(rc), http_code_of(rc), 0, "The database failed");
}

/* The survey page of a ticket's closed case: the questionnaire, or what stands in its way. */
static int skm_case_page(Req *r, const PortalTicket *t, Case *c, const Err *e, int status){
  page_begin(r, "Public satisfaction survey");
  const char *tok = req_param(r, "token");
  out(r, "<p class=\"no-print\"><a href=\"/portal/t/%t\">%h</a></p>", tok, T(r, "Back to your ticket"));
  out(r, "<p>%h <strong>%h</strong> · %h</p>", T(r, "Ticket"), t->number, c->subject);
  int answered = skm_case_answered(r->db, c->id);
  if( answered==1 ){
    out(r, "<div class=\"notice ok\" role=\"status\" id=\"skm-thanks\"><p>%h</p></div>", T(r, "Thank you: your answers were received"));
    return page_end(r, status);
  }
  if( !util_str_eq(c->status, "closed") && !util_str_eq(c->status, "archived") ){
    out(r, "<p class=\"notice info\" id=\"skm-not-yet\">%h</p>", T(r, "The survey can be answered once the case is closed"));
    return page_end(r, status);
  }
  skm_intro(r);
  static const char *const shown[] = { "u1", "u2", "u3", "u4", "u5", "u6", "u7", "u8", "u9", "gender", "age", "education", "occupation", "suggestion", 0 };
  form_error_marked(r, e, shown);
  skm_form(r, arena_printf(&r->arena, "/portal/t/%s/skm", tok), 0, e, SKM_FORM_CASE);
  return page_end(r, status);
}

/* The ticket and case of the path's token, the page set to its office; answers 404 and gives 0. */
static int skm_target(Req *r, PortalTicket *t, Case **c){
  if( portal_open(r->db, req_param(r, "token"), t, c, &r->arena)!=OK ){
    reply_error(r, 404, "not_found", 0, "No such ticket, or the link has expired");
    return 0;
  }
  Office o;
  if( office_get(r->db, t->office_id, &o)==OK ) portal_page_office_set(r, &o);
  return 1;
}

/* GET /portal/t/:token/skm: the survey of the ticket's case. */
int page_portal_ticket_skm(Req *r){
  PortalTicket t;
  Case *c;
  if( !skm_target(r, &t, &c) ) return OK;
  int rc = skm_case_page(r, &t, c, 0, 200);
  case_free(c);
  return rc;
}

/* POST /portal/t/:token/skm: the requester's answers for the closed case, once. */
int page_portal_ticket_skm_post(Req *r){
  PortalTicket t;
  Case *c;
  if( !skm_target(r, &t, &c) ) return OK;
  SkmAnswer in;
  skm_form_read(r, &in);
  Err e = {0};
  int rc = skm_answer_case(r->db, c, &in, &e);
  if( rc==OK ){
    case_free(c);
    return reply_redirect(r, arena_printf(&r->arena, "/portal/t/%t?ok=%t", req_param(r, "token"), N_("Thank you: your answers were received")));
  }
  int x;
  if( rc==ERR_INVALID || rc==ERR_CONFLICT ) x = skm_case_page(r, &t, c, &e, http_status_of(rc));
  else x = reply_error(r, http_status_of(rc), http_code_of(rc), 0, "The database failed");
  case_free(c);
  return x;
}

/* The paper questionnaires typed in lately, to spot a typo, each with its form deleting it with a reason
** (del_id: the one whose deletion was refused, with its errors del_e). */
static void skm_paper_table(Req *r, int64_t del_id, const Err *del_e){
  SkmPaper *v;
  int n;
  if( skm_paper_list(r->db, r->office_id, 50, &v, &n, &r->arena)!=OK ) return;
  out(r, "<section class=\"card\" id=\"skm-papers\"><h2>%h</h2>", T(r, "Paper questionnaires typed in lately"));
  if( n==0 ){
    out(r, "<p class=\"muted\">%h</p></section>", T(r, "None typed in yet."));
    return;
  }
  web_scroll_open(r, "div", "table-wrap", T(r, "Paper questionnaires typed in lately"));
  out(r, "<table><thead><tr><th scope=\"col\">%h</th><th scope=\"col\">%h</th><th scope=\"col\">U1–U9</th><th scope=\"col\">%h</th>"
         "<th scope=\"col\">%h</th><th scope=\"col\">%h</th></tr></thead><tbody>",
      T(r, "Day filled in"), T(r, "Procedure"), T(r, "Respondent"), T(r, "Typed in by"), T(r, "Delete"));
  for(int i=0; i<n; i++){
    const SkmPaper *w = &v[i];
    char day[11];
    time_day_text(day, w->answered_at, r->office_tz);
    out(r, "<tr id=\"skm-paper-%lld\"><td>%h</td><td>%h</td><td>%d %d %d %d %d %d %d %d %d</td><td>%h · %d · %h · %h</td><td>%h, %h</td><td>",
        (long long)w->id, web_day(r, day), w->sop, w->u[0], w->u[1], w->u[2], w->u[3], w->u[4], w->u[5], w->u[6], w->u[7], w->u[8],
        w->gender, w->age, w->education, w->occupation, w->entered_by, web_time(r, w->entered_at));
    const Err *e = del_id==w->id ? del_e : 0;
    out(r, "<form method=\"post\" action=\"/skm/kertas/%lld/hapus\" class=\"inline\">", (long long)w->id);
    csrf_input(r);
    out(r, "<label for=\"reason-%lld\">%h</label><input id=\"reason-%lld\" name=\"reason\" required maxlength=\"%d\"%R>",
        (long long)w->id, T(r, "Reason"), (long long)w->id, SKM_REASON_MAX, field_attrs(r, e, "reason"));
    field_error(r, e, "reason");
    out(r, "<button type=\"submit\" class=\"danger\">%h</button></form></td></tr>", T(r, "Delete"));
  }
  out(r, "</tbody></table></div></section>");
}

/* The page where staff type in a questionnaire filled on paper at the counter. */
static int skm_paper_page_del(Req *r, const Err *e, int64_t del_id, const Err *del_e, int status){
  page_begin(r, "Paper questionnaire (SKM)");
  if( perm_allows(r->roles, "report.office") )   /* linked only for whoever may read it (menu.test) */
    out(r, "<p class=\"no-print\"><a href=\"/laporan/skm\">%h</a></p>", T(r, "Public satisfaction index (IKM)"));
  out(r, "<p>%h</p>", T(r, "Type in the answers of a public satisfaction questionnaire filled on paper: the report counts it on the day it was filled in, as typed in by you."));
  static const char *const shown[] = { "day", "sop", "u1", "u2", "u3", "u4", "u5", "u6", "u7", "u8", "u9", "gender", "age", "education", "occupation", "suggestion", 0 };
  form_error_marked(r, e, shown);
  skm_form(r, "/skm/kertas", 0, e, SKM_FORM_PAPER);
  skm_paper_table(r, del_id, del_e);
  return page_end(r, status);
}

/* The page typing in a paper questionnaire, with errors e of the form. */
static int skm_paper_page(Req *r, const Err *e, int status){
  return skm_paper_page_del(r, e, 0, 0, status);
}

/* GET /skm/kertas: the form typing in a paper questionnaire. */
int page_skm_paper(Req *r){
  return skm_paper_page(r, 0, 200);
}

/* POST /skm/kertas: a paper questionnaire typed in; the empty form again with a notice, or the errors. */
int page_skm_paper_post(Req *r){
  SkmAnswer in;
  skm_form_read(r, &in);
  in.office_id = r->office_id;
  in.honeypot = 0;
  Actor who = req_actor(r);
  Err e = {0};
  int64_t id;
  const char *saved = arena_printf(&r->arena, "/skm/kertas?ok=%t", N_("The paper questionnaire was saved"));
  /* the same form sent again (a double click, Back then save again): saved once */
  const char *mark = sent_form_mark(r);
  char made[SENT_FORM_RESULT];
  if( mark && sent_form_claim(r->office_id, mark, made) ) return reply_redirect(r, saved);
  int rc = skm_answer_paper(r->db, &who, &in, form_trimmed(r, "day"), r->office_tz, &id, &e);
  if( mark ) sent_form_done(r->office_id, who.username, mark, SKM_SENT_FORM, rc==OK ? "1" : 0);
  if( rc==OK ) return reply_redirect(r, saved);
  if( rc==ERR_INVALID ) return skm_paper_page(r, &e, 400);
  return reply_error(r, http_status_of(rc), http_code_of(rc), 0, "The database failed");
}

/* POST /skm/kertas/:id/hapus: a paper questionnaire typed wrong deleted, with the reason. */
int page_skm_paper_delete(Req *r){
  Actor who = req_actor(r);
  Err e = {0};
  int64_t id = req_param_id(r, "id");
  int rc = skm_paper_delete(r->db, &who, r->office_id, id, form_trimmed(r, "reason"), &e);
  if( rc==OK ) return reply_redirect(r, arena_printf(&r->arena, "/skm/kertas?ok=%t", N_("The paper questionnaire was deleted")));
  if( rc==ERR_INVALID ) return skm_paper_page_del(r, 0, id, &e, 400);
  if( rc==ERR_NOTFOUND ) return reply_error(r, 404, "not_found", 0, "No such paper questionnaire");
  return reply_error(r, http_status_of(rc), http_code_of(rc), 0, "The database failed");
}
