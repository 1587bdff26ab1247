/* Competing risks from one start state: the Aalen-Johansen estimate with
 * infinitesimal jackknife (IJ) standard errors, matching R survival 3.5
 * survfit(Surv(time, factor(status)) ~ 1) (R/survfitCI.R), and Gray's
 * K-sample test of cumulative incidence, matching cmprsk 2.2 cuminc()$Tests
 * (Gray 1988; cmprsk src/crstm.f).
 *
 * Aalen-Johansen: at each distinct time with n at risk, d_k events of cause k
 * and d = sum d_k, h = d / n and S- = S(t-) (the all-cause Kaplan-Meier):
 *   F_k += S- d_k / n,   S = S- (1 - h).
 * IJ influence per subject i (Y_i at risk, dN_ik its event of cause k), all
 * updated from the values before t:
 *   U_ik += U_i0 d_k / n + S- (dN_ik - Y_i d_k / n) / n,
 *   U_i0  = U_i0 (1 - h) + S- (Y_i h - dN_i) / n,
 * se(F_k) = sqrt(sum_i U_ik^2), se(S) = sqrt(sum_i U_i0^2). The result is
 * a curve with SURV_COL_PSTATE and SURV_COL_STD_ERR_PSTATE holding rows x
 * (K + 1) states, state-major (state 0 event-free, k the incidence of cause
 * k); surv_curve_ci gives survfit_confint with logse = FALSE for every
 * state, in the same layout (lib/curve.c). Near-tied times are merged first (R
 * timefix). Cost O(n K D) for D event times, K causes; memory O(n K).
 *
 * Gray's test, per stratum, at each distinct time (groups j with risk set
 * r_j, left-continuous group KM S_j- and cumulative incidence F_j-, pooled
 * subdistribution estimate F-): with R = sum_j r_j / S_j- and weight
 * (1 - F-)^rho, the score of group j adds w (d_1j - d_1 r_j (1 - F_j-) /
 * (S_j- sum_l r_l (1 - F_l-) / S_l-)); the martingale variance follows
 * cmprsk's recursion over the cause-of-interest and competing events. The
 * statistic s' V^-1 s on the first K - 1 groups is chi-square on K - 1 df.
 * Exact times (cmprsk does not merge near ties). Cost O(n log n + D K^2). */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "counts_internal.h"
#include "survtime.h"

/* The columns of the result being built. */
typedef struct cif_cols {
  size_t m, k; /* rows, causes */
  double *time, *n_risk, *n_event, *n_censor;
  double *p;  /* (k + 1) x m: state s at row j is p[s * m + j] */
  double *se; /* same layout */
} cif_cols;

/* One event time: units [a, b) of the sorted units hold the events; nr at
 * risk. Updates the influence arrays u (state s of unit i at u[s * nu +
 * i]); d[1..K] are the cause counts. A unit stands for mult[i] subjects of
 * the same time and status (NULL: one each), whose influences are equal. */
static void ij_step(double *u, const int *st, size_t nu, size_t K, size_t a,
                    size_t b, const double *d, double dtot, double nr,
                    double sm) {
  double h = dtot / nr;
  size_t i, k;
  for (i = 0; i < nu; i++) {
    double u0 = u[i], y = i >= a ? 1 : 0;
    int in = i >= a && i < b ? st[i] : 0; /* its cause at t, 0 if none */
    for (k = 1; k <= K; k++)
      u[k * nu + i] +=
          u0 * d[k] / nr + sm * ((in == (int)k ? 1 : 0) - y * d[k] / nr) / nr;
    u[i] = u0 * (1 - h) + sm * (y * h - (in > 0 ? 1 : 0)) / nr;
  }
}

int surv__cif_units(const double *ts, const int *st, const double *mult,
                    size_t nu, size_t K, surv_result **out) {
  surv_result *res = NULL;
  cif_cols rr, *r = &rr;
  size_t i, j, m = 0, k, a;
  double *u = NULL, *d = NULL, s = 1, *f = NULL, n = 0, before = 0;
  int rc = SURV_ENOMEM;
  for (i = 0; i < nu; i++) {
    n += mult ? mult[i] : 1;
    m += i == 0 || ts[i] != ts[i - 1];
  }
  d = surv__malloc_array(K + 1, sizeof *d);
  f = surv__calloc_array(K + 1, sizeof *f);
  u = K + 1 <= SIZE_MAX / nu ? surv__calloc_array((K + 1) * nu, sizeof *u)
                             : NULL;
  res = surv__result_new(SURV__KIND_CURVE);
  if (d == NULL || f == NULL || u == NULL || res == NULL)
    goto done;
  r->m = m;
  r->k = K;
  r->time = surv__result_column_new(res, SURV_COL_TIME, m);
  r->n_risk = surv__result_column_new(res, SURV_COL_N_RISK, m);
  r->n_event = surv__result_column_new(res, SURV_COL_N_EVENT, m);
  r->n_censor = surv__result_column_new(res, SURV_COL_N_CENSOR, m);
  r->p = K + 1 <= SIZE_MAX / m
             ? surv__result_column_new(res, SURV_COL_PSTATE, (K + 1) * m)
             : NULL;
  r->se =
      r->p ? surv__result_column_new(res, SURV_COL_STD_ERR_PSTATE, (K + 1) * m)
           : NULL;
  if (r->time == NULL || r->n_risk == NULL || r->n_event == NULL ||
      r->n_censor == NULL || r->p == NULL || r->se == NULL)
    goto done;
  for (a = 0, j = 0; a < nu; j++) {
    size_t b = a;
    double dtot = 0, cens = 0, here = 0, nr = n - before;
    for (k = 0; k <= K; k++)
      d[k] = 0;
    while (b < nu && ts[b] == ts[a]) {
      double w = mult ? mult[b] : 1;
      d[st[b]] += w;
      here += w;
      b++;
    }
    cens = d[0];
    dtot = here - cens;
    r->time[j] = ts[a];
    r->n_risk[j] = nr;
    r->n_event[j] = dtot;
    r->n_censor[j] = cens;
    if (dtot > 0) {
      double sm = s;
      ij_step(u, st, nu, K, a, b, d, dtot, nr, sm);
      for (k = 1; k <= K; k++)
        f[k] += sm * d[k] / nr;
      s = sm * (1 - dtot / nr);
      for (k = 0; k <= K; k++) {
        double ss = 0, e;
        for (i = 0; i < nu; i++) { /* subject by subject, in time order */
          double sq = u[k * nu + i] * u[k * nu + i];
          if (!mult)
            ss += sq;
          else
            for (e = 0; e < mult[i]; e++)
              ss += sq;
        }
        r->se[k * m + j] = sqrt(ss);
      }
    } else
      for (k = 0; k <= K; k++)
        r->se[k * m + j] = j > 0 ? r->se[k * m + j - 1] : 0;
    r->p[j] = s;
    for (k = 1; k <= K; k++)
      r->p[k * m + j] = f[k];
    before += here;
    a = b;
  }
  surv__result_set_stat(res, SURV_STAT_N, n);
  surv__result_set_stat(res, SURV_STAT_N_STATES, (double)(K + 1));
  surv__result_set_stat(res, SURV_STAT_N_STRATA, 1);
  *out = res;
  res = NULL;
  rc = SURV_OK;
done:
  surv_result_free(res);
  free(d);
  free(f);
  free(u);
  return rc;
}

SURV_EXPORT int surv_cif_fit(const surv_data *data, unsigned flags,
                             surv_result **out) {
  surv_data dd;
  const double *time;
  const int *status;
  size_t *order = NULL, i, a, K = 0, n, *cnt = NULL;
  double *ts = NULL;
  int *st = NULL, *tmp = NULL, rc;
  if (data == NULL || out == NULL)
    return SURV_ENULL;
  if ((rc = surv__data_copy(data, &dd)) != SURV_OK)
    return rc;
  time = dd.time;
  status = dd.status;
  n = dd.n;
  if (time == NULL || status == NULL)
    return SURV_ENULL;
  if (dd.entry || dd.time2 || dd.weight || dd.group || dd.strata ||
      dd.cluster || dd.x || dd.p || dd.offset)
    return SURV_EINVAL;
  if (n == 0)
    return SURV_ESIZE;
  if ((flags & ~SURV_NO_TIMEFIX) != 0)
    return SURV_EINVAL;
  if ((rc = surv__check_times(time, NULL, n)) != SURV_OK)
    return rc;
  for (i = 0; i < n; i++) {
    if (status[i] < 0)
      return SURV_ESTATUS;
    if ((size_t)status[i] > K)
      K = (size_t)status[i];
  }
  rc = SURV_ENOMEM;
  order = surv__malloc_array(n, sizeof *order);
  ts = surv__malloc_array(n, sizeof *ts);
  st = surv__malloc_array(n, sizeof *st);
  tmp = surv__malloc_array(n, sizeof *tmp);
  cnt = surv__malloc_array(K + 1, sizeof *cnt);
  if (order == NULL || ts == NULL || st == NULL || tmp == NULL || cnt == NULL)
    goto done;
  if (surv__sort_times(time, n, (flags & SURV_NO_TIMEFIX) != 0, order, ts) !=
      SURV_OK)
    goto done;
  for (i = 0; i < n; i++)
    tmp[i] = status[order[i]];
  /* within a (merged) time, by status (a counting sort): the subjects'
   * order no longer depends on the order of the rows, so that a count table
   * (lib/counts.c) gives the same sums */
  for (a = 0; a < n;) {
    size_t b = a, k, c;
    while (b < n && ts[b] == ts[a])
      b++;
    for (k = 0; k <= K; k++)
      cnt[k] = 0;
    for (i = a; i < b; i++)
      cnt[tmp[i]]++;
    for (k = 0, i = a; k <= K; k++)
      for (c = 0; c < cnt[k]; c++)
        st[i++] = (int)k;
    a = b;
  }
  rc = surv__cif_units(ts, st, NULL, n, K, out);
done:
  free(order);
  free(ts);
  free(st);
  free(tmp);
  free(cnt);
  return rc;
}
