/*
** priorities.c — the priority table (urgency × impact → priority → targets) and
** the number formats per register of the caller's office through the API; for
** their keepers (priority.admin), a change checked whole and audited.
*/
#include "api.h"
#include "../sop/priority.h"
#include "../sop/number.h"
#include <stdio.h>
#include <string.h>

/* The table as JSON into b. */
static void prio_json(Buf *b, const PrioTable *t){
  buf_puts(b, "{\"rules\":[");
  for(int i=0; i<6; i++)
    buf_printf(b, "%R{\"urgency\":%J,\"impact\":%J,\"priority\":%J}", i ? "," : "",
               t->rules[i].urgency, t->rules[i].impact, t->rules[i].priority);
  buf_puts(b, "],\"targets\":[");
  for(int i=0; i<3; i++)
    buf_printf(b, "%R{\"priority\":%J,\"response_office_seconds\":%lld,\"resolution_workdays\":%d}", i ? "," : "",
               t->targets[i].priority, (long long)t->targets[i].response_s, t->targets[i].resolution_days);
  buf_puts(b, "]}");
}

/* Answer with the office's table. */
static int prio_reply(Req *r, int status, int changed){
  PrioTable t;
  if( priority_load(r->db, r->office_id, &t)!=OK ) return api_fail(r, ERR_DB, 0);
  Buf b = BUF_INIT;
  prio_json(&b, &t);
  if( changed<0 ) reply_json(r, status, "%R", buf_str(&b));
  else reply_json(r, status, "%.*R,\"changed\":%R}", (int)b.n-1, buf_str(&b), changed ? "true" : "false");
  buf_free(&b);
  return OK;
}

/* GET /api/v1/priorities: {"rules":[{urgency,impact,priority}],"targets":[{priority,…}]}. */
int api_priorities(Req *r){
  return prio_reply(r, 200, -1);
}

/* A string member of an element of a list; NULL when absent or not a string. */
static const char *elem_str(json_t *o, const char *key){
  json_t *v = json_object_get(o, key);
  return v && json_is_string(v) && strlen(json_string_value(v))==json_string_length(v) ? json_string_value(v) : 0;
}

/* Every member of element o of list key must be one of allowed: each other one noted; 1 when any. */
static int elem_done(Req *r, json_t *o, const char *key, size_t i, const char *const *allowed){
  const char *k;
  json_t *v;
  int bad = 0;
  json_object_foreach(o, k, v){
    int ok = 0;
    for(int j=0; allowed[j]; j++) if( strcmp(allowed[j], k)==0 ) ok = 1;
    if( !ok ){ jin_note(r, arena_printf(&r->arena, "%s[%zu].%s", key, i, k), N_("is not a known field"), 1); bad = 1; }
  }
  return bad;
}

/* The rules of the body applied onto t (each urgency × impact at most once); what is wrong with
** each entry noted, named by its place. */
static void take_rules(Req *r, PrioTable *t){
  static const char *const keys[] = { "urgency", "impact", "priority", 0 };
  json_t *v = json_object_get(r->json, "rules");
  if( v==0 || json_is_null(v) ) return;
  if( !json_is_array(v) || json_array_size(v)>6 ){ jin_note(r, "rules", N_("must be a list of at most 6 rules"), !json_is_array(v)); return; }
  int seen[6] = {0};
  for(size_t i=0; i<json_array_size(v); i++){
    json_t *o = json_array_get(v, i);
    if( !json_is_object(o) ){ jin_note(r, arena_printf(&r->arena, "rules[%zu]", i), N_("must be an object"), 1); continue; }
    if( elem_done(r, o, "rules", i, keys) ) continue;
    const char *u = elem_str(o, "urgency"), *m = elem_str(o, "impact"), *p = elem_str(o, "priority");
    PrioRule *rule = priority_rule(t, u, m);
    if( rule==0 ){
      if( u==0 || (strcmp(u, "mendesak") && strcmp(u, "tidak_mendesak")) )
        jin_note(r, arena_printf(&r->arena, "rules[%zu].urgency", i), N_("must be mendesak or tidak_mendesak"), 0);
      else jin_note(r, arena_printf(&r->arena, "rules[%zu].impact", i), N_("must be kecil, sedang or besar"), 0);
      continue;
    }
    int k = (int)(rule - t->rules);
    if( seen[k]++ ){ jin_note(r, arena_printf(&r->arena, "rules[%zu]", i), N_("repeats an urgency and impact"), 0); continue; }
    if( p==0 || (strcmp(p, "rendah") && strcmp(p, "menengah") && strcmp(p, "tinggi")) ){
      jin_note(r, arena_printf(&r->arena, "rules[%zu].priority", i), N_("must be rendah, menengah or tinggi"), 0);
      continue;
    }
    snprintf(rule->priority, sizeof rule->priority, "%s", p);
  }
}

/* An integer member of element o; ERR_INVALID (noted) when absent (a target is given whole: its
** two times, not one of them) or not an integer. */
static int elem_int(Req *r, json_t *o, size_t i, const char *key, int64_t *out){
  json_t *v = json_object_get(o, key);
  if( v==0 || !json_is_integer(v) ){
    jin_note(r, arena_printf(&r->arena, "targets[%zu].%s", i, key), v==0 ? N_("is required") : N_("must be a whole number"), 1);
    return ERR_INVALID;
  }
  *out = (int64_t)json_integer_value(v);
  return OK;
}

/* The targets of the body applied onto t (each priority at most once); what is wrong with each
** entry noted, named by its place. */
static void take_targets(Req *r, PrioTable *t){
  static const char *const keys[] = { "priority", "response_office_seconds", "resolution_workdays", 0 };
  json_t *v = json_object_get(r->json, "targets");
  if( v==0 || json_is_null(v) ) return;
  if( !json_is_array(v) || json_array_size(v)>3 ){ jin_note(r, "targets", N_("must be a list of at most 3 targets"), !json_is_array(v)); return; }
  int seen[3] = {0};
  for(size_t i=0; i<json_array_size(v); i++){
    json_t *o = json_array_get(v, i);
    if( !json_is_object(o) ){ jin_note(r, arena_printf(&r->arena, "targets[%zu]", i), N_("must be an object"), 1); continue; }
    if( elem_done(r, o, "targets", i, keys) ) continue;
    PrioTarget *g = priority_target(t, elem_str(o, "priority"));
    if( g==0 ){ jin_note(r, arena_printf(&r->arena, "targets[%zu].priority", i), N_("must be rendah, menengah or tinggi"), 0); continue; }
    int k = (int)(g - t->targets);
    if( seen[k]++ ){ jin_note(r, arena_printf(&r->arena, "targets[%zu]", i), N_("repeats a priority"), 0); continue; }
    int64_t resp = 0, days = 0;
    int bad = elem_int(r, o, i, "response_office_seconds", &resp);
    if( elem_int(r, o, i, "resolution_workdays", &days) || bad ) continue;
    g->response_s = resp;
    g->resolution_days = days<1 || days>365 ? 0 : (int)days;   /* out of range: refused just below */
    /* checked here, while the entry's index is known: each error names targets[i].MEMBER */
    Err e = {0};
    priority_check_target(g, &e);
    for(int j=0; j<err_count(&e); j++){
      ErrItem it = err_item(&e, j);
      const char *member = it.field ? strchr(it.field, '.') : 0;
      err_add_item(&r->jin, arena_printf(&r->arena, "targets[%zu]%s", i, member ? member : ""), &it);
    }
  }
}

/* PUT /api/v1/priorities {"rules":[…],"targets":[…]}: the entries given replace theirs; checked
** whole, all or nothing, audited. Answers the table as stored. */
int api_priorities_set(Req *r){
  static const char *const keys[] = { "rules", "targets", 0 };
  PrioTable t, base;
  if( jin_object(r) ) return OK;
  if( priority_load(r->db, r->office_id, &t)!=OK ) return api_fail(r, ERR_DB, 0);
  base = t;
  take_rules(r, &t);
  take_targets(r, &t);   /* the entries' problems said with the body's others */
  if( jin_done(r, keys) ) return OK;
  Actor a = api_actor(r);
  Err e = {0};
  int changed = 0;
  int rc = priority_set(r->db, &a, r->office_id, &base, &t, &changed, &e);
  if( rc!=OK ) return api_fail(r, rc, &e);   /* every field wrong, "fields" when several */
  return prio_reply(r, 200, changed);
}

/* Answer with the office's number formats: {"formats":{"case":…,…}}. */
static int formats_reply(Req *r){
  Buf b = BUF_INIT;
  buf_puts(&b, "{\"formats\":{");
  for(int i=0; number_registers[i]; i++){
    char pat[NUMBER_PATTERN_MAX+8];
    if( number_pattern_get(r->db, r->office_id, number_registers[i], pat, sizeof pat)!=OK ){
      buf_free(&b);
      return api_fail(r, ERR_DB, 0);
    }
    buf_printf(&b, "%R%J:%J", i ? "," : "", number_registers[i], pat);
  }
  buf_puts(&b, "}}");
  reply_json(r, 200, "%R", buf_str(&b));
  buf_free(&b);
  return OK;
}

/* GET /api/v1/number-formats */
int api_number_formats(Req *r){
  return formats_reply(r);
}

/* PUT /api/v1/number-formats {"case":"{office}-{year}-{seq:6}",…}: the patterns given replace
** theirs (checked, all or nothing, audited); the counters go on, numbers are never reused. */
int api_number_formats_set(Req *r){
  const char *pats[8] = {0};
  if( jin_object(r) ) return OK;
  for(int i=0; number_registers[i]; i++){
    /* a register always has a pattern: null would remove it, so it is refused, not ignored */
    json_t *v = json_object_get(r->json, number_registers[i]);
    if( v && json_is_null(v) ) jin_note(r, number_registers[i], N_("cannot be removed: give a pattern"), 1);
    else if( jin_str(r, number_registers[i], 0, NUMBER_PATTERN_MAX, &pats[i]) ) return OK;
  }
  if( jin_done(r, number_registers) ) return OK;
  Actor a = api_actor(r);
  Err e = {0};
  int rc = number_patterns_set(r->db, &a, r->office_id, pats, &e);
  if( rc!=OK ) return api_fail(r, rc, &e);   /* every pattern wrong, "fields" when several */
  return formats_reply(r);
}
