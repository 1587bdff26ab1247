/* Exact marginal likelihood of the Cox model for tied event times
 * (Kalbfleisch and Prentice 1973, Biometrika 60:267; SAS PHREG TIES=EXACT),
 * which R survival 3.5-3 does not offer (its ties = "exact" is the discrete
 * conditional likelihood, SAS TIES=DISCRETE).
 *
 * At an event time with tied events D (scores r_j = exp(eta_j)) and the rest
 * of the risk set R \ D (score sum sc), the contribution is the probability
 * that the members of D fail before every other member of R, in any order:
 *   P = sum over orderings of D of prod_k r_(k) / (sc + r_(k) + ... + r_(d)).
 * With independent exponential times of rates r this is
 * P(max_D T < min_{R \ D} T) = int_0^inf prod_j (1 - e^{-r_j t}) sc e^{-sc t}
 * dt, and with u = sc t, a_j = r_j / sc: P = int_0^inf prod_j (1 - e^{-a_j u})
 * e^{-u} du (DeLong, Guirguis and So 1994, Biometrika 81:607).
 *
 * Derivatives. Differentiating under the integral at fixed t (the measure dt
 * does not depend on beta), with m = s1c / sc, z_j = a_j u and
 * q(z) = z / (e^z - 1):
 *   G = d log I / d beta = m (1 - u) + sum_j q(z_j) x_j,
 *   H = d G / d beta' = (s2c / sc)(1 - u) - m m' + sum_j c(z_j) x_j x_j',
 * c(z) = z q'(z) = q(z)(1 - z - q(z)); then d log P = E[G] and
 * d^2 log P = E[H + G G'] - E[G] E[G]', E the average under the integrand.
 *
 * Quadrature. In s = log u the integrand is exp(phi(s)) with
 *   phi(s) = s - u + sum_j log(1 - e^{-a_j u}),
 * concave (each log(1 - e^{-a u}) is concave in u and increasing, and
 * phi'' = -u + sum_j c(z_j) < 0), so it has one mode s*, found by safeguarded
 * Newton on phi'. The integrand is analytic in a strip around the real axis
 * and decays like e^{(d+1)s} on the left and e^{-e^s} on the right, so the
 * trapezoidal rule on an equispaced grid converges exponentially; with a step
 * of min(0.05, w/5), w = (-phi''(s*))^{-1/2} the width of the peak, and the
 * grid run from s* until the integrand falls below e^{-70} of its peak, the
 * error is far below rounding. Cost O((d p + p^2) m) for m nodes. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "cox_marginal.h"
#include "surv_internal.h"

/* log(1 - e^{-z}) for z > 0 (Maechler 2012, "Accurately computing
 * log(1 - exp(-|a|))") */
static double log1mexp(double z) {
  return z <= M_LN2 ? log(-expm1(-z)) : log1p(-exp(-z));
}

/* q(z) = z / (e^z - 1) and c(z) = q(z) (1 - z - q(z)) for z >= 0 */
static void qc(double z, double *q, double *c) {
  if (z < 0.01) {
    double z2 = z * z;
    /* 1 - z - q = -z/2 - z^2/12 + z^4/720 - z^6/30240 + z^8/1209600 */
    double omq = -z / 2 - z2 / 12 +
                 z2 * z2 * (1.0 / 720 - z2 * (1.0 / 30240 - z2 / 1209600));
    *q = z > 0 ? z / expm1(z) : 1.0;
    *c = *q * omq;
    return;
  }
  if (z > 745) {
    *q = 0.0;
    *c = 0.0;
    return;
  }
  *q = z / expm1(z);
  *c = *q * (1 - z - *q);
}

/* phi, phi' and phi'' at s */
static void phi_at(size_t d, const double *a, double s, double *f, double *f1,
                   double *f2) {
  double u = exp(s), v = s - u, v1 = 1 - u, v2 = -u;
  for (size_t j = 0; j < d; j++) {
    double z = a[j] * u, q, c;
    qc(z, &q, &c);
    v += log1mexp(z);
    v1 += q;
    v2 += c;
  }
  *f = v;
  *f1 = v1;
  *f2 = v2;
}

/* The mode of phi: phi' falls from d + 1 (s -> -inf) to -inf. */
static double phi_mode(size_t d, const double *a) {
  double f, f1, f2, lo, hi, s = 0.0, step = 1.0;
  phi_at(d, a, s, &f, &f1, &f2);
  if (f1 > 0) {
    lo = s;
    for (hi = s + step;; hi = lo + (step *= 2)) {
      phi_at(d, a, hi, &f, &f1, &f2);
      if (f1 <= 0)
        break;
      lo = hi;
    }
  } else {
    hi = s;
    for (lo = s - step;; lo = hi - (step *= 2)) {
      phi_at(d, a, lo, &f, &f1, &f2);
      if (f1 >= 0)
        break;
      hi = lo;
    }
  }
  s = 0.5 * (lo + hi);
  for (int it = 0; it < 200; it++) {
    phi_at(d, a, s, &f, &f1, &f2);
    if (f1 > 0)
      lo = s;
    else
      hi = s;
    double t = s - f1 / f2;
    if (!(t > lo && t < hi))
      t = 0.5 * (lo + hi);
    if (fabs(t - s) <= 1e-14 * (1 + fabs(s)) ||
        hi - lo <= 1e-14 * (1 + fabs(s)))
      return t;
    s = t;
  }
  return s;
}

typedef struct {
  size_t d, p;
  const double *a, *xd;
  double m0; /* 1 - u weight of s1c / sc */
  const double *m;
  double *g, *a1, *a2, *cj;
  double a0, b;
} acc;

/* Adds the node at s with weight w = exp(phi(s) - phi*). */
static void add_node(acc *k, double s, double w) {
  size_t d = k->d, p = k->p;
  double u = exp(s);
  k->a0 += w;
  if (!k->g)
    return;
  for (size_t l = 0; l < p; l++)
    k->g[l] = k->m[l] * (1 - u);
  for (size_t j = 0; j < d; j++) {
    double q, c;
    qc(k->a[j] * u, &q, &c);
    const double *x = k->xd + j * p;
    for (size_t l = 0; l < p; l++)
      k->g[l] += q * x[l];
    if (k->cj)
      k->cj[j] += w * c;
  }
  k->b += w * (1 - u);
  for (size_t l = 0; l < p; l++) {
    k->a1[l] += w * k->g[l];
    if (k->a2)
      for (size_t h = 0; h <= l; h++)
        k->a2[l * p + h] += w * k->g[l] * k->g[h];
  }
}

int surv__cox_marginal_add(size_t d, size_t p, const double *r,
                           const double *xd, double sc, const double *s1c,
                           const double *s2c, double *loglik, double *u,
                           double *imat) {
  if (d == 0 || !r || (p > 0 && (u || imat) && !xd))
    return SURV_EINVAL;
  if (!isfinite(sc) || sc < 0)
    return SURV_EINVAL;
  for (size_t j = 0; j < d; j++)
    if (!isfinite(r[j]) || !(r[j] > 0))
      return SURV_EINVAL;
  if (p == 0) {
    u = NULL;
    imat = NULL;
  }
  if (sc == 0)
    return SURV_OK; /* P = 1 whatever beta */
  if ((u || imat) && !s1c)
    return SURV_EINVAL;
  if (imat && !s2c)
    return SURV_EINVAL;

  if (d == 1) { /* r / (sc + r): Breslow, Efron and the discrete alike */
    double tot = sc + r[0];
    if (loglik)
      *loglik += -log1p(sc / r[0]);
    for (size_t l = 0; l < p && (u || imat); l++) {
      double ml = (s1c[l] + r[0] * xd[l]) / tot;
      if (u)
        u[l] += xd[l] - ml;
      if (imat)
        for (size_t h = 0; h < p; h++) {
          double mh = (s1c[h] + r[0] * xd[h]) / tot;
          imat[l * p + h] +=
              (s2c[l * p + h] + r[0] * xd[l] * xd[h]) / tot - ml * mh;
        }
    }
    return SURV_OK;
  }

  double *a = surv__malloc_array(d, sizeof *a);
  double *buf = NULL;
  if (!a)
    return SURV_ENOMEM;
  for (size_t j = 0; j < d; j++) {
    a[j] = r[j] / sc;
    if (!isfinite(a[j])) {
      free(a);
      return SURV_EINVAL;
    }
  }
  acc k;
  memset(&k, 0, sizeof k);
  k.d = d;
  k.p = p;
  k.a = a;
  k.xd = xd;
  if (u || imat) {
    /* g[p], a1[p], m[p], a2[p*p], cj[d] */
    buf = surv__calloc_array(3 * p + (imat ? p * p + d : 0), sizeof *buf);
    if (!buf) {
      free(a);
      return SURV_ENOMEM;
    }
    k.g = buf;
    k.a1 = buf + p;
    double *m = buf + 2 * p;
    for (size_t l = 0; l < p; l++)
      m[l] = s1c[l] / sc;
    k.m = m;
    if (imat) {
      k.a2 = buf + 3 * p;
      k.cj = buf + 3 * p + p * p;
    }
  }

  double sm = phi_mode(d, a), fm, f1, f2;
  phi_at(d, a, sm, &fm, &f1, &f2);
  double width = 1.0 / sqrt(-f2);
  double h = width / 5 < 0.05 ? width / 5 : 0.05;
  int rc = SURV_OK;
  add_node(&k, sm, 1.0);
  size_t nodes = 1;
  for (int side = -1; side <= 1; side += 2) {
    for (size_t i = 1;; i++) {
      double s = sm + side * (double)i * h, f;
      phi_at(d, a, s, &f, &f1, &f2);
      if (f - fm < -70)
        break;
      add_node(&k, s, exp(f - fm));
      if (++nodes > 1000000) {
        rc = SURV_ENOCONV;
        goto done;
      }
    }
  }
  if (!(k.a0 > 0) || !isfinite(k.a0)) {
    rc = SURV_ENOCONV;
    goto done;
  }
  if (loglik)
    *loglik += fm + log(h * k.a0);
  if (u)
    for (size_t l = 0; l < p; l++)
      u[l] += k.a1[l] / k.a0;
  if (imat) {
    for (size_t l = 0; l < p; l++)
      for (size_t hh = 0; hh <= l; hh++) {
        double e = (s2c[l * p + hh] / sc) * (k.b / k.a0) - k.m[l] * k.m[hh] +
                   k.a2[l * p + hh] / k.a0 -
                   (k.a1[l] / k.a0) * (k.a1[hh] / k.a0);
        for (size_t j = 0; j < d; j++)
          e += (k.cj[j] / k.a0) * xd[j * p + l] * xd[j * p + hh];
        imat[l * p + hh] -= e;
        if (hh != l)
          imat[hh * p + l] -= e;
      }
  }
done:
  free(a);
  free(buf);
  return rc;
}
