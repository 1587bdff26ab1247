/* Individual patient data from a published Kaplan-Meier figure.
 *
 * Guyot route (default): the algorithm of Guyot P, Ades AE, Ouwens MJNM,
 * Welton NJ, "Enhanced secondary analysis of survival data: reconstructing
 * the data from published Kaplan-Meier survival curves", BMC Med Res Methodol
 * 2012;12:9, as its published R code does it (the same steps as R packages
 * IPDfromKM and reconstructKM). Between two times of the number-at-risk
 * table the number censored is first guessed from the survival ratio,
 * spread evenly over the interval, the deaths at each digitized point follow
 * by inverting the KM equation (d = round(n (1 - S_k / S_last))), and the
 * censored count is corrected by the difference between the reconstructed
 * and the printed number at risk at the interval's end until they agree.
 * The last interval (no number at risk at its end) assumes the average
 * censoring rate of the earlier intervals, or, when the total number of
 * events is known, adjusts its censoring until the deaths add up to it.
 * Without a table the curve is one such last interval starting with the
 * total number of patients. Differences from the published code, each
 * documented in surv_ipd_reconstruct(3): censoring times lie strictly inside
 * the interval (never past the next table time), an interval without points
 * is all censoring, the counts stay consistent when an interval cannot reach
 * the printed number (the next interval starts from the reconstructed one),
 * and the iteration is capped.
 *
 * Exact route (SURV_IPD_EXACT): the points are the corners of the steps read
 * from a vector figure to a known precision (tol), with the times of its
 * censoring marks. In each interval of the table the deaths at each drop and
 * the censored count at each mark are integers; a depth-first search finds
 * the counts that reproduce every drop within tol and the printed number at
 * risk at the interval's end, and says whether they are unique.
 *
 * Pre-processing of the points (both routes): survival clamped to [0, 1],
 * sorted by time (at one time, the higher value first), made non-increasing
 * by isotonic regression (pool adjacent violators, equal weights), exact
 * duplicates removed, (0, 1) prepended when missing.
 *
 * Cost: m points, k table rows, N patients: O(m log m + N log N) for the
 * pre-processing and the output, O(I (m + N)) for the Guyot iterations (I
 * at most 1000 per interval, in practice < 10); the exact search is
 * exponential in the number of marks per interval in the worst case and is
 * capped at 2e6 nodes per interval. */
#include <float.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "surv_internal.h"

#define IPD_MAX_PATIENTS 1e7 /* output rows; more is SURV_ESIZE */
#define IPD_MAXIT 1000       /* Guyot iterations per interval */
#define IPD_MAX_NODES 2000000L

typedef struct pt {
  double t, s;
} pt;

static int cmp_pt(const void *a, const void *b) {
  const pt *x = a, *y = b;
  if (x->t != y->t)
    return x->t < y->t ? -1 : 1;
  if (x->s != y->s)
    return x->s > y->s ? -1 : 1;
  return 0;
}

/* Sort, make non-increasing (PAVA), remove duplicates, prepend (0, 1).
 * p has room for m + 1 points; returns the new count. */
static size_t clean_points(pt *p, size_t m, double *blk_sum, size_t *blk_n) {
  for (size_t i = 0; i < m; i++)
    p[i].s = p[i].s < 0 ? 0 : p[i].s > 1 ? 1 : p[i].s;
  qsort(p, m, sizeof *p, cmp_pt);
  /* pool adjacent violators for a non-increasing fit */
  size_t nb = 0;
  for (size_t i = 0; i < m; i++) {
    blk_sum[nb] = p[i].s;
    blk_n[nb] = 1;
    nb++;
    while (nb > 1 && blk_sum[nb - 1] / (double)blk_n[nb - 1] >
                         blk_sum[nb - 2] / (double)blk_n[nb - 2]) {
      blk_sum[nb - 2] += blk_sum[nb - 1];
      blk_n[nb - 2] += blk_n[nb - 1];
      nb--;
    }
  }
  size_t i = 0;
  for (size_t b = 0; b < nb; b++) {
    double v = blk_sum[b] / (double)blk_n[b];
    if (v > 1)
      v = 1;
    for (size_t j = 0; j < blk_n[b]; j++)
      p[i++].s = v;
  }
  /* a later block's mean can round above an earlier one's: enforce */
  for (i = 1; i < m; i++)
    if (p[i].s > p[i - 1].s)
      p[i].s = p[i - 1].s;
  size_t w = 0;
  for (i = 0; i < m; i++)
    if (w == 0 || p[i].t != p[w - 1].t || p[i].s != p[w - 1].s)
      p[w++] = p[i];
  if (!(p[0].t == 0 && p[0].s == 1)) {
    memmove(p + 1, p, w * sizeof *p);
    p[0].t = 0;
    p[0].s = 1;
    w++;
  }
  return w;
}

/* One reconstructed group of patients: count at a time with a status. */
typedef struct rec {
  double t;
  long n;
  int status;
} rec;

typedef struct recs {
  rec *r;
  size_t len, cap;
} recs;

static int recs_add(recs *v, double t, long n, int status) {
  if (n <= 0)
    return SURV_OK;
  if (v->len == v->cap) {
    size_t cap = v->cap ? 2 * v->cap : 256;
    rec *r = realloc(v->r, cap * sizeof *r);
    if (!r)
      return SURV_ENOMEM;
    v->r = r;
    v->cap = cap;
  }
  v->r[v->len].t = t;
  v->r[v->len].n = n;
  v->r[v->len].status = status;
  v->len++;
  return SURV_OK;
}

static int cmp_rec(const void *a, const void *b) {
  const rec *x = a, *y = b;
  if (x->t != y->t)
    return x->t < y->t ? -1 : 1;
  return y->status - x->status; /* events first */
}

/* ---- Guyot ---------------------------------------------------------------
 */

typedef struct guyot {
  const pt *p;
  long *d, *cen;   /* per point: deaths, censored after it */
  double *cen_t;   /* censoring times of the current interval */
  size_t *cen_bin; /* the point each censoring time follows */
} guyot;

/* One pass over points lo..hi (lo <= hi) with ncen censorings spread evenly
 * in (a, b); n at risk at lo. Returns the number at risk after hi; deaths in
 * *deaths; *km = the reconstructed KM at the interval's last death. */
static long guyot_pass(guyot *g, size_t lo, size_t hi, long n, long ncen,
                       double a, double b, double *km, long *deaths) {
  const pt *p = g->p;
  for (size_t k = lo; k <= hi; k++)
    g->cen[k] = 0;
  for (long j = 0; j < ncen; j++) {
    double ct = a + (double)(j + 1) * ((b - a) / (double)(ncen + 1));
    /* the point whose [t_k, t_k+1) holds ct (the last one if beyond) */
    size_t L = lo, H = hi + 1; /* first index in [lo, hi] with t > ct */
    while (L < H) {
      size_t mid = L + (H - L) / 2;
      if (p[mid].t <= ct)
        L = mid + 1;
      else
        H = mid;
    }
    size_t k = L > lo ? L - 1 : lo;
    g->cen_t[j] = ct;
    g->cen_bin[j] = k;
    g->cen[k]++;
  }
  double kl = *km;
  long dsum = 0;
  for (size_t k = lo; k <= hi; k++) {
    long d = 0;
    if (k > 0 && n > 0 && kl > 0) {
      double x = (double)n * (1.0 - p[k].s / kl);
      d = x <= 0 ? 0 : x >= (double)n ? n : lround(x);
    }
    if (d > 0) {
      kl = kl * (1.0 - (double)d / (double)n);
      dsum += d;
    }
    g->d[k] = d;
    if (g->cen[k] > n - d)
      g->cen[k] = n - d; /* cannot censor more than remain */
    n -= d + g->cen[k];
  }
  *km = kl;
  *deaths = dsum;
  return n;
}

static int guyot_run(const pt *p, size_t m, const double *risk_t,
                     const long *n_risk0, size_t k, long total, long events,
                     recs *out) {
  size_t K = 0; /* table rows at or before the last point */
  while (K < k && risk_t[K] <= p[m - 1].t)
    K++;
  if (k == 0)
    K = 1;
  int has_end = K < k;
  long *nr = surv__malloc_array(K + 1, sizeof *nr);
  size_t *lower = surv__malloc_array(K + 1, sizeof *lower);
  long *d = surv__malloc_array(m, sizeof *d);
  long *cen = surv__malloc_array(m, sizeof *cen);
  /* censorings in one interval never exceed the number at risk */
  double *cen_t = surv__malloc_array((size_t)total + 1, sizeof *cen_t);
  size_t *cen_bin = surv__malloc_array((size_t)total + 1, sizeof *cen_bin);
  long *emitted = surv__malloc_array(m, sizeof *emitted);
  int rc = SURV_ENOMEM;
  if (!nr || !lower || !d || !cen || !cen_t || !cen_bin || !emitted)
    goto done;
  for (size_t j = 0; j < K; j++)
    nr[j] = k ? n_risk0[j] : total;
  if (has_end)
    nr[K] = n_risk0[K];
  {
    size_t idx = 0;
    for (size_t j = 0; j < K; j++) {
      double rt = k ? risk_t[j] : 0.0;
      while (idx < m && p[idx].t < rt)
        idx++;
      lower[j] = idx;
    }
    lower[K] = m;
  }
  guyot g = {p, d, cen, cen_t, cen_bin};
  double km = 1.0;
  long deaths_before = 0, cens_before = 0;
  rc = SURV_OK;
  for (size_t i = 0; i < K && rc == SURV_OK; i++) {
    size_t lo = lower[i], hi1 = lower[i + 1]; /* points lo..hi1-1 */
    int known_end = i + 1 < K || has_end;
    long n0 = nr[i];
    double rt = k ? risk_t[i] : 0.0;
    double a = lo < hi1 ? p[lo].t : rt;
    double b = i + 1 < K ? risk_t[i + 1] : p[m - 1].t;
    if (lo >= hi1) { /* no point: all who leave are censored */
      long target = known_end ? nr[i + 1] : n0;
      long c = n0 - target;
      if (c < 0)
        c = 0;
      for (long j = 0; j < c; j++)
        rc = rc ? rc
                : recs_add(out,
                           a + (double)(j + 1) * ((b - a) / (double)(c + 1)), 1,
                           0);
      cens_before += c;
      if (known_end)
        nr[i + 1] = n0 - c;
      continue;
    }
    size_t hi = hi1 - 1;
    long ncen;
    if (known_end) {
      double send = i + 1 < K ? p[lower[i + 1]].s : p[m - 1].s;
      double x =
          p[lo].s > 0 ? (double)n0 * send / p[lo].s - (double)nr[i + 1] : 0.0;
      ncen = x <= 0 ? 0 : x >= (double)n0 ? n0 : lround(x);
    } else if (i == 0 || rt <= 0) {
      ncen = 0;
    } else {
      double x = (double)cens_before * (p[m - 1].t - rt) / rt;
      ncen = x <= 0 ? 0 : x >= (double)n0 ? n0 : lround(x);
    }
    if (!known_end && events > 0 && deaths_before > events)
      ncen = 0;
    long nend = 0, deaths = 0, used = -1;
    double km_i = km;
    for (int it = 0; it < IPD_MAXIT; it++) {
      km_i = km;
      used = ncen;
      nend = guyot_pass(&g, lo, hi, n0, ncen, a, b, &km_i, &deaths);
      long diff;
      if (known_end)
        diff = nend - nr[i + 1];
      else if (events > 0)
        diff = deaths_before + deaths - events;
      else
        break;
      if (!(diff > 0 || (diff < 0 && ncen > 0)))
        break;
      long next = ncen + diff;
      if (next < 0)
        next = 0;
      if (next > n0)
        next = n0;
      if (next == ncen)
        break;
      ncen = next;
    }
    if (used != ncen) { /* stopped by the cap: the counts of the last guess */
      km_i = km;
      nend = guyot_pass(&g, lo, hi, n0, ncen, a, b, &km_i, &deaths);
    }
    km = km_i;
    for (size_t q = lo; q <= hi; q++) {
      rc = rc ? rc : recs_add(out, p[q].t, d[q], 1);
      emitted[q] = 0;
    }
    /* the censoring times each point kept (the pass may have clamped some) */
    for (long j = 0; j < ncen && rc == SURV_OK; j++) {
      size_t q = cen_bin[j];
      if (emitted[q] < cen[q]) {
        emitted[q]++;
        rc = recs_add(out, cen_t[j], 1, 0);
      }
    }
    deaths_before += deaths;
    cens_before += n0 - nend - deaths;
    if (known_end) {
      nr[i + 1] = nend; /* the next interval starts from what we have */
    } else {
      rc = rc ? rc : recs_add(out, p[m - 1].t, nend, 0);
    }
  }
  if (rc == SURV_OK && has_end)
    rc = recs_add(out, risk_t[K], nr[K], 0);
done:
  free(nr);
  free(lower);
  free(d);
  free(cen);
  free(cen_t);
  free(cen_bin);
  free(emitted);
  return rc;
}

/* ---- exact route ----------------------------------------------------------
 */

typedef struct item {
  double t, s; /* a drop to s at t (is_mark 0) or a censoring mark at t */
  int is_mark;
} item;

typedef struct xsearch {
  const item *it;
  size_t ni;
  long target; /* number at risk after the interval; -1 unknown */
  long events; /* deaths the interval must add (-1 unknown) */
  double tol;
  long *cnt;  /* current counts per item */
  long *best; /* first solution */
  double km_end;
  long n_end;
  int found; /* solutions found (stops at 2) */
  long nodes;
  size_t last_drop; /* index of the last drop, ni if none */
  long *later;      /* later[j]: drops and marks after item j */
} xsearch;

/* Items j.. with n at risk, KM value km, deaths so far; amb is set when the
 * path chose how to share censorings among marks (several solutions). */
static void xdfs(xsearch *x, size_t j, long n, double km, long deaths,
                 int amb) {
  if (x->found >= 2 || ++x->nodes > IPD_MAX_NODES)
    return;
  if (j == x->ni) {
    if (x->target >= 0 && n != x->target)
      return;
    if (x->events >= 0 && deaths != x->events)
      return;
    if (x->found == 0) {
      memcpy(x->best, x->cnt, x->ni * sizeof *x->cnt);
      x->km_end = km;
      x->n_end = n;
    }
    x->found += amb ? 2 : 1;
    return;
  }
  const item *e = &x->it[j];
  long base = x->target >= 0 ? x->target : 0;
  if (!e->is_mark) {
    if (n <= 0 || km <= 0)
      return;
    long floor_n = base + x->later[j];
    double d0 = (double)n * (1.0 - e->s / km);
    long lo = (long)floor(d0) - 1, hi = (long)ceil(d0) + 1;
    if (lo < 1)
      lo = 1;
    for (long d = lo; d <= hi && d <= n - floor_n; d++) {
      double k2 = km * (1.0 - (double)d / (double)n);
      if (fabs(k2 - e->s) > x->tol)
        continue;
      x->cnt[j] = d;
      xdfs(x, j + 1, n - d, k2, deaths + d, amb);
    }
    return;
  }
  /* a run of q marks with no drop between them: only their total C matters
   * to what follows (C >= q, one censoring at least per mark); with C > q
   * and q > 1 the way to share it is not identified (the extra go to the
   * last mark). After the last drop of an interval whose end is unknown,
   * exactly one each: the rest stay to the curve's end. */
  size_t g = j;
  while (g < x->ni && x->it[g].is_mark)
    g++;
  long q = (long)(g - j);
  long cmax = n - base - x->later[g - 1];
  if (x->target < 0 && (x->last_drop == x->ni || j > x->last_drop))
    cmax = cmax < q ? cmax : q;
  for (long c = q; c <= cmax; c++) {
    for (size_t u = j; u + 1 < g; u++)
      x->cnt[u] = 1;
    x->cnt[g - 1] = c - q + 1;
    xdfs(x, g, n - c, km, deaths, amb || (c > q && q > 1));
    if (x->found >= 2 || x->nodes > IPD_MAX_NODES)
      return;
  }
}

static int cmp_item(const void *a, const void *b) {
  const item *x = a, *y = b;
  if (x->t != y->t)
    return x->t < y->t ? -1 : 1;
  return x->is_mark - y->is_mark; /* deaths before censoring at one time */
}

static int exact_run(const pt *p, size_t m, const double *cens, size_t nc,
                     const double *risk_t, const long *n_risk, size_t k,
                     long total, long events, double tol, recs *out,
                     int *unique) {
  /* drops: at each distinct time, the lowest value, when below the level */
  size_t cap = m + nc;
  item *it = surv__malloc_array(cap ? cap : 1, sizeof *it);
  long *buf = surv__malloc_array(3 * (cap ? cap : 1), sizeof *buf);
  if (!it || !buf) {
    free(it);
    free(buf);
    return SURV_ENOMEM;
  }
  size_t ni = 0;
  double level = 1.0;
  for (size_t i = 0; i < m; i++) {
    if (i + 1 < m && p[i + 1].t == p[i].t)
      continue; /* the last point of a time holds its lowest value */
    if (p[i].s < level) {
      it[ni].t = p[i].t;
      it[ni].s = p[i].s;
      it[ni].is_mark = 0;
      ni++;
      level = p[i].s;
    }
  }
  for (size_t i = 0; i < nc; i++) {
    it[ni].t = cens[i];
    it[ni].s = NAN;
    it[ni].is_mark = 1;
    ni++;
  }
  qsort(it, ni, sizeof *it, cmp_item);
  double t_end = p[m - 1].t;
  if (ni > 0 && it[ni - 1].t > t_end)
    t_end = it[ni - 1].t;

  int rc = SURV_OK;
  *unique = 1;
  size_t rows = k ? k : 1;
  long n = k ? n_risk[0] : total;
  long deaths = 0;
  double km = 1.0;
  size_t j0 = 0;
  for (size_t i = 0; i < rows && rc == SURV_OK; i++) {
    double tb = i + 1 < rows ? risk_t[i + 1] : INFINITY;
    size_t j1 = j0;
    while (j1 < ni && it[j1].t < tb)
      j1++;
    xsearch x;
    memset(&x, 0, sizeof x);
    x.it = it + j0;
    x.ni = j1 - j0;
    x.target = i + 1 < rows ? n_risk[i + 1] : -1;
    x.events = x.target < 0 && events > 0 ? events - deaths : -1;
    x.tol = tol;
    x.cnt = buf;
    x.best = buf + cap;
    x.later = buf + 2 * cap;
    x.last_drop = x.ni;
    for (size_t q = 0; q < x.ni; q++)
      if (!x.it[q].is_mark)
        x.last_drop = q;
    long later = 0;
    for (size_t q = x.ni; q-- > 0;) {
      x.later[q] = later;
      later++;
    }
    xdfs(&x, 0, n, km, 0, 0);
    if (x.found == 0) {
      rc = SURV_ENOCONV;
      break;
    }
    if (x.found > 1 || x.nodes > IPD_MAX_NODES)
      *unique = 0;
    for (size_t q = 0; q < x.ni && rc == SURV_OK; q++)
      rc = recs_add(out, x.it[q].t, x.best[q], !x.it[q].is_mark);
    for (size_t q = 0; q < x.ni; q++)
      if (!x.it[q].is_mark)
        deaths += x.best[q];
    km = x.km_end;
    n = x.n_end;
    j0 = j1;
  }
  if (rc == SURV_OK)
    rc = recs_add(out, t_end, n, 0);
  free(it);
  free(buf);
  return rc;
}

/* ---- accuracy ------------------------------------------------------------
 */

/* The reconstructed KM at t: S(t) (right-continuous), or S(t-) when left is
 * set. et/es: event times ascending and S after each. */
static double km_at(const double *et, const double *es, size_t ne, double t,
                    int left) {
  size_t L = 0, H = ne; /* first event time > t (>= t when left) */
  while (L < H) {
    size_t mid = L + (H - L) / 2;
    if (left ? et[mid] < t : et[mid] <= t)
      L = mid + 1;
    else
      H = mid;
  }
  return L ? es[L - 1] : 1.0;
}

static int check_long(double x, long *out) {
  if (!isfinite(x) || x < 0 || x != floor(x) || x > IPD_MAX_PATIENTS)
    return x > IPD_MAX_PATIENTS && isfinite(x) && x == floor(x) ? SURV_ESIZE
                                                                : SURV_ECOUNT;
  *out = (long)x;
  return SURV_OK;
}

SURV_EXPORT int surv_ipd_reconstruct(const double *t, const double *s, size_t m,
                                     const double *risk_t, const double *n_risk,
                                     size_t k, const surv_ipd_options *opt,
                                     surv_result **out) {
  static const surv_ipd_options defaults = SURV_IPD_OPTIONS_INIT;
  surv_ipd_options o;
  if (!t || !s || !out || (k && (!risk_t || !n_risk)))
    return SURV_ENULL;
  int rc = surv__options_copy(opt, sizeof o, &defaults, &o);
  if (rc != SURV_OK)
    return rc;
  if (m == 0 || m > (size_t)1 << 40 || k > (size_t)1 << 40)
    return SURV_ESIZE;
  if (o.flags & ~SURV_IPD_EXACT)
    return SURV_EINVAL;
  if (o.n_censor && !o.censor_t)
    return SURV_ENULL;
  if (o.n_censor && !(o.flags & SURV_IPD_EXACT))
    return SURV_EINVAL;
  if (!isfinite(o.tol) || o.tol < 0)
    return SURV_EINVAL;
  double tol = o.tol > 0 ? o.tol : 1e-9;
  for (size_t i = 0; i < m; i++) {
    if (!isfinite(t[i]) || t[i] < 0)
      return SURV_ETIME;
    if (!isfinite(s[i]))
      return SURV_EINVAL;
  }
  for (size_t i = 0; i < o.n_censor; i++)
    if (!isfinite(o.censor_t[i]) || o.censor_t[i] < 0)
      return SURV_ETIME;
  long *nr = NULL;
  long total = 0, events = 0;
  if ((rc = check_long(o.total, &total)) != SURV_OK ||
      (rc = check_long(o.events, &events)) != SURV_OK)
    return rc;
  for (size_t j = 0; j < k; j++) {
    if (!isfinite(risk_t[j]) || risk_t[j] < 0 || (j == 0 && risk_t[j] != 0) ||
        (j > 0 && !(risk_t[j] > risk_t[j - 1])))
      return SURV_ETIME;
    long v;
    if ((rc = check_long(n_risk[j], &v)) != SURV_OK)
      return rc;
    if ((j == 0 && v == 0) || (j > 0 && n_risk[j] > n_risk[j - 1]))
      return SURV_ECOUNT;
  }
  if (k == 0 && total == 0)
    return SURV_EINVAL; /* nobody to reconstruct */
  if (k > 0 && total > 0 && (double)total != n_risk[0])
    return SURV_EINVAL;
  long N = k ? (long)n_risk[0] : total;
  if (events > N)
    return SURV_ECOUNT;

  pt *p = surv__malloc_array(m + 1, sizeof *p);
  double *bs = surv__malloc_array(m, sizeof *bs);
  size_t *bn = surv__malloc_array(m, sizeof *bn);
  nr = k ? surv__malloc_array(k, sizeof *nr) : NULL;
  recs v = {NULL, 0, 0};
  surv_result *r = NULL;
  double *et = NULL, *es = NULL;
  rc = SURV_ENOMEM;
  if (!p || !bs || !bn || (k && !nr))
    goto fail;
  for (size_t j = 0; j < k; j++)
    nr[j] = (long)n_risk[j];
  for (size_t i = 0; i < m; i++) {
    p[i].t = t[i];
    p[i].s = s[i];
  }
  size_t mc = clean_points(p, m, bs, bn);
  int unique = 0;
  if (o.flags & SURV_IPD_EXACT)
    rc = exact_run(p, mc, o.censor_t, o.n_censor, risk_t, nr, k, N, events, tol,
                   &v, &unique);
  else
    rc = guyot_run(p, mc, risk_t, nr, k, N, events, &v);
  if (rc != SURV_OK)
    goto fail;
  qsort(v.r, v.len, sizeof *v.r, cmp_rec);
  long npat = 0, nev = 0;
  for (size_t i = 0; i < v.len; i++) {
    npat += v.r[i].n;
    nev += v.r[i].status ? v.r[i].n : 0;
  }
  rc = SURV_EINTERNAL;
  if (npat != N)
    goto fail;
  rc = SURV_ENOMEM;
  r = surv__result_new(SURV__KIND_IPD);
  if (!r)
    goto fail;
  double *ct = surv__result_column_new(r, SURV_COL_TIME, (size_t)N);
  double *cs = surv__result_column_new(r, SURV_COL_STATUS, (size_t)N);
  double *cr = surv__result_column_new(r, SURV_COL_N_RISK, k);
  et = surv__malloc_array(v.len ? v.len : 1, sizeof *et);
  es = surv__malloc_array(v.len ? v.len : 1, sizeof *es);
  if (!ct || !cs || !cr || !et || !es)
    goto fail;
  size_t w = 0, ne = 0;
  long atrisk = N;
  double km = 1.0;
  for (size_t i = 0; i < v.len; i++) {
    for (long q = 0; q < v.r[i].n; q++) {
      ct[w] = v.r[i].t;
      cs[w] = v.r[i].status;
      w++;
    }
  }
  /* the KM of the reconstruction, at its event times */
  for (size_t i = 0; i < v.len;) {
    double ti = v.r[i].t;
    long dd = 0, cc = 0;
    size_t j = i;
    for (; j < v.len && v.r[j].t == ti; j++) {
      if (v.r[j].status)
        dd += v.r[j].n;
      else
        cc += v.r[j].n;
    }
    if (dd > 0) {
      km *= 1.0 - (double)dd / (double)atrisk;
      et[ne] = ti;
      es[ne] = km;
      ne++;
    }
    atrisk -= dd + cc;
    i = j;
  }
  for (size_t j = 0; j < k; j++) {
    size_t L = 0, H = (size_t)N; /* first patient with time >= risk_t[j] */
    while (L < H) {
      size_t mid = L + (H - L) / 2;
      if (ct[mid] < risk_t[j])
        L = mid + 1;
      else
        H = mid;
    }
    cr[j] = (double)((size_t)N - L);
  }
  surv__ksum ss = {0, 0};
  double mx = 0;
  for (size_t i = 0; i < mc; i++) {
    /* as IPDfromKM: the point against S(t); the top corner of a vertical
     * drop (the first of several points at one time) against S(t-) */
    int top =
        i + 1 < mc && p[i + 1].t == p[i].t && (i == 0 || p[i - 1].t != p[i].t);
    double dv = fabs(p[i].s - km_at(et, es, ne, p[i].t, top));
    surv__ksum_add(&ss, dv * dv);
    if (dv > mx)
      mx = dv;
  }
  surv__result_set_stat(r, SURV_STAT_N, (double)N);
  surv__result_set_stat(r, SURV_STAT_N_EVENT, (double)nev);
  surv__result_set_stat(r, SURV_STAT_RMSE,
                        sqrt(surv__ksum_value(&ss) / (double)mc));
  surv__result_set_stat(r, SURV_STAT_MAX_DEVIATION, mx);
  surv__result_set_stat(r, SURV_STAT_N_POINTS, (double)mc);
  surv__result_set_stat(r, SURV_STAT_EXACT, (double)unique);
  free(p);
  free(bs);
  free(bn);
  free(nr);
  free(v.r);
  free(et);
  free(es);
  *out = r;
  return SURV_OK;
fail:
  surv_result_free(r);
  free(p);
  free(bs);
  free(bn);
  free(nr);
  free(v.r);
  free(et);
  free(es);
  return rc;
}
