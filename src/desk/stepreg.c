/*
** stepreg.c — the registers a step names (`register:` in its procedure file), written
** when the step is completed through the general step form (the case page and
** POST /api/v1/cases/:number/steps/:no), in the transaction of the step: the guest book of
** a visit, the agenda entry of a letter, a disposition to whoever the next step is for, the
** consultation form, the hand-over form of a file, the archive entry. What the officer
** gives is taken as given; what is not given comes from the case. What a desk of its own
** wrote for the case already (the phone desk's consultation form, a verification's agenda)
** is not written twice.
*/
#include "desk.h"
#include "../sop/case.h"
#include <stdio.h>
#include <string.h>

/* What the case says about its requester beyond its name: the person's phone and e-mail. */
typedef struct Contact { const char *phone, *email; } Contact;

/* The requester's phone and e-mail from the directory (empty when none). */
static int stepreg_contact(Db *db, const Case *c, Contact *out, Arena *a){
  out->phone = out->email = "";
  Stmt *q = db_prepare(db, "SELECT coalesce(p.phone,''), coalesce(p.email,'') FROM kasus k"
                           " LEFT JOIN party p ON p.id=k.person_id WHERE k.id=?1");
  if( q==0 ) return ERR_DB;
  db_bind_int64(q, 1, c->id);
  int rc = db_step(q);
  if( rc==DB_ROW ){
    out->phone = arena_strdup(a, db_col_text(q, 0));
    out->email = arena_strdup(a, db_col_text(q, 1));
  }
  db_reset(q);
  return rc==DB_ROW || rc==DB_DONE ? OK : ERR_DB;
}

/* The display name of a user of the office, or the username itself. */
const char *stepreg_user_name(Db *db, const char *username, Arena *a){
  Stmt *q = db_prepare(db, "SELECT coalesce(nullif(full_name,''), username) FROM users WHERE username=?1");
  const char *name = username;
  if( q==0 ) return name;
  db_bind_text(q, 1, username);
  if( db_step(q)==DB_ROW ) name = arena_strdup(a, db_col_text(q, 0));
  db_reset(q);
  return name;
}

/* 1 when step s of procedure p is the first of its steps naming register `name`. */
static int stepreg_first(const Procedure *p, const Step *s, const char *name){
  for(int i=0; i<p->nsteps && p->steps[i].no!=s->no; i++){
    if( strlist_has(&p->steps[i].registers, name) ) return 0;
  }
  return 1;
}

/* 1 when step s of procedure p records only the guest's departure in the guest book (a later
** step naming it): the step form takes no values for that register. */
int stepreg_departure(const Procedure *p, const Step *s, const char *name){
  return strcmp(name, "guest_book")==0 && !stepreg_first(p, s, name);
}

/* The entries of register g linked to the case; the newest one's id into *last (0: none). */
static int stepreg_linked(Db *db, const Case *c, const Register *g, int *n, int64_t *last, Arena *a){
  RegLink *l;
  int nl;
  *n = 0;
  *last = 0;
  int rc = register_of_case(db, c->office_id, c->number, &l, &nl, a);
  if( rc!=OK ) return rc;
  for(int i=0; i<nl; i++) if( l[i].g==g ){ (*n)++; *last = l[i].id; }
  return OK;
}

/* The number of the case's newest agenda entry (the letter a disposition is about); NULL when none. */
static const char *stepreg_agenda(Db *db, const Case *c, Arena *a){
  RegLink *l;
  int n;
  const char *number = 0;
  if( register_of_case(db, c->office_id, c->number, &l, &n, a)!=OK ) return 0;
  for(int i=0; i<n; i++) if( l[i].g->id==REG_AGENDA && *l[i].number ) number = l[i].number;
  return number;
}

/* 1 when the only value given of register g's entry is its answer (a consultation form's). */
static int stepreg_answer_only(const Register *g, const RegInput *in){
  int k = register_field(g, "answer");
  if( k<0 || in->v[k]==0 ) return 0;
  for(int i=0; i<g->nfields; i++) if( i!=k && in->v[i] ) return 0;
  return 1;
}

/* The open step of c as recorded, or NULL when the case has ended. */
static const CaseStep *stepreg_open(const Case *c){
  for(int i=c->nsteps-1; i>=0; i--) if( c->steps[i].done_at==0 && c->steps[i].no==c->current_step ) return &c->steps[i];
  return 0;
}

/* The first of the office's staff roles that step s names and that `done` (the step just
** completed) does not: whom a disposition goes to; NULL when the work stays with them. */
static const char *stepreg_next_role(const Step *s, const Step *done){
  for(int i=0; s && i<s->actors.n; i++){
    int k = role_index(s->actors.v[i]);
    if( k<0 || !role_is_staff(k) ) continue;
    if( done && strlist_has(&done->actors, s->actors.v[i]) ) continue;
    return s->actors.v[i];
  }
  return 0;
}

/* Put the default v for field name of g into in unless it was given: cut to the field's length
** (a long agency name is the case's, and must not stop the step). */
static void stepreg_default(const Register *g, RegInput *in, const char *name, const char *v, Arena *a){
  int i = register_field(g, name);
  if( i<0 || in->v[i] || v==0 || *v==0 ) return;
  in->v[i] = register_fit(g, name, v, a);
}

/* The values of a register's entry for case c at step s: given ones first, the rest from the
** case. Returns 0 when there is nothing to write (a disposition whose work stays with the same
** role, and no value of it given). */
static int stepreg_values(Db *db, const Actor *who, const char *tz, const Case *c, const Procedure *p,
                          const Step *s, const char *note, const Register *g, int given, RegInput *in,
                          Arena *a){
  Contact ct;
  stepreg_contact(db, c, &ct, a);
  /* the organisation as the requester named it (a letter's sender as on the letter), else the directory's */
  const char *org = !util_blank(c->org_given) ? c->org_given : c->requester_org;
  const char *who_name = !util_blank(c->requester_name) ? c->requester_name : org;
  const char *subject = util_first_line(c->subject, 200, a);
  /* the values must outlive this function (register_add reads them): in the arena */
  char iso[32], today[11];
  time_fmt_iso(iso, sizeof iso, c->opened_at);
  register_today(today, c->opened_at, tz);
  const char *opened = arena_strdup(a, iso), *day = arena_strdup(a, today);
  stepreg_default(g, in, "case_number", c->number, a);
  switch( g->id ){
    case REG_GUEST_BOOK:
      stepreg_default(g, in, "arrived_at", opened, a);
      stepreg_default(g, in, "name", who_name, a);
      stepreg_default(g, in, "organisation", org, a);
      stepreg_default(g, in, "phone", ct.phone, a);
      stepreg_default(g, in, "purpose", subject, a);
      break;
    case REG_AGENDA:
      stepreg_default(g, in, "letter_no", "Tanpa nomor", a);
      stepreg_default(g, in, "letter_date", day, a);
      stepreg_default(g, in, "received_at", opened, a);
      stepreg_default(g, in, "sender", !util_blank(org) ? org : who_name, a);
      stepreg_default(g, in, "subject", subject, a);
      break;
    case REG_DISPOSITION: {
      const CaseStep *open = stepreg_open(c);
      const Step *next = open ? procedure_step(p, open->no) : 0;
      const char *role = open && open->assigned_role ? open->assigned_role : stepreg_next_role(next, s);
      int to_given = in->v[register_field(g, "to_user")] || in->v[register_field(g, "to_role")];
      if( !given && (open==0 || (role==0 && open->assigned_user==0)) ) return 0;
      stepreg_default(g, in, "agenda", stepreg_agenda(db, c, a), a);   /* the letter it is about */
      if( !to_given ){
        stepreg_default(g, in, "to_role", role, a);
        stepreg_default(g, in, "to_user", open ? open->assigned_user : 0, a);
      }
      if( next ){
        stepreg_default(g, in, "instruction", !util_blank(note) ? note
                        : arena_printf(a, "Langkah %d: %s", next->no, util_first_line(next->text, 900, a)), a);
        if( open->due_at > time_now() ){
          char due[32];
          time_fmt_iso(due, sizeof due, open->due_at);
          stepreg_default(g, in, "due_at", arena_strdup(a, due), a);
        }
      }
      stepreg_default(g, in, "instruction", !util_blank(note) ? note : subject, a);
      break;
    }
    case REG_CONSULTATION: {
      const char *contact = arena_printf(a, "%s%s%s", ct.phone, *ct.phone && *ct.email ? ", " : "", ct.email);
      stepreg_default(g, in, "asked_at", opened, a);
      stepreg_default(g, in, "name", who_name, a);
      stepreg_default(g, in, "organisation", org, a);
      stepreg_default(g, in, "contact", contact, a);
      stepreg_default(g, in, "question", c->subject, a);
      break;
    }
    case REG_HANDOVER:
      stepreg_default(g, in, "items", arena_printf(a, "Berkas permohonan: %s", subject), a);
      stepreg_default(g, in, "from_name", who_name, a);
      stepreg_default(g, in, "to_name", stepreg_user_name(db, who->username ? who->username : "system", a), a);
      break;
    case REG_ARCHIVE:
      /* kept two years from its archiving (the day the officer wrote, else now): the register's own
      ** default of retain_until (register_retain_default) */
      stepreg_default(g, in, "title", subject, a);
      stepreg_default(g, in, "location", "Arsip LPSE", a);
      break;
  }
  return 1;
}

/* Write the register named `name` for step s just completed (see the top of the file). */
static int stepreg_write(Db *db, const Actor *who, const char *tz, const Case *c, const Procedure *p,
                         const Step *s, const char *note, const char *name, const StepRegs *given, Err *e,
                         Arena *a){
  const Register *g = register_named(name);
  if( g==0 ) return OK;
  int gi = (int)(g - register_at(0));
  int has = given && given->given[gi];
  int n;
  int64_t last;
  int rc = stepreg_linked(db, c, g, &n, &last, a);
  if( rc!=OK ) return rc;
  if( g->id==REG_GUEST_BOOK ){
    /* a visit is in the guest book when the requester came in person: arrival at the first
    ** step naming it, departure at a later one (of the entry there is, if any) */
    if( !stepreg_first(p, s, name) ){
      if( n==0 ) return OK;
      char today[11];
      register_today(today, time_now(), tz);
      rc = register_act(db, who, g, last, today, e);
      return rc==ERR_CONFLICT ? OK : rc;    /* reported out already (the bidding room's close) */
    }
    if( !has && (n || strcmp(c->channel, "walk_in")) ) return OK;
  }else if( g->id!=REG_DISPOSITION && n && !has ){
    return OK;   /* one consultation form, agenda entry, hand-over form, archive entry a case */
  }else if( g->id==REG_CONSULTATION && n && has && stepreg_answer_only(g, &given->in[gi]) ){
    /* the answer written on the call's form, not a second form */
    rc = register_answer(db, who, g, last, given->in[gi].v[register_field(g, "answer")], e);
    if( rc!=OK ) err_prefix(e, arena_printf(a, "registers.%s.", g->name), 0, a);
    return rc;
  }
  RegInput in;
  memset(&in, 0, sizeof in);
  if( has ) in = given->in[gi];
  if( !stepreg_values(db, who, tz, c, p, s, note, g, has, &in, a) ) return OK;
  int64_t id;
  rc = register_add(db, who, g, tz, &in, &id, e);
  if( rc==ERR_INVALID ) err_prefix(e, arena_printf(a, "registers.%s.", g->name), 0, a);
  const CaseStep *open = g->id==REG_DISPOSITION ? stepreg_open(c) : 0;
  if( rc==OK && open ){   /* carried out when the step it routes the case to is (stepreg_on_step) */
    Stmt *q = db_prepare(db, "UPDATE disposition SET step_id=?2 WHERE id=?1");
    if( q==0 ) return ERR_DB;
    db_bind_int64(q, 1, id);
    db_bind_int64(q, 2, open->id);
    rc = db_run(q);
  }
  return rc;
}

/* Close the open dispositions that routed case c to the step row step_id at at, each with its
** audit row (register.done, as the register's own button) saying why (why: "the step it routed
** done", "the case was cancelled"). */
static int stepreg_close(Db *db, const Actor *who, const Case *c, int64_t step_id, int64_t at, const char *why){
  int rc = OK;
  while( rc==OK ){   /* one at a time: each its own audit row */
    Stmt *q = db_prepare(db, "SELECT id FROM disposition WHERE step_id=?1 AND done_at IS NULL ORDER BY id LIMIT 1");
    if( q==0 ) return ERR_DB;
    db_bind_int64(q, 1, step_id);
    int r = db_step(q);
    int64_t id = r==DB_ROW ? db_col_int64(q, 0) : 0;
    db_reset(q);
    if( r==DB_DONE ) break;
    if( r!=DB_ROW ) return ERR_DB;
    Stmt *u = db_prepare(db, "UPDATE disposition SET done_at=?2 WHERE id=?1");
    if( u==0 ) return ERR_DB;
    db_bind_int64(u, 1, id);
    db_bind_int64(u, 2, at);
    rc = db_run(u);
    char obj[48], detail[128];
    snprintf(obj, sizeof obj, "disposition:%lld", (long long)id);
    snprintf(detail, sizeof detail, "%s: %s", why, c->number);
    if( rc==OK ) rc = audit_write(db, who, "register.done", obj, detail);
  }
  return rc;
}

/* A step completed (case_step_hook_add): the dispositions that routed the case to it are carried
** out at that moment. */
int stepreg_on_step(Db *db, const Actor *who, const Case *c, int64_t step_id, int64_t at, Err *e){
  UNUSED(e);
  return stepreg_close(db, who, c, step_id, at, "the step it routed done");
}

/* A case closed or cancelled (case_close_hook_add): cancelled, the dispositions that routed it to
** the step its cancelling ended are closed with it, not left "not done yet" and past due for ever. */
int stepreg_on_close(Db *db, const Actor *who, const Case *c, Err *e){
  UNUSED(e);
  if( !util_str_eq(c->status, "cancelled") ) return OK;
  Stmt *q = db_prepare(db, "SELECT id, done_at FROM case_step WHERE case_id=?1 AND outcome='cancelled' ORDER BY id DESC LIMIT 1");
  if( q==0 ) return ERR_DB;
  db_bind_int64(q, 1, c->id);
  int r = db_step(q);
  int64_t step_id = r==DB_ROW ? db_col_int64(q, 0) : 0, at = r==DB_ROW ? db_col_int64(q, 1) : 0;
  db_reset(q);
  if( r!=DB_ROW && r!=DB_DONE ) return ERR_DB;
  return step_id ? stepreg_close(db, who, c, step_id, at, "the case was cancelled") : OK;
}

/* OK when every register given is one step s writes with values, case_number not among them; else
** ERR_INVALID naming it. */
static int stepreg_given_ok(const Procedure *p, const Step *s, const StepRegs *given, Err *e, Arena *a){
  for(int i=0; i<REG_COUNT; i++){
    const Register *g = register_at(i);
    if( !given->given[i] ) continue;
    e->field = arena_printf(a, "registers.%s", g->name);
    if( !strlist_has(&s->registers, g->name) ){ e->msg = N_("This step does not write this register"); return ERR_INVALID; }
    if( g->id==REG_GUEST_BOOK && !stepreg_first(p, s, g->name) ){
      e->msg = N_("This step records the guest's departure: there is nothing to fill in");
      return ERR_INVALID;
    }
    if( given->in[i].v[register_field(g, "case_number")] ){
      e->field = arena_printf(a, "registers.%s.case_number", g->name);
      e->msg = N_("The entry is written for this case: its number is not given");
      return ERR_INVALID;
    }
    e->field = 0;
  }
  return OK;
}

/* Complete step no of c through the general step form and write the registers it names (see
** desk.h), all in one transaction. */
int stepreg_complete(Db *db, const Actor *who, unsigned roles, const char *tz, Case *c, int no, const char *outcome,
                     const char *note, const int *items, int nitems, const StepRegs *given, Err *e, Arena *a){
  const Procedure *p = case_procedure(db, c->procedure_id);
  if( p==0 ) return ERR_DB;
  const Step *s = procedure_step(p, no);
  int own, rc = db_tx_begin(db, &own);
  if( rc!=OK ) return rc;
  /* the registers given, judged when the step is the open one (else the engine's 409 naming no or status) */
  int any = 0;
  for(int i=0; given && i<REG_COUNT; i++) any |= given->given[i];
  if( s && any && (rc = case_refresh(db, c))==OK && util_str_eq(c->status, "open") && c->current_step==no ){
    rc = stepreg_given_ok(p, s, given, e, a);
  }
  if( rc!=OK ) return db_tx_end(db, own, rc);
  /* one who does not work on cases (pengarah, LKPP) completes only the steps that are theirs:
  ** judged on the case as it stands inside the transaction (another may have moved it on) */
  if( !perm_allows(roles, "case.work") ){
    rc = case_refresh(db, c);
    if( rc==OK && c->current_step==no && !case_open_step_is_mine(db, c, roles, who ? who->username : 0) ){
      ERR_SET(e, "no", N_("This step is done by the role the procedure names for it, or by whom it is assigned to"));
      rc = ERR_DENIED;
    }
  }
  if( rc==OK ) rc = case_complete_step_by(db, who, roles, c, no, outcome, note, items, nitems, e, a);
  for(int i=0; rc==OK && s && i<s->registers.n; i++){
    rc = stepreg_write(db, who, tz, c, p, s, note, s->registers.v[i], given, e, a);
  }
  return db_tx_end(db, own, rc);
}

/* Write the disposition step no of c names, for a service that completed the step itself. */
int stepreg_disposition(Db *db, const Actor *who, const char *tz, Case *c, int no, const char *note, Err *e, Arena *a){
  const Procedure *p = case_procedure(db, c->procedure_id);
  if( p==0 ) return ERR_DB;
  const Step *s = procedure_step(p, no);
  if( s==0 || !strlist_has(&s->registers, "disposition") ) return OK;
  return stepreg_write(db, who, tz, c, p, s, note, "disposition", 0, e, a);
}
