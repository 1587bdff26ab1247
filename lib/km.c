/* Kaplan-Meier (product-limit) estimator for right-censored data, matching
 * R survival 3.5-3 survfit(Surv(time, status) ~ 1, weights=, timefix=) with
 * the default stype = 1 (R/survfitKM.R and src/survfitkm.c).
 *
 * Rows: one per distinct time (event or censor-only). With weighted counts
 *   n_j = sum of w_i with time_i >= t_j   (censorings at t_j still at risk),
 *   d_j = sum of w_i with an event at t_j, c_j = censorings at t_j,
 * the curve jumps only where d_j > 0 (R also asks for an unweighted death,
 * implied by d_j > 0 since weights are >= 0):
 *   S(t_j) = prod (n_k - d_k)/n_k                    (Kaplan & Meier 1958)
 *   se(log S) = sqrt(sum d_k / (n_k (n_k - d_k)))     (Greenwood 1926)
 *   se(S) = S * se(log S)                            (R summary()$std.err).
 * The Greenwood sum becomes Inf at a row with n = d, so se(log S) is Inf and
 * se(S) = 0 * Inf = NaN from there on, exactly as R.
 * Greenwood uses the weighted counts: R's value with robust = FALSE. (For
 * non-integer weights R 3.5 defaults to the robust infinitesimal-jackknife
 * variance instead; integer weights give replication, which R also uses.)
 *
 * Near ties (R timefix = TRUE, R/aeqSurv.R): over the sorted distinct times
 * of ALL subjects (all strata), a gap g = y[i+1] - y[i] with g <= tol or
 * g / mean|y| <= tol, tol = sqrt(DBL_EPSILON), ties the two times; every time
 * becomes the first value of its chain of ties.
 *
 * Cost: surv__km_aggregate validates and aggregates in one pass, O(n)
 * expected (O(n) for sorted input; see lib/km_agg.c), then O(m) for the m
 * distinct times. */
#include <float.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "km_internal.h"

void surv__timefix_sorted(const double *sorted, size_t n, double *out) {
  const double tol = sqrt(DBL_EPSILON);
  long double s = 0.0L, t = 0.0L;
  double mean, prev, cut;
  size_t i, m = 0;
  if (n == 0)
    return;
  /* R's mean(abs(y)) over the distinct values: long double sum, then one
   * correction pass, as R's mean() */
  for (i = 0; i < n; i++)
    if (i == 0 || sorted[i] != sorted[i - 1]) {
      s += fabs(sorted[i]);
      m++;
    }
  s /= (long double)m;
  if (isfinite((double)s)) {
    for (i = 0; i < n; i++)
      if (i == 0 || sorted[i] != sorted[i - 1])
        t += fabs(sorted[i]) - s;
    s += t / (long double)m;
  }
  mean = (double)s;
  prev = cut = sorted[0];
  for (i = 0; i < n; i++) { /* reads sorted[i] before out[i] is written */
    double y = sorted[i];
    if (y != prev) {
      double dy = y - prev;
      if (!(dy <= tol || dy / mean <= tol))
        cut = y; /* a real gap starts a new chain */
      prev = y;
    }
    out[i] = cut;
  }
}

/* aeqSurv: merge chains of near-tied distinct times into their first value,
 * summing the counts. In place; O(m). */
static void timefix(surv__km_agg *a) {
  size_t i, j = 0;
  if (a->m < 2)
    return;
  surv__timefix_sorted(a->time, a->m, a->time); /* each time -> chain head */
  for (i = 1; i < a->m; i++) {
    if (a->time[i] == a->time[j]) { /* same chain as row j */
      a->dead[j] += a->dead[i];
      a->cens[j] += a->cens[i];
      if (a->present && a->present[i] != 0.0)
        a->present[j] = 1.0;
      continue;
    }
    j++;
    a->time[j] = a->time[i];
    a->dead[j] = a->dead[i];
    a->cens[j] = a->cens[i];
    if (a->present)
      a->present[j] = a->present[i];
  }
  a->m = j + 1;
}

surv_km *surv__km_alloc(size_t k) {
  /* struct followed by 7 arrays of k doubles */
  size_t head = (sizeof(surv_km) + sizeof(double) - 1) / sizeof(double);
  double *block;
  surv_km *km;
  if (k > SIZE_MAX / 7 - head)
    return NULL;
  block = surv__malloc_array(head + 7 * k, sizeof(double));
  if (!block)
    return NULL;
  km = (surv_km *)(void *)block;
  km->size = k;
  km->time = block + head;
  km->n_risk = km->time + k;
  km->n_event = km->n_risk + k;
  km->n_censor = km->n_event + k;
  km->surv = km->n_censor + k;
  km->std_err = km->surv + k;
  km->std_err_log = km->std_err + k;
  return km;
}

/* The product-limit pass, in place over the aggregated rows: drop the times
 * of other strata, then number at risk (weights summed from the last time
 * down), S and Greenwood. */
static surv_km *km_finish(const surv__km_agg *a) {
  surv_km *out = a->km;
  size_t i, k = 0, r;
  double nrisk = 0.0, km = 1.0, v = 0.0;
  for (i = 0; i < a->m; i++) {
    if (a->present && a->present[i] == 0.0)
      continue;
    out->time[k] = a->time[i];
    out->n_event[k] = a->dead[i];
    out->n_censor[k] = a->cens[i];
    k++;
  }
  out->size = k; /* rows k.. of the block stay unused, unless many: */
  if (2 * k < a->m) {
    surv_km *small = surv__km_alloc(k);
    if (small) {
      memcpy(small->time, out->time, k * sizeof(double));
      memcpy(small->n_event, out->n_event, k * sizeof(double));
      memcpy(small->n_censor, out->n_censor, k * sizeof(double));
      surv_km_free(out);
      out = small;
    }
  }
  for (r = k; r-- > 0;) {
    nrisk += out->n_event[r] + out->n_censor[r];
    out->n_risk[r] = nrisk;
  }
  for (r = 0; r < k; r++) {
    double n = out->n_risk[r], d = out->n_event[r];
    if (d > 0.0) { /* same operations, same order as survfitkm.c */
      km *= (n - d) / n;
      v += d / (n * (n - d));
    }
    out->surv[r] = km;
    out->std_err_log[r] = sqrt(v);
    out->std_err[r] = km * sqrt(v); /* 0 * Inf = NaN once S = 0, as R */
  }
  return out;
}

static int km_fit(const double *time, const int *status, const double *weight,
                  const int *group, int label, size_t n, unsigned flags,
                  surv_km **out) {
  surv__km_agg agg;
  int rc;
  if (!time || !status || !out)
    return SURV_ENULL;
  if (flags & ~SURV_KM_NO_TIMEFIX)
    return SURV_EINVAL;
  if (n == 0)
    return SURV_ESIZE;
  rc = surv__km_aggregate(time, status, weight, group, label, n, &agg);
  if (rc)
    return rc;
  if (!(flags & SURV_KM_NO_TIMEFIX))
    timefix(&agg);
  *out = km_finish(&agg);
  return SURV_OK;
}

SURV_EXPORT int surv_km_fit(const double *time, const int *status,
                            const double *weight, size_t n, unsigned flags,
                            surv_km **out) {
  return km_fit(time, status, weight, NULL, 0, n, flags, out);
}

SURV_EXPORT int surv_km_fit_stratum(const double *time, const int *status,
                                    const double *weight, const int *group,
                                    int label, size_t n, unsigned flags,
                                    surv_km **out) {
  if (!group)
    return SURV_ENULL;
  return km_fit(time, status, weight, group, label, n, flags, out);
}

SURV_EXPORT void surv_km_free(surv_km *km) { free(km); }

SURV_EXPORT size_t surv_km_size(const surv_km *km) { return km ? km->size : 0; }

SURV_EXPORT const double *surv_km_time(const surv_km *km) {
  return km ? km->time : NULL;
}

SURV_EXPORT const double *surv_km_n_risk(const surv_km *km) {
  return km ? km->n_risk : NULL;
}

SURV_EXPORT const double *surv_km_n_event(const surv_km *km) {
  return km ? km->n_event : NULL;
}

SURV_EXPORT const double *surv_km_n_censor(const surv_km *km) {
  return km ? km->n_censor : NULL;
}

SURV_EXPORT const double *surv_km_surv(const surv_km *km) {
  return km ? km->surv : NULL;
}

SURV_EXPORT const double *surv_km_std_err(const surv_km *km) {
  return km ? km->std_err : NULL;
}

SURV_EXPORT const double *surv_km_std_err_log(const surv_km *km) {
  return km ? km->std_err_log : NULL;
}
