/* Concordance (Harrell's C) of a numeric predictor with a survival outcome,
 * with R's infinitesimal-jackknife standard error, strata, case weights,
 * clusters and time weights: R survival 3.5-3 concordance() /
 * concordancefit(). O(n log n). See surv_concordance_fit(3). */
#ifndef SURV_CONCORDANCE_H
#define SURV_CONCORDANCE_H

#include <stddef.h>

#include "surv/common.h"
#include "surv/result.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Weight of the comparable pairs at each event time t (R's timewt):
 * n = 1; S = W S(t-) / n(t); S/G = W S(t-) / (G(t-) n(t)); n/G2 = 1 / G(t-)^2;
 * I = 1 / n(t), where W is the total weight, n(t) the weighted number at
 * risk, S and G the Kaplan-Meier curves of the event and of censoring. */
typedef enum surv_concordance_timewt {
  SURV_TIMEWT_N = 0,
  SURV_TIMEWT_S = 1,
  SURV_TIMEWT_S_G = 2,
  SURV_TIMEWT_N_G2 = 3,
  SURV_TIMEWT_I = 4
} surv_concordance_timewt;

/* flags of surv_concordance_options, besides the shared SURV_NO_TIMEFIX
 * (compare times as given, R timefix = FALSE) */
/* A larger predictor means a shorter time (R reverse = TRUE; what R's
 * concordance of a coxph fit uses, the predictor being the risk score). */
#define SURV_CONCORDANCE_REVERSE 0x100u

typedef struct surv_concordance_options {
  size_t size;                    /* sizeof(surv_concordance_options) */
  surv_concordance_timewt timewt; /* default SURV_TIMEWT_N */
  unsigned flags; /* SURV_CONCORDANCE_REVERSE, SURV_NO_TIMEFIX; default 0 */
} surv_concordance_options;

#define SURV_CONCORDANCE_OPTIONS_INIT                                          \
  { sizeof(surv_concordance_options), SURV_TIMEWT_N, 0u }

/* Concordance of predictor[0..n) (NULL: data->x with data->p = 1) with the
 * outcome data->time, data->status (0/1), data->entry ((start, stop] rows),
 * within data->strata, weighted by data->weight, the variance summed over
 * data->cluster. *out carries SURV_STAT_CONCORDANCE, CONCORDANCE_SE, N,
 * N_STRATA, CONCORDANT, DISCORDANT, TIED_X, TIED_Y, TIED_XY and, one row per
 * stratum, the columns SURV_COL_STRATUM, CONCORDANT, DISCORDANT, TIED_X,
 * TIED_Y, TIED_XY. Codes: SURV_ENULL, SURV_ESIZE, SURV_ETIME, SURV_ESTATUS,
 * SURV_EWEIGHT, SURV_EINVAL, SURV_ENOMEM. See surv_concordance_fit(3). */
int surv_concordance_fit(const surv_data *data, const double *predictor,
                         const surv_concordance_options *opt,
                         surv_result **out);

#ifdef __cplusplus
}
#endif

#endif /* SURV_CONCORDANCE_H */
