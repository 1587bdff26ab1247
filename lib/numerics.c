/* The numerics layer: the only file in lib/ that includes a GSL header (the
 * check in tests/check-hygiene.sh enforces it), and the one copy of each
 * numerical routine that several modules use. GSL's default error handler
 * aborts, so every GSL call here is preceded by a comment naming the
 * precondition that keeps it off that handler, and the caller (or the
 * wrapper itself) establishes it.
 *
 *   surv__z_two_sided   normal quantile (gsl_cdf_ugaussian_Qinv)
 *   surv__log1pmx       log(1 + u) - u
 *   surv__chisq_q       upper chi-square tail (gsl_cdf_chisq_Q, and a large-df
 *                       incomplete gamma of our own)
 *   surv__brent         Brent's root finder
 *   surv__lnfact        log factorials (gsl_sf_lnfact_e)
 *   surv__rng_*         MT19937 generator (gsl_rng)
 *   surv__margins_*     contingency-table validation and margins
 *   surv__hyper2_*      the hypergeometric distribution of a 2 x 2 table and
 *                       Fisher's exact p-value on it (R's
 *                       src/library/stats/R/fisher.test.R, 2 x 2 branch);
 *                       the conditional MLE of the odds ratio and its exact
 *                       limits on any log-concave support (fisher.test and
 *                       mantelhaen.test(exact = TRUE))
 *
 * Costs: O(1) but the table routines, O(nrow * ncol) for the margins and
 * O(hi - lo) for the 2 x 2 support.
 */
#include <float.h>
#include <limits.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>

#include <gsl/gsl_cdf.h>
#include <gsl/gsl_rng.h>
#include <gsl/gsl_sf_gamma.h>

#include "surv_internal.h"

/* sqrt(2 pi) */
#define SQRT_2PI 2.5066282746310005024

/* ---- normal quantile ---------------------------------------------------- */

/* Precondition (checked by every caller): 0 < level < 1, so the argument of
 * gsl_cdf_ugaussian_Qinv lies in (0, 0.5] and GSL cannot fail.
 * The upper tail (1 - level)/2 is exact for level >= 0.5 and is passed to
 * Qinv directly: forming 1 - (1 - level)/2 first rounds to exactly 1 for
 * level = 1 - 2^-53 (the largest double below 1), where Pinv returns +Inf
 * and every interval built from z became NaN. Here z <= 8.3 always. */
double surv__z_two_sided(double level) {
  return gsl_cdf_ugaussian_Qinv((1.0 - level) / 2.0);
}

/* ---- log1pmx --------------------------------------------------------------
 */

/* The series -u^2/2 + u^3/3 - ... for |u| < 0.5 (log1p(u) - u cancels
 * there); 1.25e-15 worst relative error against 200-bit arithmetic over
 * 2 x 10^4 u in 1e-12..1 of both signs. */
double surv__log1pmx(double u) {
  double term, sum = 0.0;
  int k;
  if (fabs(u) >= 0.5)
    return log1p(u) - u;
  term = u; /* term_k = (-1)^(k+1) u^k, by repeated multiplication */
  for (k = 2; k < 80; k++) {
    double add;
    term *= -u;
    add = term / k;
    sum += add;
    if (fabs(add) <= 1e-17 * fabs(sum))
      break;
  }
  return sum;
}

/* ---- chi-square tail ------------------------------------------------------
 */

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
  d = exp(a * surv__log1pmx((x - a) / a)) / ((SQRT_2PI * sqrt(a)) * gstar);
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

/* Precondition of gsl_cdf_chisq_Q established here: df >= 1 and x >= 0,
 * both finite (GSL's incomplete gamma then returns without calling its
 * error handler, underflowing to 0 for x beyond about 1450; it matched R to
 * ~1e-12 for df < 1000 and never reported an error in a sweep up to
 * df = 1e6). */
double surv__chisq_q(double x, double df) {
  if (!(df >= 1.0) || !isfinite(df) || !isfinite(x) || x < 0.0)
    return NAN;
  if (df < 1000.0)
    return surv__clamp01(gsl_cdf_chisq_Q(x, df));
  return surv__clamp01(gamma_q_large(0.5 * df, 0.5 * x));
}

/* ---- Brent's root finder --------------------------------------------------
 */

#define BRENT_MAX_ITER 400

/* Inverse quadratic interpolation, secant, bisection fallback (Brent 1973,
 * chapter 4), keeping the root between b and c. */
int surv__brent(surv__fn f, const void *ctx, double a, double b, double fa,
                double fb, double tol_abs, double *root) {
  double c, fc, d, e;
  int iter;
  if (fa == 0.0) {
    *root = a;
    return SURV_OK;
  }
  if (fb == 0.0) {
    *root = b;
    return SURV_OK;
  }
  if (isnan(fa) || isnan(fb) || (fa > 0.0) == (fb > 0.0))
    return SURV_ENOCONV;
  c = a;
  fc = fa;
  d = e = b - a;
  for (iter = 0; iter < BRENT_MAX_ITER; iter++) {
    double tol, m;
    if ((fb > 0.0) == (fc > 0.0)) { /* keep the root between b and c */
      c = a;
      fc = fa;
      d = e = b - a;
    }
    if (fabs(fc) < fabs(fb)) { /* b is the best estimate so far */
      a = b;
      b = c;
      c = a;
      fa = fb;
      fb = fc;
      fc = fa;
    }
    tol = 2.0 * DBL_EPSILON * fabs(b) + tol_abs;
    m = 0.5 * (c - b);
    if (fabs(m) <= tol || fb == 0.0) {
      *root = b;
      return SURV_OK;
    }
    if (fabs(e) >= tol && fabs(fa) > fabs(fb)) {
      double s = fb / fa, pp, qq, r;
      if (a == c) { /* secant */
        pp = 2.0 * m * s;
        qq = 1.0 - s;
      } else { /* inverse quadratic interpolation */
        double t = fa / fc;
        r = fb / fc;
        pp = s * (2.0 * m * t * (t - r) - (b - a) * (r - 1.0));
        qq = (t - 1.0) * (r - 1.0) * (s - 1.0);
      }
      if (pp > 0.0)
        qq = -qq;
      else
        pp = -pp;
      if (2.0 * pp < fmin(3.0 * m * qq - fabs(tol * qq), fabs(e * qq))) {
        e = d;
        d = pp / qq;
      } else {
        d = m;
        e = m;
      }
    } else {
      d = m;
      e = m;
    }
    a = b;
    fa = fb;
    b += fabs(d) > tol ? d : (m > 0.0 ? tol : -tol);
    fb = f(b, ctx);
    if (isnan(fb))
      return SURV_ENOCONV;
  }
  return SURV_ENOCONV;
}

/* ---- log factorials and the generator -------------------------------------
 */

/* Precondition: 0 <= k <= UINT_MAX (at most the caller's table total), so
 * k fits gsl_sf_lnfact_e's unsigned argument; it has no failure branch for
 * unsigned arguments, allocates nothing and keeps no state. */
double surv__lnfact(long k) {
  gsl_sf_result r;
  gsl_sf_lnfact_e((unsigned int)k, &r);
  return r.val;
}

/* surv__rng is GSL's generator under another name, built here rather than
 * by gsl_rng_alloc: on OOM that calls GSL's error handler (abort by
 * default), while malloc returning NULL lets us report SURV_ENOMEM. The
 * struct and the state size are GSL's public interface (gsl_rng.h);
 * gsl_rng_set then does all gsl_rng_alloc would, for any seed (0 means
 * GSL's default seed). gsl_rng_mt19937 is named explicitly
 * (gsl_rng_env_setup would read the environment). */
surv__rng *surv__rng_new(unsigned long seed) {
  gsl_rng *r = malloc(sizeof *r);
  if (r == NULL)
    return NULL;
  r->type = gsl_rng_mt19937;
  r->state = malloc(r->type->size);
  if (r->state == NULL) {
    free(r);
    return NULL;
  }
  gsl_rng_set(r, seed);
  return (surv__rng *)r;
}

/* No precondition: uniform on [0, 1) for any generator state. */
double surv__rng_uniform(surv__rng *r) { return gsl_rng_uniform((gsl_rng *)r); }

void surv__rng_free(surv__rng *r) {
  if (r != NULL) {
    free(((gsl_rng *)r)->state);
    free(r);
  }
}

/* ---- contingency-table validation -----------------------------------------
 */

int surv__margins_init(surv__margins *mg, const long *table, size_t nrow,
                       size_t ncol, long max_total) {
  size_t i, j, cells;
  long total = 0, *block;
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
    if (table[i] > max_total - total)
      return SURV_ESIZE;
    total += table[i];
  }
  block = surv__calloc_array(nrow + ncol, sizeof(long));
  if (block == NULL)
    return SURV_ENOMEM;
  for (i = 0; i < nrow; i++)
    for (j = 0; j < ncol; j++) {
      block[i] += table[i * ncol + j];
      block[nrow + j] += table[i * ncol + j];
    }
  mg->row = block;
  mg->col = block + nrow;
  mg->n = total;
  mg->nr = mg->nc = 0;
  for (i = 0; i < nrow; i++)
    mg->nr += mg->row[i] > 0;
  for (j = 0; j < ncol; j++)
    mg->nc += mg->col[j] > 0;
  if (mg->nr < 2 || mg->nc < 2) {
    free(block);
    return SURV_ETABLE;
  }
  return SURV_OK;
}

void surv__margins_free(surv__margins *mg) {
  free(mg->row);
  mg->row = mg->col = NULL;
}

/* ---- the 2 x 2 hypergeometric distribution --------------------------------
 */

/* R's relative tolerance for ties in the two-sided 2 x 2 p-value. */
#define FISHER_REL_ERR (1.0 + 1e-7)
/* Largest support hi - lo + 1 tabulated: 2^27 doubles = 1 GiB (the r x c
 * test's default cap); beyond, SURV_ELIMIT rather than an allocation that
 * could invite the OOM killer. */
#define SUPPORT_MAX ((size_t)1 << 27)

/* Calls tick(ctx, 4096) after every 4096 iterations i of a loop (tick NULL:
 * never); nonzero stops the caller. */
static int hyper2_tick(surv__work_fn tick, void *ctx, long i) {
  return tick != NULL && (i & 4095) == 4095 && tick(ctx, 4096);
}

/* R conditions on m = a + c, n = b + d, k = a + b and X = a, hypergeometric
 * on lo = max(0, k - n) .. hi = min(k, m);
 *   f(x + 1) / f(x) = (m - x)(k - x) / ((x + 1)(n - k + x + 1)).
 * surv__hyper2_init with a work check in its loops (SURV_ELIMIT when tick
 * stops it, nothing left allocated). */
static int hyper2_init(surv__hyper2 *h, long a, long b, long c, long d,
                       surv__work_fn tick, void *ctx) {
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
    if (hyper2_tick(tick, ctx, x)) {
      surv__hyper2_free(h);
      return SURV_ELIMIT;
    }
  }
  for (x = mode; x > lo; x--) {
    double r = ((double)(m - x + 1) * (double)(k - x + 1)) /
               ((double)x * ((double)(n - k + x)));
    h->logd[x - 1 - lo] = h->logd[x - lo] - log(r);
    if (hyper2_tick(tick, ctx, x)) {
      surv__hyper2_free(h);
      return SURV_ELIMIT;
    }
  }
  return SURV_OK;
}

int surv__hyper2_init(surv__hyper2 *h, long a, long b, long c, long d) {
  return hyper2_init(h, a, b, c, d, NULL, NULL);
}

void surv__hyper2_free(surv__hyper2 *h) {
  free(h->logd);
  h->logd = NULL;
}

/* log sum_{i = first .. last} exp(logd[i]), scaled by the range's own
 * maximum so that a far tail keeps full relative precision. */
static double hyper2_logsum(const surv__hyper2 *h, size_t first, size_t last) {
  double mx = -HUGE_VAL, s = 0.0;
  size_t i;
  for (i = first; i <= last; i++)
    if (h->logd[i] > mx)
      mx = h->logd[i];
  for (i = first; i <= last; i++)
    s += exp(h->logd[i] - mx);
  return mx + log(s);
}

/* The two-sided p-value (R's rule), with a work check: -1 when tick
 * stopped it. */
static int hyper2_two_sided(const surv__hyper2 *h, surv__work_fn tick,
                            void *ctx, double *p) {
  const size_t ia = (size_t)(h->a - h->lo);
  double dmax = -HUGE_VAL, da, cut, s = 0.0, tot = 0.0;
  size_t i;
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
    if (hyper2_tick(tick, ctx, (long)i))
      return -1;
  }
  *p = surv__clamp01(s / tot);
  return 0;
}

/* One-sided: the tail over the whole support, each scaled by its own
 * maximum, so p keeps its relative precision down to ~1e-300 as R's phyper
 * does. Two-sided: R's computation, probabilities relative to the largest
 * one. Against exact rational arithmetic on R's rule (tests/check_rxc.c
 * and the 2 x 2 fixtures): within 1e-13 relative, 94 48 3577 16988 worst. */
double surv__hyper2_p(const surv__hyper2 *h, surv_alternative alt) {
  const size_t ia = (size_t)(h->a - h->lo);
  double p = NAN;
  if (alt == SURV_LESS || alt == SURV_GREATER) {
    double tail = alt == SURV_LESS ? hyper2_logsum(h, 0, ia)
                                   : hyper2_logsum(h, ia, h->len - 1);
    return surv__clamp01(exp(tail - hyper2_logsum(h, 0, h->len - 1)));
  }
  hyper2_two_sided(h, NULL, NULL, &p);
  return p;
}

/* ---- the noncentral 2 x 2 (and 2 x 2 x K) distribution: conditional MLE
 * and exact limits of the odds ratio (R fisher.test and mantelhaen.test
 * exact = TRUE) ------------------------------------------------------------ */

/* Root finding in t = log(psi): Brent's absolute tolerance on t. */
#define ROOT_TOL 1e-14
/* Bracket expansion stops beyond |t| = 2^62 (never reached for counts that
 * fit the total limit below; reported as SURV_ENOCONV). */
#define T_LIMIT 4.6e18
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
int surv__hyper2_cmle(const surv__hyper2 *h, double *psi) {
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
int surv__hyper2_ci(const surv__hyper2 *h, surv_alternative alt, double level,
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

int surv__fisher_2x2_p(long a, long b, long c, long d, size_t max_bytes,
                       surv__work_fn tick, void *ctx, double *p_value) {
  surv__hyper2 h;
  double p = NAN;
  int rc;
  const long m = a + c, k = a + b, nn = b + d;
  const long lo = k - nn > 0 ? k - nn : 0, hi = k < m ? k : m;
  if ((size_t)(hi - lo) + 1 > max_bytes / sizeof(double))
    return SURV_ELIMIT;
  rc = hyper2_init(&h, a, b, c, d, tick, ctx);
  if (rc != SURV_OK)
    return rc;
  rc = hyper2_two_sided(&h, tick, ctx, &p) ? SURV_ELIMIT : SURV_OK;
  surv__hyper2_free(&h);
  if (rc == SURV_OK)
    *p_value = p;
  return rc;
}

/* Standard normal distribution function. gsl_cdf_ugaussian_P has no error
 * path (it is defined for every double, NaN giving NaN). */
double surv__pnorm(double x) { return gsl_cdf_ugaussian_P(x); }

/* Standard normal quantile. GSL's Pinv calls the error handler for no p in
 * [0, 1], but NaN is passed through here, and 0 and 1 give the infinities
 * without calling GSL. */
double surv__qnorm(double p) {
  if (isnan(p))
    return NAN;
  if (p <= 0)
    return -INFINITY;
  if (p >= 1)
    return INFINITY;
  return gsl_cdf_ugaussian_Pinv(p);
}
