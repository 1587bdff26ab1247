/* Restricted mean survival time of a Kaplan-Meier curve and median
 * follow-up by the reverse Kaplan-Meier. See surv_km_rmst(3). */
#ifndef SURV_RMST_H
#define SURV_RMST_H

#include <stddef.h>

#include "surv/common.h"
#include "surv/km.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Restricted mean of the curve up to tau, its standard error (R
 * print(survfit, rmean = tau)) and a normal-approximation confidence
 * interval of coverage level. Outputs may be NULL. Codes: SURV_ENULL (km),
 * SURV_ETIME (tau NaN, infinite or <= 0), SURV_ELEVEL. O(rows).
 * See surv_km_rmst(3). */
int surv_km_rmst(const surv_km *km, double tau, double level, double *rmst,
                 double *se, double *lower, double *upper);

/* Difference RMST(a) - RMST(b) up to tau with se = sqrt(se_a^2 + se_b^2),
 * normal CI and two-sided p-value. Outputs may be NULL. Codes as
 * surv_km_rmst. See surv_km_rmst_diff(3). */
int surv_km_rmst_diff(const surv_km *a, const surv_km *b, double tau,
                      double level, double *diff, double *se, double *lower,
                      double *upper, double *p);

/* Median follow-up: the median of the reverse Kaplan-Meier curve (KM of
 * Surv(time, 1 - status), Schemper & Smith 1996) with its confidence limits
 * by R's quantile rule on bands of the given type. NaN where R gives NA.
 * Outputs may be NULL. flags as surv_km_fit. Codes: those of surv_km_fit,
 * SURV_ELEVEL, SURV_EINVAL. O(n log n). See surv_km_followup(3). */
int surv_km_followup(const double *time, const int *status,
                     const double *weight, size_t n, unsigned flags,
                     surv_ci_type type, double level, double *median,
                     double *lower, double *upper);

#ifdef __cplusplus
}
#endif

#endif /* SURV_RMST_H */
