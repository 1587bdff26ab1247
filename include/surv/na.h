/* Nelson-Aalen cumulative hazard and the survival exp(-H) (R survfit with
 * ctype = 1 or 2, stype = 2). See surv_na_fit(3). */
#ifndef SURV_NA_H
#define SURV_NA_H

#include <stddef.h>

#include "surv/common.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Opaque fitted cumulative hazard: one row per distinct observed time. */
typedef struct surv_na surv_na;

/* Flags for surv_na_fit(). */
#define SURV_NA_NO_TIMEFIX                                                     \
  0x1u                  /* do not merge near-tied times (R timefix=FALSE) */
#define SURV_NA_FH 0x2u /* Fleming-Harrington tie correction (R ctype=2) */

/* Fit the Nelson-Aalen estimate to n subjects; weight may be NULL (all 1).
 * On success *out owns a new fit (free with surv_na_free). Codes:
 * SURV_ENULL, SURV_ESIZE, SURV_ETIME, SURV_ESTATUS, SURV_EWEIGHT,
 * SURV_EINVAL (unknown flag), SURV_ENOMEM. O(n). See surv_na_fit(3). */
int surv_na_fit(const double *time, const int *status, const double *weight,
                size_t n, unsigned flags, surv_na **out);

/* Release a fit; NULL is a no-op. */
void surv_na_free(surv_na *na);

/* Number of rows (distinct times); 0 for NULL. */
size_t surv_na_size(const surv_na *na);

/* Borrowed arrays of surv_na_size() elements, valid until surv_na_free();
 * NULL for NULL. Counts are weighted sums. cumhaz is H(t), std_chaz its
 * standard error (R std.chaz), surv = exp(-H(t)) (R stype=2) and std_err the
 * standard error of that survival, exp(-H) * std_chaz (R summary()$std.err). */
const double *surv_na_time(const surv_na *na);
const double *surv_na_n_risk(const surv_na *na);
const double *surv_na_n_event(const surv_na *na);
const double *surv_na_n_censor(const surv_na *na);
const double *surv_na_cumhaz(const surv_na *na);
const double *surv_na_std_chaz(const surv_na *na);
const double *surv_na_surv(const surv_na *na);
const double *surv_na_std_err(const surv_na *na);

/* Pointwise confidence limits of exp(-H) at every row into caller buffers of
 * len >= surv_na_size(na) (R survfit(stype=2, conf.type=)); NaN where R gives
 * NA/NaN. Codes: SURV_ENULL, SURV_ESIZE, SURV_ELEVEL, SURV_EINVAL.
 * See surv_na_ci(3). */
int surv_na_ci(const surv_na *na, surv_ci_type type, double level,
               double *lower, double *upper, size_t len);

#ifdef __cplusplus
}
#endif

#endif /* SURV_NA_H */
