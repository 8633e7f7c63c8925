/*
** test_worker.c — background threads (core/worker.c): a pass runs at once, a stop wakes
** the wait at once (not at the next poll), and a stopped worker starts again.
*/
#include "unit.h"
#include "../../src/core/worker.h"
#include <unistd.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>

static atomic_int passes;

/* The job: count. */
static void count_pass(void){ atomic_fetch_add(&passes, 1); }

static Worker counter = WORKER_INIT("test", count_pass);

/* Wait (at most 10 s) until the pass count reaches n. */
static void until_passes(int n){
  for(int i=0; i<10000 && atomic_load(&passes)<n; i++) usleep(1000);
  assert_true(atomic_load(&passes)>=n);
}

/* Start: a pass at once; stop: back long before the 60 s poll; start again: another pass. */
static void test_pass_stop_and_restart(void **state){
  atomic_store(&passes, 0);
  assert_int_equal(worker_start(&counter, 60), OK);
  assert_int_equal(worker_start(&counter, 60), OK);   /* already running: nothing more */
  until_passes(1);
  assert_false(worker_stopping(&counter));
  int64_t t0 = time_now_us();
  worker_stop(&counter);
  assert_true(time_now_us() - t0 < 5000000);
  assert_true(worker_stopping(&counter));
  assert_int_equal(atomic_load(&passes), 1);
  worker_stop(&counter);   /* stopping twice is harmless */
  assert_int_equal(worker_start(&counter, 60), OK);
  until_passes(2);
  worker_stop(&counter);
  assert_int_equal(atomic_load(&passes), 2);
}

/* A short poll: passes follow one another until the stop. */
static void test_short_poll_repeats(void **state){
  atomic_store(&passes, 0);
  assert_int_equal(worker_start(&counter, 1), OK);
  until_passes(2);
  worker_stop(&counter);
  int n = atomic_load(&passes);
  usleep(1200000);
  assert_int_equal(atomic_load(&passes), n);   /* none after the stop */
}

/* The holder words of process pid of this machine (this boot and pid namespace), or with boot. */
static void holder_of(char *out, size_t n, long pid, const char *boot){
  const char *me = worker_holder();
  const char *b = strstr(me, " boot="), *ns = strstr(me, " pidns=");
  char host[128];
  snprintf(host, sizeof host, "%.*s", (int)(strstr(me, " pid=") - me), me);
  if( boot ) snprintf(out, n, "%s pid=%ld boot=%s%s", host, pid, boot, ns);
  else snprintf(out, n, "%s pid=%ld%s", host, pid, b);
}

/* A claim's holder is gone only when it surely runs no more: a process of this boot and pid
** namespace that was reaped, or this very pid (an earlier process); a live one, another boot's
** or words it cannot read are not. */
static void test_holder_gone(void **state){
  (void)state;
  char h[300];
  assert_non_null(strstr(worker_holder(), " boot="));
  assert_int_equal(worker_holder_gone(worker_holder()), 1);   /* the same pid: an earlier process */
  holder_of(h, sizeof h, (long)getppid(), 0);
  assert_int_equal(worker_holder_gone(h), 0);   /* alive */
  pid_t child = fork();
  if( child==0 ) _exit(0);
  assert_true(child>0);
  holder_of(h, sizeof h, (long)child, 0);
  for(int i=0; i<200 && !worker_holder_gone(h); i++) usleep(10000);   /* a zombie until reaped: gone too */
  assert_int_equal(worker_holder_gone(h), 1);
  waitpid(child, 0, 0);
  assert_int_equal(worker_holder_gone(h), 1);   /* reaped */
  holder_of(h, sizeof h, (long)child, "00000000-0000-0000-0000-000000000000");
  assert_int_equal(worker_holder_gone(h), 0);   /* another boot: cannot be told from another machine */
  assert_int_equal(worker_holder_gone(""), 0);
  assert_int_equal(worker_holder_gone("host pid=abc boot=x pidns=y"), 0);
}

int main(void){
  const struct CMUnitTest tests[] = {
    cmocka_unit_test(test_pass_stop_and_restart),
    cmocka_unit_test(test_short_poll_repeats),
    cmocka_unit_test(test_holder_gone),
  };
  return cmocka_run_group_tests(tests, 0, 0);
}
