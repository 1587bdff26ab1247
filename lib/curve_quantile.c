/* Quantiles of a survival curve with confidence limits, exactly as R
 * survival 3.5-3 quantile.survfit() (R/quantile.survfit.R, its helpers
 * doquant() and findq()).
 *
 * For a curve y = 1 - S (or y = 1 - lower band, y = 1 - upper band for the
 * limits), with the point (0, y = 0) prepended and tol = sqrt(DBL_EPSILON):
 *  1. if max(y) < min(p) over the whole request, every quantile is NA;
 *  2. drop points whose y equals an earlier y (R duplicated(): NA equals NA,
 *     NaN equals NaN, NA differs from NaN); this removes censor-only rows;
 *  3. i1 = the point with the smallest y + tol >= p, i2 = the one with the
 *     smallest y - tol >= p (R approx(method = "constant", f = 1), which
 *     ignores NA points and returns NA outside [min, max]; equal abscissae are
 *     averaged, and a fractional index truncates);
 *  4. q = (t[i1] + t[i2]) / 2: the first time S <= 1 - p, or the midpoint of
 *     a flat stretch where S = 1 - p within tol;
 *  5. if the last kept y is within tol of p (the curve ends at 1 - p),
 *     q = (t[i1] + last time of the curve) / 2.
 * Midpoints are taken without overflow (R gives Inf when the two times sum
 * beyond DBL_MAX).
 * The lower limit of q comes from the lower band, the upper from the upper
 * band (survfit_confint(), see lib/survtime.c). NA is returned as NaN.
 * Cost: O(k) for a curve of k rows (O(k log k) when a band is not monotone)
 * plus O(log k) a probability, per stratum. A stratified curve gives m
 * quantiles per stratum, stratum-major (R quantile() of a stratified fit
 * gives the same numbers as a strata x probs matrix). */
#include <float.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "curve_internal.h"
#include "survtime.h"

enum { TAG_NUM = 0, TAG_NA = 1, TAG_NAN = 2 };

/* (a + b)/2 as R computes it, except that a sum beyond DBL_MAX (R: Inf, e.g.
 * a one-subject curve with its event at DBL_MAX) is halved first: the
 * midpoint of two finite times is finite. Found by fuzz_km
 * (tests/fuzz/regressions/km/quantile-midpoint-overflow). */
static double midpoint(double a, double b) {
  double m = (a + b) / 2;
  return isinf(m) ? a / 2 + b / 2 : m;
}

/* Working arrays for one findq() call over k curve rows (k + 1 points). */
typedef struct qwork {
  double *x, *y;        /* kept points after duplicated() */
  unsigned char *tag;   /* TAG_* of the kept points */
  unsigned char *first; /* rows 0..k: first of its value (non-monotone) */
  size_t *pos;          /* kept numeric points sorted by y: 1-based position */
  double *v1, *v2;      /* y + tol, y - tol in that order */
} qwork;

typedef struct sort_item {
  double y;
  size_t i;
} sort_item;

static int cmp_item(const void *a, const void *b) {
  const sort_item *u = a, *w = b;
  if (u->y != w->y)
    return u->y < w->y ? -1 : 1;
  return u->i < w->i ? -1 : (u->i > w->i);
}

/* R approx(v, pos, p, method = "constant", f = 1) on v sorted increasingly
 * (nv points): 0 for NA, else the (truncated) 1-based position. */
static size_t approx_index(const double *v, const size_t *pos, size_t nv,
                           double p) {
  size_t lo = 0, hi = nv, j;
  double sum = 0.0, cnt = 0.0;
  if (nv == 0 || p < v[0] || p > v[nv - 1])
    return 0;
  while (lo < hi) { /* first v >= p */
    size_t mid = lo + (hi - lo) / 2;
    if (v[mid] < p)
      lo = mid + 1;
    else
      hi = mid;
  }
  for (j = lo; j < nv && v[j] == v[lo]; j++) { /* ties = mean */
    sum += (double)pos[j];
    cnt += 1.0;
  }
  return (size_t)(sum / cnt);
}

/* findq over the points (0, 0), (time[r], yr[r]) r < k, with tags (NULL =
 * all numbers). Writes m results to q. sorted_scratch has k + 1 items. */
static void findq(const double *time, const double *yr,
                  const unsigned char *tagr, size_t k, const double *p,
                  size_t m, double minp, qwork *w, sort_item *items,
                  double *q) {
  const double tol = sqrt(DBL_EPSILON);
  double ymax = 0.0, last_num = 0.0;
  size_t r, i, n = 0, nv = 0;
  int seen_na = 0, seen_nan = 0, monotone = 1;
  for (r = 0; r < k; r++) {
    if (tagr && isnan(yr[r]))
      continue;
    if (yr[r] > ymax)
      ymax = yr[r];
    if (yr[r] < last_num)
      monotone = 0;
    last_num = yr[r];
  }
  if (ymax < minp) {
    for (i = 0; i < m; i++)
      q[i] = NAN;
    return;
  }
  /* duplicated(): keep the first of each value. A monotone curve repeats
   * only its previous number; otherwise sort (y, row) to mark first rows. */
  if (!monotone) {
    size_t ni = 0;
    items[ni].y = 0.0;
    items[ni++].i = 0; /* the prepended point, row "0" */
    for (r = 0; r < k; r++)
      if (!isnan(yr[r])) {
        items[ni].y = yr[r];
        items[ni++].i = r + 1;
      }
    qsort(items, ni, sizeof *items, cmp_item);
    memset(w->first, 0, k + 1);
    for (i = 0; i < ni; i++)
      if (i == 0 || items[i].y != items[i - 1].y)
        w->first[items[i].i] = 1;
  }
  w->x[0] = 0.0;
  w->y[0] = 0.0;
  w->tag[0] = TAG_NUM;
  n = 1;
  last_num = 0.0;
  for (r = 0; r < k; r++) {
    unsigned char t = TAG_NUM;
    if (tagr && isnan(yr[r])) {
      t = tagr[r];
      if (t == TAG_NA ? seen_na : seen_nan)
        continue;
      if (t == TAG_NA)
        seen_na = 1;
      else
        seen_nan = 1;
    } else if (monotone ? yr[r] == last_num : !w->first[r + 1]) {
      continue;
    }
    last_num = yr[r];
    w->x[n] = time[r];
    w->y[n] = yr[r];
    w->tag[n++] = t;
  }
  /* approx() abscissae: numeric kept points ordered by y (stable) */
  if (monotone) {
    for (i = 0; i < n; i++)
      if (w->tag[i] == TAG_NUM) {
        w->pos[nv] = i + 1;
        w->v1[nv] = w->y[i] + tol;
        w->v2[nv++] = w->y[i] - tol;
      }
  } else {
    for (i = 0; i < n; i++)
      if (w->tag[i] == TAG_NUM) {
        items[nv].y = w->y[i];
        items[nv++].i = i + 1;
      }
    qsort(items, nv, sizeof *items, cmp_item);
    for (i = 0; i < nv; i++) {
      w->pos[i] = items[i].i;
      w->v1[i] = items[i].y + tol;
      w->v2[i] = items[i].y - tol;
    }
  }
  for (i = 0; i < m; i++) {
    size_t i1 = approx_index(w->v1, w->pos, nv, p[i]);
    size_t i2 = approx_index(w->v2, w->pos, nv, p[i]);
    double quant = (i1 && i2) ? midpoint(w->x[i1 - 1], w->x[i2 - 1]) : NAN;
    if (w->tag[n - 1] == TAG_NUM && fabs(p[i] - w->y[n - 1]) < tol)
      quant = i1 ? midpoint(w->x[i1 - 1], time[k - 1]) : NAN;
    q[i] = quant;
  }
}

/* y = 1 - band, tagged NA or NaN as R would have them. */
static void band_y(const surv__strat *km, surv_ci_type type, const double *band,
                   double *yr, unsigned char *tag) {
  size_t i;
  for (i = 0; i < km->size; i++) {
    yr[i] = 1 - band[i];
    tag[i] = !isnan(band[i])                     ? TAG_NUM
             : surv__ci_is_na(type, km->surv[i]) ? TAG_NA
                                                 : TAG_NAN;
  }
}

static int km_quantile(const surv__strat *km, const double *p, size_t m,
                       surv_ci_type type, double level, double *est,
                       double *lower, double *upper) {
  size_t i, k, big;
  double minp = 1.0, z, *block, *yr, *lo, *hi, *qe, *ql, *qu;
  unsigned char *tagr;
  sort_item *items;
  qwork w;
  for (i = 0; i < m; i++)
    if (p[i] < minp)
      minp = p[i];
  k = km->size;
  /* doubles: yr, lo, hi (k each), x, y, v1, v2 (k + 1 each), 3 m results;
   * then pos (k + 1 size_t), items (k + 1), tags (3 (k + 1) bytes) */
  if (k > SIZE_MAX / 64 - 4 || m > SIZE_MAX / 64)
    return SURV_ENOMEM;
  big = 3 * k + 4 * (k + 1) + 3 * m;
  block = surv__malloc_array(
      big +
          (k + 1) * (sizeof(size_t) + sizeof(sort_item) + 3) / sizeof(double) +
          4,
      sizeof(double));
  if (!block)
    return SURV_ENOMEM;
  yr = block;
  lo = yr + k;
  hi = lo + k;
  w.x = hi + k;
  w.y = w.x + k + 1;
  w.v1 = w.y + k + 1;
  w.v2 = w.v1 + k + 1;
  qe = w.v2 + k + 1;
  ql = qe + m;
  qu = ql + m;
  w.pos = (size_t *)(void *)(qu + m);
  items = (sort_item *)(void *)(w.pos + k + 1);
  w.tag = (unsigned char *)(items + k + 1);
  w.first = w.tag + k + 1;
  tagr = w.first + k + 1;

  for (i = 0; i < k; i++)
    yr[i] = 1 - km->surv[i];
  findq(km->time, yr, NULL, k, p, m, minp, &w, items, qe);
  if (lower || upper) {
    z = surv__z_two_sided(level);
    for (i = 0; i < k; i++)
      surv__ci_row(type, z, km->surv[i], km->std_err_log[i], &lo[i], &hi[i]);
    band_y(km, type, lo, yr, tagr);
    findq(km->time, yr, tagr, k, p, m, minp, &w, items, ql);
    band_y(km, type, hi, yr, tagr);
    findq(km->time, yr, tagr, k, p, m, minp, &w, items, qu);
  }
  for (i = 0; i < m; i++) {
    if (est)
      est[i] = qe[i];
    if (lower)
      lower[i] = ql[i];
    if (upper)
      upper[i] = qu[i];
  }
  free(block);
  return SURV_OK;
}

SURV_EXPORT int surv_curve_quantile(const surv_result *curve, const double *p,
                                    size_t m, surv_ci_type type, double level,
                                    double *est, double *lower, double *upper,
                                    size_t len) {
  size_t i, k;
  surv__strat *st;
  double *q;
  int rc;
  if (!curve || !p)
    return SURV_ENULL;
  if ((rc = surv__check_ci(type, level)) != SURV_OK)
    return rc;
  if (m == 0)
    return SURV_ESIZE;
  for (i = 0; i < m; i++)
    if (!(p[i] > 0.0 && p[i] < 1.0))
      return SURV_EPROB;
  if ((rc = surv__curve_strata_len(curve, m, len, &st, &k)) != SURV_OK)
    return rc;
  /* all strata into scratch first: outputs are written only on success */
  if (!(q = surv__malloc_array(k * m, 3 * sizeof *q))) {
    free(st);
    return SURV_ENOMEM;
  }
  for (i = 0; i < k && rc == SURV_OK; i++)
    rc = km_quantile(&st[i], p, m, type, level, q + i * m,
                     lower ? q + (k + i) * m : NULL,
                     upper ? q + (2 * k + i) * m : NULL);
  if (rc == SURV_OK)
    for (i = 0; i < k * m; i++) {
      if (est)
        est[i] = q[i];
      if (lower)
        lower[i] = q[k * m + i];
      if (upper)
        upper[i] = q[2 * k * m + i];
    }
  free(q);
  free(st);
  return rc;
}
