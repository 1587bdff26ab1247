/* Nelson-Aalen module: survfit(ctype = 1/2, stype = 2) fixtures from R
 * (tests/fixtures/na.tsv made by make-compare-fixtures.R) on lung, aml and a
 * toy data set with and without integer case weights, every row and column,
 * 5 CI types at 2 levels; near-tie merging; every error path. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <surv.h>

#include "testutil.h"

#define RTOL 1e-10

static const char *const datasets[] = {"lung", "aml", "toy", "toyw"};
static const char *const ci_names[] = {"plain", "log", "loglog", "logit",
                                       "arcsin"};

/* loop index: dataset * 4 + (ctype - 1) * 2 + level index */
START_TEST(test_na_fixture) {
  const char *ds = datasets[_i / 4];
  int ctype = 1 + (_i / 2) % 2;
  double level = _i % 2 ? 0.9 : 0.95;
  char file[64], ctx[160];
  tu_table *d, *t = tu_table_read("na.tsv");
  size_t i, n, m, r, seen = 0;
  double *time, *w, *lo, *hi;
  int *st, c, ty;
  surv_result *na = NULL;
  snprintf(file, sizeof file, "cmp-%s.tsv", strcmp(ds, "toyw") ? ds : "toy");
  d = tu_table_read(file);
  n = tu_table_nrow(d);
  time = malloc(n * sizeof *time);
  w = malloc(n * sizeof *w);
  st = malloc(n * sizeof *st);
  for (i = 0; i < n; i++) {
    time[i] = tu_table_num(d, i, tu_table_col(d, "time"));
    st[i] = (int)tu_table_num(d, i, tu_table_col(d, "status"));
    w[i] = strcmp(ds, "toyw") ? 1 : tu_table_num(d, i, tu_table_col(d, "w"));
  }
  ck_assert_int_eq(tu_na_fit(time, st, strcmp(ds, "toyw") ? NULL : w, n,
                             ctype == 2 ? SURV_NA_FH : 0, &na),
                   SURV_OK);
  m = tu_rows(na);
  lo = malloc(5 * m * sizeof *lo);
  hi = malloc(5 * m * sizeof *hi);
  for (ty = 0; ty < 5; ty++)
    ck_assert_int_eq(
        surv_curve_ci(na, (surv_ci_type)ty, level, lo + ty * m, hi + ty * m, m),
        SURV_OK);
  for (r = 0; r < tu_table_nrow(t); r++) {
    static const char *const cols[] = {"time",     "n_risk", "n_event",
                                       "n_censor", "cumhaz", "std_chaz",
                                       "surv",     "std_err"};
    const double *got[8];
    size_t row;
    if (strcmp(tu_table_str(t, r, 0), ds) != 0 ||
        tu_table_num(t, r, 1) != ctype || tu_table_num(t, r, 2) != level)
      continue;
    row = (size_t)tu_table_num(t, r, tu_table_col(t, "row"));
    ck_assert_uint_lt(row, m);
    got[0] = tu_col(na, SURV_COL_TIME);
    got[1] = tu_col(na, SURV_COL_N_RISK);
    got[2] = tu_col(na, SURV_COL_N_EVENT);
    got[3] = tu_col(na, SURV_COL_N_CENSOR);
    got[4] = tu_col(na, SURV_COL_CUMHAZ);
    got[5] = tu_col(na, SURV_COL_STD_CHAZ);
    got[6] = tu_col(na, SURV_COL_SURV);
    got[7] = tu_col(na, SURV_COL_STD_ERR);
    for (c = 0; c < 8; c++) {
      snprintf(ctx, sizeof ctx, "%s ctype %d row %zu %s", ds, ctype, row,
               cols[c]);
      TU_ASSERT_REL(got[c][row], tu_table_num(t, r, tu_table_col(t, cols[c])),
                    RTOL, ctx);
    }
    for (ty = 0; ty < 5; ty++) {
      char name[32];
      snprintf(name, sizeof name, "lower_%s", ci_names[ty]);
      snprintf(ctx, sizeof ctx, "%s ctype %d level %g row %zu %s", ds, ctype,
               level, row, name);
      TU_ASSERT_REL(lo[ty * m + row], tu_table_num(t, r, tu_table_col(t, name)),
                    RTOL, ctx);
      snprintf(name, sizeof name, "upper_%s", ci_names[ty]);
      TU_ASSERT_REL(hi[ty * m + row], tu_table_num(t, r, tu_table_col(t, name)),
                    RTOL, ctx);
    }
    seen++;
  }
  ck_assert_uint_eq(seen, m);
  surv_result_free(na);
  free(lo);
  free(hi);
  free(time);
  free(w);
  free(st);
  tu_table_free(d);
  tu_table_free(t);
}
END_TEST

/* hand-checked: lung H(365) ctype 1 and 2, stype=2 S(365), its se
 * and log CI (365 lies between rows: the value at the last time <= 365). */
START_TEST(test_lung_365) {
  tu_table *d = tu_table_read("cmp-lung.tsv");
  size_t i, n = tu_table_nrow(d), m, k = 0;
  double *time = malloc(n * sizeof *time), *lo, *hi;
  int *st = malloc(n * sizeof *st);
  surv_result *a = NULL, *b = NULL;
  for (i = 0; i < n; i++) {
    time[i] = tu_table_num(d, i, tu_table_col(d, "time"));
    st[i] = (int)tu_table_num(d, i, tu_table_col(d, "status"));
  }
  ck_assert_int_eq(tu_na_fit(time, st, NULL, n, 0, &a), SURV_OK);
  ck_assert_int_eq(tu_na_fit(time, st, NULL, n, SURV_NA_FH, &b), SURV_OK);
  m = tu_rows(a);
  for (i = 0; i < m; i++)
    if (tu_col(a, SURV_COL_TIME)[i] <= 365)
      k = i;
  TU_ASSERT_REL(tu_col(a, SURV_COL_CUMHAZ)[k], 0.8883245743682, 1e-12, "H1");
  TU_ASSERT_REL(tu_col(a, SURV_COL_STD_CHAZ)[k], 0.0869653876569, 1e-11,
                "se H1");
  TU_ASSERT_REL(tu_col(b, SURV_COL_CUMHAZ)[k], 0.8896308138274, 1e-12, "H2");
  TU_ASSERT_REL(tu_col(b, SURV_COL_STD_CHAZ)[k], 0.0871055467384, 1e-11,
                "se H2");
  TU_ASSERT_REL(tu_col(a, SURV_COL_SURV)[k], 0.4113443526142, 1e-12, "S");
  TU_ASSERT_REL(tu_col(a, SURV_COL_STD_ERR)[k], 0.0357727210856, 1e-11, "se S");
  lo = malloc(m * sizeof *lo);
  hi = malloc(m * sizeof *hi);
  ck_assert_int_eq(surv_curve_ci(a, SURV_CI_LOG, 0.95, lo, hi, m), SURV_OK);
  TU_ASSERT_REL(lo[k], 0.3468809636664, 1e-11, "lower");
  TU_ASSERT_REL(hi[k], 0.4877874376246, 1e-11, "upper");
  surv_result_free(a);
  surv_result_free(b);
  free(lo);
  free(hi);
  free(time);
  free(st);
  tu_table_free(d);
}
END_TEST

/* Hand-computed ctype 2 with a triple tie: n = 3, d = 3 at t = 1:
 * H = 1/3 + 1/2 + 1, var = 1/9 + 1/4 + 1. */
START_TEST(test_fh_exact) {
  const double t[] = {1, 1, 1};
  const int s[] = {1, 1, 1};
  surv_result *na = NULL;
  ck_assert_int_eq(tu_na_fit(t, s, NULL, 3, SURV_NA_FH, &na), SURV_OK);
  ck_assert_uint_eq(tu_rows(na), 1);
  TU_ASSERT_REL(tu_col(na, SURV_COL_CUMHAZ)[0], 11.0 / 6, 1e-15, "H");
  TU_ASSERT_REL(tu_col(na, SURV_COL_STD_CHAZ)[0], sqrt(49.0 / 36), 1e-15, "se");
  TU_ASSERT_REL(tu_col(na, SURV_COL_SURV)[0], exp(-11.0 / 6), 1e-15, "S");
  surv_result_free(na);
}
END_TEST

/* A zero-weight death is no jump (survfitkm: d0 > 0 and d > 0). */
START_TEST(test_zero_weight_event) {
  const double t[] = {1, 2, 3}, w[] = {0, 1, 1};
  const int s[] = {1, 1, 0};
  surv_result *na = NULL;
  ck_assert_int_eq(tu_na_fit(t, s, w, 3, 0, &na), SURV_OK);
  ck_assert(tu_col(na, SURV_COL_CUMHAZ)[0] == 0);
  TU_ASSERT_REL(tu_col(na, SURV_COL_CUMHAZ)[1], 0.5, 1e-15, "H(2)");
  surv_result_free(na);
}
END_TEST

START_TEST(test_timefix) {
  const double t[] = {0.1 + 0.2, 0.3, 1};
  const int s[] = {1, 1, 0};
  surv_result *a = NULL, *b = NULL;
  ck_assert_int_eq(tu_na_fit(t, s, NULL, 3, 0, &a), SURV_OK);
  ck_assert_int_eq(tu_na_fit(t, s, NULL, 3, SURV_NO_TIMEFIX, &b), SURV_OK);
  ck_assert_uint_eq(tu_rows(a), 2);
  ck_assert_uint_eq(tu_rows(b), 3);
  TU_ASSERT_REL(tu_col(a, SURV_COL_CUMHAZ)[0], 2.0 / 3, 1e-15, "merged");
  TU_ASSERT_REL(tu_col(b, SURV_COL_CUMHAZ)[1], 1.0 / 3 + 1.0 / 2, 1e-15,
                "separate");
  surv_result_free(a);
  surv_result_free(b);
}
END_TEST

START_TEST(test_errors) {
  const double t[] = {1, 2, 3};
  const int s[] = {1, 0, 1};
  double bad[] = {1, 2, 3}, w[] = {1, 1, 1}, lo[3] = {-7, -7, -7},
         hi[3] = {-7, -7, -7};
  int bs[] = {1, 0, 1};
  surv_result *sentinel = (surv_result *)&bad, *na = sentinel, *ok = NULL;
  ck_assert_int_eq(tu_na_fit(NULL, s, NULL, 3, 0, &na), SURV_ENULL);
  ck_assert_int_eq(tu_na_fit(t, NULL, NULL, 3, 0, &na), SURV_ENULL);
  ck_assert_int_eq(tu_na_fit(t, s, NULL, 3, 0, NULL), SURV_ENULL);
  ck_assert_int_eq(tu_na_fit(t, s, NULL, 0, 0, &na), SURV_ESIZE);
  ck_assert_int_eq(tu_na_fit(t, s, NULL, 3, 0x8u, &na), SURV_EINVAL);
  bad[1] = NAN;
  ck_assert_int_eq(tu_na_fit(bad, s, NULL, 3, 0, &na), SURV_ETIME);
  bad[1] = -0.5;
  ck_assert_int_eq(tu_na_fit(bad, s, NULL, 3, 0, &na), SURV_ETIME);
  bad[1] = INFINITY;
  ck_assert_int_eq(tu_na_fit(bad, s, NULL, 3, 0, &na), SURV_ETIME);
  bs[2] = 3;
  ck_assert_int_eq(tu_na_fit(t, bs, NULL, 3, 0, &na), SURV_ESTATUS);
  w[0] = -1;
  ck_assert_int_eq(tu_na_fit(t, s, w, 3, 0, &na), SURV_EWEIGHT);
  w[0] = NAN;
  ck_assert_int_eq(tu_na_fit(t, s, w, 3, 0, &na), SURV_EWEIGHT);
  w[0] = INFINITY;
  ck_assert_int_eq(tu_na_fit(t, s, w, 3, 0, &na), SURV_EWEIGHT);
  ck_assert_ptr_eq(na, sentinel);

  ck_assert_int_eq(tu_na_fit(t, s, NULL, 3, 0, &ok), SURV_OK);
  ck_assert_int_eq(surv_curve_ci(NULL, SURV_CI_LOG, 0.95, lo, hi, 3),
                   SURV_ENULL);
  ck_assert_int_eq(surv_curve_ci(ok, SURV_CI_LOG, 0.95, NULL, hi, 3),
                   SURV_ENULL);
  ck_assert_int_eq(surv_curve_ci(ok, SURV_CI_LOG, 0.95, lo, NULL, 3),
                   SURV_ENULL);
  ck_assert_int_eq(surv_curve_ci(ok, SURV_CI_LOG, 0.95, lo, hi, 2), SURV_ESIZE);
  ck_assert_int_eq(surv_curve_ci(ok, SURV_CI_LOG, 1.0, lo, hi, 3), SURV_ELEVEL);
  ck_assert_int_eq(surv_curve_ci(ok, SURV_CI_LOG, 0.0, lo, hi, 3), SURV_ELEVEL);
  ck_assert_int_eq(surv_curve_ci(ok, SURV_CI_LOG, NAN, lo, hi, 3), SURV_ELEVEL);
  ck_assert_int_eq(surv_curve_ci(ok, (surv_ci_type)9, 0.95, lo, hi, 3),
                   SURV_EINVAL);
  ck_assert_int_eq(surv_curve_ci(ok, (surv_ci_type)-1, 0.95, lo, hi, 3),
                   SURV_EINVAL);
  ck_assert(lo[0] == -7 && hi[2] == -7);
  surv_result_free(ok);
  surv_result_free(NULL);
  {
    surv_test t0;
    size_t len0 = 7;
    ck_assert_ptr_null(surv_result_column(NULL, SURV_COL_TIME, &len0));
    ck_assert_uint_eq(len0, 0);
    ck_assert_int_eq(surv_result_test(NULL, SURV_TEST_MAIN, &t0), SURV_ENULL);
  }
}
END_TEST

int main(void) {
  Suite *s = suite_create("na");
  TCase *tc = tcase_create("survfit");
  tcase_add_loop_test(tc, test_na_fixture, 0, 16);
  tcase_add_test(tc, test_lung_365);
  tcase_add_test(tc, test_fh_exact);
  tcase_add_test(tc, test_zero_weight_event);
  tcase_add_test(tc, test_timefix);
  suite_add_tcase(s, tc);
  tc = tcase_create("errors");
  tcase_add_test(tc, test_errors);
  suite_add_tcase(s, tc);
  return tu_run_suite(s);
}
