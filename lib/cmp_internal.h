/* Internal helpers shared by the comparison modules (log-rank, Nelson-Aalen,
 * competing risks, RMST): input validation, a stable radix sort of times,
 * R's near-tie merging (aeqSurv), group label indexing and a guarded
 * chi-square tail. Never installed. */
#ifndef SURV_CMP_INTERNAL_H
#define SURV_CMP_INTERNAL_H

#include <stddef.h>

/* SURV_ETIME if a time is NaN, infinite or negative, SURV_ESTATUS if a
 * status is not 0/1 (status may be NULL: not checked), else SURV_OK. */
int surv__cmp_check_times(const double *time, const int *status, size_t n);

/* SURV_EWEIGHT if a weight is negative, NaN or infinite; NULL is fine. */
int surv__cmp_check_weights(const double *weight, size_t n);

/* order[0..n) = a stable permutation sorting time ascending (all times finite
 * and >= 0, checked by the caller). LSD radix sort on the IEEE bits, O(n).
 * SURV_ENOMEM on allocation failure. */
int surv__cmp_order(const double *time, size_t n, size_t *order);

/* R aeqSurv on times given in ascending order: sorted[i] is replaced in out[i]
 * by the first value of its chain of near ties (gap <= sqrt(DBL_EPSILON)
 * absolutely or relative to the mean |t| of the distinct times). O(n).
 * out may alias sorted. */
void surv__cmp_timefix_sorted(const double *sorted, size_t n, double *out);

/* Distinct labels of lab[0..n) in ascending order: *uniq (malloc'd, owned by
 * the caller), *k their number, index[i] = position of lab[i] in *uniq.
 * O(n) for labels in a range <= 4n + 1024, else O(n log n). SURV_ENOMEM. */
int surv__cmp_labels(const int *lab, size_t n, int **uniq, size_t *k,
                     size_t *index);

/* Upper tail of the chi-square distribution with df degrees of freedom at x;
 * NaN unless df >= 1 and x is finite and >= 0 (GSL's preconditions). */
double surv__cmp_chisq_q(double x, double df);

/* Layout of the K-sample tests: subjects sorted by (stratum, time), time
 * merged as R's timefix unless notimefix. time[i], src[i] (original index)
 * and g[i] (group index into label) for sorted position i; stratum s holds
 * positions [start[s], start[s + 1]). All arrays malloc'd. */
typedef struct {
  size_t k, ns;
  int *label;
  size_t *start, *src, *g;
  double *time;
} surv__cmp_layout;

/* Build the layout (group labels ascending, strata NULL = one stratum).
 * Validation of times is the caller's. SURV_EGROUP if fewer than 2 groups,
 * SURV_ENOMEM. O(n) radix sort and O(n) passes. */
int surv__cmp_layout_make(const double *time, const int *group,
                          const int *strata, size_t n, int notimefix,
                          surv__cmp_layout *lay);
void surv__cmp_layout_free(surv__cmp_layout *lay);

/* LDL' factorisation in place of the symmetric n x n row-major m (upper
 * triangle read), pivots below toler * max|diag| set to zero (survival's
 * cholesky2, a generalised inverse); returns the rank. O(n^3). */
int surv__cmp_cholesky2(double *m, size_t n, double toler);
/* Solve m x = y in place with the factor of surv__cmp_cholesky2 (chsolve2). */
void surv__cmp_chsolve2(const double *m, size_t n, double *y);

/* R survfit_confint (survival 3.5-3, R/survfit.R) for one estimate p with
 * standard error se of log p (convert se(p) to se/p first, 0 staying 0),
 * z = normal quantile, type one of SURV_CI_*: the IEEE arithmetic of the R
 * formulas, so R's NA and NaN limits come out as NaN. Upper limits of plain
 * and log are capped at 1 (ulimit = TRUE). */
void surv__cmp_confint(double p, double selog, int type, double z,
                       double *lower, double *upper);

/* Distinct-time table of right-censored data sorted by time (after timefix):
 * for each distinct time, weighted n.risk (time >= t), weighted events and
 * censorings, and the unweighted event count (a jump needs both > 0), as
 * survival's survfitkm counts. */
typedef struct {
  size_t m; /* number of distinct times */
  double *time, *n_risk, *n_event, *n_censor, *d0;
} surv__cmp_counts;

/* Sort (radix), merge near ties unless notimefix, count. O(n). Arrays of
 * *c are malloc'd (surv__cmp_counts_free). weight NULL = all 1. Inputs are
 * validated by the caller. SURV_ENOMEM. */
int surv__cmp_counts_make(const double *time, const int *status,
                          const double *weight, size_t n, int notimefix,
                          surv__cmp_counts *c);
void surv__cmp_counts_free(surv__cmp_counts *c);

#endif /* SURV_CMP_INTERNAL_H */
