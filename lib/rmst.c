/* Restricted mean survival time (RMST) of a Kaplan-Meier curve, the
 * difference of two RMSTs, and the reverse Kaplan-Meier median follow-up.
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
 * and its median with CI by surv_km_quantile (R quantile.survfit), as R
 * survfit(Surv(time, 1 - status) ~ 1).
 *
 * Costs: RMST O(rows); follow-up that of surv_km_fit, O(n log n). */
#include <math.h>
#include <stdlib.h>

#include "surv_internal.h"

/* RMST and its variance (R survmean's pfun). Preconditions: km != NULL,
 * tau finite > 0. */
static void rmst_core(const surv_km *km, double tau, double *mean,
                      double *var) {
  size_t r = surv_km_size(km), keep = 0, j;
  const double *t = surv_km_time(km), *s = surv_km_surv(km);
  const double *nr = surv_km_n_risk(km), *ne = surv_km_n_event(km);
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

SURV_EXPORT int surv_km_rmst(const surv_km *km, double tau, double level,
                             double *rmst, double *se, double *lower,
                             double *upper) {
  double m, v, z;
  int rc;
  if (km == NULL)
    return SURV_ENULL;
  if ((rc = rmst_check(tau, level)) != SURV_OK)
    return rc;
  rmst_core(km, tau, &m, &v);
  z = surv__z_two_sided(level);
  if (rmst)
    *rmst = m;
  if (se)
    *se = sqrt(v);
  if (lower)
    *lower = m - z * sqrt(v);
  if (upper)
    *upper = m + z * sqrt(v);
  return SURV_OK;
}

SURV_EXPORT int surv_km_rmst_diff(const surv_km *a, const surv_km *b,
                                  double tau, double level, double *diff,
                                  double *se, double *lower, double *upper,
                                  double *p) {
  double ma, va, mb, vb, d, s, z;
  int rc;
  if (a == NULL || b == NULL)
    return SURV_ENULL;
  if ((rc = rmst_check(tau, level)) != SURV_OK)
    return rc;
  rmst_core(a, tau, &ma, &va);
  rmst_core(b, tau, &mb, &vb);
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
  if (p) /* erfc is exact in the tail; NaN when se = 0 */
    *p = s > 0 ? erfc(fabs(d) / s / sqrt(2.0)) : NAN;
  return SURV_OK;
}

SURV_EXPORT int surv_km_followup(const double *time, const int *status,
                                 const double *weight, size_t n, unsigned flags,
                                 surv_ci_type type, double level,
                                 double *median, double *lower, double *upper) {
  int *rev, rc;
  size_t i;
  surv_km *km = NULL;
  const double half = 0.5;
  double q = NAN, lo = NAN, hi = NAN;
  if (time == NULL || status == NULL)
    return SURV_ENULL;
  if (n == 0)
    return SURV_ESIZE;
  if (!(level > 0 && level < 1))
    return SURV_ELEVEL;
  if ((int)type < SURV_CI_PLAIN || (int)type > SURV_CI_ARCSIN)
    return SURV_EINVAL;
  for (i = 0; i < n; i++)
    if (status[i] != 0 && status[i] != 1)
      return SURV_ESTATUS;
  if ((rev = surv__malloc_array(n, sizeof *rev)) == NULL)
    return SURV_ENOMEM;
  for (i = 0; i < n; i++)
    rev[i] = 1 - status[i];
  rc = surv_km_fit(time, rev, weight, n, flags, &km);
  free(rev);
  if (rc != SURV_OK)
    return rc;
  rc = surv_km_quantile(km, &half, 1, type, level, &q, &lo, &hi);
  surv_km_free(km);
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
