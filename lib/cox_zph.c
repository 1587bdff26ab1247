/* The proportional-hazards test of a Cox model: surv_cox_zph
 * (include/surv/coxdiag.h), as R survival 3.5-3 cox.zph (R/cox.zph.R, the
 * score test of survival 3, src/zph1.c and src/zph2.c), written from the
 * formulas; R's sources were read to match its conventions.
 *
 * With g(t) the transformed event time (km: 1 - S(t-) of the unweighted
 * Kaplan-Meier curve of all rows, rank: average rank of the times, identity,
 * log), centred at its mean over the events, the model is extended by the
 * covariates x g(t); at the fitted coefficients (and 0 for the new ones) one
 * Cox pass gives the score of the new block, u2 = sum over events of
 * w g (x - xbar) (Efron's steps for tied events), and the 2p x 2p information
 * [[I, I_g], [I_g, I_gg]], I_g and I_gg weighting each event time's term by
 * g and g^2. The test of a term (its columns J) is the score test
 * u' A^{-1} u with A the information over the p original and the J new
 * columns and u = (0, u2[J]); GLOBAL takes every column. The scaled
 * Schoenfeld residuals are the Schoenfeld residuals times the inverse of the
 * mean information per event (I / events, per stratum where a covariate
 * varies), plus the coefficient (1 for a term of several columns, whose
 * residual is first combined by its coefficients), against g(t). Cost
 * O(n log n + (n + d) p^2 + p^3 T) for T terms. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "cox_internal.h"
#include "surv_internal.h"
#include "survtime.h"

/* Solve the symmetric k x k system a x = b (a copied) by R's cholesky2 with a
 * tight pivot tolerance; returns b' x. */
static double quad_solve(const double *a, const double *b, size_t k,
                         double *work) {
  double *f = work, *x = work + k * k;
  memcpy(f, a, k * k * sizeof *f);
  memcpy(x, b, k * sizeof *x);
  surv__cholesky2(f, k, 1e-12);
  surv__chsolve2(f, k, x);
  double s = 0;
  for (size_t i = 0; i < k; i++)
    s += b[i] * x[i];
  return s;
}

/* Invert the symmetric k x k a into v (Gauss-Jordan with partial pivoting);
 * returns 0 if singular. */
static int invert(const double *a, size_t k, double *v, double *work) {
  double *m = work;
  for (size_t i = 0; i < k; i++)
    for (size_t j = 0; j < k; j++) {
      m[i * 2 * k + j] = a[i * k + j];
      m[i * 2 * k + k + j] = i == j;
    }
  for (size_t c = 0; c < k; c++) {
    size_t piv = c;
    for (size_t r = c + 1; r < k; r++)
      if (fabs(m[r * 2 * k + c]) > fabs(m[piv * 2 * k + c]))
        piv = r;
    if (m[piv * 2 * k + c] == 0)
      return 0;
    if (piv != c)
      for (size_t j = 0; j < 2 * k; j++) {
        double t = m[c * 2 * k + j];
        m[c * 2 * k + j] = m[piv * 2 * k + j];
        m[piv * 2 * k + j] = t;
      }
    double d = m[c * 2 * k + c];
    for (size_t j = 0; j < 2 * k; j++)
      m[c * 2 * k + j] /= d;
    for (size_t r = 0; r < k; r++)
      if (r != c && m[r * 2 * k + c] != 0) {
        double f = m[r * 2 * k + c];
        for (size_t j = 0; j < 2 * k; j++)
          m[r * 2 * k + j] -= f * m[c * 2 * k + j];
      }
  }
  for (size_t i = 0; i < k; i++)
    for (size_t j = 0; j < k; j++)
      v[i * k + j] = m[i * 2 * k + k + j];
  return 1;
}

typedef struct {
  double key;
  size_t row;
} krow;

static int cmp_krow(const void *a, const void *b) {
  const krow *p = a, *q = b;
  if (p->key != q->key)
    return p->key < q->key ? -1 : 1;
  return (p->row > q->row) - (p->row < q->row);
}

/* R's rank(): average ranks of ties, 1-based. */
static int avg_rank(const double *v, size_t n, double *rk) {
  krow *k = surv__malloc_array(n, sizeof *k);
  if (!k)
    return SURV_ENOMEM;
  for (size_t i = 0; i < n; i++) {
    k[i].key = v[i];
    k[i].row = i;
  }
  qsort(k, n, sizeof *k, cmp_krow);
  for (size_t i = 0; i < n;) {
    size_t j = i;
    while (j < n && k[j].key == k[i].key)
      j++;
    double r = 0.5 * ((double)i + 1 + (double)j);
    for (size_t l = i; l < j; l++)
      rk[k[l].row] = r;
    i = j;
  }
  free(k);
  return SURV_OK;
}

/* 1 - S(t-) of the unweighted Kaplan-Meier curve of all rows ((start, stop]
 * when entry), at each row's time. */
static int km_transform(const double *t, const double *entry, const int *status,
                        size_t n, double *out) {
  size_t *o = surv__malloc_array(n, sizeof *o);
  size_t *oe = entry ? surv__malloc_array(n, sizeof *oe) : NULL;
  double *val = surv__malloc_array(n, sizeof *val);
  int rc = SURV_ENOMEM;
  if (!o || (entry && !oe) || !val)
    goto done;
  if ((rc = surv__time_order(t, n, o)))
    goto done;
  if (entry && (rc = surv__time_order(entry, n, oe)))
    goto done;
  /* ascending distinct times: S(t-) before the time's events */
  double S = 1.0;
  size_t in_e = 0, i = 0, atrisk_stop = n; /* rows with stop >= t */
  while (i < n) {
    double tt = t[o[i]];
    size_t j = i, dth = 0;
    while (j < n && t[o[j]] == tt)
      dth += (size_t)status[o[j++]];
    size_t nrisk = atrisk_stop;
    if (entry) {
      while (in_e < n && entry[oe[in_e]] < tt)
        in_e++;
      nrisk = atrisk_stop - (n - in_e); /* entry >= tt are not yet at risk */
      /* rows with stop < tt already left atrisk_stop, and their entry < tt */
    }
    for (size_t l = i; l < j; l++)
      val[o[l]] = 1 - S;
    if (dth > 0 && nrisk > 0)
      S *= (double)(nrisk - dth) / (double)nrisk;
    atrisk_stop -= j - i;
    i = j;
  }
  memcpy(out, val, n * sizeof *out);
  rc = SURV_OK;
done:
  free(o);
  free(oe);
  free(val);
  return rc;
}

SURV_EXPORT int surv_cox_zph(const surv_result *fit, const surv_data *data,
                             const surv_cox_zph_options *opt,
                             surv_result **out) {
  static const surv_cox_zph_options defaults = SURV_COX_ZPH_OPTIONS_INIT;
  surv_cox_zph_options o;
  const surv__cox_fit *f;
  surv_data d;
  int rc;
  if (!fit || !out)
    return SURV_ENULL;
  if (!(f = surv__cox_priv(fit)))
    return SURV_EINVAL;
  if ((rc = surv__data_copy(data, &d)))
    return rc;
  if ((rc = surv__options_copy(opt, sizeof o, &defaults, &o)))
    return rc;
  if ((unsigned)o.transform > (unsigned)SURV_ZPH_LOG)
    return SURV_EINVAL;
  /* the residuals' validation: the fit's data, Efron or Breslow */
  surv_result *probe = NULL;
  if ((rc = surv_cox_residuals(fit, data, SURV_RESID_MARTINGALE, 0, &probe)))
    return rc;
  surv_result_free(probe);
  size_t n = d.n, p0 = d.p;
  const double *coef = surv_result_column(fit, SURV_COL_COEF, NULL);
  if (!coef)
    return SURV_EINVAL;
  /* terms: map of the columns, non-aliased ones kept */
  size_t nterm = 0;
  if (o.terms) {
    for (size_t j = 0; j < p0; j++) {
      if (j > 0 && o.terms[j] < o.terms[j - 1])
        return SURV_EINVAL; /* columns of a term are contiguous */
      if (o.terms[j] >= p0 || (j > 0 && o.terms[j] > o.terms[j - 1] + 1) ||
          (j == 0 && o.terms[0] != 0))
        return SURV_EINVAL;
    }
  }
  if (o.transform == SURV_ZPH_LOG)
    for (size_t i = 0; i < n; i++)
      if (d.status[i] && !(d.time[i] > 0))
        return SURV_ETIME; /* log(0) */

  rc = SURV_ENOMEM;
  size_t *col = surv__malloc_array(p0, sizeof *col);   /* kept columns */
  size_t *tcol = surv__malloc_array(p0, sizeof *tcol); /* term of kept col */
  double *tstop = surv__malloc_array(n, sizeof(double));
  double *tent = d.entry ? surv__malloc_array(n, sizeof(double)) : NULL;
  double *g = surv__malloc_array(n, sizeof(double));
  double *x = NULL, *eta = surv__malloc_array(n, sizeof(double));
  size_t *sid = surv__malloc_array(n, sizeof(size_t));
  size_t *ord = surv__malloc_array(n, sizeof(size_t));
  size_t *eord = surv__malloc_array(n, sizeof(size_t));
  double *key = surv__malloc_array(n, sizeof(double));
  int *slab = NULL;
  double *buf = NULL, *schoen = NULL;
  size_t *evrow = NULL;
  surv_result *res = NULL;
  if (!col || !tcol || !tstop || (d.entry && !tent) || !g || !eta || !sid ||
      !ord || !eord || !key)
    goto done;
  size_t p = 0;
  for (size_t j = 0; j < p0; j++) {
    if (isnan(coef[j]))
      continue; /* R drops aliased columns */
    size_t tj = o.terms ? o.terms[j] : j;
    col[p] = j;
    tcol[p] = tj;
    p++;
  }
  /* renumber the terms that still have a column */
  for (size_t j = 0; j < p; j++) {
    if (j == 0 || tcol[j] != tcol[j - 1])
      nterm++;
  }
  {
    size_t cur = 0;
    for (size_t j = 0; j < p; j++) {
      if (j > 0 && tcol[j] != tcol[j - 1])
        cur++;
      tcol[j] = cur;
    }
  }
  if (p == 0) {
    rc = SURV_EINVAL;
    goto done;
  }
  x = surv__malloc_array(n, p * sizeof(double));
  buf =
      surv__calloc_array(1, (4 * p * p + 8 * p + 16 * p * p) * sizeof(double));
  if (!x || !buf)
    goto done;

  /* times as the fit saw them */
  int nofix = (f->flags & SURV_NO_TIMEFIX) != 0;
  if (d.entry) {
    if (nofix) {
      memcpy(tstop, d.time, n * sizeof *tstop);
      memcpy(tent, d.entry, n * sizeof *tent);
    } else if ((rc = surv__timefix_counting(d.entry, d.time, n, tent, tstop))) {
      goto done;
    }
  } else {
    if ((rc = surv__sort_times(d.time, n, nofix, ord, key)))
      goto done;
    for (size_t i = 0; i < n; i++)
      tstop[ord[i]] = key[i];
  }
  rc = SURV_ENOMEM;
  /* covariates centred at their plain means (R's zph1), linear predictor */
  for (size_t j = 0; j < p; j++) {
    double m = 0;
    for (size_t i = 0; i < n; i++)
      m += d.x[i * p0 + col[j]];
    m /= (double)n;
    for (size_t i = 0; i < n; i++)
      x[i * p + j] = d.x[i * p0 + col[j]] - m;
  }
  for (size_t i = 0; i < n; i++) {
    double e = d.offset ? d.offset[i] : 0.0;
    for (size_t j = 0; j < p0; j++)
      e += (d.x[i * p0 + j] - f->means[j]) * f->beta[j];
    eta[i] = e;
  }
  /* g(t) centred at its mean over the events */
  size_t nev = 0;
  for (size_t i = 0; i < n; i++)
    nev += d.status[i] != 0;
  switch (o.transform) {
  case SURV_ZPH_KM:
    if ((rc = km_transform(tstop, tent, d.status, n, g)))
      goto done;
    break;
  case SURV_ZPH_RANK:
    if ((rc = avg_rank(tstop, n, g)))
      goto done;
    break;
  case SURV_ZPH_IDENTITY:
    memcpy(g, tstop, n * sizeof *g);
    break;
  default:
    for (size_t i = 0; i < n; i++)
      g[i] = log(tstop[i]);
    break;
  }
  rc = SURV_ENOMEM;
  double gbar = 0;
  for (size_t i = 0; i < n; i++)
    if (d.status[i])
      gbar += g[i];
  gbar /= (double)(nev ? nev : 1);
  double *gt = surv__malloc_array(n, sizeof *gt);
  if (!gt)
    goto done;
  for (size_t i = 0; i < n; i++)
    gt[i] = g[i] - gbar;

  /* strata */
  size_t ns = 1;
  if (d.strata) {
    if ((rc = surv__labels(d.strata, n, &slab, &ns, sid))) {
      free(gt);
      goto done;
    }
  } else {
    memset(sid, 0, n * sizeof *sid);
  }
  rc = SURV_ENOMEM;
  size_t P2 = 2 * p;
  double *u = buf, *imat = u + P2, *a = imat + P2 * P2, *a2 = a + p,
         *cm = a2 + p, *cm2 = cm + p * p, *work = cm2 + p * p;
  schoen = surv__malloc_array(nev ? nev : 1, p * sizeof *schoen);
  evrow = surv__malloc_array(nev ? nev : 1, sizeof *evrow);
  size_t *used = surv__calloc_array(ns, p * sizeof *used);
  size_t *rows = surv__malloc_array(n, sizeof *rows);
  if (!schoen || !evrow || !used || !rows) {
    free(gt);
    free(used);
    free(rows);
    goto done;
  }
  /* rows by (stratum, stop ascending, input order) */
  if ((rc = surv__time_order(tstop, n, ord))) {
    free(gt);
    free(used);
    free(rows);
    goto done;
  }
  {
    size_t *cnt = surv__calloc_array(ns + 1, sizeof *cnt);
    if (!cnt) {
      rc = SURV_ENOMEM;
      free(gt);
      free(used);
      free(rows);
      goto done;
    }
    for (size_t i = 0; i < n; i++)
      cnt[sid[i] + 1]++;
    for (size_t s = 0; s < ns; s++)
      cnt[s + 1] += cnt[s];
    for (size_t i = 0; i < n; i++)
      rows[cnt[sid[ord[i]]]++] = ord[i];
    free(cnt);
  }
  if (d.entry) { /* R's zph2 order: ties of the stop time in reverse */
    for (size_t i = 0; i < n;) {
      size_t j = i;
      while (j < n && sid[rows[j]] == sid[rows[i]] &&
             tstop[rows[j]] == tstop[rows[i]])
        j++;
      for (size_t a0 = i, b0 = j - 1; a0 < b0; a0++, b0--) {
        size_t tmp = rows[a0];
        rows[a0] = rows[b0];
        rows[b0] = tmp;
      }
      i = j;
    }
  }
  /* event rows in that order */
  {
    size_t e = 0;
    for (size_t i = 0; i < n; i++)
      if (d.status[rows[i]])
        evrow[e++] = rows[i];
  }
  /* entry order within each stratum (walked backwards) */
  rc = SURV_ENOMEM; /* the gotos below until the next rc = are out of memory */
  size_t *estart = surv__calloc_array(ns + 2, sizeof *estart);
  if (!estart) {
    free(gt);
    free(used);
    free(rows);
    goto done;
  }
  if (d.entry) {
    size_t *tmpo = surv__malloc_array(n, sizeof *tmpo);
    if (!tmpo || (rc = surv__time_order(tent, n, tmpo))) {
      rc = tmpo ? rc : SURV_ENOMEM;
      free(tmpo);
      free(estart);
      free(gt);
      free(used);
      free(rows);
      goto done;
    }
    for (size_t i = 0; i < n; i++)
      estart[sid[i] + 1]++;
    for (size_t s = 0; s < ns; s++)
      estart[s + 1] += estart[s];
    {
      size_t *cur = estart + 0;
      size_t *fill = surv__malloc_array(ns, sizeof *fill);
      if (!fill) {
        free(tmpo);
        free(estart);
        free(gt);
        free(used);
        free(rows);
        rc = SURV_ENOMEM;
        goto done;
      }
      memcpy(fill, cur, ns * sizeof *fill);
      for (size_t i = 0; i < n; i++)
        eord[fill[sid[tmpo[i]]]++] = tmpo[i];
      free(fill);
    }
    free(tmpo);
  }
  /* used: events of the stratum where a column varies in the stratum */
  for (size_t s = 0, i0 = 0; s < ns; s++) {
    size_t i1 = i0, de = 0;
    while (i1 < n && sid[rows[i1]] == s)
      de += (size_t)d.status[rows[i1++]];
    for (size_t j = 0; j < p; j++) {
      size_t v = 0;
      for (size_t i = i0; i < i1; i++)
        if (x[rows[i] * p + j] != x[rows[i0] * p + j]) {
          v = de;
          break;
        }
      used[s * p + j] = v;
    }
    i0 = i1;
  }
  /* the pass: each stratum from its largest time down */
  memset(u, 0, P2 * sizeof *u);
  memset(imat, 0, P2 * P2 * sizeof *imat);
  size_t ecount = nev;
  for (size_t s = ns, i1 = n; s-- > 0;) {
    size_t i0 = i1;
    while (i0 > 0 && sid[rows[i0 - 1]] == s)
      i0--;
    double denom = 0;
    memset(a, 0, p * sizeof *a);
    memset(cm, 0, p * p * sizeof *cm);
    /* entries of this stratum, descending */
    size_t ne = d.entry ? estart[s + 1] : 0, ne0 = d.entry ? estart[s] : 0;
    size_t k = i1;
    while (k > i0) {
      double dt = tstop[rows[k - 1]], denom2 = 0, deadwt = 0, tw = 0;
      size_t gq = k, ndead = 0;
      memset(a2, 0, p * sizeof *a2);
      memset(cm2, 0, p * p * sizeof *cm2);
      while (gq > i0 && tstop[rows[gq - 1]] == dt)
        gq--;
      if (d.entry) { /* rows entering at or after dt leave first */
        while (ne > ne0 && tent[eord[ne - 1]] >= dt) {
          size_t q = eord[--ne]; /* added already: stop > entry >= dt */
          double r = exp(eta[q]) * (d.weight ? d.weight[q] : 1.0);
          denom -= r;
          for (size_t i = 0; i < p; i++) {
            a[i] -= r * x[q * p + i];
            for (size_t j = 0; j <= i; j++)
              cm[i * p + j] -= r * x[q * p + i] * x[q * p + j];
          }
        }
      }
      for (size_t l = gq; l < k; l++) {
        size_t q = rows[l];
        if (d.entry && !(tent[q] < dt))
          continue;
        double wq = d.weight ? d.weight[q] : 1.0, r = exp(eta[q]) * wq;
        const double *xq = x + q * p;
        if (!d.status[q]) {
          denom += r;
          for (size_t i = 0; i < p; i++) {
            a[i] += r * xq[i];
            for (size_t j = 0; j <= i; j++)
              cm[i * p + j] += r * xq[i] * xq[j];
          }
        } else {
          ndead++;
          deadwt += wq;
          denom2 += r;
          tw = gt[q];
          for (size_t i = 0; i < p; i++) {
            u[i] += wq * xq[i];
            u[p + i] += tw * wq * xq[i];
            a2[i] += r * xq[i];
            for (size_t j = 0; j <= i; j++)
              cm2[i * p + j] += r * xq[i] * xq[j];
          }
        }
      }
      if (ndead > 0) {
        size_t e1 = ecount, e0 = ecount - ndead;
        ecount = e0;
        /* Schoenfeld: x - mean of the Efron means (Breslow: one mean) */
        for (size_t i = 0; i < p; i++) {
          double mean = 0;
          if (f->ties == SURV_TIES_EFRON && ndead > 1) {
            for (size_t kk = 0; kk < ndead; kk++) {
              double fr = (double)(kk + 1) / (double)ndead;
              mean += (a[i] + a2[i] * fr) / (denom + denom2 * fr);
            }
            mean /= (double)ndead;
          } else {
            mean = (a[i] + a2[i]) / (denom + denom2);
          }
          for (size_t e = e0; e < e1; e++)
            schoen[e * p + i] = x[evrow[e] * p + i] - mean;
        }
        size_t reps = (f->ties == SURV_TIES_EFRON) ? ndead : 1;
        double wt =
            (f->ties == SURV_TIES_EFRON) ? deadwt / (double)ndead : deadwt;
        for (size_t kk = 0; kk < reps; kk++) {
          double fd = (f->ties == SURV_TIES_EFRON) ? 1.0 / (double)ndead : 1.0;
          denom += denom2 * fd;
          for (size_t i = 0; i < p; i++) {
            a[i] += a2[i] * fd;
            double mi = a[i] / denom;
            u[i] -= wt * mi;
            u[p + i] -= tw * wt * mi;
            for (size_t j = 0; j <= i; j++) {
              cm[i * p + j] += cm2[i * p + j] * fd;
              double tv = wt * (cm[i * p + j] - mi * a[j]) / denom;
              imat[j * P2 + i] += tv;
              imat[j * P2 + i + p] += tv * tw;
              imat[(j + p) * P2 + i + p] += tv * tw * tw;
            }
          }
        }
      }
      k = gq;
    }
    i1 = i0;
  }
  free(gt);
  free(estart);
  /* symmetric fill */
  for (size_t i = 0; i < p; i++)
    for (size_t j = 0; j < i; j++) {
      imat[i * P2 + j] = imat[j * P2 + i];
      imat[i * P2 + j + p] = imat[j * P2 + i + p];
      imat[(i + p) * P2 + j + p] = imat[(j + p) * P2 + i + p];
    }
  for (size_t i = 0; i < p; i++)
    for (size_t j = 0; j < p; j++)
      imat[(i + p) * P2 + j] = imat[j * P2 + i + p];

  /* tests per term and GLOBAL */
  rc = SURV_ENOMEM; /* until *out is written: only allocations fail */
  res = surv__result_new(SURV__KIND_COXDIAG);
  double *c_chi =
      res ? surv__result_column_new(res, SURV_COL_CHISQ, nterm + 1) : NULL;
  double *c_df =
      res ? surv__result_column_new(res, SURV_COL_DF, nterm + 1) : NULL;
  double *c_p =
      res ? surv__result_column_new(res, SURV_COL_P_VALUE, nterm + 1) : NULL;
  double *sub = work, *uu = sub + P2 * P2, *wk = uu + P2;
  if (!c_chi || !c_df || !c_p) {
    free(used);
    free(rows);
    goto done;
  }
  for (size_t t = 0; t <= nterm; t++) {
    size_t kk = 0, idx[2 * 4096];
    for (size_t i = 0; i < p; i++)
      idx[kk++] = i;
    size_t nj = 0;
    for (size_t j = 0; j < p; j++)
      if (t == nterm || tcol[j] == t) {
        idx[kk++] = p + j;
        nj++;
      }
    for (size_t i = 0; i < kk; i++) {
      uu[i] = idx[i] < p ? 0.0 : u[idx[i]];
      for (size_t j = 0; j < kk; j++)
        sub[i * kk + j] = imat[idx[i] * P2 + idx[j]];
    }
    double stat = quad_solve(sub, uu, kk, wk);
    c_chi[t] = stat;
    c_df[t] = (double)nj;
    c_p[t] = surv__chisq_q(stat, (double)nj);
  }
  surv_test gtest = {c_chi[nterm], c_df[nterm], c_p[nterm]};
  surv__result_set_test(res, SURV_TEST_MAIN, &gtest);

  /* scaled Schoenfeld residuals */
  {
    /* a term of several columns: used = max over its columns if any is 0 */
    for (size_t s = 0; s < ns; s++)
      for (size_t t = 0; t < nterm; t++) {
        size_t mx = 0, any0 = 0, cnt = 0;
        for (size_t j = 0; j < p; j++)
          if (tcol[j] == t) {
            cnt++;
            if (used[s * p + j] > mx)
              mx = used[s * p + j];
            if (used[s * p + j] == 0)
              any0 = 1;
          }
        if (cnt > 1 && any0)
          for (size_t j = 0; j < p; j++)
            if (tcol[j] == t)
              used[s * p + j] = mx;
      }
    double *vmean = surv__malloc_array(p * p, sizeof *vmean);
    double *tm = surv__calloc_array(p * nterm, sizeof *tm);
    double *vt = surv__malloc_array(nterm * nterm, sizeof *vt);
    double *sr = surv__malloc_array(nev ? nev : 1, nterm * sizeof *sr);
    double *c_res =
        surv__result_column_new(res, SURV_COL_RESIDUAL, nev * nterm);
    double *c_time = surv__result_column_new(res, SURV_COL_TIME, nev);
    double *c_x = surv__result_column_new(res, SURV_COL_TRANSFORMED_TIME, nev);
    double *c_row = surv__result_column_new(res, SURV_COL_ROW, nev);
    double *c_coef = surv__result_column_new(res, SURV_COL_COEF, nterm);
    double *c_var = surv__result_column_new(res, SURV_COL_VAR, nterm * nterm);
    double *c_str =
        d.strata ? surv__result_column_new(res, SURV_COL_STRATUM, nev) : NULL;
    int ok = vmean && tm && vt && sr && c_res && c_time && c_x && c_row &&
             c_coef && c_var && (!d.strata || c_str);
    if (ok) {
      for (size_t i = 0; i < p; i++)
        for (size_t j = 0; j < p; j++) {
          double wsum = 0;
          for (size_t s = 0; s < ns; s++) {
            size_t a0 = used[s * p + i], b0 = used[s * p + j];
            wsum += (double)(a0 < b0 ? a0 : b0);
          }
          vmean[i * p + j] = imat[i * P2 + j] / (wsum == 0 ? 1 : wsum);
        }
      for (size_t t = 0; t < nterm; t++) {
        size_t cnt = 0;
        for (size_t j = 0; j < p; j++)
          cnt += tcol[j] == t;
        for (size_t j = 0; j < p; j++)
          if (tcol[j] == t)
            tm[j * nterm + t] = cnt == 1 ? 1.0 : coef[col[j]];
        c_coef[t] = 1.0;
        if (cnt == 1)
          for (size_t j = 0; j < p; j++)
            if (tcol[j] == t)
              c_coef[t] = coef[col[j]];
      }
      /* vt = tm' vmean tm; sr = schoen tm */
      for (size_t a0 = 0; a0 < nterm; a0++)
        for (size_t b0 = 0; b0 < nterm; b0++) {
          double v = 0;
          for (size_t i = 0; i < p; i++)
            for (size_t j = 0; j < p; j++)
              v += tm[i * nterm + a0] * vmean[i * p + j] * tm[j * nterm + b0];
          vt[a0 * nterm + b0] = v;
        }
      for (size_t e = 0; e < nev; e++)
        for (size_t t = 0; t < nterm; t++) {
          double v = 0;
          for (size_t j = 0; j < p; j++)
            v += schoen[e * p + j] * tm[j * nterm + t];
          sr[e * nterm + t] = v;
        }
      /* per stratum: solve with the terms used there, NaN elsewhere */
      size_t e = 0;
      for (size_t s = 0; s < ns; s++) {
        size_t kidx[4096], kn = 0, emax = 0;
        for (size_t t = 0; t < nterm; t++) {
          size_t first = 0;
          for (size_t j = 0; j < p; j++)
            if (tcol[j] == t) {
              first = j;
              break;
            }
          if (used[s * p + first] > 0)
            kidx[kn++] = t;
          if (used[s * p + first] > emax)
            emax = used[s * p + first];
        }
        double *vk = work, *vinv = work + nterm * nterm;
        for (size_t i = 0; i < kn; i++)
          for (size_t j = 0; j < kn; j++)
            vk[i * kn + j] = vt[kidx[i] * nterm + kidx[j]];
        int inv = kn > 0 && invert(vk, kn, vinv, vinv + kn * kn);
        for (size_t r = 0; r < emax && e < nev; r++, e++) {
          double tmp[4096];
          for (size_t i = 0; i < kn; i++) {
            double v = 0;
            for (size_t j = 0; j < kn; j++)
              v += vinv[i * kn + j] * sr[e * nterm + kidx[j]];
            tmp[i] = inv ? v : NAN;
          }
          for (size_t t = 0; t < nterm; t++)
            c_res[e * nterm + t] = NAN;
          for (size_t i = 0; i < kn; i++)
            c_res[e * nterm + kidx[i]] = tmp[i] + c_coef[kidx[i]];
        }
      }
      for (; e < nev; e++)
        for (size_t t = 0; t < nterm; t++)
          c_res[e * nterm + t] = NAN;
      for (size_t ev = 0; ev < nev; ev++) {
        size_t q = evrow[ev];
        c_time[ev] = tstop[q];
        c_x[ev] = g[q];
        c_row[ev] = (double)q;
        if (c_str)
          c_str[ev] = slab[sid[q]];
      }
      if (!invert(vt, nterm, c_var, work))
        for (size_t i = 0; i < nterm * nterm; i++)
          c_var[i] = NAN;
      surv__result_set_stat(res, SURV_STAT_N_EVENT, (double)nev);
    }
    free(vmean);
    free(tm);
    free(vt);
    free(sr);
    free(used);
    free(rows);
    if (!ok) {
      rc = SURV_ENOMEM; /* rc still held an earlier SURV_OK */
      goto done;
    }
  }
  *out = res;
  res = NULL;
  rc = SURV_OK;
done:
  surv_result_free(res);
  free(col);
  free(tcol);
  free(tstop);
  free(tent);
  free(g);
  free(x);
  free(eta);
  free(sid);
  free(ord);
  free(eord);
  free(key);
  free(slab);
  free(buf);
  free(schoen);
  free(evrow);
  return rc;
}
