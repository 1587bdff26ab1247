/* Sample size and power.
 *
 * Normal-approximation tests share one form. With s the square root of the
 * size (events for the log-rank test, n for one proportion, n1 for two),
 * the statistic's numerator has mean s |d| - c/s (c the continuity
 * correction, else 0), its null standard deviation is s0 and its standard
 * deviation under the alternative s1 (both per unit of s), so that
 *     power = Phi((s |d| - c/s - z s0) / s1)
 *           [+ Phi((-s |d| - c/s - z s0) / s1) when two-sided and strict],
 * z = Phi^{-1}(1 - alpha) one-sided, Phi^{-1}(1 - alpha/2) two-sided.
 *   log-rank, Schoenfeld (1981, Biometrika 68:316-319; 1983, Biometrics
 *     39:499-503): |d| = |log hr| sqrt(r) / (1 + r), s0 = s1 = 1;
 *   log-rank, Freedman (1982, Stat Med 1:121-129): |d| = |1 - hr| sqrt(r) /
 *     (1 + r hr), s0 = s1 = 1;
 *   one proportion: d = p1 - p0, s0 = sqrt(p0 q0), s1 = sqrt(p1 q1), c = 1/2;
 *   two proportions (R's power.prop.test, src/library/stats/R/power.R, for r
 *     = 1): d = p1 - p2, pbar = (p1 + r p2)/(1 + r), s0 = sqrt(pbar qbar (1 +
 *     1/r)), s1 = sqrt(p1 q1 + p2 q2 / r), c = (1 + 1/r)/2 (Fleiss, Tytun and
 *     Ury 1980, Biometrics 36:343-346).
 * r = n2/n1. Sizes: without strict, s |d| - c/s = K = z s0 + z_beta s1 is a
 * quadratic in s: n = n0/4 (1 + sqrt(1 + 4c/(n0 |d|)))^2, n0 = (K/d)^2 (the
 * Fleiss-Tytun-Ury formula; n0 without the correction); with strict the
 * power is increasing in s and Brent (surv__brent) finds s in [0, the
 * non-strict root]. R finds n with uniroot at tol = eps^0.25 (n to ~1e-4);
 * ours is the root to full precision (R agrees with tol = 1e-12).
 *
 * Log-rank designs: n = E / P(event), P(event) = (P1 + r P2)/(1 + r) with
 * Pj = lambda_j/mu_j (1 - exp(-mu_j f) (1 - exp(-mu_j a))/(mu_j a)), mu_j =
 * lambda_j + eta (exponential survival and dropout eta, uniform accrual over
 * a, further follow-up f: Rubinstein, Gail and Santner 1981, J Chronic Dis
 * 34:469-479; Lachin and Foulkes 1986, Biometrics 42:507-519), lambda_j/mu_j
 * when a = f = 0 (no administrative censoring). Lachin and Foulkes's method
 * (their equation for the exponential test with uniform entry, section 2-3)
 * is the normal form in s = sqrt(n) itself: the MLE of a hazard lambda from
 * n Q subjects has variance phi(lambda)/(n Q), phi(lambda) = lambda^2 /
 * P(lambda) (P as Pj above), so for the difference of the hazards d =
 * |lambda1 - lambda2|, s0^2 = phi(lambdabar) (1/Q1 + 1/Q2) at the pooled
 * lambdabar = Q1 lambda1 + Q2 lambda2 (H0) and s1^2 = phi(lambda1)/Q1 +
 * phi(lambda2)/Q2 (H1); on the log hazards (the delta method) d = |log hr|
 * and phi(lambda) = 1/P(lambda). The power of a design of total size n
 * (surv_power_logrank_total) inverts the same forms at s = sqrt(n)
 * (Schoenfeld and Freedman with n P(event) events). Checked against the
 * printed examples of gsDesign's nSurvival and nSurv (R package gsDesign,
 * which implements the same equations) and SAS PROC SEQDESIGN (see
 * tests/check_power.c).
 *
 * Exact tests: the power is the probability under (p1[, p2]) of the tables
 * R's binom.test / fisher.test reject at p-value <= alpha. One proportion:
 * the p-value is monotone in x on each side of n p0, so each tail of the
 * rejection region is found by bisection with surv_binom_test, O(log n)
 * tests, and the power is a sum of O(n) binomial terms. Two proportions:
 * conditioning on the total t = x1 + x2, Fisher's p-value is monotone in
 * x1 on each side of the hypergeometric mode, so each tail is found by a
 * search outward from the previous total's boundary (doubling steps, then
 * bisection) with the library's 2 x 2 code (surv__hyper2_p, lib/numerics.c);
 * power = sum over t of sum over the rejected x1 of f1(x1) f2(t - x1).
 * A p-value is O(support) and a few are needed per total: O((n1 + n2)
 * min(n1, n2)) in all (1.7 ms at n1 = n2 = 100, 0.11 s at 1000, 0.49 s at
 * 2000, tests/bench_power). Binomial pmfs by
 * the ratio recurrence from the mode, normalised (relative error ~ n eps).
 * Exact sizes: the smallest n (n1) whose power reaches the target, tried in
 * turn from 1 (the power is not monotone in n), up to max_n (SURV_ELIMIT).
 */
#include <float.h>
#include <math.h>
#include <stdlib.h>

#include "surv_internal.h"

#define POWER_MAX_N_DEFAULT 1000
#define POWER_KNOWN_FLAGS                                                      \
  (SURV_POWER_ONE_SIDED | SURV_POWER_STRICT | SURV_POWER_CONTINUITY |          \
   SURV_POWER_LOG_HAZARD)
/* n for the exact tests: integers up to 2^31 (the work is O(n) or more). */
#define POWER_EXACT_N_MAX 2147483647.0

/* ---- options ----------------------------------------------------------- */

static int power_options(const surv_power_options *opt, surv_power_options *o) {
  static const surv_power_options defaults = SURV_POWER_OPTIONS_INIT;
  int rc = surv__options_copy(opt, sizeof *o, &defaults, o);
  if (rc != SURV_OK)
    return rc;
  if (o->alpha == 0.0)
    o->alpha = 0.05;
  if (o->ratio == 0.0)
    o->ratio = 1.0;
  if (o->max_n == 0)
    o->max_n = POWER_MAX_N_DEFAULT;
  if (!(o->alpha > 0.0 && o->alpha < 1.0))
    return SURV_EPROB;
  if (!(o->ratio > 0.0) || !isfinite(o->ratio) ||
      (o->flags & ~POWER_KNOWN_FLAGS) ||
      (unsigned)o->method > SURV_POWER_LACHIN_FOULKES)
    return SURV_EINVAL;
  if ((o->flags & SURV_POWER_LOG_HAZARD) &&
      o->method != SURV_POWER_LACHIN_FOULKES)
    return SURV_EINVAL;
  if (!(o->accrual >= 0.0) || !isfinite(o->accrual) || !(o->follow_up >= 0.0) ||
      !isfinite(o->follow_up))
    return SURV_ETIME;
  if (!(o->dropout >= 0.0) || !isfinite(o->dropout))
    return SURV_EINVAL;
  return SURV_OK;
}

static int two_sided(const surv_power_options *o) {
  return !(o->flags & SURV_POWER_ONE_SIDED);
}

/* The critical value z: Phi^{-1}(1 - alpha/sides), from the lower tail (as
 * R's qnorm(alpha/sides, lower.tail = FALSE)). */
static double crit(const surv_power_options *o) {
  return -surv__qnorm(two_sided(o) ? 0.5 * o->alpha : o->alpha);
}

/* ---- the normal-approximation form --------------------------------------- */

typedef struct normal_design {
  double d, s0, s1, c, z; /* |effect|, sds per unit of s, correction, z */
  int strict;
} normal_design;

static double normal_power(const normal_design *nd, double s) {
  double far, near;
  if (s == 0.0) /* the limit: only the uncorrected test keeps a chance */
    return nd->c > 0.0 ? 0.0
                       : surv__pnorm(-nd->z * nd->s0 / nd->s1) *
                             (nd->strict ? 2.0 : 1.0);
  near = surv__pnorm((s * nd->d - nd->c / s - nd->z * nd->s0) / nd->s1);
  if (!nd->strict)
    return near;
  far = surv__pnorm((-s * nd->d - nd->c / s - nd->z * nd->s0) / nd->s1);
  return near + far;
}

typedef struct normal_root {
  const normal_design *nd;
  double target;
} normal_root;

static double normal_root_fn(double s, const void *ctx) {
  const normal_root *r = ctx;
  return normal_power(r->nd, s) - r->target;
}

/* The size s^2 with power `power`: SURV_EPROB when that power is reached at
 * size 0 already (power at most the test's size), SURV_EINVAL when d = 0. */
static int normal_size(const normal_design *nd, double power, double *size) {
  double zb = surv__qnorm(power), k = nd->z * nd->s0 + zb * nd->s1, n0, n;
  if (!(nd->d > 0.0) || !isfinite(nd->d))
    return SURV_EINVAL;
  if (!(k > 0.0) || normal_power(nd, 0.0) >= power)
    return SURV_EPROB;
  n0 = (k / nd->d) * (k / nd->d);
  n = nd->c > 0.0 ? 0.25 * n0 * (1.0 + sqrt(1.0 + 4.0 * nd->c / (n0 * nd->d))) *
                        (1.0 + sqrt(1.0 + 4.0 * nd->c / (n0 * nd->d)))
                  : n0;
  if (nd->strict) {
    normal_root r;
    double s_hi = sqrt(n), s;
    int rc;
    r.nd = nd;
    r.target = power;
    rc = surv__brent(normal_root_fn, &r, 0.0, s_hi, normal_root_fn(0.0, &r),
                     normal_root_fn(s_hi, &r), 0.0, &s);
    if (rc != SURV_OK)
      return rc;
    n = s * s;
  }
  if (!isfinite(n))
    return SURV_ESIZE;
  *size = n;
  return SURV_OK;
}

/* ---- log-rank ----------------------------------------------------------- */

static int logrank_design(double hr, const surv_power_options *o,
                          normal_design *nd) {
  double r = o->ratio;
  if (!(hr > 0.0) || !isfinite(hr) || hr == 1.0)
    return SURV_EINVAL;
  switch (o->method) {
  case SURV_POWER_DEFAULT:
  case SURV_POWER_SCHOENFELD:
    nd->d = fabs(log(hr)) * sqrt(r) / (1.0 + r);
    break;
  case SURV_POWER_FREEDMAN:
    nd->d = fabs(1.0 - hr) * sqrt(r) / (1.0 + r * hr);
    break;
  default:
    return SURV_EINVAL;
  }
  if (o->flags & SURV_POWER_CONTINUITY)
    return SURV_EINVAL;
  nd->s0 = nd->s1 = 1.0;
  nd->c = 0.0;
  nd->z = crit(o);
  nd->strict = two_sided(o) && (o->flags & SURV_POWER_STRICT);
  return SURV_OK;
}

SURV_EXPORT int surv_power_logrank(double hr, double events,
                                   const surv_power_options *opt,
                                   double *power) {
  surv_power_options o;
  normal_design nd;
  int rc;
  if (!power)
    return SURV_ENULL;
  if ((rc = power_options(opt, &o)) != SURV_OK ||
      (rc = logrank_design(hr, &o, &nd)) != SURV_OK)
    return rc;
  if (!(events > 0.0) || !isfinite(events))
    return SURV_EINVAL;
  *power = normal_power(&nd, sqrt(events));
  return SURV_OK;
}

static int check_target(double power) {
  return power > 0.0 && power < 1.0 ? SURV_OK : SURV_EPROB;
}

SURV_EXPORT int surv_power_logrank_events(double hr, double power,
                                          const surv_power_options *opt,
                                          double *events) {
  surv_power_options o;
  normal_design nd;
  double e;
  int rc;
  if (!events)
    return SURV_ENULL;
  if ((rc = power_options(opt, &o)) != SURV_OK ||
      (rc = logrank_design(hr, &o, &nd)) != SURV_OK ||
      (rc = check_target(power)) != SURV_OK ||
      (rc = normal_size(&nd, power, &e)) != SURV_OK)
    return rc;
  *events = e;
  return SURV_OK;
}

/* P(event observed) for hazard lambda, dropout eta, accrual a, follow-up f. */
static double p_event_arm(double lambda, double eta, double a, double f) {
  double mu = lambda + eta, frac = lambda / mu, g;
  if (a == 0.0 && f == 0.0)
    return frac;
  g = mu * a > 0.0 ? -expm1(-mu * a) / (mu * a) : 1.0; /* 1: the limit */
  return frac * (1.0 - exp(-mu * f) * g);
}

/* A log-rank design: the normal form in s = sqrt(total n) and the
 * probability pe that a subject's event is observed. Schoenfeld and
 * Freedman: the events' form with d scaled by sqrt(pe) (events = n pe).
 * Lachin and Foulkes: group fractions q1 = 1/(1 + r), q2 = r/(1 + r), P1,
 * P2 and Pbar the event probabilities at lambda1, lambda2 and lambdabar =
 * q1 lambda1 + q2 lambda2; hazard difference: d = |lambda1 - lambda2|,
 * s0^2 = phi(lambdabar)/(q1 q2), s1^2 = phi(lambda1)/q1 + phi(lambda2)/q2,
 * phi(l) = l^2/P(l); log hazard: d = |log hr| and phi(l) = 1/P(l). */
static int logrank_accrual_design(double hr, double lambda0,
                                  const surv_power_options *o,
                                  normal_design *nd, double *pe) {
  double r = o->ratio, l1 = lambda0, l2 = hr * lambda0, p1, p2;
  int rc;
  if (!(hr > 0.0) || !isfinite(hr) || hr == 1.0 || !(lambda0 > 0.0) ||
      !isfinite(lambda0) || !isfinite(l2) || !(l2 > 0.0))
    return SURV_EINVAL;
  p1 = p_event_arm(l1, o->dropout, o->accrual, o->follow_up);
  p2 = p_event_arm(l2, o->dropout, o->accrual, o->follow_up);
  *pe = (p1 + r * p2) / (1.0 + r);
  if (o->method != SURV_POWER_LACHIN_FOULKES) {
    if ((rc = logrank_design(hr, o, nd)) != SURV_OK)
      return rc;
    if (!(*pe > 0.0))
      return SURV_ESIZE; /* no event is ever observed (underflow) */
    nd->d *= sqrt(*pe);
  } else {
    double q1 = 1.0 / (1.0 + r), q2 = r / (1.0 + r), lbar = q1 * l1 + q2 * l2;
    double pbar = p_event_arm(lbar, o->dropout, o->accrual, o->follow_up);
    if (o->flags & SURV_POWER_CONTINUITY)
      return SURV_EINVAL;
    if (!(p1 > 0.0) || !(p2 > 0.0) || !(pbar > 0.0))
      return SURV_ESIZE; /* underflow: an arm without events */
    if (o->flags & SURV_POWER_LOG_HAZARD) {
      nd->d = fabs(log(hr));
      nd->s0 = sqrt(1.0 / (pbar * q1 * q2));
      nd->s1 = sqrt(1.0 / (q1 * p1) + 1.0 / (q2 * p2));
    } else {
      nd->d = fabs(l1 - l2);
      nd->s0 = lbar * sqrt(1.0 / (pbar * q1 * q2));
      nd->s1 = sqrt(l1 * l1 / (q1 * p1) + l2 * l2 / (q2 * p2));
    }
    if (!isfinite(nd->s0) || !isfinite(nd->s1) || !(nd->d > 0.0))
      return SURV_ESIZE;
    nd->c = 0.0;
    nd->z = crit(o);
    nd->strict = two_sided(o) && (o->flags & SURV_POWER_STRICT);
  }
  return SURV_OK;
}

SURV_EXPORT int surv_power_logrank_n(double hr, double lambda0, double power,
                                     const surv_power_options *opt, double *n,
                                     double *events, double *p_event) {
  surv_power_options o;
  normal_design nd;
  double size, pe;
  int rc;
  if (!n)
    return SURV_ENULL;
  if ((rc = power_options(opt, &o)) != SURV_OK)
    return rc;
  if (o.method != SURV_POWER_LACHIN_FOULKES &&
      (rc = logrank_design(hr, &o, &nd)) != SURV_OK)
    return rc;
  if (!(hr > 0.0) || !isfinite(hr) || hr == 1.0 || !(lambda0 > 0.0) ||
      !isfinite(lambda0) || !isfinite(hr * lambda0) ||
      (o.flags & SURV_POWER_CONTINUITY))
    return SURV_EINVAL;
  if ((rc = check_target(power)) != SURV_OK ||
      (rc = logrank_accrual_design(hr, lambda0, &o, &nd, &pe)) != SURV_OK ||
      (rc = normal_size(&nd, power, &size)) != SURV_OK)
    return rc;
  if (!isfinite(size) || !(size * pe > 0.0))
    return SURV_ESIZE;
  *n = size;
  if (events)
    *events = size * pe;
  if (p_event)
    *p_event = pe;
  return SURV_OK;
}

SURV_EXPORT int surv_power_logrank_total(double hr, double lambda0, double n,
                                         const surv_power_options *opt,
                                         double *power, double *events) {
  surv_power_options o;
  normal_design nd;
  double pe;
  int rc;
  if (!power)
    return SURV_ENULL;
  if ((rc = power_options(opt, &o)) != SURV_OK)
    return rc;
  if (!(n > 0.0) || !isfinite(n))
    return SURV_EINVAL;
  if ((rc = logrank_accrual_design(hr, lambda0, &o, &nd, &pe)) != SURV_OK)
    return rc;
  *power = normal_power(&nd, sqrt(n));
  if (events)
    *events = n * pe;
  return SURV_OK;
}

/* ---- proportions: normal approximation ---------------------------------- */

static int prop_check(double p) {
  return p > 0.0 && p < 1.0 ? SURV_OK : SURV_EPROB;
}

/* One proportion (p0, p1) or two (p1, p2 with two = 1). */
static void prop_design(double pa, double pb, int two,
                        const surv_power_options *o, normal_design *nd) {
  double r = o->ratio;
  nd->d = fabs(pb - pa);
  if (two) {
    double pbar = (pa + r * pb) / (1.0 + r);
    nd->s0 = sqrt(pbar * (1.0 - pbar) * (1.0 + 1.0 / r));
    nd->s1 = sqrt(pa * (1.0 - pa) + pb * (1.0 - pb) / r);
    nd->c = 0.5 * (1.0 + 1.0 / r);
  } else {
    nd->s0 = sqrt(pa * (1.0 - pa));
    nd->s1 = sqrt(pb * (1.0 - pb));
    nd->c = 0.5;
  }
  if (!(o->flags & SURV_POWER_CONTINUITY))
    nd->c = 0.0;
  nd->z = crit(o);
  nd->strict = two_sided(o) && (o->flags & SURV_POWER_STRICT);
}

/* ---- binomial pmf ------------------------------------------------------ */

/* f[k] = P(X = k), X ~ Bin(n, p), k = 0..n: the ratio recurrence outward
 * from the mode, normalised. */
static void binom_pmf_all(long n, double p, double *f) {
  long m, k;
  double q = 1.0 - p, s;
  surv__ksum acc = {0.0, 0.0};
  for (k = 0; k <= n; k++)
    f[k] = 0.0;
  if (p <= 0.0 || q <= 0.0) {
    f[p <= 0.0 ? 0 : n] = 1.0;
    return;
  }
  m = (long)floor((double)(n + 1) * p);
  if (m > n)
    m = n;
  f[m] = 1.0;
  for (k = m; k < n && f[k] > 0.0; k++)
    f[k + 1] = f[k] * ((double)(n - k) / (double)(k + 1)) * (p / q);
  for (k = m; k > 0 && f[k] > 0.0; k--)
    f[k - 1] = f[k] * ((double)k / (double)(n - k + 1)) * (q / p);
  for (k = 0; k <= n; k++)
    surv__ksum_add(&acc, f[k]);
  s = surv__ksum_value(&acc);
  for (k = 0; k <= n; k++)
    f[k] /= s;
}

/* Largest x in [lo, hi] with rej(x) true, rej true then false along x
 * (lo - 1 when none); the mirror image with `up`: smallest x with rej(x)
 * (hi + 1 when none), rej false then true. */
typedef int (*reject_fn)(long x, const void *ctx, int *rej);

static int bisect(reject_fn rej, const void *ctx, long lo, long hi, int up,
                  long *out) {
  long a = lo, b = hi; /* the answer lies in [a - 1, b] (down) */
  int rc, r;
  if (lo > hi) {
    *out = up ? hi + 1 : lo - 1;
    return SURV_OK;
  }
  if (!up) {
    /* invariant: rej(a - 1) true (or a = lo), rej(b + 1) false (or b = hi) */
    while (a <= b) {
      long mid = a + (b - a) / 2;
      if ((rc = rej(mid, ctx, &r)) != SURV_OK)
        return rc;
      if (r)
        a = mid + 1;
      else
        b = mid - 1;
    }
    *out = b;
  } else {
    while (a <= b) {
      long mid = a + (b - a) / 2;
      if ((rc = rej(mid, ctx, &r)) != SURV_OK)
        return rc;
      if (r)
        b = mid - 1;
      else
        a = mid + 1;
    }
    *out = a;
  }
  return SURV_OK;
}

/* For `up`, the mirror image: x -> -x turns "false then true" into "true
 * then false". */
typedef struct mirror_ctx {
  reject_fn rej;
  const void *ctx;
} mirror_ctx;

static int mirror_reject(long x, const void *vctx, int *rej) {
  const mirror_ctx *m = vctx;
  return m->rej(-x, m->ctx, rej);
}

/* bisect's boundary, searched outward from a guess (Fisher: the previous
 * total's boundary, usually exact or one off) by doubling steps, then
 * bisection: O(log |answer - guess|) tests instead of O(log (hi - lo)). */
static int boundary(reject_fn rej, const void *ctx, long lo, long hi, int up,
                    long guess, long *out) {
  long a, b, step;
  int r = 1, rc;
  if (lo > hi) {
    *out = up ? hi + 1 : lo - 1;
    return SURV_OK;
  }
  if (up) {
    mirror_ctx m;
    long res;
    m.rej = rej;
    m.ctx = ctx;
    rc = boundary(mirror_reject, &m, -hi, -lo, 0, -guess, &res);
    if (rc == SURV_OK)
      *out = -res;
    return rc;
  }
  if (guess < lo - 1)
    guess = lo - 1;
  if (guess > hi)
    guess = hi;
  if (guess >= lo && (rc = rej(guess, ctx, &r)) != SURV_OK)
    return rc;
  if (!r) { /* below the guess: b is rejected-false, a true or lo - 1 */
    for (b = guess, step = 1;; b = a, step *= 2) {
      a = b - step;
      if (a < lo) {
        a = lo - 1;
        break;
      }
      if ((rc = rej(a, ctx, &r)) != SURV_OK)
        return rc;
      if (r)
        break;
    }
  } else { /* at or above: a true (or lo - 1), b false or hi + 1 */
    for (a = guess, step = 1;; a = b, step *= 2) {
      b = a + step;
      if (b > hi) {
        b = hi + 1;
        break;
      }
      if ((rc = rej(b, ctx, &r)) != SURV_OK)
        return rc;
      if (!r)
        break;
    }
  }
  return bisect(rej, ctx, a + 1, b - 1, 0, out);
}

/* ---- one proportion: exact binomial test ------------------------------- */

typedef struct binom_ctx {
  long n;
  double p0, alpha;
  surv_alternative alt;
} binom_ctx;

static int binom_reject(long x, const void *vctx, int *rej) {
  const binom_ctx *b = vctx;
  surv_test t;
  int rc = surv_binom_test(x, b->n, b->p0, b->alt, &t);
  if (rc != SURV_OK)
    return rc;
  *rej = t.p_value <= b->alpha;
  return SURV_OK;
}

static int binom_exact_power(double p0, double p1, long n,
                             const surv_power_options *o, double *power) {
  binom_ctx b;
  long xl = -1, xr = n + 1, k;
  double *f;
  surv__ksum acc = {0.0, 0.0};
  int rc;
  b.n = n;
  b.p0 = p0;
  b.alpha = o->alpha;
  if (two_sided(o)) {
    /* R's binom.test: the p-value is 1 at x = n p0 and grows towards it */
    double m = (double)n * p0;
    b.alt = SURV_TWO_SIDED;
    if ((rc = bisect(binom_reject, &b, 0, (long)ceil(m) - 1, 0, &xl)) !=
            SURV_OK ||
        (rc = bisect(binom_reject, &b, (long)floor(m) + 1, n, 1, &xr)) !=
            SURV_OK)
      return rc;
  } else if (p1 >= p0) {
    b.alt = SURV_GREATER;
    rc = bisect(binom_reject, &b, 0, n, 1, &xr);
  } else {
    b.alt = SURV_LESS;
    rc = bisect(binom_reject, &b, 0, n, 0, &xl);
  }
  if (rc != SURV_OK)
    return rc;
  f = surv__malloc_array((size_t)n + 1, sizeof *f);
  if (!f)
    return SURV_ENOMEM;
  binom_pmf_all(n, p1, f);
  for (k = 0; k <= xl; k++)
    surv__ksum_add(&acc, f[k]);
  for (k = xr; k <= n; k++)
    surv__ksum_add(&acc, f[k]);
  free(f);
  *power = surv__clamp01(surv__ksum_value(&acc));
  return SURV_OK;
}

/* An integer n >= 1 (exact tests), as a long. */
static int exact_n(double n, long *out) {
  if (!(n >= 1.0) || n != floor(n))
    return SURV_EINVAL;
  if (n > POWER_EXACT_N_MAX)
    return SURV_ESIZE;
  *out = (long)n;
  return SURV_OK;
}

/* ---- two proportions: Fisher's exact test ------------------------------- */

typedef struct fisher_ctx {
  surv__hyper2 h; /* the null distribution of x1 given the total */
  double alpha;
  surv_alternative alt;
} fisher_ctx;

static int fisher_reject(long x, const void *vctx, int *rej) {
  const fisher_ctx *fc = vctx;
  surv__hyper2 h = fc->h;
  h.a = x;
  *rej = surv__hyper2_p(&h, fc->alt) <= fc->alpha;
  return SURV_OK;
}

static int fisher_power(double p1, double p2, long n1, long n2,
                        const surv_power_options *o, double *power) {
  double *f1, *f2;
  long t, ntot = n1 + n2, gl = -1, gr = 1; /* the boundaries' guesses */
  surv__ksum acc = {0.0, 0.0};
  int rc = SURV_OK;
  fisher_ctx fc;
  if ((double)n1 + (double)n2 > SURV__HYPER2_TOTAL_MAX)
    return SURV_ESIZE;
  f1 = surv__malloc_array((size_t)n1 + 1, sizeof *f1);
  f2 = surv__malloc_array((size_t)n2 + 1, sizeof *f2);
  if (!f1 || !f2) {
    free(f1);
    free(f2);
    return SURV_ENOMEM;
  }
  binom_pmf_all(n1, p1, f1);
  binom_pmf_all(n2, p2, f2);
  fc.alpha = o->alpha;
  /* Table [[x1, n1 - x1], [x2, n2 - x2]]: p1 > p2 means odds ratio > 1,
   * large x1 (fisher.test's "greater"). */
  fc.alt = two_sided(o) ? SURV_TWO_SIDED : p1 >= p2 ? SURV_GREATER : SURV_LESS;
  for (t = 1; t < ntot && rc == SURV_OK; t++) {
    long lo = t > n2 ? t - n2 : 0, hi = t < n1 ? t : n1, xl = lo - 1,
         xr = hi + 1, x;
    if (lo == hi)
      continue; /* one table: p-value 1 */
    rc = surv__hyper2_init(&fc.h, lo, n1 - lo, t - lo, n2 - t + lo);
    if (rc != SURV_OK)
      break;
    if (fc.alt == SURV_TWO_SIDED) {
      size_t i, imax = 0;
      for (i = 1; i < fc.h.len; i++)
        if (fc.h.logd[i] > fc.h.logd[imax])
          imax = i;
      rc = boundary(fisher_reject, &fc, lo, lo + (long)imax - 1, 0, gl, &xl);
      if (rc == SURV_OK)
        rc = boundary(fisher_reject, &fc, lo + (long)imax + 1, hi, 1, gr, &xr);
    } else if (fc.alt == SURV_GREATER)
      rc = boundary(fisher_reject, &fc, lo, hi, 1, gr, &xr);
    else
      rc = boundary(fisher_reject, &fc, lo, hi, 0, gl, &xl);
    gl = xl;
    gr = xr;
    surv__hyper2_free(&fc.h);
    for (x = lo; x <= xl; x++)
      surv__ksum_add(&acc, f1[x] * f2[t - x]);
    for (x = xr; x <= hi; x++)
      surv__ksum_add(&acc, f1[x] * f2[t - x]);
  }
  free(f1);
  free(f2);
  if (rc != SURV_OK)
    return rc;
  *power = surv__clamp01(surv__ksum_value(&acc));
  return SURV_OK;
}

/* n2 = ratio * n1 as an integer (exact test): nearest integer when within
 * 1e-9 relative, else SURV_EINVAL. */
static int exact_n2(double ratio, long n1, long *n2) {
  double v = ratio * (double)n1, r = nearbyint(v);
  if (!(r >= 1.0) || fabs(v - r) > 1e-9 * r)
    return SURV_EINVAL;
  if (r > POWER_EXACT_N_MAX)
    return SURV_ESIZE;
  *n2 = (long)r;
  return SURV_OK;
}

/* ---- proportions: the public functions ----------------------------------
 * One proportion: pa = p0, pb = p1, two = 0; two proportions: pa = p1, pb =
 * p2, two = 1. */

static int props_setup(double pa, double pb, int two,
                       const surv_power_options *opt, surv_power_options *o) {
  int rc, exact;
  if ((rc = power_options(opt, o)) != SURV_OK)
    return rc;
  exact = o->method == SURV_POWER_EXACT;
  if (exact ? !(pb >= 0.0 && pb <= 1.0) : prop_check(pb) != SURV_OK)
    return SURV_EPROB;
  if (two && exact ? !(pa >= 0.0 && pa <= 1.0) : prop_check(pa) != SURV_OK)
    return SURV_EPROB;
  if (exact)
    return o->flags & (SURV_POWER_CONTINUITY | SURV_POWER_STRICT) ? SURV_EINVAL
                                                                  : SURV_OK;
  return o->method == SURV_POWER_DEFAULT || o->method == SURV_POWER_NORMAL
             ? SURV_OK
             : SURV_EINVAL;
}

static int exact_power(double pa, double pb, int two, long n1, long n2,
                       const surv_power_options *o, double *power) {
  return two ? fisher_power(pa, pb, n1, n2, o, power)
             : binom_exact_power(pa, pb, n1, o, power);
}

static int props_power(double pa, double pb, double n, int two,
                       const surv_power_options *opt, double *power) {
  surv_power_options o;
  normal_design nd;
  int rc;
  if (!power)
    return SURV_ENULL;
  if ((rc = props_setup(pa, pb, two, opt, &o)) != SURV_OK)
    return rc;
  if (o.method == SURV_POWER_EXACT) {
    long a, b = 0;
    double pw;
    if ((rc = exact_n(n, &a)) != SURV_OK ||
        (two && (rc = exact_n2(o.ratio, a, &b)) != SURV_OK) ||
        (rc = exact_power(pa, pb, two, a, b, &o, &pw)) != SURV_OK)
      return rc;
    *power = pw;
    return SURV_OK;
  }
  if (!(n > 0.0) || !isfinite(n))
    return SURV_EINVAL;
  prop_design(pa, pb, two, &o, &nd);
  *power = normal_power(&nd, sqrt(n));
  return SURV_OK;
}

static int props_n(double pa, double pb, double power, int two,
                   const surv_power_options *opt, double *n1, double *n2) {
  surv_power_options o;
  normal_design nd;
  double size;
  int rc;
  if (!n1)
    return SURV_ENULL;
  if ((rc = props_setup(pa, pb, two, opt, &o)) != SURV_OK ||
      (rc = check_target(power)) != SURV_OK)
    return rc;
  if (o.method == SURV_POWER_EXACT) {
    size_t k;
    if (o.max_n > (size_t)POWER_EXACT_N_MAX)
      return SURV_EINVAL;
    for (k = 1; k <= o.max_n; k++) {
      double pw, m = two ? ceil(o.ratio * (double)k - 1e-9) : 0.0;
      if (two && m < 1.0)
        m = 1.0;
      if (m > POWER_EXACT_N_MAX)
        return SURV_ESIZE;
      if ((rc = exact_power(pa, pb, two, (long)k, (long)m, &o, &pw)) != SURV_OK)
        return rc;
      if (pw >= power) {
        *n1 = (double)k;
        if (n2)
          *n2 = m;
        return SURV_OK;
      }
    }
    return SURV_ELIMIT;
  }
  prop_design(pa, pb, two, &o, &nd);
  if ((rc = normal_size(&nd, power, &size)) != SURV_OK)
    return rc;
  *n1 = size;
  if (n2)
    *n2 = o.ratio * size;
  return SURV_OK;
}

SURV_EXPORT int surv_power_binom(double p0, double p1, double n,
                                 const surv_power_options *opt, double *power) {
  return props_power(p0, p1, n, 0, opt, power);
}

SURV_EXPORT int surv_power_binom_n(double p0, double p1, double power,
                                   const surv_power_options *opt, double *n) {
  return props_n(p0, p1, power, 0, opt, n, NULL);
}

SURV_EXPORT int surv_power_prop(double p1, double p2, double n1,
                                const surv_power_options *opt, double *power) {
  return props_power(p1, p2, n1, 1, opt, power);
}

SURV_EXPORT int surv_power_prop_n(double p1, double p2, double power,
                                  const surv_power_options *opt, double *n1,
                                  double *n2) {
  return props_n(p1, p2, power, 1, opt, n1, n2);
}
