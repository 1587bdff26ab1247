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

/* A new curve with room for k rows (size set to k); NULL when out of
 * memory. Free with surv_km_free. */
surv_km *surv__km_alloc(size_t k);

/* The distinct times of a data set, sorted increasingly, with weighted
 * death and censoring sums per time, built directly in the arrays of the
 * curve `km` that will hold the result (time, n_event, n_censor). `present`
 * (NULL for an unstratified fit, else km's n_risk array used as scratch)
 * is 1 at the times that at least one subject of the fitted stratum has, 0
 * at the times that only take part in the near-tie merging. m rows. */
typedef struct surv__km_agg {
  size_t m;
  surv_km *km;
  double *time, *dead, *cens, *present;
} surv__km_agg;

/* Validate n >= 1 subjects (time finite >= 0, status 0/1, weight NULL or
 * finite >= 0), then sort and aggregate them (group NULL for all subjects,
 * else only group[i] == label is counted; the other subjects' times still
 * appear, unmarked in `present`). Fills *agg (free with surv__km_agg_free).
 * Returns SURV_OK, SURV_ETIME, SURV_ESTATUS, SURV_EWEIGHT (first bad subject
 * in index order), SURV_EGROUP (label absent) or SURV_ENOMEM; *agg is only
 * filled on success (agg->km then owns the rows). Cost: O(n) expected, see
 * lib/km_agg.c. */
int surv__km_aggregate(const double *time, const int *status,
                       const double *weight, const int *group, int label,
                       size_t n, surv__km_agg *agg);

/* Validates a CI request: SURV_EINVAL for an unknown type, SURV_ELEVEL for a
 * level not strictly inside (0, 1) (NaN included), else SURV_OK. */
int surv__km_check_ci(surv_ci_type type, double level);

/* Common checks of surv_km_at / surv_km_quantile: SURV_ENULL when km or
 * arg is NULL, then surv__km_check_ci, then SURV_ESIZE when m is 0. */
int surv__km_check_request(const surv_km *km, const double *arg, size_t m,
                           surv_ci_type type, double level);

/* 1 when R's limit at estimate s is NA (as opposed to NaN) in R 3.5-3,
 * meaningful only where surv__ci_row gave NaN (quantile.survfit's
 * duplicated() tells NA and NaN apart). */
int surv__km_ci_is_na(surv_ci_type type, double s);

#endif /* SURV_KM_INTERNAL_H */
