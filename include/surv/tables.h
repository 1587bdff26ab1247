/* Contingency tables: Fisher's exact test for 2x2 tables, Pearson's
 * chi-square and the G test of independence (r x c Fisher: surv/rxc.h). Tables
 * are row-major arrays of nrow * ncol signed counts (a negative count is
 * SURV_ECOUNT). */
#ifndef SURV_TABLES_H
#define SURV_TABLES_H

#include <stddef.h>

#include "surv/common.h"

#ifdef __cplusplus
extern "C" {
#endif

/* How the p-value of an r x c table is computed (surv/rxc.h). */
typedef enum surv_fisher_method {
  SURV_FISHER_EXACT = 0,      /* network algorithm (R's FEXACT), exact */
  SURV_FISHER_MONTE_CARLO = 1 /* R fisher.test(simulate.p.value = TRUE) */
} surv_fisher_method;

/* Options of Fisher's exact test, one struct for the 2 x 2 and the r x c
 * test as R's fisher.test has one set of arguments. An extensible struct:
 * initialise it with SURV_FISHER_OPTIONS_INIT, then set what you need; NULL
 * means every default; a zero member means its default; members are only
 * ever appended. surv_fisher_2x2 reads alternative and conf_level and
 * ignores the r x c members (R's fisher.test ignores workspace and
 * simulate.p.value for a 2 x 2 table). See surv_fisher_2x2(3). */
typedef struct surv_fisher_options {
  size_t size;                  /* sizeof(surv_fisher_options) */
  surv_fisher_method method;    /* SURV_FISHER_EXACT */
  size_t max_bytes;             /* exact: working-memory cap; 0 = 1 GiB */
  double max_seconds;           /* wall-clock limit; 0 (or +Inf) = none */
  size_t replicates;            /* Monte Carlo: B; 0 = 2000 (R's B) */
  unsigned long seed;           /* Monte Carlo: generator seed */
  surv_alternative alternative; /* 2 x 2 test only (SURV_TWO_SIDED) */
  double conf_level;            /* 2 x 2 test only; 0 = 0.95 */
} surv_fisher_options;

#define SURV_FISHER_OPTIONS_INIT                                               \
  {                                                                            \
    sizeof(surv_fisher_options), SURV_FISHER_EXACT, 0, 0.0, 0, 0,              \
        SURV_TWO_SIDED, 0.0                                                    \
  }

/* Fisher's exact test on [[a, b], [c, d]] as R fisher.test: *out gets the
 * p-value (statistic and df NaN: the test has none); *odds_ratio the
 * conditional MLE of the odds ratio, *lower and *upper its exact limits at
 * opt->conf_level for opt->alternative, *sample_odds_ratio ad/(bc); each of
 * these four may be NULL (not computed). Errors: SURV_ENULL, SURV_ECOUNT,
 * SURV_EINVAL, SURV_ESIZE, SURV_ELEVEL, SURV_ELIMIT, SURV_ENOMEM,
 * SURV_ENOCONV. See surv_fisher_2x2(3). */
int surv_fisher_2x2(long a, long b, long c, long d,
                    const surv_fisher_options *opt, surv_test *out,
                    double *odds_ratio, double *lower, double *upper,
                    double *sample_odds_ratio);

/* Flags of surv_chisq_test: Yates' continuity correction (2 x 2 tables
 * only; R chisq.test(correct = TRUE), which is R's default: libsurv's
 * default, flags 0, is the uncorrected test). */
#define SURV_CHISQ_YATES 0x100u

/* Pearson chi-square test of independence (R chisq.test), empty rows and
 * columns dropped: *out = X-squared, df, p-value. expected (nrow * ncol,
 * may be NULL) receives the expected counts. Errors: SURV_ENULL, SURV_ESIZE,
 * SURV_ECOUNT, SURV_ETABLE, SURV_EINVAL (unknown flag), SURV_ENOMEM. See
 * surv_chisq_test(3). */
int surv_chisq_test(const long *table, size_t nrow, size_t ncol, unsigned flags,
                    double *expected, surv_test *out);

/* Flags of surv_gtest: Williams' correction of G. */
#define SURV_GTEST_WILLIAMS 0x100u

/* Likelihood-ratio G test of independence, empty rows and columns dropped:
 * *out = G, df, p-value. Errors as surv_chisq_test. See surv_gtest(3). */
int surv_gtest(const long *table, size_t nrow, size_t ncol, unsigned flags,
               surv_test *out);

#ifdef __cplusplus
}
#endif

#endif /* SURV_TABLES_H */
