/*
** role.h — the roles of Loket: the office's staff, the requesters, and the
** national helpdesk. Procedures name them as actors (sop/), the permission
** matrix grants them permissions (desk/perm.c); users hold them per office.
*/
#ifndef LOKET_ROLE_H
#define LOKET_ROLE_H

enum {
  ROLE_ADMIN, ROLE_PENGARAH, ROLE_KETUA, ROLE_SEKRETARIS, ROLE_ADMIN_AGENCY,
  ROLE_VERIFIKATOR, ROLE_HELPDESK, ROLE_TRAINER, ROLE_PIKET, ROLE_STAF,
  ROLE_PENYEDIA, ROLE_PPK, ROLE_POKJA, ROLE_PEJABAT_PENGADAAN, ROLE_LKPP,
  ROLE_COUNT
};
extern const char *const role_names[ROLE_COUNT];
int  role_index(const char *name);              /* -1 when not a role */
int  role_is_staff(int role);
int  role_is_requester(int role);              /* penyedia, ppk, pokja, pejabat_pengadaan */
int  roles_have_staff(unsigned roles);        /* 1 when one of the role bits is a staff role */
int  role_names_of(unsigned roles, const char **out);   /* the names of the role bits into out[ROLE_COUNT]; the count */
const char *role_list_text(unsigned roles, char *out, size_t n);   /* "helpdesk, sekretaris": the role bits' names into out */
const char *role_label(int role);               /* Indonesian label, a msgid */
const char *role_purpose(int role);             /* what the role is for, in a few words (a msgid) */
extern const char role_unknown_msg[];           /* a field naming no role is told this, after its name (a msgid) */

#endif
