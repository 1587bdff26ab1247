/* The table and proportion tests with their numbers in separate variables,
 * for the loops over fixtures and edge cases in the Check suites: each calls
 * the public function (a surv_test out; Fisher's options from alt and
 * level) and, on success only, copies the numbers to the non-NULL pointers,
 * so that sentinels show untouched outputs; it returns the function's code.
 * Header-only: included by the suites that use it. */
#ifndef SURV_TU_TABLES_H
#define SURV_TU_TABLES_H

#include <check.h>
#include <math.h>
#include <surv.h>

static inline void tu_copy_test(const surv_test *t, double *statistic,
                                double *df, double *p_value) {
  if (statistic)
    *statistic = t->statistic;
  if (df)
    *df = t->df;
  if (p_value)
    *p_value = t->p_value;
}

static inline int tu_fisher_2x2(long a, long b, long c, long d,
                                surv_alternative alt, double level,
                                double *p_value, double *odds_ratio,
                                double *lower, double *upper, double *sample) {
  surv_fisher_options o = SURV_FISHER_OPTIONS_INIT;
  surv_test t;
  int rc;
  o.alternative = alt;
  o.conf_level = level;
  rc = surv_fisher_2x2(a, b, c, d, &o, &t, odds_ratio, lower, upper, sample);
  if (rc == SURV_OK) {
    ck_assert(isnan(t.statistic) && isnan(t.df)); /* no statistic, as R */
    tu_copy_test(&t, NULL, NULL, p_value);
  }
  return rc;
}

static inline int tu_chisq_test(const long *table, size_t nrow, size_t ncol,
                           unsigned flags, double *statistic, double *df,
                           double *p_value, double *expected) {
  surv_test t;
  int rc = surv_chisq_test(table, nrow, ncol, flags, expected, &t);
  if (rc == SURV_OK)
    tu_copy_test(&t, statistic, df, p_value);
  return rc;
}

static inline int tu_gtest(const long *table, size_t nrow, size_t ncol,
                           unsigned flags, double *statistic, double *df,
                           double *p_value) {
  surv_test t;
  int rc = surv_gtest(table, nrow, ncol, flags, &t);
  if (rc == SURV_OK)
    tu_copy_test(&t, statistic, df, p_value);
  return rc;
}

static inline int tu_binom(long x, long n, double p0, surv_alternative alt,
                           double *p_value) {
  surv_test t;
  int rc = surv_binom_test(x, n, p0, alt, &t);
  if (rc == SURV_OK) {
    ck_assert(t.statistic == (double)x && isnan(t.df)); /* R's statistic */
    tu_copy_test(&t, NULL, NULL, p_value);
  }
  return rc;
}

#endif
