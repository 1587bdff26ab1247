/* Internal declarations of the Kaplan-Meier fit: lib/km.c (the fit),
 * lib/km_agg.c (its input stage and rows) and lib/km_entry.c (delayed entry).
 * Never installed. */
#ifndef SURV_KM_INTERNAL_H
#define SURV_KM_INTERNAL_H

#include <stddef.h>
#include <stdint.h>

#include "surv_internal.h"

/* A Kaplan-Meier curve being built: one row per distinct time, all arrays of
 * `size` doubles living in the same allocation as the struct (one malloc,
 * one free). */
typedef struct surv__km {
  size_t size;
  double *time, *n_risk, *n_event, *n_censor, *surv, *std_err, *std_err_log;
} surv__km;

/* A new curve with room for k rows (size set to k); NULL when out of
 * memory. Free with free(). lib/km_agg.c. */
surv__km *surv__km_alloc(size_t k);

/* The distinct times of a data set, sorted increasingly, with weighted
 * death and censoring sums per time, built directly in the arrays of the
 * curve `km` that will hold the result (time, n_event, n_censor). m rows. */
typedef struct surv__km_agg {
  size_t m;
  surv__km *km;
  double *time, *dead, *cens;
} surv__km_agg;

/* Validate n >= 1 subjects (surv__check_subject, first bad subject in
 * index order), then sort and aggregate them. Fills *agg (agg->km then owns
 * the rows; free it). SURV_ETIME, SURV_ESTATUS, SURV_EWEIGHT, SURV_ENOMEM;
 * *agg is only filled on success. Cost: O(n) expected, see lib/km_agg.c. */
int surv__km_aggregate(const double *time, const int *status,
                       const double *weight, size_t n, surv__km_agg *agg);

/* The delayed-entry (counting-process) fit of subjects [0, n) in stratum
 * order: sidx NULL (one stratum) or sidx[i] = stratum index < k of subject i.
 * Writes k curves to curves[0..k) (free each with free()). Inputs validated
 * by the caller except entry < time after the near-tie merge (SURV_ETIME).
 * SURV_ENOMEM. lib/km_entry.c. */
int surv__km_fit_entry(const surv_data *d, unsigned flags, const size_t *sidx,
                       size_t k, surv__km **curves);

/* S, se(log S) and se(S) (product limit and Greenwood, as survfitkm.c) of
 * the rows of a curve whose time, n_risk, n_event and n_censor are set.
 * lib/km.c; the delayed-entry fit and the fit from a count table
 * (lib/counts.c) use it too. */
void surv__km_estimate(surv__km *out);

/* The curve result of k curves, one after another (labels NULL for one
 * curve, else the k stratum labels: a SURV_COL_STRATUM column), with
 * SURV_STAT_N = n and SURV_STAT_N_STRATA = k. SURV_ENOMEM. lib/km.c. */
int surv__km_result(surv__km *const *curves, size_t k, const double *labels,
                    size_t n, surv_result **out);

#endif /* SURV_KM_INTERNAL_H */
