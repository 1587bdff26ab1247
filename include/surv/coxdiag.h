/* Diagnostics of a Cox model fitted by surv_cox_fit: residuals (R survival
 * 3.5-3 residuals.coxph) and the proportional-hazards test (cox.zph). See
 * surv_cox_residuals(3) and surv_cox_zph(3). */
#ifndef SURV_COXDIAG_H
#define SURV_COXDIAG_H

#include <stddef.h>

#include "surv/common.h"
#include "surv/result.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Residual types (R's residuals.coxph type). */
typedef enum surv_cox_residual_type {
  SURV_RESID_MARTINGALE = 0,
  SURV_RESID_DEVIANCE = 1,
  SURV_RESID_SCORE = 2,      /* n x p */
  SURV_RESID_SCHOENFELD = 3, /* one row per event, p columns */
  SURV_RESID_SCALEDSCH = 4,  /* scaled Schoenfeld: beta + nevent V r */
  SURV_RESID_DFBETA = 5,     /* score residuals times V, weighted */
  SURV_RESID_DFBETAS = 6     /* dfbeta / se(beta) */
} surv_cox_residual_type;

/* flags of surv_cox_residuals */
/* Sum the rows within each data->cluster label (R's collapse = cluster). */
#define SURV_COX_RESID_COLLAPSE 0x100u
/* Multiply by the case weights (R weighted = TRUE; the default for dfbeta and
 * dfbetas only). */
#define SURV_COX_RESID_WEIGHTED 0x200u
/* Do not multiply dfbeta and dfbetas by the case weights (R weighted =
 * FALSE). */
#define SURV_COX_RESID_UNWEIGHTED 0x400u

/* Residuals of the Cox model fit (a result of surv_cox_fit, Efron or
 * Breslow ties) on the data it was fitted to. *out carries SURV_COL_RESIDUAL
 * (rows x k, row-major; k = 1 for martingale and deviance, p otherwise),
 * SURV_COL_ROW (the input row of each output row, from 0) or, collapsed,
 * SURV_COL_CLUSTER (the cluster label of each row, ascending); Schoenfeld
 * types also SURV_COL_TIME (the event time) and, stratified,
 * SURV_COL_STRATUM; statistic SURV_STAT_N (output rows). Codes: SURV_ENULL,
 * SURV_ESIZE, SURV_ETIME, SURV_ESTATUS, SURV_EWEIGHT, SURV_EINVAL,
 * SURV_ENOMEM. O(n log n + n p^2). See surv_cox_residuals(3). */
int surv_cox_residuals(const surv_result *fit, const surv_data *data,
                       surv_cox_residual_type type, unsigned flags,
                       surv_result **out);

/* Transforms of time for the proportional-hazards test (R cox.zph's
 * transform). */
typedef enum surv_cox_zph_transform {
  SURV_ZPH_KM = 0,       /* 1 - S(t-), S the Kaplan-Meier curve (default) */
  SURV_ZPH_RANK = 1,     /* rank of the time among all rows */
  SURV_ZPH_IDENTITY = 2, /* t */
  SURV_ZPH_LOG = 3       /* log t */
} surv_cox_zph_transform;

typedef struct surv_cox_zph_options {
  size_t size;                      /* sizeof(surv_cox_zph_options) */
  surv_cox_zph_transform transform; /* SURV_ZPH_KM */
  const size_t *terms; /* NULL: each column a term; else p values, the term
                          (0, 1, ...) of each column of x, the columns of a
                          term contiguous (a factor's dummies are one term) */
} surv_cox_zph_options;

#define SURV_COX_ZPH_OPTIONS_INIT                                              \
  { sizeof(surv_cox_zph_options), SURV_ZPH_KM, NULL }

/* The test of proportional hazards of R survival 3 cox.zph for the Cox fit
 * on its data: per term and GLOBAL, the score test of adding x g(t), g the
 * transformed time. *out carries SURV_COL_CHISQ, SURV_COL_DF and
 * SURV_COL_P_VALUE (one row per term, then GLOBAL), SURV_TEST_MAIN (GLOBAL),
 * and per event (R's order) the scaled Schoenfeld residuals
 * SURV_COL_RESIDUAL (events x terms, NaN where R gives NA),
 * SURV_COL_TRANSFORMED_TIME, SURV_COL_TIME, SURV_COL_ROW and, stratified,
 * SURV_COL_STRATUM; SURV_COL_COEF (per term, the constant-effect level of
 * the residuals: the coefficient, 1 for a term of several columns),
 * SURV_COL_VAR (terms x terms) and SURV_STAT_N_EVENT. Codes as
 * surv_cox_residuals, and SURV_ETIME for the log of a zero event time.
 * O(n log n + (n + d) p^2 + T p^3). See surv_cox_zph(3). */
int surv_cox_zph(const surv_result *fit, const surv_data *data,
                 const surv_cox_zph_options *opt, surv_result **out);

#ifdef __cplusplus
}
#endif

#endif /* SURV_COXDIAG_H */
