/*
** reply.c — building answers: page text through the escaping printf engine,
** JSON documents, redirects, and errors in the shape the API promises.
*/
#include "http.h"
#include <stdio.h>
#include <string.h>
#include <strings.h>

static ErrorPage error_page;

/* Append formatted, escaped text to the answer being built. */
void out(Req *r, const char *fmt, ...){
  va_list ap;
  va_start(ap, fmt);
  fmt_vappend(&r->out, fmt, ap);
  va_end(ap);
}

/* Answer with a JSON document written by the engine (use %J and %j for strings). */
int reply_json(Req *r, int status, const char *fmt, ...){
  va_list ap;
  buf_reset(&r->out);
  va_start(ap, fmt);
  fmt_vappend(&r->out, fmt, ap);
  va_end(ap);
  buf_putc(&r->out, '\n');
  r->status = status;
  r->ctype = "application/json";
  return OK;
}

/* Answer with a body as it is. */
int reply_text(Req *r, int status, const char *ctype, const char *body, size_t n){
  buf_reset(&r->out);
  buf_append(&r->out, body, n);
  r->status = status;
  r->ctype = ctype;
  return OK;
}

/* Answer with the bytes already in r->out as a file to save: Content-Type ctype (one
** token/token, else application/octet-stream), Content-Disposition attachment with the
** name as RFC 6266 gives it (an ASCII fallback in filename, the UTF-8 name in filename*). */
int reply_download(Req *r, int status, const char *ctype, const char *name){
  int ok = ctype && *ctype;
  for(const char *p = ctype; ok && *p; p++){
    if( !((*p>='a' && *p<='z') || (*p>='A' && *p<='Z') || (*p>='0' && *p<='9') || strchr("/.+-_", *p)) ) ok = 0;
  }
  r->status = status;
  r->ctype = ok ? arena_strdup(&r->arena, ctype) : "application/octet-stream";
  Buf d = BUF_INIT;
  buf_puts(&d, "attachment; filename=\"");
  for(const unsigned char *p = (const unsigned char*)(name ? name : "file"); *p; p++){
    buf_putc(&d, *p>=0x20 && *p<0x7f && *p!='"' && *p!='\\' && *p!='%' ? (char)*p : '_');
  }
  buf_puts(&d, "\"; filename*=UTF-8''");
  static const char hex[] = "0123456789ABCDEF";
  for(const unsigned char *p = (const unsigned char*)(name ? name : "file"); *p; p++){
    /* attr-char of RFC 5987 as is, every other byte percent-encoded */
    if( (*p>='a' && *p<='z') || (*p>='A' && *p<='Z') || (*p>='0' && *p<='9') || strchr("!#$&+-.^_`|~", *p) ) buf_putc(&d, (char)*p);
    else{ buf_putc(&d, '%'); buf_putc(&d, hex[*p>>4]); buf_putc(&d, hex[*p&15]); }
  }
  req_set_header(r, "Content-Disposition", buf_str(&d));
  buf_free(&d);
  return OK;
}

/* 1 when z is a path on this site fit for a Location header: "/…", not "//host" or
** "/\\host" (another site to a browser), no control characters. */
int path_is_local(const char *z){
  if( z==0 || z[0]!='/' || z[1]=='/' || z[1]=='\\' ) return 0;
  for(const unsigned char *p = (const unsigned char*)z; *p; p++) if( *p<0x20 || *p==0x7f ) return 0;
  return 1;
}

/* An answer that is always the same bytes: sent from a response built once per thread. */
int reply_constant(Req *r, int status, const char *ctype, const char *body, size_t n){
  buf_reset(&r->out);
  r->status = status;
  r->ctype = ctype;
  r->constant = body;
  r->constant_len = n;
  return OK;
}

/* Send the browser on to another local page (303: the next request is a GET). */
int reply_redirect(Req *r, const char *location){
  if( !path_is_local(location) ) location = "/";   /* never an open redirect */
  buf_reset(&r->out);
  req_set_header(r, "Location", location);
  r->status = 303;
  r->ctype = "text/plain; charset=utf-8";
  return OK;
}

/* Install the web layer's page for errors shown to people. */
void reply_set_error_page(ErrorPage fn){
  error_page = fn;
}

/* 1 when a message is a phrase about its field ("must be …", "is required"): its first word a verb. */
static int about_field(const char *message){
  static const char *const verbs[] = { "must", "is", "are", "has", "have", "names", "cannot", "can", "may",
                                       "does", "belongs", "needs", "gives", "differs", "declined", 0 };
  size_t n = strcspn(message, " ");
  for(int i=0; verbs[i]; i++) if( strlen(verbs[i])==n && strncmp(message, verbs[i], n)==0 ) return 1;
  return 0;
}

/* A form's message about the field under which it is shown ("This field is required") as the
** phrase said of the field it names ("is required"); the message itself when it has none. */
static const char *field_phrase(const char *message){
  static const char *const said[][2] = {
    { "This field is required", "is required" },
    { "This field is too long: at most %d characters", "is too long: at most %d characters" },
    { "This field holds a control character", "must not contain control characters" },
  };
  for(size_t i=0; message && i<COUNT(said); i++) if( strcmp(message, said[i][0])==0 ) return said[i][1];
  return message;
}

/* The label people read for a field of the API (msgid: "title" is "Title", Judul), by the field's
** path without its indexes (items[2].no is items.no): the whole path's when the table has it
** (requester.nip: "NIP pemohon"), else its last member's (items.no: "Nomor"), else the field's
** own name (a member the caller made up, and any member said to be not known: as sent). A phrase about the field is said of its label
** ("Judul wajib diisi"), while "field" keeps the machine name. */
static const char *field_label(Req *r, const char *field, const char *message){
  static const struct { const char *field, *label; } labels[] = {   /* by field, alphabetically (read in order: an error's path) */
    { "address", N_("Address") }, { "age", N_("Age") }, { "agency", N_("Agency") },
    { "answer", N_("Answer") }, { "application", N_("Application") }, { "approve", N_("Approval") }, { "archived_at", N_("Archived") },
    { "arrived_at", N_("Arrived") }, { "asked_at", N_("Asked") }, { "asker_agency", N_("Agency") }, { "asker_name", N_("Name") },
    { "at", N_("Time") }, { "attachments", N_("Attachments") },
    { "audience", N_("Audience") }, { "body", N_("Content") }, { "budget", N_("Budget") },
    { "budget.amount", N_("Budget amount (Rp)") }, { "budget.item", N_("Budget item") },
    { "capacity", N_("Capacity") }, { "case_number", N_("Case number") }, { "category", N_("Category") },
    { "causes", N_("Causes checked") }, { "channel", N_("Channel") },
    { "code", N_("Code") }, { "comment", N_("Comment") }, { "company", N_("Company") }, { "contact", N_("Contact") },
    { "day", N_("Day") }, { "description", N_("Description") }, { "director", N_("Director") },
    { "destroyed_at", N_("Destroyed") }, { "docs", N_("Documents") }, { "done_at", N_("Done") }, { "due_at", N_("Due") },
    { "education", N_("Education") }, { "email", N_("E-mail") },
    { "ends_at", N_("Ends") }, { "external_ticket", N_("LKPP ticket number") }, { "file", N_("File") },
    { "from_name", N_("Handed over by") }, { "from_user", N_("From (user)") },
    { "full_name", N_("Full name") }, { "gender", N_("Sex") }, { "holder", N_("Holder") }, { "hours", N_("Hours") },
    { "impact", N_("Impact") }, { "instruction", N_("Instruction") }, { "kind", N_("Kind") },
    { "lang", N_("Language") }, { "left_at", N_("Left") }, { "letter_date", N_("Letter date") }, { "letter_no", N_("Letter number") },
    { "location", N_("Location") }, { "lookup", N_("Account's NIP or e-mail") },
    { "met_whom", N_("Met whom") }, { "minutes", N_("Q&A minutes") }, { "month", N_("Month") }, { "name", N_("Name") }, { "nib", N_("NIB") },
    { "nik", N_("NIK") }, { "nip", N_("NIP") }, { "no", N_("Number") }, { "note", N_("Note") },
    { "notes", N_("Notes") }, { "npwp", N_("NPWP") }, { "number", N_("Number") }, { "occupation", N_("Occupation") },
    { "office", N_("Office") }, { "old_password", N_("Current password") }, { "opened", N_("File opened") }, { "org_name", N_("Organisation") },
    { "organisation", N_("Organisation") }, { "outcome", N_("Outcome") }, { "participant", N_("Participant") },
    { "password", N_("Password") }, { "phone", N_("Phone") }, { "position", N_("Position") },
    { "priority", N_("Priority") }, { "provider", N_("Provider") }, { "purpose", N_("Purpose") },
    { "question", N_("Question") }, { "questionnaire", N_("Questionnaire") }, { "reason", N_("Reason") },
    { "received_at", N_("Received") }, { "replacement", N_("Replacement") }, { "requester", N_("Requester") },
    { "requester.email", N_("Requester's e-mail") }, { "requester.name", N_("Requester's name") },
    { "requester.nik", N_("Requester's NIK") }, { "requester.nip", N_("Requester's NIP") },
    { "requester.npwp", N_("Requester's NPWP") }, { "requester.org", N_("Requester's organisation") },
    { "requester.org_name", N_("Requester's organisation") },
    { "requester.organisation", N_("Requester's organisation") },
    { "requester.organization", N_("Requester's organisation") }, { "requester.phone", N_("Requester's phone") },
    { "retain_until", N_("Retain until") }, { "revision", N_("Revision") }, { "role", N_("Role") },
    { "roles", N_("Roles") }, { "rule", N_("Rule") }, { "score", N_("Score") }, { "sender", N_("Sender") }, { "session", N_("Session") },
    { "sessions", N_("Sessions") }, { "sk_number", N_("Decree (SK) number") }, { "sop", N_("Procedure") }, { "starts_at", N_("Starts") },
    { "state", N_("State") }, { "status", N_("Status") }, { "step", N_("Step") }, { "subject", N_("Subject") },
    { "suggestion", N_("Suggestion") }, { "tags", N_("Tags") }, { "targets", N_("Targets") },
    { "tender_code", N_("Tender code") }, { "text", N_("Text") }, { "title", N_("Title") },
    { "to_name", N_("Received by") }, { "to_role", N_("To (role)") }, { "to_user", N_("To (user)") }, { "trainer", N_("Trainer") },
    { "trainers", N_("Trainers") }, { "type", N_("Type") }, { "tz", N_("Time zone") }, { "urgency", N_("Urgency") },
    { "user", N_("User") }, { "user_id", N_("User ID") }, { "username", N_("Username") }, { "valid_from", N_("Start of validity") },
    { "valid_until", N_("End of validity") }, { "venue", N_("Venue") }, { "weekday", N_("Day") },
  };
  if( field==0 || (message && strcmp(message, "is not a known field")==0) ) return field;   /* said as sent */
  char path[96];
  size_t n = 0;
  for(const char *p=field; *p && n+1<sizeof path; p++){
    if( *p=='[' ){ const char *q = strchr(p, ']'); if( q ){ p = q; continue; } }
    path[n++] = *p;
  }
  path[n] = 0;
  for(int pass=0; pass<2; pass++){
    const char *key = path;
    if( pass ){ const char *dot = strrchr(path, '.'); if( dot==0 ) break; key = dot+1; }
    for(size_t i=0; i<COUNT(labels); i++) if( strcmp(key, labels[i].field)==0 ) return T(r, labels[i].label);
  }
  return field;
}

/* A message as said to the caller: translated, and when it is a phrase about its field said
** of it (field_label): "Judul wajib diisi", "type must be …" (as reply_invalid says it); a form's
** "This field is required" of a field named is said of it too: "Nama wajib diisi". */
static const char *error_text(Req *r, const char *field, const char *message, int n, const char *arg){
  if( field ) message = field_phrase(message);
  const char *msg = T_s(r, message ? message : "Error", n, arg);
  if( field && message && about_field(message) ) msg = arena_printf(&r->arena, "%s %s", field_label(r, field, message), msg);
  return msg;
}

/* The name of the one ":name" segment of the route r matched (a copy in r's arena): what a 404
** is about when the handler named nothing (GET /api/v1/users/:name → "name"). NULL when the
** route has none or several (which one was not found is then the handler's to say). */
static const char *route_only_param(Req *r){
  const char *p = r->route ? strchr(r->route->path, ':') : 0;
  if( p==0 || strchr(p+1, ':') ) return 0;
  size_t n = strcspn(p+1, "/");
  return n ? arena_printf(&r->arena, "%.*s", (int)n, p+1) : 0;
}

/* An error: {"error":{"code","message","field"}} for the API, a page for people; "limit": n
** when the message says a number (n, its "%d": at most n characters); with more
** errors than one in all (NULL: none), the API's also lists them all in "fields":
** [{"field","message"}] (the first among them; "limit" too when one says it), in the order found;
** with nlines>=0, the API's lists lines in "lines" (said as they are), and "more_lines": how many
** more were found. */
static int reply_error_of(Req *r, int status, const char *code, const char *field, const char *message, int n,
                          const char *arg, const Err *all, char *const *lines, int nlines, int more_lines){
  const char *msg = error_text(r, field, message, n, arg);
  if( status==404 && field==0 ) field = route_only_param(r);
  buf_reset(&r->out);
  r->status = status;
  if( r->is_api || error_page==0 ){
    r->ctype = "application/json";
    buf_printf(&r->out, "{\"error\":{\"code\":%J,\"message\":%J", code, msg);
    if( field ) buf_printf(&r->out, ",\"field\":%J", field);
    if( n ) buf_printf(&r->out, ",\"limit\":%d", n);
    if( err_count(all)>1 ){
      BUF_LIT(&r->out, ",\"fields\":[");
      for(int i=0; i<err_count(all); i++){
        ErrItem it = err_item(all, i);
        if( i ) buf_putc(&r->out, ',');
        buf_printf(&r->out, "{\"field\":%J,\"message\":%J", it.field, error_text(r, it.field, it.msg, it.n, err_arg(&it, r->lang)));
        if( it.n ) buf_printf(&r->out, ",\"limit\":%d", it.n);
        buf_putc(&r->out, '}');
      }
      BUF_LIT(&r->out, "]");
    }
    if( nlines>=0 ){
      BUF_LIT(&r->out, ",\"lines\":[");
      for(int i=0; i<nlines; i++){
        if( i ) buf_putc(&r->out, ',');
        buf_printf(&r->out, "%J", lines[i]);
      }
      buf_printf(&r->out, "],\"more_lines\":%d", more_lines);
    }
    buf_puts(&r->out, "}}\n");
    return OK;
  }
  r->ctype = "text/html; charset=utf-8";
  error_page(r, status, code, msg);
  r->status = status;
  return OK;
}

/* An error: {"error":{"code","message","field"}} for the API, a page for people. A message that
** is a phrase about the field is said of it: "type must be …" (as reply_invalid says it). */
int reply_error(Req *r, int status, const char *code, const char *field, const char *message){
  return reply_error_of(r, status, code, field, message, 0, 0, 0, 0, -1, 0);
}

/* As reply_error, the message (a static msgid holding one "%d") saying the number n (a limit). */
int reply_error_n(Req *r, int status, const char *code, const char *field, const char *message, int n){
  return reply_error_of(r, status, code, field, message, n, 0, 0, 0, -1, 0);
}

/* As reply_error, the first error of e (its field, message, number and text; fallback when e holds
** none) alone: the others it holds are not listed (reply_errors lists them). */
int reply_error_e(Req *r, int status, const char *code, const Err *e, const char *fallback){
  if( e==0 || e->msg==0 ) return reply_error_of(r, status, code, 0, fallback, 0, 0, 0, 0, -1, 0);
  ErrItem it = err_item(e, 0);
  return reply_error_of(r, status, code, it.field, it.msg, it.n, err_arg(&it, r->lang), 0, 0, -1, 0);
}

/* The errors of e (a service's, message fallback when it has none) as reply_error answers one:
** the first as "field" and "message", all of them in "fields" when there are several. */
int reply_errors(Req *r, int status, const char *code, const Err *e, const char *fallback){
  if( e==0 || e->msg==0 ) return reply_error_of(r, status, code, 0, fallback, 0, 0, e, 0, -1, 0);
  ErrItem it = err_item(e, 0);
  return reply_error_of(r, status, code, it.field, it.msg, it.n, err_arg(&it, r->lang), e, 0, -1, 0);
}

/* As reply_error, the API's also listing lines[0..n) in "lines" (a file's wrong lines, each as
** it is said), and in "more_lines" how many more were found than listed. */
int reply_error_lines(Req *r, int status, const char *code, const char *field, const char *message,
                      char *const *lines, int n, int more){
  return reply_error_of(r, status, code, field, message, 0, 0, 0, lines, n>0 ? n : 0, more);
}

/* 400 "invalid" naming a field, the message "FIELD text" (text translated); gives ERR_INVALID. */
int reply_invalid(Req *r, const char *field, const char *msgid){
  return reply_invalid_n(r, field, msgid, 0);
}

/* As reply_invalid, the msgid (holding one "%d") saying the number n (a limit), "limit": n. */
int reply_invalid_n(Req *r, const char *field, const char *msgid, int n){
  reply_error_of(r, 400, "invalid", field, arena_printf(&r->arena, "%s %s", field_label(r, field, msgid), T_n(r, msgid, n)), n, 0, 0, 0, -1, 0);
  return ERR_INVALID;
}

/* Retry-After: seconds (at least 1). */
void req_retry_after(Req *r, int seconds){
  char s[16];
  snprintf(s, sizeof s, "%d", seconds>0 ? seconds : 1);
  req_set_header(r, "Retry-After", s);
}

/* 429 "throttled" with Retry-After: seconds (at least 1). */
int reply_throttled(Req *r, int seconds, const char *msgid){
  req_retry_after(r, seconds);
  return reply_error(r, 429, "throttled", 0, msgid);
}

/* What people are told when storage failed, by fault (DB_FAULT_ of db.h): the error code, the
** message, how long to wait before trying again. */
static const struct { const char *code, *msgid; int retry_s; } faults[] = {
  [DB_FAULT_NONE]     = { "unavailable", N_("The database is not available: try again in a moment"), 5 },
  [DB_FAULT_DOWN]     = { "unavailable", N_("The database is not available: try again in a moment"), 5 },
  [DB_FAULT_BUSY]     = { "busy", N_("The database is busy with another task: try again in a moment"), 5 },
  [DB_FAULT_FULL]     = { "disk_full", N_("The server's disk is full: nothing was saved. Tell the administrator"), 60 },
  [DB_FAULT_READONLY] = { "read_only", N_("The database cannot be written (it is read-only): nothing was saved."
                                          " Tell the administrator"), 60 },
};

/* 503 saying why storage failed, with Retry-After. */
int reply_fault(Req *r, int fault){
  if( fault<0 || fault>=(int)COUNT(faults) ) fault = DB_FAULT_DOWN;
  static const int stat_of[] = { [DB_FAULT_NONE] = STAT_DB_UNAVAILABLE, [DB_FAULT_DOWN] = STAT_DB_UNAVAILABLE,
    [DB_FAULT_BUSY] = STAT_DB_BUSY, [DB_FAULT_FULL] = STAT_DB_DISK_FULL, [DB_FAULT_READONLY] = STAT_DB_READ_ONLY };
  stat_add(stat_of[fault], 1);
  req_retry_after(r, faults[fault].retry_s);
  return reply_error(r, 503, faults[fault].code, 0, faults[fault].msgid);
}

/* The HTTP status that answers a service's status code. */
int http_status_of(int rc){
  switch( rc ){
    case OK: return 200;
    case ERR_INVALID: return 400;
    case ERR_NOTFOUND: return 404;
    case ERR_DENIED: return 403;
    case ERR_CONFLICT: return 409;
    case ERR_LOCKED: return 423;
    case ERR_THROTTLED: return 429;
    case ERR_AUTH: return 401;
    case ERR_TOOBIG: return 413;
    case ERR_TYPE: return 415;
    default: return 500;
  }
}

/* The error code word that answers a service's status code. */
const char *http_code_of(int rc){
  switch( rc ){
    case ERR_INVALID: return "invalid";
    case ERR_NOTFOUND: return "not_found";
    case ERR_DENIED: return "forbidden";
    case ERR_CONFLICT: return "conflict";
    case ERR_LOCKED: return "locked";
    case ERR_THROTTLED: return "throttled";
    case ERR_AUTH: return "bad_credentials";
    case ERR_TOOBIG: return "too_large";
    case ERR_TYPE: return "unsupported_type";
    default: return "internal";
  }
}

/* The catalog text of msgid in the request's language. */
const char *T(Req *r, const char *msgid){
  /* the message that says only that something failed says why, when the storage said why */
  int fault = db_fault();
  if( fault>0 && fault<(int)COUNT(faults) && msgid
   && (strcmp(msgid, "The database failed")==0 || strcmp(msgid, "Request failed")==0) ) msgid = faults[fault].msgid;
  return i18n_get(r ? r->lang : "id", msgid);
}

/* T(), the number n put in place of the message's "%d" (n 0: T() as it is); in r's arena. */
const char *T_n(Req *r, const char *msgid, int n){
  return T_s(r, msgid, n, 0);
}

/* T_n, and the text s in place of the message's "%s" (s NULL: left as it is); in r's arena. */
const char *T_s(Req *r, const char *msgid, int n, const char *s){
  const char *t = T(r, msgid);
  if( t==0 || ((n==0 || strstr(t, "%d")==0) && (s==0 || strstr(t, "%s")==0)) ) return t;
  size_t size = strlen(t) + 24 + (s ? strlen(s) : 0);
  char *buf = r ? arena_alloc(&r->arena, size) : 0;
  if( buf ) return err_fill(t, n, s, buf, size);
  static _Thread_local char own[768];   /* no request: the thread's (as err_en) */
  return err_fill(t, n, s, own, sizeof own);
}

/* The error it as said to people: its message translated, its number and text (in the request's
** language) in place; in r's arena. */
const char *T_item(Req *r, const ErrItem *it){
  return T_s(r, it->msg, it->n, err_arg(it, r ? r->lang : "id"));
}

/* The first error of e as T_item says it (NULL when e holds none). */
const char *T_err(Req *r, const Err *e){
  if( e==0 || e->msg==0 ) return 0;
  ErrItem it = err_item(e, 0);
  return T_item(r, &it);
}

/* A size for people: "512 B", "12 KiB", "3.4 MiB", "10 MiB" (in the request's arena). */
const char *req_size_text(Req *r, int64_t n){
  const int64_t kib = 1024, mib = 1024*1024;
  if( n<kib ) return arena_printf(&r->arena, "%lld B", (long long)n);
  if( n<mib ) return arena_printf(&r->arena, "%lld KiB", (long long)((n+kib-1)/kib));
  if( n%mib==0 ) return arena_printf(&r->arena, "%lld MiB", (long long)(n/mib));
  return arena_printf(&r->arena, "%.1f MiB", (double)n/(double)mib);
}

/* Why an upload was refused, for people (see http.h). */
const char *req_upload_refusal(Req *r, int rc, const char *mime){
  const char *accepted = T(r, "Accepted: PDF, PNG, JPEG, plain text, CSV, Word, Excel and PowerPoint (docx, xlsx, pptx)");
  if( rc==ERR_TOOBIG ){
    return arena_printf(&r->arena, "%s (%s %s)", T(r, "The file is larger than the attachment limit"),
                        T(r, "at most"), req_size_text(r, (int64_t)r->cfg->attachment_limit));
  }
  if( rc!=ERR_TYPE ) return 0;
  /* an e-mail is a type accepted: refused, it holds a file that is not (attach_add) */
  if( mime && strcmp(mime, "message/rfc822")==0 ) return T(r, "The e-mail holds a file of a type not accepted, or a part that cannot be read: attach the message without it");
  if( mime && *mime ) return arena_printf(&r->arena, "%s: %s. %s", T(r, "Files of this type are not accepted"), mime, accepted);
  return arena_printf(&r->arena, "%s. %s", T(r, "Files of this type are not accepted"), accepted);
}

/* Why a .rhs bid file is not a case's attachment, and where it goes (see http.h). */
const char *req_rhs_refusal(Req *r, const char *name, const char *number, int api){
  size_t n = name ? strlen(name) : 0;
  if( n<4 || strcasecmp(name+n-4, ".rhs")!=0 ) return 0;
  if( number==0 ) return T(r, "A .rhs bid file is not kept as a case's attachment: report it on the help desk's page as a bid file that will not open (OI-06), and upload it on that case's .rhs page");
  return arena_printf(&r->arena, T(r, "A .rhs bid file is not kept as a case's attachment: upload it on this case's .rhs page, %s"),
                      arena_printf(&r->arena, api ? "/api/v1/rhs/%s/files" : "/rhs/%s", number));
}
