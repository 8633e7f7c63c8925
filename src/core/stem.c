/*
** stem.c — the Indonesian stemmer of search (see stem.h). A root found in the
** list below ends the search at once; otherwise the most stripped reading is
** taken, with the first nasal rule of each prefix. The same function reads the
** documents and the queries, so a wrong root is at least the same wrong root.
*/
#include "stem.h"
#include <stdio.h>
#include <string.h>

/* Roots that look like affixed words, or that the nasal rules must find
** ("kembali" ends in -i, "masalah" in -lah, "berkas" starts with ber-). In byte order:
** looked up by binary search (stem_sorted() checks the order). */
static const char *const roots[] = {
  "acara", "ada", "adu", "ajar", "akhir", "akses", "aktif", "akun", "alamat", "alih", "aman",
  "ambil", "anggota", "angka", "antar", "arsip", "atur", "awal", "baca", "badan", "bagi", "baik",
  "bantu", "baru", "batal", "batas", "bayar", "beda", "benar", "beri", "berkas", "besar", "biaya",
  "bidang", "bina", "bisa", "buat", "buka", "bukti", "bulan", "cabut", "cari", "catat", "cetak",
  "coba", "contoh", "daftar", "dapat", "data", "dinas", "diri", "dukung", "email", "enkripsi",
  "gagal", "gambar", "ganti", "guna", "hadir", "hapus", "harap", "harga", "hari", "hasil",
  "hitung", "hubung", "ikut", "ingat", "isi", "izin", "jadi", "jadwal", "jalan", "jamin", "jawab",
  "jelas", "jenis", "kaji", "kali", "kantor", "kata", "kecil", "kelola", "keluar", "kembali",
  "kena", "kenal", "kendala", "kerja", "kirim", "kode", "konfirmasi", "kontrak", "kuasa", "kunci",
  "kurang", "laku", "lalu", "lambat", "langsung", "lanjut", "lapor", "layan", "lebih", "lelang",
  "lengkap", "lewat", "lihat", "luar", "lupa", "maksud", "mampu", "masa", "masalah", "masuk",
  "mati", "menang", "milik", "minta", "mohon", "muat", "mudah", "mula", "mulai", "muncul", "nama",
  "nilai", "nomor", "olah", "operasi", "pakai", "paket", "pasang", "pasti", "perlu", "pesan",
  "pilih", "pindah", "pokok", "proses", "pulih", "punya", "pusat", "putus", "rekam", "rencana",
  "rubah", "rupa", "rusak", "salah", "salin", "sama", "sampai", "sandi", "satu", "sedia", "segera",
  "selesai", "sertifikat", "server", "sesi", "sesuai", "setuju", "simpan", "sistem", "sulit",
  "surat", "syarat", "tahap", "tahu", "tambah", "tampil", "tanda", "tanggal", "tanggap", "tanya",
  "tawar", "temu", "tentu", "terang", "terap", "terbit", "terima", "tetap", "tiba", "tinggal",
  "tulis", "tunda", "tunggu", "tunjuk", "tutup", "ubah", "uji", "ukur", "ulang", "umum", "undang",
  "unduh", "unggah", "urus", "usaha", "usul", "utama", "verifikasi", "wajib", "waktu",
};

/* Words too common to search for, in byte order as the roots. */
static const char *const stopwords[] = {
  "a", "ada", "adalah", "agar", "akan", "and", "anda", "apa", "apakah", "atau", "bagaimana",
  "belum", "bisa", "cara", "dalam", "dan", "dari", "dengan", "di", "for", "how", "i", "in", "ini",
  "is", "itu", "jika", "juga", "kalau", "kami", "kapan", "karena", "ke", "kenapa", "kita", "maka",
  "mengapa", "my", "of", "oleh", "or", "pada", "para", "saja", "saya", "sebagai", "sudah",
  "tersebut", "the", "tidak", "to", "tolong", "untuk", "what", "yang",
};

/* 1 when w is among the n words of the byte-ordered list v (a word is looked up several
** times for every reading of every word of a text: a scan of the list was most of a search). */
static int stem_in(const char *const *v, size_t n, const char *w){
  size_t lo = 0, hi = n;
  while( lo<hi ){
    size_t mid = lo + (hi-lo)/2;
    int c = strcmp(v[mid], w);
    if( c==0 ) return 1;
    if( c<0 ) lo = mid+1; else hi = mid;
  }
  return 0;
}

/* 1 when both word lists are in strictly ascending byte order, as stem_in() needs (tests). */
int stem_sorted(void){
  for(size_t i=1; i<COUNT(roots); i++) if( strcmp(roots[i-1], roots[i])>=0 ) return 0;
  for(size_t i=1; i<COUNT(stopwords); i++) if( strcmp(stopwords[i-1], stopwords[i])>=0 ) return 0;
  return 1;
}

/* 1 when w is one of the known roots. */
static int stem_is_root(const char *w){
  return stem_in(roots, COUNT(roots), w);
}

/* 1 when w (lower case) is a word too common to search for. */
int stem_stopword(const char *w){
  return stem_in(stopwords, COUNT(stopwords), w);
}

/* 1 for a, e, i, o, u. */
static int stem_vowel(char c){
  return c=='a' || c=='e' || c=='i' || c=='o' || c=='u';
}

/* 1 when w ends with the suffix s and at least min bytes stay before it. */
static int stem_ends(const char *w, const char *s, size_t min){
  size_t n = strlen(w), k = strlen(s);
  return n>=k+min && strcmp(w+n-k, s)==0;
}

/* Add the reading pre+rest to out when there is room and it keeps 3 bytes or more. */
static void stem_reading(char out[4][STEM_MAX], int *k, const char *pre, const char *rest){
  size_t a = strlen(pre), b = strlen(rest);
  if( *k>=4 || a+b<3 ) return;
  if( a+b>=STEM_MAX ) b = STEM_MAX-1-a;
  memcpy(out[*k], pre, a);
  memcpy(out[*k]+a, rest, b);
  out[*k][a+b] = 0;
  (*k)++;
}

/* Up to 4 readings of w without one prefix, the default reading first; their number. */
static int stem_prefix_readings(const char *w, char out[4][STEM_MAX]){
  size_t n = strlen(w);
  int k = 0;
  if( n<5 ) return 0;
  const char *me = 0;            /* what follows "me"/"pe" */
  if( strncmp(w, "me", 2)==0 || strncmp(w, "pe", 2)==0 ) me = w+2;
  if( strncmp(w, "di", 2)==0 || strncmp(w, "ke", 2)==0 || strncmp(w, "se", 2)==0 ){
    stem_reading(out, &k, "", w+2);
  }else if( strncmp(w, "ber", 3)==0 || strncmp(w, "ter", 3)==0 ){
    stem_reading(out, &k, "", w+3);
    stem_reading(out, &k, "", w+2);                  /* berupa → rupa, terasa → rasa */
  }else if( strncmp(w, "belajar", 7)==0 ){
    stem_reading(out, &k, "", w+3);
  }else if( me && strncmp(w, "per", 3)==0 ){
    stem_reading(out, &k, "", w+3);
    stem_reading(out, &k, "", w+2);
  }else if( me && strncmp(me, "ny", 2)==0 && stem_vowel(me[2]) ){
    stem_reading(out, &k, "s", me+2);                /* menyimpan → simpan */
  }else if( me && strncmp(me, "ng", 2)==0 ){
    if( stem_vowel(me[2]) ){ stem_reading(out, &k, "", me+2); stem_reading(out, &k, "k", me+2); }  /* mengirim → kirim, mengisi → isi */
    else stem_reading(out, &k, "", me+2);            /* menggunakan → gunakan */
  }else if( me && me[0]=='m' ){
    if( stem_vowel(me[1]) ){ stem_reading(out, &k, "p", me+1); stem_reading(out, &k, "m", me+1); }  /* memakai → pakai, memasukkan → masuk */
    else stem_reading(out, &k, "", me+1);            /* membuka → buka */
  }else if( me && me[0]=='n' ){
    if( stem_vowel(me[1]) ){ stem_reading(out, &k, "t", me+1); stem_reading(out, &k, "n", me+1); }  /* menulis → tulis */
    else stem_reading(out, &k, "", me+1);            /* mendaftar → daftar */
  }else if( me && (me[0]=='l' || me[0]=='r' || me[0]=='w' || me[0]=='y') ){
    stem_reading(out, &k, "", me);                   /* melihat → lihat */
  }else if( me && w[0]=='p' && !stem_vowel(me[0]) ){
    stem_reading(out, &k, "", me);                   /* pekerja → kerja */
  }
  return k;
}

/* Find a known root by taking off up to `left` more prefixes; 1 and out set when found. */
static int stem_root_search(const char *w, int left, char *out){
  if( stem_is_root(w) ){ snprintf(out, STEM_MAX, "%s", w); return 1; }
  if( left==0 ) return 0;
  char r[4][STEM_MAX];
  int k = stem_prefix_readings(w, r);
  for(int i=0; i<k; i++) if( stem_root_search(r[i], left-1, out) ) return 1;
  return 0;
}

/* Take off up to three prefixes by the default readings, keeping at least 3 bytes. */
static void stem_prefix_default(const char *w, char *out){
  snprintf(out, STEM_MAX, "%s", w);
  for(int i=0; i<3; i++){
    char r[4][STEM_MAX];
    if( stem_prefix_readings(out, r)==0 || strlen(r[0])<3 ) return;
    snprintf(out, STEM_MAX, "%s", r[0]);
  }
}

/* The root of one lower-case word into out (STEM_MAX bytes). */
void stem_word(const char *w, char *out){
  size_t n = strlen(w);
  if( n>=STEM_MAX || n<4 ){   /* a long word cut at STEM_MAX-1 bytes, between characters */
    size_t k = n<STEM_MAX ? n : util_utf8_whole(w, STEM_MAX-1);
    memcpy(out, w, k);
    out[k] = 0;
    return;
  }
  for(size_t i=0; i<n; i++){
    unsigned char c = (unsigned char)w[i];
    if( !(c>='a' && c<='z') ){ snprintf(out, STEM_MAX, "%s", w); return; }  /* digits, other scripts */
  }
  if( stem_is_root(w) ){ snprintf(out, STEM_MAX, "%s", w); return; }
  /* the readings, most stripped first: particle, possessive, derivational suffix */
  char cand[12][STEM_MAX];
  int nc = 0;
  char base[3][STEM_MAX];
  int nb = 0;
  snprintf(base[nb++], STEM_MAX, "%s", w);
  static const char *const particles[] = { "lah", "kah", "tah", "pun" };
  static const char *const possessives[] = { "nya", "ku", "mu" };
  for(size_t i=0; i<COUNT(particles); i++) if( stem_ends(base[0], particles[i], 3) ){
    snprintf(base[nb], STEM_MAX, "%.*s", (int)(n-3), w); nb++; break;
  }
  int nb0 = nb;
  for(int b=nb0-1; b>=0 && nb<3; b--){
    for(size_t i=0; i<COUNT(possessives); i++) if( stem_ends(base[b], possessives[i], 3) ){
      size_t m = strlen(base[b]) - strlen(possessives[i]);
      memcpy(base[nb], base[b], m);
      base[nb][m] = 0;
      nb++;
      break;
    }
  }
  /* most stripped base first */
  for(int b=nb-1; b>=0; b--){
    const char *x = base[b];
    size_t m = strlen(x);
    if( stem_ends(x, "kan", 3) && nc<12 ){ snprintf(cand[nc++], STEM_MAX, "%.*s", (int)(m-3), x); }
    if( stem_ends(x, "an", 3) && nc<12 ){ snprintf(cand[nc++], STEM_MAX, "%.*s", (int)(m-2), x); }
    if( stem_ends(x, "i", 3) && nc<12 ){ snprintf(cand[nc++], STEM_MAX, "%.*s", (int)(m-1), x); }
    if( nc<12 ) snprintf(cand[nc++], STEM_MAX, "%s", x);
  }
  for(int i=0; i<nc; i++) if( stem_root_search(cand[i], 3, out) ) return;
  stem_prefix_default(cand[0], out);
}

/* Split text into words, drop stopwords, stem the rest into out; the number of words. */
int stem_text(const char *text, Buf *out){
  int count = 0;
  const unsigned char *p = (const unsigned char*)(text ? text : "");
  while( *p ){
    while( *p && !((*p>='a' && *p<='z') || (*p>='A' && *p<='Z') || (*p>='0' && *p<='9') || *p>=0x80) ) p++;
    if( *p==0 ) break;
    char w[STEM_MAX];
    size_t n = 0;
    while( (*p>='a' && *p<='z') || (*p>='A' && *p<='Z') || (*p>='0' && *p<='9') || *p>=0x80 ){
      if( n<STEM_MAX-1 ) w[n++] = (char)((*p>='A' && *p<='Z') ? *p+32 : *p);
      p++;
    }
    n = util_utf8_whole(w, n);   /* a long word cut between characters */
    w[n] = 0;
    if( n<2 || stem_stopword(w) ) continue;
    char s[STEM_MAX];
    stem_word(w, s);
    if( s[0]==0 ) continue;
    if( out->n ) buf_putc(out, ' ');
    buf_puts(out, s);
    count++;
  }
  return count;
}
