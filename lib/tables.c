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
 *   alpha (upper). Unlike R (uniroot, tol ~1.2e-4 on psi or 1/psi) we solve
 *   in t = log(psi) by bracket expansion and Brent's method to ~1e-14.
 *   Cost: O(hi - lo) time and memory to tabulate log f once (and for the
 *   two-sided p-value), then per evaluation only the window where the weights
 *   are non-negligible (O(sqrt(N)) terms); about 100 evaluations.
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

/* Root finding in t = log(psi): Brent's absolute tolerance on t. */
#define ROOT_TOL 1e-14
/* Bracket expansion stops beyond |t| = 2^62 (never reached for counts that
 * fit the total limit below; reported as SURV_ENOCONV). */
#define T_LIMIT 4.6e18
/* Largest total count accepted (R stores counts as int; we accept up to
 * UINT_MAX, exact in double). */
#define TOTAL_MAX ((long)UINT_MAX)

/* ---- Fisher 2 x 2 ------------------------------------------------------ */

/* log w(x) - log w(a) for support index i: log f(x) + t (x - a). */
static double hyper2_logw(const surv__hyper2 *h, double t, size_t i) {
  return h->logd[i] + t * (double)(h->lo - h->a + (long)i);
}

/* Weights more than this far below the maximum in log are exactly 0 after
 * exp (exp(-800) underflows), so summing them changes nothing. */
#define LOGW_CUT 800.0

/* Sums of the noncentral weights w(x) = f(x) exp(t (x - a)), scaled by their
 * maximum: *le over x <= a, *ge over x >= a, *all over the support, and
 * *mean_a = sum (x - a) w(x) (so E[X] - a = *mean_a / *all).
 * log w is concave in x (log f is, t (x - a) is linear), so its mode is
 * found by bisection on the slope and only the window where log w is within
 * LOGW_CUT of the maximum is summed: O(log len + sqrt(variance)) per call,
 * instead of O(hi - lo). */
static void hyper2_sums(const surv__hyper2 *h, double t, double *le, double *ge,
                        double *all, double *mean_a) {
  size_t i, l = 0, r = h->len - 1, first, last;
  double mx, sle = 0.0, sge = 0.0, sall = 0.0, smean = 0.0;
  while (l < r) {
    size_t mid = l + (r - l) / 2;
    if (hyper2_logw(h, t, mid + 1) > hyper2_logw(h, t, mid))
      l = mid + 1;
    else
      r = mid;
  }
  mx = hyper2_logw(h, t, l);
  for (first = l; first > 0; first--) {
    double v = hyper2_logw(h, t, first - 1);
    if (v < mx - LOGW_CUT)
      break;
    if (v > mx) /* rounding on a flat top */
      mx = v;
  }
  for (last = l; last + 1 < h->len; last++) {
    double v = hyper2_logw(h, t, last + 1);
    if (v < mx - LOGW_CUT)
      break;
    if (v > mx)
      mx = v;
  }
  for (i = first; i <= last; i++) {
    const long dx = h->lo - h->a + (long)i;
    double w = exp(hyper2_logw(h, t, i) - mx);
    sall += w;
    smean += (double)dx * w;
    if (dx <= 0)
      sle += w;
    if (dx >= 0)
      sge += w;
  }
  *le = sle;
  *ge = sge;
  *all = sall;
  *mean_a = smean;
}

/* The three increasing functions of t whose roots we need. */
enum root_kind { ROOT_MLE, ROOT_LOWER, ROOT_UPPER };

typedef struct root_ctx {
  const surv__hyper2 *h;
  enum root_kind kind;
  double alpha;
} root_ctx;

static double root_fn(double t, const void *vctx) {
  const root_ctx *rc = vctx;
  double le, ge, all, mean_a;
  hyper2_sums(rc->h, t, &le, &ge, &all, &mean_a);
  switch (rc->kind) {
  case ROOT_MLE:
    return mean_a / all; /* E_psi[X] - a, increasing in t */
  case ROOT_LOWER:
    return ge / all - rc->alpha; /* P_psi(X >= a) - alpha, increasing */
  default:
    return rc->alpha - le / all; /* alpha - P_psi(X <= a), increasing */
  }
}

/* Root in t of an increasing function: expand a bracket from t = 0 by
 * doubling steps, then Brent (surv__brent, to ROOT_TOL). Returns SURV_OK or
 * SURV_ENOCONV. */
static int solve_log_psi(const surv__hyper2 *h, enum root_kind kind,
                         double alpha, double *t_out) {
  const root_ctx ctx = {h, kind, alpha};
  double t0 = 0.0, f0 = root_fn(0.0, &ctx);
  double step = 1.0, t1, f1;
  if (f0 == 0.0) {
    *t_out = 0.0;
    return SURV_OK;
  }
  for (;;) {
    t1 = f0 > 0.0 ? t0 - step : t0 + step;
    f1 = root_fn(t1, &ctx);
    if (f1 == 0.0) {
      *t_out = t1;
      return SURV_OK;
    }
    if ((f0 > 0.0) != (f1 > 0.0))
      break;
    if (isnan(f1) || step > T_LIMIT)
      return SURV_ENOCONV;
    t0 = t1;
    f0 = f1;
    step *= 2.0;
  }
  return surv__brent(root_fn, &ctx, t0, t1, f0, f1, 0.5 * ROOT_TOL, t_out);
}

/* Maps a root in t to psi = exp(t); exp overflows to +Inf and underflows to
 * 0 only for odds ratios beyond the double range. */
static int solve_psi(const surv__hyper2 *h, enum root_kind kind, double alpha,
                     double *psi) {
  double t;
  int rc = solve_log_psi(h, kind, alpha, &t);
  if (rc == SURV_OK)
    *psi = exp(t);
  return rc;
}

/* Conditional MLE of the odds ratio: 0 at a == lo, Inf at a == hi (R checks
 * a == lo first, so a degenerate support gives 0). */
static int fisher_cmle(const surv__hyper2 *h, double *psi) {
  if (h->a == h->lo) {
    *psi = 0.0;
    return SURV_OK;
  }
  if (h->a == h->hi) {
    *psi = HUGE_VAL;
    return SURV_OK;
  }
  return solve_psi(h, ROOT_MLE, 0.0, psi);
}

/* Exact limits (R's ncp.L / ncp.U): lower 0 when a == lo, upper Inf when
 * a == hi; one-sided alternatives put the whole 1 - level on one side. */
static int fisher_ci(const surv__hyper2 *h, surv_alternative alt, double level,
                     double *lower, double *upper) {
  const double alpha =
      alt == SURV_TWO_SIDED ? (1.0 - level) / 2.0 : 1.0 - level;
  int rc;
  *lower = 0.0;
  *upper = HUGE_VAL;
  if (alt != SURV_LESS && h->a != h->lo) {
    rc = solve_psi(h, ROOT_LOWER, alpha, lower);
    if (rc != SURV_OK)
      return rc;
  }
  if (alt != SURV_GREATER && h->a != h->hi) {
    rc = solve_psi(h, ROOT_UPPER, alpha, upper);
    if (rc != SURV_OK)
      return rc;
  }
  return SURV_OK;
}

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
    rc = fisher_cmle(&h, &mle);
  if (rc == SURV_OK && (lower != NULL || upper != NULL))
    rc = fisher_ci(&h, o.alternative, o.conf_level, &lo, &up);
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
