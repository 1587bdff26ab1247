/* Pointwise confidence limits of a Kaplan-Meier curve and the curve at
 * arbitrary times.
 *
 * Limits follow R survival 3.5-3 survfit_confint() (R/survfit.R) with
 * logse = TRUE and conf.lower = "usual"; s = se(log S) (Greenwood),
 * z = qnorm(1 - (1 - level)/2):
 *   plain   S -/+ z S s, clipped to [0, 1]
 *   log     S exp(-/+ z s), upper capped at 1
 *   log-log exp(-exp(log(-log S) -/+ z s / log S))
 *   logit   expit(logit S -/+ z s / (1 - S))
 *   arcsin  sin^2(asin(sqrt S) -/+ (z s / 2) sqrt(S / (1 - S))), clipped to
 *           [0, pi/2] before sin^2.
 * R's boundary values are kept: S = 0 gives NaN (plain) or NA (the others);
 * S = 1 gives 1, 1 (plain, log), NA (log-log), NaN (logit, arcsin). NA and
 * NaN both map to NaN. Cost O(1) a row.
 *
 * surv_km_at() is summary(fit, times = t, extend = TRUE) of R 3.5-3
 * (R/summary.survfit.R findrow() after survfit0()): a time before the first
 * curve time gets survfit0's inserted row at time 0 (S = 1, se 0, limits
 * 1, 1, n.risk of the first row); otherwise the values of the last curve time
 * <= t; n.risk is taken at the first curve time >= t (0 past the end). Cost
 * O(log k) a requested time for a curve of k rows. */
#include <math.h>

#include "km_internal.h"

#define HALF_PI 1.57079632679489661923 /* R: pi / 2 */

int surv__km_check_ci(surv_ci_type type, double level) {
  if ((int)type < (int)SURV_CI_PLAIN || (int)type > (int)SURV_CI_ARCSIN)
    return SURV_EINVAL;
  if (!(level > 0.0 && level < 1.0))
    return SURV_ELEVEL;
  return SURV_OK;
}

int surv__km_check_request(const surv_km *km, const double *arg, size_t m,
                           surv_ci_type type, double level) {
  int rc;
  if (!km || !arg)
    return SURV_ENULL;
  rc = surv__km_check_ci(type, level);
  if (rc)
    return rc;
  return m == 0 ? SURV_ESIZE : SURV_OK;
}

/* R's pmax(a, b) / pmin(a, b): NaN if either is NaN (fmax would drop it). */
static double r_max(double a, double b) {
  return isnan(a) || isnan(b) ? NAN : (a > b ? a : b);
}
static double r_min(double a, double b) {
  return isnan(a) || isnan(b) ? NAN : (a < b ? a : b);
}

int surv__km_ci_is_na(surv_ci_type type, double s) {
  switch (type) {
  case SURV_CI_PLAIN:
    return 0; /* S = 0: Inf * 0 = NaN */
  case SURV_CI_LOGLOG:
    return s == 0.0 || s == 1.0;
  default: /* log, logit, arcsin: NA at S = 0; logit/arcsin NaN at S = 1 */
    return s == 0.0;
  }
}

void surv__ci_row(surv_ci_type type, double z, double p, double se,
                  double *lower, double *upper) {
  double xx, se2, lo, hi;
  switch (type) {
  case SURV_CI_PLAIN:
    se2 = se * p * z;
    lo = r_max(p - se2, 0.0);
    hi = r_min(p + se2, 1.0);
    break;
  case SURV_CI_LOG:
    if (p == 0.0) {
      lo = hi = NAN;
      break;
    }
    se2 = z * se;
    lo = exp(log(p) - se2);
    hi = r_min(exp(log(p) + se2), 1.0);
    break;
  case SURV_CI_LOGLOG:
    if (p == 0.0 || p == 1.0) {
      lo = hi = NAN;
      break;
    }
    se2 = z * se / log(p);
    lo = exp(-exp(log(-log(p)) - se2));
    hi = exp(-exp(log(-log(p)) + se2));
    break;
  case SURV_CI_LOGIT:
    if (p == 0.0) {
      lo = hi = NAN;
      break;
    }
    xx = p;
    se2 = z * se * (1 + xx / (1 - xx)); /* NaN at S = 1 (0 * Inf) */
    lo = 1 - 1 / (1 + exp(log(p / (1 - p)) - se2));
    hi = 1 - 1 / (1 + exp(log(p / (1 - p)) + se2));
    break;
  default: /* SURV_CI_ARCSIN */
    if (p == 0.0) {
      lo = hi = NAN;
      break;
    }
    xx = p;
    se2 = 0.5 * z * se * sqrt(xx / (1 - xx)); /* NaN at S = 1 */
    lo = sin(r_max(0.0, asin(sqrt(xx)) - se2));
    lo *= lo;
    hi = sin(r_min(HALF_PI, asin(sqrt(xx)) + se2));
    hi *= hi;
    break;
  }
  *lower = lo;
  *upper = hi;
}

SURV_EXPORT int surv_km_ci(const surv_km *km, surv_ci_type type, double level,
                           double *lower, double *upper, size_t len) {
  size_t i;
  double z;
  int rc;
  if (!km || !lower || !upper)
    return SURV_ENULL;
  rc = surv__km_check_ci(type, level);
  if (rc)
    return rc;
  if (len < km->size)
    return SURV_ESIZE;
  z = surv__z_two_sided(level);
  for (i = 0; i < km->size; i++)
    surv__ci_row(type, z, km->surv[i], km->std_err_log[i], &lower[i],
                 &upper[i]);
  return SURV_OK;
}

/* Number of curve times <= t (R findInterval), by bisection. */
static size_t count_le(const double *x, size_t k, double t) {
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

SURV_EXPORT int surv_km_at(const surv_km *km, const double *times, size_t m,
                           surv_ci_type type, double level, double *surv,
                           double *std_err, double *lower, double *upper,
                           double *n_risk) {
  size_t i, k;
  double z;
  int rc = surv__km_check_request(km, times, m, type, level);
  if (rc)
    return rc;
  for (i = 0; i < m; i++)
    if (!(times[i] >= 0.0) || times[i] == HUGE_VAL)
      return SURV_ETIME;
  k = km->size;
  z = surv__z_two_sided(level);
  for (i = 0; i < m; i++) {
    double t = times[i], s, se, lo, hi, nr;
    size_t j = count_le(km->time, k, t), r = count_lt(km->time, k, t);
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
  return SURV_OK;
}
