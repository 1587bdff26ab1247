/* Internal declarations shared by lib/ files. Never installed.
 * Public functions are defined with SURV_EXPORT; file-local helpers are static;
 * helpers shared across lib/ files are named surv__name and stay hidden. */
#ifndef SURV_INTERNAL_H
#define SURV_INTERNAL_H

#include <math.h>
#include <stddef.h>
#include <stdint.h>

#include "surv.h"

#if defined(__GNUC__) || defined(__clang__)
#define SURV_EXPORT __attribute__((visibility("default")))
#else
#define SURV_EXPORT
#endif

/* malloc(n * size) with an overflow check; returns NULL on overflow or OOM. */
void *surv__malloc_array(size_t n, size_t size);
/* calloc-like with overflow check. */
void *surv__calloc_array(size_t n, size_t size);

/* z = Phi^{-1}(1 - (1 - level)/2) for 0 < level < 1 (checked by caller). */
double surv__z_two_sided(double level);

/* R aeqSurv (survival R/aeqSurv.R) for counting-process data Surv(entry,
 * time): entry and stop times are pooled, their sorted distinct values merged
 * into chains (gap <= sqrt(DBL_EPSILON) absolutely or relative to the mean
 * |value|), and every time replaced by the first value of its chain, written
 * to entry_out[i] and time_out[i]. SURV_ETIME when an interval collapses
 * (R's "aeqSurv exception"), SURV_ENOMEM; outputs written only on success.
 * Inputs finite and >= 0 (checked by the caller). O(n log n). lib/km_lt.c. */
int surv__timefix_counting(const double *entry, const double *time, size_t n,
                           double *entry_out, double *time_out);

/* Neumaier compensated summation: error about eps * |sum| whatever the number
 * of terms (R's sum() accumulates in long double; a plain double sum of 10^5
 * terms moves X^2, G or a p-value tail by ~1e-13 relative). */
typedef struct surv__ksum {
  double s, c;
} surv__ksum;

static inline void surv__ksum_add(surv__ksum *k, double x) {
  double t = k->s + x;
  if (fabs(k->s) >= fabs(x))
    k->c += (k->s - t) + x;
  else
    k->c += (x - t) + k->s;
  k->s = t;
}

static inline double surv__ksum_value(const surv__ksum *k) {
  return k->s + k->c;
}

#endif /* SURV_INTERNAL_H */
