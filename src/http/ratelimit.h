/*
** ratelimit.h — a small fixed-window limiter for public forms, per client
** address and per form, in memory (a restart forgets it).
*/
#ifndef LOKET_RATELIMIT_H
#define LOKET_RATELIMIT_H
#include <stdint.h>

/* 1 when one more request from ip to bucket fits max per window_s seconds (and counts it), else 0. */
int ratelimit_allow(const char *bucket, const char *ip, int max, int window_s, int64_t now);

#endif
