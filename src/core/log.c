/*
** log.c — messages for the operator on stderr, one line each.
*/
#include "core.h"
#include <stdio.h>
#include <unistd.h>
#include <errno.h>

static int log_quiet;

/* Silence info lines (tests, CLI commands that print their own output). */
void log_set_quiet(int quiet){
  log_quiet = quiet;
}

/* Write a whole line with one write() so lines from threads never interleave. */
void log_line(int fd, const char *line, size_t n){
  while( n>0 ){
    ssize_t k = write(fd, line, n);
    if( k<0 ){ if( errno==EINTR ) continue; return; }
    line += k;
    n -= (size_t)k;
  }
}

/* Format "TIME LEVEL message\n" and write it to stderr. */
static void log_emit(const char *level, const char *fmt, va_list ap){
  char ts[32];
  Buf b = BUF_INIT;
  time_fmt_iso(ts, sizeof ts, time_now());
  buf_printf(&b, "%s %s ", ts, level);
  fmt_vappend(&b, fmt, ap);
  buf_putc(&b, '\n');
  log_line(2, b.z, b.n);
  buf_free(&b);
}

/* An ordinary event worth an operator's eye. */
void log_info(const char *fmt, ...){
  if( log_quiet ) return;
  va_list ap;
  va_start(ap, fmt);
  log_emit("info", fmt, ap);
  va_end(ap);
}

/* Something went wrong but the server goes on. */
void log_warn(const char *fmt, ...){
  va_list ap;
  va_start(ap, fmt);
  log_emit("warn", fmt, ap);
  va_end(ap);
}

/* A failure the operator must look at. */
void log_error(const char *fmt, ...){
  va_list ap;
  va_start(ap, fmt);
  log_emit("error", fmt, ap);
  va_end(ap);
}
