/* Kaplan-Meier input stage: turn n subjects (time, status, weight) into the
 * sorted list of distinct times with weighted death and censoring sums, which
 * is all the product-limit estimator needs (R survfitkm.c computes the same
 * sums while walking the sorted data).
 *
 * Three routes, chosen by cost:
 *  - time already non-decreasing (checked by the caller in its validation
 *    pass): one linear scan, O(n), memory O(m) for m distinct times;
 *  - otherwise an open-addressing hash table keyed on the IEEE bits of the
 *    time (O(n) expected), grown by doubling; its m entries are then radix
 *    sorted, O(m). Memory stays O(m), which matters: the data sets this is
 *    built for (10^7 subjects, times rounded to 0.01) have few distinct times,
 *    and touching fresh memory is often the dominant cost;
 *  - when more than about n/8 times are distinct, an LSD radix sort (8 passes
 *    of 8 bits) of all n keys, O(n), with one scratch copy: 16 bytes per
 *    subject without weights (status is packed into the key), 32 with weights
 *    or strata (key plus weight).
 * Non-negative finite doubles order like their bit patterns read as uint64,
 * so the radix sort on bits sorts the times (-0.0 is mapped to +0.0 first).
 */
#include <stdlib.h>
#include <string.h>

#include "km_internal.h"

#define EMPTY_SLOT UINT64_MAX
#define OUT_OF_STRATUM UINT64_MAX /* a NaN pattern: never a valid weight */

static uint64_t time_bits(double t) {
  uint64_t b;
  if (t == 0.0)
    return 0; /* -0.0 -> +0.0 */
  memcpy(&b, &t, sizeof b);
  return b;
}

static double bits_time(uint64_t b) {
  double t;
  memcpy(&t, &b, sizeof t);
  return t;
}

static uint64_t weight_bits(double w) {
  uint64_t b;
  memcpy(&b, &w, sizeof b);
  return b;
}

typedef struct rec {
  uint64_t key; /* time bits << 1 | censored (or | present for hash slots) */
  uint64_t val; /* weight bits, OUT_OF_STRATUM, or a slot index */
} rec;

static uint64_t key_of_u64(const uint64_t *x) { return *x; }
static uint64_t key_of_rec(const rec *x) { return x->key; }

/* LSD radix sort, 8 passes of 8 bits, skipping passes where every key has
 * the same byte. Sorts a[0..n) using tmp[0..n); returns the buffer holding
 * the result (a or tmp). Stable. O(n). */
#define DEFINE_RADIX_SORT(name, T, KEY)                                        \
  static T *name(T *a, T *tmp, size_t n) {                                     \
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

DEFINE_RADIX_SORT(radix_sort_u64, uint64_t, key_of_u64)
DEFINE_RADIX_SORT(radix_sort_rec, rec, key_of_rec)

void surv__km_agg_free(surv__km_agg *agg) {
  free(agg->time);
  agg->time = agg->dead = agg->cens = NULL;
  agg->present = NULL;
  agg->m = 0;
}

/* One allocation for the four arrays of m rows. */
static int agg_alloc(surv__km_agg *agg, size_t m, int stratified) {
  double *block = surv__malloc_array(m, 3 * sizeof(double) + 1);
  if (!block)
    return SURV_ENOMEM;
  agg->m = 0; /* rows are appended */
  agg->time = block;
  agg->dead = block + m;
  agg->cens = block + 2 * m;
  agg->present = stratified ? (unsigned char *)(block + 3 * m) : NULL;
  return SURV_OK;
}

/* Append a subject in time order: a new row when t differs from the last. */
static void agg_add(surv__km_agg *agg, double t, int dead, double w, int in) {
  size_t j = agg->m;
  if (j == 0 || agg->time[j - 1] != t) {
    agg->time[j] = t;
    agg->dead[j] = agg->cens[j] = 0.0;
    if (agg->present)
      agg->present[j] = 0;
    agg->m = ++j;
  }
  if (!in)
    return;
  if (dead)
    agg->dead[j - 1] += w;
  else
    agg->cens[j - 1] += w;
  if (agg->present)
    agg->present[j - 1] = 1;
}

static int agg_from_sorted(const double *time, const int *status,
                           const double *weight, const int *group, int label,
                           size_t n, surv__km_agg *agg) {
  size_t i, m = 1;
  for (i = 1; i < n; i++)
    m += time[i] != time[i - 1];
  if (agg_alloc(agg, m, group != NULL))
    return SURV_ENOMEM;
  for (i = 0; i < n; i++)
    agg_add(agg, bits_time(time_bits(time[i])), status[i] == 1,
            weight ? weight[i] : 1.0, !group || group[i] == label);
  return SURV_OK;
}

/* ---- hash route --------------------------------------------------------- */

typedef struct slot {
  uint64_t key; /* time bits << 1 | present; EMPTY_SLOT when free */
  double dead, cens;
} slot;

static size_t slot_index(uint64_t bits, int shift) {
  return (size_t)((bits * UINT64_C(0x9E3779B97F4A7C15)) >> shift);
}

static slot *slot_find(slot *tab, size_t mask, int shift, uint64_t bits,
                       size_t *count) {
  size_t h = slot_index(bits, shift);
  for (;;) {
    slot *s = &tab[h];
    if (s->key == EMPTY_SLOT) {
      s->key = bits << 1;
      s->dead = s->cens = 0.0;
      ++*count;
      return s;
    }
    if (s->key >> 1 == bits)
      return s;
    h = (h + 1) & mask;
  }
}

static slot *slot_table(size_t cap) {
  slot *tab = surv__malloc_array(cap, sizeof(slot));
  size_t i;
  if (tab)
    for (i = 0; i < cap; i++)
      tab[i].key = EMPTY_SLOT;
  return tab;
}

/* Aggregate through a hash table of at most max_cap slots. Returns SURV_OK,
 * SURV_ENOMEM, or -1 when more distinct times than max_cap/2 turn up. */
static int agg_by_hash(const double *time, const int *status,
                       const double *weight, const int *group, int label,
                       size_t n, size_t max_cap, surv__km_agg *agg) {
  size_t cap = 1024, mask, count = 0, i, j;
  int shift = 64 - 10;
  slot *tab = slot_table(cap);
  rec *r, *tmp, *sorted;
  if (!tab)
    return SURV_ENOMEM;
  mask = cap - 1;
  for (i = 0; i < n; i++) {
    slot *s = slot_find(tab, mask, shift, time_bits(time[i]), &count);
    if (!group || group[i] == label) {
      double w = weight ? weight[i] : 1.0;
      s->key |= 1;
      if (status[i] == 1)
        s->dead += w;
      else
        s->cens += w;
    }
    if (2 * count > cap) { /* keep the load at most 1/2: double */
      slot *big;
      if (2 * cap > max_cap) {
        free(tab);
        return -1;
      }
      big = slot_table(2 * cap);
      if (!big) {
        free(tab);
        return SURV_ENOMEM;
      }
      shift--;
      mask = 2 * cap - 1;
      for (j = 0; j < cap; j++)
        if (tab[j].key != EMPTY_SLOT) {
          size_t h = slot_index(tab[j].key >> 1, shift);
          while (big[h].key != EMPTY_SLOT)
            h = (h + 1) & mask;
          big[h] = tab[j];
        }
      free(tab);
      tab = big;
      cap *= 2;
    }
  }
  /* Sort the occupied slots by time. */
  r = surv__malloc_array(2 * count, sizeof(rec));
  if (!r) {
    free(tab);
    return SURV_ENOMEM;
  }
  tmp = r + count;
  for (i = j = 0; i < cap; i++)
    if (tab[i].key != EMPTY_SLOT) {
      r[j].key = tab[i].key;
      r[j++].val = i;
    }
  sorted = radix_sort_rec(r, tmp, count);
  if (agg_alloc(agg, count, group != NULL)) {
    free(r);
    free(tab);
    return SURV_ENOMEM;
  }
  for (j = 0; j < count; j++) {
    const slot *s = &tab[sorted[j].val];
    agg->time[j] = bits_time(s->key >> 1);
    agg->dead[j] = s->dead;
    agg->cens[j] = s->cens;
    if (agg->present)
      agg->present[j] = (unsigned char)(s->key & 1);
  }
  agg->m = count;
  free(r);
  free(tab);
  return SURV_OK;
}

/* ---- radix route -------------------------------------------------------- */

/* Unweighted, unstratified: the key carries the status in its low bit. */
static int agg_by_radix_keys(const double *time, const int *status, size_t n,
                             surv__km_agg *agg) {
  uint64_t *k = surv__malloc_array(n, 2 * sizeof(uint64_t)), *s;
  size_t i, m = 1;
  if (!k)
    return SURV_ENOMEM;
  for (i = 0; i < n; i++)
    k[i] = time_bits(time[i]) << 1 | (uint64_t)(status[i] == 0);
  s = radix_sort_u64(k, k + n, n);
  for (i = 1; i < n; i++)
    m += (s[i] >> 1) != (s[i - 1] >> 1);
  if (agg_alloc(agg, m, 0)) {
    free(k);
    return SURV_ENOMEM;
  }
  for (i = 0; i < n; i++)
    agg_add(agg, bits_time(s[i] >> 1), (s[i] & 1) == 0, 1.0, 1);
  free(k);
  return SURV_OK;
}

/* Weighted or stratified: (key, weight) records. */
static int agg_by_radix_recs(const double *time, const int *status,
                             const double *weight, const int *group, int label,
                             size_t n, surv__km_agg *agg) {
  rec *r = surv__malloc_array(n, 2 * sizeof(rec)), *s;
  size_t i, m = 1;
  if (!r)
    return SURV_ENOMEM;
  for (i = 0; i < n; i++) {
    r[i].key = time_bits(time[i]) << 1 | (uint64_t)(status[i] == 0);
    r[i].val = (group && group[i] != label)
                   ? OUT_OF_STRATUM
                   : weight_bits(weight ? weight[i] : 1.0);
  }
  s = radix_sort_rec(r, r + n, n);
  for (i = 1; i < n; i++)
    m += (s[i].key >> 1) != (s[i - 1].key >> 1);
  if (agg_alloc(agg, m, group != NULL)) {
    free(r);
    return SURV_ENOMEM;
  }
  for (i = 0; i < n; i++)
    agg_add(agg, bits_time(s[i].key >> 1), (s[i].key & 1) == 0,
            bits_time(s[i].val), s[i].val != OUT_OF_STRATUM);
  free(r);
  return SURV_OK;
}

int surv__km_aggregate(const double *time, const int *status,
                       const double *weight, const int *group, int label,
                       size_t n, int sorted, surv__km_agg *agg) {
  size_t max_cap = 1024;
  int rc;
  if (sorted)
    return agg_from_sorted(time, status, weight, group, label, n, agg);
  /* Slots are 24 bytes; at most n/2 of them (12 bytes a subject), so the
   * table holds up to about n/4 distinct times before the radix route. */
  while (max_cap <= n / 4)
    max_cap *= 2;
  rc = agg_by_hash(time, status, weight, group, label, n, max_cap, agg);
  if (rc >= 0)
    return rc;
  if (!weight && !group)
    return agg_by_radix_keys(time, status, n, agg);
  return agg_by_radix_recs(time, status, weight, group, label, n, agg);
}
