/* Reading a curve result by strata (lib/curve.c), shared by the curve
 * operations: surv_curve_ci and surv_curve_at (lib/curve.c),
 * surv_curve_quantile (lib/curve_quantile.c), surv_curve_rmst and the
 * follow-up (lib/rmst.c). Never installed. */
#ifndef SURV_CURVE_INTERNAL_H
#define SURV_CURVE_INTERNAL_H

#include <stddef.h>

#include "surv_internal.h"

/* One stratum of a survival curve result: borrowed views of its rows. */
typedef struct surv__strat {
  size_t size;
  const double *time, *n_risk, *n_event, *n_censor, *surv, *std_err,
      *std_err_log;
} surv__strat;

/* The strata of a curve: *k views in ascending label order, in an array
 * malloc'd into *strata (free() it). SURV_ENULL (r NULL), SURV_EINVAL (not a
 * survival curve: kind, or a missing column), SURV_ENOMEM. O(rows). */
int surv__curve_strata(const surv_result *r, surv__strat **strata, size_t *k);

/* Number of the k ascending times x that are <= t (R findInterval). */
size_t surv__count_le(const double *x, size_t k, double t);

/* surv__curve_strata for an operation writing `per` values per stratum to
 * caller buffers of len: also SURV_ESIZE when len < per * strata (nothing
 * allocated then). */
int surv__curve_strata_len(const surv_result *r, size_t per, size_t len,
                           surv__strat **strata, size_t *k);

/* The critical value of a simultaneous band (lib/curve_band_crit.c):
 * Hall-Wellner (ep = 0) or equal precision (ep = 1) on [a, b]. Precondition:
 * 0 <= a < b < 1 (a > 0 for ep), 0 < level < 1. SURV_OK or SURV_ENOCONV;
 * *crit written only on success. No allocation. */
int surv__band_critical(int ep, double a, double b, double level, double *crit);

#endif /* SURV_CURVE_INTERNAL_H */
