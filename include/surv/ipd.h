/* Reconstruction of individual patient data from a published Kaplan-Meier
 * figure: the algorithm of Guyot, Ades, Ouwens and Welton (BMC Med Res
 * Methodol 2012;12:9) on digitized points, with or without the number at
 * risk table, and an exact route for points read from a vector figure. See
 * surv_ipd_reconstruct(3). */
#ifndef SURV_IPD_H
#define SURV_IPD_H

#include <stddef.h>

#include "surv/common.h"
#include "surv/result.h"

#ifdef __cplusplus
extern "C" {
#endif

/* flags of surv_ipd_options */
#define SURV_IPD_EXACT                                                         \
  0x1u /* (t, s) are the exact corners of the steps of a vector figure */

typedef struct surv_ipd_options {
  size_t size;    /* sizeof(surv_ipd_options), set by SURV_IPD_OPTIONS_INIT */
  double total;   /* patients at time 0; 0 = from the at-risk table (required
                     when there is none) */
  double events;  /* total number of events; 0 = unknown */
  unsigned flags; /* SURV_IPD_EXACT */
  const double *censor_t; /* exact route: times of the censoring marks; NULL */
  size_t n_censor;        /* their number */
  double tol;             /* exact route: absolute precision of s; 0 = 1e-9 */
} surv_ipd_options;

#define SURV_IPD_OPTIONS_INIT                                                  \
  { sizeof(surv_ipd_options), 0.0, 0.0, 0u, NULL, 0, 0.0 }

/* Reconstruct one arm from m points (t[i], s[i]) of its Kaplan-Meier curve
 * (survival as a proportion) and, when k > 0, its number at risk table
 * (n_risk[j] patients at risk at risk_t[j], risk_t[0] = 0). On success *out
 * is a result with the columns SURV_COL_TIME and SURV_COL_STATUS (one row per
 * patient, by time), SURV_COL_N_RISK (the reconstruction's number at risk at
 * each risk_t) and the statistics SURV_STAT_N, SURV_STAT_N_EVENT,
 * SURV_STAT_RMSE, SURV_STAT_MAX_DEVIATION, SURV_STAT_N_POINTS and
 * SURV_STAT_EXACT. Codes: SURV_ENULL, SURV_ESIZE, SURV_ETIME, SURV_ECOUNT,
 * SURV_EINVAL, SURV_ENOCONV, SURV_ENOMEM. See surv_ipd_reconstruct(3). */
int surv_ipd_reconstruct(const double *t, const double *s, size_t m,
                         const double *risk_t, const double *n_risk, size_t k,
                         const surv_ipd_options *opt, surv_result **out);

#ifdef __cplusplus
}
#endif

#endif /* SURV_IPD_H */
