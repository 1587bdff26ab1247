/* The generalised Cholesky factorisation of R survival 3.5-3 (src/cholesky2.c)
 * and its solver (src/chsolve2.c), used by the log-rank and Gray tests and the
 * Cox fit and its diagnostics. O(n^3) and O(n^2). */
#include <math.h>

#include "surv_internal.h"

/* LDL' decomposition with tolerance (survival src/cholesky2.c): a pivot below
 * toler * max|diag| is set to 0 with its column, giving a generalised inverse
 * for singular matrices. m is n x n row-major; its upper triangle (and
 * diagonal) is read, the factor is left in both triangles (surv__chsolve2
 * reads the lower one). */
int surv__cholesky2(double *m, size_t n, double toler) {
  double eps = 0, pivot, temp;
  size_t i, j, k;
  int rank = 0;
  for (i = 0; i < n; i++)
    if (fabs(m[i * n + i]) > eps)
      eps = fabs(m[i * n + i]);
  eps *= toler;
  /* R's loops with the triangles swapped: the factor is built in the upper
   * triangle, whose rows are contiguous (R's column-major lower triangle
   * has the same layout), then mirrored into the lower one; every element
   * gets the same operations in the same order as in R */
  for (i = 0; i < n; i++) {
    double *mi = m + i * n;
    pivot = mi[i];
    if (!(pivot > eps)) {
      mi[i] = 0;
      for (j = i + 1; j < n; j++)
        mi[j] = 0;
      continue;
    }
    rank++;
    for (j = i + 1; j < n; j++) {
      double *mj = m + j * n;
      temp = mi[j] / pivot;
      mi[j] = temp;
      mj[j] -= temp * temp * pivot;
      for (k = j + 1; k < n; k++)
        mj[k] -= temp * mi[k];
    }
  }
  for (i = 0; i < n; i++)
    for (j = i + 1; j < n; j++)
      m[j * n + i] = m[i * n + j];
  return rank;
}

/* Solve with the factor of cholesky2 (survival src/chsolve2.c). */
void surv__chsolve2(const double *m, size_t n, double *y) {
  size_t i, j;
  for (i = 0; i < n; i++)
    for (j = 0; j < i; j++)
      y[i] -= y[j] * m[i * n + j];
  for (i = n; i-- > 0;) {
    if (m[i * n + i] == 0)
      y[i] = 0;
    else {
      y[i] /= m[i * n + i];
      for (j = i + 1; j < n; j++)
        y[i] -= y[j] * m[j * n + i];
    }
  }
}
