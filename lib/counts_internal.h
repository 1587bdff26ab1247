/* The fits from a count table (lib/counts.c): the cells of a table laid out
 * for the estimators, and the entry points of the modules that fit them
 * with their own arithmetic (Nelson-Aalen lib/na.c, log-rank lib/logrank.c).
 * Never installed. */
#ifndef SURV_COUNTS_INTERNAL_H
#define SURV_COUNTS_INTERNAL_H

#include <stddef.h>

#include "survtime.h"

/* The cells of a count table after the near-tie merge, sorted by (stratum
 * index, time, group index, kind): stratum s holds cells [start[s],
 * start[s + 1]). kind -1 is an entry (delayed entry: the subject joins the
 * risk set just after time), 0 a censoring, k >= 1 an event of cause k;
 * w its weighted count, cnt its number of rows. Group and stratum labels
 * ascending (k groups, ns strata). entry: the table has entries. */
typedef struct surv__cells {
  size_t m, k, ns;
  double *time, *w, *cnt;
  size_t *s, *g, *start;
  int *kind;
  int *glab, *slab;
  int entry;
} surv__cells;

/* Free the arrays of c (lib/counts.c). */
void surv__cells_free(surv__cells *c);

/* The Nelson-Aalen curve of the distinct-time table c of n subjects, flags
 * 0, SURV_NO_TIMEFIX or SURV_NA_FH (only SURV_NA_FH matters here).
 * SURV_ENOMEM. lib/na.c. */
int surv__na_result(const surv__counts *c, unsigned flags, size_t n,
                    surv_result **out);

/* Options of a log-rank test copied into *o (NULL: the defaults) and
 * checked: SURV_ESIZE (size), SURV_EINVAL (unknown flag, rho not finite).
 * lib/logrank.c. */
int surv__logrank_options(const surv_logrank_options *opt,
                          surv_logrank_options *o);

/* The G-rho test of the groups of the cells c (rows are unweighted: w ==
 * cnt), the same arithmetic in the same order as surv_logrank_test on the
 * rows the cells count. SURV_EGROUP (fewer than 2 groups), SURV_EINVAL
 * (sums not finite), SURV_ENOMEM. lib/logrank.c. */
int surv__logrank_cells(const surv__cells *c, double rho, surv_result **out);

/* The Aalen-Johansen fit of nu units sorted by time (merged) and, within a
 * time, by status st (0 censored, 1..K causes): unit i stands for mult[i]
 * subjects (NULL: one each) of that time and status, whose influences are
 * equal; every sum runs subject by subject in that order. SURV_ENOMEM.
 * lib/cif.c. */
int surv__cif_units(const double *ts, const int *st, const double *mult,
                    size_t nu, size_t K, surv_result **out);

#endif /* SURV_COUNTS_INTERNAL_H */
