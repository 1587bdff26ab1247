/* Log-rank family of K-sample tests: Harrington-Fleming G-rho with optional
 * strata, matching R survival 3.5 survdiff (R/survdiff.R, R/survdiff.fit.R,
 * src/survdiff2.c), and the trend test (SAS LIFETEST TREND).
 *
 * Per stratum, at each distinct death time t with n at risk, d deaths, n_k at
 * risk and d_k deaths in group k, and w = S(t-)^rho (pooled Kaplan-Meier of
 * the stratum, left-continuous):
 *   O_k += w d_k,  E_k += w d n_k / n,
 *   V_kl += w^2 d (n - d) / (n (n - 1)) * (n_k [k = l] / n - n_k n_l / n^2)
 * (no variance when n = 1). O and E are summed over strata. The statistic
 * uses the groups with E_k > 0 minus the first: chisq = u' V^- u, u = O - E,
 * V^- a generalised inverse (survival's cholesky2/chsolve2; equal to R's
 * solve() whenever V is non-singular), df = #(E > 0) - 1, p = upper chi-square
 * tail. Near-tied times are merged first as R's aeqSurv (timefix=TRUE).
 * Trend: U = c'(O - E), chisq = U^2 / (c' V c) on 1 df.
 *
 * Cost: O(n) radix sort plus O(n + D k^2) for D death times and k groups;
 * memory O(n + k^2). Without delayed entry, and when (time, stratum, group,
 * status) packs into 64 bits (the packed route below), that is one radix
 * sort of 8-byte keys (16n bytes) and a few linear passes. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "counts_internal.h"
#include "ksample.h"
#include "survtime.h"

/* The sums of a K-sample test, written straight into the columns of the
 * result that will hold them. */
typedef struct lr_sums {
  size_t k, df;
  double *label, *n, *obs, *exp, *var; /* var: k x k row-major */
  double chisq, p;
  size_t ns; /* strata */
  surv_result *res;
} lr_sums;

static void logrank_free(lr_sums *r) {
  if (r == NULL)
    return;
  surv_result_free(r->res);
  free(r);
}

/* A zeroed result for the k groups of lay, with their labels; NULL when out
 * of memory. */
static lr_sums *logrank_new(const surv__ksample *lay) {
  size_t k = lay->k, i;
  lr_sums *r = calloc(1, sizeof *r);
  if (r == NULL)
    return NULL;
  r->k = k;
  r->res = surv__result_new(SURV__KIND_GROUPS);
  if (r->res == NULL ||
      (r->label = surv__result_column_new(r->res, SURV_COL_GROUP, k)) == NULL ||
      (r->n = surv__result_column_new(r->res, SURV_COL_N, k)) == NULL ||
      (r->obs = surv__result_column_new(r->res, SURV_COL_OBSERVED, k)) ==
          NULL ||
      (r->exp = surv__result_column_new(r->res, SURV_COL_EXPECTED, k)) ==
          NULL ||
      k > SIZE_MAX / k ||
      (r->var = surv__result_column_new(r->res, SURV_COL_VAR, k * k)) == NULL) {
    logrank_free(r);
    return NULL;
  }
  for (i = 0; i < k; i++)
    r->label[i] = lay->label[i];
  return r;
}

/* chisq on the groups with E > 0, dropping the first of them (survdiff). */
static int logrank_chisq(lr_sums *r) {
  size_t k = r->k, m = 0, i, j, *use;
  double *vv, *u, *y, chi = 0;
  use = surv__malloc_array(k, sizeof *use);
  if (use == NULL)
    return SURV_ENOMEM;
  for (i = 0; i < k; i++)
    if (r->exp[i] > 0)
      use[m++] = i;
  r->df = m > 0 ? m - 1 : 0;
  if (m >= 2) {
    size_t q = m - 1;
    vv = surv__malloc_array(q * q, sizeof *vv);
    u = surv__malloc_array(q, sizeof *u);
    y = surv__malloc_array(q, sizeof *y);
    if (vv == NULL || u == NULL || y == NULL) {
      free(vv);
      free(u);
      free(y);
      free(use);
      return SURV_ENOMEM;
    }
    for (i = 0; i < q; i++) {
      size_t a = use[i + 1];
      u[i] = y[i] = r->obs[a] - r->exp[a];
      for (j = 0; j < q; j++)
        vv[i * q + j] = r->var[a * k + use[j + 1]];
    }
    surv__cholesky2(vv, q, 1e-9);
    surv__chsolve2(vv, q, y);
    for (i = 0; i < q; i++)
      chi += y[i] * u[i];
    free(vv);
    free(u);
    free(y);
  }
  free(use);
  r->chisq = chi;
  /* df = 0: no test; R's pchisq(0, 0, lower.tail = FALSE) gives 1 */
  r->p = r->df > 0 ? surv__chisq_q(chi, (double)r->df) : 1;
  return SURV_OK;
}

/* Group sizes into r->n and the status of each sorted position into fs. */
static void logrank_sizes(lr_sums *r, const surv__ksample *lay,
                          const int *status, size_t n, int *fs) {
  size_t i;
  for (i = 0; i < n; i++) {
    fs[i] = status[lay->src[i]];
    r->n[lay->g[i]] += 1;
  }
}

/* The statistic, then r's result goes to *out (SURV_OK); r is freed. */
static int logrank_finish(lr_sums *r, surv_result **out) {
  size_t a;
  int rc = SURV_OK;
  /* finite data give finite sums unless the weights S(t-)^rho overflow
   * (rho far from 0): refuse rather than report a meaningless statistic */
  for (a = 0; a < r->k * r->k && rc == SURV_OK; a++)
    if (!isfinite(r->var[a]) ||
        (a < r->k && (!isfinite(r->obs[a]) || !isfinite(r->exp[a]))))
      rc = SURV_EINVAL;
  if (rc == SURV_OK)
    rc = logrank_chisq(r);
  if (rc == SURV_OK) {
    surv_test t;
    t.statistic = r->chisq;
    t.df = (double)r->df;
    t.p_value = r->p;
    surv__result_set_test(r->res, SURV_TEST_MAIN, &t);
    surv__result_set_stat(r->res, SURV_STAT_N_STRATA, (double)r->ns);
    *out = r->res;
    r->res = NULL;
  }
  logrank_free(r);
  return rc;
}

/* One event time: nrisk at risk (risk[a] in group a), deaths events, weight
 * wt. Adds the expected counts to exp and the hypergeometric covariance to
 * the k x k var (none when nrisk = 1), as survdiff2's inner loop. */
static void logrank_add_time(size_t k, const double *risk, double nrisk,
                             double deaths, double wt, double *exp,
                             double *var) {
  size_t a, j;
  double kt;
  for (a = 0; a < k; a++)
    exp[a] += wt * deaths * risk[a] / nrisk;
  if (nrisk == 1)
    return;
  kt = wt * wt * deaths * (nrisk - deaths) / (nrisk - 1);
  for (j = 0; j < k; j++) {
    double tmp = kt * risk[j] / nrisk;
    if (risk[j] == 0)
      continue; /* its row and column get zero terms */
    var[j * k + j] += tmp;
    for (a = 0; a < k; a++)
      var[a * k + j] -= tmp * risk[a] / nrisk;
  }
}

/* One stratum: records [0, len) sorted by time, as survdiff2's inner loops.
 * risk and kap are scratch of k and len elements; obs/exp get this stratum's
 * sums (zeroed here), var accumulates. */
static void logrank_stratum(const double *t, const int *st, const size_t *g,
                            size_t len, size_t k, double rho, double *risk,
                            double *kap, double *obs, double *exp,
                            double *var) {
  size_t i, j, a;
  for (a = 0; a < k; a++)
    risk[a] = obs[a] = exp[a] = 0;
  if (rho != 0) { /* left-continuous pooled KM of the stratum */
    double km = 1;
    for (i = 0; i < len;) {
      double nrisk = (double)(len - i), deaths = st[i];
      kap[i] = km;
      for (j = i + 1; j < len && t[j] == t[i]; j++) {
        kap[j] = km;
        deaths += st[j];
      }
      km = km * (nrisk - deaths) / nrisk;
      i = j;
    }
  }
  for (i = len; i-- > 0;) {
    double wt = rho == 0 ? 1 : pow(kap[i], rho), deaths = 0, nrisk;
    size_t top = i;
    for (j = top + 1; j-- > 0 && t[j] == t[top];) {
      deaths += st[j];
      risk[g[j]] += 1;
      obs[g[j]] += st[j] * wt;
      i = j;
    }
    nrisk = (double)(len - i);
    if (deaths > 0)
      logrank_add_time(k, risk, nrisk, deaths, wt, exp, var);
  }
}

/* One stratum of counting-process data: stops [0, len) sorted by time with
 * status st and group gs, entries [0, len) of the same subjects sorted by
 * entry time with group ge. A subject is at risk at t iff entry < t <= stop.
 * Ascending sweep: at each distinct stop time t, the entries < t join, the
 * events at t are scored, then the stops at t leave. risk: k scratch. */
static void counting_stratum(const double *ts, const int *st, const size_t *gs,
                             const double *te, const size_t *ge, size_t len,
                             size_t k, double rho, double *risk, double *obs,
                             double *exp, double *var) {
  size_t i = 0, j, p = 0, a;
  double nrisk = 0, km = 1;
  for (a = 0; a < k; a++)
    risk[a] = 0;
  while (i < len) {
    double t = ts[i], deaths = 0, wt;
    while (p < len && te[p] < t) {
      risk[ge[p++]] += 1;
      nrisk += 1;
    }
    for (j = i; j < len && ts[j] == t; j++)
      deaths += st[j];
    if (deaths > 0) {
      wt = rho == 0 ? 1 : pow(km, rho); /* S(t-) of the pooled stratum */
      for (j = i; j < len && ts[j] == t; j++)
        obs[gs[j]] += st[j] * wt;
      logrank_add_time(k, risk, nrisk, deaths, wt, exp, var);
      km = km * (nrisk - deaths) / nrisk;
    }
    for (j = i; j < len && ts[j] == t; j++) {
      risk[gs[j]] -= 1;
      nrisk -= 1;
    }
    i = j;
  }
}

/* ---- packed route: right-censored data ---------------------------------
 * One 64-bit key a subject: (time, stratum, group, status), where the
 * time part is the IEEE bits of the time less those of the smallest positive
 * time, plus one (0 for time 0), so that it keeps the time order in fewer
 * bits. When the keys fit (group and stratum labels each within a range of
 * 4096, times within a range of binades), one radix sort of n keys by time
 * replaces the record sort, the label index and the layout arrays; the
 * distinct times are merged as aeqSurv over all strata, each key's time
 * part becomes the index of its merged time, one stable bucket pass orders
 * the keys by stratum, and one backward pass a stratum accumulates per-group
 * counts. The sums are added in the same order as logrank_stratum, so the
 * results are bit for bit the same. */

/* Group labels in a small range: label[] ascending and map[lab - lo] = index
 * (UINT32_MAX where absent). 0 when the range is too wide (the caller takes
 * the general route), -1 when out of memory. */
static int packed_labels(const int *group, size_t n, int *lo_out,
                         uint32_t **map_out, int **label_out, size_t *k_out) {
  int lo = group[0], hi = group[0], *label;
  size_t i, range, k = 0;
  uint32_t *map;
  for (i = 1; i < n; i++) {
    if (group[i] < lo)
      lo = group[i];
    if (group[i] > hi)
      hi = group[i];
  }
  if ((int64_t)hi - lo >= 4096)
    return 0;
  range = (size_t)((int64_t)hi - lo) + 1;
  if ((map = malloc(range * sizeof *map)) == NULL)
    return -1;
  for (i = 0; i < range; i++)
    map[i] = UINT32_MAX;
  for (i = 0; i < n; i++)
    map[group[i] - lo] = 0;
  for (i = 0; i < range; i++)
    if (map[i] == 0)
      map[i] = (uint32_t)k++;
  if ((label = malloc(k * sizeof *label)) == NULL) {
    free(map);
    return -1;
  }
  for (i = 0; i < range; i++)
    if (map[i] != UINT32_MAX)
      label[map[i]] = (int)((int64_t)lo + (int64_t)i);
  *lo_out = lo;
  *map_out = map;
  *label_out = label;
  *k_out = k;
  return 1;
}

/* One stratum: keys s[0..len) sorted ascending, the time part of each
 * replaced by the index of its merged time (equal parts = tied times).
 * risk, dead: k scratch; kap: scratch of one per distinct time when rho !=
 * 0; so, se: this stratum's O and E (zeroed here); var accumulates. The same
 * arithmetic, in the same order, as logrank_stratum. */
static void packed_stratum(const uint64_t *s, size_t len, unsigned shift,
                           uint64_t gmask, size_t k, double rho, double *risk,
                           size_t *dead, double *kap, double *so, double *se,
                           double *var) {
  size_t i, j = 0, a;
  for (a = 0; a < k; a++)
    risk[a] = so[a] = se[a] = 0;
  if (rho != 0) { /* left-continuous pooled KM at each distinct time */
    double km = 1;
    for (i = 0; i < len; j++) {
      uint64_t top = s[i] >> shift;
      double deaths = 0, nrisk = (double)(len - i);
      while (i < len && s[i] >> shift == top)
        deaths += (double)(s[i++] & 1);
      kap[j] = km;
      km = km * (nrisk - deaths) / nrisk;
    }
  }
  for (a = 0; a < k; a++)
    dead[a] = 0;
  i = len;
  while (i > 0) {
    uint64_t top = s[i - 1] >> shift;
    size_t nd = 0;
    double wt, deaths = 0;
    j -= rho != 0;
    while (i > 0 && s[i - 1] >> shift == top) { /* one time, descending */
      uint64_t key = s[--i];
      size_t g = (size_t)((key >> 1) & gmask);
      risk[g] += 1;
      dead[g] += (size_t)(key & 1);
      nd += (size_t)(key & 1);
    }
    if (nd == 0)
      continue; /* censorings only: no terms, dead[] still zero */
    wt = rho == 0 ? 1 : pow(kap[j], rho);
    for (a = 0; a < k; a++) {
      size_t c;
      deaths += (double)dead[a];
      for (c = 0; c < dead[a]; c++)
        so[a] += wt; /* st * wt one subject at a time, as before */
      dead[a] = 0;
    }
    logrank_add_time(k, risk, (double)(len - i), deaths, wt, se, var);
  }
}

/* The number of bits of x. */
static unsigned bit_length(uint64_t x) {
  unsigned b = 0;
  while (x != 0) {
    b++;
    x >>= 1;
  }
  return b;
}

/* The packed route; *taken = 0 (nothing done) when the keys do not fit. */
static int logrank_packed(const surv_data *d, double rho, int notimefix,
                          surv_result **out, int *taken) {
  size_t n = d->n, k = 0, ns = 1, i, j, m, c, st;
  uint64_t base = UINT64_MAX, top = 0, *key = NULL, *s, *o, prev, low;
  uint32_t *map = NULL, *smap = NULL;
  int lo, slo = 0, *label = NULL, *slabel = NULL, rc;
  unsigned gbits, sbits, shift;
  surv__ksample lay;
  lr_sums *r = NULL;
  double *risk = NULL, *kap = NULL, *dt;
  size_t *dead = NULL, *sstart = NULL;
  *taken = 0;
  for (i = 0; i < n; i++) {
    uint64_t b = surv__time_bits(d->time[i]);
    if (b != 0 && b < base)
      base = b;
    if (b > top)
      top = b;
  }
  if (top == 0)
    base = 1;                          /* every time is 0 */
  top = top == 0 ? 0 : top - base + 1; /* the largest time part */
  rc = packed_labels(d->group, n, &lo, &map, &label, &k);
  if (rc > 0 && d->strata != NULL)
    rc = packed_labels(d->strata, n, &slo, &smap, &slabel, &ns);
  gbits = k > 1 ? bit_length(k - 1) : 0;
  sbits = ns > 1 ? bit_length(ns - 1) : 0;
  shift = 1 + gbits + sbits;
  if (rc <= 0 || top >> (64 - shift) != 0) { /* the general route */
    free(map);
    free(label);
    free(smap);
    free(slabel);
    return rc < 0 ? SURV_ENOMEM : SURV_OK;
  }
  *taken = 1;
  rc = SURV_ENOMEM;
  if (k < 2) {
    rc = SURV_EGROUP;
    goto done;
  }
  memset(&lay, 0, sizeof lay);
  lay.k = k;
  lay.label = label;
  r = logrank_new(&lay);
  key = surv__malloc_array(n, 2 * sizeof *key);
  risk = surv__malloc_array(3 * k, sizeof *risk);
  dead = surv__malloc_array(k, sizeof *dead);
  sstart = surv__calloc_array(ns + 1, sizeof *sstart);
  if (r == NULL || key == NULL || risk == NULL || dead == NULL ||
      sstart == NULL)
    goto done;
  r->ns = ns;
  for (i = 0; i < n; i++) {
    uint64_t b = surv__time_bits(d->time[i]);
    uint32_t g = map[d->group[i] - lo], h = smap ? smap[d->strata[i] - slo] : 0;
    key[i] = (b == 0 ? 0 : b - base + 1) << shift | (uint64_t)h << (1 + gbits) |
             (uint64_t)g << 1 | (uint64_t)(d->status[i] == 1);
    r->n[g] += 1;
    sstart[h + 1]++;
  }
  s = surv__radix_sort_u64_bits(key, key + n, n, shift + bit_length(top));
  if (s == NULL)
    goto done;
  o = s == key ? key + n : key; /* the other half */
  dt = (double *)(void *)o;
  for (i = m = 0; i < n; i++)
    if (i == 0 || s[i] >> shift != s[i - 1] >> shift) {
      uint64_t bits = s[i] >> shift;
      bits = bits == 0 ? 0 : bits - 1 + base;
      memcpy(&dt[m++], &bits, sizeof bits);
    }
  if (!notimefix)
    surv__timefix_sorted(dt, m, dt);
  /* the time part becomes the index of the merged time */
  low = ((uint64_t)1 << shift) - 1;
  prev = s[0] >> shift;
  for (i = j = c = 0; i < n; i++) {
    uint64_t t = s[i] >> shift;
    if (t != prev) {
      j++;
      c += dt[j] != dt[j - 1];
      prev = t;
    }
    s[i] = (uint64_t)c << shift | (s[i] & low);
  }
  if (ns > 1) { /* stable bucket pass by stratum: (stratum, time) order */
    uint64_t smask = ((uint64_t)1 << sbits) - 1;
    for (st = 0; st < ns; st++)
      sstart[st + 1] += sstart[st];
    for (i = 0; i < n; i++)
      o[sstart[(s[i] >> (1 + gbits)) & smask]++] = s[i];
    for (st = ns; st > 0; st--) /* back to the stratum starts */
      sstart[st] = sstart[st - 1];
    sstart[0] = 0;
    s = o;
  } else
    sstart[1] = n;
  if (rho != 0 && (kap = surv__malloc_array(c + 1, sizeof *kap)) == NULL)
    goto done;
  for (st = 0; st < ns; st++) {
    size_t a, b = sstart[st];
    double *so = risk + k, *se = so + k;
    packed_stratum(s + b, sstart[st + 1] - b, shift, ((uint64_t)1 << gbits) - 1,
                   k, rho, risk, dead, kap, so, se, r->var);
    for (a = 0; a < k; a++) {
      r->obs[a] += so[a];
      r->exp[a] += se[a];
    }
  }
  rc = logrank_finish(r, out);
  r = NULL; /* freed */
done:
  logrank_free(r);
  free(map);
  free(label);
  free(smap);
  free(slabel);
  free(key);
  free(risk);
  free(dead);
  free(sstart);
  free(kap);
  return rc;
}

/* Right-censored data (no entry). */
static int logrank_right(const surv_data *d, double rho, int notimefix,
                         surv_result **out) {
  lr_sums *r = NULL;
  surv__ksample lay;
  size_t k, s, n = d->n;
  int *fs = NULL, rc;
  double *scratch = NULL;
  int taken = 0;
  if ((rc = logrank_packed(d, rho, notimefix, out, &taken)) != SURV_OK || taken)
    return rc;
  rc = surv__ksample_make(d->time, d->group, d->strata, n, notimefix, &lay);
  if (rc != SURV_OK)
    return rc;
  k = lay.k;
  rc = SURV_ENOMEM;
  r = logrank_new(&lay);
  fs = surv__malloc_array(n, sizeof *fs);
  scratch = surv__malloc_array(n + 3 * k, sizeof *scratch);
  if (r == NULL || fs == NULL || scratch == NULL)
    goto done;
  r->ns = lay.ns;
  logrank_sizes(r, &lay, d->status, n, fs);
  for (s = 0; s < lay.ns; s++) {
    size_t a, b = lay.start[s], len = lay.start[s + 1] - b;
    double *risk = scratch + n, *so = risk + k, *se = so + k;
    logrank_stratum(lay.time + b, fs + b, lay.g + b, len, k, rho, risk, scratch,
                    so, se, r->var);
    for (a = 0; a < k; a++) {
      r->obs[a] += so[a];
      r->exp[a] += se[a];
    }
  }
  rc = logrank_finish(r, out);
  r = NULL; /* freed */
done:
  logrank_free(r);
  surv__ksample_free(&lay);
  free(fs);
  free(scratch);
  return rc;
}

/* Counting-process data Surv(entry, time, status). */
static int logrank_entry(const surv_data *d, double rho, int notimefix,
                         surv_result **out) {
  lr_sums *r = NULL;
  surv__ksample ls, le; /* stops and entries, by (stratum, time) */
  size_t s, n = d->n;
  const double *entry = d->entry, *time = d->time;
  int *fs = NULL, rc;
  double *fixed = NULL, *risk = NULL;
  memset(&ls, 0, sizeof ls);
  memset(&le, 0, sizeof le);
  if (!notimefix) {
    if ((fixed = surv__malloc_array(n, 2 * sizeof *fixed)) == NULL)
      return SURV_ENOMEM;
    rc = surv__timefix_counting(entry, time, n, fixed, fixed + n);
    if (rc != SURV_OK) {
      free(fixed);
      return rc;
    }
    entry = fixed;
    time = fixed + n;
  }
  if ((rc = surv__ksample_make(time, d->group, d->strata, n, 1, &ls)) !=
          SURV_OK ||
      (rc = surv__ksample_make(entry, d->group, d->strata, n, 1, &le)) !=
          SURV_OK)
    goto done;
  rc = SURV_ENOMEM;
  r = logrank_new(&ls);
  fs = surv__malloc_array(n, sizeof *fs);
  risk = surv__malloc_array(ls.k, sizeof *risk);
  if (r == NULL || fs == NULL || risk == NULL)
    goto done;
  r->ns = ls.ns;
  logrank_sizes(r, &ls, d->status, n, fs);
  for (s = 0; s < ls.ns; s++) {
    size_t b = ls.start[s], len = ls.start[s + 1] - b;
    counting_stratum(ls.time + b, fs + b, ls.g + b, le.time + b, le.g + b, len,
                     r->k, rho, risk, r->obs, r->exp, r->var);
  }
  rc = logrank_finish(r, out);
  r = NULL; /* freed */
done:
  logrank_free(r);
  surv__ksample_free(&ls);
  surv__ksample_free(&le);
  free(fs);
  free(risk);
  free(fixed);
  return rc;
}

/* ---- from a count table (lib/counts.c) ----------------------------------
 * Cells of one stratum [a, b) sorted by (time, group, kind) stand for cnt
 * rows each; every sum below is the one logrank_stratum (right-censored) or
 * counting_stratum (entries) forms, over the same rows in the same order:
 * counts are integers, so risk sets and deaths are exact, and O adds the
 * weight S(t-)^rho once an event as they do. */

/* Right-censored cells of one stratum, as logrank_stratum. kap: one per
 * distinct time when rho != 0; dead, risk, so, se: k scratch. */
static void cells_stratum(const surv__cells *c, size_t a, size_t b, size_t k,
                          double rho, double *risk, double *dead, double *kap,
                          double *so, double *se, double *var) {
  size_t i, j = 0, q, g;
  double len = 0, above = 0;
  for (g = 0; g < k; g++)
    risk[g] = so[g] = se[g] = dead[g] = 0;
  for (i = a; i < b; i++)
    len += c->cnt[i];
  if (rho != 0) {
    double km = 1, before = 0;
    for (i = a; i < b; j++) {
      double deaths = 0, nrisk = len - before;
      for (q = i; q < b && c->time[q] == c->time[i]; q++) {
        deaths += c->kind[q] == 1 ? c->cnt[q] : 0;
        before += c->cnt[q];
      }
      kap[j] = km;
      km = km * (nrisk - deaths) / nrisk;
      i = q;
    }
  }
  for (i = b; i > a;) {
    double wt, deaths = 0, nd = 0;
    size_t top = i - 1;
    j -= rho != 0;
    for (q = i; q > a && c->time[q - 1] == c->time[top]; q--) {
      size_t x = q - 1;
      risk[c->g[x]] += c->cnt[x];
      above += c->cnt[x];
      if (c->kind[x] == 1) {
        dead[c->g[x]] += c->cnt[x];
        nd += c->cnt[x];
      }
    }
    i = q;
    if (nd == 0)
      continue;
    wt = rho == 0 ? 1 : pow(kap[j], rho);
    for (g = 0; g < k; g++) {
      double e;
      deaths += dead[g];
      if (rho == 0)
        so[g] += dead[g];
      else
        for (e = 0; e < dead[g]; e++)
          so[g] += wt;
      dead[g] = 0;
    }
    logrank_add_time(k, risk, above, deaths, wt, se, var);
  }
}

/* Cells with entries of one stratum, as counting_stratum. */
static void cells_counting(const surv__cells *c, size_t a, size_t b, size_t k,
                           double rho, double *risk, double *obs, double *exp,
                           double *var) {
  size_t i = a, j, p = a, g;
  double nrisk = 0, km = 1;
  for (g = 0; g < k; g++)
    risk[g] = 0;
  while (i < b) {
    double t, deaths = 0, wt;
    if (c->kind[i] < 0) {
      i++;
      continue;
    }
    t = c->time[i];
    for (; p < b && c->time[p] < t; p++)
      if (c->kind[p] < 0) {
        risk[c->g[p]] += c->cnt[p];
        nrisk += c->cnt[p];
      }
    for (j = i; j < b && c->time[j] == t; j++)
      deaths += c->kind[j] == 1 ? c->cnt[j] : 0;
    if (deaths > 0) {
      wt = rho == 0 ? 1 : pow(km, rho);
      for (j = i; j < b && c->time[j] == t; j++)
        if (c->kind[j] == 1) {
          double e;
          if (rho == 0)
            obs[c->g[j]] += c->cnt[j];
          else
            for (e = 0; e < c->cnt[j]; e++)
              obs[c->g[j]] += wt;
        }
      logrank_add_time(k, risk, nrisk, deaths, wt, exp, var);
      km = km * (nrisk - deaths) / nrisk;
    }
    for (j = i; j < b && c->time[j] == t; j++)
      if (c->kind[j] >= 0) {
        risk[c->g[j]] -= c->cnt[j];
        nrisk -= c->cnt[j];
      }
    i = j;
  }
}

int surv__logrank_options(const surv_logrank_options *opt,
                          surv_logrank_options *o) {
  static const surv_logrank_options defaults = SURV_LOGRANK_OPTIONS_INIT;
  int rc = surv__options_copy(opt, sizeof *o, &defaults, o);
  if (rc == SURV_OK &&
      ((o->flags & ~SURV_NO_TIMEFIX) != 0 || !isfinite(o->rho)))
    rc = SURV_EINVAL;
  return rc;
}

int surv__logrank_cells(const surv__cells *c, double rho, surv_result **out) {
  surv__ksample lay;
  lr_sums *r;
  size_t k = c->k, s, i, times = 0;
  double *scratch, *kap;
  int rc;
  if (k < 2)
    return SURV_EGROUP;
  memset(&lay, 0, sizeof lay);
  lay.k = k;
  lay.label = c->glab;
  r = logrank_new(&lay);
  for (i = 0; i < c->m; i++)
    times += i == 0 || c->time[i] != c->time[i - 1] || c->s[i] != c->s[i - 1];
  scratch = surv__malloc_array(5 * k + times + 1, sizeof *scratch);
  if (r == NULL || scratch == NULL) {
    logrank_free(r);
    free(scratch);
    return SURV_ENOMEM;
  }
  kap = scratch + 5 * k;
  r->ns = c->ns;
  for (i = 0; i < c->m; i++)
    if (c->kind[i] >= 0)
      r->n[c->g[i]] += c->cnt[i];
  for (s = 0; s < c->ns; s++) {
    size_t a = c->start[s], b = c->start[s + 1], g;
    double *risk = scratch, *dead = risk + k, *so = dead + k, *se = so + k;
    if (c->entry) {
      cells_counting(c, a, b, k, rho, risk, r->obs, r->exp, r->var);
      continue;
    }
    cells_stratum(c, a, b, k, rho, risk, dead, kap, so, se, r->var);
    for (g = 0; g < k; g++) {
      r->obs[g] += so[g];
      r->exp[g] += se[g];
    }
  }
  rc = logrank_finish(r, out);
  free(scratch);
  return rc;
}

SURV_EXPORT int surv_logrank_test(const surv_data *data,
                                  const surv_logrank_options *opt,
                                  surv_result **out) {
  surv_logrank_options o;
  surv_data d;
  size_t i;
  int rc;
  if (data == NULL || out == NULL)
    return SURV_ENULL;
  if ((rc = surv__data_copy(data, &d)) != SURV_OK)
    return rc;
  if (d.time == NULL || d.status == NULL || d.group == NULL)
    return SURV_ENULL;
  if (d.weight || d.time2 || d.cluster || d.x || d.p || d.offset)
    return SURV_EINVAL; /* survdiff has no weights */
  if (d.n == 0)
    return SURV_ESIZE;
  if ((rc = surv__logrank_options(opt, &o)) != SURV_OK)
    return rc;
  for (i = 0; d.entry && i < d.n; i++)
    if (!isfinite(d.entry[i]) || d.entry[i] < 0 || !(d.entry[i] < d.time[i]) ||
        !isfinite(d.time[i]))
      return SURV_ETIME;
  if ((rc = surv__check_times(d.time, d.status, d.n)) != SURV_OK)
    return rc;
  return d.entry
             ? logrank_entry(&d, o.rho, (o.flags & SURV_NO_TIMEFIX) != 0, out)
             : logrank_right(&d, o.rho, (o.flags & SURV_NO_TIMEFIX) != 0, out);
}

SURV_EXPORT int surv_logrank_trend(const surv_result *lr, const double *score,
                                   size_t k, surv_test *out, double *u,
                                   double *var) {
  double uu = 0, vv = 0, c;
  size_t i, j, kk, len;
  const double *label, *obs, *exp, *v;
  if (lr == NULL)
    return SURV_ENULL;
  label = surv_result_column(lr, SURV_COL_GROUP, &kk);
  obs = surv_result_column(lr, SURV_COL_OBSERVED, NULL);
  exp = surv_result_column(lr, SURV_COL_EXPECTED, NULL);
  v = surv_result_column(lr, SURV_COL_VAR, &len);
  if (surv__result_kind(lr) != SURV__KIND_GROUPS || !label || !obs || !exp ||
      !v || len != kk * kk)
    return SURV_EINVAL;
  if (k != kk)
    return SURV_ESIZE;
  for (i = 0; i < k; i++) {
    c = score ? score[i] : label[i];
    if (!isfinite(c))
      return SURV_EINVAL;
  }
  for (i = 0; i < k; i++) {
    double ci = score ? score[i] : label[i];
    uu += ci * (obs[i] - exp[i]);
    for (j = 0; j < k; j++)
      vv += ci * v[i * k + j] * (score ? score[j] : label[j]);
  }
  c = vv > 0 ? uu * uu / vv : NAN;
  if (out) {
    out->statistic = c;
    out->df = 1;
    out->p_value = surv__chisq_q(c, 1);
  }
  if (u)
    *u = uu;
  if (var)
    *var = vv;
  return SURV_OK;
}
