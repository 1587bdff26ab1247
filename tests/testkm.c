/* Test helpers that call the Kaplan-Meier API with plain arrays (see
 * testutil.h); a file of its own so that suites which do not link libsurv
 * (check_result) never pull it from libtestutil. */
#include <stdlib.h>

#include <surv.h>

#include "testutil.h"

int tu_km_fit(const double *time, const int *status, const double *weight,
              const int *strata, size_t n, unsigned flags, surv_result **out) {
  surv_data d = SURV_DATA_INIT;
  d.n = n;
  d.time = time;
  d.status = status;
  d.weight = weight;
  d.strata = strata;
  return surv_km_fit(&d, flags, out);
}

int tu_km_fit_entry(const double *entry, const double *time, const int *status,
                    const double *weight, size_t n, unsigned flags,
                    surv_result **out) {
  surv_data d = SURV_DATA_INIT;
  d.n = n;
  d.entry = entry;
  d.time = time;
  d.status = status;
  d.weight = weight;
  return surv_km_fit(&d, flags, out);
}

int tu_km_followup(const double *time, const int *status, const double *weight,
                   size_t n, unsigned flags, surv_ci_type type, double level,
                   double *median, double *lower, double *upper) {
  surv_data d = SURV_DATA_INIT;
  d.n = n;
  d.time = time;
  d.status = status;
  d.weight = weight;
  return surv_km_followup(&d, flags, type, level, median, lower, upper);
}

const double *tu_col(const surv_result *r, surv_col c) {
  const double *x = surv_result_column(r, c, NULL);
  ck_assert_msg(x != NULL, "result has no column %d", (int)c);
  return x;
}

size_t tu_rows(const surv_result *r) {
  size_t n = 0;
  ck_assert_msg(surv_result_column(r, SURV_COL_TIME, &n) != NULL,
                "result has no time column");
  return n;
}

/* ---- log-rank, Nelson-Aalen, competing risks --------------------------- */

int tu_logrank(const double *entry, const double *time, const int *status,
               const int *group, const int *strata, size_t n, double rho,
               unsigned flags, surv_result **out) {
  surv_data d = SURV_DATA_INIT;
  surv_logrank_options o = SURV_LOGRANK_OPTIONS_INIT;
  d.n = n;
  d.entry = entry;
  d.time = time;
  d.status = status;
  d.group = group;
  d.strata = strata;
  o.rho = rho;
  o.flags = flags;
  return surv_logrank_test(&d, &o, out);
}

static surv_test main_test(const surv_result *r) {
  surv_test t;
  ck_assert_int_eq(surv_result_test(r, SURV_TEST_MAIN, &t), SURV_OK);
  return t;
}

double tu_chisq(const surv_result *r) { return main_test(r).statistic; }
size_t tu_df(const surv_result *r) { return (size_t)main_test(r).df; }
double tu_p(const surv_result *r) { return main_test(r).p_value; }

size_t tu_ngroups(const surv_result *r) {
  size_t k = 0;
  ck_assert_msg(surv_result_column(r, SURV_COL_GROUP, &k) != NULL,
                "result has no group column");
  return k;
}

int tu_trend(const surv_result *lr, const double *score, size_t k, double *u,
             double *var, double *chisq, double *p) {
  surv_test t;
  int rc = surv_logrank_trend(lr, score, k, &t, u, var);
  if (rc == SURV_OK) {
    if (chisq)
      *chisq = t.statistic;
    if (p)
      *p = t.p_value;
  }
  return rc;
}

int tu_na_fit(const double *time, const int *status, const double *weight,
              size_t n, unsigned flags, surv_result **out) {
  surv_data d = SURV_DATA_INIT;
  d.n = n;
  d.time = time;
  d.status = status;
  d.weight = weight;
  return surv_na_fit(&d, flags, out);
}

int tu_cif_fit(const double *time, const int *status, size_t n, unsigned flags,
               surv_result **out) {
  surv_data d = SURV_DATA_INIT;
  d.n = n;
  d.time = time;
  d.status = status;
  return surv_cif_fit(&d, flags, out);
}

size_t tu_ncauses(const surv_result *r) {
  double s;
  ck_assert_int_eq(surv_result_stat(r, SURV_STAT_N_STATES, &s), SURV_OK);
  return (size_t)s - 1;
}

const double *tu_pstate(const surv_result *r, size_t state) {
  return state <= tu_ncauses(r)
             ? tu_col(r, SURV_COL_PSTATE) + state * tu_rows(r)
             : NULL;
}

const double *tu_pstate_se(const surv_result *r, size_t state) {
  return state <= tu_ncauses(r)
             ? tu_col(r, SURV_COL_STD_ERR_PSTATE) + state * tu_rows(r)
             : NULL;
}

int tu_cif_ci(const surv_result *r, size_t state, surv_ci_type type,
              double level, double *lower, double *upper, size_t len) {
  size_t m = tu_rows(r), all = m * (tu_ncauses(r) + 1), i;
  double *lo = malloc((all + 1) * sizeof *lo);
  double *hi = malloc((all + 1) * sizeof *hi);
  int rc;
  ck_assert(lo && hi);
  rc = surv_curve_ci(r, type, level, lo, hi, all);
  if (rc == SURV_OK && state > tu_ncauses(r))
    rc = SURV_EINVAL;
  if (rc == SURV_OK && len < m)
    rc = SURV_ESIZE;
  if (rc == SURV_OK)
    for (i = 0; i < m; i++) {
      lower[i] = lo[state * m + i];
      upper[i] = hi[state * m + i];
    }
  free(lo);
  free(hi);
  return rc;
}

int tu_cif_gray(const double *time, const int *status, const int *group,
                const int *strata, size_t n, int cause, double rho,
                double *chisq, size_t *df, double *p) {
  surv_data d = SURV_DATA_INIT;
  surv_cif_gray_options o = SURV_CIF_GRAY_OPTIONS_INIT;
  surv_test t;
  int rc;
  d.n = n;
  d.time = time;
  d.status = status;
  d.group = group;
  d.strata = strata;
  o.cause = cause;
  o.rho = rho;
  rc = surv_cif_gray(&d, &o, &t);
  if (rc == SURV_OK) {
    if (chisq)
      *chisq = t.statistic;
    if (df)
      *df = (size_t)t.df;
    if (p)
      *p = t.p_value;
  }
  return rc;
}
