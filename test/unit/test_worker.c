/*
** test_worker.c — background threads (core/worker.c): a pass runs at once, a stop wakes
** the wait at once (not at the next poll), and a stopped worker starts again.
*/
#include "unit.h"
#include "../../src/core/worker.h"
#include <unistd.h>

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

int main(void){
  const struct CMUnitTest tests[] = {
    cmocka_unit_test(test_pass_stop_and_restart),
    cmocka_unit_test(test_short_poll_repeats),
  };
  return cmocka_run_group_tests(tests, 0, 0);
}
