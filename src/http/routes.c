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

  /* the help desk: phone desk, callers, counter and e-mail, hand-overs, bidding room, .rhs files, escalation */
  { "GET",  "/api/v1/phone/stamp",                      api_phone_stamp,        "case.open" },
  { "POST", "/api/v1/phone/calls",                      api_phone_answer,       "case.open" },
  { "GET",  "/api/v1/phone/calls",                      api_phone_calls,        "case.read" },
  { "GET",  "/api/v1/phone/calls/:id",                  api_phone_call,         "case.read" },
  { "POST", "/api/v1/phone/calls/:id/finish",           api_phone_finish,       "case.open" },
  { "GET",  "/api/v1/phone/recap",                      api_phone_recap,        "case.read" },
  { "GET",  "/api/v1/parties",                          api_parties,            "case.read" },
  { "POST", "/api/v1/helpdesk/walk-in",                 api_helpdesk_walk_in,   "case.open" },
  { "POST", "/api/v1/helpdesk/email",                   api_helpdesk_email,     "case.open" },
  { "GET",  "/api/v1/cases/:number/handovers",          api_handovers,          "case.read" },
  { "POST", "/api/v1/cases/:number/handovers",          api_handover,           "case.work" },
  { "POST", "/api/v1/cases/:number/handovers/:id/answer", api_handover_answer,  "case.work" },
  { "GET",  "/api/v1/bidding-room",                     api_bidding_board,      "case.read" },
  { "POST", "/api/v1/bidding-room",                     api_bidding_open,       "case.open" },
  { "POST", "/api/v1/bidding-room/:number/trainer",     api_bidding_trainer,    "case.work" },
  { "POST", "/api/v1/bidding-room/:number/steps/:no",   api_bidding_step,       "case.work" },
  { "POST", "/api/v1/rhs",                              api_rhs_open,           "case.open" },
  { "GET",  "/api/v1/rhs/:number",                      api_rhs,                "case.read" },
  { "POST", "/api/v1/rhs/:number/files",                api_rhs_file,           "case.work" },
  { "GET",  "/api/v1/rhs/:number/files/:id",            api_rhs_download,       "case.read" },
  { "POST", "/api/v1/rhs/:number/test",                 api_rhs_test,           "case.work" },
  { "POST", "/api/v1/rhs/:number/request",              api_rhs_request,        "case.work" },
  { "POST", "/api/v1/rhs/:number/result",               api_rhs_result,         "case.work" },
  { "GET",  "/api/v1/cases/:number/escalations",        api_escalations,        "case.read" },
  { "POST", "/api/v1/cases/:number/escalations",        api_escalate,           "case.work" },
  { "POST", "/api/v1/escalations/:id/answer",           api_escalation_answer,  "escalation.answer" },

  /* the help desk's pages */
  { "GET",  "/helpdesk",                                page_helpdesk,          "case.open" },
  { "POST", "/helpdesk/walk-in",                        page_helpdesk_walk_in,  "case.open" },
  { "POST", "/helpdesk/email",                          page_helpdesk_email,    "case.open" },
  { "GET",  "/telepon",                                 page_phone,             "case.open" },
  { "GET",  "/telepon/baru",                            page_phone_new,         "case.open" },
  { "POST", "/telepon/angkat",                          page_phone_answer,      "case.open" },
  { "GET",  "/telepon/panggilan/:id",                   page_phone_call,        "case.open" },
  { "POST", "/telepon/panggilan/:id",                   page_phone_finish,      "case.open" },
  { "GET",  "/telepon/rekap",                           page_phone_recap,       "case.read" },
  { "GET",  "/ruang-bidding",                           page_bidding,           "case.read" },
  { "POST", "/ruang-bidding",                           page_bidding_open,      "case.open" },
  { "GET",  "/ruang-bidding/:number",                   page_bidding_visit,     "case.read" },
  { "POST", "/ruang-bidding/:number/langkah/:no",       page_bidding_step,      "case.work" },
  { "POST", "/ruang-bidding/:number/trainer",           page_bidding_trainer,   "case.work" },
  { "POST", "/rhs",                                     page_rhs_open,          "case.open" },
  { "GET",  "/rhs/:number",                             page_rhs,               "case.read" },
  { "POST", "/rhs/:number/berkas",                      page_rhs_file,          "case.work" },
  { "GET",  "/rhs/:number/berkas/:id",                  page_rhs_download,      "case.read" },
  { "POST", "/rhs/:number/uji",                         page_rhs_test,          "case.work" },
  { "POST", "/rhs/:number/minta",                       page_rhs_request,       "case.work" },
  { "POST", "/rhs/:number/hasil",                       page_rhs_result,        "case.work" },
  { "GET",  "/rhs/:number/pernyataan",                  page_rhs_statement,     "case.read" },
  { "GET",  "/kasus/:number/eskalasi",                  page_escalation,        "case.read" },
  { "POST", "/kasus/:number/eskalasi",                  page_escalate,          "case.work" },
  { "POST", "/eskalasi/:id/jawab",                      page_escalation_answer, "escalation.answer" },
  { "GET",  "/kasus/:number/serah",                     page_handover,          "case.read" },
  { "POST", "/kasus/:number/serah",                     page_handover_post,     "case.work" },
  { "POST", "/kasus/:number/serah/:id/jawab",           page_handover_answer,   "case.work" },
};

const size_t routes_count = sizeof(routes)/sizeof(routes[0]);

/* Uploads written to disk as they arrive (.rhs bid files of 100 MB and more). */
const char *const routes_streamed[] = {
  "POST /api/v1/rhs/:number/files",
  "POST /rhs/:number/berkas",
  0
};
