/* Error module: every code has distinct, non-empty static text and a name;
 * unknown and negative codes map to fixed fallbacks. */
#include <string.h>

#include <surv.h>

#include "testutil.h"

#define LAST_CODE SURV_EFORMAT

START_TEST(test_every_code_has_distinct_text) {
  int i, j;
  for (i = SURV_OK; i <= LAST_CODE; i++) {
    const char *a = surv_strerror(i);
    ck_assert_ptr_nonnull(a);
    ck_assert_uint_gt(strlen(a), 5);
    ck_assert_str_ne(a, surv_strerror(LAST_CODE + 1));
    ck_assert_str_ne(surv_errname(i), "SURV_UNKNOWN");
    ck_assert_int_eq(strncmp(surv_errname(i), "SURV_", 5), 0);
    for (j = SURV_OK; j < i; j++) {
      ck_assert_str_ne(a, surv_strerror(j));
      ck_assert_str_ne(surv_errname(i), surv_errname(j));
    }
  }
}
END_TEST

START_TEST(test_named_codes) {
  ck_assert_str_eq(surv_errname(SURV_OK), "SURV_OK");
  ck_assert_str_eq(surv_errname(SURV_ENULL), "SURV_ENULL");
  ck_assert_str_eq(surv_errname(SURV_ELIMIT), "SURV_ELIMIT");
  ck_assert_str_eq(surv_strerror(SURV_OK), "success");
  ck_assert_int_eq(SURV_ENULL, 1);
  ck_assert_int_eq(SURV_EGROUP, 15);
  ck_assert_int_eq(SURV_ENOEVENT, 16);
  ck_assert_int_eq(SURV_ERANGE, 17);
  ck_assert_int_eq(SURV_EFORMAT, 18);
}
END_TEST

START_TEST(test_unknown_codes) {
  ck_assert_str_eq(surv_strerror(-1), "unknown libsurv error code");
  ck_assert_str_eq(surv_strerror(9999), "unknown libsurv error code");
  ck_assert_str_eq(surv_errname(-7), "SURV_UNKNOWN");
}
END_TEST

START_TEST(test_version) {
  ck_assert_str_eq(surv_version(), SURV_VERSION);
  ck_assert_int_eq(SURV_VERSION_HEX, (SURV_VERSION_MAJOR << 16) |
                                         (SURV_VERSION_MINOR << 8) |
                                         SURV_VERSION_PATCH);
}
END_TEST

int main(void) {
  Suite *s = suite_create("error");
  TCase *tc = tcase_create("codes");
  tcase_add_test(tc, test_every_code_has_distinct_text);
  tcase_add_test(tc, test_named_codes);
  tcase_add_test(tc, test_unknown_codes);
  tcase_add_test(tc, test_version);
  suite_add_tcase(s, tc);
  return tu_run_suite(s);
}
