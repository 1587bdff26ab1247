/* Certified bounds for the Fisher-Freeman-Halton p of a 2 x c table (R's
 * definition: tables with log prod choose(c_j, x_j) <= the observed one +
 * 3.45254e-7), for tables whose exact network search exceeds any memory cap
 * (table T3 of tests/bench_rxc.c).  A research tool, not built by make and not
 * part of the library:
 *   cc -O2 -o rxc-2xc-bounds tests/bench/rxc-2xc-bounds.c -lm
 *   echo "c a_1 .. a_c b_1 .. b_c" | ./rxc-2xc-bounds h [1]
 * (c columns, first row then second row; h the cell width; 1 = stages by
 * increasing total instead of decreasing).
 *
 * Columns with equal totals are exchangeable, so a stage is a group of m equal
 * columns and an arc a multiset of their row-1 counts (multinomial
 * multiplicity; arcs with the same count and path length merged).  A state is
 * the row-1 count so far; the exact longest and shortest remaining paths of
 * every (stage, remaining count) come from one backward pass.  Past values are
 * kept in cells of width h (by the cell of their lower end) holding the mass
 * and the exact minimum and maximum of the path lengths merged into them
 * (plus 1e-11 per arc for the rounding of lgamma); a cell whose maximum plus
 * the longest remaining path is <= the threshold is counted whole, one whose
 * minimum plus the shortest remaining path is above it is dropped.  At the end
 * the cells straddling the threshold are the undecided mass: p lies in
 * [in, in + undecided].  A cell's width grows by at most h per stage, so the
 * undecided mass shrinks about linearly with h while the work grows as 1/h.
 * On small tables the bounds meet (no undecided mass) and equal the exact p.
 * T3: h = 1e-2: [0.000953177, 0.00106035] in 10 s; h = 1e-3: [0.00100228313,
 * 0.00101246321] in 100 s and 250 MB (CPU seconds, 2-core machine). */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#define MAXG 400
static double lf(int n) { return lgamma(n + 1.0); }
static double lb(int n, int k) { return lf(n) - lf(k) - lf(n - k); }
typedef struct {
  int dx;
  double v;
  double lw;
} arc;
static arc *A;
static int nA, capA;
static void rec(int c, int x, int left, int dx, double s, double lw) {
  if (x == c) {
    int k = left;
    dx += k * c;
    lw -= lf(k);
    if (nA == capA) {
      capA = capA ? 2 * capA : 1024;
      A = realloc(A, capA * sizeof(arc));
    }
    A[nA].dx = dx;
    A[nA].v = s;
    A[nA].lw = lw;
    nA++;
    return;
  }
  for (int k = 0; k <= left; k++)
    rec(c, x + 1, left - k, dx + k * x, s + k * lb(c, x), lw - lf(k));
}
static int cmpa(const void *a, const void *b) {
  const arc *x = a, *y = b;
  if (x->dx != y->dx)
    return x->dx - y->dx;
  return x->v < y->v ? -1 : x->v > y->v;
}
typedef struct {
  double m, lo, hi;
} cell;
typedef struct {
  long k0;
  long nk;
  cell *c;
  double ref;
} state;
int main(int argc, char **argv) {
  /* usage: grid h nrow1 ncol  then counts row1 row2 on stdin */
  double h = atof(argv[1]);
  int order = argc > 2 ? atoi(argv[2]) : 0;
  int nc;
  if (scanf("%d", &nc) != 1)
    return 2;
  int *P = malloc(nc * 4), *Q = malloc(nc * 4);
  for (int j = 0; j < nc; j++)
    scanf("%d", &P[j]);
  for (int j = 0; j < nc; j++)
    scanf("%d", &Q[j]);
  int n = 0, R1 = 0;
  int *t = malloc(nc * 4);
  for (int j = 0; j < nc; j++) {
    t[j] = P[j] + Q[j];
    n += t[j];
    R1 += P[j];
  }
  double Sobs = 0;
  for (int j = 0; j < nc; j++)
    Sobs += lb(t[j], P[j]);
  double thr = Sobs + 3.45254e-7,
         eps = 1e-11; /* eps: slack per arc for lgamma rounding */
  int gc[MAXG], gm[MAXG], G = 0;
  int *used = calloc(n + 1, 4);
  for (int j = 0; j < nc; j++)
    if (t[j])
      used[t[j]]++;
  for (int v = n; v >= 1; v--)
    if (used[v]) {
      gc[G] = v;
      gm[G] = used[v];
      G++;
    }
  if (order == 1)
    for (int i = 0; i < G / 2; i++) {
      int a = gc[i];
      gc[i] = gc[G - 1 - i];
      gc[G - 1 - i] = a;
      a = gm[i];
      gm[i] = gm[G - 1 - i];
      gm[G - 1 - i] = a;
    }
  arc *arcs[MAXG];
  int narc[MAXG];
  for (int g = 0; g < G; g++) {
    nA = 0;
    rec(gc[g], 0, gm[g], 0, 0, lf(gm[g]));
    qsort(A, nA, sizeof(arc), cmpa);
    /* merge identical (dx, v) within 1e-12 (equal multisets permuted): log-sum
     * weights */
    int u = 0;
    for (int i = 0; i < nA; i++) {
      if (u && A[i].dx == A[u - 1].dx && fabs(A[i].v - A[u - 1].v) < 1e-12) {
        double a = A[u - 1].lw, b = A[i].lw, mx = a > b ? a : b;
        A[u - 1].lw = mx + log(exp(a - mx) + exp(b - mx));
      } else
        A[u++] = A[i];
    }
    arcs[g] = malloc(u * sizeof(arc));
    memcpy(arcs[g], A, u * sizeof(arc));
    narc[g] = u;
  }
  int suf[MAXG + 1], pre[MAXG + 1];
  suf[G] = 0;
  for (int g = G - 1; g >= 0; g--)
    suf[g] = suf[g + 1] + gc[g] * gm[g];
  pre[0] = 0;
  for (int g = 0; g < G; g++)
    pre[g + 1] = pre[g] + gc[g] * gm[g];
  /* fmax/fmin[g][rem]: future after stage g-1 (stages g..G-1) with rem row-1
   * left; pmax[g][r] max past over stages <g */
  double *fmax[MAXG + 1], *fmin[MAXG + 1], *pmax[MAXG + 1];
  fmax[G] = calloc(1, 8);
  fmin[G] = calloc(1, 8);
  for (int g = G - 1; g >= 0; g--) {
    fmax[g] = malloc((suf[g] + 1) * 8);
    fmin[g] = malloc((suf[g] + 1) * 8);
    for (int r = 0; r <= suf[g]; r++) {
      fmax[g][r] = -INFINITY;
      fmin[g][r] = INFINITY;
    }
    for (int a = 0; a < narc[g]; a++)
      for (int r = 0; r <= suf[g + 1]; r++) {
        int rr = r + arcs[g][a].dx;
        double v = arcs[g][a].v;
        if (fmax[g + 1][r] + v > fmax[g][rr])
          fmax[g][rr] = fmax[g + 1][r] + v;
        if (fmin[g + 1][r] + v < fmin[g][rr])
          fmin[g][rr] = fmin[g + 1][r] + v;
      }
  }
  pmax[0] = calloc(1, 8);
  for (int g = 0; g < G; g++) {
    pmax[g + 1] = malloc((pre[g + 1] + 1) * 8);
    for (int r = 0; r <= pre[g + 1]; r++)
      pmax[g + 1][r] = -INFINITY;
    for (int a = 0; a < narc[g]; a++)
      for (int r = 0; r <= pre[g]; r++) {
        int rr = r + arcs[g][a].dx;
        double v = pmax[g][r] + arcs[g][a].v;
        if (v > pmax[g + 1][rr])
          pmax[g + 1][rr] = v;
      }
  }
  double lnorm = lb(n, R1);
  long double pin = 0, pout = 0, pamb = 0;
  /* stage layer: states indexed by r in [0, pre[g]] */
  state *cur = calloc(pre[0] + 1, sizeof(state));
  cur[0].k0 = (long)floor(-1.0 / h);
  cur[0].nk = 1;
  cur[0].c = malloc(sizeof(cell));
  cur[0].c[0].m = 1;
  cur[0].c[0].lo = 0;
  cur[0].c[0].hi = 0;
  cur[0].ref = 0;
  cur[0].k0 = 0;
  /* note: lo=0 at k0=0 cell */
  size_t peakcells = 0;
  double maxw = 0;
  for (int g = 0; g < G; g++) {
    state *nx = calloc(pre[g + 1] + 1, sizeof(state));
    size_t cells = 0;
    for (int r = 0; r <= pre[g + 1]; r++) {
      int rem = R1 - r;
      if (rem < 0 || rem > suf[g + 1])
        continue;
      double top = pmax[g + 1][r], bot = thr - fmax[g + 1][rem];
      if (top + eps * (g + 1) <= bot)
        continue; /* everything resolved in */
      long k0 = (long)floor((bot - 2 * (g + 1) * h - 1e-6) / h) - 1,
           k1 = (long)floor((top + 1e-6) / h) + 1;
      if (k1 < k0)
        continue;
      nx[r].k0 = k0;
      nx[r].nk = k1 - k0 + 1;
      nx[r].ref = top;
      nx[r].c = calloc(nx[r].nk, sizeof(cell));
      if (!nx[r].c) {
        fprintf(stderr, "out of memory\n");
        return 4;
      }
      cells += nx[r].nk;
      for (long i = 0; i < nx[r].nk; i++) {
        nx[r].c[i].lo = INFINITY;
        nx[r].c[i].hi = -INFINITY;
      }
    }
    if (cells > peakcells)
      peakcells = cells;
    for (int r = 0; r <= pre[g]; r++) {
      state *s = &cur[r];
      if (!s->c)
        continue;
      {
        long u = 0;
        for (long i = 0; i < s->nk; i++)
          if (s->c[i].m > 0)
            s->c[u++] = s->c[i];
        s->nk = u;
      }
      for (int a = 0; a < narc[g]; a++) {
        arc *ar = &arcs[g][a];
        int r2 = r + ar->dx, rem = R1 - r2;
        if (rem < 0 || rem > suf[g + 1])
          continue;
        double F1 = fmax[g + 1][rem], F0 = fmin[g + 1][rem];
        double lC = lb(suf[g + 1], rem);
        state *d = &nx[r2];
        double scale = exp(s->ref + ar->v + ar->lw - (d->c ? d->ref : 0));
        double sin = 0, sout = 0;
        for (long i = 0; i < s->nk; i++) {
          cell *c = &s->c[i];
          if (c->m == 0)
            continue;
          double lo = c->lo + ar->v - eps, hi = c->hi + ar->v + eps;
          if (hi + F1 <= thr) {
            sin += c->m;
            continue;
          }
          if (lo + F0 > thr) {
            sout += c->m;
            continue;
          }
          if (!d->c) {
            fprintf(stderr, "bug: no state g=%d r2=%d lo=%g hi=%g\n", g, r2, lo,
                    hi);
            return 3;
          }
          long k = (long)floor(lo / h) - d->k0;
          if (k < 0 || k >= d->nk) {
            fprintf(stderr, "bug: k %ld not in [0,%ld) (g=%d)\n", k, d->nk, g);
            return 3;
          }
          cell *e = &d->c[k];
          e->m += c->m * scale;
          if (lo < e->lo)
            e->lo = lo;
          if (hi > e->hi)
            e->hi = hi;
        }
        long double f = expl((long double)s->ref + ar->v + ar->lw + lC - lnorm);
        pin += f * sin;
        pout += f * sout;
      }
      free(s->c);
    }
    free(cur);
    cur = nx;
    double w = 0;
    size_t occ = 0;
    for (int r = 0; r <= pre[g + 1]; r++)
      if (cur[r].c)
        for (long i = 0; i < cur[r].nk; i++)
          if (cur[r].c[i].m > 0) {
            occ++;
            if (cur[r].c[i].hi - cur[r].c[i].lo > w)
              w = cur[r].c[i].hi - cur[r].c[i].lo;
          }
    if (w > maxw)
      maxw = w;
    fprintf(stderr,
            "stage %d c=%d m=%d arcs %d cells %zu occupied %zu maxwidth %.3g "
            "pin %.10Lg pout %.6Lg\n",
            g, gc[g], gm[g], narc[g], cells, occ, w, pin, pout);
  }
  /* final: r must be R1, rem 0 */
  state *s = &cur[R1];
  if (s->c)
    for (long i = 0; i < s->nk; i++) {
      cell *c = &s->c[i];
      if (c->m == 0)
        continue;
      long double m = expl((long double)log(c->m) + s->ref - lnorm);
      if (c->hi <= thr)
        pin += m;
      else if (c->lo > thr)
        pout += m;
      else
        pamb += m;
    }
  printf("h=%g G=%d n=%d R1=%d Sobs=%.12f  p in [%.12Lg, %.12Lg]  amb=%.4Lg "
         "(rel %.3Lg)  total=%.15Lg  peakcells=%zu maxw=%.3g\n",
         h, G, n, R1, Sobs, pin, pin + pamb, pamb, pamb / (pin > 0 ? pin : 1),
         pin + pout + pamb, peakcells, maxw);
  return 0;
}
