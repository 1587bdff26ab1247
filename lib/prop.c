/* Binomial proportions: two-sided confidence intervals for p from x
 * successes in n trials by eleven methods (surv_prop_ci), and the exact
 * binomial test (surv_binom_test).
 *
 * Methods (conventions of R's binom.test and prop.test, src/library/stats/R/,
 * and of Brown, Cai and DasGupta 2001, Statist. Sci. 16:101-133):
 *   Wald            p +- z sqrt(pq/n), clipped to [0, 1].
 *   Wilson (score)  R prop.test(x, n, correct = FALSE).
 *   Wilson-CC       Newcombe (1998) method 4, the continuity-corrected score
 *                   interval (R prop.test(correct = TRUE) whenever its
 *                   correction min(0.5, |x - n/2|) is not reduced).
 *   Agresti-Coull   p~ +- z sqrt(p~(1-p~)/n~), n~ = n + z^2, clipped.
 *   Clopper-Pearson R binom.test: beta quantiles, found here as roots of the
 *                   binomial tails (closed forms at x = 0 and x = n).
 *   Jeffreys        equal-tailed Beta(x+1/2, n-x+1/2) quantiles (our own
 *                   incomplete beta, inverted), Brown-Cai-DasGupta ends.
 *   mid-p           Lancaster's mid-p exact interval.
 *   logit           Wald on the log-odds; at x = 0 / x = n the ends of R
 *                   package binom (the Clopper-Pearson end).
 *   arcsine         Anscombe p~ = (x + 3/8)/(n + 3/4), angle clamped.
 *   likelihood      likelihood-ratio (deviance) interval.
 *   Blaker          Blaker (2000) acceptability interval: the hull of
 *                   {p : a(p) > alpha}, found exactly piece by piece.
 * The binomial pmf is Loader's (2000) saddle-point form (as R's dbinom);
 * tails are sums of pmf terms moving away from the mode, so both tails keep
 * full relative accuracy. Roots: a bracketed Brent search to ~2 ulp.
 *
 * Tails with sd = sqrt(npq) > 100 (and Jeffreys tails with both shapes
 * > 100) are instead beta-density integrals by Gauss-Legendre quadrature,
 * O(1) in n (see "Beta tails for large shapes").
 *
 * Cost: closed-form methods O(1); root-found methods O(min(sd, 100))
 * per tail evaluation, 10-60 evaluations; Blaker that many root searches
 * for each of the k jump points it crosses (a handful in practice);
 * surv_binom_test O(min(sd, 100) + log n) (R's two-sided count is O(n);
 * here a bisection on the monotone pmf). Under 2 ms a call up to n = 2^53.
 */
#include <float.h>
#include <math.h>

#include "surv_internal.h"

#define PROP_LN_SQRT_2PI 0.918938533204672741780329736406
/* n must be exactly representable as a double (and so must every count
 * below it): n <= 2^53, compared in integer arithmetic ((double)n would
 * round 2^53 + 1 down to 2^53). */
#define PROP_MAX_N 9007199254740992LL /* 2^53 */

/* ---------------------------------------------------------------------
 * Binomial pmf (Loader 2000, "Fast and accurate computation of binomial
 * probabilities"): log f = stirlerr terms - bd0 deviances - log(2 pi x
 * (n-x)/n)/2.
 * ------------------------------------------------------------------- */

/* log Gamma(k + 1) - log(sqrt(2 pi k) (k/e)^k) for k > 0 an integer or a
 * half-integer. k <= 15: Gamma(k + 1) as an exact-ish product (k! for
 * integers, Gamma(3/2) (3/2)(5/2)... for half-integers); k > 15: the
 * Stirling series, valid for any real k. */
static double stirling_err(double k) {
  double kk;
  if (k <= 15.0) {
    double g, i;
    if (k == floor(k))
      for (g = 1.0, i = 2.0; i <= k; i += 1.0)
        g *= i;
    else
      for (g = 0.886226925452758013649083741671, i = 1.5; i <= k; i += 1.0)
        g *= i;
    return log(g) - (k + 0.5) * log(k) + k - PROP_LN_SQRT_2PI;
  }
  kk = k * k;
  if (k > 500.0)
    return (1.0 / 12 - (1.0 / 360) / kk) / k;
  if (k > 80.0)
    return (1.0 / 12 - (1.0 / 360 - (1.0 / 1260) / kk) / kk) / k;
  if (k > 35.0)
    return (1.0 / 12 -
            (1.0 / 360 - (1.0 / 1260 - (1.0 / 1680) / kk) / kk) / kk) /
           k;
  return (1.0 / 12 -
          (1.0 / 360 -
           (1.0 / 1260 - (1.0 / 1680 - (1.0 / 1188) / kk) / kk) / kk) /
              kk) /
         k;
}

/* Deviance term x log(x/m) + m - x, accurate when x is close to m. */
static double dev0(double x, double m) {
  if (fabs(x - m) < 0.1 * (x + m)) {
    double v = (x - m) / (x + m), s = (x - m) * v, ej = 2.0 * x * v, s1;
    int j;
    v *= v;
    for (j = 1; j < 1000; j++) {
      ej *= v;
      s1 = s + ej / (2 * j + 1);
      if (s1 == s)
        return s1;
      s = s1;
    }
    return s;
  }
  return x * log(x / m) + m - x;
}

/* f(k) = P(X = k), X ~ Bin(n, p), q = 1 - p, 0 <= k <= n (integers). Also
 * used with half-integer k and n - k (Gamma functions in place of
 * factorials) for the incomplete beta prefactor. */
static double binom_pmf(double k, double n, double p, double q) {
  double lc;
  if (p <= 0.0)
    return k == 0.0 ? 1.0 : 0.0;
  if (q <= 0.0)
    return k == n ? 1.0 : 0.0;
  if (k == 0.0)
    return exp(p < 0.1 ? -dev0(n, n * q) - n * p : n * log(q));
  if (k == n)
    return exp(q < 0.1 ? -dev0(n, n * p) - n * q : n * log(p));
  lc = stirling_err(n) - stirling_err(k) - stirling_err(n - k) -
       dev0(k, n * p) - dev0(n - k, n * q);
  /* log(2 pi k (n - k)/n); log((n - k)/n) rather than log1p(-k/n) when k/n
   * is near 1, where 1 - k/n would lose digits (R's dbinom does lose them:
   * 2e-12 relative at n = 10^6, k = n - 10, p = 0.99999). */
  return exp(lc - 0.5 * (2.0 * PROP_LN_SQRT_2PI + log(k) +
                         (2.0 * k > n ? log((n - k) / n) : log1p(-k / n))));
}

/* Mode of Bin(n, p): floor((n + 1) p). The pmf rises up to it and falls
 * after it, so sums that start at k >= mode going up, or at k <= mode going
 * down, add decreasing terms. */
static double binom_mode(double n, double p) {
  double m = floor((n + 1.0) * p);
  return m > n ? n : m;
}

/* sum_{j >= k} f(j) for k >= mode; stops once terms no longer matter. */
static double sum_up(double k, double n, double p, double q) {
  double t = binom_pmf(k, n, p, q), s = t, r = p / q, j;
  for (j = k; j < n && t > s * 0x1p-60; j += 1.0) {
    t *= (n - j) / (j + 1.0) * r;
    s += t;
  }
  return s;
}

/* sum_{j <= k} f(j) for k <= mode. */
static double sum_down(double k, double n, double p, double q) {
  double t = binom_pmf(k, n, p, q), s = t, r = q / p, j;
  for (j = k; j > 0.0 && t > s * 0x1p-60; j -= 1.0) {
    t *= j / (n - j + 1.0) * r;
    s += t;
  }
  return s;
}

/* ---------------------------------------------------------------------
 * Beta tails for large shapes by quadrature. With a, b >= PROP_QUAD_MIN
 * the Beta(a, b) density is a smooth single peak; the sums above would
 * need O(sqrt(npq)) terms a tail (10^5 at n = 3e9, 10^8 at 2^53), so
 * instead the tail integral is taken in the standardised variable
 * v = (t - t0)/sigma, t0 = (a-1)/(a+b-2) the mode, sigma^2 = t0 s0/(a+b-2):
 *   density(t0 + sigma v) = density(t0) exp(L(v)),
 *   L(v) = A surv__log1pmx(u) + B surv__log1pmx(-w) + c sigma v,
 * A = a-1, B = b-1, u = sigma v/t0, w = sigma v/s0, surv__log1pmx(u) =
 * log(1+u) - u, c = (A s0 - B t0)/(t0 s0) (zero but for the rounding of
 * t0; kept so that no term of size sqrt(N) v has to cancel). density(t0)
 * is (N+1) times Loader's Bin(N, t0) pmf at A, N = A + B. The tail away
 * from the mode is integrated by 16-point Gauss-Legendre panels of width
 * min(3, 6/|L'|) until the integrand is 1e-22 of the sum; the tail on the
 * mode's side is 1 minus the other. Cost O(1) in n: about 10-30 panels.
 * ------------------------------------------------------------------- */

#define PROP_QUAD_MIN 101.0 /* a, b at least this for the quadrature */

/* Gauss-Legendre, 16 points on [-1, 1]: the positive nodes and weights. */
static const double prop_gl16[8][2] = {
    {0x1.852bd6676a9f9p-4, 0x1.83feae80e4dfcp-3},
    {0x1.205cae642337cp-2, 0x1.75f8c77e0c00fp-3},
    {0x1.d50259a43a772p-2, 0x1.5a6ebbb5a75fcp-3},
    {0x1.3c5a466d5e8b8p-1, 0x1.325f61bca3cbfp-3},
    {0x1.82c45dda4726bp-1, 0x1.fe7af2bad386ap-4},
    {0x1.bb3403514e483p-1, 0x1.85c4ee79cc258p-4},
    {0x1.e39f56616f9b0p-1, 0x1.fdfb1a2c1265dp-5},
    {0x1.fa92c264d787ep-1, 0x1.bcddab4b7c211p-6},
};

typedef struct beta_quad {
  double A, B, t0, s0, sig, c;
} beta_quad;

/* L(v); -Inf outside (0, 1). */
static double bq_log(const beta_quad *q, double v) {
  double d = q->sig * v, u = d / q->t0, w = d / q->s0;
  if (u <= -1.0 || w >= 1.0)
    return -HUGE_VAL;
  return q->A * surv__log1pmx(u) + q->B * surv__log1pmx(-w) + q->c * d;
}

/* |L'(v)| = sigma |A/(t0 + d) - B/(s0 - d)|, d = sigma v. */
static double bq_slope(const beta_quad *q, double v) {
  double d = q->sig * v;
  return q->sig * fabs(q->A / (q->t0 + d) - q->B / (q->s0 - d));
}

/* Upper tail 1 - I_p(a, b) (upper = 1) or lower tail I_p(a, b) of
 * Beta(a, b), a, b >= PROP_QUAD_MIN, 0 < p < 1. */
static double beta_tail_quad(double a, double b, double p, int upper) {
  beta_quad q;
  double n, v1, v, vend, l1, s = 0.0, dir, e, r, f0;
  int i, j, far_upper;
  q.A = a - 1.0;
  q.B = b - 1.0;
  n = q.A + q.B;
  /* t0 + s0 = 1 exactly: round the smaller one through the larger. */
  if (q.A <= q.B) {
    q.s0 = q.B / n;
    q.t0 = 1.0 - q.s0;
  } else {
    q.t0 = q.A / n;
    q.s0 = 1.0 - q.t0;
  }
  q.sig = sqrt(q.t0 * q.s0 / n);
  r = q.B * q.t0;
  e = fma(q.B, q.t0, -r);
  q.c = (fma(q.A, q.s0, -r) - e) / (q.t0 * q.s0);
  v1 = (p - q.t0) / q.sig;
  far_upper = v1 >= 0.0; /* integrate away from the mode */
  dir = far_upper ? 1.0 : -1.0;
  vend = far_upper ? q.s0 / q.sig : -q.t0 / q.sig;
  l1 = bq_log(&q, v1);
  /* Below e^-1000 of the mode's density the far tail is far below
   * DBL_TRUE_MIN (sigma density(t0) is about 0.4); u near -1 or w near 1
   * would also leave L too inexact to integrate there. */
  if (l1 < -1000.0)
    return far_upper == (upper != 0) ? 0.0 : 1.0;
  v = v1;
  for (i = 0; i < 1000 && dir * (vend - v) > 0.0; i++) {
    double h = 6.0 / fmax(bq_slope(&q, v), 2.0), mid, panel = 0.0;
    if (h > dir * (vend - v))
      h = dir * (vend - v);
    mid = v + dir * h / 2.0;
    for (j = 0; j < 8; j++) {
      double off = h / 2.0 * prop_gl16[j][0];
      panel += prop_gl16[j][1] * (exp(bq_log(&q, mid - off) - l1) +
                                  exp(bq_log(&q, mid + off) - l1));
    }
    panel *= h / 2.0;
    s += panel;
    v += dir * h;
    if (panel <= 1e-22 * s && bq_log(&q, v) - l1 < -50.0)
      break;
  }
  f0 = (n + 1.0) * binom_pmf(q.A, n, q.t0, q.s0);
  s *= q.sig * f0 * exp(l1);
  return far_upper == (upper != 0) ? s : 1.0 - s;
}

/* Whether the binomial tail sums for Bin(n, p) would be long (sd > 100)
 * so that the quadrature is used instead. */
static int binom_use_quad(double n, double p) {
  return n * p * (1.0 - p) > 1e4;
}

/* P(X <= k), any integer k, p in [0, 1]. */
static double binom_le(double k, double n, double p) {
  double q = 1.0 - p;
  if (k < 0.0)
    return 0.0;
  if (k >= n)
    return 1.0;
  if (p <= 0.0)
    return 1.0;
  if (p >= 1.0)
    return 0.0;
  /* P(X <= k) = 1 - I_p(k + 1, n - k) */
  if (binom_use_quad(n, p) && k + 1.0 >= PROP_QUAD_MIN &&
      n - k >= PROP_QUAD_MIN)
    return surv__clamp01(beta_tail_quad(k + 1.0, n - k, p, 1));
  if (k <= binom_mode(n, p))
    return surv__clamp01(sum_down(k, n, p, q));
  return surv__clamp01(1.0 - sum_up(k + 1.0, n, p, q));
}

/* P(X >= k), any integer k, p in [0, 1]. */
static double binom_ge(double k, double n, double p) {
  double q = 1.0 - p;
  if (k <= 0.0)
    return 1.0;
  if (k > n)
    return 0.0;
  if (p <= 0.0)
    return 0.0;
  if (p >= 1.0)
    return 1.0;
  /* P(X >= k) = I_p(k, n - k + 1) */
  if (binom_use_quad(n, p) && k >= PROP_QUAD_MIN &&
      n - k + 1.0 >= PROP_QUAD_MIN)
    return surv__clamp01(beta_tail_quad(k, n - k + 1.0, p, 0));
  if (k >= binom_mode(n, p))
    return surv__clamp01(sum_up(k, n, p, q));
  return surv__clamp01(1.0 - sum_down(k - 1.0, n, p, q));
}

/* ---------------------------------------------------------------------
 * Root finding: Brent's method (inverse quadratic interpolation, secant,
 * bisection fallback) on a bracket [a, b] with f(a), f(b) of opposite
 * signs. Stops when the bracket is within ~2 ulp of the root.
 * ------------------------------------------------------------------- */

/* surv__brent (lib/numerics.c) to ~2 ulp. */
static int brent(surv__fn f, const void *ctx, double a, double b, double fa,
                 double fb, double *root) {
  return surv__brent(f, ctx, a, b, fa, fb, DBL_MIN, root);
}

/* First point from `from` toward `to` where f turns positive, for f that is
 * <= 0 on a (possibly empty) leading stretch and > 0 after it. Returns 1 and
 * sets *at if f(to) > 0, returns 0 if f(to) <= 0 (no crossing), and sets
 * *err on a failed search. */
static int first_positive(surv__fn f, const void *ctx, double from, double to,
                          double *at, int *err) {
  double fto = f(to, ctx), ffrom;
  if (isnan(fto)) {
    *err = SURV_ENOCONV;
    return 0;
  }
  if (!(fto > 0.0))
    return 0;
  ffrom = f(from, ctx);
  if (ffrom > 0.0) {
    *at = from;
    return 1;
  }
  *err = brent(f, ctx, from, to, ffrom, fto, at);
  return *err == SURV_OK;
}

/* ---------------------------------------------------------------------
 * Monotone root problems: Clopper-Pearson, mid-p, Jeffreys, likelihood.
 * ------------------------------------------------------------------- */

typedef struct tail_ctx {
  double x, n, target, a, b;
} tail_ctx;

/* Clopper-Pearson lower: P(X >= x) - alpha/2, increasing in p. */
static double cp_lower_fn(double p, const void *v) {
  const tail_ctx *c = v;
  return binom_ge(c->x, c->n, p) - c->target;
}
/* Clopper-Pearson upper: alpha/2 - P(X <= x), increasing in p. */
static double cp_upper_fn(double p, const void *v) {
  const tail_ctx *c = v;
  return c->target - binom_le(c->x, c->n, p);
}
/* mid-p lower: P(X > x) + f(x)/2 - alpha/2, increasing in p. */
static double midp_lower_fn(double p, const void *v) {
  const tail_ctx *c = v;
  return 0.5 * (binom_ge(c->x, c->n, p) + binom_ge(c->x + 1.0, c->n, p)) -
         c->target;
}
/* mid-p upper: alpha/2 - P(X < x) - f(x)/2, increasing in p. */
static double midp_upper_fn(double p, const void *v) {
  const tail_ctx *c = v;
  return c->target -
         0.5 * (binom_le(c->x, c->n, p) + binom_le(c->x - 1.0, c->n, p));
}
/* Regularised incomplete beta I_x(a, b) for a, b > 0 by its continued
 * fraction (DLMF 8.17.22) evaluated with the modified Lentz method; it
 * converges quickly for x < (a + 1)/(a + b + 2), in O(sqrt(a + b)) terms at
 * worst. The prefactor x^a (1-x)^b / (a B(a, b)) is written as Loader's
 * binomial form f(a; a + b, x) b/(a + b), which keeps full relative
 * accuracy when a or b is large (log-gamma differences would not). y is
 * 1 - x, passed separately. NaN if the fraction has not converged. */
static double beta_inc_cf(double a, double b, double x, double y) {
  const double tiny = 1e-300;
  /* 1 - (a + b) x/(a + 1), from whichever of x and y is the smaller (the
   * other one carries an absolute rounding error that cancellation would
   * magnify). */
  double c = 1.0,
         d = x <= 0.5 ? 1.0 - (a + b) * x / (a + 1.0)
                      : ((a + b) * y - (b - 1.0)) / (a + 1.0),
         h, m;
  if (fabs(d) < tiny)
    d = tiny;
  d = 1.0 / d;
  h = d;
  for (m = 1.0; m <= 1e6; m += 1.0) {
    double m2 = 2.0 * m, num, del;
    num = m * (b - m) * x / ((a + m2 - 1.0) * (a + m2));
    d = 1.0 + num * d;
    c = 1.0 + num / c;
    d = 1.0 / (fabs(d) < tiny ? tiny : d);
    h *= d * (fabs(c) < tiny ? tiny : c);
    c = fabs(c) < tiny ? tiny : c;
    num = -(a + m) * (a + b + m) * x / ((a + m2) * (a + m2 + 1.0));
    d = 1.0 + num * d;
    c = 1.0 + num / c;
    d = 1.0 / (fabs(d) < tiny ? tiny : d);
    c = fabs(c) < tiny ? tiny : c;
    del = d * c;
    h *= del;
    if (fabs(del - 1.0) <= DBL_EPSILON)
      return binom_pmf(a, a + b, x, y) * b / (a + b) * h;
  }
  return NAN;
}

/* Upper tail of Gamma(a, 1) at z for a half-integer a = k + 1/2:
 * Q(1/2, z) = erfc(sqrt z), Q(a + 1, z) = Q(a, z) + z^a e^-z / Gamma(a + 1),
 * a sum of positive terms. */
static double gamma_upper_half(double a, double z) {
  double q = erfc(sqrt(z)), t, j;
  if (z <= 0.0)
    return 1.0;
  t = exp(0.5 * log(z) - z) / 0.886226925452758013649083741671; /* j = 1/2 */
  for (j = 0.5; j < a; j += 1.0) {
    q += t;
    t *= z / (j + 1.0);
  }
  return q;
}

/* Upper tail 1 - I_p(a, b) of Beta(a, b) for p at or above the mode region,
 * where the fraction must run on 1 - p. Rounding 1 - p costs a relative
 * error of about b * 1e-17 there, so for b > 10^6 with a < 10 (Jeffreys
 * with x <= 9 and n > 10^6) the gamma limit of Abramowitz and Stegun
 * 26.5.17, Q(a, -(b + (a - 1)/2) log(1 - p)), is used instead: its error
 * falls like 1/b^2 and is below 1e-12 there. */
static double beta_upper_swapped(double p, double a, double b) {
  if (b > 1e6 && a < 10.0 && a - floor(a) == 0.5)
    return gamma_upper_half(a, -(b + (a - 1.0) / 2.0) * log1p(-p));
  return beta_inc_cf(b, a, 1.0 - p, p);
}

/* Lower tail I_p(a, b) and upper tail 1 - I_p(a, b) of Beta(a, b), each
 * summed directly on its convergent side of (a + 1)/(a + b + 2). */
static double beta_lower(double p, double a, double b) {
  if (p <= 0.0)
    return 0.0;
  if (p >= 1.0)
    return 1.0;
  if (a >= PROP_QUAD_MIN && b >= PROP_QUAD_MIN && a + b > 1e4)
    return beta_tail_quad(a, b, p, 0);
  if (p < (a + 1.0) / (a + b + 2.0))
    return beta_inc_cf(a, b, p, 1.0 - p);
  return 1.0 - beta_upper_swapped(p, a, b);
}
static double beta_upper(double p, double a, double b) {
  if (p <= 0.0)
    return 1.0;
  if (p >= 1.0)
    return 0.0;
  if (a >= PROP_QUAD_MIN && b >= PROP_QUAD_MIN && a + b > 1e4)
    return beta_tail_quad(a, b, p, 1);
  if (p < (a + 1.0) / (a + b + 2.0))
    return 1.0 - beta_inc_cf(a, b, p, 1.0 - p);
  return beta_upper_swapped(p, a, b);
}

/* Jeffreys: Beta(x + 1/2, n - x + 1/2) lower tail minus alpha/2 (lower
 * limit), alpha/2 minus the upper tail (upper limit); both increasing. A
 * fraction that fails to converge gives NaN, which brent() reports as
 * SURV_ENOCONV. */
static double beta_lower_fn(double p, const void *v) {
  const tail_ctx *c = v;
  return beta_lower(p, c->a, c->b) - c->target;
}
static double beta_upper_fn(double p, const void *v) {
  const tail_ctx *c = v;
  return c->target - beta_upper(p, c->a, c->b);
}
/* Likelihood ratio: deviance 2[l(x/n) - l(p)] - z^2, for 0 < x < n, in
 * terms of D = np - x (one fma):
 *   -2 [x surv__log1pmx(D/x) + (n - x) surv__log1pmx(-D/(n - x))] - z^2,
 * two terms of one sign. Forming nq = n(1 - p) instead would carry the
 * rounding of 1 - p (n eps absolute), which swamps the deviance when the
 * interval is narrower than that (tiny levels: z = 1e-9 at x = 1,
 * n = 1e9 gave SURV_ENOCONV). sign = -1 on the lower side (decreasing
 * there), +1 on the upper. */
static double lr_fn(double p, const void *v) {
  const tail_ctx *c = v;
  double d, dd;
  if (p <= 0.0 || p >= 1.0)
    return c->a * HUGE_VAL;
  dd = fma(c->n, p, -c->x);
  d = -2.0 * (c->x * surv__log1pmx(dd / c->x) +
              (c->n - c->x) * surv__log1pmx(-dd / (c->n - c->x)));
  return c->a * (d - c->target);
}

/* Root of an increasing f on (lo, hi), given f(lo) < 0 < f(hi). */
static int solve_increasing(surv__fn f, const tail_ctx *c, double lo, double hi,
                            double *root) {
  return brent(f, c, lo, hi, f(lo, c), f(hi, c), root);
}

/* Likelihood-ratio limit on one side of phat = x/n, 0 < x < n. The side's
 * outer end is moved toward 0 (or 1) by halving until the deviance exceeds
 * z^2, so both ends of the bracket have finite values. */
static int lr_limit(double x, double n, double z, int upper, double *out) {
  tail_ctx c;
  double phat = x / n, inner = phat, outer, gap, fo, fi;
  int i;
  c.x = x;
  c.n = n;
  c.target = z * z;
  c.a = upper ? 1.0 : -1.0;
  c.b = 0.0;
  gap = upper ? 1.0 - phat : phat;
  for (i = 0; i < 1100; i++) {
    gap *= 0.5;
    outer = upper ? 1.0 - gap : gap;
    fo = lr_fn(outer, &c);
    if (upper ? fo > 0.0 : fo < 0.0)
      break;
    inner = outer;
  }
  if (i == 1100)
    return SURV_ENOCONV;
  fi = lr_fn(inner, &c);
  /* The deviance already exceeds z^2 at the rounded phat: the limit lies
   * between x/n and its rounding, so phat is it to half an ulp (tiny levels,
   * or x/n near 1 where doubles are 1e-16 apart: x = n - 1, n = 1e9, level
   * 1e-9 has a limit 1.25e-18 from phat). */
  if (upper ? !(fi < 0.0) : !(fi > 0.0)) {
    *out = inner;
    return SURV_OK;
  }
  return upper ? brent(lr_fn, &c, inner, outer, fi, fo, out)
               : brent(lr_fn, &c, outer, inner, fo, fi, out);
}

static int clopper_pearson(double x, double n, double alpha, double *lo,
                           double *up) {
  tail_ctx c;
  int rc;
  c.x = x;
  c.n = n;
  c.target = alpha / 2.0;
  c.a = c.b = 0.0;
  if (x == 0.0)
    *lo = 0.0;
  else if (x == n)
    *lo = exp(log(alpha / 2.0) / n);
  else if ((rc = solve_increasing(cp_lower_fn, &c, 0.0, 1.0, lo)) != SURV_OK)
    return rc;
  if (x == n)
    *up = 1.0;
  else if (x == 0.0)
    *up = -expm1(log(alpha / 2.0) / n);
  else if ((rc = solve_increasing(cp_upper_fn, &c, 0.0, 1.0, up)) != SURV_OK)
    return rc;
  return SURV_OK;
}

static int mid_p(double x, double n, double alpha, double *lo, double *up) {
  tail_ctx c;
  int rc;
  c.x = x;
  c.n = n;
  c.target = alpha / 2.0;
  c.a = c.b = 0.0;
  *lo = 0.0;
  *up = 1.0;
  if (x > 0.0 &&
      (rc = solve_increasing(midp_lower_fn, &c, 0.0, 1.0, lo)) != SURV_OK)
    return rc;
  if (x < n &&
      (rc = solve_increasing(midp_upper_fn, &c, 0.0, 1.0, up)) != SURV_OK)
    return rc;
  return SURV_OK;
}

static int jeffreys(double x, double n, double alpha, double *lo, double *up) {
  tail_ctx c;
  int rc;
  c.x = x;
  c.n = n;
  c.target = alpha / 2.0;
  c.a = x + 0.5;
  c.b = n - x + 0.5;
  *lo = 0.0;
  *up = 1.0;
  if (x > 0.0 &&
      (rc = solve_increasing(beta_lower_fn, &c, 0.0, 1.0, lo)) != SURV_OK)
    return rc;
  if (x < n &&
      (rc = solve_increasing(beta_upper_fn, &c, 0.0, 1.0, up)) != SURV_OK)
    return rc;
  return SURV_OK;
}

static int likelihood(double x, double n, double z, double *lo, double *up) {
  int rc;
  if (x == 0.0) {
    *lo = 0.0;
    *up = -expm1(-z * z / (2.0 * n));
    return SURV_OK;
  }
  if (x == n) {
    *lo = exp(-z * z / (2.0 * n));
    *up = 1.0;
    return SURV_OK;
  }
  if ((rc = lr_limit(x, n, z, 0, lo)) != SURV_OK)
    return rc;
  return lr_limit(x, n, z, 1, up);
}

/* ---------------------------------------------------------------------
 * Blaker (2000). With F = P(X <= .), G = P(X >= .) at p, the acceptability
 *   a(p) = min(T1, T2), T1 = G(x) + F(x1), T2 = F(x) + G(x2), capped at 1,
 * x1 = largest k with F(k) <= G(x), x2 = smallest k with G(k) <= F(x).
 * Only x1 in [-1, x-1] and x2 in [x+1, n+1] matter (outside, T = 1). The
 * interval is the hull of {p : a(p) > alpha}; a is not monotone.
 *
 * Exact search. x1 steps up at the roots r_k of F(k) = G(x) (k < x) and x2
 * at the roots s_k of G(k) = F(x) (k > x); each root is unique and they
 * increase with k. Between jumps (a "piece") x1 and x2 are fixed, and
 * dT1/dp = n[b(x-1) - b(x1)], dT2/dp = n[b(x2-1) - b(x)] (b the Bin(n-1, p)
 * pmf) change sign at most once, from - to +: each T is quasi-convex on a
 * piece, so {T <= alpha} is one interval there. The lower end is found by
 * walking up from the Clopper-Pearson lower end (a <= 2 G(x) <= alpha below
 * it), piece by piece: at the current point, if some T <= alpha, jump to
 * where that T rises above alpha within the piece (or go to the next piece);
 * stop when both exceed alpha. The upper end walks down from the CP upper
 * end likewise. a(x/n) = 1 (x is the median of Bin(n, x/n)), so the walk
 * ends by phat.
 * ------------------------------------------------------------------- */

enum { BK_JUMP1, BK_JUMP2, BK_T1, BK_T2 };

typedef struct blaker_ctx {
  double x, n, alpha, sign, idx;
  int kind;
} blaker_ctx;

static double blaker_fn(double p, const void *v) {
  const blaker_ctx *c = v;
  double t;
  switch (c->kind) {
  case BK_JUMP1: /* F(k) - G(x): decreasing in p */
    return c->sign * (binom_le(c->idx, c->n, p) - binom_ge(c->x, c->n, p));
  case BK_JUMP2: /* G(k) - F(x): increasing in p */
    return c->sign * (binom_ge(c->idx, c->n, p) - binom_le(c->x, c->n, p));
  case BK_T1:
    t = binom_ge(c->x, c->n, p) + binom_le(c->idx, c->n, p);
    return fmin(t, 1.0) - c->alpha;
  default:
    t = binom_le(c->x, c->n, p) + binom_ge(c->idx, c->n, p);
    return fmin(t, 1.0) - c->alpha;
  }
}

/* x1 and x2 at p by bisection on k (F(k) is increasing, G(k) decreasing). */
static void blaker_indices(double x, double n, double p, double *x1,
                           double *x2) {
  double gx = binom_ge(x, n, p), fx = binom_le(x, n, p), lo, hi, mid;
  lo = -1.0;              /* F(lo) <= G(x) holds */
  hi = x;                 /* F(x-1) <= G(x) may hold: test hi-1 via the loop */
  while (hi - lo > 1.0) { /* invariant: F(lo) <= G(x) < F(hi) or hi = x */
    mid = floor((lo + hi) / 2.0);
    if (binom_le(mid, n, p) <= gx)
      lo = mid;
    else
      hi = mid;
  }
  *x1 = lo;
  lo = x;       /* lo never qualifies (or is irrelevant) */
  hi = n + 1.0; /* G(n+1) = 0 <= F(x) holds */
  while (hi - lo > 1.0) {
    mid = floor((lo + hi) / 2.0);
    if (binom_ge(mid, n, p) <= fx)
      hi = mid;
    else
      lo = mid;
  }
  *x2 = hi;
}

/* One Blaker end: dir = +1 walks up from start (the CP lower end) to the
 * lower limit, dir = -1 walks down from the CP upper end. */
static int blaker_end(double x, double n, double alpha, int dir, double start,
                      double *out) {
  const double limit = x / n;
  double pos = start, x1, x2;
  blaker_ctx c;
  long pieces;
  c.x = x;
  c.n = n;
  c.alpha = alpha;
  blaker_indices(x, n, pos, &x1, &x2);
  for (pieces = 0; pieces <= (long)n + 2; pieces++) {
    double b = limit, at;
    int err = SURV_OK, hit1 = 0, hit2 = 0, pass1 = 0, pass2 = 0;
    /* next jump of x1 in the walking direction */
    c.kind = BK_JUMP1;
    c.idx = dir > 0 ? x1 + 1.0 : x1;
    c.sign = dir > 0 ? -1.0 : 1.0;
    if ((dir > 0 ? x1 < x - 1.0 : x1 >= 0.0) &&
        first_positive(blaker_fn, &c, pos, b, &at, &err)) {
      b = at;
      hit1 = 1;
    }
    if (err != SURV_OK)
      return err;
    /* next jump of x2 */
    c.kind = BK_JUMP2;
    c.idx = dir > 0 ? x2 : x2 - 1.0;
    c.sign = dir > 0 ? 1.0 : -1.0;
    if ((dir > 0 ? x2 <= n : x2 - 1.0 >= x + 1.0) &&
        first_positive(blaker_fn, &c, pos, b, &at, &err)) {
      if (at == b && hit1)
        hit2 = 1;
      else {
        b = at;
        hit1 = 0;
        hit2 = 1;
      }
    }
    if (err != SURV_OK)
      return err;
    /* the piece between pos and b: leave each T's sublevel interval */
    for (;;) {
      int below1, below2;
      c.kind = BK_T1;
      c.idx = x1;
      below1 = !pass1 && !(blaker_fn(pos, &c) > 0.0);
      if (!below1) {
        c.kind = BK_T2;
        c.idx = x2;
        below2 = !pass2 && !(blaker_fn(pos, &c) > 0.0);
        if (!below2) {
          *out = pos;
          return SURV_OK;
        }
        pass2 = 1;
      } else
        pass1 = 1;
      if (!first_positive(blaker_fn, &c, pos, b, &at, &err)) {
        if (err != SURV_OK)
          return err;
        break; /* that T stays <= alpha to the end of the piece */
      }
      pos = at;
    }
    if (!hit1 && !hit2) { /* reached phat: unreachable, since a(phat) = 1 */
      *out = limit;
      return SURV_OK;
    }
    pos = b;
    if (hit1)
      x1 += dir > 0 ? 1.0 : -1.0;
    if (hit2)
      x2 += dir > 0 ? 1.0 : -1.0;
  }
  return SURV_ENOCONV;
}

static int blaker(double x, double n, double alpha, double *lo, double *up) {
  double cl, cu;
  int rc = clopper_pearson(x, n, alpha, &cl, &cu);
  if (rc != SURV_OK)
    return rc;
  *lo = 0.0;
  *up = 1.0;
  if (x > 0.0 && (rc = blaker_end(x, n, alpha, 1, cl, lo)) != SURV_OK)
    return rc;
  if (x < n && (rc = blaker_end(x, n, alpha, -1, cu, up)) != SURV_OK)
    return rc;
  return SURV_OK;
}

/* ---------------------------------------------------------------------
 * Closed forms.
 * ------------------------------------------------------------------- */

static void wald(double x, double n, double z, double *lo, double *up) {
  double p = x / n, h = z * sqrt(p * (1.0 - p) / n);
  *lo = surv__clamp01(p - h);
  *up = surv__clamp01(p + h);
}

static void wilson(double x, double n, double z, double *lo, double *up) {
  double p = x / n, z2 = z * z, den = n + z2;
  double centre = (x + z2 / 2.0) / den;
  double h = z * sqrt(n) / den * sqrt(p * (1.0 - p) + z2 / (4.0 * n));
  *lo = x == 0.0 ? 0.0 : surv__clamp01(centre - h);
  *up = x == n ? 1.0 : surv__clamp01(centre + h);
}

/* Newcombe (1998) method 4. For 1 <= x the radicand of L is at least
 * z^2 + 2 - 1/n > 0 (x(n - x + 1) >= n), and for x <= n - 1 that of U is at
 * least z^2 + 2 - 1/n; the ends x = 0 and x = n are set by rule. */
static void wilson_cc(double x, double n, double z, double *lo, double *up) {
  double p = x / n, q = 1.0 - p, z2 = z * z, den = 2.0 * (n + z2);
  *lo = x == 0.0
            ? 0.0
            : surv__clamp01(
                  (2.0 * x + z2 - 1.0 -
                   z * sqrt(z2 - 2.0 - 1.0 / n + 4.0 * p * (n * q + 1.0))) /
                  den);
  *up = x == n ? 1.0
               : surv__clamp01(
                     (2.0 * x + z2 + 1.0 +
                      z * sqrt(z2 + 2.0 - 1.0 / n + 4.0 * p * (n * q - 1.0))) /
                     den);
}

static void agresti_coull(double x, double n, double z, double *lo,
                          double *up) {
  double z2 = z * z, nt = n + z2, pt = (x + z2 / 2.0) / nt;
  double h = z * sqrt(pt * (1.0 - pt) / nt);
  *lo = x == 0.0 ? 0.0 : surv__clamp01(pt - h);
  *up = x == n ? 1.0 : surv__clamp01(pt + h);
}

/* Logit; binom's ends: x = 0 gives [0, 1 - (alpha/2)^(1/n)], x = n gives
 * [(alpha/2)^(1/n), 1]. */
static void logit(double x, double n, double z, double alpha, double *lo,
                  double *up) {
  double lam, se;
  if (x == 0.0) {
    *lo = 0.0;
    *up = -expm1(log(alpha / 2.0) / n);
    return;
  }
  if (x == n) {
    *lo = exp(log(alpha / 2.0) / n);
    *up = 1.0;
    return;
  }
  lam = log(x / (n - x));
  se = sqrt(n / (x * (n - x)));
  *lo = 1.0 / (1.0 + exp(-(lam - z * se)));
  *up = 1.0 / (1.0 + exp(-(lam + z * se)));
}

/* Arcsine with Anscombe's p~; the angle is clamped to [0, pi/2] before
 * squaring, and the ends x = 0 (lower 0) and x = n (upper 1) are set by
 * rule (clamping already gives them for levels above 0.78). */
static void arcsine(double x, double n, double z, double *lo, double *up) {
  double pt = (x + 0.375) / (n + 0.75), th = asin(sqrt(pt));
  double h = z / (2.0 * sqrt(n)), a = th - h, b = th + h, s;
  if (a < 0.0)
    a = 0.0;
  if (b > M_PI_2)
    b = M_PI_2;
  s = sin(a);
  *lo = x == 0.0 ? 0.0 : surv__clamp01(s * s);
  s = sin(b);
  *up = x == n ? 1.0 : surv__clamp01(s * s);
}

/* ---------------------------------------------------------------------
 * Public functions.
 * ------------------------------------------------------------------- */

SURV_EXPORT int surv_prop_ci(long x, long n, surv_prop_method method,
                             double level, double *lower, double *upper) {
  double xd, nd, alpha, z, lo = 0.0, up = 1.0;
  int rc = SURV_OK;
  if (!lower || !upper)
    return SURV_ENULL;
  if (n < 1 || x < 0 || x > n)
    return SURV_ECOUNT;
  if (!(level > 0.0 && level < 1.0))
    return SURV_ELEVEL;
  if ((int)method < (int)SURV_PROP_WALD || (int)method > (int)SURV_PROP_BLAKER)
    return SURV_EINVAL;
  if ((long long)n > PROP_MAX_N)
    return SURV_ESIZE;
  xd = (double)x;
  nd = (double)n;
  alpha = 1.0 - level;
  z = surv__z_two_sided(level); /* 0 < level < 1 checked above */
  switch (method) {
  case SURV_PROP_WALD:
    wald(xd, nd, z, &lo, &up);
    break;
  case SURV_PROP_WILSON:
    wilson(xd, nd, z, &lo, &up);
    break;
  case SURV_PROP_WILSON_CC:
    wilson_cc(xd, nd, z, &lo, &up);
    break;
  case SURV_PROP_AGRESTI_COULL:
    agresti_coull(xd, nd, z, &lo, &up);
    break;
  case SURV_PROP_CLOPPER_PEARSON:
    rc = clopper_pearson(xd, nd, alpha, &lo, &up);
    break;
  case SURV_PROP_JEFFREYS:
    rc = jeffreys(xd, nd, alpha, &lo, &up);
    break;
  case SURV_PROP_MIDP:
    rc = mid_p(xd, nd, alpha, &lo, &up);
    break;
  case SURV_PROP_LOGIT:
    logit(xd, nd, z, alpha, &lo, &up);
    break;
  case SURV_PROP_ARCSINE:
    arcsine(xd, nd, z, &lo, &up);
    break;
  case SURV_PROP_LR:
    rc = likelihood(xd, nd, z, &lo, &up);
    break;
  case SURV_PROP_BLAKER:
    rc = blaker(xd, nd, alpha, &lo, &up);
    break;
  }
  if (rc != SURV_OK)
    return rc;
  lo = surv__clamp01(lo);
  up = surv__clamp01(up);
  if (lo > up) /* cannot happen for these methods; keep the promise anyway */
    lo = up;
  *lower = lo;
  *upper = up;
  return SURV_OK;
}

/* Exact binomial test, R binom.test: less = P(X <= x), greater = P(X >= x);
 * two-sided sums the probabilities of outcomes no more likely than x (with
 * R's relative tolerance 1 + 1e-7) on the far side of m = n p0. */
SURV_EXPORT int surv_binom_test(long x, long n, double p0, surv_alternative alt,
                                surv_test *out) {
  double xd, nd, pv, d, m, rel = 1.0 + 1e-7, q0, lo, hi, mid, y;
  if (!out)
    return SURV_ENULL;
  if (n < 1 || x < 0 || x > n)
    return SURV_ECOUNT;
  if (!(p0 >= 0.0 && p0 <= 1.0))
    return SURV_EPROB;
  if ((int)alt < (int)SURV_TWO_SIDED || (int)alt > (int)SURV_GREATER)
    return SURV_EINVAL;
  if ((long long)n > PROP_MAX_N)
    return SURV_ESIZE;
  xd = (double)x;
  nd = (double)n;
  q0 = 1.0 - p0;
  if (alt == SURV_LESS)
    pv = binom_le(xd, nd, p0);
  else if (alt == SURV_GREATER)
    pv = binom_ge(xd, nd, p0);
  else if (p0 == 0.0)
    pv = x == 0 ? 1.0 : 0.0;
  else if (p0 == 1.0)
    pv = x == n ? 1.0 : 0.0;
  else {
    d = binom_pmf(xd, nd, p0, q0) * rel;
    m = nd * p0;
    if (xd == m)
      pv = 1.0;
    else if (xd < m) {
      /* R counts i in ceil(m)..n with f(i) <= d. The mode floor(m + p0) is
       * at most ceil(m), so f does not increase there and those i form a
       * tail j..n: find j by bisection (O(log n) pmf values, not O(n)). */
      lo = ceil(m) - 1.0; /* never evaluated: f(lo) > d is not needed */
      hi = nd + 1.0;      /* never evaluated: counts as f <= d */
      while (hi - lo > 1.0) {
        mid = floor((lo + hi) / 2.0);
        if (binom_pmf(mid, nd, p0, q0) <= d)
          hi = mid;
        else
          lo = mid;
      }
      y = nd + 1.0 - hi;
      pv = binom_le(xd, nd, p0) + binom_ge(nd - y + 1.0, nd, p0);
    } else {
      /* R counts i in 0..floor(m) with f(i) <= d; the mode is at least
       * floor(m), so f does not decrease there and those i are 0..y-1. */
      lo = -1.0;
      hi = floor(m) + 1.0;
      while (hi - lo > 1.0) {
        mid = floor((lo + hi) / 2.0);
        if (binom_pmf(mid, nd, p0, q0) <= d)
          lo = mid;
        else
          hi = mid;
      }
      y = lo + 1.0;
      pv = binom_le(y - 1.0, nd, p0) + binom_ge(xd, nd, p0);
    }
  }
  out->statistic = xd; /* R's statistic: the number of successes */
  out->df = NAN;
  out->p_value = fmin(1.0, pv);
  return SURV_OK;
}
