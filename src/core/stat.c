/*
** stat.c — counters an operator watches (sign-in failures, lockouts, refusals, the SLA
** watcher's notices), kept in memory by each process for /metrics: atomics, no lock.
*/
#include "core.h"

static uint64_t stats[STAT_COUNT];

/* Add n to one counter. */
void stat_add(int which, int n){
  if( which<0 || which>=STAT_COUNT || n<=0 ) return;
  __atomic_fetch_add(&stats[which], (uint64_t)n, __ATOMIC_RELAXED);
}

/* One counter's value since the process started. */
uint64_t stat_get(int which){
  if( which<0 || which>=STAT_COUNT ) return 0;
  return __atomic_load_n(&stats[which], __ATOMIC_RELAXED);
}
