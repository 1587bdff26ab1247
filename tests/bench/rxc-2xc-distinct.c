/* How many distinct path lengths an exact network search of a 2 x c table
 * must carry (table T3 of tests/bench_rxc.c): a forward programme over the
 * given columns (one per stage, in the order given) whose node is the row-1
 * count so far and whose values are the path lengths sum log C(c_j, x_j),
 * merged when within 1e-9 (the library's bucket), with no pruning.  Prints,
 * after each column, the values held in all nodes and in the largest node.
 * A research tool, not built by make and not part of the library:
 *   cc -O2 -o rxc-2xc-distinct tests/bench/rxc-2xc-distinct.c -lm
 *   echo "556 1 1 2 ..." | ./rxc-2xc-distinct   (row-1 total, then totals)
 * T3's 102 columns of total 1 to 16 in increasing order: 30.5 M values after
 * 93 of them (187 K in the largest node), 91 M after 95 (521 K), growing by
 * 1.3x to 2.3x a column; its eleven columns of total 25 to 179 would
 * multiply that by up to prod (c_j + 1) = 4.4e18. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

typedef struct {
  double v, w;
} pw;

static int cmp_pw(const void *a, const void *b) {
  double x = ((const pw *)a)->v, y = ((const pw *)b)->v;
  return x < y ? -1 : x > y;
}

static double lf(int n) { return lgamma(n + 1.0); }

int main(void) {
  int cols[1000], m = 0, r1, smax = 0, j, s, x;
  pw **L;
  size_t *n;
  if (scanf("%d", &r1) != 1 || r1 < 0)
    return 2;
  while (m < 1000 && scanf("%d", &cols[m]) == 1)
    m++;
  L = calloc((size_t)r1 + 1, sizeof *L);
  n = calloc((size_t)r1 + 1, sizeof *n);
  if (!L || !n || !(L[0] = malloc(sizeof(pw))))
    return 1;
  L[0][0].v = 0;
  L[0][0].w = 1;
  n[0] = 1;
  for (j = 0; j < m; j++) {
    int c = cols[j], top = smax + c < r1 ? smax + c : r1;
    pw **M = calloc((size_t)r1 + 1, sizeof *M);
    size_t *nm = calloc((size_t)r1 + 1, sizeof *nm), tot = 0, mx = 0;
    if (!M || !nm)
      return 1;
    for (s = 0; s <= top; s++) {
      size_t k = 0, q, o = 0, want = 0;
      pw *v;
      for (x = 0; x <= c && x <= s; x++)
        if (s - x <= smax)
          want += n[s - x];
      if (!want)
        continue;
      if (!(v = malloc(want * sizeof *v)))
        return 1;
      for (x = 0; x <= c && x <= s; x++) {
        double a = lf(c) - lf(x) - lf(c - x), wa = exp(a);
        if (s - x > smax)
          continue;
        for (q = 0; q < n[s - x]; q++, k++) {
          v[k].v = L[s - x][q].v + a;
          v[k].w = L[s - x][q].w * wa;
        }
      }
      qsort(v, k, sizeof *v, cmp_pw);
      for (q = 0; q < k; q++) {
        if (o && v[q].v - v[o - 1].v < 1e-9)
          v[o - 1].w += v[q].w;
        else
          v[o++] = v[q];
      }
      M[s] = v;
      nm[s] = o;
      tot += o;
      mx = o > mx ? o : mx;
    }
    for (s = 0; s <= r1; s++)
      free(L[s]);
    free(L);
    free(n);
    L = M;
    n = nm;
    smax = top;
    printf("column %d (total %d): %zu values, %zu in the largest node\n", j + 1,
           c, tot, mx);
    fflush(stdout);
  }
  return 0;
}
