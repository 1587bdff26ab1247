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

/* Simultaneous confidence bands of a survival curve over [t_lower, t_upper]
 * (Klein & Moeschberger section 4.4; SAS LIFETEST CONFBAND=; R km.ci). */
typedef enum surv_curve_band_method {
  SURV_CURVE_BAND_HW = 0, /* Hall-Wellner (1980) */
  SURV_CURVE_BAND_EP = 1  /* equal precision (Nair 1984) */
} surv_curve_band_method;

/* Options of surv_curve_band: initialise with SURV_CURVE_BAND_OPTIONS_INIT,
 * then set members; NULL or a zero member is the default. */
typedef struct surv_curve_band_options {
  size_t size;                   /* set by SURV_CURVE_BAND_OPTIONS_INIT */
  surv_curve_band_method method; /* SURV_CURVE_BAND_HW (default) or _EP */
  surv_ci_type type; /* SURV_CI_PLAIN (default), SURV_CI_LOGLOG, ARCSIN */
  double level;      /* simultaneous confidence level; 0 means 0.95 */
  double critical;   /* 0: computed; > 0: this critical value instead */
} surv_curve_band_options;

#define SURV_CURVE_BAND_OPTIONS_INIT                                           \
  {                                                                            \
    sizeof(surv_curve_band_options), SURV_CURVE_BAND_HW, SURV_CI_PLAIN, 0.0,   \
        0.0                                                                    \
  }

/* The band of each stratum of a survival curve on [t_lower, t_upper]
 * (-HUGE_VAL: each stratum's first event time; HUGE_VAL: its last event
 * time with survivors) into a new result: rows at t_lower and at each curve
 * time in (t_lower, t_upper] with SURV_COL_TIME, SURV_COL_SURV,
 * SURV_COL_LOWER, SURV_COL_UPPER (and SURV_COL_STRATUM), one row per stratum
 * of SURV_COL_BAND_CRITICAL, _A_LOWER, _A_UPPER. Codes: SURV_ENULL,
 * SURV_EINVAL, SURV_ELEVEL, SURV_ETIME, SURV_ERANGE, SURV_ENOCONV,
 * SURV_ENOMEM. See surv_curve_band(3). */
int surv_curve_band(const surv_result *curve, double t_lower, double t_upper,
                    const surv_curve_band_options *opt, surv_result **out);

/* The critical value of a band: Hall-Wellner k with P(sup |W0(x)| <= k) =
 * level, equal precision c with P(sup |W0(x)| / sqrt(x (1 - x)) <= c) =
 * level, sup over a_lower <= x <= a_upper, W0 a Brownian bridge. Codes:
 * SURV_ENULL, SURV_EINVAL, SURV_ELEVEL, SURV_EPROB, SURV_ENOCONV.
 * See surv_curve_band_critical(3). */
int surv_curve_band_critical(surv_curve_band_method method, double a_lower,
                             double a_upper, double level, double *critical);

#ifdef __cplusplus
}
#endif

#endif /* SURV_CURVE_H */
