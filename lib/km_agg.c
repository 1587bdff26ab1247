/* Kaplan-Meier input stage: validate n subjects (time, status, weight) and
 * turn them into the sorted list of distinct times with weighted death and
 * censoring sums, which is all the product-limit estimator needs (R
 * survfitkm.c computes the same sums while walking the sorted data).
 *
 * One pass validates every subject and notes whether time is
 * non-decreasing. Sorted input is then aggregated by one linear scan: O(n)
 * in all. At the first decrease the pass restarts and aggregates by time in an
 * open-addressing hash table keyed on the IEEE bits of the time (linear
 * probing, Fibonacci hashing, grown by doubling up to a load of 3/4, with
 * software prefetching): O(n) expected; its m distinct times are then radix
 * sorted, O(m). Memory stays O(m), which matters: the data this is built for
 * (10^7 subjects, times rounded to 0.01) have few distinct times, fresh
 * memory is expensive to touch, and a small table stays in cache.
 * When more than about 3n/8 times are distinct the table is dropped, the
 * pass only validates, and an LSD radix sort (8 passes of 8 bits) of all n
 * keys follows, O(n), with one scratch copy: 16 bytes per subject without
 * weights (status is packed into the key), 32 with weights or strata (key
 * plus weight).
 * Non-negative finite doubles order like their bit patterns read as uint64,
 * so the radix sort on bits sorts the times (-0.0 is mapped to +0.0 first);
 * the radix sorts and the subject checks are the survival-time core's
 * (lib/survtime.c). The rows are allocated here (surv__km_alloc) for every
 * Kaplan-Meier fit: lib/km.c and the delayed-entry fit lib/km_entry.c.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "km_internal.h"
#include "survtime.h"

#define EMPTY_SLOT UINT64_MAX

surv__km *surv__km_alloc(size_t k) {
  /* struct followed by 7 arrays of k doubles */
  size_t head = (sizeof(surv__km) + sizeof(double) - 1) / sizeof(double);
  double *block;
  surv__km *km;
  if (k > SIZE_MAX / 7 - head)
    return NULL;
  block = surv__malloc_array(head + 7 * k, sizeof(double));
  if (!block)
    return NULL;
  km = (surv__km *)(void *)block;
  km->size = k;
  km->time = block + head;
  km->n_risk = km->time + k;
  km->n_event = km->n_risk + k;
  km->n_censor = km->n_event + k;
  km->surv = km->n_censor + k;
  km->std_err = km->surv + k;
  km->std_err_log = km->std_err + k;
  return km;
}

/* The curve that will hold m rows; the aggregation fills three of its
 * arrays. */
static int agg_alloc(surv__km_agg *agg, size_t m) {
  surv__km *km = surv__km_alloc(m);
  if (!km)
    return SURV_ENOMEM;
  agg->m = 0; /* rows are appended */
  agg->km = km;
  agg->time = km->time;
  agg->dead = km->n_event;
  agg->cens = km->n_censor;
  return SURV_OK;
}

/* Append a subject in time order: a new row when t differs from the last. */
static void agg_add(surv__km_agg *agg, double t, int dead, double w) {
  size_t j = agg->m;
  if (j == 0 || agg->time[j - 1] != t) {
    agg->time[j] = t;
    agg->dead[j] = agg->cens[j] = 0.0;
    agg->m = ++j;
  }
  if (dead)
    agg->dead[j - 1] += w;
  else
    agg->cens[j - 1] += w;
}

static int agg_from_sorted(const double *time, const int *status,
                           const double *weight, size_t n, surv__km_agg *agg) {
  size_t i, m = 1;
  for (i = 1; i < n; i++)
    m += time[i] != time[i - 1];
  if (agg_alloc(agg, m))
    return SURV_ENOMEM;
  for (i = 0; i < n; i++)
    agg_add(agg, surv__double_of(surv__time_bits(time[i])), status[i] == 1,
            weight ? weight[i] : 1.0);
  return SURV_OK;
}

/* ---- hash route --------------------------------------------------------- */

typedef struct slot {
  uint64_t key; /* time bits << 1; EMPTY_SLOT when free */
  double dead, cens;
} slot;

/* Fibonacci hashing: the top bits of bits * 2^64/phi. */
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

/* Double the table; NULL (old table kept) on allocation failure. */
static slot *slot_grow(slot *tab, size_t cap, int shift) {
  slot *big = slot_table(2 * cap);
  size_t j, mask = 2 * cap - 1;
  if (!big)
    return NULL;
  for (j = 0; j < cap; j++)
    if (tab[j].key != EMPTY_SLOT) {
      size_t h = slot_index(tab[j].key >> 1, shift);
      while (big[h].key != EMPTY_SLOT)
        h = (h + 1) & mask;
      big[h] = tab[j];
    }
  free(tab);
  return big;
}

/* The occupied slots, sorted by time, into agg. */
static int agg_from_table(const slot *tab, size_t cap, size_t count,
                          surv__km_agg *agg) {
  surv__rec *r = surv__malloc_array(count, 2 * sizeof(surv__rec)), *sorted;
  size_t i, j;
  if (!r)
    return SURV_ENOMEM;
  for (i = j = 0; i < cap; i++)
    if (tab[i].key != EMPTY_SLOT) {
      r[j].key = tab[i].key;
      r[j++].val = i;
    }
  sorted = surv__radix_sort_rec(r, r + count, count);
  if (agg_alloc(agg, count)) {
    free(r);
    return SURV_ENOMEM;
  }
  for (j = 0; j < count; j++) {
    const slot *s = &tab[sorted[j].val];
    agg->time[j] = surv__double_of(s->key >> 1);
    agg->dead[j] = s->dead;
    agg->cens[j] = s->cens;
  }
  agg->m = count;
  free(r);
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
    k[i] = surv__time_bits(time[i]) << 1 | (uint64_t)(status[i] == 0);
  s = surv__radix_sort_u64(k, k + n, n);
  for (i = 1; i < n; i++)
    m += (s[i] >> 1) != (s[i - 1] >> 1);
  if (agg_alloc(agg, m)) {
    free(k);
    return SURV_ENOMEM;
  }
  for (i = 0; i < n; i++)
    agg_add(agg, surv__double_of(s[i] >> 1), (s[i] & 1) == 0, 1.0);
  free(k);
  return SURV_OK;
}

/* Weighted: (key, weight) records. */
static int agg_by_radix_recs(const double *time, const int *status,
                             const double *weight, size_t n,
                             surv__km_agg *agg) {
  surv__rec *r = surv__malloc_array(n, 2 * sizeof(surv__rec)), *s;
  size_t i, m = 1;
  if (!r)
    return SURV_ENOMEM;
  for (i = 0; i < n; i++) {
    r[i].key = surv__time_bits(time[i]) << 1 | (uint64_t)(status[i] == 0);
    r[i].val = surv__bits_of(weight[i]);
  }
  s = surv__radix_sort_rec(r, r + n, n);
  for (i = 1; i < n; i++)
    m += (s[i].key >> 1) != (s[i - 1].key >> 1);
  if (agg_alloc(agg, m)) {
    free(r);
    return SURV_ENOMEM;
  }
  for (i = 0; i < n; i++)
    agg_add(agg, surv__double_of(s[i].key >> 1), (s[i].key & 1) == 0,
            surv__double_of(s[i].val));
  free(r);
  return SURV_OK;
}

#define PREFETCH_AHEAD 8 /* subjects: overlaps the table's cache misses */
#if defined(__GNUC__) || defined(__clang__)
#define PREFETCH(p) __builtin_prefetch((p), 1)
#else
#define PREFETCH(p) ((void)(p))
#endif

/* The growing hash table of the aggregation pass. */
typedef struct table {
  slot *tab; /* NULL before the first inversion and after giving up */
  size_t cap, max_cap, count;
  int shift;
} table;

/* Called when the load passes 3/4: double the table, or drop it once it
 * would exceed max_cap slots (too many distinct times). */
static int table_grow(table *t) {
  slot *big;
  if (2 * t->cap > t->max_cap) {
    free(t->tab);
    t->tab = NULL;
    return SURV_OK;
  }
  big = slot_grow(t->tab, t->cap, t->shift - 1);
  if (!big)
    return SURV_ENOMEM;
  t->tab = big;
  t->cap *= 2;
  t->shift--;
  return SURV_OK;
}

/* One pass validates every subject. While time is non-decreasing nothing
 * else happens (sorted input is then aggregated by a linear scan); at the
 * first decrease the pass restarts from subject 0 with a hash table, adding
 * every subject (validating those not yet seen). */
int surv__km_aggregate(const double *time, const int *status,
                       const double *weight, size_t n, surv__km_agg *agg) {
  table t = {NULL, 1024, 1024, 0, 64 - 10};
  size_t i = 0, checked = 0;
  int up = 1, rc = SURV_OK;
  /* Slots are 24 bytes, at most n/2 of them (12 bytes a subject); at a load
   * of 3/4 that is up to 3n/8 distinct times before the radix route. */
  while (t.max_cap <= n / 4)
    t.max_cap *= 2;
  while (i < n) {
    if (i == checked) {
      rc = surv__check_subject(time, status, weight, i);
      if (rc)
        break;
      checked++;
      if (up && i > 0 && time[i] < time[i - 1]) {
        up = 0;
        t.tab = slot_table(t.cap);
        if (!t.tab) {
          rc = SURV_ENOMEM;
          break;
        }
        i = 0; /* hash the sorted prefix too */
        continue;
      }
    }
    if (t.tab) {
      slot *s;
      if (i + PREFETCH_AHEAD < n)
        PREFETCH(&t.tab[slot_index(surv__time_bits(time[i + PREFETCH_AHEAD]),
                                   t.shift)]);
      s = slot_find(t.tab, t.cap - 1, t.shift, surv__time_bits(time[i]),
                    &t.count);
      {
        double w = weight ? weight[i] : 1.0;
        if (status[i] == 1)
          s->dead += w;
        else
          s->cens += w;
      }
      if (4 * t.count > 3 * t.cap && (rc = table_grow(&t)) != SURV_OK)
        break;
    }
    i++;
  }
  if (!rc && up)
    rc = agg_from_sorted(time, status, weight, n, agg);
  else if (!rc && t.tab)
    rc = agg_from_table(t.tab, t.cap, t.count, agg);
  else if (!rc && !weight)
    rc = agg_by_radix_keys(time, status, n, agg);
  else if (!rc)
    rc = agg_by_radix_recs(time, status, weight, n, agg);
  free(t.tab);
  return rc;
}
