/* Contingency tables: Fisher's exact test for 2 x 2 tables (p-value,
 * conditional maximum-likelihood odds ratio and its exact confidence
 * interval, sample odds ratio), Pearson's chi-square test and the
 * likelihood-ratio G test of independence for r x c tables.
 *
 * Fisher 2 x 2 (matches R's fisher.test, src/library/stats/R/fisher.test.R):
 *   Table [[a, b], [c, d]]; R conditions on m = a + c, n = b + d, k = a + b
 *   and X = a, hypergeometric on lo = max(0, k - n) .. hi = min(k, m).
 *   log f(x) is built by the ratio recurrence
 *     f(x + 1) / f(x) = (m - x)(k - x) / ((x + 1)(n - k + x + 1))
 *   outward from the mode, so tail probabilities keep near-full relative
 *   precision (differences of log factorials would lose ~eps * log N!).
 *   The noncentral (Fisher) hypergeometric with odds ratio psi = exp(t) has
 *   weights f(x) psi^(x - a), normalised after subtracting the maximum.
 *   Two-sided p: sum of f(y) over y with f(y) <= f(a) (1 + 1e-7) (R's rule);
 *   less = P(X <= a), greater = P(X >= a). The support and the p-value are
 *   the numerics layer's (surv__hyper2, lib/numerics.c), which the r x c
 *   test's 2 x 2 case uses too.
 *   Conditional MLE solves E_psi[X] = a (0 when a == lo, Inf when a == hi);
 *   exact limits solve P_psi(X >= a) = alpha (lower) and P_psi(X <= a) =
 *   alpha (upper) (surv__hyper2_cmle and surv__hyper2_ci, lib/numerics.c,
 *   shared with the 2 x 2 x K exact test of lib/mh.c). Unlike R (uniroot, tol
 * ~1.2e-4 on psi or 1/psi) we solve in t = log(psi) by bracket expansion and
 * Brent's method to ~1e-14. Cost: O(hi - lo) time and memory to tabulate log f
 * once (and for the two-sided p-value), then per evaluation only the window
 * where the weights are non-negligible (O(sqrt(N)) terms); about 100
 * evaluations.
 *
 * Chi-square and G (R's chisq.test, src/library/stats/R/chisq.test.R):
 *   E_ij = r_i c_j / n over the non-empty rows and columns (R instead returns
 *   NaN when a margin is zero), X^2 = sum (|O - E| - Y)^2 / E with Yates'
 *   Y = min(0.5, min |O - E|) for a 2 x 2 table when asked, G = 2 sum O
 *   log(O / E) (0 log 0 = 0) with Williams' q = 1 + (n sum 1/r_i - 1)(n sum
 *   1/c_j - 1) / (6 n df); df = (r - 1)(c - 1); p = surv__chisq_q (the
 *   numerics layer, lib/numerics.c). Cost: O(nrow * ncol).
 */
#include <limits.h>
#include <math.h>
#include <stdlib.h>

#include "surv_internal.h"

/* Largest total count accepted (R stores counts as int; we accept up to
 * UINT_MAX, exact in double). */
#define TOTAL_MAX ((long)UINT_MAX)

/* ---- Fisher 2 x 2 ------------------------------------------------------ */

SURV_EXPORT int surv_fisher_2x2(long a, long b, long c, long d,
                                const surv_fisher_options *opt, surv_test *out,
                                double *odds_ratio, double *lower,
                                double *upper, double *sample_odds_ratio) {
  static const surv_fisher_options defaults = SURV_FISHER_OPTIONS_INIT;
  surv_fisher_options o;
  surv__hyper2 h;
  double p, mle = 0.0, lo = 0.0, up = 0.0, sample;
  double ad, bc;
  int rc;
  if (out == NULL)
    return SURV_ENULL;
  rc = surv__options_copy(opt, sizeof o, &defaults, &o);
  if (rc != SURV_OK)
    return rc;
  if (o.conf_level == 0.0)
    o.conf_level = 0.95;
  if (a < 0 || b < 0 || c < 0 || d < 0)
    return SURV_ECOUNT;
  if (o.alternative != SURV_TWO_SIDED && o.alternative != SURV_LESS &&
      o.alternative != SURV_GREATER)
    return SURV_EINVAL;
  if (!(o.conf_level > 0.0 && o.conf_level < 1.0))
    return SURV_ELEVEL;
  if ((double)a + (double)b + (double)c + (double)d > SURV__HYPER2_TOTAL_MAX)
    return SURV_ESIZE;
  rc = surv__hyper2_init(&h, a, b, c, d);
  if (rc != SURV_OK)
    return rc;
  p = surv__hyper2_p(&h, o.alternative);
  if (odds_ratio != NULL)
    rc = surv__hyper2_cmle(&h, &mle);
  if (rc == SURV_OK && (lower != NULL || upper != NULL))
    rc = surv__hyper2_ci(&h, o.alternative, o.conf_level, &lo, &up);
  surv__hyper2_free(&h);
  if (rc != SURV_OK)
    return rc;
  /* Sample odds ratio ad / (bc): Inf when bc = 0 < ad, NaN for 0 / 0. */
  ad = (double)a * (double)d;
  bc = (double)b * (double)c;
  if (bc == 0.0)
    sample = ad > 0.0 ? HUGE_VAL : NAN;
  else
    sample = ad / bc;
  out->statistic = NAN; /* R's fisher.test has no statistic */
  out->df = NAN;
  out->p_value = p;
  if (odds_ratio != NULL)
    *odds_ratio = mle;
  if (lower != NULL)
    *lower = lo;
  if (upper != NULL)
    *upper = up;
  if (sample_odds_ratio != NULL)
    *sample_odds_ratio = sample;
  return SURV_OK;
}

/* ---- r x c chi-square and G ------------------------------------------- */

/* Sums below use surv__ksum (Neumaier, lib/surv_internal.h): a plain double
 * sum of the 10^5 terms of a large table moves X^2 or G by ~1e-13 relative,
 * which the far chi-square tail amplifies beyond 1e-10. Margins are exact in
 * double because the total is <= UINT_MAX. Empty rows and columns (margin 0)
 * are skipped. */

/* Expected count of cell (i, j). */
static double expected_ij(const surv__margins *mg, size_t i, size_t j) {
  return (double)mg->row[i] * (double)mg->col[j] / (double)mg->n;
}

SURV_EXPORT int surv_chisq_test(const long *table, size_t nrow, size_t ncol,
                                unsigned flags, double *expected,
                                surv_test *out) {
  surv__margins mg;
  size_t i, j;
  double y = 0.0, x2, dof;
  surv__ksum acc = {0.0, 0.0};
  int rc;
  if (out == NULL)
    return SURV_ENULL;
  if (flags & ~SURV_CHISQ_YATES)
    return SURV_EINVAL;
  rc = surv__margins_init(&mg, table, nrow, ncol, TOTAL_MAX);
  if (rc != SURV_OK)
    return rc;
  dof = (double)(mg.nr - 1) * (double)(mg.nc - 1);
  if ((flags & SURV_CHISQ_YATES) && mg.nr == 2 && mg.nc == 2) {
    y = 0.5; /* R: YATES <- min(0.5, abs(x - E)) */
    for (i = 0; i < nrow; i++)
      for (j = 0; j < ncol; j++)
        if (mg.row[i] > 0 && mg.col[j] > 0) {
          double e = expected_ij(&mg, i, j);
          double dev = fabs((double)table[i * ncol + j] - e);
          if (dev < y)
            y = dev;
        }
  }
  for (i = 0; i < nrow; i++)
    for (j = 0; j < ncol; j++)
      if (mg.row[i] > 0 && mg.col[j] > 0) {
        double e = expected_ij(&mg, i, j);
        double dev = fabs((double)table[i * ncol + j] - e) - y;
        surv__ksum_add(&acc, dev * dev / e);
      }
  x2 = surv__ksum_value(&acc);
  if (expected != NULL)
    for (i = 0; i < nrow; i++)
      for (j = 0; j < ncol; j++)
        expected[i * ncol + j] = expected_ij(&mg, i, j);
  surv__margins_free(&mg);
  out->statistic = x2;
  out->df = dof;
  out->p_value = surv__chisq_q(x2, dof);
  return SURV_OK;
}

SURV_EXPORT int surv_gtest(const long *table, size_t nrow, size_t ncol,
                           unsigned flags, surv_test *out) {
  surv__margins mg;
  size_t i, j;
  double g, dof, n;
  surv__ksum acc = {0.0, 0.0};
  int rc;
  if (out == NULL)
    return SURV_ENULL;
  if (flags & ~SURV_GTEST_WILLIAMS)
    return SURV_EINVAL;
  rc = surv__margins_init(&mg, table, nrow, ncol, TOTAL_MAX);
  if (rc != SURV_OK)
    return rc;
  dof = (double)(mg.nr - 1) * (double)(mg.nc - 1);
  for (i = 0; i < nrow; i++)
    for (j = 0; j < ncol; j++) {
      double o = (double)table[i * ncol + j];
      if (o > 0.0) /* 0 log 0 = 0; o > 0 implies both margins > 0 */
        surv__ksum_add(&acc, o * log(o / expected_ij(&mg, i, j)));
    }
  g = 2.0 * surv__ksum_value(&acc);
  if (flags & SURV_GTEST_WILLIAMS) {
    surv__ksum sr = {0.0, 0.0}, sc = {0.0, 0.0};
    double q;
    for (i = 0; i < nrow; i++)
      if (mg.row[i] > 0)
        surv__ksum_add(&sr, 1.0 / (double)mg.row[i]);
    for (j = 0; j < ncol; j++)
      if (mg.col[j] > 0)
        surv__ksum_add(&sc, 1.0 / (double)mg.col[j]);
    n = (double)mg.n;
    q = 1.0 + (n * surv__ksum_value(&sr) - 1.0) *
                  (n * surv__ksum_value(&sc) - 1.0) / (6.0 * n * dof);
    g /= q;
  }
  if (g < 0.0) /* rounding on a perfectly independent table */
    g = 0.0;
  surv__margins_free(&mg);
  out->statistic = g;
  out->df = dof;
  out->p_value = surv__chisq_q(g, dof);
  return SURV_OK;
}
