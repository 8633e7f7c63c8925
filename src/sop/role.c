/*
** role.c — the names and labels of the roles (see role.h).
*/
#include "../core/core.h"
#include "role.h"
#include <stdio.h>
#include <string.h>

const char *const role_names[ROLE_COUNT] = {
  "admin", "pengarah", "ketua", "sekretaris", "admin_agency",
  "verifikator", "helpdesk", "trainer", "piket", "staf",
  "penyedia", "ppk", "pokja", "pejabat_pengadaan", "lkpp",
};

/* What a field naming no role is told, after the field's name: the roles, as role_names writes them. */
const char role_unknown_msg[] = N_("names no role of Loket (the roles, in small letters: admin, pengarah, ketua, sekretaris, admin_agency, verifikator, helpdesk, trainer, piket, staf, penyedia, ppk, pokja, pejabat_pengadaan, lkpp)");

static const char *const role_labels[ROLE_COUNT] = {
  N_("Administrator"), N_("Director (Pengarah)"), N_("Head of LPSE (Ketua)"), N_("Secretary (Sekretaris)"),
  N_("Admin Agency"), N_("Verifier"), N_("Helpdesk"), N_("Trainer"), N_("Front desk (Piket)"), N_("Staff"),
  N_("Provider (Penyedia)"), N_("PPK"), N_("Pokja"), N_("Procurement official"), N_("LKPP national helpdesk"),
};

/* What each role is for, in a few words (from the SOPs and the permission matrix). */
static const char *const role_purposes[ROLE_COUNT] = {
  N_("runs Loket: accounts, offices, procedures, settings"),
  N_("director of the LPSE: approves accounts and requests, reads the reports"),
  N_("head of the LPSE: plans trainings, oversees the desk, approves"),
  N_("secretary: records letters and requests, routes them (disposition)"),
  N_("registers users and creates, activates or deactivates their SPSE accounts"),
  N_("checks a provider's documents against its registration, decides"),
  N_("answers questions by e-mail, phone or in person; escalates to LKPP"),
  N_("runs trainings and assists providers at the desk"),
  N_("front desk on duty: guest book, visitors, the first step of a visit"),
  N_("LPSE staff: enters user IDs and passwords, works the steps given"),
  N_("a provider (company bidding for tenders): asks for help, registers"),
  N_("commitment-making official: asks for an SPSE account or for help"),
  N_("procurement working group (ULP): asks for accounts, opens bids"),
  N_("procurement official: asks for an SPSE account or for help"),
  N_("LKPP's national helpdesk: answers escalated questions and bid files"),
};

/* The index of a role name, or -1. */
int role_index(const char *name){
  if( name==0 ) return -1;
  for(int i=0; i<ROLE_COUNT; i++) if( strcmp(role_names[i], name)==0 ) return i;
  return -1;
}

/* Staff of the office, as opposed to requesters and LKPP. */
int role_is_staff(int role){
  return role>=ROLE_ADMIN && role<=ROLE_STAF;
}

/* A requester's role (a provider, PPK, Pokja, procurement official): its holders follow
** their cases on the portal, neither reading nor completing them in the office's pages. */
int role_is_requester(int role){
  return role>=ROLE_PENYEDIA && role<=ROLE_PEJABAT_PENGADAAN;
}

/* 1 when one of the roles in the bitmask is one of the office's staff roles. */
int roles_have_staff(unsigned roles){
  for(int k=0; k<ROLE_COUNT; k++) if( (roles & (1u<<k)) && role_is_staff(k) ) return 1;
  return 0;
}

/* The names of the roles in the bitmask into out (room for ROLE_COUNT), in role order; how many. */
int role_names_of(unsigned roles, const char **out){
  int n = 0;
  for(int k=0; k<ROLE_COUNT; k++) if( roles & (1u<<k) ) out[n++] = role_names[k];
  return n;
}

/* The names of the roles in the bitmask, "helpdesk, sekretaris", in role order, into out (n bytes); out. */
const char *role_list_text(unsigned roles, char *out, size_t n){
  const char *names[ROLE_COUNT];
  int k = role_names_of(roles, names);
  size_t at = 0;
  if( n ) out[0] = 0;
  for(int i=0; i<k && at<n; i++) at += snprintf(out+at, n-at, "%s%s", i ? ", " : "", names[i]);
  return out;
}

/* What a role is for (an English msgid, translated by the page). */
const char *role_purpose(int role){
  return role>=0 && role<ROLE_COUNT ? role_purposes[role] : "";
}

/* A role's label for people (an English msgid, translated by the page). */
const char *role_label(int role){
  return role>=0 && role<ROLE_COUNT ? role_labels[role] : "";
}

