/* Reading a curve result by strata, its pointwise confidence limits
 * (surv_curve_ci) and the curve at arbitrary times (surv_curve_at).
 *
 * Limits: R survival 3.5-3 survfit_confint() (R/survfit.R), row by row with
 * surv__ci_row (lib/survtime.c, where the formulas and R's NA/NaN boundary
 * values are written down); a multi-state curve uses logse = FALSE. Cost
 * O(1) a row.
 *
 * surv_curve_at() is summary(fit, times = t, extend = TRUE) of R 3.5-3
 * (R/summary.survfit.R findrow() after survfit0()): a time before the first
 * curve time gets survfit0's inserted row at time 0 (S = 1, se 0, limits
 * 1, 1, n.risk of the first row); otherwise the values of the last curve time
 * <= t; n.risk is taken at the first curve time >= t (0 past the end). Cost
 * O(log k) a requested time for a curve of k rows, per stratum.
 *
 * Strata: a curve with a SURV_COL_STRATUM column holds its strata one after
 * another (rows of one label contiguous, labels ascending); surv_curve_ci
 * works row by row, surv_curve_at gives m values per stratum, stratum-major.
 * Finding the strata is O(rows). */
#include <math.h>
#include <stdlib.h>

#include "curve_internal.h"
#include "survtime.h"

int surv__curve_strata_len(const surv_result *r, size_t per, size_t len,
                           surv__strat **strata, size_t *k) {
  int rc = surv__curve_strata(r, strata, k);
  if (rc == SURV_OK && len / *k < per) {
    free(*strata);
    return SURV_ESIZE;
  }
  return rc;
}

int surv__curve_strata(const surv_result *r, surv__strat **strata, size_t *k) {
  size_t rows, len, i, s, ns = 1;
  const double *lab;
  surv__strat base, *v;
  if (!r)
    return SURV_ENULL;
  if (surv__result_kind(r) != SURV__KIND_CURVE)
    return SURV_EINVAL;
  base.time = surv_result_column(r, SURV_COL_TIME, &rows);
  base.n_risk = surv_result_column(r, SURV_COL_N_RISK, &len);
  if (!base.time || !base.n_risk || len != rows)
    return SURV_EINVAL;
  {
    const surv_col need[5] = {SURV_COL_N_EVENT, SURV_COL_N_CENSOR,
                              SURV_COL_SURV, SURV_COL_STD_ERR,
                              SURV_COL_STD_ERR_LOG};
    const double **dst[5] = {&base.n_event, &base.n_censor, &base.surv,
                             &base.std_err, &base.std_err_log};
    for (i = 0; i < 5; i++)
      if (!(*dst[i] = surv_result_column(r, need[i], &len)) || len != rows)
        return SURV_EINVAL;
  }
  lab = surv_result_column(r, SURV_COL_STRATUM, &len);
  if (lab && len != rows)
    return SURV_EINVAL;
  for (i = 1; lab && i < rows; i++)
    ns += lab[i] != lab[i - 1];
  if (!(v = surv__malloc_array(ns, sizeof *v)))
    return SURV_ENOMEM;
  for (i = s = 0; s < ns; s++) {
    size_t a = i;
    if (lab)
      while (++i < rows && lab[i] == lab[a])
        ;
    else
      i = rows;
    v[s] = base;
    v[s].size = i - a;
    v[s].time += a;
    v[s].n_risk += a;
    v[s].n_event += a;
    v[s].n_censor += a;
    v[s].surv += a;
    v[s].std_err += a;
    v[s].std_err_log += a;
  }
  *strata = v;
  *k = ns;
  return SURV_OK;
}

/* Limits of every state of a multi-state curve (PSTATE, STD_ERR_PSTATE:
 * rows x states, state-major) in the same layout: survfit_confint with
 * logse = FALSE, i.e. se(log p) = se(p) / p (0 where se is 0). SURV_EINVAL
 * when the columns do not match. */
static int ci_pstate(const surv_result *curve, surv_ci_type type, double z,
                     double *lower, double *upper, size_t len) {
  size_t rows, np, nse, i;
  const double *p = surv_result_column(curve, SURV_COL_PSTATE, &np);
  const double *se = surv_result_column(curve, SURV_COL_STD_ERR_PSTATE, &nse);
  if (!surv_result_column(curve, SURV_COL_TIME, &rows) || !p || !se ||
      nse != np || rows == 0 || np % rows != 0)
    return SURV_EINVAL;
  if (len < np)
    return SURV_ESIZE;
  for (i = 0; i < np; i++)
    surv__ci_row(type, z, p[i], se[i] == 0 ? 0 : se[i] / p[i], &lower[i],
                 &upper[i]);
  return SURV_OK;
}

SURV_EXPORT int surv_curve_ci(const surv_result *curve, surv_ci_type type,
                              double level, double *lower, double *upper,
                              size_t len) {
  size_t i, k, rows = 0;
  surv__strat *st;
  double z;
  int rc;
  if (!curve || !lower || !upper)
    return SURV_ENULL;
  if ((rc = surv__check_ci(type, level)) != SURV_OK)
    return rc;
  z = surv__z_two_sided(level);
  if (surv__result_kind(curve) == SURV__KIND_CURVE &&
      !surv_result_column(curve, SURV_COL_SURV, NULL))
    return ci_pstate(curve, type, z, lower, upper, len);
  if ((rc = surv__curve_strata(curve, &st, &k)) != SURV_OK)
    return rc;
  for (i = 0; i < k; i++)
    rows += st[i].size;
  if (len < rows) {
    free(st);
    return SURV_ESIZE;
  }
  /* rows of every stratum are one array */
  for (i = 0; i < rows; i++)
    surv__ci_row(type, z, st[0].surv[i], st[0].std_err_log[i], &lower[i],
                 &upper[i]);
  free(st);
  return SURV_OK;
}

/* Number of curve times <= t (R findInterval), by bisection. */
size_t surv__count_le(const double *x, size_t k, double t) {
  size_t lo = 0, hi = k;
  while (lo < hi) {
    size_t mid = lo + (hi - lo) / 2;
    if (x[mid] <= t)
      lo = mid + 1;
    else
      hi = mid;
  }
  return lo;
}

/* Number of curve times < t (findInterval(left.open = TRUE)). */
static size_t count_lt(const double *x, size_t k, double t) {
  size_t lo = 0, hi = k;
  while (lo < hi) {
    size_t mid = lo + (hi - lo) / 2;
    if (x[mid] < t)
      lo = mid + 1;
    else
      hi = mid;
  }
  return lo;
}

/* The values of one stratum at m times into outputs at offset 0. */
static void at_stratum(const surv__strat *km, const double *times, size_t m,
                       surv_ci_type type, double z, double *surv,
                       double *std_err, double *lower, double *upper,
                       double *n_risk) {
  size_t i, k = km->size;
  for (i = 0; i < m; i++) {
    double t = times[i], s, se, lo, hi, nr;
    size_t j = surv__count_le(km->time, k, t), r = count_lt(km->time, k, t);
    if (j == 0) { /* before the first time: survfit0's row at time 0 */
      s = 1.0;
      se = 0.0;
      lo = hi = 1.0;
    } else {
      s = km->surv[j - 1];
      se = km->std_err[j - 1];
      surv__ci_row(type, z, s, km->std_err_log[j - 1], &lo, &hi);
    }
    nr = r < k ? km->n_risk[r] : 0.0;
    if (surv)
      surv[i] = s;
    if (std_err)
      std_err[i] = se;
    if (lower)
      lower[i] = lo;
    if (upper)
      upper[i] = hi;
    if (n_risk)
      n_risk[i] = nr;
  }
}

/* out + off, or NULL */
static double *at_off(double *out, size_t off) {
  return out ? out + off : NULL;
}

SURV_EXPORT int surv_curve_at(const surv_result *curve, const double *times,
                              size_t m, surv_ci_type type, double level,
                              double *surv, double *std_err, double *lower,
                              double *upper, double *n_risk, size_t len) {
  size_t i, k;
  surv__strat *st;
  double z;
  int rc;
  if (!curve || !times)
    return SURV_ENULL;
  if ((rc = surv__check_ci(type, level)) != SURV_OK)
    return rc;
  if (m == 0)
    return SURV_ESIZE;
  for (i = 0; i < m; i++)
    if (!(times[i] >= 0.0) || times[i] == HUGE_VAL)
      return SURV_ETIME;
  if ((rc = surv__curve_strata_len(curve, m, len, &st, &k)) != SURV_OK)
    return rc;
  z = surv__z_two_sided(level);
  for (i = 0; i < k; i++)
    at_stratum(&st[i], times, m, type, z, at_off(surv, i * m),
               at_off(std_err, i * m), at_off(lower, i * m),
               at_off(upper, i * m), at_off(n_risk, i * m));
  free(st);
  return SURV_OK;
}
