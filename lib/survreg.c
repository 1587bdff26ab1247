/* Parametric survival regression: R survival 3.5-3's survreg() (R/survreg.R,
 * R/survreg.fit.R, src/survreg6.c, src/survregc1.c) and predict.survreg()
 * (R/predict.survreg.R).
 *
 * The model: on y = log(time) (Weibull, exponential, Rayleigh, log-normal,
 * log-logistic) or y = time (extreme value, Gaussian, logistic),
 * y = x'b + offset + sigma_s * e with e standard extreme-value (minimum),
 * logistic or Gaussian and one sigma per stratum s (or a fixed sigma). Each
 * row contributes w * log of: the density f(z)/sigma (exact), S(z)
 * (right-censored), F(z) (left-censored) or F(zu) - F(z) (interval), with
 * z = (y - eta) / sigma. The reported log-likelihood is on the time scale,
 * so exact rows of the log-time models add -w log(time) (R's logcorrect).
 *
 * Fitting follows survreg.fit: covariate columns that are not 0/1 are
 * centred and scaled (sd) when there is an intercept, starting values come
 * from the distribution's moment estimates, one Newton step for the
 * intercept, an intercept-only fit (the null model, at most 20 iterations)
 * and a weighted least-squares step; then Newton-Raphson on (b, log sigma)
 * with R's rules (survreg6): stop when |1 - L_old / L_new| <= rel_tolerance
 * after a full step, up to 5 step halvings when the log-likelihood falls
 * (the first halving also keeps each log sigma within 1.1 of the last good
 * value), the outer-product matrix J'J in place of a Hessian that is not
 * non-negative definite, generalized Cholesky (LDL') with R's tolerance,
 * aliased columns zeroed (their coefficients NaN, as R's NA). The results
 * are transformed back to the caller's columns.
 *
 * Cost: O(n (p + k)^2) per iteration for n rows, p coefficients and k
 * scales, O((p + k)^3) for the solve; O(n p) memory for the scaled copy of
 * x. Typically 4 to 10 iterations. */
#include <float.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "numerics.h"
#include "surv/survreg.h"
#include "surv_internal.h"
#include "survtime.h"

enum { D_EXTREME = 1, D_LOGISTIC = 2, D_GAUSS = 3 };
#define SMALL_LOG (-200.0) /* R's SMALL: log f when f underflows */

/* ---- the three base distributions (R survregc1.c's exvalue_d, logistic_d,
 * gauss_d; written from the formulas). exact != 0: a[1] = f, a[2] = f'/f,
 * a[3] = f''/f. exact == 0: a[0] = F, a[1] = 1 - F, a[2] = f, a[3] = f'. */
static void dens(int dist, double z, int exact, double a[4]) {
  if (dist == D_EXTREME) {
    double w, e;
    if (z < SMALL_LOG)
      w = exp(SMALL_LOG);
    else if (-z < SMALL_LOG)
      w = exp(-SMALL_LOG);
    else
      w = exp(z);
    e = exp(-w);
    if (exact) {
      a[1] = w * e;
      a[2] = 1 - w;
      a[3] = w * (w - 3) + 1;
    } else {
      a[0] = -expm1(-w);
      a[1] = e;
      a[2] = w * e;
      a[3] = w * e * (1 - w);
    }
  } else if (dist == D_LOGISTIC) {
    /* exp of a non-positive argument only, by symmetry */
    double w = exp(-fabs(z)), t = 1 + w, sign = z > 0 ? -1.0 : 1.0;
    if (exact) {
      a[1] = w / (t * t);
      a[2] = sign * (1 - w) / t;
      a[3] = (w * w - 4 * w + 1) / (t * t);
    } else {
      if (z > 0) {
        a[0] = 1 / t;
        a[1] = w / t;
      } else {
        a[0] = w / t;
        a[1] = 1 / t;
      }
      a[2] = w / (t * t);
      a[3] = sign * a[2] * (1 - w) / t;
    }
  } else {
    double f = exp(-z * z / 2) / sqrt(2 * M_PI);
    if (exact) {
      a[1] = f;
      a[2] = -z;
      a[3] = z * z - 1;
    } else {
      a[0] = 0.5 * erfc(-z / M_SQRT2);
      a[1] = 0.5 * erfc(z / M_SQRT2);
      a[2] = f;
      a[3] = -z * f;
    }
  }
}

/* Log-likelihood contribution g of one row and its derivatives with respect
 * to eta and log sigma (R survregc1's per-row block, including its fallbacks
 * when the probability underflows to 0). */
typedef struct {
  double g, dg, ddg, dsig, ddsig, dsg;
} rowd;

static void row_deriv(int dist, int status, double y1, double y2, double eta,
                      double sigma, rowd *r) {
  double sz = y1 - eta, z = sz / sigma, s2 = 1 / (sigma * sigma);
  double a[4], b[4], t, t2;
  switch (status) {
  case 1:
    dens(dist, z, 1, a);
    if (a[1] <= 0) {
      r->g = SMALL_LOG;
      r->dg = -z / sigma;
      r->ddg = -1 / sigma;
      r->dsig = r->ddsig = r->dsg = 0;
    } else {
      r->g = log(a[1]) - log(sigma);
      t = a[2] / sigma;
      t2 = a[3] * s2;
      r->dg = -t;
      r->dsig = -t * sz;
      r->ddg = t2 - r->dg * r->dg;
      r->dsg = sz * t2 - r->dg * (r->dsig + 1);
      r->ddsig = sz * sz * t2 - r->dsig * (1 + r->dsig);
      r->dsig -= 1;
    }
    break;
  case 0:
  case 2: {
    double pr;
    dens(dist, z, 0, a);
    pr = status == 0 ? a[1] : a[0];
    if (pr <= 0) {
      r->g = SMALL_LOG;
      r->dg = status == 0 ? z / sigma : -z / sigma;
      r->ddg = 0;
      r->dsig = r->ddsig = r->dsg = 0;
    } else {
      r->g = log(pr);
      t = status == 0 ? -a[2] / (pr * sigma) : a[2] / (pr * sigma);
      t2 = status == 0 ? -a[3] * s2 / pr : a[3] * s2 / pr;
      r->dg = -t;
      r->dsig = -t * sz;
      r->ddg = t2 - r->dg * r->dg;
      r->dsg = sz * t2 - r->dg * (r->dsig + 1);
      r->ddsig = sz * sz * t2 - r->dsig * (1 + r->dsig);
    }
    break;
  }
  default: {
    double zu = (y2 - eta) / sigma, pr;
    dens(dist, z, 0, a);
    dens(dist, zu, 0, b);
    pr = z > 0 ? a[1] - b[1] : b[0] - a[0]; /* the accurate tail */
    if (pr <= 0) {
      r->g = SMALL_LOG;
      r->dg = 1;
      r->ddg = 0;
      r->dsig = r->ddsig = r->dsg = 0;
    } else {
      r->g = log(pr);
      r->dg = -(b[2] - a[2]) / (pr * sigma);
      r->ddg = (b[3] - a[3]) * s2 / pr - r->dg * r->dg;
      r->dsig = (z * a[2] - zu * b[2]) / pr;
      r->ddsig = (zu * zu * b[3] - z * z * a[3]) / pr - r->dsig * (1 + r->dsig);
      r->dsg = (zu * b[3] - z * a[3]) / (pr * sigma) - r->dg * (r->dsig + 1);
    }
    break;
  }
  }
}

/* ---- the model as the Newton-Raphson loop sees it ---- */
typedef struct {
  size_t n, nvar, nstrat; /* nstrat: estimated scales (0 = fixed) */
  int dist;
  const double *y1, *y2, *w, *off;
  const int *status;
  const size_t *strat;   /* 0-based stratum of each row (NULL: one) */
  const double *x;       /* n x nvar, row-major */
  double *u, *imat, *jj; /* score, information, J'J (nv2, nv2^2, nv2^2) */
} model;

/* Log-likelihood at beta (nvar coefficients, then nstrat log scales, or the
 * fixed log scale at beta[nvar]); with whole != 0 also the score u, the
 * information imat (lower triangle) and J'J (lower triangle). */
static double model_lik(const model *m, const double *beta, int whole) {
  size_t nv = m->nvar, nv2 = nv + m->nstrat, i, j, k;
  double loglik = 0, sigma1 = exp(beta[nv]);
  if (whole) {
    memset(m->u, 0, nv2 * sizeof *m->u);
    memset(m->imat, 0, nv2 * nv2 * sizeof *m->imat);
    memset(m->jj, 0, nv2 * nv2 * sizeof *m->jj);
  }
  for (i = 0; i < m->n; i++) {
    const double *xi = m->x + i * nv;
    size_t s = m->strat && m->nstrat > 1 ? m->strat[i] : 0;
    double sigma = m->nstrat > 1 ? exp(beta[nv + s]) : sigma1;
    double eta = m->off ? m->off[i] : 0, w = m->w ? m->w[i] : 1;
    rowd r;
    for (j = 0; j < nv; j++)
      eta += beta[j] * xi[j];
    row_deriv(m->dist, m->status[i], m->y1[i], m->y2 ? m->y2[i] : 0, eta, sigma,
              &r);
    loglik += r.g * w;
    if (!whole)
      continue;
    for (j = 0; j < nv; j++) {
      double t = r.dg * xi[j] * w;
      double *ir = m->imat + j * nv2, *jr = m->jj + j * nv2;
      m->u[j] += t;
      for (k = 0; k <= j; k++) {
        ir[k] -= xi[j] * xi[k] * r.ddg * w;
        jr[k] += t * xi[k] * r.dg;
      }
    }
    if (m->nstrat) {
      size_t kk = nv + s;
      double *ir = m->imat + kk * nv2, *jr = m->jj + kk * nv2;
      m->u[kk] += w * r.dsig;
      for (j = 0; j < nv; j++) {
        ir[j] -= r.dsg * xi[j] * w;
        jr[j] += r.dsig * xi[j] * r.dg * w;
      }
      ir[kk] -= r.ddsig * w;
      jr[kk] += r.dsig * r.dsig * w;
    }
  }
  return loglik;
}

/* Generalized Cholesky A = L D L' of the symmetric n x n matrix in the lower
 * triangle of a (row-major), in place: D on the diagonal, L below. A pivot
 * that is not finite or below toler * (largest positive diagonal) is set to
 * zero (with its column below when zero_col, as R's cholesky3; only the
 * pivot, as R's cholesky2). Returns the rank, negated when a pivot is below
 * -8 * that threshold (not non-negative definite). */
static int ldl(double *a, size_t n, double toler, int zero_col) {
  double eps = 0, pivot, t;
  size_t i, j, k;
  int rank = 0, nonneg = 1;
  for (i = 0; i < n; i++)
    if (a[i * n + i] > eps)
      eps = a[i * n + i];
  if (eps == 0) {
    if (!zero_col)
      return 0;
    eps = toler;
  } else
    eps *= toler;
  for (i = 0; i < n; i++) {
    pivot = a[i * n + i];
    if (!isfinite(pivot) || pivot < eps) {
      if (zero_col)
        for (j = i; j < n; j++)
          a[j * n + i] = 0;
      else
        a[i * n + i] = 0;
      if (pivot < -8 * eps)
        nonneg = -1;
    } else {
      rank++;
      for (j = i + 1; j < n; j++) {
        t = a[j * n + i] / pivot;
        a[j * n + i] = t;
        a[j * n + j] -= t * t * pivot;
        for (k = j + 1; k < n; k++)
          a[k * n + j] -= t * a[k * n + i];
      }
    }
  }
  return rank * nonneg;
}

/* Solve (L D L') b = y in place (R chsolve2): a zero pivot gives 0. */
static void ldl_solve(const double *a, size_t n, double *y) {
  size_t i, j;
  for (i = 0; i < n; i++) {
    double t = y[i];
    for (j = 0; j < i; j++)
      t -= y[j] * a[i * n + j];
    y[i] = t;
  }
  for (i = n; i-- > 0;) {
    if (a[i * n + i] == 0)
      y[i] = 0;
    else {
      double t = y[i] / a[i * n + i];
      for (j = i + 1; j < n; j++)
        t -= y[j] * a[j * n + i];
      y[i] = t;
    }
  }
}

/* The inverse of L D L' (R chinv2), written to the full matrix; rows and
 * columns of zero pivots are zero. */
static void ldl_inverse(double *a, size_t n) {
  size_t i, j, k;
  for (i = 0; i < n; i++) {
    if (a[i * n + i] > 0) {
      a[i * n + i] = 1 / a[i * n + i];
      for (j = i + 1; j < n; j++) {
        a[j * n + i] = -a[j * n + i];
        for (k = 0; k < i; k++)
          a[j * n + k] += a[j * n + i] * a[i * n + k];
      }
    }
  }
  for (i = 0; i < n; i++) {
    if (a[i * n + i] == 0) {
      for (j = 0; j < i; j++)
        a[j * n + i] = 0;
      for (j = i; j < n; j++)
        a[i * n + j] = 0;
    } else {
      for (j = i + 1; j < n; j++) {
        double t = a[j * n + i] * a[j * n + j];
        a[i * n + j] = t;
        for (k = i; k < j; k++)
          a[i * n + k] += t * a[j * n + k];
      }
    }
  }
  for (i = 1; i < n; i++)
    for (j = 0; j < i; j++)
      a[i * n + j] = a[j * n + i];
}

/* Newton step direction: u <- (imat)^-1 u, or (J'J)^-1 u when the
 * information is not non-negative definite (survreg6). imat and jj are
 * overwritten by their factors. */
static void nr_direction(model *m, size_t nv2, double toler) {
  if (ldl(m->imat, nv2, toler, 1) < 0) {
    ldl(m->jj, nv2, toler, 1);
    ldl_solve(m->jj, nv2, m->u);
  } else
    ldl_solve(m->imat, nv2, m->u);
}

typedef struct {
  double loglik;
  int iter, converged;
} nr_out;

/* R survreg6: beta (nv2 values, plus the fixed log scale after them when
 * nstrat == 0) in, the estimate out; var (nv2 x nv2) the inverse
 * information there. work: 2 * nv2 doubles. */
static void nr_fit(model *m, double *beta, int maxiter, double eps,
                   double toler, double *var, double *work, nr_out *o) {
  size_t nv2 = m->nvar + m->nstrat, i;
  size_t nb = m->nstrat ? nv2 : nv2 + 1;
  double *newbeta = work, loglik, newlk;
  int iter, halving = 0, j;
  memcpy(newbeta, beta, nb * sizeof *beta);
  loglik = model_lik(m, beta, 1);
  nr_direction(m, nv2, toler);
  for (i = 0; i < nv2; i++)
    newbeta[i] = beta[i] + m->u[i];
  newlk = model_lik(m, newbeta, 1);
  o->converged = 0;
  for (iter = 1; iter <= maxiter; iter++) {
    if (isfinite(newlk) && fabs(1 - loglik / newlk) <= eps && halving == 0) {
      loglik = newlk;
      o->converged = 1;
      o->iter = iter;
      goto done;
    }
    if (!isfinite(newlk) || newlk < loglik) {
      for (j = 0; j < 5 && newlk < loglik; j++) {
        halving++;
        for (i = 0; i < nv2; i++)
          newbeta[i] = (newbeta[i] + beta[i]) / 2;
        if (halving == 1)
          for (i = m->nvar; i < nv2; i++)
            if (beta[i] - newbeta[i] > 1.1)
              newbeta[i] = beta[i] - 1.1;
        newlk = model_lik(m, newbeta, 0);
      }
    } else {
      halving = 0;
      loglik = newlk;
      nr_direction(m, nv2, toler);
      for (i = 0; i < nv2; i++) {
        beta[i] = newbeta[i];
        newbeta[i] += m->u[i];
      }
    }
    newlk = model_lik(m, newbeta, 1);
  }
  o->iter = maxiter;
  loglik = newlk;
done:
  ldl(m->imat, nv2, toler, 1);
  ldl_inverse(m->imat, nv2);
  memcpy(var, m->imat, nv2 * nv2 * sizeof *var);
  memcpy(beta, newbeta, nv2 * sizeof *beta);
  o->loglik = loglik;
}

/* ---- distributions as the caller names them ---- */
static int dist_info(surv_survreg_dist d, int *base, int *logt, double *fixed) {
  *fixed = 0;
  switch (d) {
  case SURV_SURVREG_WEIBULL:
    *base = D_EXTREME, *logt = 1;
    break;
  case SURV_SURVREG_EXPONENTIAL:
    *base = D_EXTREME, *logt = 1, *fixed = 1;
    break;
  case SURV_SURVREG_RAYLEIGH:
    *base = D_EXTREME, *logt = 1, *fixed = 0.5;
    break;
  case SURV_SURVREG_LOGNORMAL:
    *base = D_GAUSS, *logt = 1;
    break;
  case SURV_SURVREG_LOGLOGISTIC:
    *base = D_LOGISTIC, *logt = 1;
    break;
  case SURV_SURVREG_GAUSSIAN:
    *base = D_GAUSS, *logt = 0;
    break;
  case SURV_SURVREG_LOGISTIC:
    *base = D_LOGISTIC, *logt = 0;
    break;
  case SURV_SURVREG_EXTREME:
    *base = D_EXTREME, *logt = 0;
    break;
  default:
    return SURV_EINVAL;
  }
  return SURV_OK;
}

/* Quantile of the base distribution (R's $quantile). */
static double base_quantile(int dist, double p) {
  if (dist == D_EXTREME)
    return log(-log1p(-p));
  if (dist == D_LOGISTIC)
    return log(p / (1 - p));
  return surv__qnorm(p);
}

/* What predict needs, kept in the result. */
typedef struct {
  int base, logt;
  size_t p;      /* caller's columns */
  size_t nvar;   /* coefficients (p, + 1 with the intercept) */
  size_t nscale; /* estimated scales (0 = fixed) */
  int intercept;
  double *coef;  /* nvar */
  double *var;   /* (nvar + nscale)^2 */
  double *scale; /* max(nscale, 1) */
  int *labels;   /* nscale stratum labels, ascending (NULL when < 2) */
} survreg_priv;

static void priv_free(void *p) {
  survreg_priv *s = p;
  if (!s)
    return;
  free(s->coef);
  free(s->var);
  free(s->scale);
  free(s->labels);
  free(s);
}

/* Index of label in the sorted labels[k], or k when absent. */
static size_t label_index(const int *labels, size_t k, int label) {
  size_t lo = 0, hi = k;
  while (lo < hi) {
    size_t mid = lo + (hi - lo) / 2;
    if (labels[mid] < label)
      lo = mid + 1;
    else
      hi = mid;
  }
  return lo < k && labels[lo] == label ? lo : k;
}

/* Starting moments (R's $init): location and the variance of y. */
static void dist_init(int dist, const double *yy, const double *w, size_t n,
                      double *loc, double *var) {
  surv__ksum s = {0, 0}, sw = {0, 0}, sv = {0, 0};
  double mean;
  size_t i;
  for (i = 0; i < n; i++) {
    double wi = w ? w[i] : 1;
    surv__ksum_add(&s, yy[i] * wi);
    surv__ksum_add(&sw, wi);
  }
  mean = surv__ksum_value(&s) / surv__ksum_value(&sw);
  for (i = 0; i < n; i++) {
    double wi = w ? w[i] : 1, d = yy[i] - mean;
    surv__ksum_add(&sv, wi * d * d);
  }
  *var = surv__ksum_value(&sv) / surv__ksum_value(&sw);
  *loc = mean;
  if (dist == D_EXTREME) {
    *loc = mean + 0.572;
    *var /= 1.64;
  } else if (dist == D_LOGISTIC)
    *var /= 3.2;
}

typedef struct {
  model m;
  double *yy, *dg, *ddg; /* n each */
  double *xs;            /* n x nvar scaled copy */
  size_t *strat;
} fitwork;

/* dg and ddg of every row at eta = yy with each row's stratum scale
 * lsig[s] (R survreg.fit's derfun). */
static void start_derivs(fitwork *fw, const double *lsig, int nsig) {
  const model *m = &fw->m;
  size_t i;
  for (i = 0; i < m->n; i++) {
    size_t s = nsig > 1 ? fw->strat[i] : 0;
    rowd r;
    row_deriv(m->dist, m->status[i], m->y1[i], m->y2 ? m->y2[i] : 0, fw->yy[i],
              exp(lsig[s]), &r);
    fw->dg[i] = r.dg;
    fw->ddg[i] = r.ddg;
  }
}

SURV_EXPORT int surv_survreg_fit(const surv_data *data,
                                 const surv_survreg_options *opt,
                                 surv_result **out) {
  static const surv_survreg_options defaults = SURV_SURVREG_OPTIONS_INIT;
  surv_survreg_options o;
  surv_data d;
  int rc, base, logt, intercept;
  double fixed, lfixed = 0;
  size_t n, p, nvar, nstrat = 1, nscale, nv2, i, j, k;
  int *labels = NULL;
  fitwork fw;
  double *y1 = NULL, *y2 = NULL, *center = NULL, *stdev = NULL;
  double *beta = NULL, *var = NULL, *work = NULL, *mat = NULL;
  double *u = NULL, *imat = NULL, *jj = NULL, *beta0 = NULL, *var0 = NULL;
  double logcorrect = 0, loglik0, loglik;
  int rescaled = 0, meanonly, maxiter;
  int has_event = 0, has_noright = 0;
  nr_out nro, nro0;
  surv_result *res = NULL;
  survreg_priv *pv = NULL;

  memset(&fw, 0, sizeof fw);
  if (!out)
    return SURV_ENULL;
  if ((rc = surv__data_copy(data, &d)) != SURV_OK)
    return rc;
  if ((rc = surv__options_copy(opt, sizeof o, &defaults, &o)) != SURV_OK)
    return rc;
  if (dist_info(o.dist, &base, &logt, &fixed) != SURV_OK)
    return SURV_EINVAL;
  if (!(o.scale >= 0) || !isfinite(o.scale) || o.iter_max < 0 ||
      !(o.rel_tolerance >= 0) || !isfinite(o.rel_tolerance) ||
      !(o.toler_chol >= 0) || !isfinite(o.toler_chol) ||
      (o.flags & ~SURV_SURVREG_NO_INTERCEPT))
    return SURV_EINVAL;
  if (fixed > 0)
    o.scale = fixed; /* R: the distribution's scale wins */
  maxiter = o.iter_max ? o.iter_max : 30;
  if (o.rel_tolerance == 0)
    o.rel_tolerance = 1e-9;
  if (o.toler_chol == 0)
    o.toler_chol = 1e-10;
  if (!d.time || !d.status)
    return SURV_ENULL;
  n = d.n;
  p = d.p;
  if (n == 0)
    return SURV_ESIZE;
  if ((p > 0) != (d.x != NULL))
    return d.x ? SURV_ESIZE : SURV_ENULL;
  if (d.entry || d.group || d.cluster)
    return SURV_EINVAL;
  intercept = !(o.flags & SURV_SURVREG_NO_INTERCEPT);
  nvar = p + (size_t)intercept;
  if (nvar == 0)
    return SURV_ESIZE;
  if (nvar > 10000 || n > SIZE_MAX / 8 / (nvar + 1))
    return SURV_ESIZE;
  /* validate the rows */
  for (i = 0; i < n; i++) {
    int s = d.status[i];
    double t = d.time[i];
    if (s < 0 || s > 3)
      return SURV_ESTATUS;
    if (!isfinite(t) || (logt && !(t > 0)))
      return SURV_ETIME;
    if (s == 3) {
      double t2;
      if (!d.time2)
        return SURV_ENULL;
      t2 = d.time2[i];
      if (!isfinite(t2) || !(t2 > t))
        return SURV_ETIME;
    }
    if (d.weight && !(d.weight[i] > 0 && isfinite(d.weight[i])))
      return SURV_EWEIGHT;
    if (d.offset && !isfinite(d.offset[i]))
      return SURV_EINVAL;
    for (j = 0; j < p; j++)
      if (!isfinite(d.x[i * p + j]))
        return SURV_EINVAL;
    if (s == 1 || s == 3)
      has_event = 1;
    if (s != 0)
      has_noright = 1;
  }
  /* every row right-censored, or every row left-censored: no maximum */
  if (!has_event) {
    int any_right = 0, any_left = 0;
    for (i = 0; i < n; i++)
      any_right |= d.status[i] == 0, any_left |= d.status[i] == 2;
    if (!has_noright || !any_right || !any_left)
      return SURV_ENOEVENT;
  }

  /* strata */
  nscale = 1;
  if (d.strata) { /* labels ascending, each row's index (lib/survtime.c) */
    size_t *sid = surv__malloc_array(n, sizeof *sid);
    if (!sid)
      return SURV_ENOMEM;
    if ((rc = surv__labels(d.strata, n, &labels, &nstrat, sid)) != SURV_OK) {
      free(sid);
      return rc;
    }
    if (nstrat > 1 && o.scale > 0) {
      free(labels);
      free(sid);
      return SURV_EINVAL; /* R: a fixed scale with several strata */
    }
    if (nstrat > 1)
      fw.strat = sid;
    else
      free(sid);
  }
  nscale = o.scale > 0 ? 0 : nstrat;
  nv2 = nvar + nscale;
  if (o.scale > 0)
    lfixed = log(o.scale);

  rc = SURV_ENOMEM;
  y1 = surv__malloc_array(n, sizeof *y1);
  fw.yy = surv__malloc_array(n, sizeof *fw.yy);
  fw.dg = surv__malloc_array(n, sizeof *fw.dg);
  fw.ddg = surv__malloc_array(n, sizeof *fw.ddg);
  fw.xs = surv__malloc_array(n, nvar * sizeof *fw.xs);
  if (d.time2)
    y2 = surv__malloc_array(n, sizeof *y2);
  center = surv__calloc_array(nvar, sizeof *center);
  stdev = surv__malloc_array(nvar, sizeof *stdev);
  beta = surv__malloc_array(nv2 + 2, sizeof *beta);
  beta0 = surv__malloc_array(nstrat + 2, sizeof *beta0);
  var = surv__malloc_array(nv2 * nv2, sizeof *var);
  var0 = surv__malloc_array((nstrat + 1) * (nstrat + 1), sizeof *var0);
  work = surv__malloc_array(2 * (nv2 + 2), sizeof *work);
  u = surv__malloc_array(nv2, sizeof *u);
  imat = surv__malloc_array(nv2 * nv2, sizeof *imat);
  jj = surv__malloc_array(nv2 * nv2, sizeof *jj);
  mat = surv__malloc_array(nvar * nvar + nvar, sizeof *mat);
  if (!y1 || !fw.yy || !fw.dg || !fw.ddg || !fw.xs || (d.time2 && !y2) ||
      !center || !stdev || !beta || !beta0 || !var || !var0 || !work || !u ||
      !imat || !jj || !mat)
    goto fail;

  /* the response on the model's scale */
  for (i = 0; i < n; i++) {
    int s = d.status[i];
    double t = d.time[i];
    y1[i] = logt ? log(t) : t;
    if (y2)
      y2[i] = s == 3 ? (logt ? log(d.time2[i]) : d.time2[i]) : 0;
    if (s == 1 && logt)
      logcorrect -= (d.weight ? d.weight[i] : 1) * log(t);
    fw.yy[i] = s == 3 ? (y1[i] + y2[i]) / 2 : y1[i];
  }
  /* the design matrix, intercept first */
  for (i = 0; i < n; i++) {
    double *xr = fw.xs + i * nvar;
    if (intercept)
      xr[0] = 1;
    for (j = 0; j < p; j++)
      xr[j + (size_t)intercept] = d.x[i * p + j];
  }
  meanonly = nvar == 1;
  for (i = 0; meanonly && i < n; i++)
    meanonly = fw.xs[i] == 1;
  /* R: with an intercept (first column all 1) and more columns, columns not
   * all 0/1 are centred and divided by their sd. A constant column (sd 0)
   * is left as it is (R would divide by zero). */
  for (j = 0; j < nvar; j++)
    stdev[j] = 1;
  {
    int first_ones = nvar > 1;
    for (i = 0; first_ones && i < n; i++)
      first_ones = fw.xs[i * nvar] == 1;
    if (first_ones) {
      for (j = 1; j < nvar; j++) {
        int okay = 1;
        for (i = 0; okay && i < n; i++) {
          double v = fw.xs[i * nvar + j];
          okay = v == 0 || v == 1;
        }
        if (!okay) {
          surv__ksum s = {0, 0}, ss = {0, 0};
          double mean, sd;
          for (i = 0; i < n; i++)
            surv__ksum_add(&s, fw.xs[i * nvar + j]);
          mean = surv__ksum_value(&s) / (double)n;
          for (i = 0; i < n; i++) {
            double dv = fw.xs[i * nvar + j] - mean;
            surv__ksum_add(&ss, dv * dv);
          }
          sd = n > 1 ? sqrt(surv__ksum_value(&ss) / (double)(n - 1)) : 0;
          if (sd > 0 && isfinite(sd)) {
            center[j] = mean;
            stdev[j] = sd;
            rescaled = 1;
            for (i = 0; i < n; i++)
              fw.xs[i * nvar + j] = (fw.xs[i * nvar + j] - mean) / sd;
          }
        }
      }
    }
  }

  fw.m.n = n;
  fw.m.dist = base;
  fw.m.y1 = y1;
  fw.m.y2 = y2;
  fw.m.w = d.weight;
  fw.m.off = d.offset;
  fw.m.status = d.status;
  fw.m.strat = fw.strat;
  fw.m.u = u;
  fw.m.imat = imat;
  fw.m.jj = jj;

  /* starting values (survreg.fit) */
  {
    double loc, v0, vars;
    dist_init(base, fw.yy, d.weight, n, &loc, &v0);
    vars = o.scale > 0 ? lfixed : log(4 * v0) / 2;
    if (!isfinite(vars) || !isfinite(loc)) {
      rc = SURV_ENOCONV; /* all times equal: no spread to start from */
      goto fail;
    }
    if (!meanonly) {
      surv__ksum num = {0, 0}, den = {0, 0};
      double ones1 = 1;
      model m0 = fw.m;
      start_derivs(&fw, &vars, 1);
      for (i = 0; i < n; i++) {
        double w = d.weight ? d.weight[i] : 1, wt = -fw.ddg[i] * w;
        surv__ksum_add(&num,
                       w * fw.dg[i] +
                           wt * (fw.yy[i] - (d.offset ? d.offset[i] : 0)));
        surv__ksum_add(&den, wt);
      }
      beta0[0] = surv__ksum_value(&num) / surv__ksum_value(&den);
      for (k = 0; k < nstrat; k++)
        beta0[1 + k] = vars;
      /* the intercept-only fit: x = 1 for every row (stride 0) */
      m0.nvar = 1;
      m0.nstrat = nscale;
      m0.x = &ones1;
      {
        /* model_lik reads x + i * nvar; give it a column of ones */
        double *ones = surv__malloc_array(n, sizeof *ones);
        if (!ones)
          goto fail;
        for (i = 0; i < n; i++)
          ones[i] = 1;
        m0.x = ones;
        nr_fit(&m0, beta0, 20, o.rel_tolerance, o.toler_chol, var0, work,
               &nro0);
        free(ones);
      }
    }
    /* the weighted least-squares start for every coefficient */
    {
      double *lsig = meanonly ? NULL : beta0 + 1;
      double *vv = NULL;
      if (meanonly) {
        vv = surv__malloc_array(nstrat, sizeof *vv);
        if (!vv)
          goto fail;
        for (k = 0; k < nstrat; k++)
          vv[k] = vars;
        lsig = vv;
      }
      start_derivs(&fw, lsig, o.scale > 0 ? 1 : (int)nstrat);
      memset(mat, 0, (nvar * nvar + nvar) * sizeof *mat);
      for (i = 0; i < n; i++) {
        const double *xr = fw.xs + i * nvar;
        double w = d.weight ? d.weight[i] : 1, wt = -fw.ddg[i] * w;
        double rhs =
            wt * (fw.yy[i] - (d.offset ? d.offset[i] : 0)) + w * fw.dg[i];
        for (j = 0; j < nvar; j++) {
          mat[nvar * nvar + j] += rhs * xr[j];
          for (k = 0; k <= j; k++)
            mat[j * nvar + k] += wt * xr[j] * xr[k];
        }
      }
      for (j = 0; j < nvar; j++)
        if (!isfinite(mat[nvar * nvar + j]))
          break;
      if (j < nvar) {
        free(vv);
        rc = SURV_ENOCONV;
        goto fail;
      }
      ldl(mat, nvar, o.toler_chol, 0); /* R coxph.wtest: cholesky2 */
      ldl_solve(mat, nvar, mat + nvar * nvar);
      memcpy(beta, mat + nvar * nvar, nvar * sizeof *beta);
      if (o.scale > 0)
        beta[nvar] = lfixed;
      else
        for (k = 0; k < nstrat; k++)
          beta[nvar + k] = lsig[k];
      free(vv);
    }
  }

  /* the fit */
  fw.m.nvar = nvar;
  fw.m.nstrat = nscale;
  fw.m.x = fw.xs;
  nr_fit(&fw.m, beta, maxiter, o.rel_tolerance, o.toler_chol, var, work, &nro);
  loglik = nro.loglik;
  for (i = 0; i < n; i++) {
    const double *xr = fw.xs + i * nvar;
    double eta = d.offset ? d.offset[i] : 0;
    for (j = 0; j < nvar; j++)
      eta += xr[j] * beta[j];
    fw.dg[i] = eta;
  }
  if (!isfinite(loglik)) {
    rc = SURV_ENOCONV;
    goto fail;
  }
  for (j = 0; j < nv2; j++)
    if (!isfinite(beta[j])) {
      rc = SURV_ENOCONV;
      goto fail;
    }
  loglik0 = meanonly ? loglik : nro0.loglik;
  if (!isfinite(loglik0)) {
    rc = SURV_ENOCONV;
    goto fail;
  }
  /* back to the caller's columns (R: vtemp %*% coef, vtemp V vtemp') */
  if (rescaled) {
    for (j = 1; j < nvar; j++)
      beta[0] -= center[j] / stdev[j] * beta[j];
    for (j = 1; j < nvar; j++)
      beta[j] /= stdev[j];
    /* V <- A V A' with A = I except A[0][j] = -c_j/s_j, A[j][j] = 1/s_j */
    for (k = 0; k < nv2; k++) { /* rows: V1 = A V */
      double r0 = var[0 * nv2 + k];
      for (j = 1; j < nvar; j++)
        r0 -= center[j] / stdev[j] * var[j * nv2 + k];
      var[k] = r0;
      for (j = 1; j < nvar; j++)
        var[j * nv2 + k] /= stdev[j];
    }
    for (k = 0; k < nv2; k++) { /* columns: A V A' */
      double c0 = var[k * nv2 + 0];
      for (j = 1; j < nvar; j++)
        c0 -= center[j] / stdev[j] * var[k * nv2 + j];
      var[k * nv2] = c0;
      for (j = 1; j < nvar; j++)
        var[k * nv2 + j] /= stdev[j];
    }
  }

  /* the result */
  res = surv__result_new(SURV__KIND_SURVREG);
  pv = calloc(1, sizeof *pv);
  if (!res || !pv)
    goto fail;
  {
    double *cc = surv__result_column_new(res, SURV_COL_COEF, nv2);
    double *se = surv__result_column_new(res, SURV_COL_SE, nv2);
    double *zz = surv__result_column_new(res, SURV_COL_Z, nv2);
    double *pp = surv__result_column_new(res, SURV_COL_P_VALUE, nv2);
    double *vv = surv__result_column_new(res, SURV_COL_VAR, nv2 * nv2);
    double *sc =
        surv__result_column_new(res, SURV_COL_SCALE, nscale ? nscale : 1);
    double *lp = surv__result_column_new(res, SURV_COL_LINEAR_PREDICTOR, n);
    surv_test lr;
    double nev = 0;
    if (!cc || !se || !zz || !pp || !vv || !sc || !lp)
      goto fail;
    memcpy(vv, var, nv2 * nv2 * sizeof *vv);
    for (j = 0; j < nv2; j++) {
      double v = var[j * nv2 + j];
      cc[j] = beta[j];
      se[j] = sqrt(v);
      if (j < nvar && v == 0)
        cc[j] = NAN; /* aliased: R's NA */
      zz[j] = cc[j] / se[j];
      pp[j] = isnan(zz[j]) ? NAN : 2 * surv__pnorm(-fabs(zz[j]));
    }
    for (k = 0; k < (nscale ? nscale : 1); k++)
      sc[k] = nscale ? exp(beta[nvar + k]) : o.scale;
    /* linear predictors: R's x %*% fit$coef + offset with the fit's own
     * (scaled) columns and coefficients, kept in fw.dg after the fit */
    for (i = 0; i < n; i++) {
      double eta = fw.dg[i];
      lp[i] = eta;
      if (d.status[i] == 1 || d.status[i] == 3)
        nev += 1;
    }
    surv__result_set_stat(res, SURV_STAT_N, (double)n);
    surv__result_set_stat(res, SURV_STAT_N_EVENT, nev);
    surv__result_set_stat(res, SURV_STAT_LOGLIK_NULL, loglik0 + logcorrect);
    surv__result_set_stat(res, SURV_STAT_LOGLIK, loglik + logcorrect);
    surv__result_set_stat(res, SURV_STAT_ITER, (double)nro.iter);
    surv__result_set_stat(res, SURV_STAT_CONVERGED, nro.converged);
    surv__result_set_stat(res, SURV_STAT_SCALE, nscale > 1 ? NAN : sc[0]);
    surv__result_set_stat(res, SURV_STAT_N_STRATA, (double)nstrat);
    lr.statistic = 2 * (loglik - loglik0);
    lr.df = (double)nvar - 1;
    lr.p_value = lr.statistic <= 0 || isnan(lr.statistic) ? 1
                 : lr.df == 0                             ? 0
                              : surv__chisq_q(lr.statistic, lr.df);
    surv__result_set_test(res, SURV_TEST_LR, &lr);

    /* Weibull in proportional-hazards form (one scale) */
    if (base == D_EXTREME && logt && nscale <= 1) {
      double *phc = surv__result_column_new(res, SURV_COL_PH_COEF, nvar);
      double *phs = surv__result_column_new(res, SURV_COL_PH_SE, nvar);
      double *hr = surv__result_column_new(res, SURV_COL_HAZARD_RATIO, nvar);
      double *hrs =
          surv__result_column_new(res, SURV_COL_HAZARD_RATIO_SE, nvar);
      double sig = sc[0], vtt = nscale ? var[nvar * nv2 + nvar] : 0;
      if (!phc || !phs || !hr || !hrs)
        goto fail;
      for (j = 0; j < nvar; j++) {
        double vjj = var[j * nv2 + j];
        double vjt = nscale ? var[j * nv2 + nvar] : 0;
        double v =
            (vjj - 2 * beta[j] * vjt + beta[j] * beta[j] * vtt) / (sig * sig);
        phc[j] = -cc[j] / sig;
        phs[j] = isnan(cc[j]) ? NAN : sqrt(v); /* aliased: NA */
        hr[j] = exp(phc[j]);
        hrs[j] = hr[j] * phs[j];
      }
      surv__result_set_stat(res, SURV_STAT_SHAPE, 1 / sig);
      surv__result_set_stat(res, SURV_STAT_SHAPE_SE, sqrt(vtt) / sig);
    }

    pv->base = base;
    pv->logt = logt;
    pv->p = p;
    pv->nvar = nvar;
    pv->nscale = nscale;
    pv->intercept = intercept;
    pv->coef = surv__malloc_array(nvar, sizeof *pv->coef);
    pv->var = surv__malloc_array(nv2 * nv2, sizeof *pv->var);
    pv->scale = surv__malloc_array(nscale ? nscale : 1, sizeof *pv->scale);
    if (!pv->coef || !pv->var || !pv->scale)
      goto fail;
    memcpy(pv->coef, cc, nvar * sizeof *cc);
    memcpy(pv->var, var, nv2 * nv2 * sizeof *var);
    memcpy(pv->scale, sc, (nscale ? nscale : 1) * sizeof *sc);
    if (nscale > 1) {
      pv->labels = labels;
      labels = NULL;
    }
    surv__result_set_priv(res, pv, priv_free);
    pv = NULL;
  }
  rc = SURV_OK;
  *out = res;
  res = NULL;
fail:
  surv_result_free(res);
  priv_free(pv);
  free(labels);
  free(y1);
  free(y2);
  free(fw.yy);
  free(fw.dg);
  free(fw.ddg);
  free(fw.xs);
  free(fw.strat);
  free(center);
  free(stdev);
  free(beta);
  free(beta0);
  free(var);
  free(var0);
  free(work);
  free(u);
  free(imat);
  free(jj);
  free(mat);
  return rc;
}

/* Column j of the fit's design for a row whose caller columns are xi. */
static double xcol(const survreg_priv *pv, const double *xi, size_t j) {
  if (pv->intercept)
    return j == 0 ? 1 : xi[j - 1];
  return xi[j];
}

SURV_EXPORT int surv_survreg_predict(const surv_result *fit,
                                     const surv_data *newdata,
                                     surv_survreg_pred type, const double *p,
                                     size_t np, double *fit_out, double *se_out,
                                     size_t len) {
  const survreg_priv *pv;
  surv_data d;
  size_t n, nq, i, j, k, nvar, nv2;
  int rc, quant;
  size_t *sidx = NULL;
  if (!fit || !fit_out)
    return SURV_ENULL;
  if (surv__result_kind(fit) != SURV__KIND_SURVREG)
    return SURV_EINVAL;
  pv = surv__result_priv(fit);
  if (!pv)
    return SURV_EINVAL;
  if ((rc = surv__data_copy(newdata, &d)) != SURV_OK)
    return rc;
  if (type != SURV_SURVREG_PRED_LP && type != SURV_SURVREG_PRED_RESPONSE &&
      type != SURV_SURVREG_PRED_QUANTILE && type != SURV_SURVREG_PRED_UQUANTILE)
    return SURV_EINVAL;
  if (d.entry || d.group || d.cluster)
    return SURV_EINVAL;
  quant =
      type == SURV_SURVREG_PRED_QUANTILE || type == SURV_SURVREG_PRED_UQUANTILE;
  n = d.n;
  if (n == 0)
    return SURV_ESIZE;
  if (d.p != pv->p)
    return SURV_ESIZE;
  if (pv->p > 0 && !d.x)
    return SURV_ENULL;
  if (quant) {
    if (!p)
      return SURV_ENULL;
    if (np == 0)
      return SURV_ESIZE;
    for (k = 0; k < np; k++)
      if (!(p[k] > 0 && p[k] < 1))
        return SURV_EPROB;
  }
  nq = quant ? np : 1;
  if (n > SIZE_MAX / nq || len != n * nq)
    return SURV_ESIZE;
  for (i = 0; i < n; i++) {
    for (j = 0; j < d.p; j++)
      if (!isfinite(d.x[i * d.p + j]))
        return SURV_EINVAL;
    if (d.offset && !isfinite(d.offset[i]))
      return SURV_EINVAL;
  }
  nvar = pv->nvar;
  nv2 = nvar + pv->nscale;
  if (quant && pv->nscale > 1) {
    if (!d.strata)
      return SURV_ENULL;
    sidx = surv__malloc_array(n, sizeof *sidx);
    if (!sidx)
      return SURV_ENOMEM;
    for (i = 0; i < n; i++) {
      sidx[i] = label_index(pv->labels, pv->nscale, d.strata[i]);
      if (sidx[i] == pv->nscale) {
        free(sidx);
        return SURV_EGROUP;
      }
    }
  }
  for (i = 0; i < n; i++) {
    const double *xi = d.p ? d.x + i * d.p : NULL;
    double eta = d.offset ? d.offset[i] : 0, v = 0;
    size_t s = sidx ? sidx[i] : 0;
    /* an aliased (NaN) coefficient adds nothing: its variance row is zero
     * and R drops its NA from the predictor */
    for (j = 0; j < nvar; j++)
      if (!isnan(pv->coef[j]))
        eta += pv->coef[j] * xcol(pv, xi, j);
    if (!quant) {
      if (se_out)
        for (j = 0; j < nvar; j++)
          for (k = 0; k < nvar; k++)
            v += xcol(pv, xi, j) * pv->var[j * nv2 + k] * xcol(pv, xi, k);
      if (type == SURV_SURVREG_PRED_RESPONSE && pv->logt) {
        fit_out[i] = exp(eta);
        if (se_out)
          se_out[i] = sqrt(v) * fit_out[i];
      } else {
        fit_out[i] = eta;
        if (se_out)
          se_out[i] = sqrt(v);
      }
      continue;
    }
    for (k = 0; k < np; k++) {
      double qq = base_quantile(pv->base, p[k]);
      double sq = qq * pv->scale[s], q = eta + sq, vq = 0;
      if (se_out) {
        /* gradient (x, q * scale on this row's log scale): R's
         * cbind(x, (qq * scale) * x.strata) */
        size_t a, b;
        for (a = 0; a < nv2; a++) {
          double ga = a < nvar ? xcol(pv, xi, a) : (a - nvar == s ? sq : 0);
          if (ga == 0)
            continue;
          for (b = 0; b < nv2; b++) {
            double gb = b < nvar ? xcol(pv, xi, b) : (b - nvar == s ? sq : 0);
            vq += ga * pv->var[a * nv2 + b] * gb;
          }
        }
      }
      if (type == SURV_SURVREG_PRED_QUANTILE && pv->logt) {
        fit_out[i * np + k] = exp(q);
        if (se_out)
          se_out[i * np + k] = sqrt(vq) * exp(q);
      } else {
        fit_out[i * np + k] = q;
        if (se_out)
          se_out[i * np + k] = sqrt(vq);
      }
    }
  }
  free(sidx);
  return SURV_OK;
}
