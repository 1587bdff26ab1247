/* Restricted mean survival time of a curve result and median follow-up by
 * the reverse Kaplan-Meier. See surv_curve_rmst(3). */
#ifndef SURV_RMST_H
#define SURV_RMST_H

#include <stddef.h>

#include "surv/common.h"
#include "surv/result.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Restricted mean of the curve up to tau, its standard error (R
 * print(survfit, rmean = tau)) and a normal-approximation confidence
 * interval of coverage level, one value per stratum (ascending label order)
 * in outputs of len >= strata elements; outputs may be NULL. Codes:
 * SURV_ENULL, SURV_EINVAL (not a survival curve), SURV_ETIME (tau NaN,
 * infinite or <= 0), SURV_ELEVEL, SURV_ESIZE. O(rows).
 * See surv_curve_rmst(3). */
int surv_curve_rmst(const surv_result *curve, double tau, double level,
                    double *rmst, double *se, double *lower, double *upper,
                    size_t len);

/* Difference RMST(a, stratum sa) - RMST(b, stratum sb) up to tau (strata
 * numbered 0, 1, ... in ascending label order; 0 for a curve without
 * strata; a and b may be the same curve), with se = sqrt(se_a^2 + se_b^2),
 * normal confidence interval and two-sided p-value. Outputs may be NULL.
 * Codes as surv_curve_rmst; SURV_EINVAL also for a stratum the curve does
 * not have. See surv_curve_rmst_diff(3). */
int surv_curve_rmst_diff(const surv_result *a, size_t sa, const surv_result *b,
                         size_t sb, double tau, double level, double *diff,
                         double *se, double *lower, double *upper,
                         double *p_value);

/* Median follow-up: the median of the reverse Kaplan-Meier curve (KM of
 * Surv(time, 1 - status), Schemper & Smith 1996; data->entry and
 * data->weight as surv_km_fit) with its confidence limits by R's quantile
 * rule on bands of the given type. NaN where R gives NA. Outputs may be
 * NULL. flags: 0 or SURV_NO_TIMEFIX. Codes: those of surv_km_fit, SURV_EINVAL
 * also for strata or group, SURV_ELEVEL. See surv_km_followup(3). */
int surv_km_followup(const surv_data *data, unsigned flags, surv_ci_type type,
                     double level, double *median, double *lower,
                     double *upper);

#ifdef __cplusplus
}
#endif

#endif /* SURV_RMST_H */
