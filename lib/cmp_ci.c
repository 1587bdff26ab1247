/* Pointwise confidence limits exactly as R survival 3.5-3 survfit_confint
 * (R/survfit.R), and the distinct-time count table (survival's survfitkm
 * counting pass) shared by Nelson-Aalen and the competing-risks fit.
 * Costs: O(1) per limit; O(n) for the table after an O(n) radix sort. */
#include <math.h>
#include <stdlib.h>

#include "cmp_internal.h"
#include "surv_internal.h"

/* R's pmax / pmin propagate NaN (C fmax/fmin would drop it). */
static double rmax(double a, double b) { return isnan(a) || a > b ? a : b; }
static double rmin(double a, double b) { return isnan(a) || a < b ? a : b; }

void surv__cmp_confint(double p, double se, int type, double z, double *lower,
                       double *upper) {
  double xx, se2;
  switch (type) {
  case SURV_CI_PLAIN:
    se2 = se * p * z;
    *lower = rmax(p - se2, 0);
    *upper = rmin(p + se2, 1);
    break;
  case SURV_CI_LOG:
    xx = p == 0 ? NAN : p;
    se2 = z * se;
    *lower = exp(log(xx) - se2);
    *upper = rmin(exp(log(xx) + se2), 1);
    break;
  case SURV_CI_LOGLOG:
    xx = p == 0 || p == 1 ? NAN : p;
    se2 = z * se / log(xx);
    *lower = exp(-exp(log(-log(xx)) - se2));
    *upper = exp(-exp(log(-log(xx)) + se2));
    break;
  case SURV_CI_LOGIT:
    xx = p == 0 ? NAN : p;
    se2 = z * se * (1 + xx / (1 - xx));
    *lower = 1 - 1 / (1 + exp(log(p / (1 - p)) - se2));
    *upper = 1 - 1 / (1 + exp(log(p / (1 - p)) + se2));
    break;
  default: /* SURV_CI_ARCSIN */
    xx = p == 0 ? NAN : p;
    se2 = 0.5 * z * se * sqrt(xx / (1 - xx));
    *lower = pow(sin(rmax(0, asin(sqrt(xx)) - se2)), 2);
    *upper = pow(sin(rmin(M_PI / 2, asin(sqrt(xx)) + se2)), 2);
    break;
  }
}

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
      surv__cmp_order(time, n, order) != SURV_OK) {
    free(order);
    free(ts);
    surv__cmp_counts_free(c);
    return SURV_ENOMEM;
  }
  for (i = 0; i < n; i++)
    ts[i] = time[order[i]];
  if (!notimefix)
    surv__cmp_timefix_sorted(ts, n, ts);
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
