/*
** worker.c — background threads of `loket serve`: a pass, then a wait until the next poll
** or the stop (see worker.h).
*/
#include "core.h"
#include "worker.h"
#include <errno.h>
#include <time.h>

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
