/* Operations on any curve result (Kaplan-Meier, Nelson-Aalen, a model's
 * predicted curve): confidence limits, values at given times, quantiles. For
 * a curve with several strata the outputs are per stratum, stratum-major
 * (stratum k, in ascending label order, at k * m + i). Given a result that is
 * not a curve they return SURV_EINVAL. See surv_curve_ci(3). */
#ifndef SURV_CURVE_H
#define SURV_CURVE_H

#include <stddef.h>

#include "surv/common.h"
#include "surv/result.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Pointwise confidence limits of the curve's estimate at every row (R
 * survfit(conf.type =, conf.int =)) into buffers of len >= rows; NaN where R
 * gives NA. Codes: SURV_ENULL, SURV_EINVAL, SURV_ELEVEL, SURV_ESIZE.
 * See surv_curve_ci(3). */
int surv_curve_ci(const surv_result *curve, surv_ci_type type, double level,
                  double *lower, double *upper, size_t len);

/* The step function at m times (R summary(fit, times =, extend = TRUE)):
 * each output may be NULL, else holds len >= m * strata values (stratum
 * k's value at times[i] at k * m + i). Codes: SURV_ENULL, SURV_EINVAL,
 * SURV_ELEVEL, SURV_ESIZE, SURV_ETIME. See surv_curve_at(3). */
int surv_curve_at(const surv_result *curve, const double *times, size_t m,
                  surv_ci_type type, double level, double *surv,
                  double *std_err, double *lower, double *upper, double *n_risk,
                  size_t len);

/* Quantiles with confidence limits (R quantile.survfit): outputs may be
 * NULL, else hold len >= m * strata values, stratum-major as above; NaN
 * where R gives NA. Codes: SURV_ENULL, SURV_EINVAL, SURV_ELEVEL, SURV_ESIZE,
 * SURV_EPROB. See surv_curve_quantile(3). */
int surv_curve_quantile(const surv_result *curve, const double *p, size_t m,
                        surv_ci_type type, double level, double *est,
                        double *lower, double *upper, size_t len);

#ifdef __cplusplus
}
#endif

#endif /* SURV_CURVE_H */
