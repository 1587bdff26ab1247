/* Fisher-Freeman-Halton exact test for r x c contingency tables, and its Monte
 * Carlo counterpart.
 *
 * Exact test (surv_fisher_rxc): with fixed margins a table T has probability
 *   P(T) = prod r_i! prod c_j! / (n! prod x_ij!)          (Freeman-Halton 1951)
 * and the two-sided p-value is the sum of P(T) over tables with
 * P(T) <= P(obs)(1 + delta).  We match R's fisher.test (stats/src/fexact.c,
 * FEXACT): comparisons are made in log space with R's absolute tolerance
 * tol = 3.45254e-7 added to the observed log-probability.  2 x 2 tables (after
 * zero rows and columns are dropped) follow R's 2 x 2 branch instead: the
 * hypergeometric sum over f(y) <= f(a) (1 + 1e-7).
 *
 * Algorithm: the network algorithm of Mehta & Patel (1983, 1986) as a forward
 * dynamic programme over "stages" (the longer table dimension, columns sorted
 * by decreasing total, or by increasing total with three or more key rows
 * and six or more stages).  A node is the sorted vector of remaining row totals
 * (rows with equal remaining totals have identical futures, so they merge).
 * Each node carries the list of distinct past path lengths PAST (sum of the
 * arc lengths log multinomial(c_j; x_j) so far) with weights.  With
 * LP / SP = longest / shortest remaining path and log M = log of the total
 * completion mass (multivariate hypergeometric identity), a PAST with
 * PAST + LP <= OBS contributes w exp(PAST + log M + C0) at once, one with
 * PAST + SP > OBS is dropped, and only the band in between is passed on.
 * The "band trick": a node's PASTs are sorted once and given log prefix sums,
 * so for every arc two binary searches split them into all-extreme / band /
 * dropped, and only the band is inserted in the child.  LP and SP are cheap
 * valid bounds (majorisation relaxations; lf is convex) or, with 2 rows or 2
 * columns left, the exact LP by greedy pairwise transfers (log binomial is
 * concave).  Any valid bounds keep the answer exact.  Arcs are enumerated
 * canonically across equal remaining totals, with multiplicities.  The last
 * two stages are folded: a node with two columns left gets its completion
 * distribution (sorted distinct total future paths F with log prefix
 * masses) when a band first reaches it, and every arc into it resolves the
 * parent's band directly against that list (a pointer walk), storing
 * nothing; nodes whose list would be too large receive past values and
 * enumerate their forced completions instead.  Each node keeps its past
 * values merged within a 1e-9 log bucket (FEXACT merges within its tol,
 * which is why R's p moves in the ~10th digit with its workspace): in its
 * own open-addressing table, or with two key rows, where few paths merge,
 * in an array that is sorted and merged when it fills (with more key rows
 * a table becomes such an array when it outgrows RXC_HASH_MAX slots while
 * few of its stage's values merge); they are sorted by
 * an LSD radix sort on their buckets before expansion.  The exact LP's exchange
 * steps are decided in integer arithmetic (a tolerance let ties cycle).
 *
 * Four savings for the general case (issue 15): (1) an arc's band walk
 * against a completion list works in linear scale on the node's prefix
 * sums of w exp(PAST) (lin_w): the PASTs that meet the same prefix of the
 * list form a run whose mass is a difference of two prefix sums, and the
 * run's end is found through a directory of the node's sorted PASTs
 * (dir_build, dir_end), so the walk costs one exp() and a few comparisons
 * per list entry it passes, not a step per PAST of the band; (2) while
 * an arc's column is enumerated, a partial column that ends a run of equal
 * keys is bounded (arc_prune: even fillings of the rest of the table) and,
 * when every table through it is extreme for every past value, its whole
 * mass is added in closed form (Vandermonde) instead of enumerating its
 * arcs; (3) a stage holding more than cap / 256 past values (at least
 * 2^20) is expanded to the end in batches (flush_from), so memory stays
 * near an eighth of the cap whatever the width of the stage; (4) an arc
 * through which every table is extreme for every past value is found
 * without looking its child up: LP of the child is at most sum_{j>t}
 * lf(c_j) - sum_i ef(key_i - x_i), ef(r) the least sum of lf over a row of
 * total r in the columns after t (node_bounds' row-wise even filling,
 * tabulated once per stage); the masses of such arcs, mult exp(L_{n-1} +
 * d + log M(child) + C0), differ only by prod_i C(key_i, x_i), so they are
 * summed per node in linear scale from tabulated binomial ratios and
 * added with one exp() (lin_add, lin_flush); and with x_0..x_{kk-3} fixed
 * the splits of the rest between the last two rows are bounded the same
 * way (rows_extreme, rem + 1 terms) before arc_prune's weaker relaxation.
 *
 * Caps: tracked memory (max_bytes, SURV_ELIMIT beyond; the O(n)
 * log-factorial table included) and, with surv_fisher_rxc_limit,
 * wall-clock time: every loop whose length depends on the table counts its
 * iterations as work units (mem_work, mem_tick) and the clock is read every
 * RXC_WORK_CHECK units, so the work between two reads is bounded whatever
 * the table; the memory cap alone does not bound the time.
 *
 * Two key rows (2 x c and c x 2 tables): a bidirectional search.  A node is
 * then fixed by one number, so the completion lists of every node of a
 * stage (all future path lengths F, merged in the same buckets, with log
 * prefix masses) can be built backwards from the last column, stage by
 * stage, each list the merge of its children's lists shifted by the arc
 * length.  Before each forward stage the lists are extended backwards while
 * the next stage of them would hold (before merging) no more entries than
 * the forward stage or 4096, and fit a quarter of the memory cap; when they
 * reach the stage after the forward one, every arc resolves its band
 * against the child's list as above and the search ends.  The two
 * frontiers stay balanced, so the work is about that of the widest stage
 * reached from either end instead of the widest stage overall (table T1 of
 * tests/bench_rxc.c, 2 x 15 with n = 4749, from the issue tracker of the
 * FisherExact Python wrapper of FEXACT, issue 8: 2.5 M past values per stage
 * forward-only; 3.44 s and 291 MB before, 0.54 s and 58 MB with this and
 * the arrays above).
 *
 * Cost: no polynomial bound; it is driven by the number of distinct PASTs per
 * node and by the arcs whose band is not empty.  Memory is tracked and
 * capped by max_bytes (SURV_ELIMIT beyond); with three or more key rows the
 * batches keep the past values to about max_bytes / 8 (at least 2^20 of
 * them), trading merging for memory.  Small p-values are the hard case:
 * the observed path is short, so few PASTs are resolved early (P1 of
 * tests/bench_rxc.c, 3 x 6 with n = 300 and p = 4.0e-4: 18.6 M past values
 * at once and 2.2 G band steps; 29 s and 602 MB before these savings,
 * 22 s with the linear walks alone, 44 s and 166 MB with the batches, which
 * merge less: measured side by side on a shared machine; R's FEXACT fails
 * on it with workspace 2e8).  With the run walks, increasing column order
 * and tables turned arrays: 9.3 to 11.0 s CPU and 110 MB against 38.8 to
 * 43.9 s and 166 MB before them (same machine and session); its walks
 * pass 4.1 G band entries in 109 M runs.  Exact LP and SP by one step of
 * lookahead (the extremes over a node's arcs of the arc length plus the
 * child's bounds) stored 4.5% fewer past values on P1 but took 36% more
 * instructions on the 3 x 6 and 4 x 7 tables of the bench: not kept.
 * Table C (5 x 5, n = 227, p = 0.915) was bound by its arc enumeration:
 * 60 M arcs reached a leaf (child lookup, one exp()) although every table
 * through them is extreme, and 0.69 M carry a band; 61.5 G instructions
 * before (1) to (3), 60.8 G after.  With (4) 13.3 M arcs reach a leaf, of
 * which the row bound decides 12.6 M, and rows_extreme removes 4.6 M of
 * the 4.7 M partial columns it bounds: 23.1 G instructions (cachegrind),
 * 22.4 G once sort_pw counted its work per block instead of per entry,
 * 20.8 G with mem_work inline; 2.57 to 2.58 s CPU against 5.16 s (two
 * runs each, same session).  The other cases of the bench, before (4),
 * after (4) and after all three: s3x6 1.77, 1.62 and 1.45 G, D 0.317,
 * 0.238 and 0.224 G, B 2.15, 1.87 and 1.83 G, T1 3.00, 3.01 and 2.68 G, P1
 * 58.3, 57.3 and 52.9 G instructions.  What is left on C: enumerating the
 * remaining arcs, building and sorting the completion lists (14.2 M arcs;
 * sort_pw took 3.9 G of the 23.1 G), the band walks and inserts.  A flag
 * letting the arcs inside a run of equal keys skip the row bound once
 * rows_extreme held for them took 1.8% more instructions, and fetching
 * the child's table slots ahead of a band's inserts gave 3.98 to 4.24 s
 * CPU against 4.14 to 4.44 s on a loaded machine (three runs each): not
 * kept.
 *
 * Later savings (issue 15, same p-values to the 12 digits the bench
 * prints): L from the linear prefix sums (enum_L); completion lists in
 * linear scale (no exp() per run); the radix sort on 1e-9 buckets with
 * keys computed once; the last row of an arc set by the loop over the row
 * before it; batches keeping their arrays (stage_drop_pasts); rows_extreme
 * tabulated per node; lists appended inline (arc_emit) and allowed up to
 * RXC_DIST_MAX = 262144 tables.  Instructions (cachegrind) before and
 * after: C 20.78 and 12.79 G, P1 52.93 and 24.55 G, s3x6 1.45 and 0.89 G,
 * D 0.224 and 0.166 G, B 1.83 and 1.63 G, T1 2.68 and 1.53 G; peak RSS C
 * 144 -> 151 MB, P1 106 -> 121 MB, T1 54 -> 60 MB (the sort keys).  Not
 * kept: the exact shortest path (a vertex search of the transportation
 * polytope: sum lf is convex) instead of the greedy bound, 10 to 17 nats
 * tighter on P1's nodes with three columns left but it dropped no past
 * value there; the row bound and lin_add's product carried per row in
 * arc_rec (14.14 G against 14.12 G on C); a node's values and prefix sums
 * interleaved for the run walks (P1's time unchanged).  P1 then spent
 * about half its time in the run walks of arc_to_list from the nodes with
 * three columns left (10^5 values, out of cache) and 15% sorting; its 8
 * batches walked every arc 8 times (27.4 M values expanded, 128 M runs).
 *
 * Deferred arcs (issue 15): with three or more key rows the arcs into the
 * stage with three columns left are not resolved by storing their bands
 * in the child: each is recorded (defer_add: the parent's band, d and the
 * multiplicity, 32 bytes) and, once the parent stage is expanded,
 * defer_run groups them by child and expands the children one at a time,
 * each gathering its values from its arcs' bands, sorted and merged once
 * (or merged in its table where most values merge: tables B and C), so
 * every such node is expanded once with all its values and holds them
 * only while it is expanded.  P1: 327 node expansions instead of 2671,
 * 13.3 M values instead of 27.4 M, 18.1 M runs instead of 128 M; 24.55
 * -> 9.02 G instructions, peak RSS 121 -> 45 MB; s3x6 0.89 -> 0.57 G, D
 * 0.166 -> 0.142 G, B 1.63 -> 1.64 G, C 12.79 -> 12.80 G, T1 unchanged.
 * Sorting then took about half of P1's time (38.9 M values gathered, 13.3
 * M after merging).  With one gathering array kept across nodes (a fresh
 * one per node was faulted in each time), the sort's keys packed with the
 * entries' indices (bucket offsets of 34 bits: 3 passes of 12-bit digits
 * moving 8-byte words, then one gather merging equal buckets) and the
 * histograms of all digits counted in one pass: P1 1.48 -> 1.21 s CPU
 * (min of 4 runs each, alternating, shared machine), 8.25 G
 * instructions; C 12.57 G, s3x6 0.52 G, D 0.135 G, B 1.63 G, T1 1.53 G.
 * Then for C: completion lists given their linear prefix masses directly
 * (dist_lin: one exp() an entry instead of log_prefix's log1p() and exp()
 * and an exp() back), 1.78 -> 1.59 s CPU; and large blocks grown into
 * fresh ones in huge pages (mem_resize; page faults took 10% of C's
 * time), 1.60 -> 1.41 s CPU (min of 4 runs each, alternating), peak RSS
 * C 154 -> 190 MB (the old and new block of a grown list, both touched),
 * P1 34 -> 48 MB.  Instructions: C 11.72 G, P1 8.23 G, s3x6 0.51 G, D
 * 0.129 G, B 1.65 G, T1 1.56 G.  The huge pages of a grown block are
 * used only while the old and new block fit the cap together.  Completion
 * lists then stored as values and prefix masses only (16 bytes an entry
 * instead of 24; the weights are needed only while a list is built, in
 * cx->raw): C peak RSS 189 -> 128 MB, 1.14 -> 1.12 s CPU.  All of
 * these against the version before them (least of 5 runs each,
 * alternating, shared machine; peak RSS of each case run alone): P1 4.57
 * -> 1.21 s CPU, 24.55 -> 8.38 G instructions, 121 -> 48 MB; C 1.79 ->
 * 1.26 s, 12.79 -> 11.82 G, 151 -> 128 MB; T1 0.45 -> 0.19 s, 1.53 ->
 * 1.58 G, 60 -> 81 MB (huge pages); B 0.23 -> 0.21 s, 1.63 -> 1.66 G;
 * D 0.041 -> 0.022 s, 0.166 -> 0.131 G; s3x6 0.185 -> 0.075 s, 0.89 ->
 * 0.52 G; every p of the bench the same to its 12 digits.  What is left:
 * on P1 the radix sort of the gathered values (about a third of its time)
 * and the run walks (a quarter); on C the run walks into its lists (6 M
 * entries, out of cache), the arc enumeration (arc_rec, arc_leaf and
 * lin_add: half its instructions) and the zeroing of fresh pages.
 * Tried on C after that and not kept (same p): the run searches of
 * arc_to_list galloping from the directory's guess and down the list
 * instead of stepping (11.82 -> 11.95 G instructions, 1.276 against
 * 1.207 s CPU, least of 5 runs each, alternating: the steps are few, the
 * time goes to cache misses); a list's values and prefix masses
 * interleaved in one array, read at one k by the walks (1.296 against
 * 1.257 s CPU, least of 4; peak RSS 128 -> 156 MB, the grown block being
 * twice as large).
 *
 * Monte Carlo (surv_fisher_rxc_mc): R's fisher.test(simulate.p.value = TRUE):
 * tables drawn with fixed margins by Patefield's algorithm (AS 159, 1981),
 * statistic S = -sum lf(x_ij), p = (1 + #{S_b <= S_obs / (1 + 64 eps)}) /
 * (B + 1).  Cost O(B r c) plus the hypergeometric inversions; memory
 * O(r c): log factorials come from surv__lnfact one at a time, never from
 * an O(n) table (a 2 x 3 table with n = 4e8 needed 3.1 GB that way).
 */
#include <float.h>
#include <limits.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "surv_internal.h"

/* R's FEXACT tolerance on log path lengths (stats/src/fexact.c). */
#define RXC_TOL 3.45254e-7
#define RXC_DEFAULT_CAP ((size_t)1 << 30)
#define RXC_NONE UINT32_MAX
/* Longest key (shorter table dimension) handled; beyond it SURV_ELIMIT. */
#define RXC_MAXK 64
/* Largest table of factors for the linear sums of all-extreme arcs (key
 * rows times the column total plus one; lin_add). */
#define RXC_GTAB_MAX 65536
/* Largest completion list kept for a node with two columns left (tables
 * enumerated, before merging).  A node whose list is larger receives past
 * values instead: with 65536, 14 nodes of table C of tests/bench_rxc.c
 * took 12.4 M inserts that merged into 47 K values (stage_add was 16% of
 * its time); with 262144 they get lists (14.1 G -> 12.8 G instructions,
 * peak RSS 145 -> 151 MB). */
#define RXC_DIST_MAX 262144

/* ---- memory accounting ------------------------------------------------- */

typedef struct {
  size_t cur, peak, cap;
  int err; /* SURV_ELIMIT or SURV_ENOMEM once an allocation failed */
  /* time limit: monotonic deadline in seconds (0 = none), and the work
   * units counted since the clock was last read */
  double deadline;
  unsigned long steps;
} rxc_mem;

/* Work units between two clock reads.  A unit is one elementary iteration
 * of some loop (an arc, an entry copied, sorted, merged, searched or
 * rehashed, a log factorial, one exchange of the LP bound), a few to about
 * a hundred nanoseconds, so 2^14 units take at most a few milliseconds and
 * the clock costs well under 1% of the run. */
#define RXC_WORK_CHECK 16384UL

static double mono_now(void) {
  struct timespec ts;
  if (clock_gettime(CLOCK_MONOTONIC, &ts) != 0)
    return 0;
  return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

/* Reads the clock now: -1 (err = SURV_ELIMIT) when past the deadline. */
static int mem_clock(rxc_mem *m) {
  m->steps = 0;
  if (m->deadline <= 0 || mono_now() <= m->deadline)
    return 0;
  m->err = SURV_ELIMIT;
  return -1;
}

/* mem_work under a time limit: the clock is read every RXC_WORK_CHECK
 * units. */
static int mem_work_timed(rxc_mem *m, unsigned long units) {
  m->steps += units;
  if (m->steps < RXC_WORK_CHECK)
    return 0;
  return mem_clock(m);
}

/* Count units of work; -1 once an error is set or (the clock being read
 * every RXC_WORK_CHECK units) past the deadline.  Every loop whose length
 * is not bounded by a constant calls it (or mem_tick) inside, so the work
 * between two clock reads is bounded whatever the table.  Inline: it runs
 * for every arc, and without a time limit it is two tests. */
static inline int mem_work(rxc_mem *m, unsigned long units) {
  if (m->err)
    return -1;
  if (m->deadline <= 0)
    return 0;
  return mem_work_timed(m, units);
}

/* mem_work as a surv__work_fn (the 2 x 2 case, lib/numerics.c). */
static int rxc_work_fn(void *ctx, unsigned long units) {
  return mem_work((rxc_mem *)ctx, units);
}

/* Zeroes n bytes at p in 1 MiB pieces, counting the work (a large table's
 * first touch costs about as much as its filling).  -1 past the deadline. */
static int mem_zero(rxc_mem *m, void *p, size_t n) {
  size_t off = 0;
  while (off < n) {
    size_t k = n - off < ((size_t)1 << 20) ? n - off : ((size_t)1 << 20);
    memset((char *)p + off, 0, k);
    off += k;
    if (mem_work(m, (unsigned long)(k / 64)))
      return -1;
  }
  return 0;
}

/* Inside a loop over i: counts 1024 units every 1024 iterations. */
static int mem_tick(rxc_mem *m, size_t i) {
  return (i & 1023) == 1023 && mem_work(m, 1024);
}

/* A huge page (mem_resize). */
#define RXC_HUGE ((size_t)2 << 20)

/* Resize *pp from old_n to new_n elements of size sz (new_n may be 0 to
 * free).  Fails (returns -1, sets m->err) on overflow, the cap or OOM. */
static int mem_resize(rxc_mem *m, void *pp, size_t old_n, size_t new_n,
                      size_t sz) {
  void **p = (void **)pp;
  size_t ob = old_n * sz, nb;
  void *q;
  if (new_n == 0) {
    if (*p)
      m->cur -= ob;
    free(*p);
    *p = NULL;
    return 0;
  }
  if (new_n > SIZE_MAX / sz) {
    m->err = SURV_ELIMIT;
    return -1;
  }
  nb = new_n * sz;
  if (m->cur - ob + nb > m->cap || m->cur - ob + nb < m->cur - ob) {
    m->err = SURV_ELIMIT;
    return -1;
  }
  if (nb >= RXC_HUGE && nb > ob && m->cur + nb <= m->cap) {
    /* a large block grows into a fresh one in huge pages where the kernel
     * offers them (surv__malloc_array, lib/util.c): a 4 KiB page costs a
     * fault at its first touch (C of tests/bench_rxc.c: 10% of its time,
     * mostly in its completion lists).  Old and new block coexist during
     * the copy: only while both fit the cap (else realloc) */
    q = surv__malloc_array(1, nb);
    if (q && *p) {
      memcpy(q, *p, ob);
      free(*p);
    }
  } else
    q = realloc(*p, nb);
  if (!q) {
    m->err = SURV_ENOMEM;
    return -1;
  }
  *p = q;
  m->cur = m->cur - ob + nb;
  if (m->cur > m->peak)
    m->peak = m->cur;
  return 0;
}

/* mem_resize of two arrays of old_n elements (sizes sa, sb) to new_n:
 * both or neither.  Returns -1 on failure. */
static int mem_resize2(rxc_mem *m, void *pa, size_t sa, void *pb, size_t sb,
                       size_t old_n, size_t new_n) {
  if (mem_resize(m, pa, old_n, new_n, sa))
    return -1;
  if (mem_resize(m, pb, old_n, new_n, sb)) {
    mem_resize(m, pa, new_n, old_n, sa);
    return -1;
  }
  return 0;
}

/* ---- validation and table preparation ---------------------------------- */

/* Validates a table (surv__margins_init, total <= INT_MAX) and collapses
 * it: drops zero rows and columns, returns the margins (caller frees *rs,
 * *cs) and n.  Both functions share it. */
static int prepare_table(const long *table, size_t nrow, size_t ncol,
                         long **rs_out, size_t *nr_out, long **cs_out,
                         size_t *nc_out, long *n_out, long **cells_out) {
  size_t i, j, nr, nc, a, b;
  long *rs, *cs, *cells, n;
  surv__margins mg;
  int rc = surv__margins_init(&mg, table, nrow, ncol, INT_MAX);
  if (rc)
    return rc;
  nr = mg.nr;
  nc = mg.nc;
  n = mg.n;
  rs = surv__malloc_array(nrow, sizeof *rs);
  cs = surv__malloc_array(ncol, sizeof *cs);
  if (!rs || !cs) {
    free(rs);
    free(cs);
    surv__margins_free(&mg);
    return SURV_ENOMEM;
  }
  memcpy(rs, mg.row, nrow * sizeof *rs);
  memcpy(cs, mg.col, ncol * sizeof *cs);
  surv__margins_free(&mg);
  cells = surv__malloc_array(nr * nc, sizeof *cells);
  if (!cells) {
    free(rs);
    free(cs);
    return SURV_ENOMEM;
  }
  for (i = 0, a = 0; i < nrow; i++) {
    if (rs[i] == 0)
      continue;
    for (j = 0, b = 0; j < ncol; j++)
      if (cs[j] > 0)
        cells[a * nc + b++] = table[i * ncol + j];
    a++;
  }
  for (i = 0, a = 0; i < nrow; i++)
    if (rs[i] > 0)
      rs[a++] = rs[i];
  for (j = 0, b = 0; j < ncol; j++)
    if (cs[j] > 0)
      cs[b++] = cs[j];
  *rs_out = rs;
  *cs_out = cs;
  *nr_out = nr;
  *nc_out = nc;
  *n_out = n;
  *cells_out = cells;
  return SURV_OK;
}

/* ---- bounds on the remaining path ---------------------------------------- */

/* Sum of lf over the most even filling of total c into caps (ascending). */
static double even_fill_lf(long c, const int *caps_asc, int k,
                           const double *lf) {
  double s = 0;
  long rem = c;
  int g = k, i;
  for (i = 0; i < k; i++, g--) {
    long q = rem / g;
    if (caps_asc[i] <= q) {
      s += lf[caps_asc[i]];
      rem -= caps_asc[i];
    } else {
      long r = rem % g;
      s += (double)r * lf[q + 1] + (double)(g - r) * lf[q];
      return s;
    }
  }
  return s;
}

/* Sum of lf over the greedy filling of c into caps (descending). */
static double greedy_fill_lf(long c, const int *caps_desc, int k,
                             const double *lf) {
  double s = 0;
  long rem = c;
  int i;
  for (i = 0; i < k && rem > 0; i++) {
    long t = caps_desc[i] < rem ? caps_desc[i] : rem;
    s += lf[t];
    rem -= t;
  }
  return s;
}

/* max over integer y (lo_j <= y_j <= hi_j, sum y_j = total) of
 * sum_j log C(N_j, y_j): separable concave, so pairwise transfers from a
 * proportional start reach the optimum.  y is scratch of length k. */
static double max_logbinom(rxc_mem *m, int k, const int *N, const int *lo,
                           const int *hi, long total, long sumN,
                           const double *lf, int *y) {
  long s = 0;
  int j, it;
  double v = 0, a = -60, b = 60;
  /* Raising y_j by one gains log((N_j - y_j) / (y_j + 1)), decreasing in
   * y_j (log C(N_j, y) is concave), so the optimum takes every unit whose
   * gain exceeds a threshold log r: y_j(r) = clamp(ceil((N_j - r) / (1 + r)),
   * lo_j, hi_j).  From the proportional start, when clamping left the sum
   * far from total, bisect log r so that sum y_j(r) <= total is tight (unit
   * moves alone cost O(total k): 3 x 3 tables with n ~ 4600 spent 99% of
   * their time here); the few units left at the threshold go greedily
   * below, and the exchange loop then certifies optimality.  Each pass of
   * each loop counts k units of work; past the deadline the value is
   * meaningless and m->err tells the caller. */
  for (j = 0; j < k; j++) { /* proportional start: usually near optimal */
    long t = sumN > 0 ? (long)((double)N[j] * (double)total / (double)sumN) : 0;
    y[j] = (int)(t < lo[j] ? lo[j] : (t > hi[j] ? hi[j] : t));
    s += y[j];
  }
  if (labs(s - total) > 4L * k) { /* clamping moved it far: bisect */
    for (it = 0; it < 200 && b - a > 1e-12; it++) {
      double mid = 0.5 * (a + b), r = exp(mid);
      long sm = 0;
      if (mem_work(m, (unsigned long)k))
        return 0;
      for (j = 0; j < k; j++) {
        double c = ceil(((double)N[j] - r) / (1 + r));
        sm += c < lo[j] ? lo[j] : (c > hi[j] ? hi[j] : (long)c);
      }
      if (sm > total)
        a = mid;
      else
        b = mid;
    }
    s = 0;
    for (j = 0; j < k; j++) {
      double r = exp(b), c = ceil(((double)N[j] - r) / (1 + r));
      y[j] = (int)(c < lo[j] ? lo[j] : (c > hi[j] ? hi[j] : (long)c));
      s += y[j];
    }
  }
  /* fix the sum greedily */
  while (s != total) {
    int best = -1;
    double bg = -HUGE_VAL;
    if (mem_work(m, (unsigned long)k))
      return 0;
    for (j = 0; j < k; j++) {
      double g;
      if (s < total && y[j] < hi[j])
        g = lf[y[j]] + lf[N[j] - y[j]] - lf[y[j] + 1] - lf[N[j] - y[j] - 1];
      else if (s > total && y[j] > lo[j])
        g = lf[y[j]] + lf[N[j] - y[j]] - lf[y[j] - 1] - lf[N[j] - y[j] + 1];
      else
        continue;
      if (g > bg) {
        bg = g;
        best = j;
      }
    }
    if (best < 0)
      break; /* infeasible: cannot happen for a reachable node */
    if (s < total) {
      y[best]++;
      s++;
    } else {
      y[best]--;
      s--;
    }
  }
  /* exchange one unit while it gains: gains as logs of exact ratios, and
   * the decision in exact integer arithmetic (a tolerance on differences of
   * log-factorials near 1e4 let rounding of 1e-13 cycle a tie for 10^5
   * moves per call) */
  for (it = 0; it < 100000; it++) {
    int ja = -1, jr = -1;
    double ga = -HUGE_VAL, gr = -HUGE_VAL;
    if (mem_work(m, (unsigned long)k))
      return 0;
    for (j = 0; j < k; j++) {
      if (y[j] < hi[j]) {
        double g = log((double)(N[j] - y[j]) / (double)(y[j] + 1));
        if (g > ga) {
          ga = g;
          ja = j;
        }
      }
      if (y[j] > lo[j]) {
        double g = log((double)y[j] / (double)(N[j] - y[j] + 1));
        if (g > gr) {
          gr = g;
          jr = j;
        }
      }
    }
    if (ja < 0 || jr < 0 || ja == jr ||
        (int64_t)(N[ja] - y[ja]) * y[jr] <=
            (int64_t)(y[ja] + 1) * (N[jr] - y[jr] + 1))
      break;
    y[ja]++;
    y[jr]--;
  }
  for (j = 0; j < k; j++)
    v += lf[N[j]] - lf[y[j]] - lf[N[j] - y[j]];
  return v;
}

/* ---- the network --------------------------------------------------------- */

typedef struct {
  double p, w;
} rxc_pw;

typedef struct {
  int *keys; /* nnodes * K, each sorted descending */
  double *lp, *sp, *lm;
  /* per node, its past values in ntab[i] (ncap[i] slots, cnt[i] values):
   * with K >= 3 an open-addressing table (slots with w = 0 are empty;
   * weights are always positive); with K = 2, where few paths merge, an
   * array appended to and sorted and merged now and then, its first
   * nsorted[i] entries sorted at the last compaction */
  rxc_pw **ntab;
  uint32_t *ncap, *cnt, *nsorted;
  uint8_t *app; /* K >= 3: 1 when the node's values are an array */
  size_t nnodes, capn;
  uint64_t *nhash; /* fingerprint << 32 | node index + 1, 0 = empty */
  size_t nhcap;
  size_t nent;
  size_t nadd; /* K >= 3: values added to tables (merged or not) */
  /* nodes with two columns left: their completion distribution (distinct
   * total future path F ascending with weights, and log prefix masses),
   * node i owning dist[doff[i] .. doff[i] + dcnt[i]), built when a band
   * first reaches the node; doff = RXC_NONE with dcnt = 0 before that, and
   * with dcnt = RXC_NONE when it was too large (then the node receives past
   * values instead).  When the log prefix masses span at most
   * RXC_LIN_RANGE, dL holds them in linear scale, divided by the total
   * mass, and dtop[i] is the log total (else dtop[i] = -HUGE_VAL) */
  uint32_t *doff, *dcnt;
  double *dtop;
  double *dist; /* the values F (their weights only in dL) */
  double *dL;
  size_t ndist, capdist;
} rxc_stage;

/* Completion lists for two key rows.  With K = 2 a node at stage t is fixed
 * by its smaller remaining total b (the other is N_t - b, N_t the remaining
 * column total).  The list of state b holds the future path lengths F (sum
 * of the arc lengths of columns t..m-1) of every completion, merged within
 * the 1e-9 bucket, ascending, with weights (numbers of completions) and log
 * prefix masses L.  Lists are built backwards from stage m and met by the
 * forward pass (network_p): a bidirectional search. */
typedef struct rxc_back {
  int t, blo;          /* stage; states b = blo .. blo + nst - 1 */
  size_t nst, n;       /* states; entries over all states */
  size_t scap, ncap;   /* allocated states and entries (kept for reuse) */
  uint32_t *off, *cnt; /* per state: first entry, entries (0: infeasible) */
  rxc_pw *pw;
  double *L;
} rxc_back;

/* An arc deferred to its child (defer_add): the band src[0..n) of the
 * parent's sorted past values, which reach node `node` of the next stage
 * as src[q].p + d with weight src[q].w * mult. */
typedef struct {
  const rxc_pw *src;
  double d, mult;
  uint32_t n, node;
} rxc_rec;

/* Values gathered per value kept after merging beyond which defer_run
 * merges in tables (stage_add) instead of sorting arrays. */
#define RXC_DEFER_MERGE 4

/* Deferred arcs held before they are resolved (32 bytes each). */
#define RXC_DEFER_MAX ((size_t)1 << 20)

typedef struct {
  rxc_mem mem;
  const double *lf;
  int K;        /* key length (rows) */
  int m;        /* number of stages (columns) */
  const int *c; /* column totals, decreasing (increasing if asc) */
  int asc;
  const int *rtot;     /* row totals, decreasing */
  double *sumlfc_from; /* sum_{j >= t} lf(c_j) */
  long *sumc_from;     /* sum_{j >= t} c_j */
  double obs, c0, inv_bucket;
  surv__ksum mass;
  /* two key rows: completion lists of stage bw->t, or NULL (see rxc_back) */
  const struct rxc_back *bw;
  /* the stages (m of them); with flush_at > 0, a stage holding that many
   * past values is expanded to the end before more are added (flush_from) */
  rxc_stage *st;
  size_t flush_at;
  /* the arcs from stage defer_t (-1: none) into nodes with three columns
   * left, resolved node by node (defer_run) */
  int defer_t;
  rxc_rec *rec;
  size_t nrec, reccap;
  /* values gathered into arrays for the deferred stage, and left after
   * merging */
  size_t defer_in, defer_out;
  /* the array the node being gathered sorts its values in (dcap entries,
   * kept across nodes) */
  rxc_pw *dbuf;
  size_t dcap;
  /* a completion list being built (build_dist: rawcap entries, at most
   * RXC_DIST_MAX) */
  rxc_pw *raw;
  size_t rawcap;
  /* scratch: the sort buffer (tmpcap entries; node_compact) and two
   * buffers of tmpcap sort keys (sort_pw) */
  rxc_pw *tmp;
  uint64_t *tkey;
  uint32_t *hist; /* the radix sort's histograms (RXC_SORT_HIST counts) */
  size_t tmpcap;
  int *ybuf, *nbuf, *lobuf, *hibuf, *capsasc, *child;
} rxc_ctx;

static uint64_t mix64(uint64_t h) {
  h ^= h >> 33;
  h *= 0xff51afd7ed558ccdULL;
  h ^= h >> 33;
  h *= 0xc4ceb9fe1a85ec53ULL;
  h ^= h >> 33;
  return h;
}

static uint64_t key_hash(const int *key, int K) {
  uint64_t h = 0;
  int i;
  for (i = 0; i < K; i++)
    h = (h + (uint32_t)key[i]) * 0x9e3779b97f4a7c15ULL;
  return mix64(h);
}

static int key_eq(const int *a, const int *b, int K) {
  int i;
  for (i = 0; i < K; i++)
    if (a[i] != b[i])
      return 0;
  return 1;
}

/* Free everything in a stage (sizes recomputed from capacities). */
static void stage_clear(rxc_mem *m, rxc_stage *s, int K) {
  mem_resize(m, &s->keys, s->capn * (size_t)K, 0, sizeof(int));
  mem_resize(m, &s->lp, s->capn, 0, sizeof(double));
  mem_resize(m, &s->sp, s->capn, 0, sizeof(double));
  mem_resize(m, &s->lm, s->capn, 0, sizeof(double));
  mem_resize(m, &s->cnt, s->capn, 0, sizeof(uint32_t));
  mem_resize(m, &s->nsorted, s->capn, 0, sizeof(uint32_t));
  mem_resize(m, &s->app, s->capn, 0, sizeof(uint8_t));
  mem_resize(m, &s->nhash, s->nhcap, 0, sizeof(uint64_t));
  size_t i;
  for (i = 0; i < s->nnodes; i++)
    mem_resize(m, &s->ntab[i], s->ncap[i], 0, sizeof(rxc_pw));
  mem_resize(m, &s->ntab, s->capn, 0, sizeof(rxc_pw *));
  mem_resize(m, &s->ncap, s->capn, 0, sizeof(uint32_t));
  mem_resize(m, &s->doff, s->capn, 0, sizeof(uint32_t));
  mem_resize(m, &s->dcnt, s->capn, 0, sizeof(uint32_t));
  mem_resize(m, &s->dtop, s->capn, 0, sizeof(double));
  mem_resize(m, &s->dist, s->capdist, 0, sizeof(double));
  mem_resize(m, &s->dL, s->capdist, 0, sizeof(double));
  memset(s, 0, sizeof *s);
}

/* LP, SP (padded outward so rounding can never make them invalid) and
 * log M for a node with remaining row totals key (descending) after t of
 * the m stages. */
static int node_bounds(rxc_ctx *cx, const int *key, int t, double *lp,
                       double *sp, double *lm) {
  const double *lf = cx->lf;
  const int *c = cx->c + t;
  int K = cx->K, rem = cx->m - t, kk = 0, i, j;
  long N = cx->sumc_from[t];
  double slr = 0, sl, lo1 = 0, lo2 = 0, up1 = 0, up2 = 0, lower, upper, pad;
  for (i = 0; i < K && key[i] > 0; i++) {
    slr += lf[key[i]];
    kk++;
  }
  *lm = lf[N] - slr;
  if (rem == 0 || kk <= 1) {
    *lp = *sp = 0;
    return 0;
  }
  if (rem == 1) {
    *lp = *sp = *lm;
    return 0;
  }
  sl = cx->sumlfc_from[t];
  if (mem_work(&cx->mem, (unsigned long)rem * (unsigned long)kk))
    return -1;
  for (i = 0; i < kk; i++)
    cx->capsasc[i] = key[kk - 1 - i];
  for (j = 0; j < rem; j++) {
    lo1 += even_fill_lf(c[j], cx->capsasc, kk, lf);
    up1 += greedy_fill_lf(c[j], key, kk, lf);
  }
  for (j = 0; j < rem; j++) { /* the remaining columns both ways */
    cx->capsasc[j] = cx->asc ? c[j] : c[rem - 1 - j];
    cx->ybuf[j] = cx->asc ? c[rem - 1 - j] : c[j];
  }
  for (i = 0; i < kk; i++) {
    lo2 += even_fill_lf(key[i], cx->capsasc, rem, lf);
    up2 += greedy_fill_lf(key[i], cx->ybuf, rem, lf);
  }
  lower = lo1 > lo2 ? lo1 : lo2;
  upper = up1 < up2 ? up1 : up2;
  pad = 1e-12 * (1.0 + sl);
  *sp = sl - upper - pad;
  if (kk == 2) {
    for (j = 0; j < rem; j++) {
      cx->nbuf[j] = c[j];
      cx->lobuf[j] = c[j] > key[1] ? c[j] - key[1] : 0;
      cx->hibuf[j] = c[j] < key[0] ? c[j] : key[0];
    }
    *lp = max_logbinom(&cx->mem, rem, cx->nbuf, cx->lobuf, cx->hibuf, key[0], N,
                       lf, cx->ybuf) +
          pad;
  } else if (rem == 2) {
    for (i = 0; i < kk; i++) {
      cx->nbuf[i] = key[i];
      cx->lobuf[i] = key[i] > c[1] ? key[i] - c[1] : 0;
      cx->hibuf[i] = key[i] < c[0] ? key[i] : c[0];
    }
    *lp = lf[c[0]] + lf[c[1]] - slr +
          max_logbinom(&cx->mem, kk, cx->nbuf, cx->lobuf, cx->hibuf, c[0], N,
                       lf, cx->ybuf) +
          pad;
  } else {
    *lp = sl - lower + pad;
  }
  return cx->mem.err ? -1 : 0;
}

static int build_dist(rxc_ctx *cx, rxc_stage *s, uint32_t idx, int t);
static int flush_from(rxc_ctx *cx, int t);

/* Find or create the node with this key in stage s (t = its stage index).
 * Returns the node index, or RXC_NONE when memory ran out (cx->mem.err). */
static uint32_t stage_node(rxc_ctx *cx, rxc_stage *s, const int *key, int t) {
  int K = cx->K;
  size_t mask, h, idx;
  uint64_t hk, fp;
  if ((s->nnodes + 1) * 2 > s->nhcap) {
    size_t ncap = s->nhcap ? s->nhcap * 2 : 1024, i;
    uint64_t *nh = NULL;
    if (mem_resize(&cx->mem, &nh, 0, ncap, sizeof *nh))
      return RXC_NONE;
    if (mem_zero(&cx->mem, nh, ncap * sizeof *nh)) {
      mem_resize(&cx->mem, &nh, ncap, 0, sizeof *nh);
      return RXC_NONE;
    }
    for (i = 0; i < s->nhcap; i++) {
      uint64_t v = s->nhash[i];
      if (mem_tick(&cx->mem, i)) {
        mem_resize(&cx->mem, &nh, ncap, 0, sizeof *nh);
        return RXC_NONE;
      }
      if (!v)
        continue;
      h = (size_t)key_hash(s->keys + ((v & 0xffffffffULL) - 1) * (size_t)K, K) &
          (ncap - 1);
      while (nh[h])
        h = (h + 1) & (ncap - 1);
      nh[h] = v;
    }
    mem_resize(&cx->mem, &s->nhash, s->nhcap, 0, sizeof *nh);
    s->nhash = nh;
    s->nhcap = ncap;
  }
  mask = s->nhcap - 1;
  hk = key_hash(key, K);
  fp = hk & 0xffffffff00000000ULL; /* fingerprint: spares most key reads */
  h = (size_t)hk & mask;
  while (s->nhash[h]) {
    uint64_t v = s->nhash[h];
    idx = (size_t)(v & 0xffffffffULL) - 1;
    if ((v & 0xffffffff00000000ULL) == fp &&
        key_eq(s->keys + idx * (size_t)K, key, K))
      return (uint32_t)idx;
    h = (h + 1) & mask;
  }
  if (s->nnodes >= RXC_NONE - 1) {
    cx->mem.err = SURV_ELIMIT;
    return RXC_NONE;
  }
  if (s->nnodes == s->capn) {
    size_t nc = s->capn ? s->capn + s->capn / 2 + 16 : 256;
    if (mem_resize(&cx->mem, &s->keys, s->capn * (size_t)K, nc * (size_t)K,
                   sizeof(int)) ||
        mem_resize(&cx->mem, &s->lp, s->capn, nc, sizeof(double)) ||
        mem_resize(&cx->mem, &s->sp, s->capn, nc, sizeof(double)) ||
        mem_resize(&cx->mem, &s->lm, s->capn, nc, sizeof(double)) ||
        mem_resize(&cx->mem, &s->ntab, s->capn, nc, sizeof(rxc_pw *)) ||
        mem_resize(&cx->mem, &s->ncap, s->capn, nc, sizeof(uint32_t)) ||
        mem_resize(&cx->mem, &s->cnt, s->capn, nc, sizeof(uint32_t)) ||
        mem_resize(&cx->mem, &s->nsorted, s->capn, nc, sizeof(uint32_t)) ||
        mem_resize(&cx->mem, &s->app, s->capn, nc, sizeof(uint8_t)) ||
        mem_resize(&cx->mem, &s->doff, s->capn, nc, sizeof(uint32_t)) ||
        mem_resize(&cx->mem, &s->dcnt, s->capn, nc, sizeof(uint32_t)) ||
        mem_resize(&cx->mem, &s->dtop, s->capn, nc, sizeof(double))) {
      /* arrays resized so far keep the new capacity: free all uniformly */
      return RXC_NONE;
    }
    s->capn = nc;
  }
  idx = s->nnodes++;
  memcpy(s->keys + idx * (size_t)K, key, (size_t)K * sizeof *key);
  s->doff[idx] = RXC_NONE;
  s->dcnt[idx] = 0;
  if (node_bounds(cx, key, t, &s->lp[idx], &s->sp[idx], &s->lm[idx])) {
    s->nnodes--;
    return RXC_NONE;
  }
  s->cnt[idx] = 0;
  s->nsorted[idx] = 0;
  s->app[idx] = 0;
  s->ncap[idx] = 0;
  s->ntab[idx] = NULL;
  s->nhash[h] = fp | (uint64_t)(idx + 1);
  return (uint32_t)idx;
}

/* floor(past / bucket + 1/2), without a call to floor() (it runs for every
 * value added and every slot probed); past values are sums of log
 * multinomial coefficients, so y stays far inside the int64 range. */
static int64_t past_bucket(const rxc_ctx *cx, double past) {
  double y = past * cx->inv_bucket + 0.5;
  int64_t b = (int64_t)y;
  return b - ((double)b > y);
}

static int sort_pw(rxc_ctx *cx, rxc_pw *a, size_t n);

/* Make sure the context's sort scratch holds n entries. */
static int scratch_reserve(rxc_ctx *cx, size_t n) {
  size_t nc;
  if (n <= cx->tmpcap)
    return 0;
  nc = n + n / 2;
  if (nc > SIZE_MAX / 2) {
    cx->mem.err = SURV_ELIMIT;
    return -1;
  }
  if (mem_resize(&cx->mem, &cx->tmp, cx->tmpcap, nc, sizeof(rxc_pw)))
    return -1;
  if (mem_resize(&cx->mem, &cx->tkey, 2 * cx->tmpcap, 2 * nc,
                 sizeof(uint64_t))) {
    mem_resize(&cx->mem, &cx->tmp, nc, cx->tmpcap, sizeof(rxc_pw));
    return -1;
  }
  cx->tmpcap = nc;
  return 0;
}

static int sort_run(rxc_ctx *cx, rxc_pw *a, size_t n, const uint64_t **packed,
                    int *ibits_out);

/* Sort a[0..n) (n >= 1, scratch reserved) and merge the values in one 1e-9
 * bucket (sort_pw makes a bucket's members adjacent) into one at the
 * smallest of them (weights added in sorted order).  With packed words
 * (sort_run) the entries are gathered and merged in one pass.  Returns
 * the new length, or 0 past the deadline. */
static size_t sort_merge(rxc_ctx *cx, rxc_pw *a, size_t n) {
  size_t q, u = 0;
  const uint64_t *key;
  int ibits = 0;
  rxc_pw cur, *out;
  if (sort_run(cx, a, n, &key, &ibits))
    return 0;
  if (key) {
    uint64_t imask = ((uint64_t)1 << ibits) - 1, ck = key[0] >> ibits;
    out = cx->tmp;
    cur = a[key[0] & imask];
    for (q = 1; q < n; q++) {
      const rxc_pw *v = &a[key[q] & imask];
      if (mem_tick(&cx->mem, q))
        return 0;
      if (key[q] >> ibits == ck) {
        cur.w += v->w;
        if (v->p < cur.p)
          cur.p = v->p;
      } else {
        out[u++] = cur;
        cur = *v;
        ck = key[q] >> ibits;
      }
    }
    out[u++] = cur;
    memcpy(a, out, u * sizeof *a);
    return u;
  }
  key = cx->tkey;
  cur = a[0];
  for (q = 1; q < n; q++) {
    if (mem_tick(&cx->mem, q))
      return 0;
    if (key[q] == key[q - 1]) {
      cur.w += a[q].w;
      if (a[q].p < cur.p)
        cur.p = a[q].p;
    } else {
      a[u++] = cur;
      cur = a[q];
    }
  }
  a[u++] = cur;
  return u;
}

/* L[q] = log sum_{u <= q} w_u exp(p_u) for sorted a[0..n), n >= 1.
 * Returns -1 past the deadline. */
static int log_prefix(rxc_mem *m, const rxc_pw *a, size_t n, double *L) {
  size_t q;
  L[0] = log(a[0].w) + a[0].p;
  for (q = 1; q < n; q++) {
    double x = L[q - 1], y = log(a[q].w) + a[q].p;
    if (mem_tick(m, q))
      return -1;
    L[q] = x > y ? x + log1p(exp(y - x)) : y + log1p(exp(x - y));
  }
  return 0;
}

/* Linear-scale companions of the log masses, for the band walks (an exp()
 * per past value and arc was their main cost): values within RXC_LIN_RANGE
 * log units below the largest one, and products of two such, stay normal
 * doubles (e^-680 > DBL_MIN), so they lose no relative precision. */
#define RXC_LIN_RANGE 340.0

/* out[k] = sum_{u <= k} w_u exp(p_u - p_{n-1}), k = 0..n-1, for sorted
 * a[0..n), n >= 1 (compensated sums: a band's mass is a difference of two);
 * returns 0, or -1 (out unset) when the values span more than RXC_LIN_RANGE
 * or past the deadline. */
static int lin_prefix(rxc_mem *m, const rxc_pw *a, size_t n, double *out) {
  size_t q;
  double s = 0, comp = 0;
  if (a[n - 1].p - a[0].p > RXC_LIN_RANGE)
    return -1;
  for (q = 0; q < n; q++) {
    double y, u;
    if (mem_tick(m, q))
      return -1;
    y = a[q].w * exp(a[q].p - a[n - 1].p) - comp;
    u = s + y;
    comp = (u - s) - y;
    s = u;
    out[q] = s;
  }
  return 0;
}

/* S[q] = sum_{u < q} w_u exp(p_u - p_{n-1}), q = 0..n (lin_prefix with S[0]
 * = 0); returns 0, or -1 as lin_prefix. */
static int lin_w(rxc_mem *m, const rxc_pw *a, size_t n, double *S) {
  S[0] = 0;
  return lin_prefix(m, a, n, S + 1);
}

/* First index in (lo, hi] at which od - v[i].p < fv, or hi, given that it
 * holds at no index of [lo, ...) before it (od - v[lo].p >= fv): galloping
 * then bisection, O(log) of the distance. */
static size_t gallop_end(const rxc_pw *v, size_t lo, size_t hi, double od,
                         double fv) {
  size_t a = lo, b, step = 1;
  for (;;) {
    b = a + step;
    if (b >= hi) {
      b = hi;
      break;
    }
    if (od - v[b].p < fv)
      break;
    a = b;
    step *= 2;
  }
  while (b - a > 1) {
    size_t mid = a + (b - a) / 2;
    if (od - v[mid].p >= fv)
      a = mid;
    else
      b = mid;
  }
  return b;
}

/* A directory of a node's sorted past values for the run searches of the
 * band walks: the values are copied to P (contiguous, for the cache) and
 * [P_0, P_{n-1}] is cut into nd equal cells, dir[j] the first index whose
 * value lies in cell j or above (dir[nd] = n). */
typedef struct {
  const double *P;
  const uint32_t *dir;
  size_t nd;
  double lo, inv; /* P_0 and nd / (P_{n-1} - P_0) */
} rxc_dir;

/* Fills the directory of a[0..n) in P and dir (n and n / 2 + 1 entries);
 * nd = 0 (no directory) below 64 values or with a single value. */
static void dir_build(rxc_dir *d, const rxc_pw *a, size_t n, double *P,
                      uint32_t *dir) {
  size_t q, j;
  d->nd = 0;
  if (n < 64 || !(a[n - 1].p > a[0].p))
    return;
  for (q = 0; q < n; q++)
    P[q] = a[q].p;
  d->P = P;
  d->dir = dir;
  d->nd = n / 2;
  d->lo = P[0];
  d->inv = (double)d->nd / (P[n - 1] - P[0]);
  for (j = 0, q = 0; j <= d->nd; j++) {
    while (q < n && (P[q] - d->lo) * d->inv < (double)j)
      q++;
    dir[j] = (uint32_t)q;
  }
}

/* gallop_end through the directory: a guess from the cell of od - fv, then
 * a scan to the first index in (lo, hi] at which od - P_i < fv (the test
 * itself decides, so rounding in the guess cannot change the answer). */
static size_t dir_end(const rxc_dir *d, size_t lo, size_t hi, double od,
                      double fv, unsigned long *steps) {
  double x = (od - fv - d->lo) * d->inv;
  size_t s;
  if (!(x >= 0))
    s = lo + 1;
  else if (x >= (double)d->nd)
    s = hi;
  else
    s = d->dir[(size_t)x + 1];
  if (s <= lo)
    s = lo + 1;
  if (s > hi)
    s = hi;
  while (s > lo + 1 && od - d->P[s - 1] < fv) {
    s--;
    ++*steps;
  }
  while (s < hi && od - d->P[s] >= fv) {
    s++;
    ++*steps;
  }
  return s;
}

/* Pack a node's past values (the occupied slots of its table) and sort
 * them.  Returns -1 on memory failure. */
static int node_compact(rxc_ctx *cx, rxc_stage *s, uint32_t node) {
  rxc_pw *pw = s->ntab[node];
  size_t n = s->cnt[node], q, k;
  if (n == 0)
    return 0;
  if (scratch_reserve(cx, n))
    return -1;
  if (cx->K == 2 || s->app[node]) { /* an array: sort and merge */
    k = sort_merge(cx, pw, n);
    if (k == 0)
      return -1;
    s->nent -= n - k;
    s->cnt[node] = s->nsorted[node] = (uint32_t)k;
    return 0;
  }
  for (q = 0, k = 0; q < s->ncap[node]; q++) { /* a table: pack and sort */
    if (mem_tick(&cx->mem, q))
      return -1;
    if (pw[q].w != 0)
      pw[k++] = pw[q];
  }
  return sort_pw(cx, pw, n);
}

/* K = 2: append weight w at past value past to node `node`; when the array
 * is full and at least half of it arrived since the last compaction it is
 * sorted and merged first (each value is sorted O(1) times amortised, and
 * memory stays within about twice the distinct values).  The hash table of
 * stage_add costs more here, where few paths meet: every slot of a table
 * that grows is zeroed and faulted in.  Returns -1 on memory failure. */
static int stage_append(rxc_ctx *cx, rxc_stage *s, uint32_t node, double past,
                        double w) {
  size_t cap = s->ncap[node];
  if (s->cnt[node] == cap) {
    if (cap >= 256 && s->cnt[node] - s->nsorted[node] >= s->nsorted[node] &&
        node_compact(cx, s, node))
      return -1;
    if (cap == 0 || (size_t)s->cnt[node] * 4 > cap * 3) {
      size_t ncap = cap ? cap * 2 : 8;
      if (ncap > UINT32_MAX || s->nent >= RXC_NONE - 1) {
        cx->mem.err = SURV_ELIMIT;
        return -1;
      }
      if (mem_resize(&cx->mem, &s->ntab[node], cap, ncap, sizeof(rxc_pw)))
        return -1;
      s->ncap[node] = (uint32_t)ncap;
    }
  }
  s->ntab[node][s->cnt[node]].p = past;
  s->ntab[node][s->cnt[node]].w = w;
  s->cnt[node]++;
  s->nent++;
  return 0;
}

/* Slots beyond which a node's table becomes an array (stage_append) when
 * fewer than half of the values added to the stage's tables merged: a
 * larger table is mostly cache misses and, where few paths merge, its
 * zeroing and growth cost more than sorting (P1 of tests/bench_rxc.c, 3 x
 * 6, n = 300: 63 M values added, 48 M distinct); where most merge (table C,
 * 5 x 5: 3.9 M added, 0.22 M distinct) tables keep the memory down. */
#define RXC_HASH_MAX 4096

/* Add weight w at past value past to node `node` of stage s, merging with an
 * existing past in the same 1e-9 bucket (the node's own table, load <= 0.7,
 * or, once that outgrows RXC_HASH_MAX slots, an array as with K = 2).
 * Returns -1 on memory failure. */
static int stage_add(rxc_ctx *cx, rxc_stage *s, uint32_t node, double past,
                     double w) {
  int64_t b;
  size_t mask, h, cap = s->ncap[node];
  rxc_pw *tab = s->ntab[node];
  if (cx->K == 2 || s->app[node])
    return stage_append(cx, s, node, past, w);
  b = past_bucket(cx, past);
  s->nadd++;
  if (((size_t)s->cnt[node] + 1) * 10 > cap * 7) {
    size_t ncap = cap ? cap * 2 : 8, i;
    rxc_pw *nt = NULL;
    if (ncap > RXC_HASH_MAX && s->nadd < 2 * s->nent) { /* an array */
      if (node_compact(cx, s, node))
        return -1;
      s->nsorted[node] = s->cnt[node];
      s->app[node] = 1;
      return stage_append(cx, s, node, past, w);
    }
    if (ncap > UINT32_MAX || s->nent >= RXC_NONE - 1) {
      cx->mem.err = SURV_ELIMIT;
      return -1;
    }
    if (mem_resize(&cx->mem, &nt, 0, ncap, sizeof *nt))
      return -1;
    if (mem_zero(&cx->mem, nt, ncap * sizeof *nt)) {
      mem_resize(&cx->mem, &nt, ncap, 0, sizeof *nt);
      return -1;
    }
    for (i = 0; i < cap; i++) {
      if (mem_tick(&cx->mem, i)) {
        mem_resize(&cx->mem, &nt, ncap, 0, sizeof *nt);
        return -1;
      }
      if (tab[i].w == 0)
        continue;
      h = (size_t)mix64((uint64_t)past_bucket(cx, tab[i].p)) & (ncap - 1);
      while (nt[h].w != 0)
        h = (h + 1) & (ncap - 1);
      nt[h] = tab[i];
    }
    mem_resize(&cx->mem, &s->ntab[node], cap, 0, sizeof *nt);
    s->ntab[node] = tab = nt;
    s->ncap[node] = (uint32_t)(cap = ncap);
  }
  mask = cap - 1;
  h = (size_t)mix64((uint64_t)b) & mask;
  while (tab[h].w != 0) {
    if (past_bucket(cx, tab[h].p) == b) {
      tab[h].w += w;
      return 0;
    }
    h = (h + 1) & mask;
  }
  tab[h].p = past;
  tab[h].w = w;
  s->cnt[node]++;
  s->nent++;
  return 0;
}

/* Entries sorted between two counts of work (sort_pw). */
#define RXC_SORT_BLOCK 4096

/* Widest digit of the radix sort (bits), below and from RXC_SORT_BLOCK
 * entries, and the most digits (64-bit keys) */
#define RXC_SORT_DIGIT 11
#define RXC_SORT_DIGIT_BIG 12
#define RXC_SORT_PASSES 6
#define RXC_SORT_HIST ((size_t)RXC_SORT_PASSES << RXC_SORT_DIGIT_BIG)

/* Counts the digits of keys k[0..n) (passes digits of width bits) in
 * hist, all in one pass; with packed words the digits start at bit lo.
 * -1 past the deadline. */
static int radix_hist(rxc_mem *m, const uint64_t *k, size_t n, int lo,
                      int passes, int width, uint32_t *hist) {
  size_t nb = (size_t)1 << width, i, i0, i1;
  uint64_t mask = nb - 1;
  uint32_t *h0 = hist, *h1 = hist + nb, *h2 = hist + 2 * nb;
  int pass;
  memset(hist, 0, (size_t)passes * nb * sizeof *hist);
  for (i0 = 0; i0 < n; i0 = i1) {
    i1 = n - i0 > RXC_SORT_BLOCK ? i0 + RXC_SORT_BLOCK : n;
    if (mem_work(m, (unsigned long)(i1 - i0)))
      return -1;
    if (passes == 3) /* the usual case, unrolled */
      for (i = i0; i < i1; i++) {
        uint64_t v = k[i] >> lo;
        h0[v & mask]++;
        h1[(v >> width) & mask]++;
        h2[(v >> 2 * width) & mask]++;
      }
    else
      for (i = i0; i < i1; i++) {
        uint64_t v = k[i] >> lo;
        uint32_t *h = hist;
        for (pass = 0; pass < passes; pass++, h += nb, v >>= width)
          h[v & mask]++;
      }
  }
  return 0;
}

/* Turns the counts of one digit into starting offsets; 1 when one value
 * holds all n keys (the pass can be skipped). */
static int radix_offsets(uint32_t *h, size_t nb, size_t n) {
  size_t i, sum = 0;
  int trivial = 0;
  for (i = 0; i < nb; i++) {
    size_t c = h[i];
    trivial |= c == n;
    h[i] = (uint32_t)sum;
    sum += c;
  }
  return trivial;
}

/* The radix sort of sort_pw (see there): sorts a[0..n) by bucket, or,
 * from RXC_SORT_BLOCK entries when a key (bucket minus the smallest) and
 * an index fit 64 bits together, sorts those packed words alone (8 bytes
 * moved a pass instead of 24) and leaves a as it was: *packed is then the
 * sorted words (in cx->tkey) and *ibits their index bits, else NULL with
 * the sorted keys in cx->tkey[0..n).  Scratch for n reserved; -1 (a in
 * some order) past the deadline. */
static int sort_run(rxc_ctx *cx, rxc_pw *a, size_t n, const uint64_t **packed,
                    int *ibits_out) {
  rxc_mem *m = &cx->mem;
  uint32_t *hist = cx->hist, *h;
  size_t i, i0, i1, nb;
  int64_t bmin, bmax;
  uint64_t span, mask, *ks = cx->tkey, *kd = cx->tkey + cx->tmpcap, *ksw;
  int bits = 0, ibits = 0, passes, width, pass, digit, lo;
  rxc_pw *src = a, *dst = cx->tmp, *sw;
  *packed = NULL;
  if (n < 64) {
    for (i = 1; i < n; i++) {
      rxc_pw v = a[i];
      size_t j = i;
      while (j > 0 && a[j - 1].p > v.p) {
        a[j] = a[j - 1];
        j--;
      }
      a[j] = v;
    }
    for (i = 0; i < n; i++)
      ks[i] = (uint64_t)past_bucket(cx, a[i].p);
    return mem_work(m, (unsigned long)(n * n / 4 + 1));
  }
  /* the loops over a[] count their work in blocks of RXC_SORT_BLOCK */
  bmin = bmax = past_bucket(cx, a[0].p);
  for (i0 = 0; i0 < n; i0 = i1) {
    i1 = n - i0 > RXC_SORT_BLOCK ? i0 + RXC_SORT_BLOCK : n;
    if (mem_work(m, (unsigned long)(i1 - i0)))
      return -1;
    for (i = i0; i < i1; i++) {
      int64_t b = past_bucket(cx, a[i].p);
      bmin = b < bmin ? b : bmin;
      bmax = b > bmax ? b : bmax;
      ks[i] = (uint64_t)b;
    }
  }
  for (span = (uint64_t)bmax - (uint64_t)bmin; span; span >>= 1)
    bits++;
  for (span = n - 1; span; span >>= 1)
    ibits++;
  digit = n >= RXC_SORT_BLOCK ? RXC_SORT_DIGIT_BIG : RXC_SORT_DIGIT;
  passes = (bits + digit - 1) / digit;
  width = passes ? (bits + passes - 1) / passes : 0;
  nb = (size_t)1 << width;
  mask = nb - 1;
  if (n < RXC_SORT_BLOCK || bits == 0 || bits + ibits > 64)
    ibits = 0;
  lo = ibits;
  for (i = 0; i < n; i++) /* from 0, packed with the index when it fits */
    ks[i] = (ks[i] - (uint64_t)bmin) << ibits | (ibits ? (uint64_t)i : 0);
  if (radix_hist(m, ks, n, lo, passes, width, hist))
    return -1;
  for (pass = 0, h = hist; pass < passes; pass++, h += nb) {
    int sh = lo + pass * width;
    if (radix_offsets(h, nb, n))
      continue;
    for (i0 = 0; i0 < n; i0 = i1) {
      i1 = n - i0 > RXC_SORT_BLOCK ? i0 + RXC_SORT_BLOCK : n;
      if (mem_work(m, (unsigned long)(i1 - i0)))
        return -1;
      if (ibits)
        for (i = i0; i < i1; i++)
          kd[h[(ks[i] >> sh) & mask]++] = ks[i];
      else
        for (i = i0; i < i1; i++) {
          size_t at = h[(ks[i] >> sh) & mask]++;
          dst[at] = src[i];
          kd[at] = ks[i];
        }
    }
    if (!ibits) {
      sw = src;
      src = dst;
      dst = sw;
    }
    ksw = ks;
    ks = kd;
    kd = ksw;
  }
  if (ibits) {
    *packed = ks;
    *ibits_out = ibits;
    return 0;
  }
  if (src != a) {
    memcpy(a, src, n * sizeof *a);
    memcpy(cx->tkey, ks, n * sizeof *ks);
  }
  return 0;
}

/* Sort a[0..n) by 1e-9 bucket (past_bucket; ascending p between buckets,
 * any order within one, which sort_merge merges): LSD radix sort on the
 * bucket minus the smallest, in as few digits of at most RXC_SORT_DIGIT
 * bits (RXC_SORT_DIGIT_BIG from RXC_SORT_BLOCK entries) as its range needs
 * (values in one node are close: P1 of tests/bench_rxc.c needs 3 digits
 * where the bytes of the doubles took 6 or 7 passes), skipping digits
 * shared by all keys; the histograms of all digits are counted in one
 * pass (cx->hist, n < 2^32).  The keys are computed once and moved with
 * the entries (or packed with their indices, sort_run).  Scratch for n
 * reserved; returns -1 (a left in some order) past the deadline. */
static int sort_pw(rxc_ctx *cx, rxc_pw *a, size_t n) {
  const uint64_t *w;
  int ibits = 0;
  size_t i, i0, i1;
  if (sort_run(cx, a, n, &w, &ibits))
    return -1;
  if (!w)
    return 0;
  for (i0 = 0; i0 < n; i0 = i1) { /* the entries in order */
    uint64_t imask = ((uint64_t)1 << ibits) - 1;
    i1 = n - i0 > RXC_SORT_BLOCK ? i0 + RXC_SORT_BLOCK : n;
    if (mem_work(&cx->mem, (unsigned long)(i1 - i0)))
      return -1;
    for (i = i0; i < i1; i++)
      cx->tmp[i] = a[w[i] & imask];
  }
  memcpy(a, cx->tmp, n * sizeof *a);
  return 0;
}

/* Number of sorted values <= t (first index with v > t), searching [lo,n). */
static size_t upper_idx(const rxc_pw *v, size_t lo, size_t n, double t) {
  size_t hi = n;
  while (lo < hi) {
    size_t mid = lo + (hi - lo) / 2;
    if (v[mid].p <= t)
      lo = mid + 1;
    else
      hi = mid;
  }
  return lo;
}

/* State of the arc enumeration from one node. */
typedef struct {
  rxc_ctx *cx;
  rxc_stage *next;
  int t, kk, last2;
  const int *key;
  int lo[RXC_MAXK], hi[RXC_MAXK], runpos[RXC_MAXK], x[RXC_MAXK], eq[RXC_MAXK];
  long suflo[RXC_MAXK + 1], sufhi[RXC_MAXK + 1];
  size_t nraw;      /* collect mode: entries in cx->raw */
  double lfc;       /* lf(c_t), or lf(c_{m-2}) + lf(c_{m-1}) when last2 */
  const rxc_pw *pw; /* the node's PASTs, ascending */
  const double *L;  /* L[q] = log sum_{u <= q} w_u exp(p_u), without E */
  const double *E;  /* prefix sums of w_q exp(p_q - p_{n-1}) (lin_w), or NULL */
  double Ltop;      /* L_{n-1} */
  rxc_dir dir;      /* with E: the directory of the PASTs (nd = 0: none) */
  size_t n;
  int fail;    /* 1 = out of memory, 2 = distribution too large */
  int collect; /* append (F, multiplicity) to cx->raw instead */
  int prune;   /* try arc_prune on partial arcs */
  /* arcs into a child through which every table is extreme for every past
   * value (lin_on): their masses mult exp(L_{n-1} + d + log M(child) + C0)
   * differ by the factors prod_i C(key_i, x_i), so they are summed in
   * linear scale as mult prod_i g_i(x_i) in lin and added once per node
   * (lin_flush).  g_i(v) = C(key_i, v) / C(key_i, floor(key_i / 2)) is
   * read from gt[i * gw + v] (0: not yet computed, -1: below glim, then
   * the arc's mass is added alone); gmx_i = log C(key_i, floor(key_i /
   * 2)). */
  int lin_on;
  size_t gw;
  double *gt, glim, gmx[RXC_MAXK];
  /* with lin_on, rt[rem] (rem = 0 .. c_t, after gt's K * gw factors) is
   * rows_extreme's best split of rem between the last two rows, NaN until
   * computed, -HUGE_VAL when none */
  double *rt;
  surv__ksum lin;
  /* with lin_on, ef[r] (r = 0 .. nef - 1) is the least sum of lf over the
   * cells of a row of total r in the columns after t (the even filling of
   * node_bounds' lo2), so sum_{j>t} lf(c_j) - sum_i ef[key_i - x_i] + pad
   * (efsl) bounds LP of the child without looking it up (arc_leaf) */
  double *ef, efsl;
  size_t nef;
} rxc_enum;

static int defer_add(rxc_enum *e, uint32_t node, const rxc_pw *src, size_t n,
                     double d, double mult);

static void add_mass(rxc_ctx *cx, double logv, double mult) {
  surv__ksum_add(&cx->mass, mult * exp(logv));
}

/* L_q of the node being expanded: from its linear prefix sums when it has
 * them (a log per use instead of a log1p and an exp per past value), else
 * from its log prefix masses. */
static double enum_L(const rxc_enum *e, size_t q) {
  return e->E ? log(e->E[q + 1]) + e->pw[e->n - 1].p : e->L[q];
}

/* Append (F, weight) to the distribution being collected for a node with two
 * columns left; stops the enumeration (fail = 2) when it gets too large. */
static void dist_push(rxc_enum *e, double f, double mult) {
  rxc_ctx *cx = e->cx;
  if (e->nraw >= RXC_DIST_MAX) {
    e->fail = 2;
    return;
  }
  if (e->nraw == cx->rawcap) {
    size_t nc = cx->rawcap ? cx->rawcap * 2 : 4096;
    if (mem_resize(&cx->mem, &cx->raw, cx->rawcap, nc, sizeof(rxc_pw))) {
      e->fail = 1;
      return;
    }
    cx->rawcap = nc;
  }
  cx->raw[e->nraw].p = f;
  cx->raw[e->nraw].w = mult;
  e->nraw++;
}

/* upper_idx on values at v[i * vs] (a list's F, vs doubles apart). */
static size_t upper_fidx(const double *v, size_t vs, size_t lo, size_t n,
                         double t) {
  size_t hi = n;
  while (lo < hi) {
    size_t mid = lo + (hi - lo) / 2;
    if (v[mid * vs] <= t)
      lo = mid + 1;
    else
      hi = mid;
  }
  return lo;
}

/* Arc into a child whose completion distribution is known: every PAST of
 * the band is resolved against it (a pointer walks down the sorted F as the
 * PASTs rise), so nothing is stored in the child.  PASTs below q0 were
 * already counted by the caller; with q0 = 0 the all-extreme prefix is
 * found and summed here.  The list's values F are f[k * fs] (fs doubles
 * apart); fl holds its log prefix masses (top =
 * -HUGE_VAL) or, for a list of a stage node spanning at most
 * RXC_LIN_RANGE, its prefix masses over the total, e^top (build_dist). */
static void arc_to_list(rxc_enum *e, const double *f, size_t fs,
                        const double *fl, double top, size_t nf, double d,
                        double mult, size_t q0) {
  rxc_ctx *cx = e->cx;
  int lin = top > -HUGE_VAL;
  size_t ia = q0, ib, q, k;
  if (q0 == 0) {
    ia = upper_idx(e->pw, 0, e->n, cx->obs - d - f[(nf - 1) * fs]);
    if (ia > 0)
      add_mass(cx, enum_L(e, ia - 1) + d + (lin ? top : fl[nf - 1]) + cx->c0,
               mult);
  }
  ib = upper_idx(e->pw, ia, e->n, cx->obs - d - f[0]);
  if (ia >= ib)
    return;
  k = upper_fidx(f, fs, 0, nf, cx->obs - d - e->pw[ia].p);
  if (lin && e->E) {
    /* in linear scale: w_q exp(p_q) M_k = E_q fl_k exp(p_top + top) with
     * E_q = S_{q+1} - S_q; the past values sharing one k
     * form a run, summed as a difference of prefix sums and found through
     * the node's directory (or by galloping), so the walk costs about
     * O(runs) instead of O(band).  Each
     * run's rounding is at most eps times the whole sum (its factor
     * exp(fl_k) is the smallest of the runs up to it). */
    double acc = 0, od = cx->obs - d;
    size_t k0 = k, runs = 0;
    unsigned long scan = 0;
    q = ia;
    while (q < ib) {
      double lim = od - e->pw[q].p;
      size_t qe;
      while (k > 0 && f[(k - 1) * fs] > lim)
        k--;
      if (k == 0)
        break;
      qe = e->dir.nd ? dir_end(&e->dir, q, ib, od, f[(k - 1) * fs], &scan)
                     : gallop_end(e->pw, q, ib, od, f[(k - 1) * fs]);
      acc += fl[k - 1] * (e->E[qe] - e->E[q]);
      q = qe;
      runs++;
    }
    if (mem_work(&cx->mem, 1 + (unsigned long)(k0 - k) + 8 * runs + scan)) {
      e->fail = 1;
      return;
    }
    if (acc > 0)
      add_mass(cx, log(acc) + e->pw[e->n - 1].p + top + d + cx->c0, mult);
    return;
  }
  for (q = ia; q < ib; q++) {
    double lim = cx->obs - d - e->pw[q].p;
    size_t k0 = k;
    while (k > 0 && f[(k - 1) * fs] > lim)
      k--;
    if (mem_work(&cx->mem, 1 + (unsigned long)(k0 - k))) {
      e->fail = 1;
      return;
    }
    if (k == 0)
      break;
    add_mass(cx,
             e->pw[q].p + d + (lin ? top + log(fl[k - 1]) : fl[k - 1]) + cx->c0,
             mult * e->pw[q].w);
  }
}

/* Adds an arc whose every table is extreme to e->lin (see rxc_enum);
 * returns 0 when a factor is below glim (the caller adds the arc alone). */
static int lin_add(rxc_enum *e, double mult) {
  const double *lf = e->cx->lf;
  double g = mult;
  int i;
  for (i = 0; i < e->kk; i++) {
    int k = e->key[i], v = e->x[i];
    double *gp = e->gt + (size_t)i * e->gw + (size_t)v;
    if (*gp == 0) {
      double l = lf[k] - lf[v] - lf[k - v] - e->gmx[i];
      *gp = l >= e->glim ? exp(l) : -1;
    }
    if (*gp < 0)
      return 0;
    g *= *gp;
  }
  surv__ksum_add(&e->lin, g);
  return 1;
}

/* Starts the linear sum of the node whose enumeration e is set up for:
 * clears its factors (kk * gw entries, counted as work).  -1 past the
 * deadline. */
static int lin_start(rxc_enum *e) {
  const double *lf = e->cx->lf;
  int i;
  memset(&e->lin, 0, sizeof e->lin);
  if (!e->lin_on)
    return 0;
  e->glim = -600.0 / (double)e->kk; /* a product of kk stays >= e^-600 */
  for (i = 0; i < e->kk; i++) {
    int k = e->key[i];
    e->gmx[i] = lf[k] - lf[k / 2] - lf[k - k / 2];
  }
  memset(e->gt, 0, (size_t)e->kk * e->gw * sizeof *e->gt);
  memset(e->rt, 0xff, e->gw * sizeof *e->rt); /* all bits set: NaN */
  return mem_work(&e->cx->mem,
                  (unsigned long)((size_t)(e->kk + 1) * e->gw / 8 + 1));
}

/* Adds the node's linear sum: mult exp(L_{n-1} + d + log M(child) + C0)
 * with d + log M(child) = lf(c_t) + lf(N - c_t) + sum_i (log C(key_i,
 * x_i) - lf(key_i)). */
static void lin_flush(rxc_enum *e) {
  rxc_ctx *cx = e->cx;
  const double *lf = cx->lf;
  double v = surv__ksum_value(&e->lin), l;
  int i;
  if (!(v > 0))
    return;
  l = e->Ltop + e->lfc + lf[cx->sumc_from[e->t + 1]] + cx->c0 + log(v);
  for (i = 0; i < e->kk; i++)
    l += e->gmx[i] - lf[e->key[i]];
  add_mass(cx, l, 1.0);
}

static void arc_leaf(rxc_enum *e, double acc, double mult) {
  rxc_ctx *cx = e->cx;
  int K = cx->K, i, j;
  double d = e->lfc - acc, lpc, spc, lmc;
  size_t ia, ib, q;
  uint32_t node;
  int *ch = cx->child;
  rxc_stage *s = e->next;
  if (mem_work(&cx->mem, 1 + (unsigned long)K)) { /* the child key: O(K) */
    e->fail = 1;
    return;
  }
  if (e->last2) {
    /* both remaining columns are determined: resolve every PAST here */
    ia = upper_idx(e->pw, 0, e->n, cx->obs - d);
    if (ia > 0)
      add_mass(cx, enum_L(e, ia - 1) + d + cx->c0, mult);
    return;
  }
  if (e->lin_on) { /* all extreme by the row bound: no child lookup */
    double b = e->efsl;
    for (i = 0; i < e->kk; i++)
      b -= e->ef[e->key[i] - e->x[i]];
    if (e->pw[e->n - 1].p <= cx->obs - d - b && lin_add(e, mult))
      return;
  }
  for (i = 0; i < K; i++) {
    int v = i < e->kk ? e->key[i] - e->x[i] : 0;
    for (j = i; j > 0 && ch[j - 1] < v; j--)
      ch[j] = ch[j - 1];
    ch[j] = v;
  }
  if (cx->bw) { /* K = 2 and the child's completions are listed */
    const rxc_back *bw = cx->bw;
    size_t sidx = (size_t)(ch[1] - bw->blo), o;
    if (ch[1] < bw->blo || sidx >= bw->nst || bw->cnt[sidx] == 0)
      return; /* cannot happen: every reachable key is listed */
    o = bw->off[sidx];
    arc_to_list(e, &bw->pw[o].p, 2, bw->L + o, -HUGE_VAL, bw->cnt[sidx], d,
                mult, 0);
    return;
  }
  node = stage_node(cx, s, ch, e->t + 1);
  if (node == RXC_NONE) {
    e->fail = 1;
    return;
  }
  lpc = s->lp[node];
  spc = s->sp[node];
  lmc = s->lm[node];
  if (e->pw[e->n - 1].p <= cx->obs - d - lpc) { /* all extreme */
    if (!e->lin_on || !lin_add(e, mult))
      add_mass(cx, e->Ltop + d + lmc + cx->c0, mult);
    return;
  }
  ia = upper_idx(e->pw, 0, e->n, cx->obs - d - lpc);
  ib = upper_idx(e->pw, ia, e->n, cx->obs - d - spc);
  if (ia > 0)
    add_mass(cx, enum_L(e, ia - 1) + d + lmc + cx->c0, mult);
  if (ia == ib)
    return;
  /* a band reaches a node with two columns left: its completion list is
   * built the first time (most such nodes are only ever bounded) */
  if (e->t + 1 == cx->m - 2 && s->doff[node] == RXC_NONE &&
      s->dcnt[node] == 0) {
    if (s->ndist >= RXC_NONE - RXC_DIST_MAX)
      s->dcnt[node] = RXC_NONE;
    else if (build_dist(cx, s, node, e->t + 1)) {
      e->fail = 1;
      return;
    } else if (s->doff[node] == RXC_NONE)
      s->dcnt[node] = RXC_NONE;
  }
  if (s->doff[node] != RXC_NONE) {
    arc_to_list(e, s->dist + s->doff[node], 1, s->dL + s->doff[node],
                s->dtop[node], s->dcnt[node], d, mult, ia);
    return;
  }
  if (e->t == cx->defer_t) {
    if (defer_add(e, node, e->pw + ia, ib - ia, d, mult))
      e->fail = 1;
    return;
  }
  if (cx->flush_at && s->nent > 0 && s->nent + (ib - ia) > cx->flush_at &&
      flush_from(cx, e->t + 1)) {
    e->fail = 1;
    return;
  }
  for (q = ia; q < ib; q++)
    if (mem_tick(&cx->mem, q - ia) ||
        stage_add(cx, s, node, e->pw[q].p + d, e->pw[q].w * mult)) {
      e->fail = 1;
      return;
    }
}

/* An arc: its F appended to the list being built (collect: inline, it
 * runs for every table of a list), or arc_leaf. */
static inline void arc_emit(rxc_enum *e, double acc, double mult) {
  if (!e->collect) {
    arc_leaf(e, acc, mult);
    return;
  }
  if (mem_work(&e->cx->mem, 1 + (unsigned long)e->cx->K)) {
    e->fail = 1;
    return;
  }
  dist_push(e, e->lfc - acc, mult);
}

/* With x_0..x_i of column t fixed (rows 0..i ending a run of equal keys):
 * when every table through these arcs is as extreme as the observed one for
 * every past value, adds their whole mass and returns 1 (0: enumerate them).
 * Bound: d + LP(child) over the subtree is at most lf(c_t) + sum_{j>t}
 * lf(c_j) - sum_{j<=i} lf(x_j) - B, B a lower bound on sum lf over the rest
 * of the table: rows key_j - x_j (j <= i) and key_j (j > i), columns
 * (c_t - sum_{j<=i} x_j, c_{t+1}, ...), relaxed by letting rows 0..i enter
 * column t again (the even fillings of node_bounds).  Mass: the child's
 * completions times the arc's count is prod_j C(key_j, x_j) c_t! (N -
 * c_t)! / prod_j key_j!, and the free rows sum (Vandermonde) to
 * C(sum_{j>i} key_j, rem); the canonical weights of whole runs sum to all
 * orderings.  Table C of tests/bench_rxc.c: 99% of its 90 M arcs were
 * all-extreme. */
/* With x_0..x_{kk-3} of column t fixed: 1 when every table through the
 * arcs that complete it is extreme for every past value, by the row bound
 * of arc_leaf (e->ef) taken at each split y, rem - y of rem between the
 * last two rows (rem + 1 terms, fewer than the arcs they stand for). */
static int rows_extreme(rxc_enum *e, long rem, double acc) {
  rxc_ctx *cx = e->cx;
  const double *lf = cx->lf, *ef = e->ef;
  int kk = e->kk, j, ka = e->key[kk - 2], kb = e->key[kk - 1];
  long ct = cx->c[e->t], y, lo, hi;
  double base = e->efsl + e->lfc - acc, *best = e->rt + rem;
  if (*best != *best) { /* the best split of rem, once per node (rt) */
    lo = rem - (kb < ct ? kb : ct);
    if (lo < 0)
      lo = 0;
    hi = ka < ct ? ka : ct;
    if (hi > rem)
      hi = rem;
    if (lo > hi) {
      *best = -HUGE_VAL;
      return 0;
    }
    if (mem_work(&cx->mem, (unsigned long)(hi - lo + 1)))
      return 0;
    *best = -HUGE_VAL;
    for (y = lo; y <= hi; y++) {
      double g = -lf[y] - lf[rem - y] - ef[ka - y] - ef[kb - rem + y];
      if (g > *best)
        *best = g;
    }
  }
  if (*best == -HUGE_VAL)
    return 0;
  for (j = 0; j < kk - 2; j++)
    base -= ef[e->key[j] - e->x[j]];
  return e->pw[e->n - 1].p <= cx->obs - (base + *best);
}

static int arc_prune(rxc_enum *e, int i, long rem, double acc, double mult) {
  rxc_ctx *cx = e->cx;
  const double *lf = cx->lf;
  const int *c = cx->c;
  int t = e->t, kk = e->kk, nr = 0, nc = 0, j, a, rem_cols = cx->m - t;
  int *rows = cx->hibuf, *cols = cx->lobuf;
  long S = 0, N = cx->sumc_from[t];
  double lo1 = 0, lo2 = 0, lb, up, lm;
  if (e->lin_on && i == kk - 3 && rows_extreme(e, rem, acc)) {
    for (j = i + 1; j < kk; j++)
      S += e->key[j];
    goto mass;
  }
  if (mem_work(&cx->mem, (unsigned long)(kk * rem_cols)))
    return 0;
  for (j = 0; j < kk; j++) { /* rows ascending (insertion) */
    int v = j <= i ? e->key[j] - e->x[j] : e->key[j];
    if (j > i)
      S += e->key[j];
    if (v <= 0)
      continue;
    for (a = nr; a > 0 && rows[a - 1] > v; a--)
      rows[a] = rows[a - 1];
    rows[a] = v;
    nr++;
  }
  for (j = t + 1; j < cx->m; j++) /* columns ascending */
    cols[nc++] = c[cx->asc ? j : cx->m + t - j];
  if (rem > 0) {
    for (a = nc; a > 0 && cols[a - 1] > rem; a--)
      cols[a] = cols[a - 1];
    cols[a] = (int)rem;
    nc++;
  }
  for (j = 0; j < nc; j++)
    lo1 += even_fill_lf(cols[j], rows, nr, lf);
  for (j = 0; j < nr; j++)
    lo2 += even_fill_lf(rows[j], cols, nc, lf);
  lb = lo1 > lo2 ? lo1 : lo2;
  up = lf[c[t]] + cx->sumlfc_from[t + 1] - acc - lb +
       1e-12 * (1.0 + cx->sumlfc_from[t]);
  if (e->pw[e->n - 1].p + up > cx->obs)
    return 0;
mass:
  lm = lf[c[t]] + lf[N - c[t]] + lf[S] - lf[rem] - lf[S - rem] - acc;
  for (j = 0; j < kk; j++)
    lm -= j <= i ? lf[e->key[j] - e->x[j]] : lf[e->key[j]];
  add_mass(cx, e->Ltop + lm + cx->c0, mult);
  return 1;
}

/* Enumerate x_i for i >= i0 (canonical: non-increasing within runs of equal
 * key values, weighted by the number of distinct permutations).  The last
 * row takes what is left: it is set in the loop over the row before it
 * (the clamps there keep it within its bounds; in the same run as that
 * row it may not exceed it), not by one more call per arc. */
static void arc_rec(rxc_enum *e, int i, long rem, double acc, double mult) {
  const double *lf = e->cx->lf;
  long lo = e->lo[i], hi = e->hi[i], v;
  int same = i > 0 && e->runpos[i] > 1, last = i == e->kk - 2;
  int lsame = last && e->runpos[i + 1] > 1;
  if (rem - e->sufhi[i + 1] > lo)
    lo = rem - e->sufhi[i + 1];
  if (rem - e->suflo[i + 1] < hi)
    hi = rem - e->suflo[i + 1];
  if (same && hi > e->x[i - 1])
    hi = e->x[i - 1];
  if (lsame && lo < rem - rem / 2) /* x_{kk-1} = rem - v <= v */
    lo = rem - rem / 2;
  for (v = hi; v >= lo && !e->fail; v--) {
    int eqc = (same && v == e->x[i - 1]) ? e->eq[i - 1] + 1 : 1;
    double m2 = mult * (double)e->runpos[i] / (double)eqc;
    double term = e->last2 ? lf[v] + lf[e->key[i] - v] : lf[v];
    if (mem_work(&e->cx->mem, 1 + (unsigned long)last)) {
      e->fail = 1;
      break;
    }
    e->x[i] = (int)v;
    e->eq[i] = eqc;
    if (last) {
      long w = rem - v;
      int eqw = (lsame && w == v) ? eqc + 1 : 1;
      double m3 = m2 * (double)e->runpos[i + 1] / (double)eqw;
      double tw = e->last2 ? lf[w] + lf[e->key[i + 1] - w] : lf[w];
      e->x[i + 1] = (int)w;
      e->eq[i + 1] = eqw;
      arc_emit(e, (acc + term) + tw, m3);
      continue;
    }
    if (e->prune && i <= e->kk - 3 && e->key[i + 1] != e->key[i] &&
        arc_prune(e, i, rem - v, acc + term, m2))
      continue;
    if (i == e->kk - 1)
      arc_emit(e, acc + term, m2);
    else
      arc_rec(e, i + 1, rem - v, acc + term, m2);
  }
}

/* Prepare the enumeration of the arcs leaving a node with this key at stage
 * e->t: bounds per row (with two columns left the second column must also
 * fit), runs of equal keys, suffix sums. */
static void enum_setup(rxc_enum *e, const int *key) {
  const int *c = e->cx->c;
  int t = e->t, K = e->cx->K, kk = 0, k;
  while (kk < K && key[kk] > 0)
    kk++;
  for (k = 0; k < kk; k++) {
    if (e->last2) {
      e->lo[k] = key[k] > c[t + 1] ? key[k] - c[t + 1] : 0;
      e->hi[k] = key[k] < c[t] ? key[k] : c[t];
    } else {
      e->lo[k] = 0;
      e->hi[k] = key[k] < c[t] ? key[k] : c[t];
    }
    e->runpos[k] = (k > 0 && key[k] == key[k - 1]) ? e->runpos[k - 1] + 1 : 1;
  }
  e->suflo[kk] = e->sufhi[kk] = 0;
  for (k = kk - 1; k >= 0; k--) {
    e->suflo[k] = e->suflo[k + 1] + e->lo[k];
    e->sufhi[k] = e->sufhi[k + 1] + e->hi[k];
  }
  e->key = key;
  e->kk = kk;
  e->lfc = e->last2 ? e->cx->lf[c[t]] + e->cx->lf[c[t + 1]] : e->cx->lf[c[t]];
}

/* Prefix masses of a sorted list f[0..n) in linear scale for the run walks
 * of arc_to_list: L[k] = sum_{u <= k} w_u exp(F_u) / total (compensated
 * sums, exp() once per entry); returns log total, or -HUGE_VAL (L unset)
 * when the values span more than RXC_LIN_RANGE or the first prefix mass
 * lies more than RXC_LIN_RANGE below the total (then L must hold log prefix
 * masses).  Past the deadline m->err is set. */
static double dist_lin(rxc_mem *m, const rxc_pw *f, size_t n, double *L) {
  size_t k;
  double sum;
  if (lin_prefix(m, f, n, L))
    return -HUGE_VAL;
  sum = L[n - 1];
  if (!(L[0] / sum >= exp(-RXC_LIN_RANGE)))
    return -HUGE_VAL;
  for (k = 0; k < n; k++)
    L[k] /= sum;
  return f[n - 1].p + log(sum);
}

/* Completion distribution of node idx of stage s (two columns left): all
 * arcs of the next-to-last column, sorted by F, equal buckets merged, with
 * log prefix masses.  Too large a list (RXC_DIST_MAX) leaves doff = none and
 * the node is handled by storing past values.  Returns -1 on memory failure. */
static int build_dist(rxc_ctx *cx, rxc_stage *s, uint32_t idx, int t) {
  rxc_enum *e = NULL;
  size_t start = s->ndist, n, k;
  int fail;
  if (mem_resize(&cx->mem, &e, 0, 1, sizeof *e))
    return -1;
  memset(e, 0, sizeof *e);
  e->cx = cx;
  e->next = s;
  e->t = t;
  e->last2 = 1;
  e->collect = 1;
  enum_setup(e, s->keys + idx * (size_t)cx->K);
  arc_rec(e, 0, cx->c[t], 0.0, 1.0);
  fail = e->fail;
  n = e->nraw;
  mem_resize(&cx->mem, &e, 1, 0, sizeof *e);
  if (fail == 1)
    return -1;
  if (fail == 2 || n == 0)
    return 0;
  if (scratch_reserve(cx, n))
    return -1;
  n = sort_merge(cx, cx->raw, n);
  if (n == 0)
    return -1;
  if (start + n > s->capdist) {
    size_t nc = s->capdist ? s->capdist * 2 : 4096;
    while (nc < start + n)
      nc *= 2;
    if (nc * 2 * sizeof(double) > cx->mem.cap / 4)
      return 0; /* keep most of the cap for the past values */
    if (mem_resize2(&cx->mem, &s->dist, sizeof(double), &s->dL, sizeof(double),
                    s->capdist, nc))
      return -1;
    s->capdist = nc;
  }
  for (k = 0; k < n; k++)
    s->dist[start + k] = cx->raw[k].p;
  s->dtop[idx] = dist_lin(&cx->mem, cx->raw, n, s->dL + start);
  if (cx->mem.err || (s->dtop[idx] == -HUGE_VAL &&
                      log_prefix(&cx->mem, cx->raw, n, s->dL + start)))
    return -1;
  s->ndist = start + n;
  s->doff[idx] = (uint32_t)start;
  s->dcnt[idx] = (uint32_t)n;
  return 0;
}

/* ---- completion lists (two key rows) ----------------------------------- */

static void back_free(rxc_mem *m, rxc_back *b) {
  mem_resize(m, &b->off, b->scap, 0, sizeof(uint32_t));
  mem_resize(m, &b->cnt, b->scap, 0, sizeof(uint32_t));
  mem_resize(m, &b->pw, b->ncap, 0, sizeof(rxc_pw));
  mem_resize(m, &b->L, b->ncap, 0, sizeof(double));
  memset(b, 0, sizeof *b);
}

/* Make room for nst states and n entries, keeping larger allocations (the
 * two list buffers alternate between stages).  Returns -1 on failure. */
static int back_reserve(rxc_mem *m, rxc_back *b, size_t nst, size_t n) {
  if (nst > b->scap) {
    if (mem_resize(m, &b->off, b->scap, nst, sizeof(uint32_t)))
      return -1;
    if (mem_resize(m, &b->cnt, b->scap, nst, sizeof(uint32_t))) {
      mem_resize(m, &b->off, nst, b->scap, sizeof(uint32_t));
      return -1;
    }
    b->scap = nst;
  }
  if (n > b->ncap) {
    if (mem_resize(m, &b->pw, b->ncap, n, sizeof(rxc_pw)))
      return -1;
    if (mem_resize(m, &b->L, b->ncap, n, sizeof(double))) {
      mem_resize(m, &b->pw, n, b->ncap, sizeof(rxc_pw));
      return -1;
    }
    b->ncap = n;
  }
  return 0;
}

/* The lists of stage m: the empty completion of state b = 0. */
static int back_init(rxc_ctx *cx, rxc_back *b) {
  memset(b, 0, sizeof *b);
  b->t = cx->m;
  if (back_reserve(&cx->mem, b, 1, 1))
    return -1;
  b->nst = b->n = 1;
  b->off[0] = 0;
  b->cnt[0] = 1;
  b->pw[0].p = 0;
  b->pw[0].w = 1;
  b->L[0] = 0;
  return 0;
}

/* State index of the child reached from state (N - b, b) of stage t by
 * putting x of column t's total c in the larger row, or -1. */
static long back_child(const rxc_back *ch, long a, long b, long c, long x) {
  long ca = a - x, cb = b - (c - x), lo = ca < cb ? ca : cb, i;
  if (x < 0 || x > c || ca < 0 || cb < 0)
    return -1;
  i = lo - ch->blo;
  if (i < 0 || (size_t)i >= ch->nst || ch->cnt[i] == 0)
    return -1;
  return i;
}

/* Build the lists of stage ch->t - 1 from those of stage ch->t into out
 * (whose buffers are reused).  Returns 0, 1 when they would hold more than
 * budget entries before merging (out unchanged), or -1 on memory failure
 * (cx->mem.err). */
static int back_build(rxc_ctx *cx, const rxc_back *ch, rxc_back *out,
                      size_t budget) {
  const double *lf = cx->lf;
  int t = ch->t - 1;
  long N = cx->sumc_from[t], c = cx->c[t], blo, bhi, b, x;
  size_t total = 0, st, n = 0, q, most = 0;
  blo = N - cx->rtot[0] > 0 ? N - cx->rtot[0] : 0;
  bhi = cx->rtot[1] < N / 2 ? cx->rtot[1] : N / 2;
  if (bhi < blo)
    return 1;
  for (b = blo; b <= bhi; b++) { /* entries, and the most of one state */
    size_t tb = total;
    for (x = c - b > 0 ? c - b : 0; x <= c && x <= N - b; x++) {
      long i = back_child(ch, N - b, b, c, x);
      if (mem_work(&cx->mem, 1))
        return -1;
      if (i >= 0)
        total += ch->cnt[i];
    }
    most = total - tb > most ? total - tb : most;
  }
  if (total == 0 || total > budget || total >= RXC_NONE)
    return 1;
  if (back_reserve(&cx->mem, out, (size_t)(bhi - blo + 1), total) ||
      scratch_reserve(cx, most))
    return -1;
  out->t = t;
  out->blo = (int)blo;
  out->nst = (size_t)(bhi - blo + 1);
  for (b = blo; b <= bhi; b++) {
    st = n;
    for (x = c - b > 0 ? c - b : 0; x <= c && x <= N - b; x++) {
      long i = back_child(ch, N - b, b, c, x);
      double d = lf[c] - lf[x] - lf[c - x];
      const rxc_pw *f;
      if (i < 0)
        continue;
      if (mem_work(&cx->mem, 1))
        return -1;
      f = ch->pw + ch->off[i];
      for (q = 0; q < ch->cnt[i]; q++) {
        if (mem_tick(&cx->mem, q))
          return -1;
        out->pw[n].p = f[q].p + d;
        out->pw[n].w = f[q].w;
        n++;
      }
    }
    out->off[b - blo] = (uint32_t)st;
    out->cnt[b - blo] = 0;
    if (n == st)
      continue;
    q = sort_merge(cx, out->pw + st, n - st);
    if (q == 0 || log_prefix(&cx->mem, out->pw + st, q, out->L + st))
      return -1;
    n = st + q;
    out->cnt[b - blo] = (uint32_t)(n - st);
  }
  out->n = n;
  return 0;
}

/* An expansion of stage t in progress: its enumeration state and the
 * buffers of the node being expanded (its log prefix masses and linear
 * prefix sums, Lcap entries; its values and directory, Pcap). */
typedef struct {
  rxc_enum *e;
  double *Lbuf, *Ebuf, *Pbuf;
  uint32_t *Dbuf;
  size_t Lcap, Pcap;
} rxc_exp;

/* Frees what exp_open and exp_node allocated. */
static void exp_close(rxc_ctx *cx, rxc_exp *x) {
  rxc_enum *e = x->e;
  if (e && e->lin_on) {
    mem_resize(&cx->mem, &e->gt, (size_t)(cx->K + 1) * e->gw, 0,
               sizeof(double));
    mem_resize(&cx->mem, &e->ef, e->nef, 0, sizeof(double));
  }
  mem_resize(&cx->mem, &x->e, e ? 1 : 0, 0, sizeof *e);
  mem_resize(&cx->mem, &x->Lbuf, x->Lcap, 0, sizeof(double));
  mem_resize(&cx->mem, &x->Ebuf, x->Lcap, 0, sizeof(double));
  mem_resize(&cx->mem, &x->Pbuf, x->Pcap, 0, sizeof(double));
  mem_resize(&cx->mem, &x->Dbuf, x->Pcap, 0, sizeof(uint32_t));
  x->Lcap = x->Pcap = 0;
}

/* Prepares the expansion of stage t into nxt: the factors of the linear
 * sums of all-extreme arcs (lin_add) and the row bound (ef).  Returns -1
 * on failure (x freed). */
static int exp_open(rxc_ctx *cx, rxc_exp *x, rxc_stage *nxt, int t) {
  int K = cx->K;
  size_t i;
  rxc_enum *e = NULL;
  memset(x, 0, sizeof *x);
  if (mem_resize(&cx->mem, &e, 0, 1, sizeof *e))
    return -1;
  memset(e, 0, sizeof *e);
  x->e = e;
  e->cx = cx;
  e->next = nxt;
  e->t = t;
  e->last2 = (t == cx->m - 2);
  e->prune = !e->last2 && !cx->bw;
  e->gw = (size_t)cx->c[t] + 1;
  e->nef = (size_t)cx->rtot[0] + 1;
  if (e->prune && e->gw <= RXC_GTAB_MAX / (size_t)K && e->nef <= RXC_GTAB_MAX) {
    int rem = cx->m - t - 1, j;
    if (mem_resize(&cx->mem, &e->gt, 0, (size_t)(K + 1) * e->gw,
                   sizeof(double)))
      goto fail;
    if (mem_resize(&cx->mem, &e->ef, 0, e->nef, sizeof(double))) {
      mem_resize(&cx->mem, &e->gt, (size_t)(K + 1) * e->gw, 0, sizeof(double));
      goto fail;
    }
    e->lin_on = 1;
    e->rt = e->gt + (size_t)K * e->gw;
    for (j = 0; j < rem; j++) /* the columns after t, ascending */
      cx->capsasc[j] = cx->asc ? cx->c[t + 1 + j] : cx->c[cx->m - 1 - j];
    for (i = 0; i < e->nef; i++) {
      if (mem_work(&cx->mem, (unsigned long)rem))
        goto fail;
      e->ef[i] = even_fill_lf((long)i, cx->capsasc, rem, cx->lf);
    }
    e->efsl = cx->sumlfc_from[t + 1] + 1e-12 * (1.0 + cx->sumlfc_from[t + 1]);
  }
  return 0;
fail:
  exp_close(cx, x);
  return -1;
}

/* Expands node i of stage cur (holding past values) with x.  Returns -1 on
 * failure. */
static int exp_node(rxc_ctx *cx, rxc_exp *x, rxc_stage *cur, size_t i) {
  rxc_enum *e = x->e;
  int K = cx->K, t = e->t;
  size_t n;
  rxc_pw *pw;
  if (node_compact(cx, cur, (uint32_t)i))
    return -1;
  n = cur->cnt[i];
  pw = cur->ntab[i];
  if (n + 1 > x->Lcap) {
    size_t nc = n + n / 2 + 1;
    if (mem_resize2(&cx->mem, &x->Lbuf, sizeof(double), &x->Ebuf,
                    sizeof(double), x->Lcap, nc))
      return -1;
    x->Lcap = nc;
  }
  enum_setup(e, cur->keys + i * (size_t)K);
  e->pw = pw;
  e->n = n;
  e->E = lin_w(&cx->mem, pw, n, x->Ebuf) ? NULL : x->Ebuf;
  if (cx->mem.err || mem_work(&cx->mem, (unsigned long)n) ||
      (!e->E && log_prefix(&cx->mem, pw, n, x->Lbuf)))
    return -1;
  e->L = x->Lbuf;
  e->Ltop = enum_L(e, n - 1);
  e->dir.nd = 0;
  /* the directory serves the walks into completion lists only */
  if (e->E && n >= 64 && !cx->bw && t + 1 == cx->m - 2) {
    if (n > x->Pcap) {
      size_t nc = n + n / 2;
      if (mem_resize2(&cx->mem, &x->Pbuf, sizeof(double), &x->Dbuf,
                      sizeof(uint32_t), x->Pcap, nc))
        return -1;
      x->Pcap = nc;
    }
    dir_build(&e->dir, pw, n, x->Pbuf, x->Dbuf);
  }
  if (lin_start(e))
    return -1;
  arc_rec(e, 0, cx->c[t], 0.0, 1.0);
  if (e->fail)
    return -1;
  lin_flush(e);
  return 0;
}

/* Expands the past values of node i of the deferred stage s (defer_run)
 * and frees them.  Returns -1 on failure. */
static int defer_node(rxc_ctx *cx, rxc_exp *x, rxc_stage *s, size_t i) {
  if (s->cnt[i] > 0 && exp_node(cx, x, s, i))
    return -1;
  cx->defer_out += s->cnt[i];
  s->nent -= s->cnt[i];
  s->nadd = 0;
  s->cnt[i] = s->nsorted[i] = 0;
  s->app[i] = 0;
  if (s->ntab[i] == cx->dbuf) /* kept for the next node */
    s->ntab[i] = NULL;
  mem_resize(&cx->mem, &s->ntab[i], s->ncap[i], 0, sizeof(rxc_pw));
  s->ncap[i] = 0;
  return 0;
}

/* Resolves the deferred arcs into stage ts (see defer_add): grouped by
 * child node, each node's past values are gathered from its arcs' bands
 * into one array, sorted and merged once, expanded and freed before the
 * next node's (in chunks of flush_at / 4 values: a larger node is
 * expanded in several).  Returns -1 on failure. */
static int defer_run(rxc_ctx *cx, int ts) {
  rxc_stage *s = &cx->st[ts];
  rxc_exp x;
  size_t nn = s->nnodes, nr = cx->nrec, r, j, q, *start = NULL;
  size_t chunk =
      cx->flush_at / 4 < RXC_NONE / 2 ? cx->flush_at / 4 : RXC_NONE / 2;
  uint32_t *ord = NULL;
  int rc = -1;
  if (nr == 0)
    return 0;
  if (mem_resize(&cx->mem, &start, 0, nn + 1, sizeof *start) ||
      mem_resize(&cx->mem, &ord, 0, nr, sizeof *ord))
    goto done;
  memset(start, 0, (nn + 1) * sizeof *start);
  if (mem_work(&cx->mem, (unsigned long)(nn + 2 * nr)))
    goto done;
  for (r = 0; r < nr; r++) /* counting sort of the arcs by child */
    start[cx->rec[r].node + 1]++;
  for (j = 0; j < nn; j++)
    start[j + 1] += start[j];
  for (r = 0; r < nr; r++)
    ord[start[cx->rec[r].node]++] = (uint32_t)r;
  for (j = nn; j > 0; j--)
    start[j] = start[j - 1];
  start[0] = 0;
  if (exp_open(cx, &x, &cx->st[ts + 1], ts))
    goto done;
  for (j = 0; j < nn; j++) {
    size_t want = 0, cap;
    rxc_pw *v;
    for (r = start[j]; r < start[j + 1]; r++)
      want += cx->rec[ord[r]].n;
    if (cx->defer_in > RXC_DEFER_MERGE * cx->defer_out) {
      /* most values merge: the node's table (stage_add) */
      for (r = start[j]; r < start[j + 1]; r++) {
        const rxc_rec *a = &cx->rec[ord[r]];
        cx->defer_in += a->n;
        for (q = 0; q < a->n; q++)
          if (mem_tick(&cx->mem, q) ||
              stage_add(cx, s, (uint32_t)j, a->src[q].p + a->d,
                        a->src[q].w * a->mult))
            goto fail;
        if (s->cnt[j] >= chunk && defer_node(cx, &x, s, j))
          goto fail;
      }
      if (defer_node(cx, &x, s, j))
        goto fail;
      continue;
    }
    for (r = start[j], q = 0; want > 0;) {
      /* the next chunk of the node's values, sorted and merged by
       * node_compact (an array: app) */
      size_t k = 0;
      cap = want < chunk ? want : chunk;
      if (cap > cx->dcap) {
        if (mem_resize(&cx->mem, &cx->dbuf, cx->dcap, cap, sizeof(rxc_pw)))
          goto fail;
        cx->dcap = cap;
      }
      s->ntab[j] = v = cx->dbuf;
      s->ncap[j] = (uint32_t)cap;
      while (k < cap) {
        const rxc_rec *a = &cx->rec[ord[r]];
        size_t e = a->n - q <= cap - k ? a->n : q + (cap - k);
        if (mem_work(&cx->mem, (unsigned long)(e - q + 1)))
          goto fail;
        for (; q < e; q++, k++) {
          v[k].p = a->src[q].p + a->d;
          v[k].w = a->src[q].w * a->mult;
        }
        if (q == a->n) {
          r++;
          q = 0;
        }
      }
      s->cnt[j] = (uint32_t)cap;
      s->nsorted[j] = 0;
      s->app[j] = 1;
      s->nent += cap;
      want -= cap;
      cx->defer_in += cap;
      if (defer_node(cx, &x, s, j))
        goto fail;
    }
  }
  rc = 0;
fail:
  for (j = 0; j < nn; j++) /* after a failure: dbuf is not the node's */
    if (s->ntab[j] == cx->dbuf) {
      s->ntab[j] = NULL;
      s->ncap[j] = s->cnt[j] = 0;
    }
  exp_close(cx, &x);
done:
  cx->nrec = 0;
  mem_resize(&cx->mem, &start, nn + 1, 0, sizeof *start);
  mem_resize(&cx->mem, &ord, nr, 0, sizeof *ord);
  return rc;
}

/* Defers the arc of e into node `node` of stage e->t + 1, whose band is
 * src[0..n) (see rxc_rec); the arcs held reach RXC_DEFER_MAX first runs
 * them.  Returns -1 on failure. */
static int defer_add(rxc_enum *e, uint32_t node, const rxc_pw *src, size_t n,
                     double d, double mult) {
  rxc_ctx *cx = e->cx;
  rxc_rec *a;
  if (cx->nrec == cx->reccap) {
    size_t nc = cx->reccap ? cx->reccap * 2 : 4096;
    if (cx->nrec >= RXC_DEFER_MAX) {
      if (defer_run(cx, e->t + 1))
        return -1;
    } else {
      if (mem_resize(&cx->mem, &cx->rec, cx->reccap, nc, sizeof *cx->rec))
        return -1;
      cx->reccap = nc;
    }
  }
  a = &cx->rec[cx->nrec++];
  a->src = src;
  a->n = (uint32_t)n;
  a->node = node;
  a->d = d;
  a->mult = mult;
  return 0;
}

/* Expand every node of stage t into stage t + 1 (or resolve it when two
 * columns are left).  Returns 0 or -1 on memory failure. */
static int expand_stage(rxc_ctx *cx, rxc_stage *cur, rxc_stage *nxt, int t) {
  rxc_exp x;
  size_t i;
  int rc = 0;
  if (exp_open(cx, &x, nxt, t))
    return -1;
  for (i = 0; i < cur->nnodes; i++) {
    if (mem_tick(&cx->mem, i) ||
        (cur->cnt[i] > 0 && exp_node(cx, &x, cur, i))) {
      rc = -1;
      break;
    }
  }
  exp_close(cx, &x);
  if (rc == 0 && t == cx->defer_t && defer_run(cx, t + 1))
    rc = -1;
  return rc;
}

/* Drops the past values of every node of stage s (its nodes, bounds and
 * completion lists stay).  Tables are freed; arrays keep their memory
 * for the next batch (flush_from), which fills them again: freed, they
 * went back to the system and every batch faulted them in anew and grew
 * them through the table stage (P1 of tests/bench_rxc.c: 1.37 s of system
 * time in 8.0 s CPU before, 0.54 s in 6.4 s after; peak 107 MB, now
 * 120 MB). */
static void stage_drop_pasts(rxc_mem *m, rxc_stage *s) {
  size_t i;
  for (i = 0; i < s->nnodes; i++) {
    s->cnt[i] = s->nsorted[i] = 0;
    if (s->app[i])
      continue; /* an array is kept for the next batch */
    mem_resize(m, &s->ntab[i], s->ncap[i], 0, sizeof(rxc_pw));
    s->ncap[i] = 0;
  }
  s->nent = 0;
  s->nadd = 0;
}

/* Expands the past values held at stage t, then those this puts at stage
 * t + 1, and so on to the end, leaving stages t.. without past values.  The
 * p-value is a sum over (past value, completion) pairs, so the past values
 * of a stage may be expanded in several batches: this bounds the memory of
 * the widest stage (tables with a small p-value: 3 x 6, n = 300 held 18.6 M
 * past values at once).  Returns -1 on failure. */
static int flush_from(rxc_ctx *cx, int t) {
  for (; t <= cx->m - 2 && cx->st[t].nent > 0; t++) {
    if (expand_stage(cx, &cx->st[t], &cx->st[t + 1], t))
      return -1;
    stage_drop_pasts(&cx->mem, &cx->st[t]);
  }
  return 0;
}

static int cmp_int_desc(const void *a, const void *b) {
  int x = *(const int *)a, y = *(const int *)b;
  return (x < y) - (x > y);
}

/* The network algorithm on an oriented table: K key rows with totals rows[],
 * m stages with totals cols[] (any order), cells x[i * m + j].  lf covers
 * 0..n.  Writes the p-value; returns SURV_OK, SURV_ELIMIT or SURV_ENOMEM. */
static int network_p(const int *rows, int K, const int *cols, int m,
                     const long *x, long n, const double *lf, rxc_mem *mem,
                     double *p_out) {
  rxc_ctx cx;
  rxc_stage *cur, *nxt;
  rxc_back bk[2], *bcur = &bk[0], *bspare = &bk[1], *btmp;
  double obs = RXC_TOL;
  size_t budget;
  int bw_on = K == 2 && m >= 4;
  int *c = NULL, *key0 = NULL, i, j, t, rc = SURV_OK, big = K > m ? K : m;
  uint32_t node;
  memset(&cx, 0, sizeof cx);
  memset(bk, 0, sizeof bk);
  cx.mem = *mem;
  cx.lf = lf;
  cx.K = K;
  cx.m = m;
  if (mem_resize(&cx.mem, &c, 0, (size_t)m, sizeof *c) ||
      mem_resize(&cx.mem, &key0, 0, (size_t)K, sizeof *key0) ||
      mem_resize(&cx.mem, &cx.sumlfc_from, 0, (size_t)m + 1, sizeof(double)) ||
      mem_resize(&cx.mem, &cx.sumc_from, 0, (size_t)m + 1, sizeof(long)) ||
      mem_resize(&cx.mem, &cx.ybuf, 0, (size_t)big, sizeof(int)) ||
      mem_resize(&cx.mem, &cx.nbuf, 0, (size_t)big, sizeof(int)) ||
      mem_resize(&cx.mem, &cx.lobuf, 0, (size_t)big, sizeof(int)) ||
      mem_resize(&cx.mem, &cx.hibuf, 0, (size_t)big, sizeof(int)) ||
      mem_resize(&cx.mem, &cx.capsasc, 0, (size_t)big, sizeof(int)) ||
      mem_resize(&cx.mem, &cx.child, 0, (size_t)K, sizeof(int)) ||
      mem_resize(&cx.mem, &cx.hist, 0, RXC_SORT_HIST, sizeof(uint32_t)) ||
      mem_resize(&cx.mem, &cx.st, 0, (size_t)m, sizeof(rxc_stage))) {
    rc = cx.mem.err;
    goto done;
  }
  memset(cx.st, 0, (size_t)m * sizeof *cx.st);
  /* observed path length (R: obs starts at tol) and C0 */
  for (j = 0; j < m; j++) {
    double dd = lf[cols[j]];
    for (i = 0; i < K; i++)
      dd -= lf[x[(size_t)i * m + j]];
    obs += dd;
  }
  cx.obs = obs;
  cx.c0 = -lf[n];
  for (i = 0; i < K; i++)
    cx.c0 += lf[rows[i]];
  cx.inv_bucket = 1.0 / (1e-9 * (lf[n] > 1e5 ? lf[n] / 1e5 : 1.0));
  memcpy(c, cols, (size_t)m * sizeof *c);
  qsort(c, (size_t)m, sizeof *c, cmp_int_desc);
  /* three or more key rows and six or more stages: increasing totals, so
   * the stages that store past values come from the smallest columns (P1
   * of tests/bench_rxc.c, 3 x 6: 10.8 s CPU instead of 18.2 s; 3 x 6 and
   * 4 x 7 tables 19% to 32% fewer instructions; with four or five stages,
   * 3 x 4 to 5 x 5, decreasing totals took 3% to 59% fewer) */
  if (K >= 3 && m >= 6) {
    cx.asc = 1;
    for (j = 0; j < m / 2; j++) {
      int tmpc = c[j];
      c[j] = c[m - 1 - j];
      c[m - 1 - j] = tmpc;
    }
  }
  cx.c = c;
  cx.sumlfc_from[m] = 0;
  cx.sumc_from[m] = 0;
  for (j = m - 1; j >= 0; j--) {
    cx.sumlfc_from[j] = cx.sumlfc_from[j + 1] + lf[c[j]];
    cx.sumc_from[j] = cx.sumc_from[j + 1] + c[j];
  }
  memcpy(key0, rows, (size_t)K * sizeof *key0);
  qsort(key0, (size_t)K, sizeof *key0, cmp_int_desc);
  cx.rtot = key0;
  /* completion lists: at most a quarter of the cap (an entry costs 40
   * bytes with its prefix mass and sort scratch) */
  budget = cx.mem.cap / 160;
  if (bw_on && back_init(&cx, bcur)) {
    rc = cx.mem.err;
    goto done;
  }
  /* batches (flush_from) of at most 1/256 of the cap in past values (about
   * 1/8 of it in memory), and at least 2^20 (small batches repeat the
   * arcs: a small cap stays an error, not a slow run); two key rows keep
   * one batch */
  cx.flush_at = cx.mem.cap / 256 > ((size_t)1 << 20) ? cx.mem.cap / 256
                                                     : ((size_t)1 << 20);
  if (K < 3)
    cx.flush_at = 0;
  /* three or more key rows: the stage with three columns left is expanded
   * node by node (defer_run) */
  cx.defer_t = K >= 3 && m >= 4 ? m - 4 : -1;
  cur = &cx.st[0];
  node = stage_node(&cx, cur, key0, 0);
  if (node == RXC_NONE) {
    rc = cx.mem.err;
    goto done;
  }
  if (cur->lp[node] <= obs) { /* every table is at least as extreme */
    surv__ksum_add(&cx.mass, exp(cur->lm[node] + cx.c0));
  } else {
    if (stage_add(&cx, cur, node, 0.0, 1.0)) {
      rc = cx.mem.err;
      goto done;
    }
    for (t = 0; t <= m - 2; t++) {
      cur = &cx.st[t];
      nxt = &cx.st[t + 1];
      /* bidirectional search (two key rows): extend the completion lists
       * backwards while the next stage of them would hold no more entries
       * than the forward stage (or than 4096, so that small tables meet
       * early too) and fit the budget; when they reach stage t + 1 every
       * arc is resolved against them */
      while (bw_on && t + 1 <= m - 2 && bcur->t > t + 1) {
        size_t lim = cur->nent > 4096 ? cur->nent : 4096;
        int r = back_build(&cx, bcur, bspare, lim < budget ? lim : budget);
        if (r < 0) {
          rc = cx.mem.err;
          goto done;
        }
        if (r > 0)
          break;
        btmp = bcur;
        bcur = bspare;
        bspare = btmp;
      }
      cx.bw = bw_on && bcur->t == t + 1 && t + 1 <= m - 2 ? bcur : NULL;
      if (expand_stage(&cx, cur, nxt, t)) {
        rc = cx.mem.err;
        goto done;
      }
      if (t == m - 2 || cx.bw)
        break;
      stage_clear(&cx.mem, cur, K);
    }
  }
  *p_out = surv__ksum_value(&cx.mass);
done:
  if (cx.st)
    for (j = 0; j < m; j++)
      stage_clear(&cx.mem, &cx.st[j], K);
  free(cx.st);
  back_free(&cx.mem, &bk[0]);
  back_free(&cx.mem, &bk[1]);
  mem_resize(&cx.mem, &cx.rec, cx.reccap, 0, sizeof *cx.rec);
  mem_resize(&cx.mem, &cx.dbuf, cx.dcap, 0, sizeof *cx.dbuf);
  mem_resize(&cx.mem, &cx.raw, cx.rawcap, 0, sizeof *cx.raw);
  free(cx.tmp);
  free(cx.tkey);
  free(cx.hist);
  free(c);
  free(key0);
  free(cx.sumlfc_from);
  free(cx.sumc_from);
  free(cx.ybuf);
  free(cx.nbuf);
  free(cx.lobuf);
  free(cx.hibuf);
  free(cx.capsasc);
  free(cx.child);
  mem->peak = cx.mem.peak;
  return rc;
}

/* Exact p-value of a validated, collapsed table (nr x nc, no zero margin).
 * Orients it (keys over the shorter dimension) and runs the network, or the
 * 2 x 2 hypergeometric rule.  *peak receives the tracked high-water mark. */
static int fisher_rxc_core(const long *rs, size_t nr, const long *cs, size_t nc,
                           const long *cells, long n, size_t cap,
                           double deadline, double *p, size_t *peak) {
  rxc_mem mem;
  memset(&mem, 0, sizeof mem);
  mem.deadline = deadline;
  double *lf = NULL;
  int *rows = NULL, *cols = NULL, rc = SURV_OK;
  long *xo = NULL;
  size_t i, j, K, m;
  int trans = nr > nc;
  mem.cap = cap;
  if (nr == 2 && nc == 2) { /* the one 2 x 2 path (lib/numerics.c) */
    if (peak)
      *peak = 0;
    return surv__fisher_2x2_p(cells[0], cells[1], cells[2], cells[3], cap,
                              rxc_work_fn, &mem, p);
  }
  /* The log-factorial table (8 (n + 1) bytes, counted against the cap) is
   * filled under the clock: for n near 1e8 the fill alone takes seconds. */
  if (mem_clock(&mem) || mem_resize(&mem, &lf, 0, (size_t)n + 1, sizeof *lf))
    return mem.err;
  for (i = 0; i <= (size_t)n; i++) {
    if (mem_tick(&mem, i)) {
      free(lf);
      if (peak)
        *peak = mem.peak;
      return mem.err;
    }
    lf[i] = surv__lnfact((long)i); /* n <= INT_MAX */
  }
  K = trans ? nc : nr;
  m = trans ? nr : nc;
  if (K > RXC_MAXK) {
    rc = SURV_ELIMIT;
    goto done;
  }
  if (mem_resize(&mem, &rows, 0, K, sizeof *rows) ||
      mem_resize(&mem, &cols, 0, m, sizeof *cols) ||
      mem_resize(&mem, &xo, 0, K * m, sizeof *xo)) {
    rc = mem.err;
    goto done;
  }
  for (i = 0; i < K; i++)
    rows[i] = (int)(trans ? cs[i] : rs[i]);
  for (j = 0; j < m; j++)
    cols[j] = (int)(trans ? rs[j] : cs[j]);
  for (i = 0; i < K; i++)
    for (j = 0; j < m; j++)
      xo[i * m + j] = trans ? cells[j * nc + i] : cells[i * nc + j];
  rc = network_p(rows, (int)K, cols, (int)m, xo, n, lf, &mem, p);
done:
  free(lf);
  free(rows);
  free(cols);
  free(xo);
  if (peak)
    *peak = mem.peak;
  return rc;
}

SURV_EXPORT int surv_fisher_rxc_limit(const long *table, size_t nrow,
                                      size_t ncol, size_t max_bytes,
                                      double max_seconds, double *p_value) {
  long *rs = NULL, *cs = NULL, *cells = NULL, n = 0;
  size_t nr = 0, nc = 0;
  double p = NAN, deadline = 0;
  int rc;
  if (!table || !p_value)
    return SURV_ENULL;
  if (!(max_seconds >= 0))
    return SURV_EINVAL;
  rc = prepare_table(table, nrow, ncol, &rs, &nr, &cs, &nc, &n, &cells);
  if (rc)
    return rc;
  if (max_seconds > 0 && max_seconds < 1e9)
    deadline = mono_now() + max_seconds;
  rc = fisher_rxc_core(rs, nr, cs, nc, cells, n,
                       max_bytes ? max_bytes : RXC_DEFAULT_CAP, deadline, &p,
                       NULL);
  free(rs);
  free(cs);
  free(cells);
  if (rc)
    return rc;
  *p_value = p < 0 ? 0 : (p > 1 ? 1 : p);
  return SURV_OK;
}

SURV_EXPORT int surv_fisher_rxc(const long *table, size_t nrow, size_t ncol,
                                size_t max_bytes, double *p_value) {
  return surv_fisher_rxc_limit(table, nrow, ncol, max_bytes, 0, p_value);
}

/* ---- Monte Carlo ----------------------------------------------------------
 */

/* One hypergeometric draw: x of the k items drawn from a population of tot
 * holding good "successes", by inversion from the mode outward (Patefield's
 * scheme): P(x + 1) / P(x) = (good - x)(k - x) / ((x + 1)(tot - good - k +
 * x + 1)). */
static long hyper_draw(surv__rng *r, long k, long good, long tot) {
  long bad = tot - good, lo = k - bad > 0 ? k - bad : 0;
  long hi = k < good ? k : good, mode, a, b;
  double u, cum, pa, pb, pm;
  if (lo == hi)
    return lo;
  mode = (long)(((double)k + 1) * ((double)good + 1) / ((double)tot + 2));
  if (mode < lo)
    mode = lo;
  if (mode > hi)
    mode = hi;
  pm = exp(surv__lnfact(good) - surv__lnfact(mode) - surv__lnfact(good - mode) +
           surv__lnfact(bad) - surv__lnfact(k - mode) -
           surv__lnfact(bad - k + mode) - surv__lnfact(tot) + surv__lnfact(k) +
           surv__lnfact(tot - k));
  u = surv__rng_uniform(r);
  cum = pm;
  if (u <= cum)
    return mode;
  a = b = mode; /* [a, b] visited */
  pa = pb = pm;
  for (;;) {
    double nb = -1, na = -1;
    if (b < hi)
      nb = pb * (double)(good - b) * (double)(k - b) /
           ((double)(b + 1) * (double)(bad - k + b + 1));
    if (a > lo)
      na = pa * (double)a * (double)(bad - k + a) /
           ((double)(good - a + 1) * (double)(k - a + 1));
    if (nb < 0 && na < 0)
      return b; /* rounding left u above the total: take the last value */
    if (nb >= na) {
      b++;
      pb = nb;
      cum += nb;
      if (u <= cum)
        return b;
    } else {
      a--;
      pa = na;
      cum += na;
      if (u <= cum)
        return a;
    }
  }
}

/* Patefield (AS 159): a random nr x nc table with the given margins, cell by
 * cell, each conditionally hypergeometric.  Returns -sum lf(x_ij). */
static double rcont_stat(surv__rng *r, size_t nr, size_t nc, const long *rs,
                         const long *cs, long n, long *colrem) {
  size_t i, j;
  long left = n; /* total of rows i.. */
  double s = 0;
  for (j = 0; j < nc; j++)
    colrem[j] = cs[j];
  for (i = 0; i + 1 < nr; i++) {
    long ia = rs[i], ie = left;
    for (j = 0; j + 1 < nc && ia > 0; j++) {
      long id = colrem[j], xij = hyper_draw(r, ia, id, ie);
      ie -= id;
      colrem[j] -= xij;
      ia -= xij;
      s -= surv__lnfact(xij);
    }
    if (ia > 0) { /* the rest of the row goes to the next column */
      colrem[j] -= ia;
      s -= surv__lnfact(ia);
    }
    left -= rs[i];
  }
  for (j = 0; j < nc; j++)
    s -= surv__lnfact(colrem[j]);
  return s;
}

SURV_EXPORT int surv_fisher_rxc_mc(const long *table, size_t nrow, size_t ncol,
                                   size_t replicates, unsigned long seed,
                                   double *p_value, double *std_err) {
  long *rs = NULL, *cs = NULL, *cells = NULL, *colrem = NULL, n = 0;
  size_t nr = 0, nc = 0, b, hits = 0, i;
  double sobs = 0, lim, p;
  surv__rng *r = NULL;
  int rc;
  if (!table || !p_value || !std_err)
    return SURV_ENULL;
  if (replicates == 0)
    return SURV_ESIZE;
  rc = prepare_table(table, nrow, ncol, &rs, &nr, &cs, &nc, &n, &cells);
  if (rc)
    return rc;
  colrem = surv__malloc_array(nc, sizeof *colrem);
  if (!colrem) {
    rc = SURV_ENOMEM;
    goto done;
  }
  r = surv__rng_new(seed);
  if (!r) {
    rc = SURV_ENOMEM;
    goto done;
  }
  for (i = 0; i < nr * nc; i++)
    sobs -= surv__lnfact(cells[i]);
  lim = sobs / (1.0 + 64.0 * DBL_EPSILON); /* R's almost.1 */
  for (b = 0; b < replicates; b++)
    hits += rcont_stat(r, nr, nc, rs, cs, n, colrem) <= lim;
  p = (1.0 + (double)hits) / ((double)replicates + 1.0);
  *p_value = p;
  *std_err = sqrt(p * (1.0 - p) / (double)replicates);
done:
  surv__rng_free(r);
  free(colrem);
  free(rs);
  free(cs);
  free(cells);
  return rc;
}
