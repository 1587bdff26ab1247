/* Internal helpers shared by the comparison modules (log-rank, Nelson-Aalen,
 * competing risks, RMST): input validation, sorted and near-tie merged times,
 * group label indexing (the chi-square tail is surv__chisq_q, lib/numerics.c).
 * Never installed. */
#ifndef SURV_CMP_INTERNAL_H
#define SURV_CMP_INTERNAL_H

#include <stddef.h>

/* SURV_ETIME if a time is NaN, infinite or negative, SURV_ESTATUS if a
 * status is not 0/1 (status may be NULL: not checked), else SURV_OK. */
int surv__cmp_check_times(const double *time, const int *status, size_t n);

/* SURV_EWEIGHT if a weight is negative, NaN or infinite; NULL is fine. */
int surv__cmp_check_weights(const double *weight, size_t n);

/* order[0..n) = the stable time order (surv__time_order) and ts[i] =
 * time[order[i]], merged as R's aeqSurv (surv__timefix_sorted) unless
 * notimefix. Times validated by the caller. O(n). SURV_ENOMEM. */
int surv__cmp_sort_times(const double *time, size_t n, int notimefix,
                         size_t *order, double *ts);

/* Distinct labels of lab[0..n) in ascending order: *uniq (malloc'd, owned by
 * the caller), *k their number, index[i] = position of lab[i] in *uniq.
 * O(n) for labels in a range <= 4n + 1024, else O(n log n). SURV_ENOMEM. */
int surv__cmp_labels(const int *lab, size_t n, int **uniq, size_t *k,
                     size_t *index);

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
