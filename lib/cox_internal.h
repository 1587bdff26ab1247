/* Private state of a Cox fit (lib/cox.c), kept in the result with
 * surv__result_set_priv so that prediction (lib/cox_survfit.c) and the
 * diagnostics (residuals, cox.zph) can use it without refitting. Never
 * installed. Read it with surv__cox_priv(fit), which returns NULL unless fit
 * is a result of surv_cox_fit.
 *
 * Conventions (as R's coxph object):
 *   - beta is R's fit$coefficients with 0 where aliased (R's NA), the
 *     coefficient R's survfit.coxph and predict() use;
 *   - var is R's fit$naive.var (the model-based inverse information, zero
 *     rows and columns where aliased); robust_var is fit$var when robust,
 *     else NULL;
 *   - means is R's fit$means: the centre of the linear predictor and of the
 *     default predicted curve. Right-censored Efron/Breslow: the weighted
 *     column mean; (start, stop] data and ties = exact: the plain column
 *     mean; 0 for a column whose values are all in {-1, 0, 1} (R's nocenter);
 *   - offset_mean is R's offset.mean in survfit.coxph (weighted mean of the
 *     offset when there are weights, 0 without an offset).
 *
 * The baseline table holds, per stratum s (strata in ascending label order,
 * rows row_start[s] .. row_start[s + 1] - 1), one row per distinct stop time
 * of the stratum (events and censorings, after timefix), computed at beta
 * with risk score r_i = exp((x_i - means)'beta + offset_i - offset_mean) as
 * R's agsurv (survival R/agsurv.R, src/agsurv5.c) does for the fit's ties
 * (Efron's increments for Efron, Breslow's otherwise):
 *   n_risk, n_event, n_censor  weighted counts (R's n.risk, n.event, n.censor)
 *   haz                        hazard increment dLambda0 (R's hazard)
 *   varhaz                     its variance term (R's varhaz)
 *   xbar (nrow x p)            increments of the mean covariate times the
 *                              hazard, centred at means (R's xbar before its
 *                              cumsum, minus means * haz). */
#ifndef SURV_COX_INTERNAL_H
#define SURV_COX_INTERNAL_H

#include <stddef.h>

#include "surv_internal.h"

typedef struct surv__cox_fit {
  size_t n, p;        /* rows used, covariates */
  size_t nstrata;     /* strata (1 when unstratified) */
  int ties;           /* surv_cox_ties */
  unsigned flags;     /* the fit's flags (SURV_COX_ROBUST set when robust) */
  int counting;       /* 1 for (start, stop] data */
  double conf_level;  /* of the fit */
  double *beta;       /* p, 0 where aliased */
  double *var;        /* p x p naive variance */
  double *robust_var; /* p x p or NULL */
  double *means;      /* p */
  double offset_mean;
  int *strata_label; /* nstrata labels (NULL when unstratified) */
  size_t nrow;       /* rows of the baseline table */
  size_t *row_start; /* nstrata + 1 */
  double *time, *n_risk, *n_event, *n_censor, *haz, *varhaz;
  double *xbar; /* nrow x p, row-major */
} surv__cox_fit;

/* The private state of a Cox result, NULL if r is not one. */
const surv__cox_fit *surv__cox_priv(const surv_result *r);

#endif /* SURV_COX_INTERNAL_H */
