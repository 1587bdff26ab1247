/* The distinct-time count table (survival's survfitkm counting pass) shared
 * by Nelson-Aalen and the competing-risks fit (their confidence limits use
 * surv__ci_row of lib/km_ci.c). Cost O(n) after an O(n) radix sort. */
#include <math.h>
#include <stdlib.h>

#include "cmp_internal.h"
#include "surv_internal.h"

void surv__cmp_counts_free(surv__cmp_counts *c) {
  free(c->time);
  free(c->n_risk);
  free(c->n_event);
  free(c->n_censor);
  free(c->d0);
  c->time = c->n_risk = c->n_event = c->n_censor = c->d0 = NULL;
  c->m = 0;
}

int surv__cmp_counts_make(const double *time, const int *status,
                          const double *weight, size_t n, int notimefix,
                          surv__cmp_counts *c) {
  size_t *order = surv__malloc_array(n, sizeof *order), i, m = 0, k;
  double *ts = surv__malloc_array(n, sizeof *ts), risk = 0;
  c->time = surv__malloc_array(n, sizeof *c->time);
  c->n_risk = surv__malloc_array(n, sizeof *c->n_risk);
  c->n_event = surv__malloc_array(n, sizeof *c->n_event);
  c->n_censor = surv__malloc_array(n, sizeof *c->n_censor);
  c->d0 = surv__malloc_array(n, sizeof *c->d0);
  if (order == NULL || ts == NULL || c->time == NULL || c->n_risk == NULL ||
      c->n_event == NULL || c->n_censor == NULL || c->d0 == NULL ||
      surv__cmp_sort_times(time, n, notimefix, order, ts) != SURV_OK) {
    free(order);
    free(ts);
    surv__cmp_counts_free(c);
    return SURV_ENOMEM;
  }
  for (i = 0; i < n; i++)
    if (i == 0 || ts[i] != ts[i - 1])
      c->time[m++] = ts[i];
  /* backward pass: weighted risk set (time >= t) as survfitkm */
  k = m;
  for (i = n; i-- > 0;) {
    size_t o = order[i];
    double w = weight ? weight[o] : 1;
    if (i == n - 1 || ts[i] != ts[i + 1]) {
      k--;
      c->n_event[k] = c->n_censor[k] = c->d0[k] = 0;
    }
    risk += w;
    if (status[o] == 1) {
      c->n_event[k] += w;
      c->d0[k] += 1;
    } else
      c->n_censor[k] += w;
    c->n_risk[k] = risk;
  }
  c->m = m;
  free(order);
  free(ts);
  return SURV_OK;
}
