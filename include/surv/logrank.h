/* Log-rank family of K-sample tests (R survdiff) and the trend test.
 * See surv_logrank_test(3). */
#ifndef SURV_LOGRANK_H
#define SURV_LOGRANK_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Opaque result of a K-sample test. */
typedef struct surv_logrank surv_logrank;

/* Flags for surv_logrank_test() and surv_logrank_test_counting(). */
#define SURV_LOGRANK_NO_TIMEFIX                                                \
  0x1u /* do not merge near-tied times (R timefix=FALSE) */

/* Harrington-Fleming G-rho test of equal survival in the groups of group[]
 * (rho = 0: log-rank; rho = 1: Peto-Peto), stratified by strata[] when not
 * NULL (R survdiff). On success *out owns the result (surv_logrank_free).
 * Codes: SURV_ENULL, SURV_ESIZE, SURV_ETIME, SURV_ESTATUS, SURV_EINVAL (rho
 * not finite, unknown flag), SURV_EGROUP (one group), SURV_ENOMEM.
 * O(n + D k^2) for D death times, k groups. See surv_logrank_test(3). */
int surv_logrank_test(const double *time, const int *status, const int *group,
                      const int *strata, size_t n, double rho, unsigned flags,
                      surv_logrank **out);

/* As surv_logrank_test for left-truncated (counting-process) data
 * Surv(entry, time, status): subject i is at risk at t iff entry[i] < t <=
 * time[i] (0 <= entry[i] < time[i], else SURV_ETIME); the G-rho weight uses
 * the pooled delayed-entry Kaplan-Meier of each stratum. Same result object,
 * accessors and codes. O(n log n + D k^2). See
 * surv_logrank_test_counting(3). */
int surv_logrank_test_counting(const double *entry, const double *time,
                               const int *status, const int *group,
                               const int *strata, size_t n, double rho,
                               unsigned flags, surv_logrank **out);

/* Release a result; NULL is a no-op. */
void surv_logrank_free(surv_logrank *lr);

/* Number of groups k (distinct labels of group[]); 0 for NULL. */
size_t surv_logrank_ngroups(const surv_logrank *lr);

/* Borrowed arrays of k elements in ascending label order, valid until
 * surv_logrank_free(); NULL for NULL. n: subjects per group; observed and
 * expected: (weighted, when rho != 0) events summed over strata. */
const int *surv_logrank_groups(const surv_logrank *lr);
const double *surv_logrank_n(const surv_logrank *lr);
const double *surv_logrank_observed(const surv_logrank *lr);
const double *surv_logrank_expected(const surv_logrank *lr);

/* Borrowed k x k variance-covariance matrix of O - E, row-major. */
const double *surv_logrank_var(const surv_logrank *lr);

/* Chi-square statistic, its degrees of freedom (groups with E > 0, minus 1)
 * and upper-tail p-value (1 when df = 0, as R). NaN / 0 for NULL. */
double surv_logrank_chisq(const surv_logrank *lr);
size_t surv_logrank_df(const surv_logrank *lr);
double surv_logrank_p(const surv_logrank *lr);

/* Test for trend across the groups (SAS LIFETEST TREND) with score[j] for
 * group j (ascending label order; NULL: the labels themselves): U = sum
 * score (O - E), var = score' V score, chisq = U^2 / var on 1 df. Outputs
 * may be NULL. Codes: SURV_ENULL, SURV_ESIZE (k != ngroups), SURV_EINVAL
 * (non-finite score). See surv_logrank_trend(3). */
int surv_logrank_trend(const surv_logrank *lr, const double *score, size_t k,
                       double *u, double *var, double *chisq, double *p);

#ifdef __cplusplus
}
#endif

#endif /* SURV_LOGRANK_H */
