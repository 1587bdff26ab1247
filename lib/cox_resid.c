/* Residuals of a Cox model: surv_cox_residuals (include/surv/coxdiag.h), as
 * R survival 3.5-3 residuals.coxph (R/residuals.coxph.R) with the martingale
 * residuals of coxph (src/coxmart.c, src/agmart3.c), the score residuals of
 * src/coxscore2.c and src/agscore2.c and the Schoenfeld residuals of
 * src/coxscho.c. Written from the formulas; R's sources were read to match
 * its conventions (Efron weights, which rows are at risk), never copied.
 *
 * At each event time t_k of a stratum, with the weighted risk-set sums
 * S0 = sum w r, S1 = sum w r x over {entry < t_k <= stop}, the sums E0, E1
 * over the d events at t_k (d counted, not weighted) and their mean weight
 * wbar, Efron's method splits t_k into d steps j = 0..d-1 with
 *   h_j = wbar / (S0 - (j/d) E0),  m_j = (S1 - (j/d) E1) / (S0 - (j/d) E0)
 * (Breslow, or d = 1: one step h = d wbar / S0, m = S1 / S0). A row at risk
 * at t_k without an event there accrues H_k = sum h_j and HM_k = sum h_j m_j;
 * an event at t_k accrues E_k = sum h_j (1 - j/d), EM_k likewise, and its
 * Schoenfeld mean is Mbar_k = sum m_j / d. For row i (score r_i, covariates
 * x_i, event indicator e_i at its own time k_i):
 *   martingale  e_i - r_i (sum_{k at risk} H_k + e_i E_{k_i})
 *   score       e_i ((x_i - Mbar) - r_i (x_i E - EM)) - r_i sum (x_i H - HM)
 *   Schoenfeld  x_i - Mbar_{k_i} for each event,
 * the sums over the event times in (entry_i, stop_i] other than the row's
 * own event time, taken as differences of prefix sums over the event times.
 * Covariates are centred at the fit's means (the residuals do not depend on
 * the centring). Deviance, scaled Schoenfeld, dfbeta and dfbetas follow from
 * these and the fit's naive variance V as R does. Cost: O(n log n) to sort,
 * O((n + d) p) for the sums, O(n p^2) for dfbeta. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "cox_internal.h"
#include "surv_internal.h"
#include "survtime.h"

typedef struct {
  size_t n, p;
  const double *stop, *entry, *w, *r, *xc;
  const int *status;
  int efron;
  /* per stratum work, sized n */
  size_t *ord, *eord;
  double *key;
  double *et;       /* event times */
  double *ch, *chm; /* prefix sums of H and HM ((K + 1) and (K + 1) x p) */
  double *ev, *evm; /* E_k and EM_k (K, K x p) */
  double *mbar;     /* K x p */
  double *s1, *e1;  /* p scratch */
} rwork;

static double wt(const rwork *W, size_t i) { return W->w ? W->w[i] : 1.0; }

/* The number of event times <= t (et ascending, K of them). */
static size_t upper(const double *et, size_t K, double t) {
  size_t lo = 0, hi = K;
  while (lo < hi) {
    size_t mid = lo + (hi - lo) / 2;
    if (et[mid] <= t)
      lo = mid + 1;
    else
      hi = mid;
  }
  return lo;
}

/* Residuals of the rows[0..m) of one stratum: mart[i] for every row, score
 * (n x p, by row) when wanted, schoen (by row, p) for events when wanted. */
static int stratum(rwork *W, const size_t *rows, size_t m, double *mart,
                   double *score, double *schoen) {
  size_t p = W->p;
  int rc;
  for (size_t i = 0; i < m; i++)
    W->key[i] = W->stop[rows[i]];
  if ((rc = surv__time_order(W->key, m, W->ord)))
    return rc;
  if (W->entry) {
    for (size_t i = 0; i < m; i++)
      W->key[i] = W->entry[rows[i]];
    if ((rc = surv__time_order(W->key, m, W->eord)))
      return rc;
  }
  /* event times ascending */
  size_t K = 0;
  for (size_t i = 0; i < m; i++) {
    size_t q = rows[W->ord[i]];
    if (W->status[q] && (K == 0 || W->et[K - 1] != W->stop[q]))
      W->et[K++] = W->stop[q];
  }
  /* sweep down: rows join when their stop reaches t, leave (counting) when
   * their entry does */
  double s0 = 0.0;
  double *s1 = W->s1, *e1 = W->e1;
  memset(s1, 0, p * sizeof *s1);
  size_t in = m, out = m;
  for (size_t k = K; k-- > 0;) {
    double t = W->et[k];
    while (in > 0 && W->stop[rows[W->ord[in - 1]]] >= t) {
      size_t q = rows[W->ord[--in]];
      double wr = wt(W, q) * W->r[q];
      s0 += wr;
      for (size_t l = 0; l < p; l++)
        s1[l] += wr * W->xc[q * p + l];
    }
    if (W->entry)
      while (out > 0 && W->entry[rows[W->eord[out - 1]]] >= t) {
        size_t q = rows[W->eord[--out]];
        double wr = wt(W, q) * W->r[q];
        s0 -= wr;
        for (size_t l = 0; l < p; l++)
          s1[l] -= wr * W->xc[q * p + l];
      }
    /* the events at t: rows ord[j] with stop == t, from `in` upward */
    double e0 = 0.0, wsum = 0.0;
    size_t d = 0;
    memset(e1, 0, p * sizeof *e1);
    for (size_t j = in; j < m && W->stop[rows[W->ord[j]]] == t; j++) {
      size_t q = rows[W->ord[j]];
      if (!W->status[q])
        continue;
      double wr = wt(W, q) * W->r[q];
      d++;
      e0 += wr;
      wsum += wt(W, q);
      for (size_t l = 0; l < p; l++)
        e1[l] += wr * W->xc[q * p + l];
    }
    double H = 0.0, E = 0.0;
    double *hm = W->chm + (k + 1) * p, *em = W->evm + k * p,
           *mb = W->mbar + k * p;
    memset(hm, 0, p * sizeof *hm);
    memset(em, 0, p * sizeof *em);
    memset(mb, 0, p * sizeof *mb);
    if (!W->efron || d < 2) {
      double h = wsum / s0;
      H = E = h;
      for (size_t l = 0; l < p; l++) {
        double mean = s1[l] / s0;
        hm[l] = em[l] = h * mean;
        mb[l] = mean;
      }
    } else {
      double wbar = wsum / (double)d;
      for (size_t j = 0; j < d; j++) {
        double f = (double)j / (double)d, den = s0 - f * e0, h = wbar / den;
        H += h;
        E += h * (1 - f);
        for (size_t l = 0; l < p; l++) {
          double mean = (s1[l] - f * e1[l]) / den;
          hm[l] += h * mean;
          em[l] += h * (1 - f) * mean;
          mb[l] += mean / (double)d;
        }
      }
    }
    W->ch[k + 1] = H; /* prefix sums taken below */
    W->ev[k] = E;
  }
  W->ch[0] = 0.0;
  memset(W->chm, 0, p * sizeof *W->chm);
  for (size_t k = 1; k <= K; k++) {
    W->ch[k] += W->ch[k - 1];
    for (size_t l = 0; l < p; l++)
      W->chm[k * p + l] += W->chm[(k - 1) * p + l];
  }
  for (size_t i = 0; i < m; i++) {
    size_t q = rows[i];
    int e = W->status[q] != 0;
    size_t hi = upper(W->et, K, W->stop[q]);
    size_t lo = W->entry ? upper(W->et, K, W->entry[q]) : 0;
    size_t top = hi - (size_t)e; /* own event time separately */
    if (lo > top)
      lo = top;
    double SH = W->ch[top] - W->ch[lo];
    double rq = W->r[q];
    size_t kq = e ? hi - 1 : 0;
    mart[q] = (double)e - rq * (SH + (e ? W->ev[kq] : 0.0));
    const double *xq = W->xc + q * p;
    if (score)
      for (size_t l = 0; l < p; l++) {
        double shm = W->chm[top * p + l] - W->chm[lo * p + l];
        double v = -rq * (xq[l] * SH - shm);
        if (e)
          v += (xq[l] - W->mbar[kq * p + l]) -
               rq * (xq[l] * W->ev[kq] - W->evm[kq * p + l]);
        score[q * p + l] = v;
      }
    if (schoen && e)
      for (size_t l = 0; l < p; l++)
        schoen[q * p + l] = xq[l] - W->mbar[kq * p + l];
  }
  return SURV_OK;
}

static int validate(const surv__cox_fit *f, const surv_data *d,
                    surv_cox_residual_type type, unsigned flags) {
  size_t n = d->n, p = d->p;
  if (!d->time || !d->status || !d->x)
    return SURV_ENULL;
  if (n == 0 || n != f->n || p != f->p)
    return SURV_ESIZE;
  if ((unsigned)type > (unsigned)SURV_RESID_DFBETAS ||
      (flags & ~(SURV_COX_RESID_COLLAPSE | SURV_COX_RESID_WEIGHTED |
                 SURV_COX_RESID_UNWEIGHTED)))
    return SURV_EINVAL;
  if ((flags & SURV_COX_RESID_WEIGHTED) && (flags & SURV_COX_RESID_UNWEIGHTED))
    return SURV_EINVAL;
  if ((flags & SURV_COX_RESID_COLLAPSE) &&
      (!d->cluster || type == SURV_RESID_SCHOENFELD ||
       type == SURV_RESID_SCALEDSCH))
    return SURV_EINVAL;
  if (f->ties != SURV_TIES_EFRON && f->ties != SURV_TIES_BRESLOW)
    return SURV_EINVAL; /* R: not for the exact method */
  if ((d->entry != NULL) != (f->counting != 0) || d->time2 || d->group)
    return SURV_EINVAL;
  if ((d->strata != NULL) != (f->strata_label != NULL))
    return SURV_EINVAL;
  for (size_t i = 0; i < n; i++) {
    if (!isfinite(d->time[i]) || d->time[i] < 0)
      return SURV_ETIME;
    if (d->entry && (!isfinite(d->entry[i]) || d->entry[i] < 0 ||
                     !(d->entry[i] < d->time[i])))
      return SURV_ETIME;
    if (d->status[i] != 0 && d->status[i] != 1)
      return SURV_ESTATUS;
    if (d->weight && (!isfinite(d->weight[i]) || !(d->weight[i] > 0)))
      return SURV_EWEIGHT;
    if (d->offset && !isfinite(d->offset[i]))
      return SURV_EINVAL;
  }
  for (size_t i = 0; i < n * p; i++)
    if (!isfinite(d->x[i]))
      return SURV_EINVAL;
  return SURV_OK;
}

SURV_EXPORT int surv_cox_residuals(const surv_result *fit,
                                   const surv_data *data,
                                   surv_cox_residual_type type, unsigned flags,
                                   surv_result **out) {
  const surv__cox_fit *f;
  surv_data d;
  int rc;
  if (!fit || !out)
    return SURV_ENULL;
  if (!(f = surv__cox_priv(fit)))
    return SURV_EINVAL;
  if ((rc = surv__data_copy(data, &d)))
    return rc;
  if ((rc = validate(f, &d, type, flags)))
    return rc;
  size_t n = d.n, p = d.p;
  int vec = type != SURV_RESID_MARTINGALE && type != SURV_RESID_DEVIANCE;
  int sch = type == SURV_RESID_SCHOENFELD || type == SURV_RESID_SCALEDSCH;
  int weighted = (flags & SURV_COX_RESID_WEIGHTED) ||
                 ((type == SURV_RESID_DFBETA || type == SURV_RESID_DFBETAS) &&
                  !(flags & SURV_COX_RESID_UNWEIGHTED));

  rwork W;
  memset(&W, 0, sizeof W);
  double *tstop = surv__malloc_array(n, sizeof(double));
  double *tent = d.entry ? surv__malloc_array(n, sizeof(double)) : NULL;
  double *r = surv__malloc_array(n, sizeof(double));
  double *xc = surv__malloc_array(n, p * sizeof(double));
  double *mart = surv__malloc_array(n, sizeof(double));
  double *vres = vec ? surv__calloc_array(n, p * sizeof(double)) : NULL;
  size_t *rows = surv__malloc_array(n, sizeof(size_t));
  size_t *sid = surv__malloc_array(n, sizeof(size_t));
  size_t *start = NULL, *cid = NULL;
  int *slab = NULL, *clab = NULL;
  surv_result *res = NULL;
  W.ord = surv__malloc_array(n, sizeof(size_t));
  W.eord = surv__malloc_array(n, sizeof(size_t));
  W.key = surv__malloc_array(n, sizeof(double));
  W.et = surv__malloc_array(n, sizeof(double));
  W.ch = surv__malloc_array(n + 1, sizeof(double));
  W.chm = surv__malloc_array(n + 1, p * sizeof(double));
  W.ev = surv__malloc_array(n, sizeof(double));
  W.evm = surv__malloc_array(n, p * sizeof(double));
  W.mbar = surv__malloc_array(n, p * sizeof(double));
  W.s1 = surv__malloc_array(2 * p, sizeof(double));
  rc = SURV_ENOMEM;
  if (!tstop || (d.entry && !tent) || !r || !xc || !mart || (vec && !vres) ||
      !rows || !sid || !W.ord || !W.eord || !W.key || !W.et || !W.ch ||
      !W.chm || !W.ev || !W.evm || !W.mbar || !W.s1)
    goto done;
  W.e1 = W.s1 + p;

  /* the fit's times: R's aeqSurv unless the fit was made without it */
  int nofix = (f->flags & SURV_NO_TIMEFIX) != 0;
  if (d.entry) {
    if (nofix) {
      memcpy(tstop, d.time, n * sizeof *tstop);
      memcpy(tent, d.entry, n * sizeof *tent);
    } else if ((rc = surv__timefix_counting(d.entry, d.time, n, tent, tstop))) {
      goto done;
    }
  } else {
    if ((rc = surv__sort_times(d.time, n, nofix, W.ord, W.key)))
      goto done;
    for (size_t i = 0; i < n; i++)
      tstop[W.ord[i]] = W.key[i];
  }
  /* centred covariates and risk scores at the fit's coefficients */
  for (size_t i = 0; i < n; i++) {
    double eta = d.offset ? d.offset[i] : 0.0;
    for (size_t l = 0; l < p; l++) {
      xc[i * p + l] = d.x[i * p + l] - f->means[l];
      eta += xc[i * p + l] * f->beta[l];
    }
    r[i] = exp(eta);
  }
  W.n = n;
  W.p = p;
  W.stop = tstop;
  W.entry = tent;
  W.w = d.weight;
  W.r = r;
  W.xc = xc;
  W.status = d.status;
  W.efron = f->ties == SURV_TIES_EFRON;

  /* strata, rows grouped by ascending label, input order within */
  size_t ns = 1;
  if (d.strata) {
    if ((rc = surv__labels(d.strata, n, &slab, &ns, sid)))
      goto done;
  } else {
    memset(sid, 0, n * sizeof *sid);
  }
  rc = SURV_ENOMEM;
  start = surv__calloc_array(ns + 1, sizeof *start);
  if (!start)
    goto done;
  surv__group_by_index(sid, n, ns, rows, start);
  for (size_t s = 0; s < ns; s++)
    if ((rc = stratum(&W, rows + start[s], start[s + 1] - start[s], mart,
                      type == SURV_RESID_SCHOENFELD ||
                              type == SURV_RESID_SCALEDSCH
                          ? NULL
                          : vres,
                      sch ? vres : NULL)))
      goto done;

  rc = SURV_ENOMEM;
  res = surv__result_new(SURV__KIND_COXDIAG);
  if (!res)
    goto done;
  size_t k = vec ? p : 1;
  if (sch) {
    /* one row per event: by stratum, time, input row (R's order) */
    size_t ne = 0;
    for (size_t i = 0; i < n; i++)
      ne += d.status[i] != 0;
    double *out_r = surv__result_column_new(res, SURV_COL_RESIDUAL, ne * p);
    double *out_t = surv__result_column_new(res, SURV_COL_TIME, ne);
    double *out_i = surv__result_column_new(res, SURV_COL_ROW, ne);
    double *out_s =
        d.strata ? surv__result_column_new(res, SURV_COL_STRATUM, ne) : NULL;
    if (!out_r || !out_t || !out_i || (d.strata && !out_s))
      goto done;
    size_t e = 0;
    for (size_t s = 0; s < ns; s++) {
      size_t m = start[s + 1] - start[s];
      const size_t *rw = rows + start[s];
      for (size_t i = 0; i < m; i++)
        W.key[i] = tstop[rw[i]];
      if ((rc = surv__time_order(W.key, m, W.ord)))
        goto done;
      rc = SURV_ENOMEM;
      for (size_t i = 0; i < m; i++) {
        size_t q = rw[W.ord[i]];
        if (!d.status[q])
          continue;
        double wq = weighted && d.weight ? d.weight[q] : 1.0;
        for (size_t l = 0; l < p; l++)
          out_r[e * p + l] = vres[q * p + l] * wq;
        out_t[e] = tstop[q];
        out_i[e] = (double)q;
        if (out_s)
          out_s[e] = slab[s];
        e++;
      }
    }
    if (type == SURV_RESID_SCALEDSCH) {
      double *tmp = W.s1; /* p scratch (2p long) */
      for (size_t i = 0; i < ne; i++) {
        for (size_t l = 0; l < p; l++) {
          double v = 0.0;
          for (size_t h = 0; h < p; h++)
            v += out_r[i * p + h] * f->var[h * p + l];
          tmp[l] = v * (double)ne + f->beta[l];
        }
        memcpy(out_r + i * p, tmp, p * sizeof *tmp);
      }
    }
    surv__result_set_stat(res, SURV_STAT_N, (double)ne);
  } else {
    /* per row values: martingale, score, dfbeta(s) */
    double *val = vec ? vres : mart;
    if (type == SURV_RESID_DFBETA || type == SURV_RESID_DFBETAS) {
      double *tmp = W.s1;
      for (size_t i = 0; i < n; i++) {
        for (size_t l = 0; l < p; l++) {
          double v = 0.0;
          for (size_t h = 0; h < p; h++)
            v += vres[i * p + h] * f->var[h * p + l];
          if (type == SURV_RESID_DFBETAS)
            v /= sqrt(f->var[l * p + l]);
          tmp[l] = v;
        }
        memcpy(vres + i * p, tmp, p * sizeof *tmp);
      }
    }
    if (weighted && d.weight)
      for (size_t i = 0; i < n; i++)
        for (size_t l = 0; l < k; l++)
          val[i * k + l] *= d.weight[i];
    size_t nrow = n;
    double *stat_sum = NULL; /* deviance: the status summed alike */
    if (flags & SURV_COX_RESID_COLLAPSE) {
      cid = surv__malloc_array(n, sizeof *cid);
      if (!cid)
        goto done;
      if ((rc = surv__labels(d.cluster, n, &clab, &nrow, cid)))
        goto done;
      rc = SURV_ENOMEM;
      double *sum = surv__calloc_array(nrow, k * sizeof(double));
      stat_sum = surv__calloc_array(nrow, sizeof(double));
      if (!sum || !stat_sum) {
        free(sum);
        free(stat_sum);
        goto done;
      }
      for (size_t i = 0; i < n; i++) {
        for (size_t l = 0; l < k; l++)
          sum[cid[i] * k + l] += val[i * k + l];
        stat_sum[cid[i]] += d.status[i];
      }
      memcpy(val, sum, nrow * k * sizeof *sum);
      free(sum);
    }
    double *out_r = surv__result_column_new(res, SURV_COL_RESIDUAL, nrow * k);
    double *out_i = surv__result_column_new(
        res,
        (flags & SURV_COX_RESID_COLLAPSE) ? SURV_COL_CLUSTER : SURV_COL_ROW,
        nrow);
    if (!out_r || !out_i) {
      free(stat_sum);
      goto done;
    }
    for (size_t i = 0; i < nrow; i++) {
      out_i[i] = clab ? (double)clab[i] : (double)i;
      for (size_t l = 0; l < k; l++)
        out_r[i * k + l] = val[i * k + l];
      if (type == SURV_RESID_DEVIANCE) {
        double mr = out_r[i], st = stat_sum ? stat_sum[i] : d.status[i];
        double dv = -2 * (mr + (st == 0 ? 0.0 : st * log(st - mr)));
        out_r[i] = (mr > 0 ? 1.0 : mr < 0 ? -1.0 : 0.0) * sqrt(dv);
      }
    }
    free(stat_sum);
    surv__result_set_stat(res, SURV_STAT_N, (double)nrow);
  }
  *out = res;
  res = NULL;
  rc = SURV_OK;
done:
  surv_result_free(res);
  free(tstop);
  free(tent);
  free(r);
  free(xc);
  free(mart);
  free(vres);
  free(rows);
  free(sid);
  free(start);
  free(cid);
  free(slab);
  free(clab);
  free(W.ord);
  free(W.eord);
  free(W.key);
  free(W.et);
  free(W.ch);
  free(W.chm);
  free(W.ev);
  free(W.evm);
  free(W.mbar);
  free(W.s1);
  return rc;
}
