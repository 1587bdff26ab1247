/* Nelson-Aalen cumulative hazard with its Aalen/Tsiatis standard error, the
 * Fleming-Harrington tie correction, and the survival exp(-H); matches R
 * survival 3.5 survfit(..., ctype = 1 or 2, stype = 2) (src/survfitkm.c,
 * R/survfitKM.R; CIs by survfit_confint with logse = TRUE).
 *
 * At each distinct time with weighted n at risk, weighted d events and d0
 * unweighted events:
 *   ctype 1: H += d / n, var += d / n^2 (only when d0 > 0 and d > 0);
 *   ctype 2: for j = 0 .. d0-1, with m = n - j d / d0:
 *            H += d / (d0 m), var += d / (d0 m^2).
 * std.chaz = sqrt(var); S = exp(-H) with se(log S) = std.chaz.
 * Rows at every distinct time (events and censorings). Near-tied times are
 * merged first (R timefix). Non-robust variance: R uses it for integer case
 * weights; for other weights R defaults to the robust (IJ) variance.
 * Cost: O(n) radix sort and O(n) pass; memory O(n). */
#include <math.h>
#include <stdlib.h>

#include "cmp_internal.h"
#include "surv_internal.h"

struct surv_na {
  size_t m;
  double *time, *n_risk, *n_event, *n_censor, *cumhaz, *std_chaz, *surv,
      *std_err;
};

SURV_EXPORT void surv_na_free(surv_na *na) {
  if (na == NULL)
    return;
  free(na->time);
  free(na->n_risk);
  free(na->n_event);
  free(na->n_censor);
  free(na->cumhaz);
  free(na->std_chaz);
  free(na->surv);
  free(na->std_err);
  free(na);
}

SURV_EXPORT int surv_na_fit(const double *time, const int *status,
                            const double *weight, size_t n, unsigned flags,
                            surv_na **out) {
  surv__cmp_counts c;
  surv_na *r;
  double h = 0, v = 0;
  size_t i;
  int rc;
  if (time == NULL || status == NULL || out == NULL)
    return SURV_ENULL;
  if (n == 0)
    return SURV_ESIZE;
  if ((flags & ~(SURV_NA_NO_TIMEFIX | SURV_NA_FH)) != 0)
    return SURV_EINVAL;
  if ((rc = surv__cmp_check_times(time, status, n)) != SURV_OK ||
      (rc = surv__cmp_check_weights(weight, n)) != SURV_OK)
    return rc;
  if ((rc = surv__cmp_counts_make(time, status, weight, n,
                                  (flags & SURV_NA_NO_TIMEFIX) != 0, &c)) !=
      SURV_OK)
    return rc;
  r = calloc(1, sizeof *r);
  if (r == NULL) {
    surv__cmp_counts_free(&c);
    return SURV_ENOMEM;
  }
  r->m = c.m;
  r->time = c.time;
  r->n_risk = c.n_risk;
  r->n_event = c.n_event;
  r->n_censor = c.n_censor;
  r->cumhaz = surv__malloc_array(c.m, sizeof *r->cumhaz);
  r->std_chaz = surv__malloc_array(c.m, sizeof *r->std_chaz);
  r->surv = surv__malloc_array(c.m, sizeof *r->surv);
  r->std_err = surv__malloc_array(c.m, sizeof *r->std_err);
  if (r->cumhaz == NULL || r->std_chaz == NULL || r->surv == NULL ||
      r->std_err == NULL) {
    free(c.d0);
    surv_na_free(r);
    return SURV_ENOMEM;
  }
  for (i = 0; i < c.m; i++) {
    double nr = c.n_risk[i], d1 = c.n_event[i], d0 = c.d0[i];
    if (flags & SURV_NA_FH) {
      double j;
      for (j = 0; j < d0; j++) {
        double dt = nr - j * d1 / d0;
        h += d1 / (d0 * dt);
        v += d1 / (d0 * dt * dt);
      }
    } else if (d0 > 0 && d1 > 0) {
      h += d1 / nr;
      v += d1 / (nr * nr);
    }
    r->cumhaz[i] = h;
    r->std_chaz[i] = sqrt(v);
    r->surv[i] = exp(-h);
    r->std_err[i] = r->surv[i] * r->std_chaz[i];
  }
  free(c.d0);
  *out = r;
  return SURV_OK;
}

SURV_EXPORT size_t surv_na_size(const surv_na *na) { return na ? na->m : 0; }
SURV_EXPORT const double *surv_na_time(const surv_na *na) {
  return na ? na->time : NULL;
}
SURV_EXPORT const double *surv_na_n_risk(const surv_na *na) {
  return na ? na->n_risk : NULL;
}
SURV_EXPORT const double *surv_na_n_event(const surv_na *na) {
  return na ? na->n_event : NULL;
}
SURV_EXPORT const double *surv_na_n_censor(const surv_na *na) {
  return na ? na->n_censor : NULL;
}
SURV_EXPORT const double *surv_na_cumhaz(const surv_na *na) {
  return na ? na->cumhaz : NULL;
}
SURV_EXPORT const double *surv_na_std_chaz(const surv_na *na) {
  return na ? na->std_chaz : NULL;
}
SURV_EXPORT const double *surv_na_surv(const surv_na *na) {
  return na ? na->surv : NULL;
}
SURV_EXPORT const double *surv_na_std_err(const surv_na *na) {
  return na ? na->std_err : NULL;
}

SURV_EXPORT int surv_na_ci(const surv_na *na, surv_ci_type type, double level,
                           double *lower, double *upper, size_t len) {
  double z;
  size_t i;
  if (na == NULL || lower == NULL || upper == NULL)
    return SURV_ENULL;
  if (len < na->m)
    return SURV_ESIZE;
  if (!(level > 0 && level < 1))
    return SURV_ELEVEL;
  if ((int)type < SURV_CI_PLAIN || (int)type > SURV_CI_ARCSIN)
    return SURV_EINVAL;
  z = surv__z_two_sided(level);
  for (i = 0; i < na->m; i++)
    surv__ci_row(type, z, na->surv[i], na->std_chaz[i], &lower[i], &upper[i]);
  return SURV_OK;
}
