/* Internal declarations shared by the Kaplan-Meier and curve files
 * (lib/km*.c, lib/rmst.c). Never installed. */
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
 * memory. Free with free(). */
surv__km *surv__km_alloc(size_t k);

/* The distinct times of a data set, sorted increasingly, with weighted
 * death and censoring sums per time, built directly in the arrays of the
 * curve `km` that will hold the result (time, n_event, n_censor). m rows. */
typedef struct surv__km_agg {
  size_t m;
  surv__km *km;
  double *time, *dead, *cens;
} surv__km_agg;

/* Validate n >= 1 subjects (surv__km_check_subject, first bad subject in
 * index order), then sort and aggregate them. Fills *agg (agg->km then owns
 * the rows; free it). SURV_ETIME, SURV_ESTATUS, SURV_EWEIGHT, SURV_ENOMEM;
 * *agg is only filled on success. Cost: O(n) expected, see lib/km_agg.c. */
int surv__km_aggregate(const double *time, const int *status,
                       const double *weight, size_t n, surv__km_agg *agg);

/* SURV_ETIME (time NaN, infinite or negative), SURV_ESTATUS (not 0/1),
 * SURV_EWEIGHT (weight NaN, infinite or negative; weight may be NULL) for
 * subject i, else SURV_OK. */
int surv__km_check_subject(const double *time, const int *status,
                           const double *weight, size_t i);

/* The delayed-entry (counting-process) fit of subjects [0, n) in stratum
 * order: sidx NULL (one stratum) or sidx[i] = stratum index < k of subject i.
 * Writes k curves to curves[0..k) (free each with free()). Inputs validated
 * by the caller except entry < time after the near-tie merge (SURV_ETIME).
 * SURV_ENOMEM. lib/km_lt.c. */
int surv__km_fit_entry(const surv_data *d, unsigned flags, const size_t *sidx,
                       size_t k, surv__km **curves);

/* ---- reading a curve result (lib/km_ci.c) ------------------------------- */

/* One stratum of a survival curve result: borrowed views of its rows. */
typedef struct surv__strat {
  size_t size;
  const double *time, *n_risk, *n_event, *n_censor, *surv, *std_err,
      *std_err_log;
} surv__strat;

/* The strata of a curve: *k views in ascending label order, in an array
 * malloc'd into *strata (free() it). SURV_ENULL (r NULL), SURV_EINVAL (not a
 * survival curve: kind, or a missing column), SURV_ENOMEM. O(rows). */
int surv__curve_strata(const surv_result *r, surv__strat **strata, size_t *k);

/* surv__curve_strata for an operation writing `per` values per stratum to
 * caller buffers of len: also SURV_ESIZE when len < per * strata (nothing
 * allocated then). */
int surv__curve_strata_len(const surv_result *r, size_t per, size_t len,
                           surv__strat **strata, size_t *k);

/* Validates a CI request: SURV_EINVAL for an unknown type, SURV_ELEVEL for a
 * level not strictly inside (0, 1) (NaN included), else SURV_OK. */
int surv__km_check_ci(surv_ci_type type, double level);

/* 1 when R's limit at estimate s is NA (as opposed to NaN) in R 3.5-3,
 * meaningful only where surv__ci_row gave NaN (quantile.survfit's
 * duplicated() tells NA and NaN apart). */
int surv__km_ci_is_na(surv_ci_type type, double s);

/* Quantiles of one stratum (R quantile.survfit): m probabilities in (0, 1)
 * checked by the caller, outputs of m elements (may be NULL). SURV_ENOMEM.
 * lib/km_quantile.c. */
int surv__km_quantile(const surv__strat *km, const double *p, size_t m,
                      surv_ci_type type, double level, double *est,
                      double *lower, double *upper);

#endif /* SURV_KM_INTERNAL_H */
