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
    double g, tau, m = -1, se = -1, lo = -1, hi = -1;
    surv_km *km = NULL;
    char ctx[96];
    if (strcmp(tu_table_str(t, r, 0), cases[_i].name) != 0)
      continue;
    g = tu_table_num(t, r, tu_table_col(t, "group"));
    tau = tu_table_num(t, r, tu_table_col(t, "tau"));
    if (cases[_i].gcol)
      ck_assert_int_eq(surv_km_fit_stratum(d.time, d.status, NULL, d.group,
                                           (int)g, d.n, 0, &km),
                       SURV_OK);
    else
      ck_assert_int_eq(surv_km_fit(d.time, d.status, NULL, d.n, 0, &km),
                       SURV_OK);
    ck_assert_int_eq(surv_km_rmst(km, tau, 0.95, &m, &se, &lo, &hi), SURV_OK);
    snprintf(ctx, sizeof ctx, "%s group %g tau %g", cases[_i].name, g, tau);
    TU_ASSERT_REL(m, tu_table_num(t, r, tu_table_col(t, "rmst")), RTOL, ctx);
    TU_ASSERT_REL(se, tu_table_num(t, r, tu_table_col(t, "se")), RTOL, ctx);
    TU_ASSERT_REL(lo, m - 1.959963984540054 * se, 1e-14, ctx);
    TU_ASSERT_REL(hi, m + 1.959963984540054 * se, 1e-14, ctx);
    surv_km_free(km);
    seen++;
  }
  ck_assert_uint_gt(seen, 3);
  tu_table_free(t);
  unload(&d);
}
END_TEST

/* survival.md: aml Maintained tau 48 and 161, lung overall tau 1022. */
START_TEST(test_rmst_reference) {
  dataset d;
  surv_km *a = NULL, *b = NULL;
  double m, se, diff, dse, lo, hi, p;
  load(&d, "cmp-aml.tsv", "x");
  ck_assert_int_eq(
      surv_km_fit_stratum(d.time, d.status, NULL, d.group, 1, d.n, 0, &a),
      SURV_OK);
  ck_assert_int_eq(
      surv_km_fit_stratum(d.time, d.status, NULL, d.group, 2, d.n, 0, &b),
      SURV_OK);
  ck_assert_int_eq(surv_km_rmst(a, 48, 0.95, &m, &se, NULL, NULL), SURV_OK);
  TU_ASSERT_REL(m, 31.8431818182, 1e-11, "rmst 48");
  TU_ASSERT_REL(se, 4.52788471175, 1e-11, "se 48");
  ck_assert_int_eq(surv_km_rmst(a, 161, 0.95, &m, &se, NULL, NULL), SURV_OK);
  TU_ASSERT_REL(m, 52.6454545455, 1e-11, "rmst 161");
  TU_ASSERT_REL(se, 19.82860279556, 1e-11, "se 161");
  /* difference: 31.8431818182 - 22.7083333333, se sqrt(4.5279^2 + 4.1809^2) */
  ck_assert_int_eq(surv_km_rmst_diff(a, b, 48, 0.9, &diff, &dse, &lo, &hi, &p),
                   SURV_OK);
  TU_ASSERT_REL(diff, 31.8431818182 - 22.7083333333, 1e-11, "diff");
  TU_ASSERT_REL(dse, hypot(4.52788471175, 4.18094198103), 1e-11, "diff se");
  TU_ASSERT_REL(lo, diff - 1.6448536269514722 * dse, 1e-14, "diff lo");
  TU_ASSERT_REL(hi, diff + 1.6448536269514722 * dse, 1e-14, "diff hi");
  TU_ASSERT_REL(p, erfc(diff / dse / sqrt(2.0)), 1e-14, "diff p");
  ck_assert(p > 0.1 && p < 0.15);
  surv_km_free(a);
  surv_km_free(b);
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
  surv_km *km = NULL;
  double m, se, v = 25.0 / 36 / 6 + 1.0 / 36 / 2;
  ck_assert_int_eq(surv_km_fit(t, s, NULL, 3, 0, &km), SURV_OK);
  ck_assert_int_eq(surv_km_rmst(km, 2.5, 0.95, &m, &se, NULL, NULL), SURV_OK);
  TU_ASSERT_REL(m, 11.0 / 6, 1e-15, "rmst");
  TU_ASSERT_REL(se, sqrt(v), 1e-15, "se");
  ck_assert_int_eq(surv_km_rmst(km, 0.5, 0.95, &m, &se, NULL, NULL), SURV_OK);
  TU_ASSERT_REL(m, 0.5, 1e-15, "before first");
  ck_assert(se == 0);
  /* tau past the end: S = 0 after 3, the n = d term is 0 */
  ck_assert_int_eq(surv_km_rmst(km, 10, 0.95, &m, &se, NULL, NULL), SURV_OK);
  TU_ASSERT_REL(m, 2.0, 1e-15, "past end");
  surv_km_free(km);
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
  ck_assert_int_eq(surv_km_followup(e.time, e.status, NULL, e.n, 0,
                                    (surv_ci_type)ty, level, &q, &lo, &hi),
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
  ck_assert_int_eq(surv_km_followup(d.time, d.status, NULL, d.n, 0, SURV_CI_LOG,
                                    0.95, &q, &lo, &hi),
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
  surv_km *km = NULL;
  ck_assert_int_eq(surv_km_fit(t, s, NULL, 3, 0, &km), SURV_OK);
  ck_assert_int_eq(surv_km_rmst(NULL, 2, 0.95, &m, &se, &lo, &hi), SURV_ENULL);
  ck_assert_int_eq(surv_km_rmst(km, 0, 0.95, &m, &se, &lo, &hi), SURV_ETIME);
  ck_assert_int_eq(surv_km_rmst(km, -1, 0.95, &m, &se, &lo, &hi), SURV_ETIME);
  ck_assert_int_eq(surv_km_rmst(km, NAN, 0.95, &m, &se, &lo, &hi), SURV_ETIME);
  ck_assert_int_eq(surv_km_rmst(km, INFINITY, 0.95, &m, &se, &lo, &hi),
                   SURV_ETIME);
  ck_assert_int_eq(surv_km_rmst(km, 2, 1, &m, &se, &lo, &hi), SURV_ELEVEL);
  ck_assert_int_eq(surv_km_rmst(km, 2, NAN, &m, &se, &lo, &hi), SURV_ELEVEL);
  ck_assert_int_eq(surv_km_rmst_diff(NULL, km, 2, 0.95, &m, &se, &lo, &hi, &p),
                   SURV_ENULL);
  ck_assert_int_eq(surv_km_rmst_diff(km, NULL, 2, 0.95, &m, &se, &lo, &hi, &p),
                   SURV_ENULL);
  ck_assert_int_eq(surv_km_rmst_diff(km, km, 0, 0.95, &m, &se, &lo, &hi, &p),
                   SURV_ETIME);
  ck_assert_int_eq(surv_km_rmst_diff(km, km, 2, 0, &m, &se, &lo, &hi, &p),
                   SURV_ELEVEL);
  ck_assert_int_eq(
      surv_km_followup(NULL, s, NULL, 3, 0, SURV_CI_LOG, 0.95, &m, &lo, &hi),
      SURV_ENULL);
  ck_assert_int_eq(
      surv_km_followup(t, NULL, NULL, 3, 0, SURV_CI_LOG, 0.95, &m, &lo, &hi),
      SURV_ENULL);
  ck_assert_int_eq(
      surv_km_followup(t, s, NULL, 0, 0, SURV_CI_LOG, 0.95, &m, &lo, &hi),
      SURV_ESIZE);
  ck_assert_int_eq(
      surv_km_followup(t, s, NULL, 3, 0, SURV_CI_LOG, 1.5, &m, &lo, &hi),
      SURV_ELEVEL);
  ck_assert_int_eq(
      surv_km_followup(t, s, NULL, 3, 0, (surv_ci_type)5, 0.95, &m, &lo, &hi),
      SURV_EINVAL);
  bs[2] = 2;
  ck_assert_int_eq(
      surv_km_followup(t, bs, NULL, 3, 0, SURV_CI_LOG, 0.95, &m, &lo, &hi),
      SURV_ESTATUS);
  bad[1] = NAN;
  ck_assert_int_eq(
      surv_km_followup(bad, s, NULL, 3, 0, SURV_CI_LOG, 0.95, &m, &lo, &hi),
      SURV_ETIME);
  ck_assert(m == -7 && se == -7 && lo == -7 && hi == -7 && p == -7);
  surv_km_free(km);
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
