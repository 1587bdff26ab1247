/* The survival-time core shared by the modules that read survival data
 * (Kaplan-Meier and the curve operations, log-rank, Nelson-Aalen, competing
 * risks, Cox and its diagnostics, concordance): input checks, the time
 * order, R's near-tie merge (timefix), group and stratum label indexing, the
 * distinct-time count table and the pointwise confidence-limit row. Declared
 * in lib/survtime.h. survreg uses the label indexing (its interval-censored
 * input has checks of its own).
 *
 * Time order: non-negative finite doubles order like their bit patterns read
 * as uint64 (-0.0 is mapped to +0.0 first), so an LSD radix sort on the bits
 * (8 passes of 8 bits, constant bytes skipped) sorts times stably in O(n);
 * the Kaplan-Meier aggregation (lib/km_agg.c) uses the same sorts.
 *
 * Near ties: R survival 3.5-3 aeqSurv (R/aeqSurv.R), for right-censored times
 * (surv__timefix_sorted, O(n) on sorted values) and for counting-process data
 * (surv__timefix_counting, O(n log n)).
 *
 * Confidence limits follow R survival 3.5-3 survfit_confint() (R/survfit.R)
 * with logse = TRUE and conf.lower = "usual"; s = se(log S) (Greenwood),
 * z = qnorm(1 - (1 - level)/2):
 *   plain   S -/+ z S s, clipped to [0, 1]
 *   log     S exp(-/+ z s), upper capped at 1
 *   log-log exp(-exp(log(-log S) -/+ z s / log S))
 *   logit   expit(logit S -/+ z s / (1 - S))
 *   arcsin  sin^2(asin(sqrt S) -/+ (z s / 2) sqrt(S / (1 - S))), clipped to
 *           [0, pi/2] before sin^2.
 * R's boundary values are kept: S = 0 gives NaN (plain) or NA (the others);
 * S = 1 gives 1, 1 (plain, log), NA (log-log), NaN (logit, arcsin). NA and
 * NaN both map to NaN. Cost O(1) a row. */
#include <float.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "survtime.h"

#define HALF_PI 1.57079632679489661923 /* R: pi / 2 */

/* ---- input checks -------------------------------------------------------- */

int surv__check_times(const double *time, const int *status, size_t n) {
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

int surv__check_weights(const double *weight, size_t n) {
  size_t i;
  if (weight == NULL)
    return SURV_OK;
  for (i = 0; i < n; i++)
    if (!isfinite(weight[i]) || weight[i] < 0)
      return SURV_EWEIGHT;
  return SURV_OK;
}

/* ---- time order ---------------------------------------------------------- */

static uint64_t key_of_u64(const uint64_t *x) { return *x; }
static uint64_t key_of_rec(const surv__rec *x) { return x->key; }

/* LSD radix sort, 8 passes of 8 bits, skipping passes where every key has
 * the same byte. Sorts a[0..n) using tmp[0..n); returns the buffer holding
 * the result (a or tmp). Stable. O(n). */
#define DEFINE_RADIX_SORT(name, T, KEY)                                        \
  T *name(T *a, T *tmp, size_t n) {                                            \
    size_t cnt[8][256];                                                        \
    size_t i;                                                                  \
    int p;                                                                     \
    T *src = a, *dst = tmp, *sw;                                               \
    memset(cnt, 0, sizeof cnt);                                                \
    for (i = 0; i < n; i++) {                                                  \
      uint64_t k = KEY(&a[i]);                                                 \
      for (p = 0; p < 8; p++)                                                  \
        cnt[p][(k >> (8 * p)) & 0xff]++;                                       \
    }                                                                          \
    for (p = 0; p < 8 && n > 0; p++) {                                         \
      size_t sum = 0, c;                                                       \
      unsigned b;                                                              \
      if (cnt[p][(KEY(&a[0]) >> (8 * p)) & 0xff] == n)                         \
        continue; /* all keys share this byte */                               \
      for (b = 0; b < 256; b++) {                                              \
        c = cnt[p][b];                                                         \
        cnt[p][b] = sum;                                                       \
        sum += c;                                                              \
      }                                                                        \
      for (i = 0; i < n; i++)                                                  \
        dst[cnt[p][(KEY(&src[i]) >> (8 * p)) & 0xff]++] = src[i];              \
      sw = src;                                                                \
      src = dst;                                                               \
      dst = sw;                                                                \
    }                                                                          \
    return src;                                                                \
  }

DEFINE_RADIX_SORT(surv__radix_sort_u64, uint64_t, key_of_u64)
DEFINE_RADIX_SORT(surv__radix_sort_rec, surv__rec, key_of_rec)

/* LSD radix sort of keys below 2^bits in digits of 11 bits: 6 passes for
 * 64-bit keys instead of 8, all histograms counted in one read. */
#define WIDE_DIGIT 11
#define WIDE_RADIX (1u << WIDE_DIGIT)
#define WIDE_COUNT(p)                                                          \
  cnt[(p)*WIDE_RADIX + ((k >> (WIDE_DIGIT * (p))) & (WIDE_RADIX - 1))]++
uint64_t *surv__radix_sort_u64_bits(uint64_t *a, uint64_t *tmp, size_t n,
                                    unsigned bits) {
  unsigned passes = (bits + WIDE_DIGIT - 1) / WIDE_DIGIT, p, b;
  size_t *cnt, i;
  uint64_t *src = a, *dst = tmp, *sw;
  uint64_t low = bits >= 64 ? ~UINT64_C(0) : (UINT64_C(1) << bits) - 1;
  if (passes == 0 || n < 2)
    return a;
  cnt = surv__calloc_array((size_t)passes * WIDE_RADIX, sizeof *cnt);
  if (cnt == NULL)
    return NULL;
  for (i = 0; i < n; i++) { /* unrolled: one switch, predicted */
    uint64_t k = a[i] & low;
    switch (passes) {
    default:         /* 6 */
      WIDE_COUNT(5); /* fall through */
    case 5:
      WIDE_COUNT(4); /* fall through */
    case 4:
      WIDE_COUNT(3); /* fall through */
    case 3:
      WIDE_COUNT(2); /* fall through */
    case 2:
      WIDE_COUNT(1); /* fall through */
    case 1:
      WIDE_COUNT(0);
    }
  }
  for (p = 0; p < passes; p++) {
    size_t *c = cnt + (size_t)p * WIDE_RADIX, sum = 0, t;
    unsigned sh = WIDE_DIGIT * p;
    if (c[((a[0] & low) >> sh) & (WIDE_RADIX - 1)] == n)
      continue; /* all keys share this digit */
    for (b = 0; b < WIDE_RADIX; b++) {
      t = c[b];
      c[b] = sum;
      sum += t;
    }
    for (i = 0; i < n; i++) {
      uint64_t k = src[i];
      dst[c[((k & low) >> sh) & (WIDE_RADIX - 1)]++] = k;
    }
    sw = src;
    src = dst;
    dst = sw;
  }
  free(cnt);
  return src;
}

/* Keys that agree above bit 0 put in order by a partition on bit 0 (the
 * zeros first), without a branch on the bit: each key is swapped with the
 * first one of the ones, which then move up by one only for a zero. */
static void flag_sort_bit0(uint64_t *k, uint32_t *v, size_t n) {
  size_t lo = 0;
  for (size_t i = 0; i < n; i++) {
    uint64_t x = k[i];
    uint32_t xv = v[i];
    k[i] = k[lo];
    v[i] = v[lo];
    k[lo] = x;
    v[lo] = xv;
    lo += (size_t)(~x & 1);
  }
}

/* In-place MSD radix sort of keys k with values v (American flag sort: no
 * scratch array), byte by byte from the top. Keys that differ only in bit 0
 * (a flag below a tied time: the Cox fit's status) are ordered in one
 * pass (flag_sort_bit0) instead of a byte at a time. */
static void flag_sort_rec(uint64_t *k, uint32_t *v, size_t n, int shift) {
  while (n >= 32) {
    size_t cnt[256] = {0}, next[256], end[256];
    for (size_t i = 0; i < n; i++)
      cnt[(k[i] >> shift) & 255]++;
    size_t sum = 0;
    int one = -1;
    for (int b = 0; b < 256; b++) {
      if (cnt[b] == n)
        one = b;
      next[b] = sum;
      sum += cnt[b];
      end[b] = sum;
    }
    if (one >= 0) { /* every key shares this byte */
      size_t i = 1;
      while (i < n && (k[i] | 1) == (k[0] | 1)) /* tied above bit 0? */
        i++;
      if (i == n) {
        flag_sort_bit0(k, v, n);
        return;
      }
      if (shift == 0)
        return;
      shift -= 8;
      continue;
    }
    for (int b = 0; b < 256; b++) {
      while (next[b] < end[b]) {
        uint64_t x = k[next[b]];
        uint32_t xv = v[next[b]];
        int c = (int)((x >> shift) & 255);
        while (c != b) {
          size_t j = next[c]++;
          uint64_t y = k[j];
          uint32_t yv = v[j];
          k[j] = x;
          v[j] = xv;
          x = y;
          xv = yv;
          c = (int)((x >> shift) & 255);
        }
        k[next[b]] = x;
        v[next[b]] = xv;
        next[b]++;
      }
    }
    if (shift == 0)
      return;
    size_t lo = 0;
    for (int b = 0; b < 256; b++) {
      size_t m = end[b] - lo;
      if (m > 1)
        flag_sort_rec(k + lo, v + lo, m, shift - 8);
      lo = end[b];
    }
    return;
  }
  for (size_t i = 1; i < n; i++) { /* insertion sort of a short run */
    uint64_t x = k[i];
    uint32_t xv = v[i];
    size_t j = i;
    for (; j > 0 && k[j - 1] > x; j--) {
      k[j] = k[j - 1];
      v[j] = v[j - 1];
    }
    k[j] = x;
    v[j] = xv;
  }
}

void surv__flag_sort(uint64_t *key, uint32_t *val, size_t n) {
  flag_sort_rec(key, val, n, 56);
}

/* The stable order of n keys key(i) (i = 0..n), written to order. */
static int key_order(const void *src, uint64_t (*key)(const void *, size_t),
                     size_t n, size_t *order, void *ws) {
  surv__rec *r = ws ? ws : surv__malloc_array(n, 2 * sizeof(surv__rec)), *s;
  size_t i;
  if (!r)
    return SURV_ENOMEM;
  for (i = 0; i < n; i++) {
    r[i].key = key(src, i);
    r[i].val = (uint64_t)i;
  }
  s = surv__radix_sort_rec(r, r + n, n);
  for (i = 0; i < n; i++)
    order[i] = (size_t)s[i].val;
  if (!ws)
    free(r);
  return SURV_OK;
}

static uint64_t time_key(const void *src, size_t i) {
  return surv__time_bits(((const double *)src)[i]);
}

static uint64_t u64_key(const void *src, size_t i) {
  return ((const uint64_t *)src)[i];
}

int surv__time_order(const double *time, size_t n, size_t *order) {
  return key_order(time, time_key, n, order, NULL);
}

int surv__key_order(const uint64_t *key, size_t n, size_t *order) {
  return key_order(key, u64_key, n, order, NULL);
}

int surv__key_order_ws(const uint64_t *key, size_t n, size_t *order, void *ws) {
  return key_order(key, u64_key, n, order, ws);
}

uint64_t surv__double_key(double x) {
  uint64_t b;
  if (x == 0.0)
    return UINT64_C(1) << 63; /* -0.0 and +0.0 */
  memcpy(&b, &x, sizeof b);
  return (b >> 63) ? ~b : b | (UINT64_C(1) << 63);
}

/* ---- near ties (R aeqSurv) ------------------------------------------------
 */

void surv__timefix_sorted(const double *sorted, size_t n, double *out) {
  const double tol = sqrt(DBL_EPSILON);
  long double s = 0.0L, t = 0.0L;
  double mean, prev, cut;
  size_t i, m = 0;
  if (n == 0)
    return;
  /* R's mean(abs(y)) over the distinct values: long double sum, then one
   * correction pass, as R's mean() */
  for (i = 0; i < n; i++)
    if (i == 0 || sorted[i] != sorted[i - 1]) {
      s += fabs(sorted[i]);
      m++;
    }
  s /= (long double)m;
  if (isfinite((double)s)) {
    for (i = 0; i < n; i++)
      if (i == 0 || sorted[i] != sorted[i - 1])
        t += fabs(sorted[i]) - s;
    s += t / (long double)m;
  }
  mean = (double)s;
  prev = cut = sorted[0];
  for (i = 0; i < n; i++) { /* reads sorted[i] before out[i] is written */
    double y = sorted[i];
    if (y != prev) {
      double dy = y - prev;
      if (!(dy <= tol || dy / mean <= tol))
        cut = y; /* a real gap starts a new chain */
      prev = y;
    }
    out[i] = cut;
  }
}

int surv__sort_times(const double *time, size_t n, int notimefix, size_t *order,
                     double *ts) {
  size_t i;
  if (surv__time_order(time, n, order) != SURV_OK)
    return SURV_ENOMEM;
  for (i = 0; i < n; i++)
    ts[i] = time[order[i]];
  if (!notimefix)
    surv__timefix_sorted(ts, n, ts);
  return SURV_OK;
}

static int cmp_double(const void *a, const void *b) {
  double x = *(const double *)a, y = *(const double *)b;
  return (x > y) - (x < y);
}

/* The chain head of value x among the m sorted distinct values y with heads
 * h (binary search; x is one of the y). */
static double head_of(double x, const double *y, const double *h, size_t m) {
  size_t lo = 0, hi = m;
  while (hi - lo > 1) {
    size_t mid = lo + (hi - lo) / 2;
    if (y[mid] <= x)
      lo = mid;
    else
      hi = mid;
  }
  return h[lo];
}

int surv__timefix_counting(const double *entry, const double *time, size_t n,
                           double *entry_out, double *time_out) {
  double *y = surv__malloc_array(n, 4 * sizeof(double)), *h;
  size_t i, m = 0;
  if (!y)
    return SURV_ENOMEM;
  memcpy(y, entry, n * sizeof(double));
  memcpy(y + n, time, n * sizeof(double));
  qsort(y, 2 * n, sizeof(double), cmp_double);
  for (i = 1; i < 2 * n; i++)
    if (y[i] != y[m])
      y[++m] = y[i];
  m++;
  h = y + 2 * n;
  surv__timefix_sorted(y, m, h);
  for (i = 0; i < n; i++) {
    double a = head_of(entry[i], y, h, m), b = head_of(time[i], y, h, m);
    if (!(a < b)) {
      free(y);
      return SURV_ETIME;
    }
  }
  for (i = 0; i < n; i++) {
    double a = head_of(entry[i], y, h, m), b = head_of(time[i], y, h, m);
    entry_out[i] = a;
    time_out[i] = b;
  }
  free(y);
  return SURV_OK;
}

/* ---- group and stratum labels ---------------------------------------------
 */

static int cmp_int(const void *a, const void *b) {
  int x = *(const int *)a, y = *(const int *)b;
  return (x > y) - (x < y);
}

int surv__labels(const int *lab, size_t n, int **uniq, size_t *k,
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

/* ---- the distinct-time count table --------------------------------------- */

void surv__counts_free(surv__counts *c) {
  free(c->time);
  free(c->n_risk);
  free(c->n_event);
  free(c->n_censor);
  free(c->d0);
  c->time = c->n_risk = c->n_event = c->n_censor = c->d0 = NULL;
  c->m = 0;
}

int surv__counts_make(const double *time, const int *status,
                      const double *weight, size_t n, int notimefix,
                      surv__counts *c) {
  size_t *order = surv__malloc_array(n, sizeof *order), i, m = 0, k;
  double *ts = surv__malloc_array(n, sizeof *ts), risk = 0;
  c->time = surv__malloc_array(n, sizeof *c->time);
  c->n_risk = surv__malloc_array(n, sizeof *c->n_risk);
  c->n_event = surv__malloc_array(n, sizeof *c->n_event);
  c->n_censor = surv__malloc_array(n, sizeof *c->n_censor);
  c->d0 = surv__malloc_array(n, sizeof *c->d0);
  if (order == NULL || ts == NULL || c->time == NULL || c->n_risk == NULL ||
      c->n_event == NULL || c->n_censor == NULL || c->d0 == NULL ||
      surv__sort_times(time, n, notimefix, order, ts) != SURV_OK) {
    free(order);
    free(ts);
    surv__counts_free(c);
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

/* ---- the confidence-limit row -------------------------------------------- */

int surv__check_ci(surv_ci_type type, double level) {
  if ((int)type < (int)SURV_CI_PLAIN || (int)type > (int)SURV_CI_ARCSIN)
    return SURV_EINVAL;
  if (!(level > 0.0 && level < 1.0))
    return SURV_ELEVEL;
  return SURV_OK;
}

/* R's pmax(a, b) / pmin(a, b): NaN if either is NaN (fmax would drop it). */
static double r_max(double a, double b) {
  return isnan(a) || isnan(b) ? NAN : (a > b ? a : b);
}
static double r_min(double a, double b) {
  return isnan(a) || isnan(b) ? NAN : (a < b ? a : b);
}

int surv__ci_is_na(surv_ci_type type, double s) {
  switch (type) {
  case SURV_CI_PLAIN:
    return 0; /* S = 0: Inf * 0 = NaN */
  case SURV_CI_LOGLOG:
    return s == 0.0 || s == 1.0;
  default: /* log, logit, arcsin: NA at S = 0; logit/arcsin NaN at S = 1 */
    return s == 0.0;
  }
}

void surv__ci_row(surv_ci_type type, double z, double p, double se,
                  double *lower, double *upper) {
  double xx, se2, lo, hi;
  switch (type) {
  case SURV_CI_PLAIN:
    se2 = se * p * z;
    lo = r_max(p - se2, 0.0);
    hi = r_min(p + se2, 1.0);
    break;
  case SURV_CI_LOG:
    if (p == 0.0) {
      lo = hi = NAN;
      break;
    }
    se2 = z * se;
    lo = exp(log(p) - se2);
    hi = r_min(exp(log(p) + se2), 1.0);
    break;
  case SURV_CI_LOGLOG:
    if (p == 0.0 || p == 1.0) {
      lo = hi = NAN;
      break;
    }
    se2 = z * se / log(p);
    lo = exp(-exp(log(-log(p)) - se2));
    hi = exp(-exp(log(-log(p)) + se2));
    break;
  case SURV_CI_LOGIT:
    if (p == 0.0) {
      lo = hi = NAN;
      break;
    }
    xx = p;
    se2 = z * se * (1 + xx / (1 - xx)); /* NaN at S = 1 (0 * Inf) */
    lo = 1 - 1 / (1 + exp(log(p / (1 - p)) - se2));
    hi = 1 - 1 / (1 + exp(log(p / (1 - p)) + se2));
    break;
  default: /* SURV_CI_ARCSIN */
    if (p == 0.0) {
      lo = hi = NAN;
      break;
    }
    xx = p;
    se2 = 0.5 * z * se * sqrt(xx / (1 - xx)); /* NaN at S = 1 */
    lo = sin(r_max(0.0, asin(sqrt(xx)) - se2));
    lo *= lo;
    hi = sin(r_min(HALF_PI, asin(sqrt(xx)) + se2));
    hi *= hi;
    break;
  }
  *lower = lo;
  *upper = hi;
}

void surv__group_by_index(const size_t *sid, size_t n, size_t ns, size_t *rows,
                          size_t *start) {
  memset(start, 0, (ns + 1) * sizeof *start);
  for (size_t i = 0; i < n; i++)
    start[sid[i] + 1]++;
  for (size_t s = 0; s < ns; s++)
    start[s + 1] += start[s];
  for (size_t i = 0; i < n; i++)
    rows[start[sid[i]]++] = i;
  for (size_t s = ns; s > 0; s--)
    start[s] = start[s - 1];
  start[0] = 0;
}
