/*
** routes.c — the whole web surface in one table: method, path, handler, and
** the permission a caller needs ("public", "login", or a permission of the
** matrix in data/permissions.txt). A test walks it for every role.
*/
#include "http.h"
#include "../web/web.h"
#include "../api/api.h"

const Route routes[] = {
  /* system */
  { "GET",  "/healthz",                           api_healthz,        "public" },
  { "GET",  "/metrics",                           api_metrics,        "public" },
  { "GET",  "/static/:file",                      page_static,        "public" },

  /* sign-in, language, own account */
  { "GET",  "/masuk",                             page_login,         "public" },
  { "POST", "/masuk",                             page_login_post,    "public" },
  { "POST", "/keluar",                            page_logout,        "login" },
  { "POST", "/bahasa",                            page_lang,          "public" },
  { "POST", "/kantor",                            page_office_switch, "login" },
  { "GET",  "/",                                  page_home,          "login" },
  { "GET",  "/akun",                              page_account,       "login" },
  { "POST", "/akun",                              page_account_post,  "login" },
  { "GET",  "/pemberitahuan",                     page_notices,       "login" },
  { "POST", "/pemberitahuan/baca",                page_notices_read,  "login" },

  /* user administration */
  { "GET",  "/pengguna",                          page_users,         "user.read" },
  { "GET",  "/pengguna/baru",                     page_user_new,      "user.admin" },
  { "POST", "/pengguna",                          page_user_create,   "user.admin" },
  { "GET",  "/pengguna/:username",                page_user,          "user.read" },
  { "POST", "/pengguna/:username",                page_user_update,   "user.admin" },
  { "POST", "/pengguna/:username/peran",          page_user_roles,    "user.admin" },
  { "POST", "/pengguna/:username/nonaktifkan",    page_user_disable,  "user.admin" },
  { "POST", "/pengguna/:username/aktifkan",       page_user_enable,   "user.admin" },
  { "POST", "/pengguna/:username/buka-kunci",     page_user_unlock,   "user.admin" },
  { "POST", "/pengguna/:username/sandi",          page_user_reset,    "user.admin" },

  /* audit */
  { "GET",  "/audit",                             page_audit,         "audit.read" },

  /* procedures */
  { "GET",  "/prosedur",                          page_sops,          "sop.read" },
  { "GET",  "/prosedur/:code",                    page_sop,           "sop.read" },

  /* cases */
  { "GET",  "/tugas",                             page_tasks,         "case.read" },
  { "GET",  "/kasus",                             page_cases,         "case.read" },
  { "GET",  "/kasus/baru",                        page_case_new,      "case.open" },
  { "POST", "/kasus",                             page_case_create,   "case.open" },
  { "GET",  "/kasus/:number",                     page_case,          "case.read" },
  { "POST", "/kasus/:number/langkah/:no",         page_case_step,     "case.work" },
  { "POST", "/kasus/:number/arsipkan",            page_case_archive,  "case.work" },
  { "POST", "/kasus/:number/catatan",             page_case_note,       "case.work" },
  { "POST", "/kasus/:number/lampiran",            page_case_attach,     "case.work" },
  { "GET",  "/kasus/:number/lampiran/:id",        page_case_attachment, "case.read" },

  /* API */
  { "POST", "/api/v1/login",                      api_login,          "public" },
  { "POST", "/api/v1/logout",                     api_logout,         "login" },
  { "GET",  "/api/v1/me",                         api_me,             "login" },
  { "POST", "/api/v1/me/password",                api_password,       "login" },
  { "POST", "/api/v1/me/office",                  api_office_switch,  "login" },
  { "GET",  "/api/v1/notices",                    api_notices,        "login" },
  { "POST", "/api/v1/notices/read",               api_notices_read,   "login" },
  { "GET",  "/api/v1/users",                      api_users,          "user.read" },
  { "POST", "/api/v1/users",                      api_user_create,    "user.admin" },
  { "GET",  "/api/v1/users/:username",            api_user,           "user.read" },
  { "PATCH","/api/v1/users/:username",            api_user_update,    "user.admin" },
  { "PUT",  "/api/v1/users/:username/roles",      api_user_roles,     "user.admin" },
  { "POST", "/api/v1/users/:username/disable",    api_user_disable,   "user.admin" },
  { "POST", "/api/v1/users/:username/enable",     api_user_enable,    "user.admin" },
  { "POST", "/api/v1/users/:username/unlock",     api_user_unlock,    "user.admin" },
  { "POST", "/api/v1/users/:username/password",   api_user_password,  "user.admin" },
  { "GET",  "/api/v1/audit",                      api_audit,          "audit.read" },
  { "GET",  "/api/v1/sops",                       api_sops,           "sop.read" },
  { "GET",  "/api/v1/sops/:code",                 api_sop,            "sop.read" },
  { "POST", "/api/v1/cases",                      api_case_open,      "case.open" },
  { "GET",  "/api/v1/cases",                      api_cases,          "case.read" },
  { "GET",  "/api/v1/cases/:number",              api_case,           "case.read" },
  { "POST", "/api/v1/cases/:number/steps/:no",    api_case_step,      "case.work" },
  { "POST", "/api/v1/cases/:number/cancel",       api_case_cancel,    "case.work" },
  { "POST", "/api/v1/cases/:number/reopen",       api_case_reopen,    "case.work" },
  { "POST", "/api/v1/cases/:number/assign",       api_case_assign,    "case.work" },
  { "POST", "/api/v1/cases/:number/archive",      api_case_archive,   "case.work" },
  { "GET",  "/api/v1/cases/:number/attachments",      api_case_attachments, "case.read" },
  { "POST", "/api/v1/cases/:number/attachments",      api_case_attach,      "case.work" },
  { "GET",  "/api/v1/cases/:number/attachments/:id",  api_case_attachment,  "case.read" },
  { "GET",  "/api/v1/cases/:number/notes",            api_case_notes,       "case.read" },
  { "POST", "/api/v1/cases/:number/notes",            api_case_note,        "case.work" },

  /* the office calendar */
  { "GET",  "/kalender",                          page_calendar,                "calendar.read" },
  { "POST", "/kalender/libur",                    page_calendar_holiday,        "calendar.admin" },
  { "POST", "/kalender/libur/:day/hapus",         page_calendar_holiday_remove, "calendar.admin" },
  { "POST", "/kalender/jam",                      page_calendar_hours,          "calendar.admin" },
  { "POST", "/kalender/impor",                    page_calendar_import,         "calendar.admin" },
  { "GET",    "/api/v1/calendar",                   api_calendar,                 "calendar.read" },
  { "POST",   "/api/v1/calendar/holidays",          api_calendar_holiday,         "calendar.admin" },
  { "DELETE", "/api/v1/calendar/holidays/:day",     api_calendar_holiday_remove,  "calendar.admin" },
  { "PUT",    "/api/v1/calendar/hours/:weekday",    api_calendar_hours,           "calendar.admin" },

  /* the priority table and the number formats per register */
  { "GET",  "/prioritas",                         page_priorities,           "priority.read" },
  { "POST", "/prioritas",                         page_priorities_post,      "priority.admin" },
  { "POST", "/prioritas/nomor",                   page_number_formats_post,  "priority.admin" },
  { "GET",  "/api/v1/priorities",                 api_priorities,            "priority.read" },
  { "PUT",  "/api/v1/priorities",                 api_priorities_set,        "priority.admin" },
  { "GET",  "/api/v1/number-formats",             api_number_formats,        "priority.read" },
  { "PUT",  "/api/v1/number-formats",             api_number_formats_set,    "priority.admin" },

  /* registers */
  { "GET",  "/register",                          page_registers,        "register.read" },
  { "GET",  "/register/:register",                page_register,         "register.read" },
  { "POST", "/register/:register",                page_register_add,     "register.write" },
  { "POST", "/register/:register/:id/depart",     page_register_depart,  "register.write" },
  { "POST", "/register/:register/:id/done",       page_register_done,    "register.write" },
  { "POST", "/register/:register/:id/destroy",    page_register_destroy, "register.write" },
  { "GET",  "/api/v1/registers",                  api_registers,         "register.read" },
  { "GET",  "/api/v1/registers/:register",        api_register_list,     "register.read" },
  { "POST", "/api/v1/registers/:register",        api_register_add,      "register.write" },
  { "POST", "/api/v1/registers/:register/:id/depart",  api_register_depart,  "register.write" },
  { "POST", "/api/v1/registers/:register/:id/done",    api_register_done,    "register.write" },
  { "POST", "/api/v1/registers/:register/:id/destroy", api_register_destroy, "register.write" },

  /* knowledge base (FAQ) */
  { "GET",  "/kb",                                page_kb,              "kb.read" },
  { "GET",  "/kb/baru",                           page_kb_new,          "kb.write" },
  { "POST", "/kb",                                page_kb_create,       "kb.write" },
  { "GET",  "/kb/:id",                            page_kb_article,      "kb.read" },
  { "POST", "/kb/:id",                            page_kb_update,       "kb.write" },
  { "GET",  "/kb/:id/revisi/:rev",                page_kb_revision,     "kb.read" },
  { "POST", "/kasus/:number/kb",                  page_case_kb,         "case.work" },
  { "GET",    "/api/v1/kb",                       api_kb_list,          "kb.read" },
  { "POST",   "/api/v1/kb",                       api_kb_create,        "kb.write" },
  { "GET",    "/api/v1/kb/:id",                   api_kb_get,           "kb.read" },
  { "PATCH",  "/api/v1/kb/:id",                   api_kb_update,        "kb.write" },
  { "DELETE", "/api/v1/kb/:id",                   api_kb_archive,       "kb.write" },
  { "GET",    "/api/v1/kb/:id/revisions",         api_kb_revisions,     "kb.read" },
  { "GET",    "/api/v1/cases/:number/kb",         api_case_kb,          "case.read" },
  { "POST",   "/api/v1/cases/:number/kb",         api_case_kb_link,     "case.work" },

  /* the public portal: no sign-in */
  { "GET",  "/portal",                            page_portal,              "public" },
  { "GET",  "/portal/faq",                        page_portal_faq,          "public" },
  { "GET",  "/portal/faq/:id",                    page_portal_faq_article,  "public" },
  { "GET",  "/portal/kirim",                      page_portal_submit_form,  "public" },
  { "POST", "/portal/kirim",                      page_portal_submit,       "public" },
  { "GET",  "/portal/lacak",                      page_portal_track_form,   "public" },
  { "POST", "/portal/lacak",                      page_portal_track,        "public" },
  { "GET",  "/portal/t/:token",                   page_portal_ticket,       "public" },
  { "POST", "/portal/t/:token/balas",             page_portal_reply,        "public" },
  { "POST", "/portal/t/:token/nilai",             page_portal_rate,         "public" },
  { "POST", "/portal/t/:token/buka",              page_portal_reopen,       "public" },
  { "POST", "/kasus/:number/portal",              page_case_portal,         "case.work" },
  { "GET",  "/api/v1/portal/faq",                 api_portal_faq,           "public" },
  { "GET",  "/api/v1/portal/faq/:id",             api_portal_faq_get,       "public" },
  { "POST", "/api/v1/portal/tickets",             api_portal_submit,        "public" },
  { "POST", "/api/v1/portal/track",               api_portal_track,         "public" },
  { "GET",  "/api/v1/portal/tickets/:token",      api_portal_ticket,        "public" },
  { "POST", "/api/v1/portal/tickets/:token/replies", api_portal_reply,      "public" },
  { "POST", "/api/v1/portal/tickets/:token/rating",  api_portal_rate,       "public" },
  { "POST", "/api/v1/portal/tickets/:token/reopen",  api_portal_reopen,     "public" },
  { "GET",  "/api/v1/cases/:number/portal",       api_case_portal,          "case.read" },
  { "POST", "/api/v1/cases/:number/portal",       api_case_portal_reply,    "case.work" },
};

const size_t routes_count = sizeof(routes)/sizeof(routes[0]);
