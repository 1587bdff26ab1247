/* Predicted survival from a Cox fit: surv_cox_survfit (include/surv/cox.h).
 *
 * Matches R survival 3.5-3 survfit.coxph() with its defaults (stype = 2,
 * ctype from the ties: Efron's hazard increments for ties = "efron",
 * Breslow's otherwise; se.fit = TRUE; R/survfit.coxph.R, R/coxsurv.fit.R,
 * R/agsurv.R, src/agsurv5.c). For a subject with covariates x and offset o,
 * with r = exp((x - means)'b + o - offset_mean) (r = 1 for the default curve
 * at the means):
 *   Lambda(t) = r * sum_{s <= t} dLambda0(s),     S(t) = exp(-Lambda(t)),
 *   var Lambda(t) = r^2 [ sum_{s <= t} varhaz(s) + d(t)' V d(t) ],
 *   d(t) = Lambda0(t) (x - means) - sum_{s <= t} xbar(s) dLambda0(s),
 * where V is the fit's variance (the robust one for a robust fit, as R uses
 * fit$var). The increments are computed once by surv_cox_fit (see
 * lib/cox_internal.h); a curve costs O(m p^2) for m distinct times. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "cox_internal.h"
#include "surv_internal.h"
#include "survtime.h"

SURV_EXPORT int surv_cox_survfit(const surv_result *fit, const double *xnew,
                                 const surv_cox_survfit_options *opt,
                                 surv_result **curve) {
  static const surv_cox_survfit_options defaults =
      SURV_COX_SURVFIT_OPTIONS_INIT;
  surv_cox_survfit_options o;
  int rc;
  if (fit == NULL || curve == NULL)
    return SURV_ENULL;
  const surv__cox_fit *f = surv__cox_priv(fit);
  if (f == NULL)
    return SURV_EINVAL;
  if ((rc = surv__options_copy(opt, sizeof o, &defaults, &o)) != SURV_OK)
    return rc;
  if ((unsigned)o.conf_type > SURV_CI_ARCSIN || !isfinite(o.offset))
    return SURV_EINVAL;
  if (!(o.conf_level >= 0) || o.conf_level >= 1)
    return SURV_ELEVEL;
  size_t p = f->p, m = f->nrow, i, j, k;
  if (xnew)
    for (j = 0; j < p; j++)
      if (!isfinite(xnew[j]))
        return SURV_EINVAL;
  double level = o.conf_level > 0 ? o.conf_level : f->conf_level;
  const double *V = f->robust_var ? f->robust_var : f->var;

  rc = SURV_ENOMEM;
  double *dx = calloc(p + 2 * p, sizeof(double));
  surv_result *r = surv__result_new(SURV__KIND_CURVE);
  if (!dx || !r)
    goto fail;
  double *cxb = dx + p, *dt = dx + 2 * p;
  double risk = 1;
  if (xnew) {
    double e = o.offset - f->offset_mean;
    for (j = 0; j < p; j++) {
      dx[j] = xnew[j] - f->means[j];
      e += dx[j] * f->beta[j];
    }
    risk = exp(e);
  }
  int strat = f->strata_label != NULL;
  double *ct = surv__result_column_new(r, SURV_COL_TIME, m);
  double *cr = surv__result_column_new(r, SURV_COL_N_RISK, m);
  double *ce = surv__result_column_new(r, SURV_COL_N_EVENT, m);
  double *cc = surv__result_column_new(r, SURV_COL_N_CENSOR, m);
  double *cs = surv__result_column_new(r, SURV_COL_SURV, m);
  double *cse = surv__result_column_new(r, SURV_COL_STD_ERR, m);
  double *csl = surv__result_column_new(r, SURV_COL_STD_ERR_LOG, m);
  double *ch = surv__result_column_new(r, SURV_COL_CUMHAZ, m);
  double *csh = surv__result_column_new(r, SURV_COL_STD_CHAZ, m);
  double *clo = surv__result_column_new(r, SURV_COL_LOWER, m);
  double *cup = surv__result_column_new(r, SURV_COL_UPPER, m);
  double *cst = strat ? surv__result_column_new(r, SURV_COL_STRATUM, m) : NULL;
  if (!ct || !cr || !ce || !cc || !cs || !cse || !csl || !ch || !csh || !clo ||
      !cup || (strat && !cst))
    goto fail;
  double z = surv__z_two_sided(level);
  for (size_t s = 0; s < f->nstrata; s++) {
    double H = 0, VH = 0;
    memset(cxb, 0, p * sizeof *cxb);
    for (k = f->row_start[s]; k < f->row_start[s + 1]; k++) {
      H += f->haz[k];
      VH += f->varhaz[k];
      for (j = 0; j < p; j++) {
        cxb[j] += f->xbar[k * p + j];
        dt[j] = H * dx[j] - cxb[j];
      }
      double q = 0;
      for (i = 0; i < p; i++) {
        double vi = 0;
        for (j = 0; j < p; j++)
          vi += V[i * p + j] * dt[j];
        q += dt[i] * vi;
      }
      double varh = (VH + q) * risk * risk;
      double sel = sqrt(varh);
      ct[k] = f->time[k];
      cr[k] = f->n_risk[k];
      ce[k] = f->n_event[k];
      cc[k] = f->n_censor[k];
      ch[k] = H * risk;
      cs[k] = exp(-ch[k]);
      csl[k] = sel;
      csh[k] = sel;
      cse[k] = cs[k] * sel;
      surv__ci_row(o.conf_type, z, cs[k], sel, &clo[k], &cup[k]);
      if (cst)
        cst[k] = (double)f->strata_label[s];
    }
  }
  surv__result_set_stat(r, SURV_STAT_CONF_LEVEL, level);
  surv__result_set_stat(r, SURV_STAT_N_STRATA, (double)f->nstrata);
  free(dx);
  *curve = r;
  return SURV_OK;
fail:
  free(dx);
  surv_result_free(r);
  return rc;
}
