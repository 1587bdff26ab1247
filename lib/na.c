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
 * std.chaz = sqrt(var); S = exp(-H) with se(log S) = std.chaz, stored as
 * the curve's SURV_COL_STD_ERR_LOG so that the surv_curve_* functions give
 * R's survfit(stype = 2) limits, values at times and quantiles.
 * Rows at every distinct time (events and censorings). Near-tied times are
 * merged first (R timefix). Non-robust variance: R uses it for integer case
 * weights; for other weights R defaults to the robust (IJ) variance.
 * Cost: O(n) radix sort and O(n) pass; memory O(n). */
#include <math.h>
#include <stdlib.h>

#include "counts_internal.h"
#include "survtime.h"

/* The curve of the distinct-time table c (n subjects). */
int surv__na_result(const surv__counts *c, unsigned flags, size_t n,
                    surv_result **out) {
  static const surv_col cols[9] = {
      SURV_COL_TIME,     SURV_COL_N_RISK,  SURV_COL_N_EVENT,
      SURV_COL_N_CENSOR, SURV_COL_CUMHAZ,  SURV_COL_STD_CHAZ,
      SURV_COL_SURV,     SURV_COL_STD_ERR, SURV_COL_STD_ERR_LOG};
  surv_result *r = surv__result_new(SURV__KIND_CURVE);
  double h = 0, v = 0, *col[9];
  size_t i, j;
  for (j = 0; r != NULL && j < 9; j++)
    if ((col[j] = surv__result_column_new(r, cols[j], c->m)) == NULL) {
      surv_result_free(r);
      r = NULL;
    }
  if (r == NULL)
    return SURV_ENOMEM;
  for (i = 0; i < c->m; i++) {
    double nr = c->n_risk[i], d1 = c->n_event[i], d0 = c->d0[i];
    if (flags & SURV_NA_FH) {
      double jj;
      for (jj = 0; jj < d0; jj++) {
        double dt = nr - jj * d1 / d0;
        h += d1 / (d0 * dt);
        v += d1 / (d0 * dt * dt);
      }
    } else if (d0 > 0 && d1 > 0) {
      h += d1 / nr;
      v += d1 / (nr * nr);
    }
    col[0][i] = c->time[i];
    col[1][i] = nr;
    col[2][i] = d1;
    col[3][i] = c->n_censor[i];
    col[4][i] = h;
    col[5][i] = sqrt(v);
    col[6][i] = exp(-h);
    col[7][i] = col[6][i] * col[5][i];
    col[8][i] = col[5][i]; /* se(log S) = se(H) */
  }
  surv__result_set_stat(r, SURV_STAT_N, (double)n);
  surv__result_set_stat(r, SURV_STAT_N_STRATA, 1);
  *out = r;
  return SURV_OK;
}

SURV_EXPORT int surv_na_fit(const surv_data *data, unsigned flags,
                            surv_result **out) {
  surv__counts c;
  surv_data d;
  int rc;
  if (data == NULL || out == NULL)
    return SURV_ENULL;
  if ((rc = surv__data_copy(data, &d)) != SURV_OK)
    return rc;
  if (d.time == NULL || d.status == NULL)
    return SURV_ENULL;
  if (d.entry || d.time2 || d.group || d.strata || d.cluster || d.x || d.p ||
      d.offset)
    return SURV_EINVAL;
  if (d.n == 0)
    return SURV_ESIZE;
  if ((flags & ~(SURV_NO_TIMEFIX | SURV_NA_FH)) != 0)
    return SURV_EINVAL;
  if ((rc = surv__check_times(d.time, d.status, d.n)) != SURV_OK ||
      (rc = surv__check_weights(d.weight, d.n)) != SURV_OK)
    return rc;
  if ((rc = surv__counts_make(d.time, d.status, d.weight, d.n,
                              (flags & SURV_NO_TIMEFIX) != 0, &c)) != SURV_OK)
    return rc;
  rc = surv__na_result(&c, flags, d.n, out);
  surv__counts_free(&c);
  return rc;
}
