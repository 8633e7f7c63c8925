/*
** ratelimit.c — fixed windows per (bucket, address) in a small open-addressed
** table under one mutex; an old slot is reused when its window has passed.
*/
#include "ratelimit.h"
#include <pthread.h>
#include <stdio.h>
#include <string.h>

#define RL_SLOTS 4096

typedef struct Slot { char key[96]; int64_t start; int count; } Slot;
static Slot slots[RL_SLOTS];
static pthread_mutex_t rl_mu = PTHREAD_MUTEX_INITIALIZER;

/* FNV-1a of a key. */
static unsigned rl_hash(const char *z){
  unsigned h = 2166136261u;
  for(; *z; z++){ h ^= (unsigned char)*z; h *= 16777619u; }
  return h;
}

/* Count one request of ip to bucket; 1 when it fits in the window. */
int ratelimit_allow(const char *bucket, const char *ip, int max, int window_s, int64_t now){
  char key[96];
  snprintf(key, sizeof key, "%s|%s", bucket ? bucket : "", ip ? ip : "");
  unsigned h = rl_hash(key);
  int ok = 1;
  pthread_mutex_lock(&rl_mu);
  Slot *use = 0;
  for(int i=0; i<16; i++){
    Slot *s = &slots[(h + (unsigned)i) % RL_SLOTS];
    if( strcmp(s->key, key)==0 ){ use = s; break; }
    if( use==0 && (s->key[0]==0 || now - s->start >= window_s) ) use = s;
  }
  if( use==0 ) use = &slots[h % RL_SLOTS];     /* a full neighbourhood: take the first slot over */
  if( strcmp(use->key, key)!=0 || now - use->start >= window_s ){
    snprintf(use->key, sizeof use->key, "%s", key);
    use->start = now;
    use->count = 0;
  }
  if( use->count >= max ) ok = 0;
  else use->count++;
  pthread_mutex_unlock(&rl_mu);
  return ok;
}
