/*
** fuzz_multipart.c — a form body as the server reads it (src/http/server.c): libmicrohttpd's
** post processor with Loket's collectors, kept in memory (form_iter, as every form) or streamed
** to a temporary file (stream_iter, the routes of routes_streamed), then the checks every posted
** form goes through (req_form_bad_text, req_form_file_twice). A real MHD connection carries
** each input over a socket pair, so the post processor sees the Content-Type as it would.
** Input: a byte of flags (bit 0: streamed; the rest: the size of the pieces the body is handed
** over in), the Content-Type up to the first newline, then the body.
*/
#include "fuzz.h"
#include "../src/http/http.h"
#include "../src/db/db.h"
#include <microhttpd.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <strings.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

static struct MHD_Daemon *daemon_;
static Config cfg;
static int streamed, alive;
static size_t piece;

/* Check what was read of the body: every field whole and NUL-ended, a streamed file on disk
** as long as its Field says, and what the checks say true of the fields. */
static void form_invariants(Req *r, size_t body_len){
  const char *why = 0;
  const char *bad = req_form_bad_text(r, &why);
  const char *twice = req_form_file_twice(r);
  size_t total = 0;
  const char *ct = MHD_lookup_connection_value(r->conn, MHD_HEADER_KIND, MHD_HTTP_HEADER_CONTENT_TYPE);
  int multipart = ct && strncasecmp(ct, "multipart/", 10)==0;
  int found_bad = 0, found_twice = 0;
  for(int i=0; i<r->nform; i++){
    const Field *f = &r->form[i];
    FUZZ_CHECK(f->name!=0 && f->value!=0);
    if( f->path ){
      struct stat st;
      FUZZ_CHECK(r->stream!=0 && f->filename!=0 && f->value[0]==0);
      FUZZ_CHECK(stat(f->path, &st)==0 && (size_t)st.st_size==f->len);
      FUZZ_CHECK(strlen(f->sha256)==64 && strspn(f->sha256, "0123456789abcdef")==64);
    }else if( r->stream && f->filename ){
      FUZZ_CHECK(f->value[0]==0 && f->len==0);   /* a streamed file not kept: nothing of it, not a length */
    }else{
      FUZZ_CHECK(f->value[f->len]==0);   /* a NUL inside is caught by the checks, none past the end */
      total += f->len;
    }
    /* a part handed over empty, then its value: one field (else req_form finds the empty one) */
    if( i>0 && multipart && f->len>0 && !f->filename && !r->form[i-1].filename ) FUZZ_CHECK(r->form[i-1].len>0 || strcmp(r->form[i-1].name, f->name)!=0);
    const char *z = f->filename ? f->filename : f->value;
    size_t n = f->filename ? strlen(f->filename) : f->len;
    if( bad && strcmp(bad, f->name)==0 ) found_bad = 1;
    if( bad==0 ) FUZZ_CHECK(util_utf8_bad_line(z, n)==0 && strlen(z)==n && !util_has_control(z, f->filename==0));
    if( twice && strcmp(twice, f->name)==0 && f->filename ) found_twice = 1;
    const Field *first = req_form_field(r, f->name);
    FUZZ_CHECK(first!=0 && strcmp(first->name, f->name)==0);
  }
  if( !r->stream ) FUZZ_CHECK(total<=body_len);
  FUZZ_CHECK(bad==0 || (found_bad && why!=0));
  FUZZ_CHECK(twice==0 || found_twice);
}

/* MHD's handler: the request's Req on the first call, the body in pieces, the checks at the end. */
static enum MHD_Result on_request(void *cls, struct MHD_Connection *conn, const char *url,
                                  const char *method, const char *version, const char *upload,
                                  size_t *upload_size, void **con_cls){
  (void)cls; (void)url; (void)version;
  Req *r = *con_cls;
  if( r==0 ){
    r = calloc(1, sizeof *r);
    if( r==0 ) abort();
    arena_init(&r->arena);
    r->conn = conn;
    r->cfg = &cfg;
    r->method = arena_strdup(&r->arena, method);
    r->path = "/";
    if( streamed ) req_stream_open(r);
    *con_cls = r;
    alive++;
    return MHD_YES;
  }
  if( *upload_size ){
    size_t k = *upload_size < piece ? *upload_size : piece;
    if( r->stream ) req_stream_feed(r, upload, k);
    else buf_append(&r->body, upload, k);
    r->discarded += k;
    *upload_size -= k;
    return MHD_YES;
  }
  if( r->stream ) req_stream_finish(r);
  form_invariants(r, r->discarded);
  struct MHD_Response *res = MHD_create_response_from_buffer(2, (void*)"ok", MHD_RESPMEM_PERSISTENT);
  enum MHD_Result rc = MHD_queue_response(conn, 200, res);
  MHD_destroy_response(res);
  return rc;
}

/* After the answer: the Req goes, and with it a streamed file left on disk. */
static void on_completed(void *cls, struct MHD_Connection *conn, void **con_cls,
                         enum MHD_RequestTerminationCode code){
  (void)cls; (void)conn; (void)code;
  Req *r = *con_cls;
  if( r==0 ) return;
  if( r->stream ){
    const char *path = 0;
    for(int i=0; i<r->nform; i++) if( r->form[i].path ) path = r->form[i].path;
    char keep[4200] = "";
    if( path ) snprintf(keep, sizeof keep, "%s", path);
    req_stream_free(r);
    if( keep[0] ) FUZZ_CHECK(access(keep, F_OK)!=0);   /* the temporary file went with it */
  }
  buf_free(&r->body);
  arena_free(&r->arena);
  free(r);
  *con_cls = 0;
  alive--;
}

static char dir[] = "/tmp/loket-fuzz-multipart.XXXXXX";

/* At the end of a run: its data folder goes (every upload in it went with its request). */
static void data_folder_remove(void){
  char tmp[sizeof dir + 8];
  snprintf(tmp, sizeof tmp, "%s/tmp", dir);
  rmdir(tmp);
  rmdir(dir);
}

/* One daemon for every input, without a listening socket: each input comes on a socket pair. */
int LLVMFuzzerInitialize(int *argc, char ***argv){
  (void)argc; (void)argv;
  signal(SIGPIPE, SIG_IGN);
  if( mkdtemp(dir)==0 ) abort();
  atexit(data_folder_remove);
  db_folder_set(dir);
  cfg.body_limit = 1<<20;
  cfg.bid_file_limit = 1<<20;
  daemon_ = MHD_start_daemon(MHD_USE_NO_LISTEN_SOCKET, 0, 0, 0, on_request, 0,
                             MHD_OPTION_NOTIFY_COMPLETED, on_completed, (void*)0,
                             MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)(128*1024),
                             MHD_OPTION_END);
  if( daemon_==0 ) abort();
  return 0;
}

/* One input: a request carrying it sent on a fresh connection, run until answered and let go. */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size){
  static const size_t pieces[] = { 1, 7, 64, 1000, (size_t)1<<30 };
  if( size<1 ) return 0;
  streamed = data[0] & 1;
  piece = pieces[(data[0]>>1) % COUNT(pieces)];
  data++; size--;
  const uint8_t *nl = memchr(data, '\n', size);
  size_t nct = nl ? (size_t)(nl-data) : 0;
  const uint8_t *body = nl ? nl+1 : data;
  size_t nbody = size - (size_t)(body-data);
  Buf req = BUF_INIT;
  buf_puts(&req, "POST / HTTP/1.1\r\nHost: loket\r\nConnection: close\r\nContent-Type: ");
  if( nct==0 ) buf_puts(&req, "multipart/form-data; boundary=b");
  /* a header's line cannot hold a line break nor a NUL: those would end it, not spoil it */
  for(size_t i=0; i<nct; i++) buf_putc(&req, data[i]<0x20 || data[i]==0x7f ? ' ' : (char)data[i]);
  char cl[64];
  snprintf(cl, sizeof cl, "\r\nContent-Length: %zu\r\n\r\n", nbody);
  buf_puts(&req, cl);
  buf_append(&req, body, nbody);

  int fd[2];
  if( socketpair(AF_UNIX, SOCK_STREAM, 0, fd)!=0 ) abort();
  fcntl(fd[1], F_SETFL, O_NONBLOCK);
  struct sockaddr_un who;
  memset(&who, 0, sizeof who);
  who.sun_family = AF_UNIX;
  if( MHD_add_connection(daemon_, fd[0], (const struct sockaddr*)&who, sizeof who)!=MHD_YES ) abort();
  size_t off = 0;
  int eof = 0;
  char sink[4096];
  for(int i=0; i<1000000 && !(eof && alive==0); i++){
    if( off<req.n ){
      ssize_t w = send(fd[1], req.z+off, req.n-off, MSG_NOSIGNAL);
      if( w>0 ) off += (size_t)w;
      else if( w<0 && errno!=EAGAIN && errno!=EINTR ) off = req.n;   /* MHD closed it: answered early */
    }
    MHD_run(daemon_);
    ssize_t k = read(fd[1], sink, sizeof sink);
    if( k==0 || (k<0 && errno!=EAGAIN && errno!=EINTR) ) eof = 1;
  }
  FUZZ_CHECK(eof && alive==0);   /* answered, and every request's memory and file let go */
  close(fd[1]);
  buf_free(&req);
  return 0;
}
