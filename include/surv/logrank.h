/* Log-rank family of K-sample tests (R survdiff) and the trend test.
 * See surv_logrank_test(3). */
#ifndef SURV_LOGRANK_H
#define SURV_LOGRANK_H

#include <stddef.h>

#include "surv/common.h"
#include "surv/result.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Options of surv_logrank_test (NULL: every default). Extensible: initialise
 * with SURV_LOGRANK_OPTIONS_INIT, then set members. */
typedef struct surv_logrank_options {
  size_t size;    /* sizeof(surv_logrank_options) */
  double rho;     /* G-rho weight S(t-)^rho: 0 log-rank (default), 1 Peto */
  unsigned flags; /* 0 or SURV_NO_TIMEFIX */
} surv_logrank_options;

#define SURV_LOGRANK_OPTIONS_INIT                                              \
  { sizeof(surv_logrank_options), 0.0, 0u }

/* Harrington-Fleming G-rho test of equal survival in the groups of
 * data->group (required), stratified by data->strata, with delayed entry
 * when data->entry is set (R survdiff). *out: a result with the columns
 * SURV_COL_GROUP, N, OBSERVED, EXPECTED (k groups, ascending label), VAR
 * (k x k, row-major) and the test SURV_TEST_MAIN (chi-square, df = groups
 * with E > 0 minus 1, p); free with surv_result_free. Codes: SURV_ENULL,
 * SURV_ESIZE, SURV_ETIME, SURV_ESTATUS, SURV_EINVAL (rho not finite or too
 * far from 0, unknown flag, weight or another member set), SURV_EGROUP (one
 * group), SURV_ENOMEM. O(n + D k^2) for D death times, k groups (O(n log n)
 * with entry). See surv_logrank_test(3). */
int surv_logrank_test(const surv_data *data, const surv_logrank_options *opt,
                      surv_result **out);

/* Test for trend across the groups of a surv_logrank_test result (SAS
 * LIFETEST TREND) with score[j] for group j (ascending label order; NULL:
 * the labels themselves): U = sum score (O - E), var = score' V score,
 * chisq = U^2 / var on 1 df into *out; U and its variance into *u and *var
 * (each may be NULL). Codes: SURV_ENULL, SURV_ESIZE (k != groups),
 * SURV_EINVAL (non-finite score, not a log-rank result).
 * See surv_logrank_trend(3). */
int surv_logrank_trend(const surv_result *lr, const double *score, size_t k,
                       surv_test *out, double *u, double *var);

#ifdef __cplusplus
}
#endif

#endif /* SURV_LOGRANK_H */
