/* Count tables: per distinct (time, stratum, group, kind) the weighted count
 * and the number of rows, where kind is -1 for an entry (delayed entry, at
 * the entry time), 0 for a censoring and k >= 1 for an event of cause k.
 * That is all the Kaplan-Meier (R survfitkm.c), log-rank (R survdiff2.c),
 * Nelson-Aalen and Aalen-Johansen (R survfitCI.R) estimators read of the
 * data, so a table built from the
 * data in pieces, merged and fitted gives the fit of the data themselves.
 *
 * The table is an open-addressing hash table (linear probing, grown by
 * doubling at a load of 1/2): adding n rows costs O(n) expected, memory is
 * O(cells), the number of distinct (time, stratum, group, kind), whatever n.
 * Times are kept exactly (their IEEE bits, -0.0 as +0.0); R's near-tie merge
 * (aeqSurv, lib/survtime.c surv__timefix_sorted) happens only when fitting,
 * on the distinct times of the whole merged table, which are the distinct
 * times of the data: the same chains as the fit of the data. Merging adds
 * cells; with unit or integer weights (and any weights whose sums are exact
 * in double precision) the sums do not depend on the order of the rows or
 * of the merges, and every fit equals the fit of the data bit for bit.
 *
 * Fits: the cells are sorted by (stratum, merged time, group, kind), O(c log
 * c) for c cells, and handed to the modules' own arithmetic: the rows of a
 * Kaplan-Meier curve to surv__km_estimate (lib/km.c), the distinct-time
 * table to surv__na_result (lib/na.c), the cells to surv__logrank_cells
 * (lib/logrank.c), the (time, status) units with their multiplicities to
 * surv__cif_units (lib/cif.c).
 *
 * Byte format (surv_counts_write(3)), little-endian: "SURVCNT" and a zero
 * byte, uint32 version (1), uint32 members (bit 0 entry, 1 weight, 2 group,
 * 3 strata, 4 rows counted), uint64 cells c, then c cells of 40 bytes
 * (double time, double weighted count, double rows, int32 stratum, int32
 * group, int32 kind, uint32 0) in ascending (time, stratum, group, kind)
 * order, then the FNV-1a 64-bit hash of every byte before it. */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "counts_internal.h"
#include "km_internal.h"
#include "survtime.h"

#define M_ENTRY 0x1u
#define M_WEIGHT 0x2u
#define M_GROUP 0x4u
#define M_STRATA 0x8u
#define M_ROWS 0x10u
#define M_ALL 0x1fu

#define HEAD_BYTES 24
#define CELL_BYTES 40
#define TAIL_BYTES 8
#define VERSION 1u

typedef struct cell {
  uint64_t t; /* time bits */
  int32_t s, g, kind;
  uint32_t used;
  double w, cnt;
} cell;

struct surv_counts {
  cell *tab;
  size_t cap, count; /* cap a power of 2 (or 0) */
  unsigned members;  /* M_* bits; M_ROWS once rows were counted */
};

static size_t cell_hash(uint64_t t, int32_t s, int32_t g, int32_t kind,
                        size_t mask) {
  uint64_t h = t * UINT64_C(0x9E3779B97F4A7C15);
  h ^= ((uint64_t)(uint32_t)s << 32 | (uint32_t)g) *
       UINT64_C(0xC2B2AE3D27D4EB4F);
  h ^= (uint64_t)(uint32_t)kind * UINT64_C(0x165667B19E3779F9);
  h ^= h >> 29;
  return (size_t)(h * UINT64_C(0xBF58476D1CE4E5B9) >> 17) & mask;
}

/* The cell of a key whose hash is h (a new empty one if absent); the
 * table has room. */
static cell *cell_at_h(surv_counts *c, size_t h, uint64_t t, int32_t s,
                       int32_t g, int32_t kind) {
  size_t mask = c->cap - 1;
  for (;; h = (h + 1) & mask) {
    cell *x = &c->tab[h];
    if (!x->used) {
      x->used = 1;
      x->t = t;
      x->s = s;
      x->g = g;
      x->kind = kind;
      x->w = x->cnt = 0;
      c->count++;
      return x;
    }
    if (x->t == t && x->s == s && x->g == g && x->kind == kind)
      return x;
  }
}

static cell *cell_at(surv_counts *c, uint64_t t, int32_t s, int32_t g,
                     int32_t kind) {
  return cell_at_h(c, cell_hash(t, s, g, kind, c->cap - 1), t, s, g, kind);
}

/* Room for `cells` cells at a load <= 1/2; c unchanged on SURV_ENOMEM. */
static int reserve(surv_counts *c, size_t cells) {
  size_t cap = 64, i;
  surv_counts big;
  if (cells > SIZE_MAX / 4)
    return SURV_ENOMEM;
  while (cap < 2 * cells)
    cap *= 2;
  if (cap <= c->cap)
    return SURV_OK;
  big.tab = surv__calloc_array(cap, sizeof(cell));
  if (!big.tab)
    return SURV_ENOMEM;
  big.cap = cap;
  big.count = 0;
  for (i = 0; i < c->cap; i++)
    if (c->tab[i].used) {
      const cell *x = &c->tab[i];
      cell *y = cell_at(&big, x->t, x->s, x->g, x->kind);
      y->w = x->w;
      y->cnt = x->cnt;
    }
  free(c->tab);
  c->tab = big.tab;
  c->cap = cap;
  return SURV_OK;
}

SURV_EXPORT int surv_counts_new(surv_counts **out) {
  surv_counts *c;
  if (!out)
    return SURV_ENULL;
  if (!(c = calloc(1, sizeof *c)))
    return SURV_ENOMEM;
  *out = c;
  return SURV_OK;
}

SURV_EXPORT void surv_counts_free(surv_counts *c) {
  if (!c)
    return;
  free(c->tab);
  free(c);
}

/* Add the cells of from to into, which has room for them. */
static void add_cells(surv_counts *into, const surv_counts *from) {
  size_t i;
  for (i = 0; i < from->cap; i++)
    if (from->tab[i].used) {
      const cell *x = &from->tab[i];
      cell *y = cell_at(into, x->t, x->s, x->g, x->kind);
      y->w += x->w;
      y->cnt += x->cnt;
    }
}

SURV_EXPORT int surv_counts_merge(surv_counts *into, const surv_counts *from) {
  int rc;
  if (!into || !from)
    return SURV_ENULL;
  if (!(from->members & M_ROWS))
    return SURV_OK;
  if ((into->members & M_ROWS) && into->members != from->members)
    return SURV_EINVAL;
  if (into == from) { /* every cell doubles */
    size_t i;
    for (i = 0; i < into->cap; i++)
      if (into->tab[i].used) {
        into->tab[i].w += into->tab[i].w;
        into->tab[i].cnt += into->tab[i].cnt;
      }
    return SURV_OK;
  }
  if ((rc = reserve(into, into->count + from->count)) != SURV_OK)
    return rc;
  add_cells(into, from);
  into->members = from->members;
  return SURV_OK;
}

/* Checks of the rows of d (members m). */
static int check_rows(const surv_data *d) {
  size_t i;
  for (i = 0; i < d->n; i++) {
    double t = d->time[i];
    if (!(t >= 0.0) || t == HUGE_VAL)
      return SURV_ETIME;
    if (d->entry && (!(d->entry[i] >= 0.0) || !(d->entry[i] < t)))
      return SURV_ETIME;
    if (d->status[i] < 0)
      return SURV_ESTATUS;
    if (d->weight && (!(d->weight[i] >= 0.0) || d->weight[i] == HUGE_VAL))
      return SURV_EWEIGHT;
  }
  return SURV_OK;
}

/* Rows whose time cell is prefetched before it is looked up (when the
 * table outgrows the cache, a lookup is a miss: misses overlap). */
#define AHEAD 16

#if defined(__GNUC__) || defined(__clang__)
#define ROWS_INLINE inline __attribute__((always_inline))
#else
#define ROWS_INLINE inline
#endif

/* The hash of row i's time cell in c, its slot prefetched; plain: d has
 * no strata, group, weight or entry (the compiler drops their tests). */
static ROWS_INLINE size_t row_hash(const surv_counts *c, const surv_data *d,
                                   size_t i, int plain) {
  int32_t s = !plain && d->strata ? d->strata[i] : 0,
          g = !plain && d->group ? d->group[i] : 0;
  size_t h =
      cell_hash(surv__time_bits(d->time[i]), s, g, d->status[i], c->cap - 1);
  __builtin_prefetch(&c->tab[h]);
  return h;
}

/* Rows counted straight into c, which has room (at a load <= 1/2) for
 * them all, in order (the sums of each cell as with one row at a time);
 * the hash of a row's time cell is computed, and its slot prefetched,
 * AHEAD rows before. Inlined twice: plain (see row_hash) and not. */
static ROWS_INLINE void add_rows_as(surv_counts *c, const surv_data *d,
                                    int plain) {
  size_t hq[AHEAD], i;
  for (i = 0; i < AHEAD && i < d->n; i++)
    hq[i] = row_hash(c, d, i, plain);
  for (i = 0; i < d->n; i++) {
    int32_t s = !plain && d->strata ? d->strata[i] : 0,
            g = !plain && d->group ? d->group[i] : 0;
    double w = !plain && d->weight ? d->weight[i] : 1.0;
    size_t h = hq[i % AHEAD];
    cell *x;
    if (i + AHEAD < d->n)
      hq[i % AHEAD] = row_hash(c, d, i + AHEAD, plain);
    uint64_t t = surv__time_bits(d->time[i]);
    x = &c->tab[h]; /* most often the key is in its own slot */
    if (!(x->used && x->t == t && x->s == s && x->g == g &&
          x->kind == d->status[i]))
      x = cell_at_h(c, h, t, s, g, d->status[i]);
    x->w += w;
    x->cnt += 1;
    if (!plain && d->entry) {
      x = cell_at(c, surv__time_bits(d->entry[i]), s, g, -1);
      x->w += w;
      x->cnt += 1;
    }
  }
}

static void add_rows(surv_counts *c, const surv_data *d) {
  if (!d->strata && !d->group && !d->weight && !d->entry)
    add_rows_as(c, d, 1);
  else
    add_rows_as(c, d, 0);
}

/* Up to this many cells an add reserves room for every row in the table
 * itself (at most 2.5 MiB more: callers that add rows in batches keep the
 * table small, and in cache, with small batches); more rows go through a
 * table of their own (O(cells) memory whatever n). */
#define DIRECT_ROWS ((size_t)1 << 16)

SURV_EXPORT int surv_counts_add(surv_counts *c, const surv_data *data) {
  surv_data d;
  surv_counts tmp;
  unsigned m;
  size_t i, rows;
  int rc;
  if (!c || !data)
    return SURV_ENULL;
  if ((rc = surv__data_copy(data, &d)) != SURV_OK)
    return rc;
  if (!d.time || !d.status)
    return SURV_ENULL;
  if (d.time2 || d.cluster || d.x || d.p || d.offset)
    return SURV_EINVAL;
  m = M_ROWS | (d.entry ? M_ENTRY : 0) | (d.weight ? M_WEIGHT : 0) |
      (d.group ? M_GROUP : 0) | (d.strata ? M_STRATA : 0);
  if ((c->members & M_ROWS) && c->members != m)
    return SURV_EINVAL;
  if (d.n == 0)
    return SURV_ESIZE;
  if ((rc = check_rows(&d)) != SURV_OK)
    return rc;
  rows = d.entry ? 2 * d.n : d.n;
  if (rows <= DIRECT_ROWS) { /* room for every row: then nothing can fail */
    if ((rc = reserve(c, c->count + rows)) != SURV_OK)
      return rc;
    add_rows(c, &d);
    c->members = m;
    return SURV_OK;
  }
  /* count into a table of their own, a slice at a time, then merge: c
   * changes only on success */
  memset(&tmp, 0, sizeof tmp);
  for (i = 0; i < d.n && rc == SURV_OK; i += DIRECT_ROWS / 2) {
    surv_data v = d;
    v.n = d.n - i < DIRECT_ROWS / 2 ? d.n - i : DIRECT_ROWS / 2;
    v.time += i;
    v.status += i;
    v.entry = v.entry ? v.entry + i : NULL;
    v.weight = v.weight ? v.weight + i : NULL;
    v.group = v.group ? v.group + i : NULL;
    v.strata = v.strata ? v.strata + i : NULL;
    if ((rc = reserve(&tmp, tmp.count + 2 * v.n)) == SURV_OK)
      add_rows(&tmp, &v);
  }
  if (rc == SURV_OK && (rc = reserve(c, c->count + tmp.count)) == SURV_OK) {
    add_cells(c, &tmp);
    c->members = m;
  }
  free(tmp.tab);
  return rc;
}

SURV_EXPORT int surv_counts_relabel(surv_counts *c, unsigned which,
                                    const int *map, size_t k) {
  surv_counts big;
  size_t i;
  int rc;
  if (!c || !map)
    return SURV_ENULL;
  if (which != SURV_COUNTS_GROUP && which != SURV_COUNTS_STRATA &&
      which != SURV_COUNTS_STATUS)
    return SURV_EINVAL;
  for (i = 0; i < c->cap; i++) { /* every label in [0, k) */
    const cell *x = &c->tab[i];
    int32_t l = which == SURV_COUNTS_GROUP    ? x->g
                : which == SURV_COUNTS_STRATA ? x->s
                                              : x->kind;
    if (x->used && !(which == SURV_COUNTS_STATUS && l < 0) &&
        (l < 0 || (size_t)l >= k))
      return SURV_EINVAL;
  }
  for (i = 0; which == SURV_COUNTS_STATUS && i < k; i++)
    if (map[i] < 0)
      return SURV_ESTATUS;
  memset(&big, 0, sizeof big);
  if ((rc = reserve(&big, c->count)) != SURV_OK)
    return rc;
  for (i = 0; i < c->cap; i++)
    if (c->tab[i].used) {
      const cell *x = &c->tab[i];
      cell *y;
      int32_t s = x->s, g = x->g, kind = x->kind;
      if (which == SURV_COUNTS_GROUP)
        g = map[g];
      else if (which == SURV_COUNTS_STRATA)
        s = map[s];
      else if (kind >= 0)
        kind = map[kind];
      y = cell_at(&big, x->t, s, g, kind);
      y->w += x->w;
      y->cnt += x->cnt;
    }
  free(c->tab);
  c->tab = big.tab;
  c->cap = big.cap;
  c->count = big.count;
  return SURV_OK;
}

/* ---- the byte format ----------------------------------------------------- */

static int cmp_cell(const void *a, const void *b) {
  const cell *x = a, *y = b;
  if (x->t != y->t)
    return x->t < y->t ? -1 : 1;
  if (x->s != y->s)
    return x->s < y->s ? -1 : 1;
  if (x->g != y->g)
    return x->g < y->g ? -1 : 1;
  return (x->kind > y->kind) - (x->kind < y->kind);
}

/* The used cells in ascending key order (malloc'd; NULL when out of
 * memory, or for no cells with *m = 0). */
static cell *sorted_cells(const surv_counts *c, size_t *m, int *rc) {
  cell *v;
  size_t i, j = 0;
  *m = c->count;
  *rc = SURV_OK;
  if (c->count == 0)
    return NULL;
  if (!(v = surv__malloc_array(c->count, sizeof *v))) {
    *rc = SURV_ENOMEM;
    return NULL;
  }
  for (i = 0; i < c->cap; i++)
    if (c->tab[i].used)
      v[j++] = c->tab[i];
  qsort(v, j, sizeof *v, cmp_cell);
  return v;
}

static void put_u32(unsigned char *p, uint32_t x) {
  int i;
  for (i = 0; i < 4; i++)
    p[i] = (unsigned char)(x >> (8 * i));
}

static void put_u64(unsigned char *p, uint64_t x) {
  int i;
  for (i = 0; i < 8; i++)
    p[i] = (unsigned char)(x >> (8 * i));
}

static uint32_t get_u32(const unsigned char *p) {
  uint32_t x = 0;
  int i;
  for (i = 3; i >= 0; i--)
    x = x << 8 | p[i];
  return x;
}

static uint64_t get_u64(const unsigned char *p) {
  uint64_t x = 0;
  int i;
  for (i = 7; i >= 0; i--)
    x = x << 8 | p[i];
  return x;
}

/* FNV-1a, 64 bits. */
static uint64_t fnv1a(const unsigned char *p, size_t n) {
  uint64_t h = UINT64_C(0xcbf29ce484222325);
  size_t i;
  for (i = 0; i < n; i++) {
    h ^= p[i];
    h *= UINT64_C(0x100000001b3);
  }
  return h;
}

SURV_EXPORT int surv_counts_size(const surv_counts *c, size_t *len) {
  if (!c || !len)
    return SURV_ENULL;
  if (c->count > (SIZE_MAX - HEAD_BYTES - TAIL_BYTES) / CELL_BYTES)
    return SURV_ESIZE;
  *len = HEAD_BYTES + CELL_BYTES * c->count + TAIL_BYTES;
  return SURV_OK;
}

SURV_EXPORT int surv_counts_write(const surv_counts *c, void *buf, size_t len) {
  unsigned char *p = buf;
  size_t need, m, i;
  cell *v;
  int rc;
  if (!c || !buf)
    return SURV_ENULL;
  if ((rc = surv_counts_size(c, &need)) != SURV_OK)
    return rc;
  if (len < need)
    return SURV_ESIZE;
  v = sorted_cells(c, &m, &rc);
  if (rc != SURV_OK)
    return rc;
  memcpy(p, "SURVCNT", 8);
  put_u32(p + 8, VERSION);
  put_u32(p + 12, c->members);
  put_u64(p + 16, (uint64_t)m);
  for (i = 0; i < m; i++) {
    unsigned char *q = p + HEAD_BYTES + CELL_BYTES * i;
    put_u64(q, v[i].t);
    put_u64(q + 8, surv__bits_of(v[i].w));
    put_u64(q + 16, surv__bits_of(v[i].cnt));
    put_u32(q + 24, (uint32_t)v[i].s);
    put_u32(q + 28, (uint32_t)v[i].g);
    put_u32(q + 32, (uint32_t)v[i].kind);
    put_u32(q + 36, 0);
  }
  put_u64(p + need - TAIL_BYTES, fnv1a(p, need - TAIL_BYTES));
  free(v);
  return SURV_OK;
}

/* A cell read back: a valid key and counts for a table of members m. */
static int cell_ok(const cell *x, uint32_t reserved, unsigned m) {
  double t = surv__double_of(x->t);
  if (reserved != 0 || !(t >= 0.0) || t == HUGE_VAL ||
      x->t != surv__bits_of(t + 0.0))
    return 0; /* also rejects -0.0, which the table never holds */
  if (!(x->cnt >= 1.0) || x->cnt > 9007199254740992.0 ||
      x->cnt != floor(x->cnt))
    return 0;
  /* +Inf: a sum of finite weights can overflow, as the raw fits' sums do */
  if (!(x->w >= 0.0) || (!(m & M_WEIGHT) && x->w != x->cnt))
    return 0;
  if (x->kind < -1 || (x->kind == -1 && !(m & M_ENTRY)))
    return 0;
  if ((!(m & M_GROUP) && x->g != 0) || (!(m & M_STRATA) && x->s != 0))
    return 0;
  return 1;
}

SURV_EXPORT int surv_counts_read(const void *buf, size_t len,
                                 surv_counts **out) {
  const unsigned char *p = buf;
  surv_counts *c;
  uint64_t m64;
  unsigned m;
  size_t cells, i;
  cell prev;
  int rc;
  if (!buf || !out)
    return SURV_ENULL;
  if (len < HEAD_BYTES + TAIL_BYTES || memcmp(p, "SURVCNT", 8) != 0 ||
      get_u32(p + 8) != VERSION)
    return SURV_EFORMAT;
  m = get_u32(p + 12);
  m64 = get_u64(p + 16);
  if ((m & ~M_ALL) != 0 || (m64 > 0 && !(m & M_ROWS)) || (m64 == 0 && m != 0) ||
      m64 > (uint64_t)((len - HEAD_BYTES - TAIL_BYTES) / CELL_BYTES) ||
      len != HEAD_BYTES + CELL_BYTES * (size_t)m64 + TAIL_BYTES ||
      get_u64(p + len - TAIL_BYTES) != fnv1a(p, len - TAIL_BYTES))
    return SURV_EFORMAT;
  cells = (size_t)m64;
  if ((rc = surv_counts_new(&c)) != SURV_OK)
    return rc;
  if ((rc = reserve(c, cells)) != SURV_OK) {
    surv_counts_free(c);
    return rc;
  }
  for (i = 0; i < cells; i++) {
    const unsigned char *q = p + HEAD_BYTES + CELL_BYTES * i;
    cell x, *y;
    x.t = get_u64(q);
    x.w = surv__double_of(get_u64(q + 8));
    x.cnt = surv__double_of(get_u64(q + 16));
    x.s = (int32_t)get_u32(q + 24);
    x.g = (int32_t)get_u32(q + 28);
    x.kind = (int32_t)get_u32(q + 32);
    if (!cell_ok(&x, get_u32(q + 36), m) ||
        (i > 0 && cmp_cell(&prev, &x) >= 0)) { /* ascending: no repeats */
      surv_counts_free(c);
      return SURV_EFORMAT;
    }
    y = cell_at(c, x.t, x.s, x.g, x.kind);
    y->w = x.w;
    y->cnt = x.cnt;
    prev = x;
  }
  c->members = m;
  *out = c;
  return SURV_OK;
}

/* ---- the cells of a fit -------------------------------------------------- */

void surv__cells_free(surv__cells *c) {
  free(c->time);
  free(c->w);
  free(c->cnt);
  free(c->s);
  free(c->g);
  free(c->start);
  free(c->kind);
  free(c->glab);
  free(c->slab);
  memset(c, 0, sizeof *c);
}

/* Distinct labels of n values lab[i * stride] ascending into *u (k of them)
 * and each value's index into idx[i]. */
static int label_index(const cell *v, size_t n, int by_group, int **u,
                       size_t *k, size_t *idx) {
  int *lab = surv__malloc_array(n, sizeof *lab), rc;
  size_t i;
  if (!lab)
    return SURV_ENOMEM;
  for (i = 0; i < n; i++)
    lab[i] = by_group ? v[i].g : v[i].s;
  rc = surv__labels(lab, n, u, k, idx);
  free(lab);
  return rc;
}

typedef struct order_rec {
  size_t s, g, i;
  double t;
  int kind;
} order_rec;

static int cmp_order(const void *a, const void *b) {
  const order_rec *x = a, *y = b;
  if (x->s != y->s)
    return x->s < y->s ? -1 : 1;
  if (x->t != y->t)
    return x->t < y->t ? -1 : 1;
  if (x->g != y->g)
    return x->g < y->g ? -1 : 1;
  if (x->kind != y->kind)
    return x->kind < y->kind ? -1 : 1;
  /* cells of one chain of near ties: in ascending raw time (i), so that a
   * chain's weights are summed in the order lib/km.c sums them whatever
   * qsort does with equal keys */
  return (x->i > y->i) - (x->i < y->i);
}

/* The cells of table c for a fit: strata by the stratum labels (by_group:
 * by the group labels; none: one stratum), times merged as R's aeqSurv over
 * the distinct times of the table (entries included when the table has
 * them) unless notimefix. SURV_ESIZE (no rows), SURV_ENOMEM. */
static int make_cells(const surv_counts *tab, int notimefix, int strata_by,
                      surv__cells *out) {
  size_t m, i, j, nd = 0, *sidx = NULL, *gidx = NULL;
  cell *v;
  order_rec *o = NULL;
  double *dt = NULL, *head = NULL;
  int rc;
  memset(out, 0, sizeof *out);
  if (!(tab->members & M_ROWS) || tab->count == 0)
    return SURV_ESIZE;
  if (!(v = sorted_cells(tab, &m, &rc)))
    return rc;
  rc = SURV_ENOMEM;
  dt = surv__malloc_array(m, sizeof *dt);
  head = surv__malloc_array(m, sizeof *head);
  sidx = surv__malloc_array(m, sizeof *sidx);
  gidx = surv__malloc_array(m, sizeof *gidx);
  o = surv__malloc_array(m, sizeof *o);
  out->time = surv__malloc_array(m, sizeof *out->time);
  out->w = surv__malloc_array(m, sizeof *out->w);
  out->cnt = surv__malloc_array(m, sizeof *out->cnt);
  out->s = surv__malloc_array(m, sizeof *out->s);
  out->g = surv__malloc_array(m, sizeof *out->g);
  out->kind = surv__malloc_array(m, sizeof *out->kind);
  if (!dt || !head || !sidx || !gidx || !o || !out->time || !out->w ||
      !out->cnt || !out->s || !out->g || !out->kind)
    goto done;
  out->m = m;
  out->entry = (tab->members & M_ENTRY) != 0;
  /* distinct times (entries only when the data have them: the pooled
   * times of R's counting-process aeqSurv) and their chain heads */
  for (i = 0; i < m; i++)
    if (v[i].kind >= 0 || out->entry) {
      double t = surv__double_of(v[i].t);
      if (nd == 0 || dt[nd - 1] != t)
        dt[nd++] = t;
    }
  if (notimefix)
    memcpy(head, dt, nd * sizeof *head);
  else
    surv__timefix_sorted(dt, nd, head);
  for (i = j = 0; i < m; i++) {
    double t = surv__double_of(v[i].t);
    while (dt[j] != t)
      j++;
    o[i].t = head[j];
    o[i].i = i;
    o[i].kind = v[i].kind;
  }
  if ((rc = label_index(v, m, 1, &out->glab, &out->k, gidx)) != SURV_OK)
    goto done;
  if (strata_by == 0) {
    for (i = 0; i < m; i++)
      sidx[i] = 0;
    out->ns = 1;
  } else if ((rc = label_index(v, m, strata_by == 2, &out->slab, &out->ns,
                               sidx)) != SURV_OK)
    goto done;
  rc = SURV_ENOMEM;
  if (!(out->start = surv__calloc_array(out->ns + 1, sizeof *out->start)))
    goto done;
  for (i = 0; i < m; i++) {
    o[i].s = sidx[i];
    o[i].g = gidx[i];
  }
  qsort(o, m, sizeof *o, cmp_order);
  for (i = 0; i < m; i++) {
    const cell *x = &v[o[i].i];
    out->time[i] = o[i].t;
    out->w[i] = x->w;
    out->cnt[i] = x->cnt;
    out->s[i] = o[i].s;
    out->g[i] = o[i].g;
    out->kind[i] = x->kind;
    out->start[o[i].s + 1]++;
  }
  for (i = 0; i < out->ns; i++)
    out->start[i + 1] += out->start[i];
  rc = SURV_OK;
done:
  if (rc != SURV_OK)
    surv__cells_free(out);
  free(v);
  free(dt);
  free(head);
  free(sidx);
  free(gidx);
  free(o);
  return rc;
}

/* Rows counted (entries aside). */
static double rows_of(const surv__cells *c) {
  double n = 0;
  size_t i;
  for (i = 0; i < c->m; i++)
    if (c->kind[i] >= 0)
      n += c->cnt[i];
  return n;
}

/* ---- Kaplan-Meier -------------------------------------------------------- */

/* The curve of stratum cells [a, b): rows at the distinct stop times, the
 * risk set as lib/km.c (no entries) or lib/km_entry.c (entries). */
static surv__km *km_cells(const surv__cells *c, size_t a, size_t b) {
  size_t i, r = 0, rows = 0;
  surv__km *km;
  double nrisk = 0, last = 0;
  for (i = a; i < b; i++)
    if (c->kind[i] >= 0 && (rows == 0 || c->time[i] != last)) {
      last = c->time[i];
      rows++;
    }
  if (!(km = surv__km_alloc(rows)))
    return NULL;
  for (i = a; i < b; i++) {
    if (c->kind[i] < 0)
      continue;
    if (r == 0 || km->time[r - 1] != c->time[i]) {
      km->time[r] = c->time[i];
      km->n_event[r] = km->n_censor[r] = 0;
      r++;
    }
    if (c->kind[i] == 1)
      km->n_event[r - 1] += c->w[i];
    else
      km->n_censor[r - 1] += c->w[i];
  }
  if (!c->entry)
    for (r = rows; r-- > 0;) {
      nrisk += km->n_event[r] + km->n_censor[r];
      km->n_risk[r] = nrisk;
    }
  else { /* stops >= t join, entries >= t leave, from the last time down */
    i = b;
    for (r = rows; r-- > 0;) {
      double t = km->time[r];
      for (; i > a && c->time[i - 1] >= t; i--)
        nrisk += c->kind[i - 1] >= 0 ? c->w[i - 1] : -c->w[i - 1];
      km->n_risk[r] = nrisk;
    }
  }
  surv__km_estimate(km);
  return km;
}

SURV_EXPORT int surv_counts_km_fit(const surv_counts *c, unsigned flags,
                                   surv_result **out) {
  surv__cells cc;
  surv__km **curves;
  double *labels = NULL;
  size_t s, i;
  int rc, by;
  if (!c || !out)
    return SURV_ENULL;
  if (flags & ~SURV_NO_TIMEFIX)
    return SURV_EINVAL;
  if ((c->members & M_GROUP) && (c->members & M_STRATA))
    return SURV_EINVAL; /* as surv_km_fit: strata or group, not both */
  by = c->members & M_STRATA ? 1 : c->members & M_GROUP ? 2 : 0;
  if ((rc = make_cells(c, (flags & SURV_NO_TIMEFIX) != 0, by, &cc)) != SURV_OK)
    return rc;
  for (i = 0; i < cc.m; i++)
    if (cc.kind[i] > 1) {
      surv__cells_free(&cc);
      return SURV_ESTATUS;
    }
  curves = surv__calloc_array(cc.ns, sizeof *curves);
  if (by)
    labels = surv__malloc_array(cc.ns, sizeof *labels);
  rc = curves && (labels || !by) ? SURV_OK : SURV_ENOMEM;
  for (s = 0; rc == SURV_OK && s < cc.ns; s++) {
    if (labels)
      labels[s] = cc.slab[s];
    if (!(curves[s] = km_cells(&cc, cc.start[s], cc.start[s + 1])))
      rc = SURV_ENOMEM;
  }
  if (rc == SURV_OK)
    rc = surv__km_result(curves, cc.ns, labels, (size_t)rows_of(&cc), out);
  for (s = 0; curves && s < cc.ns; s++)
    free(curves[s]);
  free(curves);
  free(labels);
  surv__cells_free(&cc);
  return rc;
}

/* ---- log-rank ------------------------------------------------------------ */

SURV_EXPORT int surv_counts_logrank_test(const surv_counts *c,
                                         const surv_logrank_options *opt,
                                         surv_result **out) {
  surv_logrank_options o;
  surv__cells cc;
  size_t i;
  int rc;
  if (!c || !out)
    return SURV_ENULL;
  if ((rc = surv__logrank_options(opt, &o)) != SURV_OK)
    return rc;
  if ((c->members & M_ROWS) && !(c->members & M_GROUP))
    return SURV_ENULL; /* as surv_logrank_test without groups */
  if (c->members & M_WEIGHT)
    return SURV_EINVAL; /* survdiff has no weights */
  if ((rc = make_cells(c, (o.flags & SURV_NO_TIMEFIX) != 0,
                       (c->members & M_STRATA) ? 1 : 0, &cc)) != SURV_OK)
    return rc;
  for (i = 0; i < cc.m && rc == SURV_OK; i++)
    if (cc.kind[i] > 1)
      rc = SURV_ESTATUS;
  if (rc == SURV_OK)
    rc = surv__logrank_cells(&cc, o.rho, out);
  surv__cells_free(&cc);
  return rc;
}

/* ---- Nelson-Aalen -------------------------------------------------------- */

SURV_EXPORT int surv_counts_na_fit(const surv_counts *c, unsigned flags,
                                   surv_result **out) {
  surv__cells cc;
  surv__counts t;
  size_t i, r = 0;
  double risk = 0;
  int rc;
  if (!c || !out)
    return SURV_ENULL;
  if ((flags & ~(SURV_NO_TIMEFIX | SURV_NA_FH)) != 0 ||
      (c->members & (M_ENTRY | M_GROUP | M_STRATA)))
    return SURV_EINVAL;
  if ((rc = make_cells(c, (flags & SURV_NO_TIMEFIX) != 0, 0, &cc)) != SURV_OK)
    return rc;
  memset(&t, 0, sizeof t);
  t.time = surv__malloc_array(cc.m, sizeof *t.time);
  t.n_risk = surv__malloc_array(cc.m, sizeof *t.n_risk);
  t.n_event = surv__malloc_array(cc.m, sizeof *t.n_event);
  t.n_censor = surv__malloc_array(cc.m, sizeof *t.n_censor);
  t.d0 = surv__malloc_array(cc.m, sizeof *t.d0);
  rc = t.time && t.n_risk && t.n_event && t.n_censor && t.d0 ? SURV_OK
                                                             : SURV_ENOMEM;
  for (i = 0; i < cc.m && rc == SURV_OK; i++) {
    if (cc.kind[i] > 1) {
      rc = SURV_ESTATUS;
      break;
    }
    if (r == 0 || t.time[r - 1] != cc.time[i]) {
      t.time[r] = cc.time[i];
      t.n_event[r] = t.n_censor[r] = t.d0[r] = 0;
      r++;
    }
    if (cc.kind[i] == 1) {
      t.n_event[r - 1] += cc.w[i];
      t.d0[r - 1] += cc.cnt[i];
    } else
      t.n_censor[r - 1] += cc.w[i];
  }
  t.m = r;
  for (i = r; rc == SURV_OK && i-- > 0;) {
    risk += t.n_event[i] + t.n_censor[i];
    t.n_risk[i] = risk;
  }
  if (rc == SURV_OK)
    rc = surv__na_result(&t, flags, (size_t)rows_of(&cc), out);
  surv__counts_free(&t);
  surv__cells_free(&cc);
  return rc;
}

/* ---- cumulative incidence ------------------------------------------------ */

SURV_EXPORT int surv_counts_cif_fit(const surv_counts *c, unsigned flags,
                                    surv_result **out) {
  surv__cells cc;
  double *ts = NULL, *mult = NULL;
  int *st = NULL, rc;
  size_t i, u = 0, K = 0;
  if (!c || !out)
    return SURV_ENULL;
  if ((flags & ~SURV_NO_TIMEFIX) != 0 ||
      (c->members & (M_ENTRY | M_WEIGHT | M_GROUP | M_STRATA)))
    return SURV_EINVAL;
  if ((rc = make_cells(c, (flags & SURV_NO_TIMEFIX) != 0, 0, &cc)) != SURV_OK)
    return rc;
  ts = surv__malloc_array(cc.m, sizeof *ts);
  mult = surv__malloc_array(cc.m, sizeof *mult);
  st = surv__malloc_array(cc.m, sizeof *st);
  rc = ts && mult && st ? SURV_OK : SURV_ENOMEM;
  /* cells of one merged time and status become one unit */
  for (i = 0; rc == SURV_OK && i < cc.m; i++) {
    if ((size_t)cc.kind[i] > K)
      K = (size_t)cc.kind[i];
    if (u > 0 && ts[u - 1] == cc.time[i] && st[u - 1] == cc.kind[i]) {
      mult[u - 1] += cc.cnt[i];
      continue;
    }
    ts[u] = cc.time[i];
    st[u] = cc.kind[i];
    mult[u++] = cc.cnt[i];
  }
  if (rc == SURV_OK)
    rc = surv__cif_units(ts, st, mult, u, K, out);
  free(ts);
  free(mult);
  free(st);
  surv__cells_free(&cc);
  return rc;
}
