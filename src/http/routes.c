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

  /* API */
  { "POST", "/api/v1/login",                      api_login,          "public" },
  { "POST", "/api/v1/logout",                     api_logout,         "login" },
  { "GET",  "/api/v1/me",                         api_me,             "login" },
  { "POST", "/api/v1/me/password",                api_password,       "login" },
  { "POST", "/api/v1/me/office",                  api_office_switch,  "login" },
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
};

const size_t routes_count = sizeof(routes)/sizeof(routes[0]);
