/*
** worker.c — background threads of `loket serve`: a pass, then a wait until the next poll
** or the stop (see worker.h).
*/
#include "core.h"
#include "worker.h"
#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

/* The thread: passes until stopped, each followed by a wait that a stop cuts short. */
static void *worker_main(void *arg){
  Worker *w = arg;
  while( !atomic_load(&w->stopping) ){
    int64_t t0 = time_now_us();
    __atomic_store_n(&w->last_start, (int64_t)time(0), __ATOMIC_RELAXED);   /* the wall clock, as Prometheus's time() */
    w->pass();
    int64_t t1 = time_now_us();
    __atomic_store_n(&w->last_us, t1-t0, __ATOMIC_RELAXED);
    __atomic_store_n(&w->last_end, (int64_t)time(0), __ATOMIC_RELAXED);
    __atomic_fetch_add(&w->passes, 1, __ATOMIC_RELAXED);
    pthread_mutex_lock(&w->mu);
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    ts.tv_sec += w->poll_s;
    while( !atomic_load(&w->stopping) ){
      if( pthread_cond_timedwait(&w->cv, &w->mu, &ts)==ETIMEDOUT ) break;
    }
    pthread_mutex_unlock(&w->mu);
  }
  return 0;
}

static Worker *started[16];   /* every thread started, for /metrics */
static int nstarted;
static pthread_mutex_t started_mu = PTHREAD_MUTEX_INITIALIZER;

/* Remember a thread once. */
static void worker_remember(Worker *w){
  pthread_mutex_lock(&started_mu);
  int found = 0;
  for(int i=0; i<nstarted; i++) if( started[i]==w ) found = 1;
  if( !found && nstarted<(int)COUNT(started) ) __atomic_store_n(&started[nstarted++], w, __ATOMIC_RELEASE);
  pthread_mutex_unlock(&started_mu);
}

/* The i-th thread started, or 0. */
Worker *worker_nth(int i){
  pthread_mutex_lock(&started_mu);
  Worker *w = i>=0 && i<nstarted ? started[i] : 0;
  pthread_mutex_unlock(&started_mu);
  return w;
}

/* Start the thread; OK when it runs (or already ran), ERR_IO when it cannot start. */
int worker_start(Worker *w, int poll_s){
  if( w->running ) return OK;
  w->poll_s = poll_s>0 ? poll_s : 60;
  atomic_store(&w->stopping, 0);
  if( pthread_create(&w->thread, 0, worker_main, w)!=0 ){
    log_error("%s: cannot start its thread", w->name);
    return ERR_IO;
  }
  w->running = 1;
  worker_remember(w);
  return OK;
}

/* Stop the thread and wait for it. */
void worker_stop(Worker *w){
  if( !w->running ) return;
  pthread_mutex_lock(&w->mu);
  atomic_store(&w->stopping, 1);
  pthread_cond_broadcast(&w->cv);
  pthread_mutex_unlock(&w->mu);
  pthread_join(w->thread, 0);
  w->running = 0;
}

/* 1 once the thread was asked to stop. */
int worker_stopping(Worker *w){
  return atomic_load(&w->stopping);
}

/* ---- the holder of a claim ---- */
static char worker_me[256];
static pthread_once_t worker_me_once = PTHREAD_ONCE_INIT;

/* Write this process's holder words once (see worker_holder): an unreadable boot or namespace
** left empty, so that no other process's claim is ever judged by it. */
static void worker_holder_make(void){
  char host[64] = "", boot[64] = "", ns[64] = "";
  if( gethostname(host, sizeof host - 1)!=0 || host[0]==0 ) snprintf(host, sizeof host, "?");
  for(char *p = host; *p; p++) if( *p<=' ' ) *p = '_';
  FILE *f = fopen("/proc/sys/kernel/random/boot_id", "r");
  if( f ){
    if( fgets(boot, sizeof boot, f)==0 ) boot[0] = 0;
    boot[strcspn(boot, " \r\n")] = 0;
    fclose(f);
  }
  ssize_t k = readlink("/proc/self/ns/pid", ns, sizeof ns - 1);   /* "pid:[4026531836]" */
  ns[k>0 ? k : 0] = 0;
  if( strchr(ns, ' ') ) ns[0] = 0;
  snprintf(worker_me, sizeof worker_me, "%s pid=%ld boot=%s pidns=%s", host, (long)getpid(), boot, ns);
}

/* This process as it signs a claim (see worker.h). */
const char *worker_holder(void){
  pthread_once(&worker_me_once, worker_holder_make);
  return worker_me;
}

/* The value of " key=" in holder words into out (n bytes); 0 when none or empty. */
static int worker_holder_field(const char *holder, const char *key, char *out, size_t n){
  char pat[16];
  snprintf(pat, sizeof pat, " %s=", key);
  const char *p = strstr(holder, pat);
  if( p==0 ) return 0;
  p += strlen(pat);
  size_t k = strcspn(p, " ");
  if( k==0 || k>=n ) return 0;
  memcpy(out, p, k);
  out[k] = 0;
  return 1;
}

/* 1 when process pid is a zombie (killed, not yet reaped by its parent: it runs no more). */
static int worker_zombie(long pid){
  char path[64], st[512];
  snprintf(path, sizeof path, "/proc/%ld/stat", pid);
  FILE *f = fopen(path, "r");
  if( f==0 ) return 0;
  size_t n = fread(st, 1, sizeof st - 1, f);
  fclose(f);
  st[n] = 0;
  const char *rp = strrchr(st, ')');   /* "pid (comm) S …": the name may hold anything */
  return rp && rp[1]==' ' && rp[2]=='Z';
}

/* 1 when holder is a process that surely no longer runs (see worker.h). */
int worker_holder_gone(const char *holder){
  const char *me = worker_holder();
  char pid[24], boot[64], ns[64], myboot[64], myns[64];
  if( !worker_holder_field(holder, "pid", pid, sizeof pid) || !worker_holder_field(holder, "boot", boot, sizeof boot)
   || !worker_holder_field(holder, "pidns", ns, sizeof ns) ) return 0;
  if( !worker_holder_field(me, "boot", myboot, sizeof myboot) || !worker_holder_field(me, "pidns", myns, sizeof myns) ) return 0;
  if( strcmp(boot, myboot) || strcmp(ns, myns) ) return 0;   /* another machine, boot or container: its pids are not ours */
  char *end;
  long p = strtol(pid, &end, 10);
  if( *end || p<=0 ) return 0;
  if( p==(long)getpid() ) return 1;
  if( kill((pid_t)p, 0)==0 ) return worker_zombie(p);
  return errno==ESRCH;   /* EPERM: it runs, as another user */
}
