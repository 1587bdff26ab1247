/* Types shared by every libsurv module: the data a fit reads, the result of a
 * test, the enums of alternatives and confidence-limit transforms. The
 * conventions they embody are written in HACKING and libsurv(3). */
#ifndef SURV_COMMON_H
#define SURV_COMMON_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Alternative hypothesis of a test. */
typedef enum surv_alternative {
  SURV_TWO_SIDED = 0,
  SURV_LESS = 1,
  SURV_GREATER = 2
} surv_alternative;

/* Transformation used for pointwise confidence limits of a survival curve
 * (R survfit's conf.type): "plain", "log", "log-log", "logit", "arcsin". */
typedef enum surv_ci_type {
  SURV_CI_PLAIN = 0,
  SURV_CI_LOG = 1,
  SURV_CI_LOGLOG = 2,
  SURV_CI_LOGIT = 3,
  SURV_CI_ARCSIN = 4
} surv_ci_type;

/* The data of a survival analysis, one row per subject (or per (start, stop]
 * interval). An extensible struct: initialise it with SURV_DATA_INIT (which
 * sets size), then set the members you have. A NULL array means "absent" and
 * selects the documented default; the library reads the arrays during the call
 * only and never keeps them. Members are only ever appended (the library reads
 * only the first size bytes; members beyond them count as absent). See
 * libsurv(3), section Conventions. */
typedef struct surv_data {
  size_t size;          /* sizeof(surv_data), set by SURV_DATA_INIT */
  size_t n;             /* rows */
  const double *time;   /* follow-up (stop) time, finite, >= 0 */
  const int *status;    /* 0 censored, 1 event; 1..K causes where a module
                           takes competing risks; R Surv(type = "interval")
                           codes 0..3 where a module takes interval data */
  const double *entry;  /* NULL: at risk from 0; else entry (start) < time */
  const double *time2;  /* NULL; upper bound of interval-censored rows */
  const double *weight; /* NULL: all 1; case weights, finite, >= 0 */
  const int *group;     /* NULL: one group; groups compared or split */
  const int *strata;    /* NULL: unstratified */
  const int *cluster;   /* NULL: rows independent; robust variance by it */
  const double *x;      /* n x p covariates, row-major (x[i * p + j]) */
  size_t p;             /* columns of x (0 when x is NULL) */
  const double *offset; /* NULL: 0; a fixed term of the linear predictor */
} surv_data;

#define SURV_DATA_INIT                                                         \
  {                                                                            \
    sizeof(surv_data), 0, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL,      \
        NULL, 0, NULL                                                          \
  }

/* Flag bits shared by every module that takes unsigned flags (module bits
 * start at 0x100u). SURV_NO_TIMEFIX: do not merge near-tied times (R's
 * timefix = FALSE; the default merges them as R's aeqSurv does). */
#define SURV_NO_TIMEFIX 0x1u

/* The result of one hypothesis test. Fixed layout (it never grows); a test
 * that says more returns a surv_result. df is a double everywhere (it is an
 * integer for every test libsurv has, written as a double). */
typedef struct surv_test {
  double statistic; /* chi-square, z or G statistic (NaN where undefined) */
  double df;        /* degrees of freedom (NaN where not a chi-square) */
  double p_value;   /* p-value (NaN where undefined, as R's NA) */
} surv_test;

#ifdef __cplusplus
}
#endif

#endif /* SURV_COMMON_H */
