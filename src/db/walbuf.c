/*
** walbuf.c — a SQLite VFS over the default one that gathers a transaction's WAL frames
** into one write, and keeps readers' memory mappings across other connections' commits.
**
** SQLite appends each page of a commit to the WAL as two pwrite() calls (a 24-byte frame
** header, then the page), then calls fsync. Opening a case changes some fifteen pages: thirty
** system calls, each walking the file's page cache, before the one fsync that makes them
** durable. Here the writes to a WAL file that follow each other are kept in a buffer and
** written with one pwrite() before anything that must see them: the sync, a read, the size,
** a truncation, a file control, the close. Nothing reaches the disk later than before: SQLite
** publishes frames to other connections (the wal-index) only after its sync, and it reads its
** own unsynced frames through xRead, which writes the buffer first. Other files (the
** database, its shared memory, journals) pass through unchanged.
**
** It also keeps a reader's memory mapping of the database while the file's size is unchanged
** (see wb_unfetch): SQLite drops it after every commit of another connection.
**
** Registered as the default VFS by walbuf_register() before the first connection opens.
*/
#include "engine.h"
#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>

/* A commit of up to 29 pages in one write. SQLite's unix VFS writes at most 128 KiB - 1 in
** one call (its seekAndWrite() keeps the low 17 bits of the count): more is refused as a
** full disk, so the buffer stays below. */
#define WALBUF_CAP (120*1024)

typedef struct WbFile WbFile;
struct WbFile {
  sqlite3_file base;        /* pMethods: wb_methods */
  sqlite3_file *real;       /* the default VFS's file, allocated right after this struct */
  int wal;                  /* a WAL file: writes are gathered */
  unsigned char *buf;       /* the gathered bytes (allocated on the first write) */
  sqlite3_int64 off;        /* file offset of buf[0] */
  int n;                    /* bytes in buf */
  sqlite3_int64 mapped;     /* the file's size when the real VFS last mapped it (0: not mapped) */
};

static sqlite3_vfs *wb_real;   /* the default VFS it wraps */

/* Write the gathered bytes, if any; SQLITE_OK or the real file's error. */
static int wb_flush(WbFile *f){
  if( f->n==0 ) return SQLITE_OK;
  int n = f->n;
  f->n = 0;
  return f->real->pMethods->xWrite(f->real, f->buf, n, f->off);
}

/* Close: write what is gathered, then close the real file. */
static int wb_close(sqlite3_file *p){
  WbFile *f = (WbFile*)p;
  int rc = wb_flush(f);
  int rc2 = f->real->pMethods ? f->real->pMethods->xClose(f->real) : SQLITE_OK;
  free(f->buf);
  f->buf = 0;
  return rc!=SQLITE_OK ? rc : rc2;
}

/* Read: what is gathered is written first, so the read sees it. */
static int wb_read(sqlite3_file *p, void *out, int n, sqlite3_int64 off){
  WbFile *f = (WbFile*)p;
  int rc = wb_flush(f);
  return rc!=SQLITE_OK ? rc : f->real->pMethods->xRead(f->real, out, n, off);
}

/* Write: a WAL write that continues the gathered bytes joins them; any other is written. */
static int wb_write(sqlite3_file *p, const void *data, int n, sqlite3_int64 off){
  WbFile *f = (WbFile*)p;
  if( !f->wal || n>WALBUF_CAP/4 ){
    int rc = wb_flush(f);
    return rc!=SQLITE_OK ? rc : f->real->pMethods->xWrite(f->real, data, n, off);
  }
  if( f->n>0 && (off!=f->off+f->n || f->n+n>WALBUF_CAP) ){
    int rc = wb_flush(f);
    if( rc!=SQLITE_OK ) return rc;
  }
  if( f->buf==0 ){
    f->buf = malloc(WALBUF_CAP);
    if( f->buf==0 ) return f->real->pMethods->xWrite(f->real, data, n, off);
  }
  if( f->n==0 ) f->off = off;
  memcpy(f->buf+f->n, data, (size_t)n);
  f->n += n;
  return SQLITE_OK;
}

/* Truncate, sync, size, file controls: after the gathered bytes are written. */
static int wb_truncate(sqlite3_file *p, sqlite3_int64 size){
  WbFile *f = (WbFile*)p;
  int rc = wb_flush(f);
  return rc!=SQLITE_OK ? rc : f->real->pMethods->xTruncate(f->real, size);
}
/* Sync: the gathered bytes written first. */
static int wb_sync(sqlite3_file *p, int flags){
  WbFile *f = (WbFile*)p;
  int rc = wb_flush(f);
  return rc!=SQLITE_OK ? rc : f->real->pMethods->xSync(f->real, flags);
}
/* The file's size: the gathered bytes written first. */
static int wb_size(sqlite3_file *p, sqlite3_int64 *size){
  WbFile *f = (WbFile*)p;
  int rc = wb_flush(f);
  return rc!=SQLITE_OK ? rc : f->real->pMethods->xFileSize(f->real, size);
}
/* A file control: the gathered bytes written first; the VFS's name says this layer. */
static int wb_control(sqlite3_file *p, int op, void *arg){
  WbFile *f = (WbFile*)p;
  int rc = wb_flush(f);
  if( rc!=SQLITE_OK ) return rc;
  if( op==SQLITE_FCNTL_VFSNAME ){
    /* as SQLite's own shims do: name this layer before the real one's name */
    int rc2 = f->real->pMethods->xFileControl(f->real, op, arg);
    if( rc2==SQLITE_OK ){
      char *inner = *(char**)arg;
      *(char**)arg = sqlite3_mprintf("walbuf/%z", inner);
    }
    return rc2;
  }
  return f->real->pMethods->xFileControl(f->real, op, arg);
}

/* The rest is the real file's. */
static int wb_lock(sqlite3_file *p, int l){ return ((WbFile*)p)->real->pMethods->xLock(((WbFile*)p)->real, l); }
static int wb_unlock(sqlite3_file *p, int l){ return ((WbFile*)p)->real->pMethods->xUnlock(((WbFile*)p)->real, l); }
static int wb_reserved(sqlite3_file *p, int *r){ return ((WbFile*)p)->real->pMethods->xCheckReservedLock(((WbFile*)p)->real, r); }
static int wb_sector(sqlite3_file *p){ return ((WbFile*)p)->real->pMethods->xSectorSize(((WbFile*)p)->real); }
static int wb_device(sqlite3_file *p){ return ((WbFile*)p)->real->pMethods->xDeviceCharacteristics(((WbFile*)p)->real); }
/* Shared memory of the WAL index: the real file's. */
static int wb_shm_map(sqlite3_file *p, int i, int sz, int ext, void volatile **pp){
  return ((WbFile*)p)->real->pMethods->xShmMap(((WbFile*)p)->real, i, sz, ext, pp);
}
/* A lock of the WAL index: the real file's. */
static int wb_shm_lock(sqlite3_file *p, int off, int n, int flags){
  return ((WbFile*)p)->real->pMethods->xShmLock(((WbFile*)p)->real, off, n, flags);
}
static void wb_shm_barrier(sqlite3_file *p){ ((WbFile*)p)->real->pMethods->xShmBarrier(((WbFile*)p)->real); }
static int wb_shm_unmap(sqlite3_file *p, int del){ return ((WbFile*)p)->real->pMethods->xShmUnmap(((WbFile*)p)->real, del); }

/* Fetch a page of the memory-mapped database; the size of a new mapping is noted. */
static int wb_fetch(sqlite3_file *p, sqlite3_int64 off, int n, void **pp){
  WbFile *f = (WbFile*)p;
  int rc = wb_flush(f);
  if( rc==SQLITE_OK ) rc = f->real->pMethods->xFetch(f->real, off, n, pp);
  if( rc==SQLITE_OK && *pp && f->mapped==0 && f->real->pMethods->xFileSize(f->real, &f->mapped)!=SQLITE_OK ) f->mapped = 0;
  return rc;
}

/* Give a fetched page back, or (pg NULL) drop the whole mapping. SQLite drops it whenever
** another connection has committed, so that a file that shrank is never read past its end:
** every reader then unmapped and mapped the file again (with the TLB flush of an munmap
** across threads) after each write. A mapping of a file whose size is unchanged shows the
** same bytes as a new one would (MAP_SHARED): it is kept. */
static int wb_unfetch(sqlite3_file *p, sqlite3_int64 off, void *pg){
  WbFile *f = (WbFile*)p;
  if( pg==0 && f->mapped>0 ){
    sqlite3_int64 size = 0;
    if( f->real->pMethods->xFileSize(f->real, &size)==SQLITE_OK && size==f->mapped ) return SQLITE_OK;
  }
  if( pg==0 ) f->mapped = 0;
  return f->real->pMethods->xUnfetch(f->real, off, pg);
}

static const sqlite3_io_methods wb_methods = {
  3, wb_close, wb_read, wb_write, wb_truncate, wb_sync, wb_size, wb_lock, wb_unlock,
  wb_reserved, wb_control, wb_sector, wb_device, wb_shm_map, wb_shm_lock, wb_shm_barrier,
  wb_shm_unmap, wb_fetch, wb_unfetch
};

/* Open: the real file right after ours; WAL files gather their writes. */
static int wb_open(sqlite3_vfs *vfs, const char *name, sqlite3_file *p, int flags, int *out_flags){
  (void)vfs;
  WbFile *f = (WbFile*)p;
  memset(f, 0, sizeof *f);
  f->real = (sqlite3_file*)&f[1];
  int rc = wb_real->xOpen(wb_real, name, f->real, flags, out_flags);
  if( rc!=SQLITE_OK ){
    /* SQLite calls no xClose when pMethods is unset (ours is): close the real file if it asks */
    if( f->real->pMethods ) f->real->pMethods->xClose(f->real);
    return rc;
  }
  f->wal = (flags & SQLITE_OPEN_WAL)!=0;
  p->pMethods = &wb_methods;
  return SQLITE_OK;
}

/* The VFS calls that are not about one file are the real VFS's. */
static int wb_delete(sqlite3_vfs *v, const char *z, int sync){ (void)v; return wb_real->xDelete(wb_real, z, sync); }
static int wb_access(sqlite3_vfs *v, const char *z, int flags, int *out){ (void)v; return wb_real->xAccess(wb_real, z, flags, out); }
static int wb_fullpath(sqlite3_vfs *v, const char *z, int n, char *out){ (void)v; return wb_real->xFullPathname(wb_real, z, n, out); }
static void *wb_dlopen(sqlite3_vfs *v, const char *z){ (void)v; return wb_real->xDlOpen(wb_real, z); }
static void wb_dlerror(sqlite3_vfs *v, int n, char *z){ (void)v; wb_real->xDlError(wb_real, n, z); }
static void (*wb_dlsym(sqlite3_vfs *v, void *h, const char *z))(void){ (void)v; return wb_real->xDlSym(wb_real, h, z); }
static void wb_dlclose(sqlite3_vfs *v, void *h){ (void)v; wb_real->xDlClose(wb_real, h); }
static int wb_random(sqlite3_vfs *v, int n, char *z){ (void)v; return wb_real->xRandomness(wb_real, n, z); }
static int wb_sleep(sqlite3_vfs *v, int us){ (void)v; return wb_real->xSleep(wb_real, us); }
static int wb_time(sqlite3_vfs *v, double *t){ (void)v; return wb_real->xCurrentTime(wb_real, t); }
static int wb_lasterr(sqlite3_vfs *v, int n, char *z){ (void)v; return wb_real->xGetLastError ? wb_real->xGetLastError(wb_real, n, z) : 0; }
static int wb_time64(sqlite3_vfs *v, sqlite3_int64 *t){ (void)v; return wb_real->xCurrentTimeInt64(wb_real, t); }

static sqlite3_vfs wb_vfs = {
  .iVersion = 2, .zName = "walbuf", .xOpen = wb_open, .xDelete = wb_delete, .xAccess = wb_access,
  .xFullPathname = wb_fullpath, .xDlOpen = wb_dlopen, .xDlError = wb_dlerror, .xDlSym = wb_dlsym,
  .xDlClose = wb_dlclose, .xRandomness = wb_random, .xSleep = wb_sleep, .xCurrentTime = wb_time,
  .xGetLastError = wb_lasterr, .xCurrentTimeInt64 = wb_time64,
};

/* Make the gathering VFS the default (once, before connections open); OK or ERR_DB. */
int walbuf_register(void){
  if( wb_real ) return OK;
  sqlite3_vfs *real = sqlite3_vfs_find(0);
  if( real==0 || real->iVersion<2 ) return ERR_DB;
  wb_vfs.szOsFile = (int)sizeof(WbFile) + real->szOsFile;
  wb_vfs.mxPathname = real->mxPathname;
  wb_real = real;
  if( sqlite3_vfs_register(&wb_vfs, 1)!=SQLITE_OK ){ wb_real = 0; return ERR_DB; }
  return OK;
}
