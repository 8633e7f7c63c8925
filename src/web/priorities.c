/*
** priorities.c — the priority table (Tabel Prioritas: urgency × impact →
** priority → case-level targets) and the number formats per register as a
** page; for their keepers (priority.admin) the forms to change them.
*/
#include "web.h"
#include "../sop/priority.h"
#include "../sop/case.h"
#include "../sop/number.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const urgency_label[] = { N_("Urgent"), N_("Not urgent") };
static const char *const impact_label[] = { N_("Small"), N_("Moderate"), N_("Large") };
static const char *const prio_label[] = { N_("Low"), N_("Medium"), N_("High") };   /* rendah, menengah, tinggi */
static const char *const register_label[] = { N_("Case tickets"), N_("Agenda book"), N_("Disposition sheets"),
                                              N_("Consultation forms"), N_("Handover forms") };

/* The label of a priority value. */
static const char *prio_text(Req *r, const char *p){
  for(int i=0; case_priorities[i]; i++) if( util_str_eq(case_priorities[i], p) ) return T(r, prio_label[i]);
  return p;
}

/* A span of office seconds as text: "1 h 30 min". */
static const char *office_span(Req *r, int64_t s){
  int64_t h = s/3600, m = (s%3600)/60;
  if( h && m ) return arena_printf(&r->arena, "%lld %s %lld %s", (long long)h, T(r, "h"), (long long)m, T(r, "min"));
  if( h ) return arena_printf(&r->arena, "%lld %s", (long long)h, T(r, "h"));
  return arena_printf(&r->arena, "%lld %s", (long long)m, T(r, "min"));
}

/* The value to show in a field of a form sent back with an error (e): what was typed, as
** sent; else the stored value. */
static const char *shown(Req *r, const Err *e, const char *name, const char *stored){
  const char *z = e ? req_form(r, name) : 0;
  return z ? z : stored;
}

/* The name of a field of the forms as the page shows it ("High · Response (office time)"); NULL
** for a name that is none of them. */
static const char *prio_field_label(Req *r, const char *field){
  if( field==0 ) return 0;
  for(int p=0; case_priorities[p]; p++){
    if( util_str_eq(field, arena_printf(&r->arena, "response_min_%s", case_priorities[p])) )
      return arena_printf(&r->arena, "%s · %s", T(r, prio_label[p]), T(r, "Response (office time)"));
    if( util_str_eq(field, arena_printf(&r->arena, "resolution_days_%s", case_priorities[p])) )
      return arena_printf(&r->arena, "%s · %s", T(r, prio_label[p]), T(r, "Resolution (working days)"));
  }
  for(int i=0; number_registers[i]; i++) if( util_str_eq(field, number_registers[i]) ) return T(r, register_label[i]);
  return 0;
}

/* The page; e, when given, is the error of the form named by form. */
static int prio_page(Req *r, int status, const char *form, const Err *e){
  PrioTable t;
  if( priority_load(r->db, r->office_id, &t)!=OK ) return reply_error(r, 500, "internal", 0, "The database failed");
  int admin = perm_allows(r->roles, "priority.admin");
  page_begin(r, "Priority table");
  if( e && e->msg && form ){
    /* the field as the page names it (the row and the column), never the key behind it */
    const char *label = prio_field_label(r, e->field);
    const char *msg = label ? arena_printf(&r->arena, "%s: %s", label, T_err(r, e)) : T_err(r, e);
    page_notice(r, "error", msg);
  }
  const Err *pe = util_str_eq(form, "priority") ? e : 0;
  out(r, "<section class=\"card\"><h2>%h</h2><p class=\"muted\">%h</p>", T(r, "Urgency × impact → priority"),
      T(r, "A new case takes its priority and its response and resolution targets from this table."));
  if( admin ){
    out(r, "<form method=\"post\" action=\"/prioritas\">");
    csrf_input(r);
  }
  out(r, "<div class=\"table-wrap\"><table><thead><tr><th scope=\"col\"><span class=\"sr\">%h</span></th>", T(r, "Urgency"));
  for(int i=0; i<3; i++) out(r, "<th scope=\"col\">%h %h</th>", T(r, "Impact"), T(r, impact_label[i]));
  out(r, "</tr></thead><tbody>");
  for(int u=0; u<2; u++){
    out(r, "<tr><th scope=\"row\">%h</th>", T(r, urgency_label[u]));
    for(int i=0; i<3; i++){
      const PrioRule *rule = &t.rules[u*3+i];
      if( !admin ){ out(r, "<td>%h</td>", prio_text(r, rule->priority)); continue; }
      const char *name = arena_printf(&r->arena, "rule_%s_%s", rule->urgency, rule->impact);
      const char *chosen = shown(r, pe, name, rule->priority);
      out(r, "<td><select name=\"%h\" aria-label=\"%h, %h %h\">", name, T(r, urgency_label[u]), T(r, "impact"), T(r, impact_label[i]));
      for(int p=0; case_priorities[p]; p++)
        out(r, "<option value=\"%h\"%R>%h</option>", case_priorities[p],
            util_str_eq(case_priorities[p], chosen) ? " selected" : "", T(r, prio_label[p]));
      out(r, "</select></td>");
    }
    out(r, "</tr>");
  }
  out(r, "</tbody></table></div><h3>%h</h3><div class=\"table-wrap\"><table><thead><tr><th>%h</th><th>%h</th><th>%h</th></tr></thead><tbody>",
      T(r, "Targets"), T(r, "Priority"), T(r, "Response (office time)"), T(r, "Resolution (working days)"));
  for(int p=0; p<3; p++){
    const PrioTarget *g = &t.targets[p];
    out(r, "<tr><th scope=\"row\">%h</th>", prio_text(r, g->priority));
    if( admin ){
      const char *rn = arena_printf(&r->arena, "response_min_%s", g->priority);
      const char *dn = arena_printf(&r->arena, "resolution_days_%s", g->priority);
      out(r, "<td><input name=\"%h\" type=\"number\" min=\"1\" max=\"13500\" value=\"%h\" aria-label=\"%h\"%R> %h",
          rn, shown(r, pe, rn, arena_printf(&r->arena, "%lld", (long long)(g->response_s/60))), prio_field_label(r, rn),
          field_attrs(r, pe, rn), T(r, "min"));
      field_error(r, pe, rn);
      out(r, "</td><td><input name=\"%h\" type=\"number\" min=\"1\" max=\"365\" value=\"%h\" aria-label=\"%h\"%R>",
          dn, shown(r, pe, dn, arena_printf(&r->arena, "%d", g->resolution_days)), prio_field_label(r, dn), field_attrs(r, pe, dn));
      field_error(r, pe, dn);
      out(r, "</td>");
    }else{
      out(r, "<td>%h</td><td>%d</td>", office_span(r, g->response_s), g->resolution_days);
    }
    out(r, "</tr>");
  }
  out(r, "</tbody></table></div>");
  if( admin ) out(r, "<div><button type=\"submit\">%h</button></div></form>", T(r, "Save"));
  out(r, "</section>");

  const Err *ne = util_str_eq(form, "numbers") ? e : 0;
  out(r, "<section class=\"card\"><h2>%h</h2><p class=\"muted\">%h</p>", T(r, "Number formats"),
      T(r, "Fields: {office}, {year}, {month} (01-12), {month:roman} (I-XII), {seq} or {seq:N} (N digits); a / may separate them except in case numbers, which are part of a case's address (045/LPSE/XI/2026). The counters go on when a format changes: numbers are never reused."));
  if( admin ){
    out(r, "<form method=\"post\" action=\"/prioritas/nomor\">");
    csrf_input(r);
  }
  out(r, "<div class=\"table-wrap\"><table><tbody>");
  for(int i=0; number_registers[i]; i++){
    char pat[NUMBER_PATTERN_MAX+8];
    if( number_pattern_get(r->db, r->office_id, number_registers[i], pat, sizeof pat)!=OK ) pat[0] = 0;
    /* a label names the input of its keepers; read-only, the heading of the row alone */
    if( admin ) out(r, "<tr><th scope=\"row\"><label for=\"fmt_%h\">%h</label></th><td>", number_registers[i], T(r, register_label[i]));
    else out(r, "<tr><th scope=\"row\">%h</th><td>", T(r, register_label[i]));
    if( admin ){
      out(r, "<input id=\"fmt_%h\" name=\"fmt_%h\" maxlength=\"40\" required value=\"%h\"%R>", number_registers[i],
          number_registers[i], shown(r, ne, arena_printf(&r->arena, "fmt_%s", number_registers[i]), pat),
          field_attrs(r, ne, number_registers[i]));
      field_error(r, ne, number_registers[i]);
    }else{
      out(r, "<span class=\"mono\">%h</span>", pat);
    }
    out(r, "</td></tr>");
  }
  out(r, "</tbody></table></div>");
  if( admin ) out(r, "<div><button type=\"submit\">%h</button></div></form>", T(r, "Save"));
  out(r, "</section>");
  return page_end(r, status);
}

/* GET /prioritas */
int page_priorities(Req *r){
  return prio_page(r, 200, 0, 0);
}

/* A whole number of a form field within lo..hi; -1 when absent or not one. */
static long form_long(Req *r, const char *name, long lo, long hi){
  const char *z = req_form(r, name);
  char *end = 0;
  long v = z && *z ? strtol(z, &end, 10) : -1;
  if( z==0 || *z==0 || *end || v<lo || v>hi ) return -1;
  return v;
}

/* POST /prioritas: the whole table from the form (checked, all or nothing, audited). */
int page_priorities_post(Req *r){
  PrioTable t, base;
  Err e = {0};
  if( priority_load(r->db, r->office_id, &t)!=OK ) return reply_error(r, 500, "internal", 0, "The database failed");
  base = t;   /* the rows the form leaves as they are stay as another may have set them meanwhile */
  for(int i=0; i<6; i++){
    const char *z = req_form(r, arena_printf(&r->arena, "rule_%s_%s", t.rules[i].urgency, t.rules[i].impact));
    if( z ) snprintf(t.rules[i].priority, sizeof t.rules[i].priority, "%s", z);
  }
  /* each row checked here, so that an error names its row and its field in the form's units;
  ** every field wrong marked at once */
  for(int p=0; p<3; p++){
    PrioTarget *g = &t.targets[p];
    const char *rn = arena_printf(&r->arena, "response_min_%s", g->priority);
    const char *dn = arena_printf(&r->arena, "resolution_days_%s", g->priority);
    long m = form_long(r, rn, 1, 13500);
    long d = form_long(r, dn, 1, 365);
    if( m<0 ) err_add(&e, rn, N_("must be a whole number of minutes from 1 to 13500 (30 working days)"));
    if( d<0 ) err_add(&e, dn, N_("must be a whole number of working days from 1 to 365"));
    if( m<0 || d<0 ) continue;
    g->response_s = (int64_t)m*60;
    g->resolution_days = (int)d;
    Err ge = {0};
    if( priority_check_target(g, &ge)!=OK ){
      err_rename(&ge, "targets.resolution_workdays", dn);
      err_rename(&ge, "targets.response_office_seconds", rn);
      err_rename(&ge, "targets.priority", rn);
      err_merge(&e, &ge);
    }
  }
  if( e.msg ) return prio_page(r, 400, "priority", &e);
  Actor a = req_actor(r);
  int changed = 0;
  int rc = priority_set(r->db, &a, r->office_id, &base, &t, &changed, &e);
  if( rc!=OK ){
    if( e.msg==0 ) ERR_SET(&e, 0, N_("The database failed"));
    return prio_page(r, http_status_of(rc), "priority", &e);
  }
  return reply_redirect(r, arena_printf(&r->arena, "/prioritas?ok=%t",
                                        changed ? N_("Priority table saved") : N_("Nothing changed: the table was already so")));
}

/* POST /prioritas/nomor: the number formats from the form (checked, all or nothing, audited). */
int page_number_formats_post(Req *r){
  const char *pats[8] = {0};
  for(int i=0; number_registers[i]; i++) pats[i] = req_form(r, arena_printf(&r->arena, "fmt_%s", number_registers[i]));
  Actor a = req_actor(r);
  Err e = {0};
  int rc = number_patterns_set(r->db, &a, r->office_id, pats, &e);
  if( rc!=OK ){
    if( e.msg==0 ) ERR_SET(&e, 0, N_("The database failed"));
    return prio_page(r, http_status_of(rc), "numbers", &e);
  }
  return reply_redirect(r, arena_printf(&r->arena, "/prioritas?ok=%t", N_("Number formats saved")));
}
