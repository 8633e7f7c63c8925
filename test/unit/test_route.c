/*
** test_route.c — matching paths against route patterns, the real route table,
** and the permission matrix it names.
*/
#include "unit.h"

/* A request with an arena, as the server makes one. */
static Req *req_new(void){
  Req *r = calloc(1, sizeof *r);
  assert_non_null(r);
  arena_init(&r->arena);
  return r;
}

static void req_done(Req *r){
  arena_free(&r->arena);
  free(r);
}

/* ---- route_match ---- */

/* A fixed path matches itself only. */
static void test_exact_path_matches_only_itself(void **state){
  assert_true(route_match(NULL, "/healthz", "/healthz"));
  assert_true(route_match(NULL, "/", "/"));
  assert_false(route_match(NULL, "/healthz", "/healthzz"));
  assert_false(route_match(NULL, "/healthz", "/health"));
  assert_false(route_match(NULL, "/healthz", "/Healthz"));
  assert_false(route_match(NULL, "/", ""));
  assert_false(route_match(NULL, "/audit", "/"));
}

/* ":name" captures one segment, read back with req_param(). */
static void test_param_captures_a_segment(void **state){
  Req *r = req_new();
  assert_true(route_match(r, "/pengguna/:username", "/pengguna/budi.santoso"));
  assert_int_equal(r->nparam, 1);
  assert_string_equal(req_param(r, "username"), "budi.santoso");
  assert_null(req_param(r, "number"));
  req_done(r);
}

/* A path parameter read as an id: a positive whole number, else 0. */
static void test_param_id_is_a_positive_whole_number(void **state){
  Req *r = req_new();
  assert_true(route_match(r, "/a/:id/b/:session/c/:x", "/a/42/b/0/c/7x"));
  assert_int_equal(req_param_id(r, "id"), 42);
  assert_int_equal(req_param_id(r, "session"), 0);
  assert_int_equal(req_param_id(r, "x"), 0);
  assert_int_equal(req_param_id(r, "missing"), 0);
  assert_int_equal(util_id("-5"), 0);
  assert_int_equal(util_id(""), 0);
  assert_int_equal(util_id("1234567890123456789"), 0);
  assert_int_equal(util_id("123456789012345678"), 123456789012345678LL);
  req_done(r);
}

/* Several captures, in the middle and at the end. */
static void test_several_params_are_captured(void **state){
  Req *r = req_new();
  assert_true(route_match(r, "/kasus/:number/langkah/:no", "/kasus/K-2026-001/langkah/3"));
  assert_string_equal(req_param(r, "number"), "K-2026-001");
  assert_string_equal(req_param(r, "no"), "3");
  assert_true(route_match(r, "/pengguna/:username/peran", "/pengguna/siti/peran"));
  assert_string_equal(req_param(r, "username"), "siti");
  req_done(r);
}

/* A path with more or fewer segments than the pattern does not match. */
static void test_extra_or_missing_segments_do_not_match(void **state){
  assert_false(route_match(NULL, "/pengguna/:username", "/pengguna/budi/peran"));
  assert_false(route_match(NULL, "/pengguna/:username/peran", "/pengguna/budi"));
  assert_false(route_match(NULL, "/pengguna/:username/peran", "/pengguna/budi/sandi"));
  assert_false(route_match(NULL, "/pengguna", "/pengguna/budi"));
  assert_false(route_match(NULL, "/pengguna/baru", "/pengguna"));
}

/* A trailing slash is a different path. */
static void test_trailing_slash_does_not_match(void **state){
  assert_false(route_match(NULL, "/pengguna", "/pengguna/"));
  assert_false(route_match(NULL, "/pengguna/:username", "/pengguna/budi/"));
}

/* A parameter never captures an empty segment. */
static void test_empty_segment_is_not_a_param(void **state){
  assert_false(route_match(NULL, "/pengguna/:username", "/pengguna/"));
  assert_false(route_match(NULL, "/pengguna/:username/peran", "/pengguna//peran"));
}

/* A failed match leaves no parameters behind. */
static void test_failed_match_leaves_no_params(void **state){
  Req *r = req_new();
  assert_false(route_match(r, "/pengguna/:username/peran", "/pengguna/budi/sandi"));
  assert_int_equal(r->nparam, 0);
  assert_null(req_param(r, "username"));
  req_done(r);
}

/* ---- the route table ---- */

/* Load the real matrix: before the group, and after each test that loads its own. */
static int load_real_perms(void **state){
  char err[256];
  if( unit_load_real_perms(err, sizeof err)!=OK ){ fprintf(stderr, "%s\n", err); return -1; }
  return 0;
}

/* The real matrix loads, and holds the permissions of user and audit administration. */
static void test_real_matrix_loads(void **state){
  char err[256] = "";
  assert_int_equal(unit_load_real_perms(err, sizeof err), OK);
  assert_true(perm_count() > 0);
  assert_true(perm_known("user.admin"));
  assert_true(perm_known("user.read"));
  assert_true(perm_known("audit.read"));
  assert_false(perm_known("user.delete"));
  assert_false(perm_known(NULL));
}

/* Every route has a real method, a path from the root, a handler. */
static void test_every_route_is_well_formed(void **state){
  static const char *const methods[] = { "GET", "POST", "PUT", "PATCH", "DELETE" };
  assert_true(routes_count > 0);
  for(size_t i=0; i<routes_count; i++){
    const Route *rt = &routes[i];
    int ok = 0;
    for(size_t m=0; m<COUNT(methods); m++) if( rt->method && strcmp(rt->method, methods[m])==0 ) ok = 1;
    if( !ok ) fail_msg("route %zu (%s): method \"%s\"", i, rt->path ? rt->path : "?", rt->method ? rt->method : "(null)");
    if( rt->path==0 || rt->path[0]!='/' ) fail_msg("route %zu: path \"%s\" does not start with /", i, rt->path ? rt->path : "(null)");
    if( rt->handler==0 ) fail_msg("route %zu (%s %s): no handler", i, rt->method, rt->path);
  }
}

/* Every route names a permission the matrix knows (or public/login). */
static void test_every_route_names_a_known_permission(void **state){
  char err[256] = "";
  assert_int_equal(unit_load_real_perms(err, sizeof err), OK);
  for(size_t i=0; i<routes_count; i++){
    if( !perm_known(routes[i].perm) ){
      fail_msg("route %s %s: permission \"%s\" is not in data/permissions.txt",
               routes[i].method, routes[i].path, routes[i].perm ? routes[i].perm : "(null)");
    }
  }
}

/* No route is hidden behind an earlier one with the same method and path. */
static void test_no_route_is_listed_twice(void **state){
  for(size_t i=0; i<routes_count; i++){
    for(size_t j=i+1; j<routes_count; j++){
      if( strcmp(routes[i].method, routes[j].method)==0 && strcmp(routes[i].path, routes[j].path)==0 ){
        fail_msg("%s %s is listed twice", routes[i].method, routes[i].path);
      }
    }
  }
}

/* A route's own path, taken literally, matches its pattern. */
static void test_every_fixed_route_matches_its_own_path(void **state){
  for(size_t i=0; i<routes_count; i++){
    if( strchr(routes[i].path, ':') ) continue;
    if( !route_match(NULL, routes[i].path, routes[i].path) ) fail_msg("%s does not match itself", routes[i].path);
  }
}

/* ---- perm_load and perm_allows ---- */

/* Who may do what, per the matrix text. */
static void test_permissions_follow_the_matrix(void **state){
  char err[256] = "";
  assert_int_equal(perm_load("# comment\n\nuser.read admin ketua\nuser.admin\tadmin\n", err, sizeof err), OK);
  assert_int_equal(perm_count(), 2);
  assert_string_equal(perm_name(0), "user.read");
  assert_int_equal(perm_roles(0), (1u<<ROLE_ADMIN) | (1u<<ROLE_KETUA));
  assert_true(perm_allows(1u<<ROLE_KETUA, "user.read"));
  assert_false(perm_allows(1u<<ROLE_KETUA, "user.admin"));
  assert_true(perm_allows((1u<<ROLE_STAF) | (1u<<ROLE_ADMIN), "user.admin"));
  assert_false(perm_allows(1u<<ROLE_PENYEDIA, "user.read"));
  assert_false(perm_allows(~0u, "no.such.permission"));
  assert_true(perm_allows(0, "public"));
  assert_false(perm_allows(0, "login"));
  assert_true(perm_allows(1u<<ROLE_PENYEDIA, "login"));
}

/* An unknown role is an error naming the line and the role. */
static void test_matrix_with_unknown_role_is_refused(void **state){
  char err[256] = "";
  assert_int_equal(perm_load("user.read admin\n# staff only\naudit.read admin chief\n", err, sizeof err), ERR_INVALID);
  assert_contains(err, ":3:");
  assert_contains(err, "chief");
}

/* A permission listed twice is an error naming the second line. */
static void test_matrix_with_duplicate_permission_is_refused(void **state){
  char err[256] = "";
  assert_int_equal(perm_load("user.read admin\nuser.read ketua\n", err, sizeof err), ERR_INVALID);
  assert_contains(err, ":2:");
  assert_contains(err, "user.read");
}

/* "public" and "login" are words of the route table, not permissions. */
static void test_matrix_cannot_redefine_public_or_login(void **state){
  char err[256] = "";
  assert_int_equal(perm_load("public admin\n", err, sizeof err), ERR_INVALID);
  assert_contains(err, ":1:");
  assert_contains(err, "public");
  err[0] = 0;
  assert_int_equal(perm_load("user.read admin\nlogin staf\n", err, sizeof err), ERR_INVALID);
  assert_contains(err, ":2:");
  assert_contains(err, "login");
}

int main(void){
  const struct CMUnitTest tests[] = {
    cmocka_unit_test(test_exact_path_matches_only_itself),
    cmocka_unit_test(test_param_captures_a_segment),
    cmocka_unit_test(test_param_id_is_a_positive_whole_number),
    cmocka_unit_test(test_several_params_are_captured),
    cmocka_unit_test(test_extra_or_missing_segments_do_not_match),
    cmocka_unit_test(test_trailing_slash_does_not_match),
    cmocka_unit_test(test_empty_segment_is_not_a_param),
    cmocka_unit_test(test_failed_match_leaves_no_params),
    cmocka_unit_test(test_real_matrix_loads),
    cmocka_unit_test(test_every_route_is_well_formed),
    cmocka_unit_test(test_every_route_names_a_known_permission),
    cmocka_unit_test(test_no_route_is_listed_twice),
    cmocka_unit_test(test_every_fixed_route_matches_its_own_path),
    cmocka_unit_test_teardown(test_permissions_follow_the_matrix, load_real_perms),
    cmocka_unit_test_teardown(test_matrix_with_unknown_role_is_refused, load_real_perms),
    cmocka_unit_test_teardown(test_matrix_with_duplicate_permission_is_refused, load_real_perms),
    cmocka_unit_test_teardown(test_matrix_cannot_redefine_public_or_login, load_real_perms),
  };
  return cmocka_run_group_tests_name("route", tests, load_real_perms, NULL);
}
