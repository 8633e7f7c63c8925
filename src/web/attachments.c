/*
** attachments.c — the notes and attachments section of the case page: the
** lists, a form to add a note and one to upload a file (multipart), and their
** POST handlers; downloads of a stored file. The service is sop/attach.c.
*/
#include "web.h"
#include "../sop/case.h"
#include "../sop/attach.h"
#include "../desk/helpdesk.h"
#include <stdlib.h>
#include <string.h>

/* The hint under a file field: the types accepted and the attachment limit. */
const char *web_upload_hint(Req *r){
  return arena_printf(&r->arena, "%s; %s %s.", T(r, "Accepted: PDF, PNG, JPEG, plain text, CSV, Word, Excel and PowerPoint (docx, xlsx, pptx)"),
                      T(r, "at most"), req_size_text(r, (int64_t)r->cfg->attachment_limit));
}

/* Who added a note or a file: Loket, the portal or a requester's mail in words, staff by username. */
static const char *actor_or_user(Req *r, const char *who){
  const char *words = web_actor_words(r, who);
  return words ? words : who;
}

/* The section of the case page with its notes and attachments, and the forms to add them;
** after a refused note or upload, e's error under its field and the note as it was written. */
void case_extras(Req *r, const Case *c, const Err *e){
  int work = perm_allows(r->roles, "case.work") && !util_str_eq(c->status, "archived");
  Note *notes = 0;
  Attachment *files = 0;
  int nnotes = 0, nfiles = 0;
  note_list(r->db, c, &notes, &nnotes, &r->arena);
  attach_list(r->db, c, &files, &nfiles, &r->arena);

  out(r, "<section class=\"card\" id=\"catatan\"><h2>%h</h2>", T(r, "Notes"));
  if( nnotes==0 ) out(r, "<p class=\"muted\">%h</p>", T(r, "No notes yet"));
  else{
    out(r, "<ul class=\"notes\">");
    for(int i=0; i<nnotes; i++){
      const Note *x = &notes[i];
      out(r, "<li><blockquote class=\"note\">%h</blockquote><p class=\"muted\">%h · %h", case_note_text(&r->arena, x->body, r->lang),
          web_time(r, x->created_at), actor_or_user(r, x->created_by));
      if( x->step_no ) out(r, " · %h %d", T(r, "step"), x->step_no);
      out(r, "</p></li>");
    }
    out(r, "</ul>");
  }
  if( work ){
    int refused = err_about(e, "body") || err_about(e, "step");
    const char *body = refused ? form_opt(r, "body") : 0;
    int step = refused && form_opt(r, "step") ? atoi(form_opt(r, "step")) : 0;
    const char *action = arena_printf(&r->arena, "/kasus/%t/catatan", c->number);
    out(r, "<form class=\"no-print\" method=\"post\" action=\"%h\">", action);
    csrf_input(r);
    sent_form_field_to(r, action);   /* sent twice (a double click), one note */
    out(r, "<label for=\"note-body\">%h</label><textarea id=\"note-body\" name=\"body\" rows=\"3\" maxlength=\"%d\" required%R%R>"
           "%h</textarea>", T(r, "New note"), NOTE_MAX_CHARS, field_attrs(r, e, "body"), refused ? " autofocus" : "",
        body ? body : "");
    field_error(r, e, "body");
    out(r, "<label for=\"note-step\">%h</label><select id=\"note-step\" name=\"step\"%R><option value=\"\">%h</option>",
        T(r, "About"), field_attrs(r, e, "step"), T(r, "The whole case"));
    for(int k=0; k<c->nsteps; k++){
      int dup = 0;
      for(int j=0; j<k; j++) if( c->steps[j].no==c->steps[k].no ) dup = 1;
      if( !dup ) out(r, "<option value=\"%d\"%R>%h %d</option>", c->steps[k].no, step==c->steps[k].no ? " selected" : "",
                     T(r, "Step"), c->steps[k].no);
    }
    out(r, "</select>");
    field_error(r, e, "step");
    out(r, "<div class=\"actions\"><button type=\"submit\">%h</button></div></form>", T(r, "Add note"));
  }
  out(r, "</section>");

  out(r, "<section class=\"card\" id=\"lampiran\"><h2>%h</h2>", T(r, "Attachments"));
  if( nfiles==0 ) out(r, "<p class=\"muted\">%h</p>", T(r, "No attachments yet"));
  else{
    out(r, "<div class=\"table-wrap\"><table class=\"attachments\"><thead><tr><th>%h</th><th>%h</th><th>%h</th><th>%h</th><th>SHA-256</th></tr></thead><tbody>",
        T(r, "File"), T(r, "Type"), T(r, "Size"), T(r, "Added"));
    for(int i=0; i<nfiles; i++){
      const Attachment *x = &files[i];
      out(r, "<tr><td><a href=\"/kasus/%t/lampiran/%lld\" download>%h</a></td><td class=\"mono\">%h</td><td>%h</td>"
             "<td>%h · %h</td><td class=\"mono\" title=\"%h\">%.12h…</td></tr>",
          c->number, (long long)x->id, x->name, x->mime, req_size_text(r, x->size), web_time(r, x->created_at),
          actor_or_user(r, x->created_by), x->sha256, x->sha256);
    }
    out(r, "</tbody></table></div>");
  }
  if( work ){
    out(r, "<form class=\"no-print\" method=\"post\" action=\"/kasus/%t/lampiran\" enctype=\"multipart/form-data\">", c->number);
    csrf_input(r);
    int bad = err_about(e, "file")!=0;
    out(r, "<label for=\"attach-file\">%h</label><input id=\"attach-file\" type=\"file\" name=\"file\" required"
           " accept=\"%h\"%R aria-describedby=\"%Rattach-hint\">", T(r, "File"), ATTACH_ACCEPT,
        bad ? " aria-invalid=\"true\" autofocus" : "", bad ? "file-error " : "");
    field_error(r, e, "file");
    out(r, "<p id=\"attach-hint\" class=\"muted\">%h</p>", web_upload_hint(r));
    out(r, "<div class=\"actions\"><button type=\"submit\">%h</button></div></form>", T(r, "Upload"));
  }
  out(r, "</section>");
}

/* POST /kasus/:number/catatan: add a note, back to the case page. */
int page_case_note(Req *r){
  Case *c = case_from_path(r);
  if( c==0 ) return OK;
  const char *body = form_trimmed(r, "body");
  const char *zstep = form_trimmed(r, "step");
  int step = 0;
  if( zstep && *zstep ){
    char *end;
    long v = strtol(zstep, &end, 10);
    step = *end==0 && v>0 && v<1000 ? (int)v : -1;
  }
  /* the same form sent again (a double click, Back then send): the note it added, not a second */
  const char *mark = sent_form_mark(r);
  char made[SENT_FORM_RESULT];
  if( mark && sent_form_claim(r->office_id, mark, made) ){
    const char *to = arena_printf(&r->arena, "/kasus/%t?ok=%t#catatan", c->number, N_("This form was sent already: the note is added once"));
    case_free(c);
    return reply_redirect(r, to);
  }
  Actor a = req_actor(r);
  Err e = {0};
  Note x = {0};
  int rc = note_add(r->db, &a, c, step, body ? body : "", &x, &r->arena, &e);
  if( mark ){
    snprintf(made, sizeof made, "%lld", (long long)x.id);
    sent_form_done(r->office_id, r->username, mark, "note", rc==OK ? made : 0);
  }
  if( rc==OK ){
    const char *to = arena_printf(&r->arena, "/kasus/%t?ok=%t#catatan", c->number, N_("Note added"));
    case_free(c);
    return reply_redirect(r, to);
  }
  /* refused: the case page again, the note as written, the error under its field */
  /* none written: said so; too long: the limit, as the service says it */
  if( rc==ERR_INVALID && util_str_eq(e.field, "body") && (body==0 || *body==0) ) ERR_SET(&e, "body", N_("Write the note before adding it"));
  else if( rc==ERR_INVALID && util_str_eq(e.field, "step") ) ERR_SET(&e, "step", N_("The note is about a step this case has not reached"));
  else if( e.msg==0 ) ERR_SET(&e, 0, rc==ERR_DB ? N_("The database failed") : N_("Request failed"));
  return case_refused(r, c, http_status_of(rc), &e);
}

/* POST /kasus/:number/lampiran (multipart, field "file"): store the file, back to the case page. */
int page_case_attach(Req *r){
  const Field *f = req_form_field(r, "file");
  Case *c = case_from_path(r);
  if( c==0 ) return OK;
  Err e = {0};
  /* refused: the case page again, the error under the file field */
  if( f==0 || f->filename==0 || f->len==0 ){
    ERR_SET(&e, "file", N_("Choose a file to upload"));
    return case_refused(r, c, 400, &e);
  }
  Actor a = req_actor(r);
  Attachment x;
  int rc = attach_add(r->db, &a, c, f->filename, f->value, f->len, r->cfg->attachment_limit, &x, &r->arena, &e);
  if( rc==OK ){
    const char *to = arena_printf(&r->arena, "/kasus/%t?ok=%t#lampiran", c->number, N_("File attached"));
    case_free(c);
    return reply_redirect(r, to);
  }
  const char *rhs = rc==ERR_TYPE ? req_rhs_refusal(r, x.name, util_str_eq(c->sop_code, RHS_SOP) ? c->number : 0, 0) : 0;
  if( rhs ) ERR_SET(&e, "file", rhs);
  else if( rc==ERR_TYPE ) ERR_SET(&e, "file", req_upload_refusal(r, rc, x.mime));
  else if( rc==ERR_TOOBIG ) ERR_SET(&e, "file", req_upload_refusal(r, rc, 0));
  else if( e.msg==0 ) ERR_SET(&e, 0, rc==ERR_DB ? N_("The database failed") : N_("Request failed"));
  return case_refused(r, c, rc==ERR_TYPE ? 415 : rc==ERR_TOOBIG ? 413 : http_status_of(rc), &e);
}

/* GET /kasus/:number/lampiran/:id: download a stored file. */
int page_case_attachment(Req *r){
  int64_t id = req_param_id(r, "id");
  if( id==0 ) return reply_error(r, 404, "not_found", 0, "No such attachment");
  Case *c = case_from_path(r);
  if( c==0 ) return OK;
  Attachment x;
  buf_reset(&r->out);
  int rc = attach_get(r->db, c, (int64_t)id, &x, &r->out, &r->arena);
  case_free(c);
  if( rc==ERR_NOTFOUND ) return reply_error(r, 404, "not_found", 0, "No such attachment");
  if( rc!=OK ) return reply_error(r, 500, "internal", 0, "The database failed");
  req_set_header(r, "Cache-Control", "private, no-store");
  return reply_download(r, 200, x.mime, x.name);
}
