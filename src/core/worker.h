/*
** worker.h — a background thread of `loket serve` that runs one pass of a job, then sleeps
** until its next poll or until it is stopped (the SLA watcher, the mail sender, the monthly
** report, the verification watcher). The pass takes its own database connection
** (db_thread()) and ends with db_unreset().
*/
#ifndef LOKET_WORKER_H
#define LOKET_WORKER_H
#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>

typedef struct Worker {
  const char *name;        /* for the log: "sla", "mail", … */
  void (*pass)(void);      /* one pass of the job */
  int poll_s;              /* seconds from the end of one pass to the next */
  pthread_t thread;
  int running;
  atomic_int stopping;
  pthread_mutex_t mu;
  pthread_cond_t cv;
  /* for /metrics (atomics): passes ended, the last one's start and end (unix seconds), its length */
  uint64_t passes;
  int64_t last_start, last_end, last_us;
} Worker;
#define WORKER_INIT(name, pass) { (name), (pass), 60, 0, 0, 0, PTHREAD_MUTEX_INITIALIZER, PTHREAD_COND_INITIALIZER, 0, 0, 0, 0 }

/* Start the thread (a pass at once, then every poll_s seconds); OK when already running,
** ERR_IO when it cannot start. */
int  worker_start(Worker *w, int poll_s);
/* Ask the thread to stop, wake it, and wait for its pass to end. */
void worker_stop(Worker *w);
/* The i-th thread ever started in this process (0 past the last): for /metrics. */
Worker *worker_nth(int i);
/* 1 once worker_stop() was called: a long pass may give up early. */
int  worker_stopping(Worker *w);

/* ---- the holder of a claim (a row a worker leased for a while: the outbox, a mailbox) ---- */
/* This process as it signs a claim: "HOST pid=N boot=BOOT_ID pidns=INODE" (the kernel's boot and
** the pid namespace: a pid names one process only within both). */
const char *worker_holder(void);
/* 1 when holder (worker_holder()'s words, of this process or another) is a process that surely no
** longer runs: one of this kernel's boot and this pid namespace whose pid is not running (or is a
** zombie), or this very pid (an earlier process: this one has only started). 0 otherwise: another
** machine, boot or namespace, a live pid, words it cannot read (its claim is left to run out). */
int worker_holder_gone(const char *holder);

#endif
