/* Cox proportional hazards regression (R survival's coxph) and the survival
 * curves it predicts (R's survfit.coxph). See surv_cox_fit(3) and
 * surv_cox_survfit(3). */
#ifndef SURV_COX_H
#define SURV_COX_H

#include <stddef.h>

#include "surv/common.h"
#include "surv/result.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Handling of tied event times (R coxph's ties). */
typedef enum surv_cox_ties {
  SURV_TIES_EFRON = 0,   /* Efron's approximation (R's default) */
  SURV_TIES_BRESLOW = 1, /* Breslow's approximation */
  SURV_TIES_EXACT = 2    /* the exact discrete (conditional logistic) model */
} surv_cox_ties;

/* Flags of surv_cox_options.flags (SURV_NO_TIMEFIX, common.h, is 0x1u). */
#define SURV_COX_ROBUST                                                        \
  0x100u /* robust (sandwich) variance, R's robust = TRUE; implied by a        \
          cluster column */

/* Options of surv_cox_fit(). A zero member means R's default. */
typedef struct surv_cox_options {
  size_t size;        /* sizeof(surv_cox_options), set by the INIT macro */
  surv_cox_ties ties; /* SURV_TIES_EFRON */
  unsigned iter_max;  /* 0: 20 Newton-Raphson iterations */
  double eps;         /* 0: 1e-9, relative change of the log likelihood */
  double toler_chol;  /* 0: DBL_EPSILON^0.75, Cholesky pivot tolerance */
  double conf_level;  /* 0: 0.95, limits of exp(coef) */
  unsigned flags;     /* SURV_NO_TIMEFIX, SURV_COX_ROBUST */
  const double *init; /* NULL: zeros; else p initial coefficients */
} surv_cox_options;

#define SURV_COX_OPTIONS_INIT                                                  \
  { sizeof(surv_cox_options), SURV_TIES_EFRON, 0, 0.0, 0.0, 0.0, 0u, NULL }

/* Fit h(t | x) = h0(t) exp(x'b + offset) by maximum partial likelihood.
 * data: time, status (0/1), x with p >= 1 columns (row-major); optional
 * entry ((entry, time] counting-process rows), strata, weight (> 0), offset,
 * cluster (robust variance summed by cluster). opt NULL: R's defaults.
 * *out = a result (columns COEF, EXP_COEF, SE, ROBUST_SE, Z, P_VALUE, LOWER,
 * UPPER, VAR, ROBUST_VAR, LINEAR_PREDICTOR, INFINITE; statistics N, N_EVENT,
 * LOGLIK_NULL, LOGLIK, ITER, CONVERGED, CONF_LEVEL, RANK, N_STRATA; tests
 * LR, WALD, SCORE, ROBUST_SCORE). Codes: SURV_ENULL, SURV_ESIZE, SURV_ETIME,
 * SURV_ESTATUS, SURV_EWEIGHT, SURV_ELEVEL, SURV_EINVAL, SURV_ENOMEM.
 * O((n + d) p^2) per iteration after an O(n) sort. See surv_cox_fit(3). */
int surv_cox_fit(const surv_data *data, const surv_cox_options *opt,
                 surv_result **out);

/* Options of surv_cox_survfit(). A zero member means R's default. */
typedef struct surv_cox_survfit_options {
  size_t size;            /* sizeof(surv_cox_survfit_options) */
  surv_ci_type conf_type; /* SURV_CI_LOG (R's default); PLAIN, LOGLOG */
  double conf_level;      /* 0: the fit's level */
  double offset;          /* offset of the new subject (with xnew) */
} surv_cox_survfit_options;

#define SURV_COX_SURVFIT_OPTIONS_INIT                                          \
  { sizeof(surv_cox_survfit_options), SURV_CI_LOG, 0.0, 0.0 }

/* The survival curve a Cox fit predicts for a subject with covariates xnew
 * (p values; NULL: the fit's means, R's survfit(fit) without newdata), one
 * curve per stratum. *curve = a curve result (TIME, N_RISK, N_EVENT,
 * N_CENSOR, SURV, STD_ERR, STD_ERR_LOG, CUMHAZ, STD_CHAZ, LOWER, UPPER,
 * STRATUM when stratified). Codes: SURV_ENULL, SURV_EINVAL, SURV_ELEVEL,
 * SURV_ENOMEM. O(m p^2) for m distinct times. See surv_cox_survfit(3). */
int surv_cox_survfit(const surv_result *fit, const double *xnew,
                     const surv_cox_survfit_options *opt, surv_result **curve);

#ifdef __cplusplus
}
#endif

#endif /* SURV_COX_H */
