/*
** stem.h — an Indonesian stemmer for search: the same words reach the index and
** the query as the same roots ("mengembalikan" and "dikembalikan" → "kembali").
** Nazief–Adriani in spirit: particles, possessives, one derivational suffix,
** up to three prefixes with the nasal rules of meN-/peN-, checked against a small
** list of roots so a root that looks like a suffix ("kembali") is kept whole.
*/
#ifndef LOKET_STEM_H
#define LOKET_STEM_H
#include "core.h"

#define STEM_MAX 64
/* The root of one lower-case word into out (STEM_MAX bytes); words of other
** scripts, digits and short words come back as they are. */
void stem_word(const char *w, char *out);
/* 1 when w (lower case) is a word too common to search for ("yang", "bagaimana"). */
int stem_stopword(const char *w);
/* 1 when the stemmer's word lists are in the byte order its binary search needs (tests). */
int stem_sorted(void);
/* Split text into words (letters and digits, lower-cased), drop stopwords, stem the
** rest and append them to out separated by single spaces. Returns the number of words. */
int stem_text(const char *text, Buf *out);

#endif
