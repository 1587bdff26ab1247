/* RMST and reverse-KM follow-up: R print(survfit, rmean = tau) fixtures on
 * aml, lung and ovarian (tests/fixtures/rmst.tsv) and the quantile of
 * survfit(Surv(time, 1 - status)) on lung (followup.tsv), both made by
 * make-compare-fixtures.R; hand-checked small cases; every error path. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <surv.h>

#include "testutil.h"

/* surv_km_fit of arrays; strata may be NULL */
static surv_result *fit(const double *t, const int *s, const int *strata,
                        size_t n) {
  surv_data d = SURV_DATA_INIT;
  surv_result *r = NULL;
  d.n = n;
  d.time = t;
  d.status = s;
  d.strata = strata;
  ck_assert_int_eq(surv_km_fit(&d, 0, &r), SURV_OK);
  return r;
}

/* surv_km_followup of arrays */
static int followup(const double *t, const int *s, size_t n, surv_ci_type ty,
                    double level, double *q, double *lo, double *hi) {
  surv_data d = SURV_DATA_INIT;
  d.n = n;
  d.time = t;
  d.status = s;
  return surv_km_followup(&d, 0, ty, level, q, lo, hi);
}

/* Index of stratum `label` in a stratified curve. */
static size_t stratum_index(const surv_result *r, double label) {
  size_t rows, i, k = 0;
  const double *lab = surv_result_column(r, SURV_COL_STRATUM, &rows);
  ck_assert_ptr_nonnull(lab);
  for (i = 0; i < rows && lab[i] != label; i++)
    k += i > 0 && lab[i] != lab[i - 1];
  ck_assert(i < rows);
  return k + (i > 0 && lab[i] != lab[i - 1]);
}

#define RTOL 1e-10

typedef struct {
  size_t n;
  double *time;
  int *status, *group;
} dataset;

static void load(dataset *d, const char *file, const char *gcol) {
  tu_table *t = tu_table_read(file);
  size_t i, nr = tu_table_nrow(t);
  d->time = malloc(nr * sizeof *d->time);
  d->status = malloc(nr * sizeof *d->status);
  d->group = malloc(nr * sizeof *d->group);
  d->n = nr;
  for (i = 0; i < nr; i++) {
    d->time[i] = tu_table_num(t, i, tu_table_col(t, "time"));
    d->status[i] = (int)tu_table_num(t, i, tu_table_col(t, "status"));
    d->group[i] = gcol ? (int)tu_table_num(t, i, tu_table_col(t, gcol)) : 0;
  }
  tu_table_free(t);
}

static void unload(dataset *d) {
  free(d->time);
  free(d->status);
  free(d->group);
}

static const struct {
  const char *name, *file, *gcol;
} cases[] = {{"aml", "cmp-aml.tsv", "x"},
             {"lung", "cmp-lung.tsv", NULL},
             {"lung_sex", "cmp-lung.tsv", "sex"},
             {"ovarian", "cmp-ovarian.tsv", "rx"}};

/* loop index = case */
START_TEST(test_rmst_fixture) {
  dataset d;
  tu_table *t = tu_table_read("rmst.tsv");
  size_t r, seen = 0;
  load(&d, cases[_i].file, cases[_i].gcol);
  for (r = 0; r < tu_table_nrow(t); r++) {
    double g, tau, m[4], se[4], lo[4], hi[4];
    surv_result *km = NULL;
    size_t si = 0;
    char ctx[96];
    if (strcmp(tu_table_str(t, r, 0), cases[_i].name) != 0)
      continue;
    g = tu_table_num(t, r, tu_table_col(t, "group"));
    tau = tu_table_num(t, r, tu_table_col(t, "tau"));
    km = fit(d.time, d.status, cases[_i].gcol ? d.group : NULL, d.n);
    if (cases[_i].gcol)
      si = stratum_index(km, g);
    ck_assert_int_eq(surv_curve_rmst(km, tau, 0.95, m, se, lo, hi, 4), SURV_OK);
    snprintf(ctx, sizeof ctx, "%s group %g tau %g", cases[_i].name, g, tau);
    TU_ASSERT_REL(m[si], tu_table_num(t, r, tu_table_col(t, "rmst")), RTOL,
                  ctx);
    TU_ASSERT_REL(se[si], tu_table_num(t, r, tu_table_col(t, "se")), RTOL, ctx);
    TU_ASSERT_REL(lo[si], m[si] - 1.959963984540054 * se[si], 1e-14, ctx);
    TU_ASSERT_REL(hi[si], m[si] + 1.959963984540054 * se[si], 1e-14, ctx);
    surv_result_free(km);
    seen++;
  }
  ck_assert_uint_gt(seen, 3);
  tu_table_free(t);
  unload(&d);
}
END_TEST

/* R print(survfit(Surv(time, status) ~ x, aml), rmean = tau): Maintained
 * (stratum 0) tau 48 and 161, and the difference with Nonmaintained. */
START_TEST(test_rmst_reference) {
  dataset d;
  surv_result *a = NULL;
  double m[2], se[2], diff, dse, lo, hi, p;
  load(&d, "cmp-aml.tsv", "x");
  a = fit(d.time, d.status, d.group, d.n);
  ck_assert_int_eq(surv_curve_rmst(a, 48, 0.95, m, se, NULL, NULL, 2), SURV_OK);
  TU_ASSERT_REL(m[0], 31.8431818182, 1e-11, "rmst 48");
  TU_ASSERT_REL(se[0], 4.52788471175, 1e-11, "se 48");
  ck_assert_int_eq(surv_curve_rmst(a, 161, 0.95, m, se, NULL, NULL, 2),
                   SURV_OK);
  TU_ASSERT_REL(m[0], 52.6454545455, 1e-11, "rmst 161");
  TU_ASSERT_REL(se[0], 19.82860279556, 1e-11, "se 161");
  /* difference: 31.8431818182 - 22.7083333333, se sqrt(4.5279^2 + 4.1809^2) */
  ck_assert_int_eq(
      surv_curve_rmst_diff(a, 0, a, 1, 48, 0.9, &diff, &dse, &lo, &hi, &p),
      SURV_OK);
  TU_ASSERT_REL(diff, 31.8431818182 - 22.7083333333, 1e-11, "diff");
  TU_ASSERT_REL(dse, hypot(4.52788471175, 4.18094198103), 1e-11, "diff se");
  TU_ASSERT_REL(lo, diff - 1.6448536269514722 * dse, 1e-14, "diff lo");
  TU_ASSERT_REL(hi, diff + 1.6448536269514722 * dse, 1e-14, "diff hi");
  TU_ASSERT_REL(p, erfc(diff / dse / sqrt(2.0)), 1e-14, "diff p");
  ck_assert(p > 0.1 && p < 0.15);
  /* a stratum the curve does not have */
  ck_assert_int_eq(
      surv_curve_rmst_diff(a, 0, a, 2, 48, 0.9, &diff, &dse, &lo, &hi, &p),
      SURV_EINVAL);
  surv_result_free(a);
  unload(&d);
}
END_TEST

/* Hand-checked: times 1, 2, 3 all deaths. S = 2/3, 1/3, 0. tau = 2.5:
 * RMST = 1 + 2/3 + 0.5/3 = 11/6; A(2) = 0.5/3, A(1) = 2/3 + 1/6 = 5/6;
 * var = (5/6)^2 / (3 * 2) + (1/6)^2 / (2 * 1); row 3 is past tau. tau = 0.5
 * lies before every time: RMST = tau, se 0. */
START_TEST(test_rmst_exact) {
  const double t[] = {1, 2, 3};
  const int s[] = {1, 1, 1};
  surv_result *km = fit(t, s, NULL, 3);
  double m, se, v = 25.0 / 36 / 6 + 1.0 / 36 / 2;
  ck_assert_int_eq(surv_curve_rmst(km, 2.5, 0.95, &m, &se, NULL, NULL, 1),
                   SURV_OK);
  TU_ASSERT_REL(m, 11.0 / 6, 1e-15, "rmst");
  TU_ASSERT_REL(se, sqrt(v), 1e-15, "se");
  ck_assert_int_eq(surv_curve_rmst(km, 0.5, 0.95, &m, &se, NULL, NULL, 1),
                   SURV_OK);
  TU_ASSERT_REL(m, 0.5, 1e-15, "before first");
  ck_assert(se == 0);
  /* tau past the end: S = 0 after 3, the n = d term is 0 */
  ck_assert_int_eq(surv_curve_rmst(km, 10, 0.95, &m, &se, NULL, NULL, 1),
                   SURV_OK);
  TU_ASSERT_REL(m, 2.0, 1e-15, "past end");
  surv_result_free(km);
}
END_TEST

/* loop index = row of followup.tsv */
START_TEST(test_followup_fixture) {
  static const char *const names[] = {"plain", "log", "loglog", "logit",
                                      "arcsin"};
  tu_table *t = tu_table_read("followup.tsv");
  dataset d, e;
  size_t r = (size_t)_i, i;
  double sex, level, q = -1, lo = -1, hi = -1;
  int ty = -1, k;
  char ctx[64];
  ck_assert_uint_lt(r, tu_table_nrow(t));
  sex = tu_table_num(t, r, tu_table_col(t, "sex"));
  level = tu_table_num(t, r, tu_table_col(t, "level"));
  for (k = 0; k < 5; k++)
    if (strcmp(tu_table_str(t, r, tu_table_col(t, "type")), names[k]) == 0)
      ty = k;
  ck_assert_int_ge(ty, 0);
  load(&d, "cmp-lung.tsv", "sex");
  e = d;
  for (i = 0, e.n = 0; i < d.n; i++)
    if (isnan(sex) || d.group[i] == (int)sex) {
      e.time[e.n] = d.time[i];
      e.status[e.n] = d.status[i];
      e.n++;
    }
  ck_assert_int_eq(
      followup(e.time, e.status, e.n, (surv_ci_type)ty, level, &q, &lo, &hi),
      SURV_OK);
  snprintf(ctx, sizeof ctx, "sex %g %s %g", sex, names[ty], level);
  TU_ASSERT_REL(q, tu_table_num(t, r, tu_table_col(t, "median")), RTOL, ctx);
  TU_ASSERT_REL(lo, tu_table_num(t, r, tu_table_col(t, "lower")), RTOL, ctx);
  TU_ASSERT_REL(hi, tu_table_num(t, r, tu_table_col(t, "upper")), RTOL, ctx);
  unload(&d);
  tu_table_free(t);
}
END_TEST

START_TEST(test_followup_reference) {
  dataset d;
  double q, lo, hi;
  load(&d, "cmp-lung.tsv", NULL);
  ck_assert_int_eq(
      followup(d.time, d.status, d.n, SURV_CI_LOG, 0.95, &q, &lo, &hi),
      SURV_OK);
  ck_assert(q == 588 && lo == 511 && hi == 1010);
  unload(&d);
}
END_TEST

START_TEST(test_errors) {
  const double t[] = {1, 2, 3};
  const int s[] = {1, 0, 1};
  double bad[] = {1, 2, 3}, m = -7, se = -7, lo = -7, hi = -7, p = -7;
  int bs[] = {1, 0, 1};
  surv_result *km = fit(t, s, NULL, 3);
  ck_assert_int_eq(surv_curve_rmst(NULL, 2, 0.95, &m, &se, &lo, &hi, 1),
                   SURV_ENULL);
  ck_assert_int_eq(surv_curve_rmst(km, 0, 0.95, &m, &se, &lo, &hi, 1),
                   SURV_ETIME);
  ck_assert_int_eq(surv_curve_rmst(km, -1, 0.95, &m, &se, &lo, &hi, 1),
                   SURV_ETIME);
  ck_assert_int_eq(surv_curve_rmst(km, NAN, 0.95, &m, &se, &lo, &hi, 1),
                   SURV_ETIME);
  ck_assert_int_eq(surv_curve_rmst(km, INFINITY, 0.95, &m, &se, &lo, &hi, 1),
                   SURV_ETIME);
  ck_assert_int_eq(surv_curve_rmst(km, 2, 1, &m, &se, &lo, &hi, 1),
                   SURV_ELEVEL);
  ck_assert_int_eq(surv_curve_rmst(km, 2, NAN, &m, &se, &lo, &hi, 1),
                   SURV_ELEVEL);
  ck_assert_int_eq(
      surv_curve_rmst_diff(NULL, 0, km, 0, 2, 0.95, &m, &se, &lo, &hi, &p),
      SURV_ENULL);
  ck_assert_int_eq(
      surv_curve_rmst_diff(km, 0, NULL, 0, 2, 0.95, &m, &se, &lo, &hi, &p),
      SURV_ENULL);
  ck_assert_int_eq(
      surv_curve_rmst_diff(km, 0, km, 0, 0, 0.95, &m, &se, &lo, &hi, &p),
      SURV_ETIME);
  ck_assert_int_eq(
      surv_curve_rmst_diff(km, 0, km, 0, 2, 0, &m, &se, &lo, &hi, &p),
      SURV_ELEVEL);
  ck_assert_int_eq(followup(NULL, s, 3, SURV_CI_LOG, 0.95, &m, &lo, &hi),
                   SURV_ENULL);
  ck_assert_int_eq(followup(t, NULL, 3, SURV_CI_LOG, 0.95, &m, &lo, &hi),
                   SURV_ENULL);
  ck_assert_int_eq(followup(t, s, 0, SURV_CI_LOG, 0.95, &m, &lo, &hi),
                   SURV_ESIZE);
  ck_assert_int_eq(followup(t, s, 3, SURV_CI_LOG, 1.5, &m, &lo, &hi),
                   SURV_ELEVEL);
  ck_assert_int_eq(followup(t, s, 3, (surv_ci_type)5, 0.95, &m, &lo, &hi),
                   SURV_EINVAL);
  bs[2] = 2;
  ck_assert_int_eq(followup(t, bs, 3, SURV_CI_LOG, 0.95, &m, &lo, &hi),
                   SURV_ESTATUS);
  bad[1] = NAN;
  ck_assert_int_eq(followup(bad, s, 3, SURV_CI_LOG, 0.95, &m, &lo, &hi),
                   SURV_ETIME);
  ck_assert_int_eq(surv_curve_rmst(km, 2, 0.95, &m, &se, &lo, &hi, 0),
                   SURV_ESIZE);
  ck_assert_int_eq(
      surv_curve_rmst_diff(km, 1, km, 0, 2, 0.95, &m, &se, &lo, &hi, &p),
      SURV_EINVAL);
  {
    surv_data d = SURV_DATA_INIT;
    const int g[] = {1, 1, 2};
    d.n = 3, d.time = t, d.status = s, d.strata = g;
    ck_assert_int_eq(surv_km_followup(&d, 0, SURV_CI_LOG, 0.95, &m, &lo, &hi),
                     SURV_EINVAL);
    ck_assert_int_eq(surv_km_followup(NULL, 0, SURV_CI_LOG, 0.95, &m, &lo, &hi),
                     SURV_ENULL);
  }
  ck_assert(m == -7 && se == -7 && lo == -7 && hi == -7 && p == -7);
  surv_result_free(km);
}
END_TEST

int main(void) {
  Suite *s = suite_create("rmst");
  TCase *tc = tcase_create("rmst");
  tcase_add_loop_test(tc, test_rmst_fixture, 0, 4);
  tcase_add_test(tc, test_rmst_reference);
  tcase_add_test(tc, test_rmst_exact);
  suite_add_tcase(s, tc);
  tc = tcase_create("followup");
  tcase_add_loop_test(tc, test_followup_fixture, 0, 30);
  tcase_add_test(tc, test_followup_reference);
  suite_add_tcase(s, tc);
  tc = tcase_create("errors");
  tcase_add_test(tc, test_errors);
  suite_add_tcase(s, tc);
  return tu_run_suite(s);
}
