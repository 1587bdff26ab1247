/* Kaplan-Meier estimator for left-truncated (delayed-entry) data, counting-
 * process form Surv(entry, time, status), matching R survival 3.5-3
 * survfit(Surv(start, stop, event) ~ strata, weights=, timefix=) without
 * `id` (R/survfitKM.R, src/survfitkm.c); surv_km_fit (lib/km.c) calls it
 * when data->entry is set.
 *
 * Risk set: subject i is at risk at t iff entry_i < t <= time_i (an entry at
 * exactly t joins just after t). Rows: one per distinct stop time (events
 * and censor-only). With weighted sums
 *   n_j = sum w_i [time_i >= t_j] - sum w_i [entry_i >= t_j],
 *   d_j = events at t_j, c_j = every row ending at t_j with status 0,
 * the product-limit and Greenwood formulas are those of lib/km.c:
 *   S(t_j) = prod (n_k - d_k)/n_k                    (Kaplan & Meier 1958)
 *   se(log S) = sqrt(sum d_k / (n_k (n_k - d_k)))     (Greenwood 1926)
 *   se(S) = S * se(log S).
 * If n_j == d_j, S becomes 0 and stays 0 even when later subjects enter;
 * se(log S) is Inf and se(S) NaN from there on, as R.
 *
 * Near ties (R timefix = TRUE, R/aeqSurv.R; surv__timefix_counting of
 * lib/survtime.c): entry and stop times are pooled,
 * their sorted distinct values merged into chains with a gap g <= tol or
 * g / mean|y| <= tol (tol = sqrt(DBL_EPSILON)); every time becomes the first
 * value of its chain. An interval that collapses (entry == time after the
 * merge) is SURV_ETIME, where R stops with "aeqSurv exception". The merge
 * pools all strata, as R's aeqSurv sees the whole Surv object; each stratum
 * is then a curve of its own rows.
 *
 * Cost: O(n log n) (sorting the 2n pooled times, the n stops and the n
 * entries), then O(n) for the sweep. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "km_internal.h"
#include "survtime.h"

/* One stop (or entry) row for sorting: time, weight, status. */
typedef struct {
  double t, w;
  int s;
} lt_row;

static int cmp_row(const void *a, const void *b) {
  double x = ((const lt_row *)a)->t, y = ((const lt_row *)b)->t;
  return (x > y) - (x < y);
}

/* Rows, counts, S and Greenwood from the sorted stops and entries. */
static surv__km *lt_curve(const lt_row *stops, const lt_row *ents, size_t n) {
  size_t i, k = 0, r, p;
  double nrisk = 0.0;
  surv__km *out;
  for (i = 0; i < n; i++)
    if (i == 0 || stops[i].t != stops[i - 1].t)
      k++;
  out = surv__km_alloc(k);
  if (!out)
    return NULL;
  for (i = 0, r = 0; i < n; i++) {
    if (i > 0 && stops[i].t != stops[i - 1].t)
      r++;
    if (i == 0 || stops[i].t != stops[i - 1].t) {
      out->time[r] = stops[i].t;
      out->n_event[r] = 0.0;
      out->n_censor[r] = 0.0;
    }
    if (stops[i].s)
      out->n_event[r] += stops[i].w;
    else
      out->n_censor[r] += stops[i].w;
  }
  /* from the last time down: add stops >= t, remove entries >= t */
  i = n;
  p = n;
  for (r = k; r-- > 0;) {
    double t = out->time[r];
    while (i > 0 && stops[i - 1].t >= t)
      nrisk += stops[--i].w;
    while (p > 0 && ents[p - 1].t >= t)
      nrisk -= ents[--p].w;
    out->n_risk[r] = nrisk;
  }
  surv__km_estimate(out);
  return out;
}

int surv__km_fit_entry(const surv_data *d, unsigned flags, const size_t *sidx,
                       size_t k, surv__km **curves) {
  const double *entry = d->entry, *time = d->time, *weight = d->weight;
  size_t n = d->n, i, s, *start;
  lt_row *rows, *stops, *ents;
  int rc = SURV_OK;
  rows = surv__malloc_array(n, 4 * sizeof(lt_row));
  start = surv__calloc_array(k + 1, sizeof *start);
  if (!rows || !start) {
    free(rows);
    free(start);
    return SURV_ENOMEM;
  }
  stops = rows;
  ents = rows + n;
  for (i = 0; i < n; i++) {
    double w = weight ? weight[i] : 1.0;
    stops[i].t = time[i];
    stops[i].w = w;
    stops[i].s = d->status[i];
    ents[i].t = entry[i];
    ents[i].w = w;
    ents[i].s = 0;
  }
  if (!(flags & SURV_NO_TIMEFIX)) {
    double *fixed = surv__malloc_array(n, 2 * sizeof(double));
    rc = fixed ? surv__timefix_counting(entry, time, n, fixed, fixed + n)
               : SURV_ENOMEM;
    for (i = 0; rc == SURV_OK && i < n; i++) {
      ents[i].t = fixed[i];
      stops[i].t = fixed[n + i];
    }
    free(fixed);
  }
  /* rows of stratum s at [start[s], start[s + 1]) of the second half, in
   * subject order (one stratum: the rows as they are) */
  if (rc == SURV_OK && sidx) {
    lt_row *ss = rows + 2 * n, *es = rows + 3 * n;
    for (i = 0; i < n; i++)
      start[sidx[i] + 1]++;
    for (s = 0; s < k; s++)
      start[s + 1] += start[s];
    for (i = 0; i < n; i++) {
      size_t j = start[sidx[i]]++;
      ss[j] = stops[i];
      es[j] = ents[i];
    }
    for (s = k; s > 0; s--)
      start[s] = start[s - 1];
    start[0] = 0;
    stops = ss;
    ents = es;
  } else {
    start[1] = n;
  }
  for (s = 0; rc == SURV_OK && s < k; s++) {
    size_t a = start[s], m = start[s + 1] - a;
    qsort(stops + a, m, sizeof(lt_row), cmp_row);
    qsort(ents + a, m, sizeof(lt_row), cmp_row);
    if ((curves[s] = lt_curve(stops + a, ents + a, m)) == NULL)
      rc = SURV_ENOMEM;
  }
  free(rows);
  free(start);
  return rc;
}
