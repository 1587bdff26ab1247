/* Concordance of a predictor with a survival outcome: R survival 3.5-3
 * concordance() / concordancefit() (R/concordance.R), whose counts come from
 * src/concordance3.c (right-censored) and concordance4 (counting process) and
 * whose time weights come from src/fastkm.c.
 *
 * Pairs. A pair (i, j) is comparable when j has an event at t_j and i is at
 * risk at t_j with a longer time (censored at t_j counts as longer). It is
 * concordant when x_i > x_j (a longer time goes with a larger predictor),
 * discordant when x_i < x_j, tied.x when x_i = x_j; two events at the same
 * time are tied.y (tied.xy when x is tied too). Each pair counts
 * w_i w_j tau(t_j), tau the time weight of the event time.
 *
 * Algorithm (per stratum). Rows are visited in decreasing time, censored rows
 * before the events of the same time. Two Fenwick trees over the ranks of x
 * hold the weights of the rows visited so far (tree A: w) and of the events
 * visited so far (tree D: tau w). An event queries A for the weight at risk
 * above, below and at its rank (its own counts and influence); every row
 * queries D when it enters A and again when it leaves the risk set (at the end
 * of the pass, or, for (start, stop] rows, at the first event time <= start):
 * the difference is the weight of the events it was compared with while at
 * risk, split by rank. R's influence matrix is these per-row sums; the
 * infinitesimal jackknife variance is sum over rows (or clusters) of
 *   dfbeta_i = w_i ((C_i - D_i) / npair - somers (C_i + D_i + T_i) / npair),
 *   var(C) = sum dfbeta^2 / 4.
 * Cost: O(n log n) time (two sorts, O(log n) per tree operation), O(n) space.
 *
 * Time weights: n, S, S/G, n/G2 and I as R's docount(); a stratum with fewer
 * than two events uses n, as R does. For (start, stop] data only n is
 * accepted: R 3.5-3 refuses S/G and n/G2 there and its S and I path
 * (fastkm2) crashes R, so there is no reference to agree with. */
#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "concordance_internal.h"
#include "surv_internal.h"
#include "survtime.h"

/* ---- two prefix-sum trees over ranks 0..k-1, interleaved -----------------
 * Tree 0 (A) holds the weight of the rows at risk, tree 1 (D) the time-
 * weighted events; an event queries both at the same rank, so one cache line
 * serves both. The weight at each rank is kept exactly (node). Ranks are
 * grouped in blocks of FT_BLOCK (their sums in bsum), blocks in superblocks
 * of FT_BLOCK blocks, and a Fenwick tree over the superblocks (small enough
 * to stay in cache: 16 bytes per 1024 ranks) gives the weight below a
 * superblock. A query adds the superblocks below by the Fenwick tree, the
 * blocks below in its superblock and the ranks below in its block by short
 * sequential scans: O(log(k / FT_BLOCK^2) + FT_BLOCK) per operation, with
 * about two cache misses instead of one per level of a plain Fenwick tree
 * over k ranks. */
#define FT_SHIFT 5
#define FT_BLOCK ((size_t)1 << FT_SHIFT)

typedef struct {
  double w[2];
} pair;

typedef struct {
  pair *tree; /* 1-based Fenwick array over the superblocks, nsb + 1 */
  pair *bsum; /* sum of each block, nb */
  pair *node; /* weight at each rank, k */
  double total[2];
  size_t k, nb, nsb;
} ftree;

enum { TREE_A = 0, TREE_D = 1 };

static void ft_reset(ftree *f, size_t k) {
  f->k = k;
  f->nb = (k + FT_BLOCK - 1) >> FT_SHIFT;
  f->nsb = (f->nb + FT_BLOCK - 1) >> FT_SHIFT;
  f->total[0] = f->total[1] = 0.0;
  memset(f->tree, 0, (f->nsb + 1) * sizeof *f->tree);
  memset(f->bsum, 0, f->nb * sizeof *f->bsum);
  memset(f->node, 0, k * sizeof *f->node);
}

static void ft_add(ftree *f, int which, size_t r, double w) {
  size_t b = r >> FT_SHIFT;
  f->node[r].w[which] += w;
  f->bsum[b].w[which] += w;
  f->total[which] += w;
  for (size_t i = (b >> FT_SHIFT) + 1; i <= f->nsb; i += i & (~i + 1))
    f->tree[i].w[which] += w;
}

/* Weight above, below and at rank r. */
static void ft_query(const ftree *f, int which, size_t r, double *above,
                     double *below, double *at) {
  double s = 0.0;
  size_t b = r >> FT_SHIFT, sb = b >> FT_SHIFT;
  for (size_t i = sb; i > 0; i -= i & (~i + 1))
    s += f->tree[i].w[which];
  for (size_t i = sb << FT_SHIFT; i < b; i++)
    s += f->bsum[i].w[which];
  for (size_t i = b << FT_SHIFT; i < r; i++)
    s += f->node[i].w[which];
  *below = s;
  *at = f->node[r].w[which];
  *above = f->total[which] - s - *at;
}

/* ---- sorting ------------------------------------------------------------ */
typedef struct {
  double t;
  size_t rank;
  int status;
  size_t row;
} visit;

/* The first two sorts of a stratum run in the (not yet filled) visiting
 * array: surv__key_order_ws needs 2 records of 16 bytes per row. */
typedef char
    visit_holds_two_recs[sizeof(visit) >= 2 * sizeof(surv__rec) ? 1 : -1];

/* Influence of a row on the concordant, discordant and tied.x counts. */
typedef struct {
  double c, d, t;
} infl;

/* ---- work space ------------------------------------------------------------
 */
typedef struct {
  const double *time, *entry, *w, *x;
  const int *status;
  surv_concordance_timewt timewt;
  uint64_t *key;       /* n: sort keys */
  size_t *o1;          /* n: an order */
  size_t *eord;        /* n: rows by decreasing entry */
  visit *v;            /* n */
  size_t *rank;        /* n, by row */
  double *tau;         /* n: time weight of each distinct event time */
  double *cum;         /* n: running weight in visiting order */
  unsigned char *gone; /* n, by row: left the risk set early */
  ftree ft;
  infl *inf; /* n, by row */
} work;

static double wt_of(const work *wk, size_t row) {
  return wk->w ? wk->w[row] : 1.0;
}

/* Weights of the distinct event times of a stratum in visiting order
 * (descending time), as R's docount() with fastkm1 (R src/fastkm.c): S(t-)
 * and G(t-) by Kaplan-Meier, events before censorings at a tied time. */
static int time_weights(work *wk, size_t m, size_t nevtime) {
  visit *v = wk->v;
  if (wk->timewt == SURV_TIMEWT_N) {
    for (size_t k = 0; k < nevtime; k++)
      wk->tau[k] = 1.0;
    return SURV_OK;
  }
  /* running weight in visiting order, accumulated from the longest time as
   * R's fastkm1 does: cum[i] = weight of v[0..i] */
  double *cum = wk->cum;
  double run = 0.0;
  for (size_t i = 0; i < m; i++)
    cum[i] = run += wt_of(wk, v[i].row);
  double wsum = run;
  double S = 1.0, G = 1.0;
  size_t k = nevtime;
  size_t i = m;
  while (i > 0) { /* ascending time: one time (v[lo..hi)) at a time */
    size_t hi = i, lo = i;
    while (lo > 0 && v[lo - 1].t == v[hi - 1].t)
      lo--;
    double dw = 0.0;
    size_t nc = 0;
    int hasd = 0;
    for (size_t j = lo; j < hi; j++) {
      if (v[j].status) {
        dw += wt_of(wk, v[j].row);
        hasd = 1;
      } else {
        nc++;
      }
    }
    double nrisk = cum[hi - 1];
    if (hasd) {
      double tw = 0.0;
      switch (wk->timewt) {
      case SURV_TIMEWT_S:
        tw = wsum * S / nrisk;
        break;
      case SURV_TIMEWT_S_G:
        tw = wsum * S / (G * nrisk);
        break;
      case SURV_TIMEWT_N_G2:
        tw = 1.0 / (G * G);
        break;
      case SURV_TIMEWT_I:
        tw = 1.0 / nrisk;
        break;
      default:
        tw = 1.0;
        break;
      }
      if (!isfinite(tw))
        return SURV_EWEIGHT; /* R: "program error"; all weights 0 */
      wk->tau[--k] = tw;
      S *= (nrisk - dw) / nrisk;
    }
    if (nc > 0) { /* at risk for censoring: the events went first */
      double ncr = cum[lo + nc - 1];
      double before = lo > 0 ? cum[lo - 1] : 0.0;
      G *= before / ncr;
    }
    i = lo;
  }
  return SURV_OK;
}

/* Counts of one stratum (rows[0..m)); adds the influence of its rows. */
static int do_stratum(work *wk, const size_t *rows, size_t m, double cnt[5]) {
  for (int c = 0; c < 5; c++)
    cnt[c] = 0.0;
  size_t *o1 = wk->o1;
  int rc;
  /* ranks of x */
  for (size_t i = 0; i < m; i++)
    wk->key[i] = surv__double_key(wk->x[rows[i]]);
  (void)surv__key_order_ws(wk->key, m, o1, wk->v);
  size_t nrank = 0;
  for (size_t i = 0; i < m; i++) {
    if (i > 0 && wk->key[o1[i]] != wk->key[o1[i - 1]])
      nrank++;
    wk->rank[rows[o1[i]]] = nrank;
  }
  nrank++;
  /* visiting order: decreasing time, censored first, the events of a time
   * by ascending rank (then row). One stable radix sort of the time keys
   * (times are >= 0, so the sign bit is free for the status) laid out in
   * rank order, so ties keep that order without a comparison sort. */
  size_t nev = 0;
  for (size_t i = 0; i < m; i++) {
    size_t r = rows[o1[i]];
    uint64_t tb = surv__double_key(wk->time[r]);
    wk->key[i] = (~tb) << 1 | (uint64_t)wk->status[r];
    nev += (size_t)wk->status[r];
  }
  if (nev == 0)
    return SURV_OK;      /* R: counts and influence 0 */
  size_t *o2 = wk->eord; /* free until the entry order below */
  (void)surv__key_order_ws(wk->key, m, o2, wk->v);
  visit *v = wk->v;
  for (size_t i = 0; i < m; i++) {
    size_t r = rows[o1[o2[i]]];
    v[i].t = wk->time[r];
    v[i].status = wk->status[r];
    v[i].rank = wk->rank[r];
    v[i].row = r;
  }
  size_t nevtime = 0;
  for (size_t i = 0; i < m; i++)
    if (wk->v[i].status &&
        (i == 0 || !wk->v[i - 1].status || wk->v[i - 1].t != wk->v[i].t))
      nevtime++;
  surv_concordance_timewt keep = wk->timewt;
  if (nev < 2)
    wk->timewt = SURV_TIMEWT_N;
  rc = time_weights(wk, m, nevtime);
  wk->timewt = keep;
  if (rc)
    return rc;
  /* (start, stop] rows in decreasing entry */
  size_t next_out = 0;
  if (wk->entry) {
    for (size_t i = 0; i < m; i++) {
      wk->key[i] = ~surv__double_key(wk->entry[rows[i]]);
      wk->gone[rows[i]] = 0;
    }
    if ((rc = surv__key_order(wk->key, m, o1)))
      return rc;
    for (size_t i = 0; i < m; i++)
      wk->eord[i] = rows[o1[i]];
  }
  ft_reset(&wk->ft, nrank);
  double ab, be, at;
  size_t k = 0;
  for (size_t i = 0; i < m;) {
    const visit *vi = &wk->v[i];
    size_t r = vi->row;
    if (!vi->status) { /* a censored row enters the risk set */
      ft_query(&wk->ft, TREE_D, vi->rank, &ab, &be, &at);
      wk->inf[r].c -= be;
      wk->inf[r].d -= ab;
      wk->inf[r].t -= at;
      ft_add(&wk->ft, TREE_A, vi->rank, wt_of(wk, r));
      i++;
      continue;
    }
    double t = vi->t;
    if (wk->entry) { /* rows entering at or after t leave the risk set */
      for (; next_out < m && wk->entry[wk->eord[next_out]] >= t; next_out++) {
        size_t q = wk->eord[next_out];
        ft_query(&wk->ft, TREE_D, wk->rank[q], &ab, &be, &at);
        wk->inf[q].c += be;
        wk->inf[q].d += ab;
        wk->inf[q].t += at;
        ft_add(&wk->ft, TREE_A, wk->rank[q], -wt_of(wk, q));
        wk->gone[q] = 1;
      }
    }
    double tau = wk->tau[k++];
    size_t j = i;
    double dw = 0.0, dw2 = 0.0;
    size_t g0 = i; /* first event of the current run of tied x */
    for (; j < m && wk->v[j].t == t; j++) {
      const visit *vj = &wk->v[j];
      size_t q = vj->row;
      double w = wt_of(wk, q);
      cnt[3] += w * dw * tau;
      dw += w;
      if (vj->rank != wk->v[g0].rank) {
        g0 = j;
        dw2 = 0.0;
      }
      cnt[4] += w * dw2 * tau;
      dw2 += w;
      ft_query(&wk->ft, TREE_A, vj->rank, &ab, &be, &at);
      cnt[0] += w * ab * tau;
      cnt[1] += w * be * tau;
      cnt[2] += w * at * tau;
      wk->inf[q].c += ab * tau;
      wk->inf[q].d += be * tau;
      wk->inf[q].t += at * tau;
      ft_add(&wk->ft, TREE_D, vj->rank, tau * w);
    }
    for (size_t l = i; l < j; l++) { /* the events join the risk set */
      const visit *vl = &wk->v[l];
      size_t q = vl->row;
      ft_query(&wk->ft, TREE_D, vl->rank, &ab, &be, &at);
      wk->inf[q].c -= be;
      wk->inf[q].d -= ab;
      wk->inf[q].t -= at;
      ft_add(&wk->ft, TREE_A, vl->rank, wt_of(wk, q));
    }
    i = j;
  }
  /* rows still at risk at the end: D no longer changes, so prefix sums */
  double *below = wk->cum, run = 0.0;
  for (size_t r = 0; r < nrank; r++) {
    below[r] = run;
    run += wk->ft.node[r].w[TREE_D];
  }
  for (size_t i = 0; i < m; i++) {
    size_t q = wk->v[i].row, r = wk->v[i].rank;
    if (wk->entry && wk->gone[q])
      continue;
    at = wk->ft.node[r].w[TREE_D];
    wk->inf[q].c += below[r];
    wk->inf[q].d += wk->ft.total[TREE_D] - below[r] - at;
    wk->inf[q].t += at;
  }
  cnt[3] -= cnt[4]; /* tied.xy pairs were counted in tied.y too */
  return SURV_OK;
}

static void work_free(work *wk) {
  free(wk->key);
  free(wk->o1);
  free(wk->eord);
  free(wk->v);
  free(wk->rank);
  free(wk->tau);
  free(wk->cum);
  free(wk->gone);
  free(wk->ft.tree);
  free(wk->ft.bsum);
  free(wk->ft.node);
  free(wk->inf);
}

/* Distinct labels of lab[0..n) in ascending order and each row's index among
 * them (ids[i]); *nlab distinct. labels must hold n ints. */
static int label_ids(const int *lab, size_t n, int *labels, size_t *ids,
                     size_t *nlab) {
  uint64_t *key = surv__malloc_array(n, sizeof *key);
  size_t *ord = surv__malloc_array(n, sizeof *ord);
  int rc = SURV_ENOMEM;
  if (!key || !ord)
    goto done;
  for (size_t i = 0; i < n; i++)
    key[i] = (uint64_t)((int64_t)lab[i] - (int64_t)INT_MIN);
  if ((rc = surv__key_order(key, n, ord)))
    goto done;
  size_t k = 0;
  for (size_t i = 0; i < n; i++) {
    if (i > 0 && lab[ord[i]] != lab[ord[i - 1]])
      k++;
    labels[k] = lab[ord[i]];
    ids[ord[i]] = k;
  }
  *nlab = k + 1;
done:
  free(key);
  free(ord);
  return rc;
}

SURV_EXPORT int surv_concordance_fit(const surv_data *data,
                                     const double *predictor,
                                     const surv_concordance_options *opt,
                                     surv_result **out) {
  static const surv_concordance_options defaults =
      SURV_CONCORDANCE_OPTIONS_INIT;
  surv_concordance_options o;
  surv_data d;
  int rc;
  if (!out)
    return SURV_ENULL;
  if ((rc = surv__data_copy(data, &d)) != SURV_OK)
    return rc;
  if ((rc = surv__options_copy(opt, sizeof o, &defaults, &o)) != SURV_OK)
    return rc;
  if ((unsigned)o.timewt > (unsigned)SURV_TIMEWT_I ||
      (o.flags & ~(SURV_CONCORDANCE_REVERSE | SURV_NO_TIMEFIX)))
    return SURV_EINVAL;
  if (!d.time || !d.status)
    return SURV_ENULL;
  const double *x = predictor;
  if (!x) {
    if (!d.x)
      return SURV_ENULL;
    if (d.p != 1)
      return SURV_EINVAL;
    x = d.x;
  } else if (d.x) {
    return SURV_EINVAL; /* two predictors: which one? */
  }
  if (d.time2 || d.group || d.offset)
    return SURV_EINVAL;
  size_t n = d.n;
  if (n == 0)
    return SURV_ESIZE;
  for (size_t i = 0; i < n; i++) {
    if (!isfinite(d.time[i]) || d.time[i] < 0)
      return SURV_ETIME;
    if (d.entry &&
        (!isfinite(d.entry[i]) || d.entry[i] < 0 || !(d.entry[i] < d.time[i])))
      return SURV_ETIME;
  }
  for (size_t i = 0; i < n; i++)
    if (d.status[i] != 0 && d.status[i] != 1)
      return SURV_ESTATUS;
  if (d.weight)
    for (size_t i = 0; i < n; i++)
      if (!isfinite(d.weight[i]) || d.weight[i] < 0)
        return SURV_EWEIGHT;
  for (size_t i = 0; i < n; i++)
    if (isnan(x[i]))
      return SURV_EINVAL;
  if (d.entry && o.timewt != SURV_TIMEWT_N)
    return SURV_EINVAL;

  work wk;
  memset(&wk, 0, sizeof wk);
  /* times as given (no timefix) are read in place */
  int fix = !(o.flags & SURV_NO_TIMEFIX);
  double *tfix = fix ? surv__malloc_array(n, sizeof *tfix) : NULL;
  double *efix = fix && d.entry ? surv__malloc_array(n, sizeof *efix) : NULL;
  size_t *sid = d.strata ? surv__malloc_array(n, sizeof *sid) : NULL;
  int *labels = surv__malloc_array(d.strata ? n : 1, sizeof *labels);
  size_t *rows = surv__malloc_array(n, sizeof *rows);
  size_t *start = NULL;
  double *scnt = NULL, *dfb = NULL;
  size_t *cid = NULL;
  surv_result *res = NULL;
  wk.key = surv__malloc_array(n, sizeof *wk.key);
  wk.o1 = surv__malloc_array(n, sizeof *wk.o1);
  wk.eord = surv__malloc_array(n, sizeof *wk.eord);
  wk.v = surv__malloc_array(n, sizeof *wk.v);
  wk.rank = surv__malloc_array(n, sizeof *wk.rank);
  wk.tau = surv__malloc_array(n, sizeof *wk.tau);
  wk.cum = surv__malloc_array(n, sizeof *wk.cum);
  wk.gone = d.entry ? surv__malloc_array(n, 1) : NULL;
  wk.ft.tree = surv__malloc_array((n >> (2 * FT_SHIFT)) + 2, sizeof(pair));
  wk.ft.bsum = surv__malloc_array((n >> FT_SHIFT) + 1, sizeof(pair));
  wk.ft.node = surv__malloc_array(n, sizeof(pair));
  wk.inf = surv__calloc_array(n, sizeof *wk.inf);
  rc = SURV_ENOMEM;
  if ((fix && !tfix) || (fix && d.entry && !efix) || (d.strata && !sid) ||
      !labels || !rows || !wk.key || !wk.o1 || !wk.eord || !wk.v || !wk.rank ||
      !wk.tau || !wk.cum || (d.entry && !wk.gone) || !wk.ft.tree ||
      !wk.ft.bsum || !wk.ft.node || !wk.inf)
    goto done;

  /* R's aeqSurv on the whole outcome, before the strata are split */
  if (!fix) {
    /* wk.time and wk.entry read the caller's arrays */
  } else if (d.entry) {
    if ((rc = surv__timefix_counting(d.entry, d.time, n, efix, tfix)))
      goto done;
  } else {
    size_t *ord = surv__malloc_array(n, sizeof *ord);
    double *srt = surv__malloc_array(n, sizeof *srt);
    if (!ord || !srt) {
      free(ord);
      free(srt);
      rc = SURV_ENOMEM;
      goto done;
    }
    if ((rc = surv__time_order(d.time, n, ord))) {
      free(ord);
      free(srt);
      goto done;
    }
    for (size_t i = 0; i < n; i++)
      srt[i] = d.time[ord[i]];
    surv__timefix_sorted(srt, n, srt);
    for (size_t i = 0; i < n; i++)
      tfix[ord[i]] = srt[i];
    free(ord);
    free(srt);
  }
  wk.time = fix ? tfix : d.time;
  wk.entry = fix ? efix : d.entry;
  wk.status = d.status;
  wk.w = d.weight;
  wk.x = x;
  wk.timewt = o.timewt;

  /* strata: rows grouped by ascending label */
  size_t ns = 1;
  if (d.strata && (rc = label_ids(d.strata, n, labels, sid, &ns)))
    goto done;
  rc = SURV_ENOMEM;
  if (!(start = surv__calloc_array(ns + 1, sizeof *start)))
    goto done;
  if (d.strata) {
    surv__group_by_index(sid, n, ns, rows, start);
  } else {
    for (size_t i = 0; i < n; i++)
      rows[i] = i;
    labels[0] = 1;
    start[1] = n;
  }

  rc = SURV_ENOMEM;
  scnt = surv__malloc_array(ns, 5 * sizeof(double));
  if (!scnt)
    goto done;
  double tot[5] = {0, 0, 0, 0, 0};
  for (size_t s = 0; s < ns; s++) {
    if ((rc = do_stratum(&wk, rows + start[s], start[s + 1] - start[s],
                         scnt + 5 * s)))
      goto done;
    for (int c = 0; c < 5; c++)
      tot[c] += scnt[5 * s + c];
  }

  double npair = tot[0] + tot[1] + tot[2];
  double somers = (tot[0] - tot[1]) / npair;
  /* infinitesimal jackknife, summed within clusters (without clusters each
   * row is its own: its square is added directly, no n-sized array) */
  rc = SURV_ENOMEM;
  size_t ncl = n;
  if (d.cluster) {
    dfb = surv__malloc_array(n, sizeof *dfb);
    cid = surv__malloc_array(n, sizeof *cid);
    if (!dfb || !cid)
      goto done;
    int *clab = surv__malloc_array(n, sizeof *clab);
    if (!clab)
      goto done;
    rc = label_ids(d.cluster, n, clab, cid, &ncl);
    free(clab);
    if (rc)
      goto done;
    for (size_t i = 0; i < ncl; i++)
      dfb[i] = 0.0;
  }
  surv__ksum var = {0, 0};
  for (size_t i = 0; i < n; i++) {
    double di = wt_of(&wk, i) *
                ((wk.inf[i].c - wk.inf[i].d) / npair -
                 (somers / npair) * (wk.inf[i].c + wk.inf[i].d + wk.inf[i].t));
    if (cid)
      dfb[cid[i]] += di;
    else
      surv__ksum_add(&var, di * di);
  }
  if (cid)
    for (size_t i = 0; i < ncl; i++)
      surv__ksum_add(&var, dfb[i] * dfb[i]);
  double vc = surv__ksum_value(&var) / 4.0;
  double conc = (somers + 1.0) / 2.0;
  int rev = (o.flags & SURV_CONCORDANCE_REVERSE) != 0;
  if (rev)
    conc = 1.0 - conc;

  rc = SURV_ENOMEM;
  res = surv__result_new(SURV__KIND_CONCORDANCE);
  if (!res)
    goto done;
  double *col[6];
  static const surv_col cols[6] = {SURV_COL_STRATUM,    SURV_COL_CONCORDANT,
                                   SURV_COL_DISCORDANT, SURV_COL_TIED_X,
                                   SURV_COL_TIED_Y,     SURV_COL_TIED_XY};
  for (int c = 0; c < 6; c++)
    if (!(col[c] = surv__result_column_new(res, cols[c], ns)))
      goto done;
  for (size_t s = 0; s < ns; s++) {
    col[0][s] = labels[s];
    col[1][s] = scnt[5 * s + (rev ? 1 : 0)];
    col[2][s] = scnt[5 * s + (rev ? 0 : 1)];
    col[3][s] = scnt[5 * s + 2];
    col[4][s] = scnt[5 * s + 3];
    col[5][s] = scnt[5 * s + 4];
  }
  surv__result_set_stat(res, SURV_STAT_CONCORDANCE, conc);
  surv__result_set_stat(res, SURV_STAT_CONCORDANCE_SE, sqrt(vc));
  surv__result_set_stat(res, SURV_STAT_N, (double)n);
  surv__result_set_stat(res, SURV_STAT_N_STRATA, (double)ns);
  surv__result_set_stat(res, SURV_STAT_CONCORDANT, tot[rev ? 1 : 0]);
  surv__result_set_stat(res, SURV_STAT_DISCORDANT, tot[rev ? 0 : 1]);
  surv__result_set_stat(res, SURV_STAT_TIED_X, tot[2]);
  surv__result_set_stat(res, SURV_STAT_TIED_Y, tot[3]);
  surv__result_set_stat(res, SURV_STAT_TIED_XY, tot[4]);
  *out = res;
  res = NULL;
  rc = SURV_OK;
done:
  surv_result_free(res);
  work_free(&wk);
  free(tfix);
  free(efix);
  free(sid);
  free(labels);
  free(rows);
  free(start);
  free(scnt);
  free(dfb);
  free(cid);
  return rc;
}

/* ---- the Cox fit's concordance on its own time order ---------------------
 * (lib/concordance_internal.h). Same pairs and counts as do_stratum with the
 * time weight n, but one pass in ascending time and no per-row arrays: the
 * tree A starts with every row of the stratum and loses each row when its
 * time has passed, the tree D gains the events. At a time t with events E
 * and censored rows C:
 *   1. the events leave A (A: rows with a longer time, and C);
 *   2. each event queries A (its pairs: concordant above its rank,
 *      discordant below, tied.x at it) and D (the events before t, which
 *      compared it while it was at risk);
 *   3. the events join D;
 *   4. each censored row queries D (the events up to and including t) and
 *      leaves A.
 * A row's influence is then final when it is visited: c = (weight of A
 * above) + (weight of D below), d = A below + D above, t = A at + D at, and
 * its jackknife term w (c - d - s (c + d + t)) / npair (s = Somers' d) is
 * needed only through the sums of w^2 u^2, w^2 u v and w^2 v^2 (u = c - d,
 * v = c + d + t), kept compensated: var = (Suu - 2 s Suv + s^2 Svv) /
 * (4 npair^2). Cost O(n log n) time (O(n) for the ranks); with weights 4
 * bytes a row for the ranks (16 more while they are computed) and 24 bytes
 * a rank for the trees; without, 8 bytes a row for the slots and about 3
 * bits a slot for the trees (bit arrays and their 8-ary counts: 0.4 MB for
 * 10^6 rows, in cache, where counts by rank took 8 MB). */

/* Ranks of a run of rows whose keys share the top 32 bits (their row
 * numbers in the high halves of run[0..len)) at positions base .. base +
 * len - 1 of the stratum's order: ordered by the low 32 bits of the full
 * key, in place for a short run, else by the LSD radix sort with buf (len
 * words) as its second buffer. Dense ranks (hi NULL): the first row gets
 * rank *r, *r ends as the rank of the run's largest key. Slots (hi): a
 * group of equal keys at positions [g, e) gets rank g and hi e. */
#define SHORT_RUN 32
static int rank_run(uint64_t *run, uint64_t *buf, size_t len, const double *lp,
                    size_t base, uint32_t *rank, uint32_t *hi, uint32_t *r) {
  for (size_t j = 0; j < len; j++) {
    uint64_t i = run[j] >> 32;
    run[j] = (i << 32) | (surv__double_key(lp[i]) & 0xffffffffu);
  }
  uint64_t *o = run;
  if (len <= SHORT_RUN) {
    for (size_t j = 1; j < len; j++) { /* insertion sort on the low half */
      uint64_t x = run[j];
      size_t q = j;
      for (; q > 0 && (uint32_t)run[q - 1] > (uint32_t)x; q--)
        run[q] = run[q - 1];
      run[q] = x;
    }
  } else if (!(o = surv__radix_sort_u64_bits(run, buf, len, 32)))
    return SURV_ENOMEM;
  for (size_t j = 0; j < len;) {
    size_t e = j + 1;
    while (e < len && (uint32_t)o[e] == (uint32_t)o[j])
      e++;
    if (j > 0)
      (*r)++;
    for (size_t q = j; q < e; q++) {
      size_t row = (size_t)(o[q] >> 32);
      if (hi) {
        rank[row] = (uint32_t)(base + j);
        hi[row] = (uint32_t)(base + e);
      } else
        rank[row] = *r;
    }
    j = e;
  }
  return SURV_OK;
}

/* Ranks by an LSD radix sort (3 passes of 11 bits, constant digits skipped)
 * of the top 32 bits of the order-preserving key of lp, with the row number
 * in the high half of each word (16 bytes a row); a run of equal top halves
 * (equal values, or values closer than about 2^-20 relative) is then
 * ordered on the low halves (rank_run). */
int surv__concordance_ranks(size_t ns, const size_t *sstart, const double *lp,
                            uint32_t *rank, uint32_t *hi, uint64_t *ws) {
  size_t mmax = 0;
  for (size_t s = 0; s < ns; s++)
    if (sstart[s + 1] - sstart[s] > mmax)
      mmax = sstart[s + 1] - sstart[s];
  uint64_t *a = ws, *tmp = ws ? ws + mmax : NULL;
  if (!ws) {
    a = surv__malloc_array(mmax ? mmax : 1, sizeof *a);
    tmp = surv__malloc_array(mmax ? mmax : 1, sizeof *tmp);
  }
  int rc = a && tmp ? SURV_OK : SURV_ENOMEM;
  for (size_t s = 0; s < ns && rc == SURV_OK; s++) {
    size_t lo = sstart[s], m = sstart[s + 1] - lo;
    for (size_t i = 0; i < m; i++)
      a[i] = ((uint64_t)i << 32) | (surv__double_key(lp[lo + i]) >> 32);
    uint64_t *o = surv__radix_sort_u64_bits(a, tmp, m, 32);
    if (!o) {
      rc = SURV_ENOMEM;
      break;
    }
    uint64_t *other = o == a ? tmp : a;
    uint32_t r = 0;
    for (size_t i = 0; i < m && rc == SURV_OK;) {
      size_t e = i + 1;
      while (e < m && (uint32_t)o[e] == (uint32_t)o[i])
        e++;
      if (i > 0) /* a larger top half: a larger value */
        r++;
      if (e - i == 1) {
        size_t row = lo + (size_t)(o[i] >> 32);
        rank[row] = hi ? (uint32_t)i : r;
        if (hi)
          hi[row] = (uint32_t)e;
      } else
        rc = rank_run(o + i, other + i, e - i, lp + lo, i, rank + lo,
                      hi ? hi + lo : NULL, &r);
      i = e;
    }
  }
  if (!ws) {
    free(a);
    free(tmp);
  }
  return rc;
}

/* Both trees at rank r: weight below and at (above = total - below - at). */
static void ft_query2(const ftree *f, size_t r, pair *below, pair *at) {
  pair s = {{0.0, 0.0}};
  size_t b = r >> FT_SHIFT, sb = b >> FT_SHIFT;
  for (size_t i = sb; i > 0; i -= i & (~i + 1)) {
    s.w[0] += f->tree[i].w[0];
    s.w[1] += f->tree[i].w[1];
  }
  for (size_t i = sb << FT_SHIFT; i < b; i++) {
    s.w[0] += f->bsum[i].w[0];
    s.w[1] += f->bsum[i].w[1];
  }
  for (size_t i = b << FT_SHIFT; i < r; i++) {
    s.w[0] += f->node[i].w[0];
    s.w[1] += f->node[i].w[1];
  }
  *below = s;
  *at = f->node[r];
}

/* Tree A from the node weights already in f->node (tree D empty). */
static void ft_build_a(ftree *f) {
  double tot = 0.0;
  for (size_t b = 0; b < f->nb; b++) {
    size_t hi = (b + 1) << FT_SHIFT;
    if (hi > f->k)
      hi = f->k;
    double s = 0.0;
    for (size_t i = b << FT_SHIFT; i < hi; i++)
      s += f->node[i].w[TREE_A];
    f->bsum[b].w[TREE_A] = s;
    f->tree[(b >> FT_SHIFT) + 1].w[TREE_A] += s;
    tot += s;
  }
  for (size_t i = 1; i <= f->nsb; i++) { /* linear Fenwick build */
    size_t j = i + (i & (~i + 1));
    if (j <= f->nsb)
      f->tree[j].w[TREE_A] += f->tree[i].w[TREE_A];
  }
  f->total[TREE_A] = tot;
}

/* ---- packed counts over 8-ary levels ---------------------------------------
 * Counts of two trees in one 64-bit word: tree A in the low 32 bits, tree D
 * in the high 32 bits. Every count lies in [0, n] with n < 2^32, so adding
 * or subtracting packed words never carries from one half into the other,
 * and one integer add serves both trees. Level 0 holds a count per item,
 * level l + 1 the sum of each aligned group of 8 entries of level l, up to a
 * level of one group. The count below item i is, on every level, the sum
 * of the entries before i's in its group: at most 7 adds a level, done
 * whole with masks (no branch to mispredict, one cache line a level). */
#define CT_MAXLV 12
typedef struct {
  uint64_t *lv[CT_MAXLV]; /* each a multiple of 8 entries, zero padded */
  size_t len[CT_MAXLV];
  int nl;
  uint64_t total;
} ctree;

#define CT_A UINT64_C(1)
#define CT_D (UINT64_C(1) << 32)
#define CT_LO(x) ((double)(uint32_t)(x))
#define CT_HI(x) ((double)(uint32_t)((x) >> 32))

/* Level lengths for k items; returns the entries of all levels. */
static size_t ct_layout(ctree *f, size_t k) {
  size_t tot = 0, len = k ? k : 1;
  f->nl = 0;
  for (;;) {
    len = (len + 7) & ~(size_t)7;
    f->len[f->nl++] = len;
    tot += len;
    if (len == 8)
      return tot;
    len /= 8;
  }
}

/* Storage for up to k items (the levels' entries from one allocation). */
static int ct_alloc(ctree *f, size_t k) {
  size_t tot = ct_layout(f, k);
  f->lv[0] = surv__malloc_array(tot, sizeof *f->lv[0]);
  if (!f->lv[0])
    return SURV_ENOMEM;
  for (int l = 1; l < f->nl; l++)
    f->lv[l] = f->lv[l - 1] + f->len[l - 1];
  return SURV_OK;
}

static void ct_add(ctree *f, size_t r, uint64_t v, int sub) {
  if (sub) {
    for (int l = 0; l < f->nl; l++, r >>= 3)
      f->lv[l][r] -= v;
    f->total -= v;
  } else {
    for (int l = 0; l < f->nl; l++, r >>= 3)
      f->lv[l][r] += v;
    f->total += v;
  }
}

/* Packed counts of the items below r. With GCC or clang the eight entries
 * of a group are summed as four vectors of two (SSE2 on x86-64) under a
 * mask of the first c lanes; otherwise lane by lane. */
#if defined(__GNUC__) || defined(__clang__)
typedef uint64_t ct_v2 __attribute__((vector_size(16)));
#define CT_M(a, b)                                                             \
  { (a) ? ~UINT64_C(0) : 0, (b) ? ~UINT64_C(0) : 0 }
/* ct_mask[c]: the first c of 8 lanes set */
static const ct_v2 ct_mask[8][4] = {
    {CT_M(0, 0), CT_M(0, 0), CT_M(0, 0), CT_M(0, 0)},
    {CT_M(1, 0), CT_M(0, 0), CT_M(0, 0), CT_M(0, 0)},
    {CT_M(1, 1), CT_M(0, 0), CT_M(0, 0), CT_M(0, 0)},
    {CT_M(1, 1), CT_M(1, 0), CT_M(0, 0), CT_M(0, 0)},
    {CT_M(1, 1), CT_M(1, 1), CT_M(0, 0), CT_M(0, 0)},
    {CT_M(1, 1), CT_M(1, 1), CT_M(1, 0), CT_M(0, 0)},
    {CT_M(1, 1), CT_M(1, 1), CT_M(1, 1), CT_M(0, 0)},
    {CT_M(1, 1), CT_M(1, 1), CT_M(1, 1), CT_M(1, 0)}};
#undef CT_M

static uint64_t ct_below(const ctree *f, size_t r) {
  ct_v2 s0 = {0, 0}, s1 = {0, 0};
  for (int l = 0; l < f->nl; l++, r >>= 3) {
    const uint64_t *g = f->lv[l] + (r & ~(size_t)7);
    const ct_v2 *m = ct_mask[r & 7];
    ct_v2 g0, g1, g2, g3;
    memcpy(&g0, g, sizeof g0);
    memcpy(&g1, g + 2, sizeof g1);
    memcpy(&g2, g + 4, sizeof g2);
    memcpy(&g3, g + 6, sizeof g3);
    s0 += (g0 & m[0]) + (g2 & m[2]);
    s1 += (g1 & m[1]) + (g3 & m[3]);
  }
  s0 += s1;
  return s0[0] + s0[1];
}
#else
static uint64_t ct_below(const ctree *f, size_t r) {
  uint64_t s = 0;
  for (int l = 0; l < f->nl; l++, r >>= 3) {
    const uint64_t *g = f->lv[l] + (r & ~(size_t)7);
    size_t c = r & 7;
    for (size_t i = 0; i < 8; i++)
      s += g[i] & (UINT64_C(0) - (uint64_t)(i < c));
  }
  return s;
}
#endif

/* The levels above level 0, whose first k entries hold the item counts
 * (the rest of level 0 is zeroed here). */
static void ct_build(ctree *f, size_t k) {
  size_t tot = 0;
  ct_layout(f, k);
  for (int l = 1; l < f->nl; l++)
    f->lv[l] = f->lv[l - 1] + f->len[l - 1];
  memset(f->lv[0] + k, 0, (f->len[0] - k) * sizeof *f->lv[0]);
  for (int l = 1; l < f->nl; l++) {
    const uint64_t *lo = f->lv[l - 1];
    uint64_t *up = f->lv[l];
    size_t n = f->len[l - 1] / 8;
    for (size_t i = 0; i < n; i++) {
      uint64_t t = 0;
      for (size_t j = 0; j < 8; j++)
        t += lo[8 * i + j];
      up[i] = t;
    }
    memset(up + n, 0, (f->len[l] - n) * sizeof *up);
  }
  for (size_t i = 0; i < 8; i++)
    tot += f->lv[f->nl - 1][i];
  f->total = tot;
}

/* ---- unit weights: one bit a row ------------------------------------------
 * Without weights a row is a bit. The slots 0 .. m-1 of a stratum are the
 * positions of its rows in the order of the predictor, a group of equal
 * values the slots [lo, hi) (surv__concordance_ranks with hi). Tree A's rows
 * of a group fill a prefix of the group's slots (a row leaving clears the
 * last set one), tree D's too (an event joining sets the first clear one),
 * so the counts below and at a group are counts of set bits. The bits of A
 * and D in two arrays, 64 slots a word; the counts of each word packed in
 * the ctree above (node = word, A in the low 32 bits, D in the high). 2 bits
 * and 1/8 byte a slot: a stratum of 10^6 rows in 0.4 MB, in the L2 cache,
 * where counts by rank took 8 MB. */
typedef struct {
  ctree c;         /* packed counts of each word's bits */
  uint64_t *a, *d; /* the bits of trees A and D */
  size_t m;        /* slots */
} btree;

/* Set bits of x (SWAR). */
static inline uint64_t popc(uint64_t x) {
  x = x - ((x >> 1) & UINT64_C(0x5555555555555555));
  x = (x & UINT64_C(0x3333333333333333)) +
      ((x >> 2) & UINT64_C(0x3333333333333333));
  x = (x + (x >> 4)) & UINT64_C(0x0f0f0f0f0f0f0f0f);
  return (x * UINT64_C(0x0101010101010101)) >> 56;
}

/* Packed counts of both trees in the slots below x (x <= m). */
static uint64_t bt_below(const btree *B, size_t x) {
  if (x >= B->m)
    return B->c.total;
  size_t wi = x >> 6;
  uint64_t mask = (UINT64_C(1) << (x & 63)) - 1;
  return ct_below(&B->c, wi) + popc(B->a[wi] & mask) +
         (popc(B->d[wi] & mask) << 32);
}

/* Packed counts of both trees in the group [lo, hi). */
static uint64_t bt_at(const btree *B, size_t lo, size_t hi) {
  if (hi - lo == 1)
    return ((B->a[lo >> 6] >> (lo & 63)) & 1) |
           (((B->d[lo >> 6] >> (lo & 63)) & 1) << 32);
  return bt_below(B, hi) - bt_below(B, lo);
}

/* A row of the group [lo, hi) leaves tree A or (join) enters tree D. */
static void bt_move(btree *B, size_t lo, size_t hi, int join) {
  uint64_t at = hi - lo == 1 ? 0 : bt_at(B, lo, hi);
  if (join) {
    size_t x = lo + (size_t)(at >> 32);
    B->d[x >> 6] |= UINT64_C(1) << (x & 63);
    ct_add(&B->c, x >> 6, CT_D, 0);
  } else {
    size_t x = hi - lo == 1 ? lo : lo + (size_t)(uint32_t)at - 1;
    B->a[x >> 6] &= ~(UINT64_C(1) << (x & 63));
    ct_add(&B->c, x >> 6, CT_A, 1);
  }
}

/* Tree A holding all m slots (tree D empty). */
static void bt_build(btree *B, size_t m) {
  size_t nw = (m + 63) >> 6;
  B->m = m;
  for (size_t i = 0; i < nw; i++) {
    size_t left = m - (i << 6);
    B->a[i] = left >= 64 ? ~UINT64_C(0) : (UINT64_C(1) << left) - 1;
    B->d[i] = 0;
    B->c.lv[0][i] = popc(B->a[i]) * CT_A;
  }
  ct_build(&B->c, nw);
}

/* Sums of w^2 u^2, w^2 u v and w^2 v^2: compensated, or, without weights
 * where the compiler has 128-bit integers, exact (u and v are then
 * integers below 2^34 in absolute value and n rows sum below 2^100). */
#if defined(__SIZEOF_INT128__)
#define JACK_INT 1
#endif
typedef struct {
  surv__ksum uu, uv, vv;
#ifdef JACK_INT
  __int128 iuu, iuv, ivv;
#endif
  int unit; /* no weights: w = 1 and c, d, t counts held in doubles */
} jack_sums;

static inline void jack_add(jack_sums *j, double w, double c, double d,
                            double t) {
#ifdef JACK_INT
  if (j->unit) {
    int64_t ci = (int64_t)c, di = (int64_t)d, u = ci - di,
            v = ci + di + (int64_t)t;
    j->iuu += (__int128)u * u;
    j->iuv += (__int128)u * v;
    j->ivv += (__int128)v * v;
    return;
  }
#endif
  double u = c - d, v = c + d + t, w2 = w * w;
  surv__ksum_add(&j->uu, w2 * u * u);
  surv__ksum_add(&j->uv, w2 * u * v);
  surv__ksum_add(&j->vv, w2 * v * v);
}

/* The three sums, each rounded once. */
static void jack_values(const jack_sums *j, double *uu, double *uv,
                        double *vv) {
  *uu = surv__ksum_value(&j->uu);
  *uv = surv__ksum_value(&j->uv);
  *vv = surv__ksum_value(&j->vv);
#ifdef JACK_INT
  *uu += (double)j->iuu;
  *uv += (double)j->iuv;
  *vv += (double)j->ivv;
#endif
}

/* The two trees of a stratum: weighted (ftree, over dense ranks) or,
 * without weights, bits (btree, over slots). */
typedef struct {
  ftree f;
  btree b;
  int unit;
} trees;

/* Weight below and at the group of a row (rank r or slots [r, h)), and the
 * totals, of both trees. */
static void tr_query(const trees *T, size_t r, size_t h, pair *be, pair *at,
                     pair *tot) {
  if (T->unit) {
    uint64_t b = bt_below(&T->b, r), a = bt_at(&T->b, r, h);
    be->w[TREE_A] = CT_LO(b);
    be->w[TREE_D] = CT_HI(b);
    at->w[TREE_A] = CT_LO(a);
    at->w[TREE_D] = CT_HI(a);
    tot->w[TREE_A] = CT_LO(T->b.c.total);
    tot->w[TREE_D] = CT_HI(T->b.c.total);
  } else {
    ft_query2(&T->f, r, be, at);
    tot->w[TREE_A] = T->f.total[TREE_A];
    tot->w[TREE_D] = T->f.total[TREE_D];
  }
}

/* Row of weight wq (rank r or slots [r, h)) leaves tree A or (join) enters
 * tree D. */
static void tr_move(trees *T, size_t r, size_t h, double wq, int join) {
  if (T->unit)
    bt_move(&T->b, r, h, join);
  else
    ft_add(&T->f, join ? TREE_D : TREE_A, r, join ? wq : -wq);
}

static void tr_free(trees *T) {
  free(T->b.c.lv[0]);
  free(T->b.a);
  free(T->b.d);
  free(T->f.tree);
  free(T->f.bsum);
  free(T->f.node);
}

/* Tree A holding every row of the stratum [lo, hi) (tree D empty). */
static void tr_build(trees *T, const double *w, const uint32_t *rank, size_t lo,
                     size_t hi) {
  if (T->unit) {
    bt_build(&T->b, hi - lo);
    return;
  }
  uint32_t rmax = 0;
  for (size_t k = lo; k < hi; k++)
    if (rank[k] > rmax)
      rmax = rank[k];
  size_t m = (size_t)rmax + 1;
  ft_reset(&T->f, m);
  for (size_t k = lo; k < hi; k++)
    T->f.node[rank[k]].w[TREE_A] += w[k];
  ft_build_a(&T->f);
}

/* tied.xy: each event needs the weight of the earlier events of its time
 * at its rank. A time with at most TIE_SCAN rows finds them by a scan; one
 * with at most TIE_HASH events keeps them in a small open-addressing table
 * (linear probing, at most half full, emptied slot by slot after the
 * time), so that the events do not hit an n-long by-rank array g at random
 * (a cache miss each at n = 10^6); larger times use g. The sums are made
 * in the same order whichever holds them. */
#define TIE_SCAN 64
#define TIE_HASH 32768

typedef struct {
  uint32_t *key; /* UINT32_MAX: empty */
  double *sum;
  uint32_t *used; /* the slots filled, to empty them */
  size_t nused;
  unsigned bits;
} tie_table;

/* The table's size for a time of at most `events` events: a power of two,
 * at least 128 and at least twice the events. */
static unsigned tie_bits(size_t events) {
  unsigned bits = 7;
  while (((size_t)1 << bits) < 2 * events)
    bits++;
  return bits;
}

static int tie_alloc(tie_table *h, size_t events) {
  size_t cap = (size_t)1 << tie_bits(events);
  h->key = surv__malloc_array(cap, sizeof *h->key);
  h->sum = surv__malloc_array(cap, sizeof *h->sum);
  h->used = surv__malloc_array(events, sizeof *h->used);
  if (!h->key || !h->sum || !h->used)
    return SURV_ENOMEM;
  memset(h->key, 0xff, cap * sizeof *h->key);
  h->nused = 0;
  return SURV_OK;
}

/* A time of `events` events (no more than tie_alloc's). */
static void tie_start(tie_table *h, size_t events) {
  h->bits = tie_bits(events);
}

/* The weight held for rank r (0 if none), then w added to it. */
static double tie_add(tie_table *h, uint32_t r, double w) {
  size_t mask = ((size_t)1 << h->bits) - 1;
  size_t i = (uint32_t)(r * UINT32_C(0x9e3779b1)) >> (32 - h->bits);
  while (h->key[i] != UINT32_MAX && h->key[i] != r)
    i = (i + 1) & mask;
  if (h->key[i] == UINT32_MAX) {
    h->key[i] = r;
    h->sum[i] = 0.0;
    h->used[h->nused++] = (uint32_t)i;
  }
  double prev = h->sum[i];
  h->sum[i] += w;
  return prev;
}

static void tie_clear(tie_table *h) {
  for (size_t j = 0; j < h->nused; j++)
    h->key[h->used[j]] = UINT32_MAX;
  h->nused = 0;
}

/* Rows ahead of the one being visited whose tree leaves are prefetched. */
#define PREFETCH_AHEAD 32

int surv__concordance_ranked(size_t ns, const size_t *sstart, const double *t,
                             const unsigned char *d, const double *w,
                             const uint32_t *rank, const uint32_t *rend,
                             double cnt[5], double *var) {
  size_t kmax = 0;
  for (size_t s = 0; s < ns; s++) {
    size_t m = sstart[s + 1] - sstart[s];
    if (m > kmax)
      kmax = m;
  }
  if (kmax == 0)
    kmax = 1;
  trees T;
  memset(&T, 0, sizeof T);
  T.unit = w == NULL;
  int bad;
  if (T.unit) { /* counts over words of 64 slots */
    size_t nw = (kmax + 63) >> 6;
    T.b.a = surv__malloc_array(nw, sizeof *T.b.a);
    T.b.d = surv__malloc_array(nw, sizeof *T.b.d);
    bad = ct_alloc(&T.b.c, nw) != SURV_OK || !T.b.a || !T.b.d;
  } else {
    size_t nsb = (kmax >> (2 * FT_SHIFT)) + 2, nb = (kmax >> FT_SHIFT) + 1;
    T.f.tree = surv__malloc_array(nsb, sizeof(pair));
    T.f.bsum = surv__malloc_array(nb, sizeof(pair));
    T.f.node = surv__malloc_array(kmax, sizeof(pair));
    bad = !T.f.tree || !T.f.bsum || !T.f.node;
  }
  tie_table H = {NULL, NULL, NULL, 0, 0};
  /* by slot or rank: the events of one time, for times of more than
   * TIE_HASH events (allocated at the first) */
  double *g = NULL;
  if (!bad && kmax > TIE_SCAN)
    bad = tie_alloc(&H, kmax < TIE_HASH ? kmax : TIE_HASH) != SURV_OK;
  if (bad) {
    tr_free(&T);
    free(H.key);
    free(H.sum);
    free(H.used);
    free(g);
    return SURV_ENOMEM;
  }
  jack_sums js;
  memset(&js, 0, sizeof js);
  js.unit = T.unit;
  double c0 = 0, c1 = 0, c2 = 0, c3 = 0, c4 = 0;
  for (size_t s = 0; s < ns; s++) {
    size_t lo = sstart[s], hi = sstart[s + 1];
    if (lo == hi)
      continue;
    tr_build(&T, w, rank, lo, hi);
    /* the leaves (the words and their counts, or the weights and their
     * block's first line) of the rows ahead: as each row is visited (steps
     * 2 and 4 visit every row once), the row PREFETCH_AHEAD positions
     * further, so misses overlap the queries */
    size_t pf = lo;
#define PREFETCH_NEXT()                                                        \
  do {                                                                         \
    if (pf < hi) {                                                             \
      size_t r_ = rank[pf++];                                                  \
      if (T.unit) {                                                            \
        __builtin_prefetch(T.b.a + (r_ >> 6));                                 \
        __builtin_prefetch(T.b.d + (r_ >> 6));                                 \
        __builtin_prefetch(T.b.c.lv[0] + (r_ >> 6));                           \
      } else {                                                                 \
        __builtin_prefetch(T.f.node + r_);                                     \
        __builtin_prefetch(T.f.node + (r_ & ~(FT_BLOCK - 1)));                 \
      }                                                                        \
    }                                                                          \
  } while (0)
    for (size_t q = 0; q < PREFETCH_AHEAD; q++)
      PREFETCH_NEXT();
    pair be, at, tot;
    for (size_t k = lo; k < hi;) {
      size_t e = k;
      double tk = t[k];
      while (e < hi && t[e] == tk)
        e++;
      int scan = e - k <= TIE_SCAN, hash = 0;
      if (!scan) {
        size_t ne = 0;
        for (size_t q = k; q < e; q++)
          ne += d[q];
        if ((hash = ne <= TIE_HASH))
          tie_start(&H, ne);
        else if (!g && !(g = surv__calloc_array(kmax, sizeof *g))) {
          bad = 1; /* the first time of so many events */
          break;
        }
      }
      for (size_t q = k; q < e; q++) /* 1 */
        if (d[q])
          tr_move(&T, rank[q], T.unit ? rend[q] : 0, w ? w[q] : 1.0, 0);
      double dw = 0.0;
      for (size_t q = k; q < e; q++) { /* 2 */
        if (!d[q])
          continue;
        PREFETCH_NEXT();
        size_t r = rank[q], h = T.unit ? rend[q] : 0;
        double wq = w ? w[q] : 1.0;
        tr_query(&T, r, h, &be, &at, &tot);
        double abA = tot.w[TREE_A] - be.w[TREE_A] - at.w[TREE_A];
        double abD = tot.w[TREE_D] - be.w[TREE_D] - at.w[TREE_D];
        c0 += wq * abA;
        c1 += wq * be.w[TREE_A];
        c2 += wq * at.w[TREE_A];
        c3 += wq * dw;
        dw += wq;
        double gr = 0.0; /* earlier events of this time at rank r */
        if (scan) {
          for (size_t q2 = k; q2 < q; q2++)
            if (d[q2] && rank[q2] == r)
              gr += w ? w[q2] : 1.0;
        } else if (hash)
          gr = tie_add(&H, (uint32_t)r, wq);
        else {
          gr = g[r];
          g[r] += wq;
        }
        c4 += wq * gr;
        jack_add(&js, wq, abA + be.w[TREE_D], be.w[TREE_A] + abD,
                 at.w[TREE_A] + at.w[TREE_D]);
      }
      if (hash)
        tie_clear(&H);
      for (size_t q = k; q < e; q++) /* 3 */
        if (d[q]) {
          if (!scan && !hash)
            g[rank[q]] = 0.0;
          tr_move(&T, rank[q], T.unit ? rend[q] : 0, w ? w[q] : 1.0, 1);
        }
      for (size_t q = k; q < e; q++) { /* 4 */
        if (d[q])
          continue;
        PREFETCH_NEXT();
        size_t r = rank[q], h = T.unit ? rend[q] : 0;
        double wq = w ? w[q] : 1.0;
        tr_query(&T, r, h, &be, &at, &tot);
        double abD = tot.w[TREE_D] - be.w[TREE_D] - at.w[TREE_D];
        jack_add(&js, wq, be.w[TREE_D], abD, at.w[TREE_D]);
        tr_move(&T, r, h, wq, 0);
      }
      k = e;
    }
    if (bad)
      break;
  }
#undef PREFETCH_NEXT
  tr_free(&T);
  free(H.key);
  free(H.sum);
  free(H.used);
  free(g);
  if (bad)
    return SURV_ENOMEM;
  cnt[0] = c0;
  cnt[1] = c1;
  cnt[2] = c2;
  cnt[3] = c3 - c4; /* tied.xy pairs were counted in tied.y too */
  cnt[4] = c4;
  double npair = c0 + c1 + c2, s = (c0 - c1) / npair;
  double suu, suv, svv;
  jack_values(&js, &suu, &suv, &svv);
  double v = suu - 2.0 * s * suv + s * s * svv;
  *var = v / (4.0 * npair * npair);
  return SURV_OK;
}
