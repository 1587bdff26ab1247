/* Competing risks: Aalen-Johansen cumulative incidence with infinitesimal
 * jackknife standard errors (R survfit on a factor status) and Gray's
 * K-sample test (cmprsk cuminc). See surv_cif_fit(3), surv_cif_gray(3). */
#ifndef SURV_CIF_H
#define SURV_CIF_H

#include <stddef.h>

#include "surv/common.h"
#include "surv/result.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Fit the Aalen-Johansen estimate to data with status 0 = censored, k =
 * 1..K = event of cause k (K = largest status). *out: a curve with the
 * columns SURV_COL_TIME, N_RISK, N_EVENT (all causes), N_CENSOR and
 * SURV_COL_PSTATE, STD_ERR_PSTATE holding rows x (K + 1) values,
 * state-major (state 0 event-free survival, state k the cumulative incidence
 * of cause k), statistic SURV_STAT_N_STATES = K + 1; surv_curve_ci gives
 * limits of every state in that layout. flags: 0 or SURV_NO_TIMEFIX. Codes:
 * SURV_ENULL, SURV_ESIZE, SURV_ETIME, SURV_ESTATUS (negative status),
 * SURV_EINVAL (unknown flag, unsupported member), SURV_ENOMEM. O(n K D) for
 * D event times. See surv_cif_fit(3). */
int surv_cif_fit(const surv_data *data, unsigned flags, surv_result **out);

/* Options of surv_cif_gray (NULL: every default). */
typedef struct surv_cif_gray_options {
  size_t size; /* sizeof(surv_cif_gray_options) */
  int cause;   /* cause of interest, >= 1; 0 means the default, 1 */
  double rho;  /* weight (1 - F(t-))^rho; default 0 */
} surv_cif_gray_options;

#define SURV_CIF_GRAY_OPTIONS_INIT                                             \
  { sizeof(surv_cif_gray_options), 0, 0.0 }

/* Gray's test that the cumulative incidence of the cause is the same in the
 * groups of data->group (required), stratified by data->strata: cmprsk
 * cuminc(time, status, group, strata, rho)$Tests. Status 0 = censored, any
 * other value a competing cause. *out: chi-square, df (groups - 1) and p;
 * statistic and p are NaN when the variance matrix is singular. Codes:
 * SURV_ENULL, SURV_ESIZE, SURV_ETIME, SURV_ESTATUS, SURV_EINVAL (cause < 0,
 * rho not finite or too far from 0, unsupported member), SURV_EGROUP (one
 * group), SURV_ENOMEM. See surv_cif_gray(3). */
int surv_cif_gray(const surv_data *data, const surv_cif_gray_options *opt,
                  surv_test *out);

#ifdef __cplusplus
}
#endif

#endif /* SURV_CIF_H */
