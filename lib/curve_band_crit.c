/* Critical values of the simultaneous confidence bands of a survival curve
 * (surv_curve_band_critical; used by surv_curve_band in lib/curve_band.c):
 * the quantiles of two functionals of a Brownian bridge W0 on [a, b],
 * 0 <= a < b < 1 (Klein & Moeschberger 2003, "Survival Analysis", 2nd ed.,
 * section 4.4):
 *
 *   Hall-Wellner (Hall & Wellner 1980, Biometrika 67:133-143):
 *     k such that P(sup_{a <= x <= b} |W0(x)| <= k) = level;
 *   equal precision (Nair 1984, Technometrics 26:265-275):
 *     c such that P(sup_{a <= x <= b} |W0(x)| / sqrt(x (1 - x)) <= c) = level.
 *
 * Both are computed, not read from a table, to about 1e-11 absolute in the
 * probability (the root to 1e-12); tests/check_bands.c compares them at
 * 1e-9 with two other exact methods (tests/fixtures/make-bands-fixtures.R:
 * the sine eigen-expansion for Hall-Wellner, Chebyshev collocation for equal
 * precision) and with Klein & Moeschberger's tables C.3 and C.4 (as copied
 * into R package km.ci 0.5-6, critical.value.hall.90/95/99) to their four
 * printed decimals. Their table C.5 (km.ci's critical.value.nair.90/95) is
 * the Miller & Siegmund (1982) approximation, not the exact value: it is
 * larger by up to 0.11 on short ranges.
 *
 * Hall-Wellner. W0 is Brownian motion W conditioned on W(1) = 0, so with
 * phi_s the N(0, s) density, t = b - a and v = 1 - b,
 *   P = int int phi_a(w) q_t(w, y) phi_v(y) dw dy / phi_1(0)
 * over (-k, k)^2, where q_t is the transition density of W killed on
 * leaving (-k, k), by the method of images (Feller 1971, vol. II, X.5):
 *   q_t(w, y) = sum_j [phi_t(y - w + 4jk) - phi_t(y + w + 2k + 4jk)].
 * The integral over y of each image term is closed form (a product of two
 * normal densities), a difference of two normal distribution functions; the
 * integral over w (absent when a = 0: w = 0) is adaptive Gauss-Kronrod
 * (7/15 points) on [0, k] (the integrand is even). For a = 0 and b -> 1 the
 * formula is Kolmogorov's series.
 *
 * Equal precision. U(u) = W0(x) / sqrt(x (1 - x)) with u = log(x / (1 - x))
 * / 2 is the stationary Ornstein-Uhlenbeck process with covariance
 * exp(-|u - u'|) (generator f'' - u f'), on an interval of length
 *   T = log(b (1 - a) / (a (1 - b))) / 2,
 * so P = P(|U| <= c on [0, T]) with U(0) ~ N(0, 1). The generator with
 * Dirichlet conditions at +-c is self-adjoint with weight phi (the N(0, 1)
 * density); with its even eigenfunctions f_j (f_j(0) = 1, f_j'(0) = 0,
 * f_j(c) = 0) and eigenvalues l_j,
 *   P = sum_j exp(-l_j T) <1, f_j>^2 / <f_j, f_j>,
 * inner products on (-c, c) with weight phi (odd eigenfunctions are
 * orthogonal to 1). Both are boundary terms of the equation
 * (phi f')' = -l phi f: <1, f> = -2 phi(c) f'(c) / l and, with g = df/dl,
 * <f, f> = 2 phi(c) f'(c) g(c), so each term is
 *   exp(-l T) 2 phi(c) f'(c) / (l^2 g(c)).
 * f and g at c come from Taylor series of the equation (order 30, steps of
 * at most 0.8 / sqrt(l), so no series loses digits); the j-th eigenvalue is
 * bracketed by counting the zeros of f on (0, c) (Sturm: f has j zeros for
 * l_{j-1} < l < l_j) and polished by Brent's method on f(c; l). Terms are
 * summed until exp(-l T) < 1e-17; T below about 40 (c / (pi EP_MAX_EIGEN))^2
 * (about 1e-3 for c = 3) would need more than EP_MAX_EIGEN eigenvalues
 * (SURV_ENOCONV). At T = 0 the sum is Parseval's
 * 2 Phi(c) - 1.
 *
 * Each critical value is the root of P(k) - level by Brent's method between
 * a bracket from the pointwise value. No allocation; cost: Hall-Wellner
 * about 1e5 normal distribution evaluations, equal precision a few ODE
 * sweeps per eigenvalue, both well under a millisecond for T > 0.1. */
#include <math.h>

#include "curve_internal.h"
#include "numerics.h"

#define SQRT_2PI 2.506628274631000502415765

/* N(0, s) density at x */
static double dnorm_var(double x, double s) {
  return exp(-0.5 * x * x / s) / (SQRT_2PI * sqrt(s));
}

/* ---- Hall-Wellner -------------------------------------------------------- */

typedef struct hw_ctx {
  double k, a, t, v, level;
} hw_ctx;

/* panels left to an adaptive integration */
typedef struct gk_budget {
  long left;
} gk_budget;

/* int_{-k}^{k} phi_t(y - m) phi_v(y) dy */
static double hw_inner(const hw_ctx *h, double m) {
  double tv = h->t + h->v, mu = m * h->v / tv, s = sqrt(h->t * h->v / tv);
  double lo = (-h->k - mu) / s, hi = (h->k - mu) / s, mass;
  /* difference of normal distribution functions on the accurate side */
  if (lo > 0.0)
    mass = surv__pnorm(-lo) - surv__pnorm(-hi);
  else
    mass = surv__pnorm(hi) - surv__pnorm(lo);
  return dnorm_var(m, tv) * mass;
}

/* sum over the images of int q_t(w, y) phi_v(y) dy */
static double hw_images(const hw_ctx *h, double w) {
  double k = h->k, sum = hw_inner(h, w) - hw_inner(h, -w - 2.0 * k);
  /* an image at m contributes nothing once m v / (t + v) is 10 sd(y | m)
   * past the strip or m is 12 sd(m) = 12 sqrt(t + v) out */
  double tv = h->t + h->v, sd = sqrt(h->t * h->v / tv);
  double m1 = (k + 10.0 * sd) * tv / h->v + k, m2 = 12.0 * sqrt(tv) + 2.0 * k;
  double jm = ceil((m1 < m2 ? m1 : m2) / (4.0 * k)) + 1.0;
  long j, jmax = jm < 1e6 ? (long)jm : 1000000L;
  for (j = 1; j <= jmax; j++) {
    double s = 4.0 * (double)j * k;
    sum += hw_inner(h, w - s) + hw_inner(h, w + s) -
           hw_inner(h, -w - 2.0 * k - s) - hw_inner(h, -w - 2.0 * k + s);
  }
  return sum;
}

static double hw_integrand(double w, const void *ctx) {
  const hw_ctx *h = ctx;
  return dnorm_var(w, h->a) * hw_images(h, w);
}

/* Gauss-Kronrod 7/15 nodes and weights on [-1, 1] (Kronrod 1965; the
 * values of QUADPACK's qk15, Piessens et al. 1983). */
static const double xgk[8] = {
    0.991455371120812639206854697526329, 0.949107912342758524526189684047851,
    0.864864423359769072789712788640926, 0.741531185599394439863864773280788,
    0.586087235467691130294144845693013, 0.405845151377397166906606412076961,
    0.207784955007898467600689403773245, 0.000000000000000000000000000000000};
static const double wgk[8] = {
    0.022935322010529224963732008058970, 0.063092092629978553290700663189204,
    0.104790010322250183839876322541518, 0.140653259715525918745189590510238,
    0.169004726639267902826583426598550, 0.190350578064785409913256402421014,
    0.204432940075298892414161999234649, 0.209482141084727828012999174891714};
static const double wg[4] = {
    0.129484966168869693270611432679082, 0.279705391489276667901467771423780,
    0.381830050505118944950369775488975, 0.417959183673469387755102040816327};

/* adaptive Gauss-Kronrod on [lo, hi]: a panel is accepted when its
 * Kronrod - Gauss difference is below tol times its share of the width
 * (tol per unit length), or at depth 30 */
static double gk_adapt(surv__fn f, const void *ctx, double lo, double hi,
                       double tol, int depth, gk_budget *bud) {
  double c = 0.5 * (lo + hi), r = 0.5 * (hi - lo), fc = f(c, ctx);
  double k = fc * wgk[7], g = fc * wg[3];
  int i;
  for (i = 0; i < 7; i++) {
    double f1 = f(c - r * xgk[i], ctx), f2 = f(c + r * xgk[i], ctx);
    k += wgk[i] * (f1 + f2);
    if (i % 2 == 1)
      g += wg[i / 2] * (f1 + f2);
  }
  k *= r;
  g *= r;
  if (depth >= 30 || fabs(k - g) <= tol * (hi - lo) || --bud->left < 0)
    return k;
  return gk_adapt(f, ctx, lo, c, tol, depth + 1, bud) +
         gk_adapt(f, ctx, c, hi, tol, depth + 1, bud);
}

/* P(sup_{a <= x <= b} |W0(x)| <= k); NaN when 4000 panels do not reach
 * the tolerance */
static double hw_prob(double k, double a, double b) {
  hw_ctx h;
  gk_budget bud = {4000};
  double p;
  h.k = k;
  h.a = a;
  h.t = b - a;
  h.v = 1.0 - b;
  if (a == 0.0)
    return surv__clamp01(hw_images(&h, 0.0) * SQRT_2PI);
  p = 2.0 * gk_adapt(hw_integrand, &h, 0.0, k, 1e-13 / k, 0, &bud) * SQRT_2PI;
  return bud.left < 0 ? NAN : surv__clamp01(p);
}

/* ---- equal precision ----------------------------------------------------- */

#define EP_ORDER 30
#define EP_MAX_EIGEN 200

/* f(c), f'(c), g(c) = df/dl(c) for f'' = u f' - l f, f(0) = 1, f'(0) = 0,
 * and the number of sign changes of f on (0, c]. */
typedef struct ep_sol {
  double f, fp, g;
  long zeros;
} ep_sol;

static ep_sol ep_solve(double l, double c) {
  ep_sol s;
  double y = 1.0, yp = 0.0, z = 0.0, zp = 0.0, h;
  long i, n;
  h = l > 1.0 ? 0.8 / sqrt(l) : 0.25;
  n = (long)ceil(c / h);
  h = c / (double)n;
  s.zeros = 0;
  for (i = 0; i < n; i++) {
    double u0 = h * (double)i, a[EP_ORDER + 2], b[EP_ORDER + 2];
    double ny = 0.0, nyp = 0.0, nz = 0.0, nzp = 0.0, hp = 1.0;
    int k;
    a[0] = y;
    a[1] = yp;
    b[0] = z;
    b[1] = zp;
    /* (k + 2)(k + 1) a_{k+2} = u0 (k + 1) a_{k+1} + (k - l) a_k, and the
     * same differentiated in l for b */
    for (k = 0; k < EP_ORDER; k++) {
      double d = (double)(k + 2) * (double)(k + 1);
      a[k + 2] = (u0 * (k + 1) * a[k + 1] + (k - l) * a[k]) / d;
      b[k + 2] = (u0 * (k + 1) * b[k + 1] + (k - l) * b[k] - a[k]) / d;
    }
    for (k = 0; k < EP_ORDER + 2; k++) {
      ny += a[k] * hp;
      nz += b[k] * hp;
      if (k + 1 < EP_ORDER + 2) {
        nyp += (k + 1) * a[k + 1] * hp;
        nzp += (k + 1) * b[k + 1] * hp;
      }
      hp *= h;
    }
    s.zeros += (ny < 0.0) != (y < 0.0);
    y = ny;
    yp = nyp;
    z = nz;
    zp = nzp;
  }
  s.f = y;
  s.fp = yp;
  s.g = z;
  return s;
}

typedef struct ep_root_ctx {
  double c;
} ep_root_ctx;

static double ep_f_at_c(double l, const void *ctx) {
  const ep_root_ctx *e = ctx;
  return ep_solve(l, e->c).f;
}

/* The j-th even eigenvalue above lo (f has j zeros at lo) into *l. */
static int ep_eigen(double c, long j, double lo, double *l) {
  ep_root_ctx e;
  double step = 2.0 + (M_PI / c) * (M_PI / c) * (double)(2 * j + 2), hi;
  long zh;
  int guard = 0;
  e.c = c;
  hi = lo + step;
  while ((zh = ep_solve(hi, c).zeros) <= j) {
    lo = hi;
    step *= 2.0;
    hi = lo + step;
    if (++guard > 200)
      return SURV_ENOCONV;
  }
  while (zh > j + 1) { /* narrow to one eigenvalue by counting */
    double mid = 0.5 * (lo + hi);
    long zm = ep_solve(mid, c).zeros;
    if (zm <= j)
      lo = mid;
    else {
      hi = mid;
      zh = zm;
    }
    if (++guard > 400)
      return SURV_ENOCONV;
  }
  return surv__brent(ep_f_at_c, &e, lo, hi, ep_f_at_c(lo, &e),
                     ep_f_at_c(hi, &e), 0.0, l);
}

/* P(|U| <= c on [0, T]) into *p */
static int ep_prob(double c, double T, double *p) {
  double sum = 0.0, lo = 0.0, dc = exp(-0.5 * c * c) / SQRT_2PI;
  long j;
  /* l_j is about ((2j + 1) pi / (2c))^2: too many terms for a short T */
  if (!(c * sqrt(40.0 / T) / M_PI < (double)EP_MAX_EIGEN))
    return SURV_ENOCONV;
  for (j = 0; j < EP_MAX_EIGEN; j++) {
    double l, decay;
    ep_sol s;
    int rc = ep_eigen(c, j, lo, &l);
    if (rc != SURV_OK)
      return rc;
    s = ep_solve(l, c);
    decay = exp(-l * T);
    sum += decay * 2.0 * dc * s.fp / (l * l * s.g);
    if (decay < 1e-17) {
      *p = surv__clamp01(sum);
      return SURV_OK;
    }
    lo = l + 1e-3 * (1.0 + l); /* below the next: gaps exceed 1 */
  }
  return SURV_ENOCONV;
}

/* ---- the critical values ------------------------------------------------- */

typedef struct crit_ctx {
  int ep;
  double a, b, T, level;
  int rc;
} crit_ctx;

static double crit_fn(double x, const void *vctx) {
  crit_ctx *cc = (crit_ctx *)vctx;
  double p;
  if (!cc->ep) {
    p = hw_prob(x, cc->a, cc->b);
    if (isnan(p))
      cc->rc = SURV_ENOCONV;
    return p - cc->level;
  }
  if ((cc->rc = ep_prob(x, cc->T, &p)) != SURV_OK)
    return NAN;
  return p - cc->level;
}

int surv__band_critical(int ep, double a, double b, double level,
                        double *crit) {
  crit_ctx cc;
  double lo, hi, flo, fhi, r;
  int rc, guard = 0;
  cc.ep = ep;
  cc.a = a;
  cc.b = b;
  cc.level = level;
  cc.rc = SURV_OK;
  cc.T = ep ? 0.5 * (log(b / a) + log1p(-a) - log1p(-b)) : 0.0;
  if (ep) {
    /* the pointwise quantile bounds the supremum's from below */
    lo = surv__z_two_sided(level);
    if (!(lo > 0.05)) /* a level next to 0 */
      lo = 0.05;
    hi = lo + 0.5;
  } else {
    /* P <= P(|W0(b)| <= k) <= 0.8 k / sd(W0(b)); P >= 1 - 2 exp(-2 k^2) */
    lo = 0.5 * level * sqrt(b * (1.0 - b));
    if (!(lo > 0.01 * sqrt(b - a))) /* a level next to 0: P is ~0 there */
      lo = 0.01 * sqrt(b - a);
    hi = sqrt(0.5 * log(2.0 / (1.0 - level))) + 0.1;
  }
  flo = crit_fn(lo, &cc);
  if (cc.rc != SURV_OK)
    return cc.rc;
  while ((fhi = crit_fn(hi, &cc)) < 0.0) {
    if (cc.rc != SURV_OK || ++guard > 60)
      return cc.rc != SURV_OK ? cc.rc : SURV_ENOCONV;
    lo = hi;
    flo = fhi;
    hi += 0.5;
  }
  if (cc.rc != SURV_OK)
    return cc.rc;
  rc = surv__brent(crit_fn, &cc, lo, hi, flo, fhi, 1e-12, &r);
  if (rc == SURV_OK && cc.rc != SURV_OK)
    rc = cc.rc;
  if (rc == SURV_OK)
    *crit = r;
  return rc;
}

SURV_EXPORT int surv_curve_band_critical(surv_curve_band_method method,
                                         double a_lower, double a_upper,
                                         double level, double *critical) {
  if (!critical)
    return SURV_ENULL;
  if ((unsigned)method > (unsigned)SURV_CURVE_BAND_EP)
    return SURV_EINVAL;
  if (!(level > 0.0 && level < 1.0))
    return SURV_ELEVEL;
  if (!(a_lower >= 0.0 && a_lower < a_upper && a_upper < 1.0) ||
      (method == SURV_CURVE_BAND_EP && a_lower == 0.0))
    return SURV_EPROB;
  return surv__band_critical(method == SURV_CURVE_BAND_EP, a_lower, a_upper,
                             level, critical);
}
