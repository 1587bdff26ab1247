/* Gray's K-sample test for the cumulative incidence of one cause (Gray 1988,
 * Ann. Statist. 16:1141-1154), matching cmprsk 2.2 cuminc()$Tests; the
 * formulas are summarised in lib/cif.c. Per stratum, a pass over the
 * distinct times accumulates the score s (groups 1..K-1) and the variance
 * V from three parts: the group-level martingale terms of cause-of-interest
 * events and of competing events (v3, v2) and their cross terms with the
 * cumulative c matrix. Statistic s' V^-1 s on K-1 df (NaN if V is
 * singular). Cost O(n) radix sort + O(n + D K^2); memory O(n + K^2). */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "ksample.h"
#include "survtime.h"

typedef struct {
  size_t ng;
  double *rs, *d, *f1m, *f1, *skmm, *skm, *v3; /* ng each; d is 3 x ng */
  double *a, *c, *v2;                          /* ng x ng */
} gray_work;

/* One stratum, len subjects sorted by time: m[] is 0 censored, 1 cause of
 * interest, 2 competing; g[] group index. Adds to s (ng - 1) and to the lower
 * triangle of v ((ng - 1) x (ng - 1), row-major). */
static void gray_stratum(const double *y, const int *m, const size_t *g,
                         size_t len, double rho, gray_work *w, double *s,
                         double *v) {
  size_t ng = w->ng, ng1 = ng - 1, i, j, k, ll, lu;
  double fm = 0, f = 0;
  double *rs = w->rs, *d0 = w->d, *d1 = w->d + ng, *d2 = w->d + 2 * ng;
  for (i = 0; i < ng; i++) {
    rs[i] = 0;
    w->f1m[i] = w->f1[i] = w->v3[i] = 0;
    w->skmm[i] = w->skm[i] = 1;
    for (j = 0; j < ng; j++)
      w->c[i * ng + j] = w->v2[i * ng + j] = 0;
  }
  for (i = 0; i < len; i++)
    rs[g[i]] += 1;
  for (ll = 0; ll < len; ll = lu) {
    double nd1 = 0, nd2 = 0, tr = 0, tq = 0, fb;
    for (lu = ll; lu < len && y[lu] == y[ll]; lu++)
      ;
    for (i = 0; i < ng; i++)
      d0[i] = d1[i] = d2[i] = 0;
    for (i = ll; i < lu; i++)
      w->d[(size_t)m[i] * ng + g[i]] += 1;
    for (i = 0; i < ng; i++) {
      nd1 += d1[i];
      nd2 += d2[i];
    }
    if (nd1 > 0 || nd2 > 0) {
      for (i = 0; i < ng; i++) {
        double td;
        if (rs[i] <= 0)
          continue;
        td = d1[i] + d2[i];
        /* skmm, f1m: left-continuous group KM and incidence; skm, f1 right */
        w->skm[i] = w->skmm[i] * (rs[i] - td) / rs[i];
        w->f1[i] = w->f1m[i] + (w->skmm[i] * d1[i]) / rs[i];
        tr += rs[i] / w->skmm[i];
        tq += rs[i] * (1 - w->f1m[i]) / w->skmm[i];
      }
      f = fm + nd1 / tr;
      fb = pow(1 - fm, rho);
      for (i = 0; i < ng; i++) {
        double t1;
        for (j = i; j < ng; j++)
          w->a[i * ng + j] = 0;
        if (rs[i] <= 0)
          continue;
        t1 = rs[i] / w->skmm[i];
        w->a[i * ng + i] = fb * t1 * (1 - t1 / tr);
        w->c[i * ng + i] += w->a[i * ng + i] * nd1 / (tr * (1 - fm));
        for (j = i + 1; j < ng; j++) {
          if (rs[j] <= 0)
            continue;
          w->a[i * ng + j] = -fb * t1 * rs[j] / (w->skmm[j] * tr);
          w->c[i * ng + j] += w->a[i * ng + j] * nd1 / (tr * (1 - fm));
        }
      }
      for (i = 1; i < ng; i++)
        for (j = 0; j < i; j++) {
          w->a[i * ng + j] = w->a[j * ng + i];
          w->c[i * ng + j] = w->c[j * ng + i];
        }
      for (i = 0; i < ng1; i++)
        if (rs[i] > 0)
          s[i] +=
              fb * (d1[i] - nd1 * rs[i] * (1 - w->f1m[i]) / (w->skmm[i] * tq));
      if (nd1 > 0)
        for (k = 0; k < ng; k++) {
          double t3, t4 = 1, t5 = 1;
          if (rs[k] <= 0)
            continue;
          if (w->skm[k] > 0)
            t4 = 1 - (1 - f) / w->skm[k];
          if (nd1 > 1)
            t5 = 1 - (nd1 - 1) / (tr * w->skmm[k] - 1);
          t3 = t5 * w->skmm[k] * nd1 / (tr * rs[k]);
          w->v3[k] += t4 * t4 * t3;
          for (i = 0; i < ng1; i++) {
            double t1 = w->a[i * ng + k] - t4 * w->c[i * ng + k];
            w->v2[i * ng + k] += t1 * t4 * t3;
            for (j = 0; j <= i; j++)
              v[i * ng1 + j] +=
                  t1 * (w->a[j * ng + k] - t4 * w->c[j * ng + k]) * t3;
          }
        }
      if (nd2 > 0)
        for (k = 0; k < ng; k++) {
          double t3, t4, t5 = 1;
          if (w->skm[k] <= 0 || d2[k] <= 0)
            continue;
          t4 = (1 - f) / w->skm[k];
          if (d2[k] > 1)
            t5 = 1 - (d2[k] - 1) / (rs[k] - 1);
          t3 = t5 * ((w->skmm[k] * w->skmm[k]) * d2[k]) / (rs[k] * rs[k]);
          w->v3[k] += t4 * t4 * t3;
          for (i = 0; i < ng1; i++) {
            double t1 = t4 * w->c[i * ng + k];
            w->v2[i * ng + k] -= t1 * t4 * t3;
            for (j = 0; j <= i; j++)
              v[i * ng1 + j] += t1 * (t4 * w->c[j * ng + k]) * t3;
          }
        }
    }
    for (i = ll; i < lu; i++)
      rs[g[i]] -= 1;
    fm = f;
    for (i = 0; i < ng; i++) {
      w->f1m[i] = w->f1[i];
      w->skmm[i] = w->skm[i];
    }
  }
  for (i = 0; i < ng1; i++)
    for (j = 0; j <= i; j++)
      for (k = 0; k < ng; k++) {
        v[i * ng1 + j] += w->c[i * ng + k] * w->c[j * ng + k] * w->v3[k];
        v[i * ng1 + j] += w->c[i * ng + k] * w->v2[j * ng + k];
        v[i * ng1 + j] += w->c[j * ng + k] * w->v2[i * ng + k];
      }
}

SURV_EXPORT int surv_cif_gray(const surv_data *data,
                              const surv_cif_gray_options *opt,
                              surv_test *out) {
  static const surv_cif_gray_options defaults = SURV_CIF_GRAY_OPTIONS_INIT;
  surv_cif_gray_options o;
  surv__ksample lay;
  surv_data d;
  const double *time;
  const int *status, *group, *strata;
  size_t ng, ng1, i, st, n;
  int *fm = NULL, rc, cause;
  double *s = NULL, *v = NULL, *work = NULL, *y = NULL, chi = NAN, rho;
  gray_work w;
  if (data == NULL || out == NULL)
    return SURV_ENULL;
  if ((rc = surv__data_copy(data, &d)) != SURV_OK ||
      (rc = surv__options_copy(opt, sizeof o, &defaults, &o)) != SURV_OK)
    return rc;
  time = d.time;
  status = d.status;
  group = d.group;
  strata = d.strata;
  n = d.n;
  cause = o.cause == 0 ? 1 : o.cause; /* 0: the default, cause 1 */
  rho = o.rho;
  if (time == NULL || status == NULL || group == NULL)
    return SURV_ENULL;
  if (d.entry || d.time2 || d.weight || d.cluster || d.x || d.p || d.offset)
    return SURV_EINVAL;
  if (n == 0)
    return SURV_ESIZE;
  if (cause < 1 || !isfinite(rho))
    return SURV_EINVAL;
  if ((rc = surv__check_times(time, NULL, n)) != SURV_OK)
    return rc;
  for (i = 0; i < n; i++)
    if (status[i] < 0)
      return SURV_ESTATUS;
  /* exact times: cmprsk does not merge near ties */
  if ((rc = surv__ksample_make(time, group, strata, n, 1, &lay)) != SURV_OK)
    return rc;
  rc = SURV_ENOMEM;
  ng = lay.k;
  ng1 = ng - 1;
  fm = surv__malloc_array(n, sizeof *fm);
  s = surv__calloc_array(ng1, sizeof *s);
  v = ng1 <= SIZE_MAX / ng1 ? surv__calloc_array(ng1 * ng1, sizeof *v) : NULL;
  y = ng1 <= SIZE_MAX / ng1 ? surv__malloc_array(ng1 * ng1, sizeof *y) : NULL;
  work = ng <= SIZE_MAX / (3 * ng + 9)
             ? surv__malloc_array(ng * (3 * ng + 9), sizeof *work)
             : NULL;
  if (fm == NULL || s == NULL || v == NULL || y == NULL || work == NULL)
    goto done;
  w.ng = ng;
  w.rs = work;
  w.d = w.rs + ng;
  w.f1m = w.d + 3 * ng;
  w.f1 = w.f1m + ng;
  w.skmm = w.f1 + ng;
  w.skm = w.skmm + ng;
  w.v3 = w.skm + ng;
  w.a = w.v3 + ng;
  w.c = w.a + ng * ng;
  w.v2 = w.c + ng * ng;
  for (i = 0; i < n; i++) {
    int x = status[lay.src[i]];
    fm[i] = x == 0 ? 0 : x == cause ? 1 : 2;
  }
  for (st = 0; st < lay.ns; st++)
    gray_stratum(lay.time + lay.start[st], fm + lay.start[st],
                 lay.g + lay.start[st], lay.start[st + 1] - lay.start[st], rho,
                 &w, s, v);
  /* finite data give finite sums unless the weights (1 - F(t-))^rho
   * overflow (rho far from 0): refuse rather than report NaN */
  for (i = 0; i < ng1 * ng1; i++)
    if (!isfinite(v[i]) || (i < ng1 && !isfinite(s[i]))) {
      rc = SURV_EINVAL;
      goto done;
    }
  /* s' V^-1 s with V full rank (cmprsk: qr rank check, else no statistic) */
  for (i = 0; i < ng1; i++) {
    size_t j;
    for (j = 0; j <= i; j++)
      y[i * ng1 + j] = y[j * ng1 + i] = v[i * ng1 + j];
  }
  if (surv__cholesky2(y, ng1, 1e-12) == (int)ng1) {
    memcpy(v, s, ng1 * sizeof *v);
    surv__chsolve2(y, ng1, v);
    chi = 0;
    for (i = 0; i < ng1; i++)
      chi += v[i] * s[i];
  }
  out->statistic = chi;
  out->df = (double)ng1;
  out->p_value = surv__chisq_q(chi, (double)ng1);
  rc = SURV_OK;
done:
  surv__ksample_free(&lay);
  free(fm);
  free(s);
  free(v);
  free(y);
  free(work);
  return rc;
}
