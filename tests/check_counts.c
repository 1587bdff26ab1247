/* Count tables (lib/counts.c): tables built from random shards of a data set
 * and merged in different orders (and through the byte format) give the fits
 * of the data themselves bit for bit: Kaplan-Meier (strata, weights, delayed
 * entry), log-rank family (strata, rho, entry), Nelson-Aalen (both tie
 * corrections), RMST of the merged-count curve. The numbers of the raw fits
 * are checked against R by their own suites; here every column, statistic
 * and test must be the same bits. Also: the byte format is canonical,
 * corrupt or truncated buffers are SURV_EFORMAT, and bad input is refused
 * with the table unchanged. */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <check.h>
#include <surv.h>

#include "testutil.h"

/* A small deterministic generator (tests must not depend on libc rand). */
static uint64_t rng_state;
static uint64_t rng_next(void) {
  rng_state =
      rng_state * UINT64_C(6364136223846793005) + UINT64_C(1442695040888963407);
  return rng_state >> 17;
}
static size_t rng_below(size_t k) { return (size_t)(rng_next() % k); }

typedef struct dataset {
  size_t n;
  double *time, *entry, *weight;
  int *status, *group, *strata;
} dataset;

/* n rows: times on a grid of 0.25 with near-tied neighbours (+ 1e-9 now and
 * then: R's timefix merges them), dyadic weights (exact sums), labels that
 * are not 0-based. */
static dataset make_data(size_t n, uint64_t seed, int causes) {
  dataset d;
  size_t i;
  rng_state = seed;
  d.n = n;
  d.time = malloc(n * sizeof *d.time);
  d.entry = malloc(n * sizeof *d.entry);
  d.weight = malloc(n * sizeof *d.weight);
  d.status = malloc(n * sizeof *d.status);
  d.group = malloc(n * sizeof *d.group);
  d.strata = malloc(n * sizeof *d.strata);
  ck_assert(d.time && d.entry && d.weight && d.status && d.group && d.strata);
  for (i = 0; i < n; i++) {
    double t = 0.25 * (double)(1 + rng_below(60));
    if (rng_below(5) == 0)
      t += 1e-9 * (double)(1 + rng_below(3));
    d.time[i] = t;
    d.entry[i] = rng_below(3) == 0 ? 0.25 * (double)rng_below(4) : 0.0;
    if (d.entry[i] > t - 0.2) /* no interval collapses under the merge */
      d.entry[i] = 0.0;
    d.status[i] = (int)rng_below((size_t)causes + 1);
    d.weight[i] = 0.125 * (double)(1 + rng_below(16));
    d.group[i] = 7 - 3 * (int)rng_below(3);
    d.strata[i] = 100 + (int)rng_below(2);
  }
  return d;
}

static void free_data(dataset *d) {
  free(d->time);
  free(d->entry);
  free(d->weight);
  free(d->status);
  free(d->group);
  free(d->strata);
}

enum { USE_ENTRY = 1, USE_WEIGHT = 2, USE_GROUP = 4, USE_STRATA = 8 };

static surv_data view(const dataset *d, size_t a, size_t b, unsigned use) {
  surv_data s = SURV_DATA_INIT;
  s.n = b - a;
  s.time = d->time + a;
  s.status = d->status + a;
  s.entry = use & USE_ENTRY ? d->entry + a : NULL;
  s.weight = use & USE_WEIGHT ? d->weight + a : NULL;
  s.group = use & USE_GROUP ? d->group + a : NULL;
  s.strata = use & USE_STRATA ? d->strata + a : NULL;
  return s;
}

#define SHARDS 5

/* Count the data in SHARDS random shards (random boundaries, shard order
 * shuffled) into separate tables. */
static void make_shards(const dataset *d, unsigned use, surv_counts **sh) {
  size_t cut[SHARDS + 1], i, j;
  cut[0] = 0;
  cut[SHARDS] = d->n;
  for (i = 1; i < SHARDS; i++)
    cut[i] = d->n > 1 ? 1 + rng_below(d->n - 1) : 1;
  for (i = 1; i < SHARDS; i++) /* sort the cuts */
    for (j = i; j > 1 && cut[j - 1] > cut[j]; j--) {
      size_t t = cut[j];
      cut[j] = cut[j - 1];
      cut[j - 1] = t;
    }
  for (i = 0; i < SHARDS; i++) {
    ck_assert_int_eq(surv_counts_new(&sh[i]), SURV_OK);
    if (cut[i + 1] > cut[i]) {
      surv_data v = view(d, cut[i], cut[i + 1], use);
      ck_assert_int_eq(surv_counts_add(sh[i], &v), SURV_OK);
    }
  }
}

/* Three ways of merging the same shards: left to right, right to left into
 * the last one's copy (through the bytes), and as a tree. */
static surv_counts *merge_way(surv_counts **sh, int way) {
  surv_counts *acc, *b;
  size_t i, len;
  void *buf;
  ck_assert_int_eq(surv_counts_new(&acc), SURV_OK);
  if (way == 0) {
    for (i = 0; i < SHARDS; i++)
      ck_assert_int_eq(surv_counts_merge(acc, sh[i]), SURV_OK);
    return acc;
  }
  if (way == 1) {
    for (i = SHARDS; i-- > 0;) {
      ck_assert_int_eq(surv_counts_size(sh[i], &len), SURV_OK);
      buf = malloc(len);
      ck_assert_int_eq(surv_counts_write(sh[i], buf, len), SURV_OK);
      ck_assert_int_eq(surv_counts_read(buf, len, &b), SURV_OK);
      free(buf);
      ck_assert_int_eq(surv_counts_merge(acc, b), SURV_OK);
      surv_counts_free(b);
    }
    return acc;
  }
  /* ((0 + 1) + (2 + (3 + 4))) */
  ck_assert_int_eq(surv_counts_new(&b), SURV_OK);
  ck_assert_int_eq(surv_counts_merge(acc, sh[1]), SURV_OK);
  ck_assert_int_eq(surv_counts_merge(acc, sh[0]), SURV_OK);
  ck_assert_int_eq(surv_counts_merge(b, sh[4]), SURV_OK);
  ck_assert_int_eq(surv_counts_merge(b, sh[3]), SURV_OK);
  ck_assert_int_eq(surv_counts_merge(b, sh[2]), SURV_OK);
  ck_assert_int_eq(surv_counts_merge(b, acc), SURV_OK);
  surv_counts_free(acc);
  return b;
}

/* Every column, statistic and test of a and b: the same bits. */
static void same_result(const surv_result *a, const surv_result *b,
                        const char *ctx) {
  int c, have = 0;
  for (c = SURV_COL_TIME; c <= SURV_COL_STATUS; c++) {
    size_t la = 0, lb = 0;
    const double *x = surv_result_column(a, (surv_col)c, &la);
    const double *y = surv_result_column(b, (surv_col)c, &lb);
    ck_assert_msg((x == NULL) == (y == NULL), "%s: column %d", ctx, c);
    ck_assert_msg(la == lb, "%s: column %d: %zu vs %zu rows", ctx, c, la, lb);
    if (x && la)
      ck_assert_msg(memcmp(x, y, la * sizeof *x) == 0, "%s: column %d", ctx, c);
    have += x != NULL;
  }
  ck_assert_msg(have >= 4, "%s: too few columns", ctx);
  for (c = SURV_STAT_N; c <= SURV_STAT_EXACT; c++) {
    double u = -1, v = -1;
    int ra = surv_result_stat(a, (surv_stat)c, &u);
    int rb = surv_result_stat(b, (surv_stat)c, &v);
    ck_assert_msg(ra == rb && memcmp(&u, &v, sizeof u) == 0, "%s: stat %d", ctx,
                  c);
  }
  for (c = SURV_TEST_MAIN; c <= SURV_TEST_ROBUST_SCORE; c++) {
    surv_test u, v;
    int ra, rb;
    memset(&u, 0, sizeof u);
    memset(&v, 0, sizeof v);
    ra = surv_result_test(a, (surv_test_kind)c, &u);
    rb = surv_result_test(b, (surv_test_kind)c, &v);
    ck_assert_msg(ra == rb && memcmp(&u, &v, sizeof u) == 0, "%s: test %d", ctx,
                  c);
  }
}

/* The three merges give equal bytes. */
static void same_bytes(surv_counts **m) {
  size_t l0, l1, i;
  void *b0, *b1;
  ck_assert_int_eq(surv_counts_size(m[0], &l0), SURV_OK);
  b0 = malloc(l0);
  ck_assert_int_eq(surv_counts_write(m[0], b0, l0), SURV_OK);
  for (i = 1; i < 3; i++) {
    ck_assert_int_eq(surv_counts_size(m[i], &l1), SURV_OK);
    ck_assert_uint_eq(l0, l1);
    b1 = malloc(l1);
    ck_assert_int_eq(surv_counts_write(m[i], b1, l1), SURV_OK);
    ck_assert(memcmp(b0, b1, l0) == 0);
    free(b1);
  }
  free(b0);
}

typedef int (*raw_fit)(const surv_data *, const void *, surv_result **);
typedef int (*cnt_fit)(const surv_counts *, const void *, surv_result **);

static int raw_km(const surv_data *d, const void *o, surv_result **r) {
  return surv_km_fit(d, *(const unsigned *)o, r);
}
static int cnt_km(const surv_counts *c, const void *o, surv_result **r) {
  return surv_counts_km_fit(c, *(const unsigned *)o, r);
}
static int raw_na(const surv_data *d, const void *o, surv_result **r) {
  return surv_na_fit(d, *(const unsigned *)o, r);
}
static int cnt_na(const surv_counts *c, const void *o, surv_result **r) {
  return surv_counts_na_fit(c, *(const unsigned *)o, r);
}
static int raw_cif(const surv_data *d, const void *o, surv_result **r) {
  return surv_cif_fit(d, *(const unsigned *)o, r);
}
static int cnt_cif(const surv_counts *c, const void *o, surv_result **r) {
  return surv_counts_cif_fit(c, *(const unsigned *)o, r);
}
static int raw_lr(const surv_data *d, const void *o, surv_result **r) {
  return surv_logrank_test(d, o, r);
}
static int cnt_lr(const surv_counts *c, const void *o, surv_result **r) {
  return surv_counts_logrank_test(c, o, r);
}

/* Fit the data and the merged shards (three merges): same bits. RMST of
 * Kaplan-Meier curves too. */
static void compare(size_t n, uint64_t seed, unsigned use, raw_fit rf,
                    cnt_fit cf, const void *opt, int rmst, const char *ctx) {
  dataset d = make_data(n, seed, rmst < 0 ? -rmst : 1);
  surv_data all = view(&d, 0, n, use);
  surv_counts *sh[SHARDS], *m[3];
  surv_result *want, *got;
  size_t i;
  int way;
  ck_assert_int_eq(rf(&all, opt, &want), SURV_OK);
  make_shards(&d, use, sh);
  for (way = 0; way < 3; way++) {
    m[way] = merge_way(sh, way);
    ck_assert_int_eq(cf(m[way], opt, &got), SURV_OK);
    same_result(want, got, ctx);
    if (rmst > 0) {
      double a[4][8], b[4][8];
      memset(a, 0, sizeof a);
      memset(b, 0, sizeof b);
      ck_assert_int_eq(
          surv_curve_rmst(want, 10.0, 0.95, a[0], a[1], a[2], a[3], 8),
          SURV_OK);
      ck_assert_int_eq(
          surv_curve_rmst(got, 10.0, 0.95, b[0], b[1], b[2], b[3], 8), SURV_OK);
      ck_assert(memcmp(a, b, sizeof a) == 0);
    }
    surv_result_free(got);
  }
  same_bytes(m);
  for (i = 0; i < 3; i++)
    surv_counts_free(m[i]);
  for (i = 0; i < SHARDS; i++)
    surv_counts_free(sh[i]);
  surv_result_free(want);
  free_data(&d);
}

static const size_t sizes[] = {1, 2, 7, 40, 300, 5000};
#define NSIZES (sizeof sizes / sizeof sizes[0])

START_TEST(test_km) {
  static const unsigned uses[] = {
      0,          USE_WEIGHT,
      USE_STRATA, USE_GROUP | USE_WEIGHT,
      USE_ENTRY,  USE_ENTRY | USE_WEIGHT | USE_STRATA};
  size_t u, s;
  unsigned flags;
  flags = 0; /* shards above 2^16 rows: counted through a table of their own */
  compare(300000, 4242, USE_ENTRY | USE_WEIGHT | USE_STRATA, raw_km, cnt_km,
          &flags, 1, "km 3e5");
  for (u = 0; u < sizeof uses / sizeof uses[0]; u++)
    for (s = 0; s < NSIZES; s++)
      for (flags = 0; flags < 2; flags++)
        compare(sizes[s] + (uses[u] & USE_ENTRY ? 1 : 0),
                1000 * u + 10 * s + flags + 1, uses[u], raw_km, cnt_km, &flags,
                1, "km");
}
END_TEST

START_TEST(test_na) {
  static const unsigned flagset[] = {0, SURV_NO_TIMEFIX, SURV_NA_FH,
                                     SURV_NA_FH | SURV_NO_TIMEFIX};
  size_t f, s;
  unsigned use;
  for (f = 0; f < 4; f++)
    for (s = 0; s < NSIZES; s++)
      for (use = 0; use <= USE_WEIGHT; use += USE_WEIGHT)
        compare(sizes[s], 77 + 10 * f + s + use, use, raw_na, cnt_na,
                &flagset[f], 0, "na");
}
END_TEST

START_TEST(test_logrank) {
  static const unsigned uses[] = {USE_GROUP, USE_GROUP | USE_STRATA,
                                  USE_GROUP | USE_ENTRY,
                                  USE_GROUP | USE_STRATA | USE_ENTRY};
  static const double rhos[] = {0.0, 1.0, 0.5};
  size_t u, s, r;
  for (u = 0; u < 4; u++)
    for (s = 2; s < NSIZES; s++)
      for (r = 0; r < 3; r++) {
        surv_logrank_options o = SURV_LOGRANK_OPTIONS_INIT;
        o.rho = rhos[r];
        o.flags = s % 2 ? SURV_NO_TIMEFIX : 0;
        if (sizes[s] < 40)
          continue; /* a single group is SURV_EGROUP for both */
        compare(sizes[s], 5000 + 100 * u + 10 * s + r, uses[u], raw_lr, cnt_lr,
                &o, 0, "logrank");
      }
}
END_TEST

/* Aalen-Johansen with 1, 2 and 3 causes (rmst < 0: -rmst causes). */
START_TEST(test_cif) {
  size_t s;
  unsigned flags;
  int causes;
  for (causes = 1; causes <= 3; causes++)
    for (s = 0; s < NSIZES; s++)
      for (flags = 0; flags < 2; flags++)
        compare(sizes[s] > 1000 ? 1000 : sizes[s], 300 + 10 * s + flags, 0,
                raw_cif, cnt_cif, &flags, -causes, "cif");
}
END_TEST

/* Labels counted as first seen (0, 1, ...) and renumbered: the table of the
 * final labels, byte for byte. */
START_TEST(test_relabel) {
  dataset d = make_data(500, 17, 2);
  int *g0 = malloc(d.n * sizeof *g0), *s0 = malloc(d.n * sizeof *s0),
      *st0 = malloc(d.n * sizeof *st0);
  int gmap[3], smap[2], stmap[3] = {2, 0, 1}, seen_g[8], seen_s[2];
  size_t i, ng = 0, ns = 0, l1, l2;
  surv_counts *want, *got;
  surv_data v;
  void *b1, *b2;
  ck_assert(g0 && s0 && st0);
  memset(seen_g, -1, sizeof seen_g);
  memset(seen_s, -1, sizeof seen_s);
  for (i = 0; i < d.n; i++) { /* labels 1, 4, 7 -> first-seen numbers */
    int g = d.group[i], s = d.strata[i] - 100;
    if (seen_g[g] < 0) {
      gmap[ng] = g;
      seen_g[g] = (int)ng++;
    }
    if (seen_s[s] < 0) {
      smap[ns] = s + 100;
      seen_s[s] = (int)ns++;
    }
    g0[i] = seen_g[g];
    s0[i] = seen_s[s];
    st0[i] = d.status[i] == 0 ? 1 : d.status[i] == 1 ? 2 : 0; /* coded */
  }
  v = view(&d, 0, d.n, USE_GROUP | USE_STRATA | USE_WEIGHT);
  ck_assert_int_eq(surv_counts_new(&want), SURV_OK);
  ck_assert_int_eq(surv_counts_add(want, &v), SURV_OK);
  v.group = g0;
  v.strata = s0;
  v.status = st0;
  ck_assert_int_eq(surv_counts_new(&got), SURV_OK);
  ck_assert_int_eq(surv_counts_add(got, &v), SURV_OK);
  ck_assert_int_eq(surv_counts_relabel(got, SURV_COUNTS_GROUP, gmap, ng - 1),
                   SURV_EINVAL); /* a label outside */
  ck_assert_int_eq(surv_counts_relabel(got, 0x8u, gmap, ng), SURV_EINVAL);
  ck_assert_int_eq(surv_counts_relabel(NULL, SURV_COUNTS_GROUP, gmap, ng),
                   SURV_ENULL);
  ck_assert_int_eq(surv_counts_relabel(got, SURV_COUNTS_GROUP, gmap, ng),
                   SURV_OK);
  ck_assert_int_eq(surv_counts_relabel(got, SURV_COUNTS_STRATA, smap, ns),
                   SURV_OK);
  stmap[0] = -1;
  ck_assert_int_eq(surv_counts_relabel(got, SURV_COUNTS_STATUS, stmap, 3),
                   SURV_ESTATUS);
  stmap[0] = 2;
  ck_assert_int_eq(surv_counts_relabel(got, SURV_COUNTS_STATUS, stmap, 3),
                   SURV_OK);
  ck_assert_int_eq(surv_counts_size(want, &l1), SURV_OK);
  ck_assert_int_eq(surv_counts_size(got, &l2), SURV_OK);
  ck_assert_uint_eq(l1, l2);
  b1 = malloc(l1);
  b2 = malloc(l2);
  ck_assert_int_eq(surv_counts_write(want, b1, l1), SURV_OK);
  ck_assert_int_eq(surv_counts_write(got, b2, l2), SURV_OK);
  ck_assert(memcmp(b1, b2, l1) == 0);
  free(b1);
  free(b2);
  free(g0);
  free(s0);
  free(st0);
  surv_counts_free(want);
  surv_counts_free(got);
  free_data(&d);
}
END_TEST

/* Corrupt and truncated buffers: SURV_EFORMAT, never a crash. */
START_TEST(test_format) {
  dataset d = make_data(200, 99, 2);
  surv_data v = view(&d, 0, 200, USE_GROUP | USE_ENTRY | USE_WEIGHT);
  surv_counts *c, *r;
  size_t len, i, cut;
  unsigned char *buf, *bad;
  ck_assert_int_eq(surv_counts_new(&c), SURV_OK);
  ck_assert_int_eq(surv_counts_size(c, &len), SURV_OK);
  ck_assert_uint_eq(len, 32); /* empty: header and hash */
  ck_assert_int_eq(surv_counts_add(c, &v), SURV_OK);
  ck_assert_int_eq(surv_counts_size(c, &len), SURV_OK);
  buf = malloc(len);
  bad = malloc(len);
  ck_assert_int_eq(surv_counts_write(c, buf, len - 1), SURV_ESIZE);
  ck_assert_int_eq(surv_counts_write(c, buf, len), SURV_OK);
  ck_assert(memcmp(buf, "SURVCNT", 8) == 0);
  ck_assert_int_eq(surv_counts_read(buf, len, &r), SURV_OK);
  surv_counts_free(r);
  for (cut = 0; cut < len; cut++) { /* every truncation */
    r = NULL;
    ck_assert_int_eq(surv_counts_read(buf, cut, &r), SURV_EFORMAT);
    ck_assert_ptr_null(r);
  }
  for (i = 0; i < len; i++) { /* every byte changed */
    memcpy(bad, buf, len);
    bad[i] ^= (unsigned char)(1u << (i % 8));
    r = NULL;
    ck_assert_int_eq(surv_counts_read(bad, len, &r), SURV_EFORMAT);
    ck_assert_ptr_null(r);
  }
  ck_assert_int_eq(surv_counts_read(NULL, len, &r), SURV_ENULL);
  ck_assert_int_eq(surv_counts_read(buf, len, NULL), SURV_ENULL);
  free(buf);
  free(bad);
  surv_counts_free(c);
  free_data(&d);
}
END_TEST

START_TEST(test_errors) {
  dataset d = make_data(50, 5, 2);
  surv_data v = view(&d, 0, 50, USE_GROUP), w;
  surv_counts *c, *e;
  surv_result *r = NULL;
  size_t l0, l1;
  double bad = -1;
  ck_assert_int_eq(surv_counts_new(NULL), SURV_ENULL);
  ck_assert_int_eq(surv_counts_new(&c), SURV_OK);
  ck_assert_int_eq(surv_counts_new(&e), SURV_OK);
  ck_assert_int_eq(surv_counts_km_fit(c, 0, &r), SURV_ESIZE); /* empty */
  ck_assert_int_eq(surv_counts_add(NULL, &v), SURV_ENULL);
  ck_assert_int_eq(surv_counts_add(c, NULL), SURV_ENULL);
  ck_assert_int_eq(surv_counts_add(c, &v), SURV_OK);
  ck_assert_int_eq(surv_counts_size(c, &l0), SURV_OK);
  w = view(&d, 0, 50, USE_STRATA); /* other members */
  ck_assert_int_eq(surv_counts_add(c, &w), SURV_EINVAL);
  w = view(&d, 0, 0, USE_GROUP);
  ck_assert_int_eq(surv_counts_add(c, &w), SURV_ESIZE);
  w = view(&d, 0, 50, USE_GROUP);
  w.time = NULL;
  ck_assert_int_eq(surv_counts_add(c, &w), SURV_ENULL);
  w = view(&d, 0, 50, USE_GROUP);
  w.time2 = d.time;
  ck_assert_int_eq(surv_counts_add(c, &w), SURV_EINVAL);
  d.time[49] = -1; /* the last row: earlier rows must not be counted */
  w = view(&d, 0, 50, USE_GROUP);
  ck_assert_int_eq(surv_counts_add(c, &w), SURV_ETIME);
  d.time[49] = NAN;
  ck_assert_int_eq(surv_counts_add(c, &w), SURV_ETIME);
  d.time[49] = 1;
  d.status[49] = -1;
  ck_assert_int_eq(surv_counts_add(c, &w), SURV_ESTATUS);
  d.status[49] = 0;
  w = view(&d, 0, 50, USE_GROUP | USE_WEIGHT);
  ck_assert_int_eq(surv_counts_add(e, &w), SURV_OK);
  d.weight[49] = bad;
  ck_assert_int_eq(surv_counts_add(e, &w), SURV_EWEIGHT);
  ck_assert_int_eq(surv_counts_merge(c, e), SURV_EINVAL); /* members */
  ck_assert_int_eq(surv_counts_merge(NULL, e), SURV_ENULL);
  ck_assert_int_eq(surv_counts_merge(c, NULL), SURV_ENULL);
  d.entry[3] = d.time[3];
  w = view(&d, 0, 50, USE_GROUP | USE_WEIGHT | USE_ENTRY);
  surv_counts_free(e);
  ck_assert_int_eq(surv_counts_new(&e), SURV_OK);
  ck_assert_int_eq(surv_counts_add(e, &w), SURV_ETIME); /* entry >= time */
  ck_assert_int_eq(surv_counts_size(c, &l1), SURV_OK);
  ck_assert_uint_eq(l0, l1); /* c unchanged by the failed calls */
  /* causes > 1: not for KM, NA, log-rank */
  ck_assert_int_eq(surv_counts_km_fit(c, 0, &r), SURV_ESTATUS);
  ck_assert_int_eq(surv_counts_logrank_test(c, NULL, &r), SURV_ESTATUS);
  ck_assert_int_eq(surv_counts_km_fit(c, 0x400u, &r), SURV_EINVAL);
  ck_assert_int_eq(surv_counts_km_fit(NULL, 0, &r), SURV_ENULL);
  ck_assert_int_eq(surv_counts_km_fit(c, 0, NULL), SURV_ENULL);
  ck_assert_int_eq(surv_counts_na_fit(c, 0, &r), SURV_EINVAL);  /* groups */
  ck_assert_int_eq(surv_counts_cif_fit(c, 0, &r), SURV_EINVAL); /* groups */
  ck_assert_ptr_null(r);
  surv_counts_free(c);
  surv_counts_free(e);
  surv_counts_free(NULL);
  free_data(&d);
}
END_TEST

int main(void) {
  Suite *s = suite_create("counts");
  TCase *tc = tcase_create("fits");
  tcase_set_timeout(tc, 120);
  tcase_add_test(tc, test_km);
  tcase_add_test(tc, test_na);
  tcase_add_test(tc, test_logrank);
  tcase_add_test(tc, test_cif);
  suite_add_tcase(s, tc);
  tc = tcase_create("format");
  tcase_add_test(tc, test_format);
  tcase_add_test(tc, test_relabel);
  tcase_add_test(tc, test_errors);
  suite_add_tcase(s, tc);
  return tu_run_suite(s);
}
