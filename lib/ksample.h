/* The layout of the K-sample tests (lib/ksample.c): subjects sorted by
 * stratum and time with their group indices, shared by the log-rank family
 * (lib/logrank.c) and Gray's test (lib/gray.c). Never installed. */
#ifndef SURV_KSAMPLE_H
#define SURV_KSAMPLE_H

#include <stddef.h>

/* Subjects sorted by (stratum, time), time merged as R's timefix unless
 * notimefix. time[i], src[i] (original index) and g[i] (group index into
 * label) for sorted position i; stratum s holds positions [start[s],
 * start[s + 1]). All arrays malloc'd. */
typedef struct {
  size_t k, ns;
  int *label;
  size_t *start, *src, *g;
  double *time;
} surv__ksample;

/* Build the layout (group labels ascending, strata NULL = one stratum).
 * Validation of times is the caller's. SURV_EGROUP if fewer than 2 groups,
 * SURV_ENOMEM. O(n) radix sort and O(n) passes. */
int surv__ksample_make(const double *time, const int *group, const int *strata,
                       size_t n, int notimefix, surv__ksample *lay);
void surv__ksample_free(surv__ksample *lay);

#endif /* SURV_KSAMPLE_H */
