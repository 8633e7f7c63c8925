/*
** accesslog.c — one line per request, written in batches: each HTTP thread
** appends to its own buffer, written out when it holds 16 KB or when the
** server's main loop flushes (every 100 ms), and at stop. A write() per
** request would cost a seventh of the server's speed. A batch that cannot be
** written (the disk full) is dropped whole lines at a time, counted, and said
** once in the error log when dropping starts and once when writing works again.
*/
#include "http.h"
#include <errno.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define ACCESS_BATCH 16384

typedef struct AccessBuf {
  pthread_mutex_t mu;
  Buf b;
  struct AccessBuf *next;
} AccessBuf;

static int access_fd = -1;
static pthread_mutex_t access_reg_mu = PTHREAD_MUTEX_INITIALIZER;
static AccessBuf *access_reg;
static _Thread_local AccessBuf *access_mine;
/* One batch written at a time, so a cut line can be cut off again before another follows it. */
static pthread_mutex_t access_write_mu = PTHREAD_MUTEX_INITIALIZER;
static uint64_t access_dropped;       /* lines dropped since the last batch written whole */
static char access_why[128];          /* why the first of them was dropped */

/* Send lines to fd (-1: nowhere). */
void accesslog_open(int fd){
  access_fd = fd;
}

/* The number of lines (newlines) in z[0..n). */
static uint64_t accesslog_lines(const char *z, size_t n){
  uint64_t k = 0;
  for(const char *p = z; (p = memchr(p, '\n', (size_t)(z+n-p)))!=0; p++) k++;
  return k;
}

/* Write whole lines of z[0..n) to fd; the lines that could not be written whole are counted
** in *dropped (errno's text in why). A line cut by a short write is cut off the file again
** (ftruncate: a full disk still allows it), so a reader never sees half a line. */
static void accesslog_write_lines(int fd, const char *z, size_t n, uint64_t *dropped, char *why, size_t whylen){
  size_t done = 0;
  while( done<n ){
    ssize_t k = write(fd, z+done, n-done);
    if( k>0 ){ done += (size_t)k; continue; }
    if( k<0 && errno==EINTR ) continue;
    snprintf(why, whylen, "%s", k<0 ? strerror(errno) : "nothing written");
    break;
  }
  if( done==n ) return;
  size_t whole = done;
  while( whole>0 && z[whole-1]!='\n' ) whole--;
  if( whole<done ){
    off_t end = lseek(fd, 0, SEEK_END);
    if( end<0 || ftruncate(fd, end-(off_t)(done-whole))!=0 ) whole = done;   /* not a file (a pipe): as it is */
  }
  *dropped += accesslog_lines(z+whole, n-whole);
}

/* Write out one buffer; its lock is held by the caller. Dropped lines are said when dropping
** starts and when a batch is written whole again. */
static void accesslog_write(AccessBuf *a){
  if( a->b.n && access_fd>=0 ){
    pthread_mutex_lock(&access_write_mu);
    uint64_t before = access_dropped;
    char why[128];
    accesslog_write_lines(access_fd, a->b.z, a->b.n, &access_dropped, why, sizeof why);
    if( access_dropped>before && before==0 ){
      snprintf(access_why, sizeof access_why, "%s", why);
      log_error("access log: %llu lines dropped: %s (and more until it can be written again)",
                (unsigned long long)access_dropped, access_why);
    }else if( access_dropped==before && before>0 ){
      log_info("access log: %llu lines dropped: %s; written again since", (unsigned long long)access_dropped, access_why);
      access_dropped = 0;
    }
    pthread_mutex_unlock(&access_write_mu);
  }
  buf_reset(&a->b);
}

/* Format one line (ending in a newline) straight into this thread's batch. */
void accesslog_printf(const char *fmt, ...){
  if( access_fd<0 ) return;
  AccessBuf *a = access_mine;
  if( a==0 ){
    a = xcalloc(1, sizeof *a);
    pthread_mutex_init(&a->mu, 0);
    pthread_mutex_lock(&access_reg_mu);
    a->next = access_reg;
    access_reg = a;
    pthread_mutex_unlock(&access_reg_mu);
    access_mine = a;
  }
  va_list ap;
  va_start(ap, fmt);
  pthread_mutex_lock(&a->mu);
  fmt_vappend(&a->b, fmt, ap);
  if( a->b.n >= ACCESS_BATCH ) accesslog_write(a);
  pthread_mutex_unlock(&a->mu);
  va_end(ap);
}

/* Write out every thread's batch (the main loop calls this; and at stop). */
void accesslog_flush(void){
  pthread_mutex_lock(&access_reg_mu);
  for(AccessBuf *a = access_reg; a; a = a->next){
    pthread_mutex_lock(&a->mu);
    accesslog_write(a);
    pthread_mutex_unlock(&a->mu);
  }
  pthread_mutex_unlock(&access_reg_mu);
}

/* Flush and free every batch; the HTTP threads have stopped. */
void accesslog_close(void){
  accesslog_flush();
  pthread_mutex_lock(&access_reg_mu);
  AccessBuf *a = access_reg;
  access_reg = 0;
  pthread_mutex_unlock(&access_reg_mu);
  while( a ){
    AccessBuf *next = a->next;
    pthread_mutex_destroy(&a->mu);
    buf_free(&a->b);
    free(a);
    a = next;
  }
  if( access_dropped ){
    log_error("access log: %llu lines dropped: %s; at stop, not written since", (unsigned long long)access_dropped, access_why);
    access_dropped = 0;
  }
  if( access_fd>2 ) close(access_fd);
  access_fd = -1;
}
