/* The generic result object and the extensible-struct helpers (lib/result.c):
 * columns present, absent, empty, replaced and refused on overflow; stats and
 * tests carried or not; the private payload freed once; surv__data_copy and
 * surv__options_copy with a caller's size smaller than, equal to and larger
 * than this library's (zero and nonzero unknown bytes), and sizes that can
 * only be garbage. Built with lib/result.c itself, since surv__ helpers are
 * hidden in the shared library. */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "surv_internal.h"
#include "testutil.h"

START_TEST(test_result_columns) {
  surv_result *r = surv__result_new(SURV__KIND_CURVE);
  ck_assert_ptr_nonnull(r);
  ck_assert_int_eq(surv__result_kind(r), SURV__KIND_CURVE);
  ck_assert_int_eq(surv__result_kind(NULL), 0);

  double *t = surv__result_column_new(r, SURV_COL_TIME, 3);
  ck_assert_ptr_nonnull(t);
  ck_assert(t[0] == 0 && t[1] == 0 && t[2] == 0); /* zeroed */
  t[0] = 1.5, t[1] = 2.5, t[2] = NAN;

  size_t len = 99;
  const double *c = surv_result_column(r, SURV_COL_TIME, &len);
  ck_assert_ptr_eq(c, t);
  ck_assert_uint_eq(len, 3);
  ck_assert(c[0] == 1.5 && c[1] == 2.5 && isnan(c[2]));
  ck_assert_ptr_eq(surv_result_column(r, SURV_COL_TIME, NULL), t);

  /* absent column, NULL result, out-of-range names: NULL and 0 */
  len = 99;
  ck_assert_ptr_null(surv_result_column(r, SURV_COL_SURV, &len));
  ck_assert_uint_eq(len, 0);
  len = 99;
  ck_assert_ptr_null(surv_result_column(NULL, SURV_COL_TIME, &len));
  ck_assert_uint_eq(len, 0);
  len = 99;
  ck_assert_ptr_null(surv_result_column(r, (surv_col)SURV__NCOL, &len));
  ck_assert_uint_eq(len, 0);
  len = 99;
  ck_assert_ptr_null(surv_result_column(r, (surv_col)-1, &len));
  ck_assert_uint_eq(len, 0);
  ck_assert_ptr_null(surv_result_column(r, SURV_COL_SURV, NULL));
  ck_assert_ptr_null(surv__result_column_new(r, (surv_col)SURV__NCOL, 1));

  /* an empty column is present: non-NULL, length 0 */
  ck_assert_ptr_nonnull(surv__result_column_new(r, SURV_COL_N_RISK, 0));
  len = 99;
  ck_assert_ptr_nonnull(surv_result_column(r, SURV_COL_N_RISK, &len));
  ck_assert_uint_eq(len, 0);

  /* writable view */
  len = 0;
  ck_assert_ptr_eq(surv__result_column_mut(r, SURV_COL_TIME, &len), t);
  ck_assert_uint_eq(len, 3);
  len = 99;
  ck_assert_ptr_null(surv__result_column_mut(r, SURV_COL_SURV, &len));
  ck_assert_uint_eq(len, 0);

  /* a size that overflows is refused and leaves the old column */
  ck_assert_ptr_null(surv__result_column_new(r, SURV_COL_TIME, SIZE_MAX));
  ck_assert_ptr_eq(surv_result_column(r, SURV_COL_TIME, &len), t);
  ck_assert_uint_eq(len, 3);

  /* replacing a column frees the old one (valgrind/ASan see a leak if not) */
  double *t2 = surv__result_column_new(r, SURV_COL_TIME, 5);
  ck_assert_ptr_nonnull(t2);
  ck_assert_ptr_eq(surv_result_column(r, SURV_COL_TIME, &len), t2);
  ck_assert_uint_eq(len, 5);

  /* the last name in range works */
  ck_assert_ptr_nonnull(
      surv__result_column_new(r, (surv_col)(SURV__NCOL - 1), 2));
  ck_assert_ptr_nonnull(
      surv_result_column(r, (surv_col)(SURV__NCOL - 1), &len));
  ck_assert_uint_eq(len, 2);
  surv_result_free(r);
  surv_result_free(NULL);
}
END_TEST

START_TEST(test_result_stats_and_tests) {
  surv_result *r = surv__result_new(SURV__KIND_GROUPS);
  ck_assert_ptr_nonnull(r);
  double v = -7;
  ck_assert_int_eq(surv_result_stat(r, SURV_STAT_N, &v), SURV_EINVAL);
  ck_assert(v == -7);
  surv__result_set_stat(r, SURV_STAT_N, 42);
  surv__result_set_stat(r, SURV_STAT_LOGLIK, NAN);     /* R's NA: a success */
  surv__result_set_stat(r, (surv_stat)SURV__NSTAT, 1); /* ignored */
  ck_assert_int_eq(surv_result_stat(r, SURV_STAT_N, &v), SURV_OK);
  ck_assert(v == 42);
  ck_assert_int_eq(surv_result_stat(r, SURV_STAT_LOGLIK, &v), SURV_OK);
  ck_assert(isnan(v));
  v = -7;
  ck_assert_int_eq(surv_result_stat(r, SURV_STAT_ITER, &v), SURV_EINVAL);
  ck_assert_int_eq(surv_result_stat(r, (surv_stat)SURV__NSTAT, &v),
                   SURV_EINVAL);
  ck_assert_int_eq(surv_result_stat(r, (surv_stat)-1, &v), SURV_EINVAL);
  ck_assert_int_eq(surv_result_stat(NULL, SURV_STAT_N, &v), SURV_ENULL);
  ck_assert(v == -7);
  ck_assert_int_eq(surv_result_stat(r, SURV_STAT_N, NULL), SURV_ENULL);

  surv_test t = {-1, -1, -1};
  ck_assert_int_eq(surv_result_test(r, SURV_TEST_MAIN, &t), SURV_EINVAL);
  ck_assert(t.statistic == -1 && t.df == -1 && t.p_value == -1);
  const surv_test in = {3.25, 2, NAN};
  surv__result_set_test(r, SURV_TEST_MAIN, &in);
  surv__result_set_test(r, (surv_test_kind)SURV__NTEST, &in); /* ignored */
  ck_assert_int_eq(surv_result_test(r, SURV_TEST_MAIN, &t), SURV_OK);
  ck_assert(t.statistic == 3.25 && t.df == 2 && isnan(t.p_value));
  t.statistic = -1;
  ck_assert_int_eq(surv_result_test(r, SURV_TEST_WALD, &t), SURV_EINVAL);
  ck_assert_int_eq(surv_result_test(r, (surv_test_kind)SURV__NTEST, &t),
                   SURV_EINVAL);
  ck_assert_int_eq(surv_result_test(NULL, SURV_TEST_MAIN, &t), SURV_ENULL);
  ck_assert(t.statistic == -1);
  ck_assert_int_eq(surv_result_test(r, SURV_TEST_MAIN, NULL), SURV_ENULL);
  surv_result_free(r);
}
END_TEST

static int freed;
static void count_free(void *p) {
  freed++;
  free(p);
}

START_TEST(test_result_priv) {
  surv_result *r = surv__result_new(SURV__KIND_COX);
  ck_assert_ptr_nonnull(r);
  ck_assert_ptr_null(surv__result_priv(r));
  ck_assert_ptr_null(surv__result_priv(NULL));
  freed = 0;
  void *a = malloc(8), *b = malloc(8);
  surv__result_set_priv(r, a, count_free);
  ck_assert_ptr_eq(surv__result_priv(r), a);
  surv__result_set_priv(r, b, count_free); /* replacing frees a */
  ck_assert_int_eq(freed, 1);
  ck_assert_ptr_eq(surv__result_priv(r), b);
  surv_result_free(r); /* frees b */
  ck_assert_int_eq(freed, 2);
}
END_TEST

/* A caller's surv_data as bytes: room for a version of surv_data longer than
 * this library's. */
typedef union big_data {
  surv_data d;
  unsigned char bytes[sizeof(surv_data) + 64];
  double align;
} big_data;

static const double T3[] = {1, 2, 3};
static const int S3[] = {1, 0, 1};
static const double W3[] = {1, 1, 2};

START_TEST(test_data_copy_same_size) {
  surv_data in = SURV_DATA_INIT, out;
  ck_assert_uint_eq(in.size, sizeof(surv_data));
  in.n = 3, in.time = T3, in.status = S3, in.weight = W3, in.p = 0;
  ck_assert_int_eq(surv__data_copy(&in, &out), SURV_OK);
  ck_assert_int_eq(memcmp(&in, &out, sizeof in), 0);
  /* SURV_DATA_INIT leaves every optional member absent */
  surv_data z = SURV_DATA_INIT;
  ck_assert(z.n == 0 && !z.time && !z.status && !z.entry && !z.time2 &&
            !z.weight && !z.group && !z.strata && !z.cluster && !z.x &&
            z.p == 0 && !z.offset);
}
END_TEST

START_TEST(test_data_copy_smaller) {
  /* a caller built when surv_data ended after status: the rest of its
   * memory is not surv_data (garbage here) and must read as absent */
  big_data in;
  memset(&in, 0xA5, sizeof in);
  in.d.size = offsetof(surv_data, entry);
  in.d.n = 3, in.d.time = T3, in.d.status = S3;
  surv_data out;
  memset(&out, 0xFF, sizeof out);
  ck_assert_int_eq(surv__data_copy(&in.d, &out), SURV_OK);
  ck_assert_uint_eq(out.size, sizeof(surv_data));
  ck_assert(out.n == 3 && out.time == T3 && out.status == S3);
  ck_assert(!out.entry && !out.time2 && !out.weight && !out.group &&
            !out.strata && !out.cluster && !out.x && out.p == 0 && !out.offset);

  /* a version that ended after weight keeps weight, drops the rest */
  in.d.size = offsetof(surv_data, group);
  in.d.entry = NULL, in.d.time2 = NULL, in.d.weight = W3;
  ck_assert_int_eq(surv__data_copy(&in.d, &out), SURV_OK);
  ck_assert(out.n == 3 && out.time == T3 && out.status == S3);
  ck_assert(!out.entry && !out.time2 && out.weight == W3);
  ck_assert(!out.group && !out.strata && !out.cluster && !out.x && out.p == 0 &&
            !out.offset);
}
END_TEST

START_TEST(test_data_copy_larger) {
  big_data in;
  memset(&in, 0, sizeof in);
  surv_data init = SURV_DATA_INIT;
  in.d = init;
  in.d.size = sizeof in.bytes; /* a newer libsurv's surv_data */
  in.d.n = 3, in.d.time = T3, in.d.status = S3;
  surv_data out;
  memset(&out, 0, sizeof out);
  /* unknown members all zero: absent, accepted */
  ck_assert_int_eq(surv__data_copy(&in.d, &out), SURV_OK);
  ck_assert_uint_eq(out.size, sizeof(surv_data));
  ck_assert(out.n == 3 && out.time == T3 && out.status == S3);
  /* a nonzero byte anywhere past our struct: a member we cannot honour */
  for (size_t i = sizeof(surv_data); i < sizeof in.bytes; i += 13) {
    surv_data keep;
    memset(&keep, 0x5A, sizeof keep);
    in.bytes[i] = 1;
    ck_assert_int_eq(surv__data_copy(&in.d, &keep), SURV_EINVAL);
    for (size_t j = 0; j < sizeof keep; j++) /* untouched */
      ck_assert_uint_eq(((unsigned char *)&keep)[j], 0x5A);
    in.bytes[i] = 0;
  }
  in.bytes[sizeof in.bytes - 1] = 0x80;
  ck_assert_int_eq(surv__data_copy(&in.d, &out), SURV_EINVAL);
}
END_TEST

START_TEST(test_data_copy_bad_size) {
  surv_data in = SURV_DATA_INIT, out;
  in.n = 3, in.time = T3, in.status = S3;
  memset(&out, 0x5A, sizeof out);
  surv_data keep = out;
  const size_t bad[] = {0,
                        1,
                        sizeof(size_t),
                        offsetof(surv_data, status), /* no status */
                        offsetof(surv_data, entry) - 1,
                        offsetof(surv_data, entry) + 1, /* cuts entry */
                        sizeof(surv_data) + 1,
                        4097,
                        (size_t)1 << 40,
                        SIZE_MAX};
  for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
    in.size = bad[i];
    ck_assert_int_eq(surv__data_copy(&in, &out), SURV_ESIZE);
    ck_assert_int_eq(memcmp(&out, &keep, sizeof out), 0);
  }
  in.size = sizeof(surv_data);
  ck_assert_int_eq(surv__data_copy(NULL, &out), SURV_ENULL);
  ck_assert_int_eq(surv__data_copy(&in, NULL), SURV_ENULL);
  ck_assert_int_eq(memcmp(&out, &keep, sizeof out), 0);
}
END_TEST

/* A module's options struct as this library knows it, and a newer one. */
typedef struct opt_v2 {
  size_t size;
  double level;
  int method;
  unsigned flags;
} opt_v2;
typedef struct opt_v1 { /* an older caller's: no flags */
  size_t size;
  double level;
} opt_v1;
typedef struct opt_v3 { /* a newer caller's */
  size_t size;
  double level;
  int method;
  unsigned flags;
  double extra;
  double extra2;
} opt_v3;
static const opt_v2 DEF = {sizeof(opt_v2), 0.95, 2, 0x3u};

START_TEST(test_options_copy) {
  opt_v2 out;
  memset(&out, 0, sizeof out);
  /* NULL: every default */
  ck_assert_int_eq(surv__options_copy(NULL, sizeof out, &DEF, &out), SURV_OK);
  ck_assert(out.size == sizeof out && out.level == 0.95 && out.method == 2 &&
            out.flags == 0x3u);

  /* same size: the caller's values, zeros included */
  opt_v2 same = {sizeof(opt_v2), 0.9, 0, 0x1u};
  ck_assert_int_eq(surv__options_copy(&same, sizeof out, &DEF, &out), SURV_OK);
  ck_assert(out.size == sizeof out && out.level == 0.9 && out.method == 0 &&
            out.flags == 0x1u);

  /* smaller (older caller): its members, then defaults */
  opt_v1 old = {sizeof(opt_v1), 0.8};
  ck_assert_int_eq(surv__options_copy(&old, sizeof out, &DEF, &out), SURV_OK);
  ck_assert(out.size == sizeof out && out.level == 0.8 && out.method == 2 &&
            out.flags == 0x3u);
  /* only the size member */
  size_t just = sizeof(size_t);
  ck_assert_int_eq(surv__options_copy(&just, sizeof out, &DEF, &out), SURV_OK);
  ck_assert(out.size == sizeof out && out.level == 0.95 && out.method == 2);

  /* larger (newer caller): unknown members zero are fine */
  opt_v3 nw;
  memset(&nw, 0, sizeof nw);
  nw.size = sizeof nw, nw.level = 0.99, nw.method = 1, nw.flags = 0;
  ck_assert_int_eq(surv__options_copy(&nw, sizeof out, &DEF, &out), SURV_OK);
  ck_assert(out.size == sizeof out && out.level == 0.99 && out.method == 1 &&
            out.flags == 0);
  /* ... a nonzero unknown member is refused, out untouched */
  opt_v2 keep = out;
  nw.extra2 = 1;
  ck_assert_int_eq(surv__options_copy(&nw, sizeof out, &DEF, &out),
                   SURV_EINVAL);
  ck_assert_int_eq(memcmp(&out, &keep, sizeof out), 0);
  nw.extra2 = 0, nw.extra = -0.0; /* a sign bit is a nonzero byte */
  ck_assert_int_eq(surv__options_copy(&nw, sizeof out, &DEF, &out),
                   SURV_EINVAL);

  /* sizes that cannot be a struct's */
  const size_t bad[] = {0,    1,       sizeof(size_t) - 1, sizeof(size_t) + 1,
                        4097, SIZE_MAX};
  for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
    opt_v3 b;
    memset(&b, 0, sizeof b);
    b.size = bad[i];
    ck_assert_int_eq(surv__options_copy(&b, sizeof out, &DEF, &out),
                     SURV_ESIZE);
    ck_assert_int_eq(memcmp(&out, &keep, sizeof out), 0);
  }
}
END_TEST

int main(void) {
  Suite *s = suite_create("result");
  TCase *tc = tcase_create("result");
  tcase_add_test(tc, test_result_columns);
  tcase_add_test(tc, test_result_stats_and_tests);
  tcase_add_test(tc, test_result_priv);
  suite_add_tcase(s, tc);
  tc = tcase_create("extensible");
  tcase_add_test(tc, test_data_copy_same_size);
  tcase_add_test(tc, test_data_copy_smaller);
  tcase_add_test(tc, test_data_copy_larger);
  tcase_add_test(tc, test_data_copy_bad_size);
  tcase_add_test(tc, test_options_copy);
  suite_add_tcase(s, tc);
  return tu_run_suite(s);
}
