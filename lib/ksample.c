/* The layout of the K-sample tests (log-rank family, Gray's test): group and
 * stratum labels indexed (surv__labels), subjects in time order with
 * near ties merged (surv__sort_times, lib/survtime.c), then bucketed by
 * stratum, stably. O(n). */
#include <stdlib.h>
#include <string.h>

#include "ksample.h"
#include "survtime.h"

void surv__ksample_free(surv__ksample *lay) {
  free(lay->label);
  free(lay->start);
  free(lay->src);
  free(lay->g);
  free(lay->time);
  memset(lay, 0, sizeof *lay);
}

int surv__ksample_make(const double *time, const int *group, const int *strata,
                       size_t n, int notimefix, surv__ksample *lay) {
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
  if ((rc = surv__labels(group, n, &lay->label, &lay->k, gidx)) != SURV_OK)
    goto done;
  if (lay->k < 2) {
    rc = SURV_EGROUP;
    goto done;
  }
  rc = SURV_ENOMEM;
  if (strata != NULL) {
    if ((sidx = surv__malloc_array(n, sizeof *sidx)) == NULL)
      goto done;
    if ((rc = surv__labels(strata, n, &slab, &lay->ns, sidx)) != SURV_OK)
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
  if ((rc = surv__sort_times(time, n, notimefix, order, ts)) != SURV_OK)
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
    surv__ksample_free(lay);
  free(gidx);
  free(sidx);
  free(order);
  free(ts);
  free(slab);
  return rc;
}
