/* The one result object of libsurv: what every fit, model and multi-number
 * test returns (a Kaplan-Meier curve, a log-rank comparison, a Cox model).
 * A result is a set of named columns (arrays of doubles), named scalar
 * statistics and named tests; each module documents which of them its result
 * carries. Reading never changes a result, so one result may be read from
 * several threads at once. See
 * surv_result_column(3). */
#ifndef SURV_RESULT_H
#define SURV_RESULT_H

#include <stddef.h>

#include "surv/common.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct surv_result surv_result;

/* Column names. The numbers are ABI: append-only, never renumbered. */
typedef enum surv_col {
  /* curves (one row per distinct time; strata one after another) */
  SURV_COL_TIME = 0,        /* distinct time */
  SURV_COL_N_RISK = 1,      /* number at risk (weighted) */
  SURV_COL_N_EVENT = 2,     /* events (all causes) */
  SURV_COL_N_CENSOR = 3,    /* censored */
  SURV_COL_N_ENTER = 4,     /* entering (delayed entry) */
  SURV_COL_SURV = 5,        /* survival estimate */
  SURV_COL_STD_ERR = 6,     /* standard error of the estimate itself */
  SURV_COL_STD_ERR_LOG = 7, /* standard error of log S (R's fit$std.err) */
  SURV_COL_CUMHAZ = 8,      /* cumulative hazard */
  SURV_COL_STD_CHAZ = 9,    /* standard error of the cumulative hazard */
  SURV_COL_PSTATE = 10, /* state probabilities: rows x states, state-major */
  SURV_COL_STD_ERR_PSTATE = 11, /* their standard errors, same layout */
  SURV_COL_STRATUM = 12,        /* stratum (or group) label of each row */
  SURV_COL_LOWER = 13, /* lower confidence limit (where a fit stores one) */
  SURV_COL_UPPER = 14, /* upper confidence limit */
  /* groups of a test (one row per group, ascending label) */
  SURV_COL_GROUP = 15,    /* group label */
  SURV_COL_N = 16,        /* subjects (weighted) */
  SURV_COL_OBSERVED = 17, /* observed events */
  SURV_COL_EXPECTED = 18, /* expected events */
  SURV_COL_VAR = 19,      /* variance matrix, k x k row-major (groups or
                             coefficients) */
  /* regression models (one row per coefficient, in column order of x) */
  SURV_COL_COEF = 20,       /* coefficient (NaN where aliased, as R's NA) */
  SURV_COL_EXP_COEF = 21,   /* exp(coef): hazard ratio or time ratio */
  SURV_COL_SE = 22,         /* standard error (model-based) */
  SURV_COL_ROBUST_SE = 23,  /* robust (sandwich) standard error */
  SURV_COL_Z = 24,          /* coef / se (robust se when robust) */
  SURV_COL_P_VALUE = 25,    /* two-sided p of z */
  SURV_COL_ROBUST_VAR = 26, /* robust variance matrix, p x p row-major */
  /* per subject, in input row order */
  SURV_COL_LINEAR_PREDICTOR = 27, /* x'b (centred as R's predict(type="lp")) */
  SURV_COL_RESIDUAL = 28,         /* residuals (a module says which) */
  /* concordance (one row per stratum, with SURV_COL_STRATUM) */
  SURV_COL_CONCORDANT = 29, /* weighted concordant pairs */
  SURV_COL_DISCORDANT = 30, /* weighted discordant pairs */
  SURV_COL_TIED_X = 31,     /* pairs tied on the predictor only */
  SURV_COL_TIED_Y = 32,     /* pairs tied on the time only */
  SURV_COL_TIED_XY = 33,    /* pairs tied on both */
  /* regression models, continued */
  SURV_COL_INFINITE = 34, /* 1 where the coefficient may be infinite (R's
                             "Loglik converged before variable k"), else 0 */
  /* residuals */
  SURV_COL_ROW = 35,     /* input row (from 0) of each output row */
  SURV_COL_CLUSTER = 36, /* cluster label of each collapsed row */
  /* tests, one row per term */
  SURV_COL_CHISQ = 37,            /* chi-square statistic */
  SURV_COL_DF = 38,               /* its degrees of freedom */
  SURV_COL_TRANSFORMED_TIME = 39, /* g(t) of each event (cox.zph's x) */
  /* parametric models (surv_survreg_fit) */
  SURV_COL_SCALE = 40,        /* scale of each stratum (ascending label) */
  SURV_COL_PH_COEF = 41,      /* Weibull in proportional-hazards form: -coef /
                                 scale, the log hazard ratio (intercept row:
                                 log lambda) */
  SURV_COL_PH_SE = 42,        /* its standard error (delta method) */
  SURV_COL_HAZARD_RATIO = 43, /* exp(PH_COEF) (intercept row: lambda) */
  SURV_COL_HAZARD_RATIO_SE = 44, /* its standard error (delta method) */
  /* reconstructed patients (surv_ipd_reconstruct), one row each */
  SURV_COL_STATUS = 45, /* 1 event, 0 censored (with SURV_COL_TIME) */
  /* simultaneous confidence bands (surv_curve_band), one row per stratum */
  SURV_COL_BAND_CRITICAL = 46, /* critical value used (k or c) */
  SURV_COL_BAND_A_LOWER = 47,  /* a_L = n s2(t_L) / (1 + n s2(t_L)) */
  SURV_COL_BAND_A_UPPER = 48   /* a_U, the same at t_U */
} surv_col;

/* Scalar statistics. ABI: append-only, never renumbered. */
typedef enum surv_stat {
  SURV_STAT_N = 0,              /* rows used */
  SURV_STAT_N_EVENT = 1,        /* events */
  SURV_STAT_LOGLIK_NULL = 2,    /* log (partial) likelihood at the start */
  SURV_STAT_LOGLIK = 3,         /* at the estimate */
  SURV_STAT_ITER = 4,           /* iterations used */
  SURV_STAT_CONVERGED = 5,      /* 1 converged, 0 not */
  SURV_STAT_CONCORDANCE = 6,    /* Harrell's C */
  SURV_STAT_CONCORDANCE_SE = 7, /* its standard error */
  SURV_STAT_SCALE = 8,          /* scale of a parametric model */
  SURV_STAT_CONF_LEVEL = 9,     /* confidence level used by the fit */
  SURV_STAT_N_STRATA = 10,      /* strata (or groups) */
  SURV_STAT_N_STATES = 11,      /* states of a multi-state curve */
  SURV_STAT_CONCORDANT = 12,    /* concordant pairs (all strata) */
  SURV_STAT_DISCORDANT = 13,    /* discordant pairs */
  SURV_STAT_TIED_X = 14,        /* pairs tied on the predictor only */
  SURV_STAT_TIED_Y = 15,        /* pairs tied on the time only */
  SURV_STAT_TIED_XY = 16,       /* pairs tied on both */
  SURV_STAT_RANK = 17,          /* rank of the information matrix (number of
                                   coefficients not aliased) */
  SURV_STAT_SHAPE = 18,         /* Weibull shape 1 / scale */
  SURV_STAT_SHAPE_SE = 19,      /* its standard error (delta method) */
  /* accuracy of a reconstruction (surv_ipd_reconstruct) */
  SURV_STAT_RMSE = 20,          /* root mean square deviation from the points */
  SURV_STAT_MAX_DEVIATION = 21, /* largest absolute deviation */
  SURV_STAT_N_POINTS = 22,      /* points used after pre-processing */
  SURV_STAT_EXACT = 23,         /* 1 when the counts are the only solution */
  /* stratified 2 x 2 tables (surv_mh_test) */
  SURV_STAT_ODDS_RATIO = 24,        /* Mantel-Haenszel common odds ratio */
  SURV_STAT_ODDS_RATIO_LOWER = 25,  /* its lower limit (Robins-Breslow-
                                       Greenland) */
  SURV_STAT_ODDS_RATIO_UPPER = 26,  /* its upper limit */
  SURV_STAT_LOG_ODDS_RATIO_SE = 27, /* RBG standard error of its log */
  SURV_STAT_CMLE_ODDS_RATIO = 28,   /* conditional MLE of the odds ratio */
  SURV_STAT_CMLE_LOWER = 29,        /* its exact lower limit */
  SURV_STAT_CMLE_UPPER = 30         /* its exact upper limit */
} surv_stat;

/* Tests a result may carry. ABI: append-only, never renumbered. */
typedef enum surv_test_kind {
  SURV_TEST_MAIN = 0,         /* the test the function performs (log-rank,
                                 Gray, ...) */
  SURV_TEST_LR = 1,           /* likelihood ratio */
  SURV_TEST_WALD = 2,         /* Wald */
  SURV_TEST_SCORE = 3,        /* score (log-rank for a Cox model) */
  SURV_TEST_ROBUST_SCORE = 4, /* robust score */
  /* stratified tables (surv_mh_test) */
  SURV_TEST_MH = 5,               /* Mantel-Haenszel, continuity-corrected */
  SURV_TEST_MH_NO_CORRECT = 6,    /* Mantel-Haenszel, uncorrected */
  SURV_TEST_EXACT = 7,            /* exact conditional test */
  SURV_TEST_BRESLOW_DAY = 8,      /* Breslow-Day homogeneity of odds ratios */
  SURV_TEST_TARONE = 9,           /* Breslow-Day with Tarone's correction */
  SURV_TEST_CMH_CORRELATION = 10, /* CMH nonzero correlation (SAS) */
  SURV_TEST_CMH_ROW_MEANS = 11,   /* CMH row mean scores differ (SAS) */
  SURV_TEST_CMH_GENERAL = 12      /* CMH general association (R, SAS) */
} surv_test_kind;

/* Frees a result; NULL is a no-op. */
void surv_result_free(surv_result *r);

/* Borrowed view of a column (valid until surv_result_free), its length in
 * *len (len may be NULL); NULL and *len = 0 when r is NULL or the result does
 * not carry that column. */
const double *surv_result_column(const surv_result *r, surv_col col,
                                 size_t *len);

/* *value = the statistic. SURV_ENULL, SURV_EINVAL when the result does not
 * carry it (value untouched). */
int surv_result_stat(const surv_result *r, surv_stat key, double *value);

/* *t = the test. SURV_ENULL, SURV_EINVAL when the result does not carry it. */
int surv_result_test(const surv_result *r, surv_test_kind which, surv_test *t);

#ifdef __cplusplus
}
#endif

#endif /* SURV_RESULT_H */
