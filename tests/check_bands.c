/* Simultaneous confidence bands of a Kaplan-Meier curve (surv_curve_band)
 * and their critical values (surv_curve_band_critical), against the
 * fixtures of tests/fixtures/make-bands-fixtures.R (which says exactly what
 * each one is): km.ci 0.5-6's Hall-Wellner and equal-precision bands given
 * km.ci's own critical value, Klein & Moeschberger's arcsine bands; the
 * Hall-Wellner tables C.3/C.4 of Klein & Moeschberger (2003) to their four
 * printed decimals; exact critical values by independent methods (R:
 * eigen-expansion for Hall-Wellner, spectral collocation for equal
 * precision) at 1e-9. Strata, every error path. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <surv.h>

#include "testutil.h"

#define RTOL 1e-10

/* The subjects of one data set of bands-data.tsv, KM-fitted. */
static surv_result *fit_dataset(const char *name) {
  tu_table *t = tu_table_read("bands-data.tsv");
  size_t i, n = 0, nr = tu_table_nrow(t);
  int cd = tu_table_col(t, "dataset"), ct = tu_table_col(t, "time"),
      cs = tu_table_col(t, "status");
  double *time = malloc(nr * sizeof *time);
  int *status = malloc(nr * sizeof *status);
  surv_data d = SURV_DATA_INIT;
  surv_result *r = NULL;
  ck_assert(time && status);
  for (i = 0; i < nr; i++)
    if (strcmp(tu_table_str(t, i, cd), name) == 0) {
      time[n] = tu_table_num(t, i, ct);
      status[n++] = (int)tu_table_num(t, i, cs);
    }
  ck_assert_uint_gt(n, 0);
  d.n = n;
  d.time = time;
  d.status = status;
  ck_assert_int_eq(surv_km_fit(&d, 0, &r), SURV_OK);
  free(time);
  free(status);
  tu_table_free(t);
  return r;
}

static surv_ci_type type_of(const char *s) {
  if (strcmp(s, "loglog") == 0)
    return SURV_CI_LOGLOG;
  if (strcmp(s, "arcsin") == 0)
    return SURV_CI_ARCSIN;
  ck_assert_str_eq(s, "plain");
  return SURV_CI_PLAIN;
}

static const double *col(const surv_result *r, surv_col c, size_t want) {
  size_t len = 0;
  const double *v = surv_result_column(r, c, &len);
  ck_assert_ptr_nonnull(v);
  ck_assert_uint_eq(len, want);
  return v;
}

/* Every case of bands-cases.tsv, every row of bands-rows.tsv. */
START_TEST(test_band_fixture) {
  tu_table *cs = tu_table_read("bands-cases.tsv");
  tu_table *rs = tu_table_read("bands-rows.tsv");
  size_t c, ncase = tu_table_nrow(cs), rrow = 0, checked = 0;
  int rcase = tu_table_col(rs, "case");
  ck_assert_uint_gt(ncase, 60);
  for (c = 0; c < ncase; c++) {
    surv_curve_band_options o = SURV_CURVE_BAND_OPTIONS_INIT;
    surv_result *km =
        fit_dataset(tu_table_str(cs, c, tu_table_col(cs, "dataset")));
    surv_result *band = NULL;
    double id = tu_table_num(cs, c, tu_table_col(cs, "case"));
    size_t i, rows = (size_t)tu_table_num(cs, c, tu_table_col(cs, "rows"));
    const double *t, *s, *lo, *hi;
    char ctx[96];
    o.method = strcmp(tu_table_str(cs, c, tu_table_col(cs, "method")), "ep")
                   ? SURV_CURVE_BAND_HW
                   : SURV_CURVE_BAND_EP;
    o.type = type_of(tu_table_str(cs, c, tu_table_col(cs, "type")));
    o.level = tu_table_num(cs, c, tu_table_col(cs, "level"));
    o.critical = tu_table_num(cs, c, tu_table_col(cs, "crit"));
    ck_assert_int_eq(
        surv_curve_band(km, tu_table_num(cs, c, tu_table_col(cs, "tl")),
                        tu_table_num(cs, c, tu_table_col(cs, "tu")), &o, &band),
        SURV_OK);
    t = col(band, SURV_COL_TIME, rows);
    s = col(band, SURV_COL_SURV, rows);
    lo = col(band, SURV_COL_LOWER, rows);
    hi = col(band, SURV_COL_UPPER, rows);
    ck_assert_ptr_null(surv_result_column(band, SURV_COL_STRATUM, NULL));
    snprintf(ctx, sizeof ctx, "case %g a_lower", id);
    TU_ASSERT_REL(col(band, SURV_COL_BAND_A_LOWER, 1)[0],
                  tu_table_num(cs, c, tu_table_col(cs, "a_lower")), RTOL, ctx);
    snprintf(ctx, sizeof ctx, "case %g a_upper", id);
    TU_ASSERT_REL(col(band, SURV_COL_BAND_A_UPPER, 1)[0],
                  tu_table_num(cs, c, tu_table_col(cs, "a_upper")), RTOL, ctx);
    ck_assert(col(band, SURV_COL_BAND_CRITICAL, 1)[0] == o.critical);
    for (i = 0; i < rows; i++, rrow++) {
      ck_assert(tu_table_num(rs, rrow, rcase) == id);
      snprintf(ctx, sizeof ctx, "case %g row %zu time", id, i);
      TU_ASSERT_REL(t[i], tu_table_num(rs, rrow, 1), RTOL, ctx);
      snprintf(ctx, sizeof ctx, "case %g row %zu surv", id, i);
      TU_ASSERT_REL(s[i], tu_table_num(rs, rrow, 2), RTOL, ctx);
      snprintf(ctx, sizeof ctx, "case %g row %zu lower", id, i);
      TU_ASSERT_REL(lo[i], tu_table_num(rs, rrow, 3), RTOL, ctx);
      snprintf(ctx, sizeof ctx, "case %g row %zu upper", id, i);
      TU_ASSERT_REL(hi[i], tu_table_num(rs, rrow, 4), RTOL, ctx);
      checked++;
    }
    surv_result_free(band);
    surv_result_free(km);
  }
  ck_assert_uint_eq(rrow, tu_table_nrow(rs));
  ck_assert_uint_gt(checked, 1000);
  tu_table_free(cs);
  tu_table_free(rs);
}
END_TEST

/* Hall-Wellner against a second exact method (1e-9) and Klein &
 * Moeschberger's tables C.3/C.4 (4 decimals); equal precision against the
 * spectral solution (1e-9). */
START_TEST(test_critical_fixture) {
  tu_table *t = tu_table_read("bands-crit.tsv");
  size_t i, nr = tu_table_nrow(t), nhw = 0, nep = 0, nround = 0;
  int cm = tu_table_col(t, "method"), ca = tu_table_col(t, "a_lower"),
      cb = tu_table_col(t, "a_upper"), cl = tu_table_col(t, "level"),
      ct = tu_table_col(t, "table"), ce = tu_table_col(t, "exact");
  for (i = 0; i < nr; i++) {
    int ep = strcmp(tu_table_str(t, i, cm), "ep") == 0;
    double got = -1.0, a = tu_table_num(t, i, ca), b = tu_table_num(t, i, cb),
           lv = tu_table_num(t, i, cl);
    ck_assert_int_eq(
        surv_curve_band_critical(ep ? SURV_CURVE_BAND_EP : SURV_CURVE_BAND_HW,
                                 a, b, lv, &got),
        SURV_OK);
    if (ep) {
      double want = tu_table_num(t, i, ce);
      if (fabs(got - want) > 1e-9)
        ck_abort_msg("EP a=(%g, %g) level %g: %.12f, spectral %.12f", a, b, lv,
                     got, want);
      nep++;
    } else {
      double want = tu_table_num(t, i, ct), exact = tu_table_num(t, i, ce);
      if (fabs(got - exact) > 1e-9)
        ck_abort_msg("HW a=(%g, %g) level %g: %.12f, eigen-expansion %.12f", a,
                     b, lv, got, exact);
      /* the 99% entry at (0.24, 0.68), 1.6139, breaks the table's
       * monotonicity (its neighbours 1.6177 at a_L = 0.22 and 1.6157 at
       * 0.26): a misprint (the 95% equal-precision table has one in the same
       * cell); not asserted */
      if (fabs(a - 0.24) < 1e-9 && fabs(b - 0.68) < 1e-9 && lv == 0.99)
        continue;
      /* the table's rounding: within one unit of the fourth decimal, and to
       * the printed value for all but a few */
      if (fabs(got - want) > 1e-4 + 1e-12)
        ck_abort_msg("HW a=(%g, %g) level %g: %.6f, table %.4f", a, b, lv, got,
                     want);
      nround += fabs(got - want) <= 5e-5;
      nhw++;
    }
  }
  ck_assert_uint_gt(nround, nhw - nhw / 20);
  ck_assert_uint_gt(nhw, 400);
  ck_assert_uint_gt(nep, 50);
  tu_table_free(t);
}
END_TEST

/* Limits: Hall-Wellner on [0, b -> 1] is Kolmogorov's distribution, 1 -
 * 2 sum_j (-1)^(j-1) exp(-2 j^2 k^2); equal precision decreases to the
 * pointwise normal quantile as the interval shrinks. */
START_TEST(test_critical_limits) {
  double k = 0.0, c1 = 0.0, c2 = 0.0, p = 1.0;
  int j;
  ck_assert_int_eq(
      surv_curve_band_critical(SURV_CURVE_BAND_HW, 0.0, 1.0 - 1e-9, 0.95, &k),
      SURV_OK);
  for (j = 1; j < 50; j++)
    p -= 2.0 * (j % 2 ? 1.0 : -1.0) * exp(-2.0 * j * j * k * k);
  ck_assert_double_eq_tol(p, 0.95, 1e-6);
  ck_assert_int_eq(
      surv_curve_band_critical(SURV_CURVE_BAND_EP, 0.5, 0.505, 0.95, &c2),
      SURV_OK);
  ck_assert_int_eq(
      surv_curve_band_critical(SURV_CURVE_BAND_EP, 0.5, 0.5005, 0.95, &c1),
      SURV_OK);
  ck_assert(1.959963984540054 < c1 && c1 < c2);
}
END_TEST

/* A stratified curve gives each stratum the band of its own subset. */
START_TEST(test_strata) {
  surv_result *a1 = fit_dataset("aml1"), *a2 = fit_dataset("aml2");
  surv_result *both = NULL, *b1 = NULL, *b2 = NULL, *bb = NULL;
  tu_table *t = tu_table_read("bands-data.tsv");
  size_t i, j, n = 0, nr = tu_table_nrow(t), r1, r2, rb;
  double *time = malloc(nr * sizeof *time);
  int *status = malloc(nr * sizeof *status), *strata = malloc(nr * sizeof(int));
  surv_data d = SURV_DATA_INIT;
  surv_curve_band_options o = SURV_CURVE_BAND_OPTIONS_INIT;
  for (i = 0; i < nr; i++) {
    const char *ds = tu_table_str(t, i, 0);
    if (strncmp(ds, "aml", 3) == 0) {
      time[n] = tu_table_num(t, i, 1);
      status[n] = (int)tu_table_num(t, i, 2);
      strata[n++] = ds[3] - '0';
    }
  }
  d.n = n;
  d.time = time;
  d.status = status;
  d.strata = strata;
  ck_assert_int_eq(surv_km_fit(&d, 0, &both), SURV_OK);
  for (j = 0; j < 3; j++) {
    surv_curve_band_method m = j == 1 ? SURV_CURVE_BAND_EP : SURV_CURVE_BAND_HW;
    const double *lo1, *lob, *lo2, *stb, *cb, *c1, *c2;
    o.method = m;
    o.type = j == 2 ? SURV_CI_ARCSIN : SURV_CI_LOGLOG;
    ck_assert_int_eq(surv_curve_band(a1, -HUGE_VAL, HUGE_VAL, &o, &b1),
                     SURV_OK);
    ck_assert_int_eq(surv_curve_band(a2, -HUGE_VAL, HUGE_VAL, &o, &b2),
                     SURV_OK);
    ck_assert_int_eq(surv_curve_band(both, -HUGE_VAL, HUGE_VAL, &o, &bb),
                     SURV_OK);
    lo1 = surv_result_column(b1, SURV_COL_LOWER, &r1);
    lo2 = surv_result_column(b2, SURV_COL_LOWER, &r2);
    lob = surv_result_column(bb, SURV_COL_LOWER, &rb);
    stb = col(bb, SURV_COL_STRATUM, rb);
    ck_assert_uint_eq(rb, r1 + r2);
    for (i = 0; i < r1; i++) {
      ck_assert(stb[i] == 1.0);
      TU_ASSERT_REL(lob[i], lo1[i], 1e-14, "stratum 1");
    }
    for (i = 0; i < r2; i++) {
      ck_assert(stb[r1 + i] == 2.0);
      TU_ASSERT_REL(lob[r1 + i], lo2[i], 1e-14, "stratum 2");
    }
    cb = col(bb, SURV_COL_BAND_CRITICAL, 2);
    c1 = col(b1, SURV_COL_BAND_CRITICAL, 1);
    c2 = col(b2, SURV_COL_BAND_CRITICAL, 1);
    ck_assert(cb[0] == c1[0] && cb[1] == c2[0]);
    surv_result_free(b1);
    surv_result_free(b2);
    surv_result_free(bb);
  }
  free(time);
  free(status);
  free(strata);
  tu_table_free(t);
  surv_result_free(both);
  surv_result_free(a1);
  surv_result_free(a2);
}
END_TEST

/* Every error: outputs untouched. */
START_TEST(test_errors) {
  surv_result *km = fit_dataset("aml1"), *out = (surv_result *)&out, *cox;
  surv_curve_band_options o = SURV_CURVE_BAND_OPTIONS_INIT;
  double c = -7.0;
  const double t[3] = {1, 2, 3};
  const int s[3] = {1, 1, 0};
  const double x[3] = {0.5, 0.1, 0.3};
  surv_data d = SURV_DATA_INIT;
  /* aml1: event times 9 .. 48; the last time 161 (censored) */
  ck_assert_int_eq(surv_curve_band(NULL, 9, 30, NULL, &out), SURV_ENULL);
  ck_assert_int_eq(surv_curve_band(km, 9, 30, NULL, NULL), SURV_ENULL);
  o.level = 1.0;
  ck_assert_int_eq(surv_curve_band(km, 9, 30, &o, &out), SURV_ELEVEL);
  o.level = -0.5;
  ck_assert_int_eq(surv_curve_band(km, 9, 30, &o, &out), SURV_ELEVEL);
  o.level = NAN;
  ck_assert_int_eq(surv_curve_band(km, 9, 30, &o, &out), SURV_ELEVEL);
  o.level = 0.0;
  o.method = (surv_curve_band_method)2;
  ck_assert_int_eq(surv_curve_band(km, 9, 30, &o, &out), SURV_EINVAL);
  o.method = SURV_CURVE_BAND_HW;
  o.type = SURV_CI_LOG;
  ck_assert_int_eq(surv_curve_band(km, 9, 30, &o, &out), SURV_EINVAL);
  o.type = SURV_CI_LOGIT;
  ck_assert_int_eq(surv_curve_band(km, 9, 30, &o, &out), SURV_EINVAL);
  o.type = SURV_CI_PLAIN;
  o.critical = -1.0;
  ck_assert_int_eq(surv_curve_band(km, 9, 30, &o, &out), SURV_EINVAL);
  o.critical = NAN;
  ck_assert_int_eq(surv_curve_band(km, 9, 30, &o, &out), SURV_EINVAL);
  o.critical = 0.0;
  o.size = 1;
  ck_assert_int_eq(surv_curve_band(km, 9, 30, &o, &out), SURV_ESIZE);
  o.size = sizeof o;
  ck_assert_int_eq(surv_curve_band(km, NAN, 30, &o, &out), SURV_ETIME);
  ck_assert_int_eq(surv_curve_band(km, 9, NAN, &o, &out), SURV_ETIME);
  ck_assert_int_eq(surv_curve_band(km, -1, 30, &o, &out), SURV_ETIME);
  ck_assert_int_eq(surv_curve_band(km, HUGE_VAL, 30, &o, &out), SURV_ETIME);
  ck_assert_int_eq(surv_curve_band(km, 9, -HUGE_VAL, &o, &out), SURV_ETIME);
  /* empty or reversed range, past the last time, no events inside */
  ck_assert_int_eq(surv_curve_band(km, 30, 30, &o, &out), SURV_ERANGE);
  ck_assert_int_eq(surv_curve_band(km, 30, 9, &o, &out), SURV_ERANGE);
  ck_assert_int_eq(surv_curve_band(km, 9, 200, &o, &out), SURV_ERANGE);
  ck_assert_int_eq(surv_curve_band(km, 0, 5, &o, &out), SURV_ERANGE);
  ck_assert_int_eq(surv_curve_band(km, 48, 161, &o, &out), SURV_ERANGE);
  /* equal precision needs s2(t_L) > 0: t_L before the first event */
  o.method = SURV_CURVE_BAND_EP;
  ck_assert_int_eq(surv_curve_band(km, 0, 30, &o, &out), SURV_ERANGE);
  ck_assert(out == (surv_result *)&out);
  /* Hall-Wellner from 0 is fine (a_L = 0) */
  o.method = SURV_CURVE_BAND_HW;
  ck_assert_int_eq(surv_curve_band(km, 0, 30, &o, &out), SURV_OK);
  ck_assert(col(out, SURV_COL_BAND_A_LOWER, 1)[0] == 0.0);
  ck_assert(col(out, SURV_COL_TIME, tu_rows(out))[0] == 0.0);
  surv_result_free(out);
  out = (surv_result *)&out;
  /* not a curve */
  d.n = 3;
  d.time = t;
  d.status = s;
  d.x = x;
  d.p = 1;
  ck_assert_int_eq(surv_cox_fit(&d, NULL, &cox), SURV_OK);
  ck_assert_int_eq(surv_curve_band(cox, 1, 2, NULL, &out), SURV_EINVAL);
  ck_assert(out == (surv_result *)&out);
  surv_result_free(cox);
  /* critical values */
  ck_assert_int_eq(
      surv_curve_band_critical(SURV_CURVE_BAND_HW, 0, 0.5, 0.95, NULL),
      SURV_ENULL);
  ck_assert_int_eq(
      surv_curve_band_critical((surv_curve_band_method)7, 0, 0.5, 0.95, &c),
      SURV_EINVAL);
  ck_assert_int_eq(
      surv_curve_band_critical(SURV_CURVE_BAND_HW, 0, 0.5, 1.0, &c),
      SURV_ELEVEL);
  ck_assert_int_eq(
      surv_curve_band_critical(SURV_CURVE_BAND_HW, 0, 0.5, NAN, &c),
      SURV_ELEVEL);
  ck_assert_int_eq(
      surv_curve_band_critical(SURV_CURVE_BAND_HW, -0.1, 0.5, 0.95, &c),
      SURV_EPROB);
  ck_assert_int_eq(
      surv_curve_band_critical(SURV_CURVE_BAND_HW, 0.5, 0.5, 0.95, &c),
      SURV_EPROB);
  ck_assert_int_eq(
      surv_curve_band_critical(SURV_CURVE_BAND_HW, 0.1, 1.0, 0.95, &c),
      SURV_EPROB);
  ck_assert_int_eq(
      surv_curve_band_critical(SURV_CURVE_BAND_HW, NAN, 0.5, 0.95, &c),
      SURV_EPROB);
  ck_assert_int_eq(
      surv_curve_band_critical(SURV_CURVE_BAND_EP, 0.0, 0.5, 0.95, &c),
      SURV_EPROB);
  ck_assert(c == -7.0);
  surv_result_free(km);
}
END_TEST

int main(void) {
  Suite *s = suite_create("bands");
  TCase *tc = tcase_create("bands");
  tcase_set_timeout(tc, 120);
  tcase_add_test(tc, test_band_fixture);
  tcase_add_test(tc, test_critical_fixture);
  tcase_add_test(tc, test_critical_limits);
  tcase_add_test(tc, test_strata);
  tcase_add_test(tc, test_errors);
  suite_add_tcase(s, tc);
  return tu_run_suite(s);
}
