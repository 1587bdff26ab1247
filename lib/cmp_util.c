/* Shared helpers of the comparison modules (log-rank, Nelson-Aalen, competing
 * risks, RMST): validation, sorted and near-tie merged times (the radix order
 * of lib/km_agg.c and R's aeqSurv of lib/km.c), group label indexing, and a
 * chi-square upper tail that establishes GSL's preconditions first. */
#include <float.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "cmp_internal.h"
#include "surv_internal.h"

int surv__cmp_check_times(const double *time, const int *status, size_t n) {
  size_t i;
  for (i = 0; i < n; i++)
    if (!isfinite(time[i]) || time[i] < 0)
      return SURV_ETIME;
  if (status != NULL)
    for (i = 0; i < n; i++)
      if (status[i] != 0 && status[i] != 1)
        return SURV_ESTATUS;
  return SURV_OK;
}

int surv__cmp_check_weights(const double *weight, size_t n) {
  size_t i;
  if (weight == NULL)
    return SURV_OK;
  for (i = 0; i < n; i++)
    if (!isfinite(weight[i]) || weight[i] < 0)
      return SURV_EWEIGHT;
  return SURV_OK;
}

int surv__cmp_sort_times(const double *time, size_t n, int notimefix,
                         size_t *order, double *ts) {
  size_t i;
  if (surv__time_order(time, n, order) != SURV_OK)
    return SURV_ENOMEM;
  for (i = 0; i < n; i++)
    ts[i] = time[order[i]];
  if (!notimefix)
    surv__timefix_sorted(ts, n, ts);
  return SURV_OK;
}

static int cmp_int(const void *a, const void *b) {
  int x = *(const int *)a, y = *(const int *)b;
  return (x > y) - (x < y);
}

int surv__cmp_labels(const int *lab, size_t n, int **uniq, size_t *k,
                     size_t *index) {
  int lo = lab[0], hi = lab[0], *u;
  size_t i, m = 0;
  for (i = 1; i < n; i++) {
    if (lab[i] < lo)
      lo = lab[i];
    if (lab[i] > hi)
      hi = lab[i];
  }
  if ((uint64_t)((int64_t)hi - lo) < (uint64_t)4 * n + 1024) {
    size_t range = (size_t)((int64_t)hi - lo) + 1;
    size_t *slot = surv__malloc_array(range, sizeof *slot);
    if (slot == NULL)
      return SURV_ENOMEM;
    for (i = 0; i < range; i++)
      slot[i] = SIZE_MAX;
    for (i = 0; i < n; i++)
      slot[(size_t)((int64_t)lab[i] - lo)] = 0;
    for (i = 0; i < range; i++)
      if (slot[i] == 0)
        slot[i] = m++ + 1; /* 1-based while counting */
    u = surv__malloc_array(m, sizeof *u);
    if (u == NULL) {
      free(slot);
      return SURV_ENOMEM;
    }
    for (i = 0; i < range; i++)
      if (slot[i] != SIZE_MAX)
        u[slot[i] - 1] = (int)((int64_t)lo + (int64_t)i);
    for (i = 0; i < n; i++)
      index[i] = slot[(size_t)((int64_t)lab[i] - lo)] - 1;
    free(slot);
  } else {
    u = surv__malloc_array(n, sizeof *u);
    if (u == NULL)
      return SURV_ENOMEM;
    memcpy(u, lab, n * sizeof *u);
    qsort(u, n, sizeof *u, cmp_int);
    for (i = 0; i < n; i++)
      if (i == 0 || u[i] != u[m - 1])
        u[m++] = u[i];
    for (i = 0; i < n; i++) {
      size_t a = 0, b = m; /* u[a] <= lab[i] < u[b] */
      while (b - a > 1) {
        size_t mid = a + (b - a) / 2;
        if (u[mid] <= lab[i])
          a = mid;
        else
          b = mid;
      }
      index[i] = a;
    }
  }
  *uniq = u;
  *k = m;
  return SURV_OK;
}

/* LDL' decomposition with tolerance (survival src/cholesky2.c): a pivot below
 * toler * max|diag| is set to 0 with its column, giving a generalised inverse
 * for singular matrices. m is n x n row-major, lower triangle used. */
int surv__cmp_cholesky2(double *m, size_t n, double toler) {
  double eps = 0, pivot, temp;
  size_t i, j, k;
  int rank = 0;
  for (i = 0; i < n; i++) {
    if (fabs(m[i * n + i]) > eps)
      eps = fabs(m[i * n + i]);
    for (j = i + 1; j < n; j++)
      m[j * n + i] = m[i * n + j];
  }
  eps *= toler;
  for (i = 0; i < n; i++) {
    pivot = m[i * n + i];
    if (!(pivot > eps)) {
      m[i * n + i] = 0;
      for (j = i + 1; j < n; j++)
        m[j * n + i] = 0;
      continue;
    }
    rank++;
    for (j = i + 1; j < n; j++) {
      temp = m[j * n + i] / pivot;
      m[j * n + i] = temp;
      m[j * n + j] -= temp * temp * pivot;
      for (k = j + 1; k < n; k++)
        m[k * n + j] -= temp * m[k * n + i];
    }
  }
  return rank;
}

/* Solve with the factor of cholesky2 (survival src/chsolve2.c). */
void surv__cmp_chsolve2(const double *m, size_t n, double *y) {
  size_t i, j;
  for (i = 0; i < n; i++)
    for (j = 0; j < i; j++)
      y[i] -= y[j] * m[i * n + j];
  for (i = n; i-- > 0;) {
    if (m[i * n + i] == 0)
      y[i] = 0;
    else {
      y[i] /= m[i * n + i];
      for (j = i + 1; j < n; j++)
        y[i] -= y[j] * m[j * n + i];
    }
  }
}

void surv__cmp_layout_free(surv__cmp_layout *lay) {
  free(lay->label);
  free(lay->start);
  free(lay->src);
  free(lay->g);
  free(lay->time);
  memset(lay, 0, sizeof *lay);
}

int surv__cmp_layout_make(const double *time, const int *group,
                          const int *strata, size_t n, int notimefix,
                          surv__cmp_layout *lay) {
  size_t *gidx = NULL, *sidx = NULL, *order = NULL, i, s;
  double *ts = NULL;
  int *slab = NULL, rc = SURV_ENOMEM;
  memset(lay, 0, sizeof *lay);
  lay->ns = 1;
  gidx = surv__malloc_array(n, sizeof *gidx);
  order = surv__malloc_array(n, sizeof *order);
  ts = surv__malloc_array(n, sizeof *ts);
  if (gidx == NULL || order == NULL || ts == NULL)
    goto done;
  if ((rc = surv__cmp_labels(group, n, &lay->label, &lay->k, gidx)) != SURV_OK)
    goto done;
  if (lay->k < 2) {
    rc = SURV_EGROUP;
    goto done;
  }
  rc = SURV_ENOMEM;
  if (strata != NULL) {
    if ((sidx = surv__malloc_array(n, sizeof *sidx)) == NULL)
      goto done;
    if ((rc = surv__cmp_labels(strata, n, &slab, &lay->ns, sidx)) != SURV_OK)
      goto done;
    rc = SURV_ENOMEM;
  }
  lay->start = surv__calloc_array(lay->ns + 1, sizeof *lay->start);
  lay->src = surv__malloc_array(n, sizeof *lay->src);
  lay->g = surv__malloc_array(n, sizeof *lay->g);
  lay->time = surv__malloc_array(n, sizeof *lay->time);
  if (lay->start == NULL || lay->src == NULL || lay->g == NULL ||
      lay->time == NULL)
    goto done;
  /* sort by time, merge near ties, then a stable bucket pass by stratum */
  if ((rc = surv__cmp_sort_times(time, n, notimefix, order, ts)) != SURV_OK)
    goto done;
  for (i = 0; i < n; i++)
    lay->start[(sidx ? sidx[i] : 0) + 1]++;
  for (s = 0; s < lay->ns; s++)
    lay->start[s + 1] += lay->start[s];
  for (i = 0; i < n; i++) { /* start[s] runs to the end of stratum s */
    size_t o = order[i], p = lay->start[sidx ? sidx[o] : 0]++;
    lay->time[p] = ts[i];
    lay->src[p] = o;
    lay->g[p] = gidx[o];
  }
  for (s = lay->ns; s > 0; s--) /* back to the stratum starts */
    lay->start[s] = lay->start[s - 1];
  lay->start[0] = 0;
  rc = SURV_OK;
done:
  if (rc != SURV_OK)
    surv__cmp_layout_free(lay);
  free(gidx);
  free(sidx);
  free(order);
  free(ts);
  free(slab);
  return rc;
}
