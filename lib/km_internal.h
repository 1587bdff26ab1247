/* Internal declarations shared by the Kaplan-Meier files (lib/km*.c).
 * Never installed. */
#ifndef SURV_KM_INTERNAL_H
#define SURV_KM_INTERNAL_H

#include <stddef.h>
#include <stdint.h>

#include "surv_internal.h"

/* The fitted curve: one row per distinct time, all arrays of `size` doubles
 * living in the same allocation as the struct (one malloc, one free). */
struct surv_km {
  size_t size;
  double *time, *n_risk, *n_event, *n_censor, *surv, *std_err, *std_err_log;
};

/* The distinct times of a data set, sorted increasingly, with weighted
 * death and censoring sums per time. `present` (NULL for an unstratified fit)
 * marks the times that at least one subject of the fitted stratum has; the
 * other times only take part in the near-tie merging. Arrays of `m`. */
typedef struct surv__km_agg {
  size_t m;
  double *time, *dead, *cens;
  unsigned char *present;
} surv__km_agg;

/* Sort and aggregate n validated subjects (time >= 0 finite, status 0/1,
 * weight NULL or >= 0 finite; group NULL for all subjects, else only
 * group[i] == label is counted). `sorted` says time is non-decreasing.
 * Fills *agg (free with surv__km_agg_free). Returns SURV_OK or SURV_ENOMEM.
 * Cost: O(n) when sorted; otherwise O(n) expected (hashing of the distinct
 * times) plus O(m) radix sorting, or an O(n) radix sort of all n keys when
 * more than n/8 times are distinct. */
int surv__km_aggregate(const double *time, const int *status,
                       const double *weight, const int *group, int label,
                       size_t n, int sorted, surv__km_agg *agg);
void surv__km_agg_free(surv__km_agg *agg);

/* Validates a CI request: SURV_EINVAL for an unknown type, SURV_ELEVEL for a
 * level not strictly inside (0, 1) (NaN included), else SURV_OK. */
int surv__km_check_ci(surv_ci_type type, double level);

/* R 3.5-3 survfit_confint() for one row: estimate s, se of log S `se`,
 * z = qnorm(1 - (1 - level)/2). NA and NaN both come back as NaN. */
void surv__km_ci_row(surv_ci_type type, double z, double s, double se,
                     double *lower, double *upper);

/* 1 when R's limit at estimate s is NA (as opposed to NaN) in R 3.5-3,
 * meaningful only where surv__km_ci_row gave NaN (quantile.survfit's
 * duplicated() tells NA and NaN apart). */
int surv__km_ci_is_na(surv_ci_type type, double s);

#endif /* SURV_KM_INTERNAL_H */
