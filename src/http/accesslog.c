/*
** accesslog.c — one line per request, written in batches: each HTTP thread
** appends to its own buffer, written out when it holds 16 KB or when the
** server's main loop flushes (every 100 ms), and at stop. A write() per
** request would cost a seventh of the server's speed.
*/
#include "http.h"
#include <pthread.h>
#include <stdlib.h>
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

/* Send lines to fd (-1: nowhere). */
void accesslog_open(int fd){
  access_fd = fd;
}

/* Write out one buffer; its lock is held by the caller. */
static void accesslog_write(AccessBuf *a){
  if( a->b.n && access_fd>=0 ) log_line(access_fd, a->b.z, a->b.n);
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
  if( access_fd>2 ) close(access_fd);
  access_fd = -1;
}
