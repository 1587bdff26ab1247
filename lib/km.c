/* Kaplan-Meier (product-limit) estimator, matching R survival 3.5-3
 * survfit(Surv(time, status) ~ strata, weights=, timefix=) with the default
 * stype = 1 (R/survfitKM.R and src/survfitkm.c); delayed entry is
 * lib/km_entry.c.
 *
 * Rows: one per distinct time (event or censor-only). With weighted counts
 *   n_j = sum of w_i with time_i >= t_j   (censorings at t_j still at risk),
 *   d_j = sum of w_i with an event at t_j, c_j = censorings at t_j,
 * the curve jumps only where d_j > 0 (R also asks for an unweighted death,
 * implied by d_j > 0 since weights are >= 0):
 *   S(t_j) = prod (n_k - d_k)/n_k                    (Kaplan & Meier 1958)
 *   se(log S) = sqrt(sum d_k / (n_k (n_k - d_k)))     (Greenwood 1926)
 *   se(S) = S * se(log S)                            (R summary()$std.err).
 * The Greenwood sum becomes Inf at a row with n = d, so se(log S) is Inf and
 * se(S) = 0 * Inf = NaN from there on, exactly as R.
 * Greenwood uses the weighted counts: R's value with robust = FALSE. (For
 * non-integer weights R 3.5 defaults to the robust infinitesimal-jackknife
 * variance instead; integer weights give replication, which R also uses.)
 *
 * Near ties (R timefix = TRUE, R/aeqSurv.R; surv__timefix_sorted of
 * lib/survtime.c): over the sorted distinct times of ALL subjects (all
 * strata), a gap g = y[i+1] - y[i] with g <= tol or g / mean|y| <= tol,
 * tol = sqrt(DBL_EPSILON), ties the two times; every time becomes the first
 * value of its chain of ties. Counts are summed per
 * distinct time first, then over a chain, in that order (the weighted sums
 * are the same whether the fit is stratified or not).
 *
 * Strata: one curve per label, in ascending label order, one after another
 * in the result (R's survfit(Surv ~ strata) with summary()'s row order).
 *
 * Cost: without strata surv__km_aggregate validates and aggregates in one
 * pass, O(n) expected (O(n) for sorted input; see lib/km_agg.c), then O(m)
 * for the m distinct times. With strata: labels and the time order by radix
 * sorts, O(n) for labels in a range <= 4n + 1024 (else O(n log n)), then
 * O(n) passes. */
#include <float.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "km_internal.h"
#include "survtime.h"

/* aeqSurv: merge chains of near-tied distinct times into their first value,
 * summing the counts. In place; O(m). */
static void timefix(surv__km_agg *a) {
  size_t i, j = 0;
  if (a->m < 2)
    return;
  surv__timefix_sorted(a->time, a->m, a->time); /* each time -> chain head */
  for (i = 1; i < a->m; i++) {
    if (a->time[i] == a->time[j]) { /* same chain as row j */
      a->dead[j] += a->dead[i];
      a->cens[j] += a->cens[i];
      continue;
    }
    j++;
    a->time[j] = a->time[i];
    a->dead[j] = a->dead[i];
    a->cens[j] = a->cens[i];
  }
  a->m = j + 1;
}

/* Number at risk (weights summed from the last time down), S and Greenwood
 * over rows whose time, n_event and n_censor are set. */
static void km_product(surv__km *out) {
  size_t r, k = out->size;
  double nrisk = 0.0;
  for (r = k; r-- > 0;) {
    nrisk += out->n_event[r] + out->n_censor[r];
    out->n_risk[r] = nrisk;
  }
  surv__km_estimate(out);
}

void surv__km_estimate(surv__km *out) {
  size_t r, k = out->size;
  double km = 1.0, v = 0.0;
  for (r = 0; r < k; r++) {
    double n = out->n_risk[r], d = out->n_event[r];
    if (d > 0.0) { /* same operations, same order as survfitkm.c */
      km *= (n - d) / n;
      v += d / (n * (n - d));
    }
    out->surv[r] = km;
    out->std_err_log[r] = sqrt(v);
    out->std_err[r] = km * sqrt(v); /* 0 * Inf = NaN once S = 0, as R */
  }
}

/* One curve from all subjects. */
static int km_plain(const surv_data *d, unsigned flags, surv__km **out) {
  surv__km_agg agg;
  int rc = surv__km_aggregate(d->time, d->status, d->weight, d->n, &agg);
  if (rc)
    return rc;
  if (!(flags & SURV_NO_TIMEFIX))
    timefix(&agg);
  agg.km->size = agg.m; /* rows m.. of the block stay unused */
  km_product(agg.km);
  *out = agg.km;
  return SURV_OK;
}

/* One curve per stratum (sidx[i] < k): subjects in time order (stable), each
 * time replaced by its chain head over all subjects, then per stratum the
 * weights summed per distinct time and over a chain, as km_plain does. */
static int km_strata(const surv_data *d, unsigned flags, const size_t *sidx,
                     size_t k, surv__km **curves) {
  size_t n = d->n, i, s;
  size_t *order = surv__malloc_array(n, sizeof *order);
  size_t *pos = surv__malloc_array(n, sizeof *pos);
  size_t *start = surv__calloc_array(k + 1, sizeof *start);
  double *raw = surv__malloc_array(n, 2 * sizeof *raw), *head;
  int rc = SURV_ENOMEM;
  if (!order || !pos || !start || !raw)
    goto done;
  if ((rc = surv__time_order(d->time, n, order)) != SURV_OK)
    goto done;
  head = raw + n;
  for (i = 0; i < n; i++) {
    double t = d->time[order[i]];
    raw[i] = t == 0.0 ? 0.0 : t; /* -0.0 as +0.0 */
  }
  if (flags & SURV_NO_TIMEFIX)
    memcpy(head, raw, n * sizeof *head);
  else
    surv__timefix_sorted(raw, n, head);
  /* stable bucket of sorted positions by stratum */
  for (i = 0; i < n; i++)
    start[sidx[i] + 1]++;
  for (s = 0; s < k; s++)
    start[s + 1] += start[s];
  for (i = 0; i < n; i++)
    pos[start[sidx[order[i]]]++] = i;
  for (s = k; s > 0; s--)
    start[s] = start[s - 1];
  start[0] = 0;
  for (s = 0; s < k; s++) {
    size_t a = start[s], b = start[s + 1], rows = 0, r;
    surv__km *km;
    for (i = a; i < b; i++)
      rows += i == a || head[pos[i]] != head[pos[i - 1]];
    if ((km = curves[s] = surv__km_alloc(rows)) == NULL) {
      rc = SURV_ENOMEM;
      goto done;
    }
    r = 0;
    for (i = a; i < b;) { /* one distinct raw time: its sum, then the row's */
      size_t p = pos[i];
      double dead = 0.0, cens = 0.0;
      for (; i < b && raw[pos[i]] == raw[p]; i++) {
        size_t j = order[pos[i]];
        double w = d->weight ? d->weight[j] : 1.0;
        if (d->status[j] == 1)
          dead += w;
        else
          cens += w;
      }
      if (r > 0 && km->time[r - 1] == head[p]) {
        km->n_event[r - 1] += dead;
        km->n_censor[r - 1] += cens;
      } else {
        km->time[r] = head[p];
        km->n_event[r] = dead;
        km->n_censor[r] = cens;
        r++;
      }
    }
    km_product(km);
  }
  rc = SURV_OK;
done:
  free(order);
  free(pos);
  free(start);
  free(raw);
  return rc;
}

int surv__km_result(surv__km *const *curves, size_t k, const double *labels,
                    size_t n, surv_result **out) {
  static const surv_col cols[7] = {
      SURV_COL_TIME, SURV_COL_N_RISK,  SURV_COL_N_EVENT,    SURV_COL_N_CENSOR,
      SURV_COL_SURV, SURV_COL_STD_ERR, SURV_COL_STD_ERR_LOG};
  size_t rows = 0, s, c;
  surv_result *r = surv__result_new(SURV__KIND_CURVE);
  double *strat = NULL;
  if (!r)
    return SURV_ENOMEM;
  for (s = 0; s < k; s++)
    rows += curves[s]->size;
  if (labels && !(strat = surv__result_column_new(r, SURV_COL_STRATUM, rows)))
    goto oom;
  for (c = 0; c < 7; c++) {
    double *col = surv__result_column_new(r, cols[c], rows);
    if (!col)
      goto oom;
    for (s = 0; s < k; s++) {
      const surv__km *km = curves[s];
      const double *src[7] = {km->time,       km->n_risk, km->n_event,
                              km->n_censor,   km->surv,   km->std_err,
                              km->std_err_log};
      if (km->size)
        memcpy(col, src[c], km->size * sizeof *col);
      if (strat && c == 0) {
        size_t i;
        for (i = 0; i < km->size; i++)
          strat[i] = labels[s];
        strat += km->size;
      }
      col += km->size;
    }
  }
  surv__result_set_stat(r, SURV_STAT_N, (double)n);
  surv__result_set_stat(r, SURV_STAT_N_STRATA, (double)k);
  *out = r;
  return SURV_OK;
oom:
  surv_result_free(r);
  return SURV_ENOMEM;
}

/* Checks of the members KM reads and refuses. */
static int km_check(const surv_data *d, unsigned flags) {
  size_t i;
  int rc;
  if (!d->time || !d->status)
    return SURV_ENULL;
  if (flags & ~SURV_NO_TIMEFIX)
    return SURV_EINVAL;
  if (d->time2 || d->cluster || d->x || d->p || d->offset ||
      (d->strata && d->group))
    return SURV_EINVAL;
  if (d->n == 0)
    return SURV_ESIZE;
  if (!d->entry && !d->strata && !d->group)
    return SURV_OK; /* surv__km_aggregate validates as it goes */
  for (i = 0; i < d->n; i++) {
    if ((rc = surv__check_subject(d->time, d->status, d->weight, i)) != 0)
      return rc;
    if (d->entry && (!(d->entry[i] >= 0.0) || !(d->entry[i] < d->time[i])))
      return SURV_ETIME;
  }
  return SURV_OK;
}

SURV_EXPORT int surv_km_fit(const surv_data *data, unsigned flags,
                            surv_result **out) {
  surv_data d;
  const int *lab;
  int *uniq = NULL, rc;
  size_t k = 1, s, *sidx = NULL;
  surv__km *one = NULL, **curves = &one;
  double *labels = NULL;
  if (!data || !out)
    return SURV_ENULL;
  if ((rc = surv__data_copy(data, &d)) != SURV_OK)
    return rc;
  if ((rc = km_check(&d, flags)) != SURV_OK)
    return rc;
  lab = d.strata ? d.strata : d.group;
  if (lab) {
    if (!(sidx = surv__malloc_array(d.n, sizeof *sidx)))
      return SURV_ENOMEM;
    if ((rc = surv__labels(lab, d.n, &uniq, &k, sidx)) != SURV_OK) {
      free(sidx);
      return rc;
    }
    curves = surv__calloc_array(k, sizeof *curves);
    labels = surv__malloc_array(k, sizeof *labels);
    if (!curves || !labels) {
      rc = SURV_ENOMEM;
      goto done;
    }
    for (s = 0; s < k; s++)
      labels[s] = uniq[s];
  }
  if (d.entry)
    rc = surv__km_fit_entry(&d, flags, sidx, k, curves);
  else if (lab)
    rc = km_strata(&d, flags, sidx, k, curves);
  else
    rc = km_plain(&d, flags, curves);
  if (rc == SURV_OK)
    rc = surv__km_result(curves, k, labels, d.n, out);
done:
  for (s = 0; s < k && curves; s++)
    free(curves[s]);
  if (curves != &one)
    free(curves);
  free(labels);
  free(uniq);
  free(sidx);
  return rc;
}
