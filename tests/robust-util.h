/* Small helpers shared by the robustness tests (check_edges, check_threads,
 * check_gslabort, check_badinput): a fixed-seed generator independent of
 * libc, a sentinel for "output untouched", and synthetic survival data. */
#ifndef SURV_ROBUST_UTIL_H
#define SURV_ROBUST_UTIL_H

#include <math.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

/* splitmix64: the same stream on every platform and libc. */
static inline uint64_t ru_next(uint64_t *s) {
  uint64_t z = (*s += 0x9e3779b97f4a7c15ULL);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

/* Uniform integer in [0, k). */
static inline size_t ru_below(uint64_t *s, size_t k) {
  return (size_t)(ru_next(s) % k);
}

/* Uniform double in [0, 1). */
static inline double ru_unif(uint64_t *s) {
  return (double)(ru_next(s) >> 11) * 0x1.0p-53;
}

/* Outputs are pre-filled with this value; an error must leave it. */
#define RU_SENTINEL (-123456.75)

static inline int ru_untouched(const double *x, size_t n) {
  size_t i;
  for (i = 0; i < n; i++)
    if (x[i] != RU_SENTINEL)
      return 0;
  return 1;
}

static inline void ru_fill(double *x, size_t n) {
  size_t i;
  for (i = 0; i < n; i++)
    x[i] = RU_SENTINEL;
}

/* Synthetic right-censored data with many ties: integer times 1..ntimes,
 * about 30% censored. */
static inline void ru_surv_data(uint64_t seed, size_t n, size_t ntimes,
                                double *time, int *status) {
  size_t i;
  for (i = 0; i < n; i++) {
    time[i] = (double)(1 + ru_below(&seed, ntimes));
    status[i] = ru_below(&seed, 10) >= 3;
  }
}

/* Fisher-Yates shuffle of a permutation. */
static inline void ru_shuffle(uint64_t *s, size_t *perm, size_t n) {
  size_t i;
  for (i = 0; i < n; i++)
    perm[i] = i;
  for (i = n; i > 1; i--) {
    size_t j = ru_below(s, i), t = perm[i - 1];
    perm[i - 1] = perm[j];
    perm[j] = t;
  }
}

/* Bitwise equality of two doubles (NaN equals NaN of the same bits). */
static inline int ru_same(double a, double b) {
  return memcmp(&a, &b, sizeof a) == 0;
}

#endif
