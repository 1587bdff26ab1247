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
 *   less = P(X <= a), greater = P(X >= a).
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
 *   1/c_j - 1) / (6 n df); df = (r - 1)(c - 1); p from gsl_cdf_chisq_Q for
 *   df < 1000, else from our own incomplete gamma function (gamma_q_large).
 *   Cost: O(nrow * ncol).
 */
#include <limits.h>
#include <math.h>
#include <stdlib.h>

#include <gsl/gsl_cdf.h>

#include "surv_internal.h"

/* R's relative tolerance for ties in the two-sided 2 x 2 p-value. */
#define FISHER_REL_ERR (1.0 + 1e-7)
/* Root finding in t = log(psi): Brent's absolute tolerance on t. */
#define ROOT_TOL 1e-14
/* Bracket expansion stops beyond |t| = 2^62 (never reached for counts that
 * fit the total limit below; reported as SURV_ENOCONV). */
#define T_LIMIT 4.6e18
/* Largest total count accepted (R stores counts as int; GSL as unsigned). */
#define TOTAL_MAX ((double)UINT_MAX)
/* Largest support hi - lo + 1 tabulated for a 2 x 2 table: 2^27 doubles =
 * 1 GiB (the r x c test's default cap); beyond, SURV_ELIMIT rather than an
 * allocation that could invite the OOM killer. */
#define SUPPORT_MAX ((size_t)1 << 27)
/* sqrt(2 pi) */
#define SQRT_2PI 2.5066282746310005024

static double clamp01(double p) {
  if (p < 0.0)
    return 0.0;
  if (p > 1.0)
    return 1.0;
  return p;
}

/* ---- Fisher 2 x 2 ------------------------------------------------------ */

/* The null hypergeometric distribution of X = a given the margins:
 * logd[x - lo] = log f(x) + const. */
typedef struct hyper2 {
  long lo, hi, a;
  size_t len;
  double *logd;
} hyper2;

/* Fills h from the table (counts validated by the caller). Returns SURV_OK,
 * SURV_ELIMIT or SURV_ENOMEM. */
static int hyper2_init(hyper2 *h, long a, long b, long c, long d) {
  const long m = a + c, n = b + d, k = a + b;
  const long lo = k - n > 0 ? k - n : 0, hi = k < m ? k : m;
  double mode_d;
  long mode, x;
  h->lo = lo;
  h->hi = hi;
  h->a = a;
  h->len = (size_t)(hi - lo) + 1;
  if (h->len > SUPPORT_MAX)
    return SURV_ELIMIT;
  h->logd = surv__malloc_array(h->len, sizeof(double));
  if (h->logd == NULL)
    return SURV_ENOMEM;
  /* Start at the mode, where the recurrence's error is smallest. */
  mode_d = floor(((double)k + 1.0) * ((double)m + 1.0) /
                 ((double)m + (double)n + 2.0));
  mode = mode_d < (double)lo ? lo : mode_d > (double)hi ? hi : (long)mode_d;
  h->logd[mode - lo] = 0.0;
  /* Every factor below is positive on lo <= x < hi: m - x > 0, k - x > 0,
   * and n - k + x >= n - k + lo >= 0. */
  for (x = mode; x < hi; x++) {
    double r = ((double)(m - x) * (double)(k - x)) /
               (((double)x + 1.0) * ((double)(n - k + x) + 1.0));
    h->logd[x + 1 - lo] = h->logd[x - lo] + log(r);
  }
  for (x = mode; x > lo; x--) {
    double r = ((double)(m - x + 1) * (double)(k - x + 1)) /
               ((double)x * ((double)(n - k + x)));
    h->logd[x - 1 - lo] = h->logd[x - lo] - log(r);
  }
  return SURV_OK;
}

/* log w(x) - log w(a) for support index i: log f(x) + t (x - a). */
static double hyper2_logw(const hyper2 *h, double t, size_t i) {
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
static void hyper2_sums(const hyper2 *h, double t, double *le, double *ge,
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

static double root_fn(const hyper2 *h, enum root_kind kind, double alpha,
                      double t) {
  double le, ge, all, mean_a;
  hyper2_sums(h, t, &le, &ge, &all, &mean_a);
  switch (kind) {
  case ROOT_MLE:
    return mean_a / all; /* E_psi[X] - a, increasing in t */
  case ROOT_LOWER:
    return ge / all - alpha; /* P_psi(X >= a) - alpha, increasing */
  default:
    return alpha - le / all; /* alpha - P_psi(X <= a), increasing */
  }
}

/* Brent's method (Brent 1973, "zeroin") for f(ta) and f(tb) of opposite
 * signs; returns the root to about ROOT_TOL + 4 eps |t|. */
static double brent(const hyper2 *h, enum root_kind kind, double alpha,
                    double ta, double fa, double tb, double fb) {
  double tc = ta, fc = fa, e = tb - ta, dd = e;
  int iter;
  for (iter = 0; iter < 1000; iter++) {
    double tol, mid, p, q, r, s;
    if ((fb > 0.0 && fc > 0.0) || (fb < 0.0 && fc < 0.0)) {
      tc = ta;
      fc = fa;
      e = dd = tb - ta;
    }
    if (fabs(fc) < fabs(fb)) {
      ta = tb;
      tb = tc;
      tc = ta;
      fa = fb;
      fb = fc;
      fc = fa;
    }
    tol = 2.0 * 2.220446049250313e-16 * fabs(tb) + 0.5 * ROOT_TOL;
    mid = 0.5 * (tc - tb);
    if (fabs(mid) <= tol || fb == 0.0)
      return tb;
    if (fabs(e) >= tol && fabs(fa) > fabs(fb)) {
      s = fb / fa;
      if (ta == tc) { /* secant */
        p = 2.0 * mid * s;
        q = 1.0 - s;
      } else { /* inverse quadratic interpolation */
        q = fa / fc;
        r = fb / fc;
        p = s * (2.0 * mid * q * (q - r) - (tb - ta) * (r - 1.0));
        q = (q - 1.0) * (r - 1.0) * (s - 1.0);
      }
      if (p > 0.0)
        q = -q;
      else
        p = -p;
      if (2.0 * p < fmin(3.0 * mid * q - fabs(tol * q), fabs(e * q))) {
        e = dd;
        dd = p / q;
      } else {
        dd = mid;
        e = dd;
      }
    } else {
      dd = mid;
      e = dd;
    }
    ta = tb;
    fa = fb;
    tb += fabs(dd) > tol ? dd : (mid > 0.0 ? tol : -tol);
    fb = root_fn(h, kind, alpha, tb);
  }
  return tb; /* not reached: Brent converges in far fewer steps */
}

/* Root in t of an increasing function: expand a bracket from t = 0 by
 * doubling steps, then Brent. Returns SURV_OK or SURV_ENOCONV. */
static int solve_log_psi(const hyper2 *h, enum root_kind kind, double alpha,
                         double *t_out) {
  double t0 = 0.0, f0 = root_fn(h, kind, alpha, 0.0);
  double step = 1.0, t1, f1;
  if (f0 == 0.0) {
    *t_out = 0.0;
    return SURV_OK;
  }
  for (;;) {
    t1 = f0 > 0.0 ? t0 - step : t0 + step;
    f1 = root_fn(h, kind, alpha, t1);
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
  *t_out = brent(h, kind, alpha, t0, f0, t1, f1);
  return SURV_OK;
}

/* Maps a root in t to psi = exp(t); exp overflows to +Inf and underflows to
 * 0 only for odds ratios beyond the double range. */
static int solve_psi(const hyper2 *h, enum root_kind kind, double alpha,
                     double *psi) {
  double t;
  int rc = solve_log_psi(h, kind, alpha, &t);
  if (rc == SURV_OK)
    *psi = exp(t);
  return rc;
}

/* log sum_{i = first .. last} exp(logd[i]), scaled by the range's own
 * maximum so that a far tail keeps full relative precision. */
static double hyper2_logsum(const hyper2 *h, size_t first, size_t last) {
  double mx = -HUGE_VAL, s = 0.0;
  size_t i;
  for (i = first; i <= last; i++)
    if (h->logd[i] > mx)
      mx = h->logd[i];
  for (i = first; i <= last; i++)
    s += exp(h->logd[i] - mx);
  return mx + log(s);
}

/* p-value of the test of psi = 1 (R fisher.test with or = 1). One-sided:
 * the tail over the whole support, each scaled by its own maximum, so p
 * keeps its relative precision down to ~1e-300 as R's phyper does.
 * Two-sided: R's computation, probabilities relative to the largest one. */
static double fisher_p(const hyper2 *h, surv_alternative alt) {
  const size_t ia = (size_t)(h->a - h->lo);
  double dmax = -HUGE_VAL, da, cut, s = 0.0, tot = 0.0;
  size_t i;
  if (alt == SURV_LESS || alt == SURV_GREATER) {
    double tail = alt == SURV_LESS ? hyper2_logsum(h, 0, ia)
                                   : hyper2_logsum(h, ia, h->len - 1);
    return clamp01(exp(tail - hyper2_logsum(h, 0, h->len - 1)));
  }
  for (i = 0; i < h->len; i++)
    if (h->logd[i] > dmax)
      dmax = h->logd[i];
  da = exp(h->logd[ia] - dmax);
  cut = da * FISHER_REL_ERR;
  for (i = 0; i < h->len; i++) {
    double d = exp(h->logd[i] - dmax);
    tot += d;
    if (d <= cut)
      s += d;
  }
  return clamp01(s / tot);
}

/* Conditional MLE of the odds ratio: 0 at a == lo, Inf at a == hi (R checks
 * a == lo first, so a degenerate support gives 0). */
static int fisher_cmle(const hyper2 *h, double *psi) {
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
static int fisher_ci(const hyper2 *h, surv_alternative alt, double level,
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
                                surv_alternative alt, double level,
                                double *p_value, double *or_cmle,
                                double *or_lower, double *or_upper,
                                double *or_sample) {
  hyper2 h;
  double p = 0.0, mle = 0.0, lower = 0.0, upper = 0.0, sample;
  double ad, bc;
  int rc;
  if (a < 0 || b < 0 || c < 0 || d < 0)
    return SURV_ECOUNT;
  if (alt != SURV_TWO_SIDED && alt != SURV_LESS && alt != SURV_GREATER)
    return SURV_EINVAL;
  if (!(level > 0.0 && level < 1.0))
    return SURV_ELEVEL;
  if ((double)a + (double)b + (double)c + (double)d > TOTAL_MAX)
    return SURV_ESIZE;
  rc = hyper2_init(&h, a, b, c, d);
  if (rc != SURV_OK)
    return rc;
  if (p_value != NULL)
    p = fisher_p(&h, alt);
  if (or_cmle != NULL)
    rc = fisher_cmle(&h, &mle);
  if (rc == SURV_OK && (or_lower != NULL || or_upper != NULL))
    rc = fisher_ci(&h, alt, level, &lower, &upper);
  free(h.logd);
  if (rc != SURV_OK)
    return rc;
  /* Sample odds ratio ad / (bc): Inf when bc = 0 < ad, NaN for 0 / 0. */
  ad = (double)a * (double)d;
  bc = (double)b * (double)c;
  if (bc == 0.0)
    sample = ad > 0.0 ? HUGE_VAL : NAN;
  else
    sample = ad / bc;
  if (p_value != NULL)
    *p_value = p;
  if (or_cmle != NULL)
    *or_cmle = mle;
  if (or_lower != NULL)
    *or_lower = lower;
  if (or_upper != NULL)
    *or_upper = upper;
  if (or_sample != NULL)
    *or_sample = sample;
  return SURV_OK;
}

/* ---- r x c chi-square and G ------------------------------------------- */

/* Sums below use surv__ksum (Neumaier, lib/surv_internal.h): a plain double
 * sum of the 10^5 terms of a large table moves X^2 or G by ~1e-13 relative,
 * which the far chi-square tail amplifies beyond 1e-10. */

/* Margins of a validated table, with empty rows and columns flagged (margin
 * 0). Counts are exact in double because the total is <= UINT_MAX. */
typedef struct margins {
  double *row, *col, n;
  size_t nr, nc; /* non-empty rows and columns */
} margins;

/* Validates table/nrow/ncol and computes the margins. Returns SURV_OK,
 * SURV_ENULL, SURV_ESIZE, SURV_ECOUNT, SURV_ETABLE or SURV_ENOMEM; on
 * success the caller frees mg->row (one block holding both arrays). */
static int margins_init(margins *mg, const long *table, size_t nrow,
                        size_t ncol) {
  size_t i, j, cells;
  double total = 0.0;
  if (table == NULL)
    return SURV_ENULL;
  if (nrow == 0 || ncol == 0 || nrow > SIZE_MAX / ncol)
    return SURV_ESIZE;
  cells = nrow * ncol;
  if (cells > SIZE_MAX / sizeof(double) || nrow > SIZE_MAX - ncol)
    return SURV_ESIZE;
  for (i = 0; i < cells; i++)
    if (table[i] < 0)
      return SURV_ECOUNT;
  for (i = 0; i < cells; i++) {
    total += (double)table[i];
    if (total > TOTAL_MAX)
      return SURV_ESIZE;
  }
  mg->row = surv__calloc_array(nrow + ncol, sizeof(double));
  if (mg->row == NULL)
    return SURV_ENOMEM;
  mg->col = mg->row + nrow;
  for (i = 0; i < nrow; i++)
    for (j = 0; j < ncol; j++) {
      mg->row[i] += (double)table[i * ncol + j];
      mg->col[j] += (double)table[i * ncol + j];
    }
  mg->n = total;
  mg->nr = mg->nc = 0;
  for (i = 0; i < nrow; i++)
    mg->nr += mg->row[i] > 0.0;
  for (j = 0; j < ncol; j++)
    mg->nc += mg->col[j] > 0.0;
  if (mg->nr < 2 || mg->nc < 2) {
    free(mg->row);
    return SURV_ETABLE;
  }
  return SURV_OK;
}

/* log(1 + mu) - mu for mu > -1, to full relative precision: the series
 * -mu^2/2 + mu^3/3 - ... for |mu| < 0.5 (log1p(mu) - mu cancels there). */
static double log1pmx(double mu) {
  double term, sum = 0.0;
  int k;
  if (fabs(mu) >= 0.5)
    return log1p(mu) - mu;
  term = mu; /* term_k = (-1)^(k+1) mu^k, by repeated multiplication */
  for (k = 2; k < 80; k++) {
    double add;
    term *= -mu;
    add = term / k;
    sum += add;
    if (fabs(add) <= 1e-17 * fabs(sum))
      break;
  }
  return sum;
}

/* Regularised upper incomplete gamma Q(a, x) for a >= 500, x >= 0. GSL's
 * gamma_inc loses digits above a ~ 5e3 and calls its error handler near
 * a ~ 1e6 (swept in tests/check_tables.c), so large a is done here:
 * prefactor D = x^a e^-x / Gamma(a + 1) = exp(a log1pmx((x - a)/a)) /
 * (sqrt(2 pi a) gamma*(a)) with Stirling's series for gamma*(a); then the
 * power series for P (x < a + 1) or Legendre's continued fraction for Q
 * (modified Lentz), each needing O(sqrt(a)) terms. */
static double gamma_q_large(double a, double x) {
  const double tiny = 1e-300;
  double gstar, d, sum, term, bn, c, dl, h, an;
  long n;
  if (x <= 0.0)
    return 1.0;
  gstar = exp(1.0 / (12.0 * a) - 1.0 / (360.0 * a * a * a) +
              1.0 / (1260.0 * a * a * a * a * a));
  d = exp(a * log1pmx((x - a) / a)) / ((SQRT_2PI * sqrt(a)) * gstar);
  if (d == 0.0)
    return x < a ? 1.0 : 0.0;
  if (x < a + 1.0) {
    sum = term = 1.0;
    for (n = 1; n < 100000000L; n++) {
      term *= x / (a + (double)n);
      sum += term;
      if (term <= 1e-17 * sum)
        break;
    }
    return 1.0 - d * sum;
  }
  /* Q = a D / (x + 1 - a - 1 (1 - a) / (x + 3 - a - 2 (2 - a) / ...)) */
  bn = x + 1.0 - a;
  c = 1.0 / tiny;
  dl = 1.0 / bn;
  h = dl;
  for (n = 1; n < 100000000L; n++) {
    double delta;
    an = -(double)n * ((double)n - a);
    bn += 2.0;
    dl = an * dl + bn;
    if (fabs(dl) < tiny)
      dl = tiny;
    c = bn + an / c;
    if (fabs(c) < tiny)
      c = tiny;
    dl = 1.0 / dl;
    delta = dl * c;
    h *= delta;
    if (fabs(delta - 1.0) <= 1e-16)
      break;
  }
  return a * d * h;
}

/* Upper chi-square tail Q(x; df) as R's pchisq(x, df, lower.tail = FALSE).
 * Precondition: df >= 1 and x >= 0 finite. For df < 1000 gsl_cdf_chisq_Q
 * (df > 0 is all its domain check needs; it matched R to ~1e-12 there and
 * never reported an error in a sweep up to df = 1e6), above that
 * gamma_q_large. */
static double chisq_upper(double x, double df) {
  if (df < 1000.0)
    return clamp01(gsl_cdf_chisq_Q(x, df));
  return clamp01(gamma_q_large(0.5 * df, 0.5 * x));
}

SURV_EXPORT int surv_chisq_test(const long *table, size_t nrow, size_t ncol,
                                int yates, double *statistic, double *df,
                                double *p_value, double *expected,
                                size_t *n_below5) {
  margins mg;
  size_t i, j, below = 0;
  double y = 0.0, x2, dof;
  surv__ksum acc = {0.0, 0.0};
  int rc = margins_init(&mg, table, nrow, ncol);
  if (rc != SURV_OK)
    return rc;
  dof = (double)(mg.nr - 1) * (double)(mg.nc - 1);
  if (yates && mg.nr == 2 && mg.nc == 2) {
    y = 0.5; /* R: YATES <- min(0.5, abs(x - E)) */
    for (i = 0; i < nrow; i++)
      for (j = 0; j < ncol; j++)
        if (mg.row[i] > 0.0 && mg.col[j] > 0.0) {
          double e = mg.row[i] * mg.col[j] / mg.n;
          double dev = fabs((double)table[i * ncol + j] - e);
          if (dev < y)
            y = dev;
        }
  }
  for (i = 0; i < nrow; i++)
    for (j = 0; j < ncol; j++)
      if (mg.row[i] > 0.0 && mg.col[j] > 0.0) {
        double e = mg.row[i] * mg.col[j] / mg.n;
        double dev = fabs((double)table[i * ncol + j] - e) - y;
        surv__ksum_add(&acc, dev * dev / e);
        below += e < 5.0;
      }
  x2 = surv__ksum_value(&acc);
  if (statistic != NULL)
    *statistic = x2;
  if (df != NULL)
    *df = dof;
  if (p_value != NULL)
    *p_value = chisq_upper(x2, dof);
  if (expected != NULL)
    for (i = 0; i < nrow; i++)
      for (j = 0; j < ncol; j++)
        expected[i * ncol + j] = mg.row[i] * mg.col[j] / mg.n;
  if (n_below5 != NULL)
    *n_below5 = below;
  free(mg.row);
  return SURV_OK;
}

SURV_EXPORT int surv_gtest(const long *table, size_t nrow, size_t ncol,
                           int williams, double *statistic, double *df,
                           double *p_value) {
  margins mg;
  size_t i, j;
  double g, dof;
  surv__ksum acc = {0.0, 0.0};
  int rc = margins_init(&mg, table, nrow, ncol);
  if (rc != SURV_OK)
    return rc;
  dof = (double)(mg.nr - 1) * (double)(mg.nc - 1);
  for (i = 0; i < nrow; i++)
    for (j = 0; j < ncol; j++) {
      double o = (double)table[i * ncol + j];
      if (o > 0.0) /* 0 log 0 = 0; o > 0 implies both margins > 0 */
        surv__ksum_add(&acc, o * log(o / (mg.row[i] * mg.col[j] / mg.n)));
    }
  g = 2.0 * surv__ksum_value(&acc);
  if (williams) {
    surv__ksum sr = {0.0, 0.0}, sc = {0.0, 0.0};
    double q;
    for (i = 0; i < nrow; i++)
      if (mg.row[i] > 0.0)
        surv__ksum_add(&sr, 1.0 / mg.row[i]);
    for (j = 0; j < ncol; j++)
      if (mg.col[j] > 0.0)
        surv__ksum_add(&sc, 1.0 / mg.col[j]);
    q = 1.0 + (mg.n * surv__ksum_value(&sr) - 1.0) *
                  (mg.n * surv__ksum_value(&sc) - 1.0) / (6.0 * mg.n * dof);
    g /= q;
  }
  if (g < 0.0) /* rounding on a perfectly independent table */
    g = 0.0;
  free(mg.row);
  if (statistic != NULL)
    *statistic = g;
  if (df != NULL)
    *df = dof;
  if (p_value != NULL)
    *p_value = chisq_upper(g, dof);
  return SURV_OK;
}
