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
    w->pass();
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
