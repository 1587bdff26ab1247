/* Restricted mean survival time (RMST) of a survival curve result (per
 * stratum), the difference of two RMSTs, and the reverse Kaplan-Meier median
 * follow-up.
 *
 * RMST (R survival 3.5 survmean in R/print.survfit.R, rmean = tau): with the
 * curve rows t_1 < ... < t_r <= tau and t_0 = 0 (R's start.time = min(0,
 * times)), RMST = sum of rectangles (t_{j+1} - t_j) S(t_j) up to tau, S = 1
 * before t_1 and flat after t_r. Variance = sum over rows t_j <= tau of
 * A_j^2 d_j / (n_j (n_j - d_j)), A_j = integral of S from t_j to tau, with
 * the terms where n_j = d_j set to 0 (no n/(n-1) factor). The CI is the
 * normal approximation RMST -/+ z se (R prints none). Difference of two
 * independent curves: se = sqrt(se_a^2 + se_b^2), p = 2 (1 - Phi(|d|/se)).
 *
 * Median follow-up (Schemper & Smith 1996): the KM of Surv(time, 1 - status)
 * and its median with CI by R quantile.survfit (lib/curve_quantile.c), as R
 * survfit(Surv(time, 1 - status) ~ 1).
 *
 * Costs: RMST O(rows); follow-up that of surv_km_fit, O(n log n). */
#include <math.h>
#include <stdlib.h>

#include "curve_internal.h"

/* RMST and its variance (R survmean's pfun). Preconditions: km != NULL,
 * tau finite > 0. */
static void rmst_core(const surv__strat *km, double tau, double *mean,
                      double *var) {
  size_t r = km->size, keep = 0, j;
  const double *t = km->time, *s = km->surv;
  const double *nr = km->n_risk, *ne = km->n_event;
  double sum = 0, v = 0, tail = 0, prev = 0, sprev = 1;
  while (keep < r && t[keep] <= tau)
    keep++;
  /* rectangles: [0, t_1) at S = 1, then [t_j, t_{j+1}) at S(t_j), last to
   * tau */
  for (j = 0; j < keep; j++) {
    sum += (t[j] - prev) * sprev;
    prev = t[j];
    sprev = s[j];
  }
  sum += (tau - prev) * sprev;
  /* variance: A_j accumulated backwards from tau, as cumsum(rev(...)) */
  for (j = keep; j-- > 0;) {
    double next = j + 1 < keep ? t[j + 1] : tau;
    double hh = nr[j] - ne[j] == 0 ? 0 : ne[j] / (nr[j] * (nr[j] - ne[j]));
    tail += (next - t[j]) * s[j];
    v += tail * tail * hh;
  }
  *mean = sum;
  *var = v;
}

static int rmst_check(double tau, double level) {
  if (!isfinite(tau) || !(tau > 0))
    return SURV_ETIME;
  if (!(level > 0 && level < 1))
    return SURV_ELEVEL;
  return SURV_OK;
}

SURV_EXPORT int surv_curve_rmst(const surv_result *curve, double tau,
                                double level, double *rmst, double *se,
                                double *lower, double *upper, size_t len) {
  surv__strat *st;
  size_t k, i;
  double z;
  int rc;
  if (curve == NULL)
    return SURV_ENULL;
  if ((rc = rmst_check(tau, level)) != SURV_OK)
    return rc;
  if ((rc = surv__curve_strata_len(curve, 1, len, &st, &k)) != SURV_OK)
    return rc;
  z = surv__z_two_sided(level);
  for (i = 0; i < k; i++) {
    double m, v;
    rmst_core(&st[i], tau, &m, &v);
    if (rmst)
      rmst[i] = m;
    if (se)
      se[i] = sqrt(v);
    if (lower)
      lower[i] = m - z * sqrt(v);
    if (upper)
      upper[i] = m + z * sqrt(v);
  }
  free(st);
  return SURV_OK;
}

/* RMST and its variance of stratum `which` of a curve. */
static int rmst_one(const surv_result *curve, size_t which, double tau,
                    double *m, double *v) {
  surv__strat *st;
  size_t k;
  int rc = surv__curve_strata(curve, &st, &k);
  if (rc != SURV_OK)
    return rc;
  if (which < k)
    rmst_core(&st[which], tau, m, v);
  free(st);
  return which < k ? SURV_OK : SURV_EINVAL;
}

SURV_EXPORT int surv_curve_rmst_diff(const surv_result *a, size_t sa,
                                     const surv_result *b, size_t sb,
                                     double tau, double level, double *diff,
                                     double *se, double *lower, double *upper,
                                     double *p_value) {
  double ma, va, mb, vb, d, s, z;
  int rc;
  if (a == NULL || b == NULL)
    return SURV_ENULL;
  if ((rc = rmst_check(tau, level)) != SURV_OK ||
      (rc = rmst_one(a, sa, tau, &ma, &va)) != SURV_OK ||
      (rc = rmst_one(b, sb, tau, &mb, &vb)) != SURV_OK)
    return rc;
  d = ma - mb;
  s = sqrt(va + vb);
  z = surv__z_two_sided(level);
  if (diff)
    *diff = d;
  if (se)
    *se = s;
  if (lower)
    *lower = d - z * s;
  if (upper)
    *upper = d + z * s;
  if (p_value) /* erfc is exact in the tail; NaN when se = 0 */
    *p_value = s > 0 ? erfc(fabs(d) / s / sqrt(2.0)) : NAN;
  return SURV_OK;
}

SURV_EXPORT int surv_km_followup(const surv_data *data, unsigned flags,
                                 surv_ci_type type, double level,
                                 double *median, double *lower, double *upper) {
  int *rev, rc;
  size_t i, n;
  surv_data d;
  surv_result *km = NULL;
  const double half = 0.5;
  double q = NAN, lo = NAN, hi = NAN;
  if (data == NULL)
    return SURV_ENULL;
  if ((rc = surv__data_copy(data, &d)) != SURV_OK)
    return rc;
  if (d.time == NULL || d.status == NULL)
    return SURV_ENULL;
  if (d.strata || d.group)
    return SURV_EINVAL;
  if ((n = d.n) == 0)
    return SURV_ESIZE;
  if (!(level > 0 && level < 1))
    return SURV_ELEVEL;
  if ((int)type < SURV_CI_PLAIN || (int)type > SURV_CI_ARCSIN)
    return SURV_EINVAL;
  for (i = 0; i < n; i++)
    if (d.status[i] != 0 && d.status[i] != 1)
      return SURV_ESTATUS;
  if ((rev = surv__malloc_array(n, sizeof *rev)) == NULL)
    return SURV_ENOMEM;
  for (i = 0; i < n; i++)
    rev[i] = 1 - d.status[i];
  d.status = rev;
  rc = surv_km_fit(&d, flags, &km);
  free(rev);
  if (rc != SURV_OK)
    return rc;
  rc = surv_curve_quantile(km, &half, 1, type, level, &q, &lo, &hi, 1);
  surv_result_free(km);
  if (rc != SURV_OK)
    return rc;
  if (median)
    *median = q;
  if (lower)
    *lower = lo;
  if (upper)
    *upper = hi;
  return SURV_OK;
}
