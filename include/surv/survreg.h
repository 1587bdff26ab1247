/* Parametric (accelerated failure time) survival regression, as R survival's
 * survreg(): location-scale models on log time (Weibull, exponential,
 * Rayleigh, log-normal, log-logistic) or on time (extreme value, Gaussian,
 * logistic), right, left, interval and exact observations mixed, case
 * weights, an offset, a fixed or estimated scale and one scale per stratum;
 * predictions as R's predict.survreg(). See surv_survreg_fit(3). */
#ifndef SURV_SURVREG_H
#define SURV_SURVREG_H

#include <stddef.h>

#include "surv/common.h"
#include "surv/result.h"

#ifdef __cplusplus
extern "C" {
#endif

/* The distribution (R's survreg.distributions). Weibull is R's default. */
typedef enum surv_survreg_dist {
  SURV_SURVREG_WEIBULL = 0,     /* extreme value on log time */
  SURV_SURVREG_EXPONENTIAL = 1, /* Weibull with the scale fixed at 1 */
  SURV_SURVREG_LOGNORMAL = 2,   /* Gaussian on log time */
  SURV_SURVREG_LOGLOGISTIC = 3, /* logistic on log time */
  SURV_SURVREG_GAUSSIAN = 4,    /* Gaussian on time */
  SURV_SURVREG_LOGISTIC = 5,    /* logistic on time */
  SURV_SURVREG_EXTREME = 6,     /* extreme value (minimum) on time */
  SURV_SURVREG_RAYLEIGH = 7     /* Weibull with the scale fixed at 0.5 */
} surv_survreg_dist;

/* Flag bits of surv_survreg_options.flags. No intercept column (R's
 * "~ x - 1"): */
#define SURV_SURVREG_NO_INTERCEPT 0x100u

/* Options; a zero member means R's default (survreg.control()). */
typedef struct surv_survreg_options {
  size_t size;            /* sizeof(surv_survreg_options) */
  surv_survreg_dist dist; /* default SURV_SURVREG_WEIBULL */
  double scale;           /* 0: estimate (R's scale = 0); > 0: fixed at this */
  int iter_max;           /* Newton-Raphson iterations; 0: 30 */
  double rel_tolerance;   /* relative change of the log-likelihood; 0: 1e-9 */
  double toler_chol;      /* Cholesky singularity tolerance; 0: 1e-10 */
  unsigned flags;         /* SURV_SURVREG_* bits */
} surv_survreg_options;

#define SURV_SURVREG_OPTIONS_INIT                                              \
  { sizeof(surv_survreg_options), SURV_SURVREG_WEIBULL, 0.0, 0, 0.0, 0.0, 0u }

/* Fit the model to data (time, status with R's Surv(type = "interval") codes
 * 0 right-censored, 1 exact, 2 left-censored, 3 interval (time, time2];
 * optional time2, weight, strata, x with p, offset). *out: a result of the
 * columns, statistics and tests listed in surv_survreg_fit(3). */
int surv_survreg_fit(const surv_data *data, const surv_survreg_options *opt,
                     surv_result **out);

/* What surv_survreg_predict computes (R predict.survreg's type). */
typedef enum surv_survreg_pred {
  SURV_SURVREG_PRED_LP = 0,       /* linear predictor x'b + offset */
  SURV_SURVREG_PRED_RESPONSE = 1, /* the predictor on the time scale */
  SURV_SURVREG_PRED_QUANTILE = 2, /* time quantiles at p */
  SURV_SURVREG_PRED_UQUANTILE = 3 /* quantiles on the linear scale */
} surv_survreg_pred;

/* Predictions for the newdata->n rows of newdata (x with the fit's p
 * columns, optional offset and strata) with standard errors: fit_out and
 * se_out (se_out may be NULL) each hold len = n values, or n * np (row-major,
 * fit_out[i * np + k] for p[k]) for the quantile types. */
int surv_survreg_predict(const surv_result *fit, const surv_data *newdata,
                         surv_survreg_pred type, const double *p, size_t np,
                         double *fit_out, double *se_out, size_t len);

#ifdef __cplusplus
}
#endif

#endif /* SURV_SURVREG_H */
