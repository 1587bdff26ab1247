/* Kaplan-Meier estimation for right-censored data. See surv_km_fit(3). */
#ifndef SURV_KM_H
#define SURV_KM_H

#include <stddef.h>

#include "surv/common.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Opaque fitted curve: one row per distinct observed time. */
typedef struct surv_km surv_km;

/* Flags for surv_km_fit(). */
#define SURV_KM_NO_TIMEFIX                                                     \
  0x1u /* do not merge near-tied times (R timefix=FALSE) */

/* Fit a KM curve to n subjects. weight may be NULL (all 1). On success *out
 * owns a new curve (free with surv_km_free). Codes: SURV_ENULL, SURV_ESIZE,
 * SURV_ETIME, SURV_ESTATUS, SURV_EWEIGHT, SURV_EINVAL, SURV_ENOMEM.
 * O(n log n), O(n) when time is already sorted. See surv_km_fit(3). */
int surv_km_fit(const double *time, const int *status, const double *weight,
                size_t n, unsigned flags, surv_km **out);

/* As surv_km_fit, using only the subjects with group[i] == label (one stratum
 * of a stratified fit; near-tie merging uses all n times, as R does).
 * SURV_EGROUP if no subject has that label. See surv_km_fit_stratum(3). */
int surv_km_fit_stratum(const double *time, const int *status,
                        const double *weight, const int *group, int label,
                        size_t n, unsigned flags, surv_km **out);

/* As surv_km_fit for left-truncated (counting-process) data: subject i is at
 * risk at t iff entry[i] < t <= time[i]; entry[i] must be finite, >= 0 and
 * < time[i] (SURV_ETIME). See surv_km_fit_counting(3). */
int surv_km_fit_counting(const double *entry, const double *time,
                         const int *status, const double *weight, size_t n,
                         unsigned flags, surv_km **out);

/* Release a curve; NULL is a no-op. */
void surv_km_free(surv_km *km);

/* Number of rows (distinct times); 0 for NULL. */
size_t surv_km_size(const surv_km *km);

/* Borrowed arrays of surv_km_size() elements, valid until surv_km_free();
 * NULL for a NULL curve. Counts are weighted sums. */
const double *surv_km_time(const surv_km *km);
const double *surv_km_n_risk(const surv_km *km);
const double *surv_km_n_event(const surv_km *km);
const double *surv_km_n_censor(const surv_km *km);
const double *surv_km_surv(const surv_km *km);
/* Greenwood standard error of S(t) (R summary()$std.err); NaN once S = 0. */
const double *surv_km_std_err(const surv_km *km);
/* Greenwood standard error of log S(t) (R fit$std.err); Inf once S = 0. */
const double *surv_km_std_err_log(const surv_km *km);

/* Pointwise confidence limits at every row into caller buffers of len >=
 * surv_km_size(km); NaN where R gives NA/NaN. Codes: SURV_ENULL, SURV_ESIZE,
 * SURV_ELEVEL, SURV_EINVAL. See surv_km_ci(3). */
int surv_km_ci(const surv_km *km, surv_ci_type type, double level,
               double *lower, double *upper, size_t len);

/* The step function at m arbitrary times (R summary(fit, times=, extend=TRUE)):
 * each output array may be NULL, else has m elements. n_risk is the number at
 * risk at the first curve time >= t (0 past the end). Times must be finite and
 * >= 0 (SURV_ETIME). See surv_km_at(3). */
int surv_km_at(const surv_km *km, const double *times, size_t m,
               surv_ci_type type, double level, double *surv, double *std_err,
               double *lower, double *upper, double *n_risk);

/* Quantiles q(p) = time where the curve first reaches 1 - p, with limits from
 * the same rule on the confidence bands (R quantile.survfit). p in (0, 1)
 * (SURV_EPROB otherwise). Outputs of m elements; est/lower/upper may be NULL;
 * NaN where R gives NA. See surv_km_quantile(3). */
int surv_km_quantile(const surv_km *km, const double *p, size_t m,
                     surv_ci_type type, double level, double *est,
                     double *lower, double *upper);

#ifdef __cplusplus
}
#endif

#endif /* SURV_KM_H */
