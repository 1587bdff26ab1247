/* Fisher-Freeman-Halton exact test for r x c tables (network algorithm) and
 * its Monte Carlo counterpart. Tables are row-major arrays of nrow * ncol
 * signed counts (a negative count is SURV_ECOUNT). */
#ifndef SURV_RXC_H
#define SURV_RXC_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Fisher-Freeman-Halton exact two-sided p-value for an r x c table (network
 * algorithm). max_bytes caps working memory (0 = default 1 GiB); when the exact
 * answer would need more, returns SURV_ELIMIT and leaves *p_value untouched.
 * See surv_fisher_rxc(3). */
int surv_fisher_rxc(const long *table, size_t nrow, size_t ncol,
                    size_t max_bytes, double *p_value);

/* As surv_fisher_rxc with a time limit as well: when the exact computation
 * has run max_seconds (wall clock, checked every 65536 steps) it stops with
 * SURV_ELIMIT; max_seconds = 0 or +Inf means no limit, negative or NaN is
 * SURV_EINVAL. See surv_fisher_rxc_limit(3). */
int surv_fisher_rxc_limit(const long *table, size_t nrow, size_t ncol,
                          size_t max_bytes, double max_seconds,
                          double *p_value);

/* Monte Carlo p-value for the same test as R fisher.test(simulate.p.value =
 * TRUE, B = replicates) with a GSL generator seeded with seed; *std_err is the
 * binomial standard error of the estimate. See surv_fisher_rxc_mc(3). */
int surv_fisher_rxc_mc(const long *table, size_t nrow, size_t ncol,
                       size_t replicates, unsigned long seed, double *p_value,
                       double *std_err);

#ifdef __cplusplus
}
#endif

#endif /* SURV_RXC_H */
