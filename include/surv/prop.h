/* Binomial proportions: confidence intervals and the exact binomial test. */
#ifndef SURV_PROP_H
#define SURV_PROP_H

#include "surv/common.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef enum surv_prop_method {
  SURV_PROP_WALD = 0,
  SURV_PROP_WILSON = 1,
  SURV_PROP_WILSON_CC = 2,
  SURV_PROP_AGRESTI_COULL = 3,
  SURV_PROP_CLOPPER_PEARSON = 4,
  SURV_PROP_JEFFREYS = 5,
  SURV_PROP_MIDP = 6,
  SURV_PROP_LOGIT = 7,
  SURV_PROP_ARCSINE = 8,
  SURV_PROP_LR = 9,
  SURV_PROP_BLAKER = 10
} surv_prop_method;

/* Two-sided confidence interval [*lower, *upper] at confidence level (in
 * (0, 1)) for a binomial proportion, x successes of n trials, by method.
 * Codes: SURV_ENULL, SURV_ECOUNT (x < 0, n < 1, x > n), SURV_ELEVEL,
 * SURV_EINVAL, SURV_ESIZE (n > 2^53), SURV_ENOCONV. See surv_prop_ci(3). */
int surv_prop_ci(long x, long n, surv_prop_method method, double level,
                 double *lower, double *upper);

/* Exact binomial test of p = p0 against alternative (R binom.test): *out =
 * statistic x (R's "number of successes"), df NaN, p-value. Codes:
 * SURV_ENULL, SURV_ECOUNT, SURV_EPROB (p0 outside [0, 1] or NaN),
 * SURV_EINVAL, SURV_ESIZE. See surv_binom_test(3). */
int surv_binom_test(long x, long n, double p0, surv_alternative alternative,
                    surv_test *out);

#ifdef __cplusplus
}
#endif

#endif /* SURV_PROP_H */
