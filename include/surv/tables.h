/* Contingency tables: Fisher's exact test for 2x2 tables, Pearson's
 * chi-square and the G test of independence (r x c Fisher: surv/rxc.h). Tables are row-major arrays of
 * nrow * ncol signed counts (a negative count is SURV_ECOUNT). */
#ifndef SURV_TABLES_H
#define SURV_TABLES_H

#include <stddef.h>

#include "surv/common.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Fisher's exact test on [[a, b], [c, d]] as R fisher.test: p-value for alt,
 * conditional MLE of the odds ratio and its exact CI at level (for alt), and
 * the sample odds ratio ad/(bc). Any output may be NULL. Errors: SURV_ECOUNT,
 * SURV_EINVAL, SURV_ELEVEL, SURV_ESIZE, SURV_ELIMIT, SURV_ENOMEM. See
 * surv_fisher_2x2(3). */
int surv_fisher_2x2(long a, long b, long c, long d, surv_alternative alt,
                    double level, double *p_value, double *or_cmle,
                    double *or_lower, double *or_upper, double *or_sample);

/* Pearson chi-square test of independence (R chisq.test), empty rows and
 * columns dropped. yates != 0 applies Yates' correction (2 x 2 only).
 * expected (nrow*ncol) receives the expected counts, *n_below5 how many are
 * below 5; every output may be NULL. Errors: SURV_ENULL, SURV_ESIZE,
 * SURV_ECOUNT, SURV_ETABLE, SURV_ENOMEM. See surv_chisq_test(3). */
int surv_chisq_test(const long *table, size_t nrow, size_t ncol, int yates,
                    double *statistic, double *df, double *p_value,
                    double *expected, size_t *n_below5);

/* Likelihood-ratio G test of independence, empty rows and columns dropped;
 * williams != 0 applies Williams' correction. Outputs may be NULL; errors as
 * surv_chisq_test. See surv_gtest(3). */
int surv_gtest(const long *table, size_t nrow, size_t ncol, int williams,
               double *statistic, double *df, double *p_value);

#ifdef __cplusplus
}
#endif

#endif /* SURV_TABLES_H */
