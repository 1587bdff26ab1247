/* Stratified contingency tables: the Cochran-Mantel-Haenszel tests (R's
 * mantelhaen.test and SAS PROC FREQ's CMH option). For K strata of 2 x 2
 * tables: the Mantel-Haenszel chi-square with and without continuity
 * correction, the Mantel-Haenszel common odds ratio with the Robins-Breslow-
 * Greenland limits, the exact conditional test (optional), and the Breslow-
 * Day test of homogeneity with Tarone's correction. For I x J x K tables:
 * R's generalized statistic and SAS's three (nonzero correlation, row mean
 * scores, general association; table scores 1, 2, ...). See
 * surv_mh_test(3). */
#ifndef SURV_MH_H
#define SURV_MH_H

#include <stddef.h>

#include "surv/common.h"
#include "surv/result.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Flags of surv_mh_options.flags. */
/* The exact conditional test of a 2 x 2 x K table (R's exact = TRUE): its
 * p-value, the conditional MLE of the common odds ratio and its exact limits
 * (a convolution of K hypergeometric distributions, see surv_mh_test(3) for
 * its cost). SURV_TEST_MAIN is then the exact test, as in R. */
#define SURV_MH_EXACT 0x100u
/* R's correct = FALSE: SURV_TEST_MAIN is the Mantel-Haenszel chi-square
 * without continuity correction (both are always in the result). */
#define SURV_MH_NO_CORRECT 0x200u

/* Options of surv_mh_test. An extensible struct: initialise it with
 * SURV_MH_OPTIONS_INIT; NULL means every default; a zero member means its
 * default; members are only ever appended. */
typedef struct surv_mh_options {
  size_t size;                  /* sizeof(surv_mh_options) */
  surv_alternative alternative; /* 2 x 2 x K only (SURV_TWO_SIDED) */
  double conf_level;            /* 2 x 2 x K only; 0 = 0.95 */
  unsigned flags;               /* SURV_MH_EXACT, SURV_MH_NO_CORRECT */
} surv_mh_options;

#define SURV_MH_OPTIONS_INIT                                                   \
  { sizeof(surv_mh_options), SURV_TWO_SIDED, 0.0, 0u }

/* Cochran-Mantel-Haenszel tests of the nrow x ncol x nstrata table (stratum
 * k's row-major nrow x ncol counts at table + k * nrow * ncol), as R's
 * mantelhaen.test: every dimension >= 2 and every stratum total >= 2. *out:
 * a result with the tests SURV_TEST_MAIN (what R's mantelhaen.test reports
 * for these options), SURV_TEST_CMH_CORRELATION, SURV_TEST_CMH_ROW_MEANS,
 * SURV_TEST_CMH_GENERAL, and for a 2 x 2 x K table also SURV_TEST_MH,
 * SURV_TEST_MH_NO_CORRECT, SURV_TEST_BRESLOW_DAY, SURV_TEST_TARONE,
 * SURV_TEST_EXACT (with SURV_MH_EXACT); the statistics SURV_STAT_N,
 * SURV_STAT_N_STRATA, SURV_STAT_CONF_LEVEL and for 2 x 2 x K
 * SURV_STAT_ODDS_RATIO, _LOWER, _UPPER, SURV_STAT_LOG_ODDS_RATIO_SE and
 * (exact) SURV_STAT_CMLE_ODDS_RATIO, SURV_STAT_CMLE_LOWER, _UPPER. Errors:
 * SURV_ENULL, SURV_ESIZE, SURV_ECOUNT, SURV_ETABLE, SURV_EINVAL, SURV_ELEVEL,
 * SURV_ELIMIT, SURV_ENOCONV, SURV_ENOMEM. See surv_mh_test(3). */
int surv_mh_test(const long *table, size_t nrow, size_t ncol, size_t nstrata,
                 const surv_mh_options *opt, surv_result **out);

#ifdef __cplusplus
}
#endif

#endif /* SURV_MH_H */
