/* The survival-time core (lib/survtime.c): what every module reading survival
 * data shares. Input checks, the time order (radix sorts), R's near-tie merge
 * (timefix), group and stratum label indexing, the distinct-time count table
 * and the pointwise confidence-limit row. Used by Kaplan-Meier, the curve
 * operations, log-rank, Nelson-Aalen, competing risks, RMST, Cox,
 * concordance and survreg (labels). Never installed. */
#ifndef SURV_SURVTIME_H
#define SURV_SURVTIME_H

#include <math.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "surv_internal.h"

/* ---- input checks ------------------------------------------------------- */

/* SURV_ETIME (time NaN, infinite or negative), SURV_ESTATUS (not 0/1),
 * SURV_EWEIGHT (weight NaN, infinite or negative; weight may be NULL) for
 * subject i, else SURV_OK. Inline: called once a subject in the
 * Kaplan-Meier input pass. */
static inline int surv__check_subject(const double *time, const int *status,
                                      const double *weight, size_t i) {
  if (!(time[i] >= 0.0) || time[i] == HUGE_VAL)
    return SURV_ETIME;
  if (status[i] != 0 && status[i] != 1)
    return SURV_ESTATUS;
  if (weight && (!(weight[i] >= 0.0) || weight[i] == HUGE_VAL))
    return SURV_EWEIGHT;
  return SURV_OK;
}

/* SURV_ETIME if a time is NaN, infinite or negative, SURV_ESTATUS if a
 * status is not 0/1 (status may be NULL: not checked), else SURV_OK. */
int surv__check_times(const double *time, const int *status, size_t n);

/* SURV_EWEIGHT if a weight is negative, NaN or infinite; NULL is fine. */
int surv__check_weights(const double *weight, size_t n);

/* ---- time order ---------------------------------------------------------- */

/* The radix key of a time (finite, >= 0): its IEEE bits, -0.0 as +0.0. */
static inline uint64_t surv__time_bits(double t) {
  uint64_t b;
  if (t == 0.0)
    return 0; /* -0.0 -> +0.0 */
  memcpy(&b, &t, sizeof b);
  return b;
}

/* In-place sort of n keys with their 32-bit values by ascending key (MSD
 * radix, byte by byte: no scratch array, not stable; equal inputs give the
 * same permutation every time). */
void surv__flag_sort(uint64_t *key, uint32_t *val, size_t n);
/* The IEEE bits of a double and back (memcpy: no aliasing games). */
static inline uint64_t surv__bits_of(double x) {
  uint64_t b;
  memcpy(&b, &x, sizeof b);
  return b;
}
static inline double surv__double_of(uint64_t b) {
  double x;
  memcpy(&x, &b, sizeof x);
  return x;
}

/* A record of the radix sort: a 64-bit key and a payload. */
typedef struct surv__rec {
  uint64_t key; /* e.g. time bits << 1 | censored */
  uint64_t val; /* e.g. weight bits or an index */
} surv__rec;

/* Stable LSD radix sorts of a[0..n) by key (8 passes of 8 bits, constant
 * bytes skipped) using tmp[0..n) as scratch; they return the buffer holding
 * the sorted keys (a or tmp). O(n). */
uint64_t *surv__radix_sort_u64(uint64_t *a, uint64_t *tmp, size_t n);
surv__rec *surv__radix_sort_rec(surv__rec *a, surv__rec *tmp, size_t n);

/* The same by the low `bits` bits of each key (bits <= 64; the bits above
 * are carried along, not compared), in digits of 11 bits; NULL when out of
 * memory. */
uint64_t *surv__radix_sort_u64_bits(uint64_t *a, uint64_t *tmp, size_t n,
                                    unsigned bits);

/* order[0..n) = the stable permutation sorting time ascending (n >= 1, times
 * finite and >= 0, -0.0 as +0.0): the radix sort on the IEEE bits. O(n) time,
 * 32n bytes of scratch. SURV_ENOMEM. */
int surv__time_order(const double *time, size_t n, size_t *order);

/* order[0..n) = the stable permutation sorting key ascending: the radix sort
 * of surv__time_order on 64-bit keys. O(n) time, 32n bytes of scratch.
 * SURV_ENOMEM. */
int surv__key_order(const uint64_t *key, size_t n, size_t *order);

/* rows[0..n) = the row indices 0..n-1 grouped by their stratum index sid[i]
 * (< ns), in row order within a group (a counting sort); start[0..ns] (ns + 1
 * entries) receives the group boundaries. O(n + ns), no allocation. */
void surv__group_by_index(const size_t *sid, size_t n, size_t ns, size_t *rows,
                          size_t *start);
/* surv__key_order sorting in the caller's scratch ws (32n bytes, suitably
 * aligned for uint64_t): no allocation, so it cannot fail (returns 0). */
int surv__key_order_ws(const uint64_t *key, size_t n, size_t *order, void *ws);

/* A key whose unsigned order is the order of the doubles (x not NaN; -0.0
 * and +0.0 share a key; -Inf and +Inf allowed). */
uint64_t surv__double_key(double x);

/* ---- near ties (R timefix) ----------------------------------------------- */

/* R aeqSurv (survival R/aeqSurv.R) on n >= 0 values in ascending order
 * (repeats allowed): out[i] = the first value of the chain of near ties that
 * holds sorted[i], where consecutive distinct values y < y' are tied when
 * y' - y <= sqrt(DBL_EPSILON) or (y' - y) / mean|distinct values| <= that
 * (the mean as R's mean(): long double sum plus a correction pass). out may
 * be sorted itself. O(n). */
void surv__timefix_sorted(const double *sorted, size_t n, double *out);

/* order[0..n) = the stable time order (surv__time_order) and ts[i] =
 * time[order[i]], merged as R's aeqSurv (surv__timefix_sorted) unless
 * notimefix. Times validated by the caller. O(n). SURV_ENOMEM. */
int surv__sort_times(const double *time, size_t n, int notimefix, size_t *order,
                     double *ts);

/* R aeqSurv (survival R/aeqSurv.R) for counting-process data Surv(entry,
 * time): entry and stop times are pooled, their sorted distinct values merged
 * into chains (gap <= sqrt(DBL_EPSILON) absolutely or relative to the mean
 * |value|), and every time replaced by the first value of its chain, written
 * to entry_out[i] and time_out[i]. SURV_ETIME when an interval collapses
 * (R's "aeqSurv exception"), SURV_ENOMEM; outputs written only on success.
 * Inputs finite and >= 0 (checked by the caller). O(n log n). */
int surv__timefix_counting(const double *entry, const double *time, size_t n,
                           double *entry_out, double *time_out);

/* ---- labels -------------------------------------------------------------- */

/* Distinct labels of lab[0..n) in ascending order: *uniq (malloc'd, owned by
 * the caller), *k their number, index[i] = position of lab[i] in *uniq.
 * O(n) for labels in a range <= 4n + 1024, else O(n log n). SURV_ENOMEM. */
int surv__labels(const int *lab, size_t n, int **uniq, size_t *k,
                 size_t *index);

/* ---- the distinct-time count table ----------------------------------------
 */

/* Distinct-time table of right-censored data sorted by time (after timefix):
 * for each distinct time, weighted n.risk (time >= t), weighted events and
 * censorings, and the unweighted event count (a jump needs both > 0), as
 * survival's survfitkm counts (src/survfitkm.c). */
typedef struct {
  size_t m; /* number of distinct times */
  double *time, *n_risk, *n_event, *n_censor, *d0;
} surv__counts;

/* Sort (radix), merge near ties unless notimefix, count. O(n). Arrays of
 * *c are malloc'd (surv__counts_free). weight NULL = all 1. Inputs are
 * validated by the caller. SURV_ENOMEM. */
int surv__counts_make(const double *time, const int *status,
                      const double *weight, size_t n, int notimefix,
                      surv__counts *c);
void surv__counts_free(surv__counts *c);

/* ---- the confidence-limit row ---------------------------------------------
 */

/* Validates a CI request: SURV_EINVAL for an unknown type, SURV_ELEVEL for a
 * level not strictly inside (0, 1) (NaN included), else SURV_OK. */
int surv__check_ci(surv_ci_type type, double level);

/* Pointwise limits of R survival 3.5-3 survfit_confint() (R/survfit.R,
 * logse = TRUE, conf.lower = "usual") for one estimate p with standard error
 * selog of log p (0 stays 0) and z = qnorm(1 - (1 - level)/2); type a valid
 * SURV_CI_*. R's NA and NaN limits both come back as NaN; plain and log upper
 * limits are capped at 1. Used by the curve operations (Kaplan-Meier,
 * Nelson-Aalen, competing risks) and Cox predicted curves. */
void surv__ci_row(surv_ci_type type, double z, double p, double selog,
                  double *lower, double *upper);

/* 1 when R's limit at estimate s is NA (as opposed to NaN) in R 3.5-3,
 * meaningful only where surv__ci_row gave NaN (quantile.survfit's
 * duplicated() tells NA and NaN apart). */
int surv__ci_is_na(surv_ci_type type, double s);

#endif /* SURV_SURVTIME_H */
