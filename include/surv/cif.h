/* Competing risks: Aalen-Johansen cumulative incidence with infinitesimal
 * jackknife standard errors (R survfit on a factor status) and Gray's
 * K-sample test (cmprsk cuminc). See surv_cif_fit(3), surv_cif_gray(3). */
#ifndef SURV_CIF_H
#define SURV_CIF_H

#include <stddef.h>

#include "surv/common.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Opaque fitted competing-risks curves: one row per distinct time, states
 * 0 (event-free) and 1..K (cumulative incidence of cause k). */
typedef struct surv_cif surv_cif;

/* Flags for surv_cif_fit(). */
#define SURV_CIF_NO_TIMEFIX                                                    \
  0x1u /* do not merge near-tied times (R timefix=FALSE) */

/* Fit the Aalen-Johansen estimate to n subjects with status 0 = censored,
 * k = 1..K = event of cause k (K = largest status). On success *out owns a
 * new fit (surv_cif_free). Codes: SURV_ENULL, SURV_ESIZE, SURV_ETIME,
 * SURV_ESTATUS (negative status), SURV_EINVAL (unknown flag), SURV_ENOMEM.
 * O(n D) for D event times. See surv_cif_fit(3). */
int surv_cif_fit(const double *time, const int *status, size_t n,
                 unsigned flags, surv_cif **out);

/* Release a fit; NULL is a no-op. */
void surv_cif_free(surv_cif *cif);

/* Number of rows (distinct times) and of causes K; 0 for NULL. */
size_t surv_cif_size(const surv_cif *cif);
size_t surv_cif_ncauses(const surv_cif *cif);

/* Borrowed arrays of surv_cif_size() elements, valid until surv_cif_free();
 * NULL for NULL. n_event counts events of every cause. */
const double *surv_cif_time(const surv_cif *cif);
const double *surv_cif_n_risk(const surv_cif *cif);
const double *surv_cif_n_event(const surv_cif *cif);
const double *surv_cif_n_censor(const surv_cif *cif);

/* Probability of state 0 (event-free survival) or state k = 1..K (cumulative
 * incidence of cause k) at every row (R pstate), and its IJ standard error
 * (R std.err). Borrowed; NULL for NULL or state > K. */
const double *surv_cif_pstate(const surv_cif *cif, size_t state);
const double *surv_cif_std_err(const surv_cif *cif, size_t state);

/* Pointwise confidence limits of one state at every row into caller buffers
 * of len >= surv_cif_size(cif), as R survfit_confint(logse = FALSE); NaN
 * where R gives NA/NaN. Codes: SURV_ENULL, SURV_ESIZE, SURV_ELEVEL,
 * SURV_EINVAL (bad type or state > K). See surv_cif_ci(3). */
int surv_cif_ci(const surv_cif *cif, size_t state, surv_ci_type type,
                double level, double *lower, double *upper, size_t len);

/* Gray's test that the cumulative incidence of cause `cause` is the same in
 * the groups of group[] (strata may be NULL), with weight (1 - F(t-))^rho:
 * cmprsk cuminc(time, status, group, strata, rho)$Tests. Status 0 =
 * censored, any other value a competing cause. Outputs may be NULL; chisq
 * and p are NaN when the variance matrix is singular. Codes: SURV_ENULL,
 * SURV_ESIZE, SURV_ETIME, SURV_ESTATUS, SURV_EINVAL (cause < 1, rho not
 * finite), SURV_EGROUP (one group), SURV_ENOMEM. See surv_cif_gray(3). */
int surv_cif_gray(const double *time, const int *status, const int *group,
                  const int *strata, size_t n, int cause, double rho,
                  double *chisq, size_t *df, double *p);

#ifdef __cplusplus
}
#endif

#endif /* SURV_CIF_H */
