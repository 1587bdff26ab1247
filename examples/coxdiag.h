/* The diagnostics outputs of surv-cox (not installed, not part of libsurv):
 * --residuals=TYPE, --zph[=TRANSFORM] and --zph-svg=PREFIX. See surv-cox(1).
 * Each function computes everything first and returns a libsurv code (or -1
 * for a file error, with errno set) before writing, so a failure leaves no
 * output behind. */
#ifndef SURV_EXAMPLES_COXDIAG_H
#define SURV_EXAMPLES_COXDIAG_H

#include <stddef.h>
#include <stdio.h>

#include <surv.h>

/* The residual type named s ("martingale", "deviance", "score",
 * "schoenfeld", "scaledsch", "dfbeta", "dfbetas"); -1 if none. */
int coxdiag_residual_type(const char *s);
/* The zph transform named s ("km", "rank", "identity", "log"); -1 if none. */
int coxdiag_zph_transform(const char *s);

/* Residuals of fit on d as TSV on out: header "row" ("time" too for the
 * Schoenfeld types), then "martingale" or "deviance", or one column per
 * coefficient (names[0..p)); rows in input order (events only for the
 * Schoenfeld types, by stratum and time as R), row = rowid[i] (NULL: i + 1).
 * clusters not NULL (the labels of the codes in d->cluster): the rows of
 * each cluster summed (R's collapse), one output row per cluster in code
 * order, the first column "cluster" with its label; the Schoenfeld types
 * are per event regardless. Numbers as "%.15g", NA, Inf, -Inf. Returns a
 * libsurv code; nothing is written on failure. */
int coxdiag_print_residuals(FILE *out, const surv_result *fit,
                            const surv_data *d, int type, char *const *names,
                            const size_t *rowid, char *const *clusters);

/* cox.zph of fit on d: one TSV row per term ("term chisq df p"), the last
 * GLOBAL. terms[0..p) maps columns to terms (NULL: one term per column),
 * termnames the nterm names. Returns a libsurv code; *z (if not NULL)
 * receives the result for coxdiag_write_zph_svg. */
int coxdiag_print_zph(FILE *out, const surv_result *fit, const surv_data *d,
                      int transform, const size_t *terms,
                      char *const *termnames, size_t nterm, surv_result **z);

/* The table of coxdiag_print_zph from its result z (out NULL there: compute
 * first, write later). */
void coxdiag_put_zph(FILE *out, const surv_result *z, char *const *termnames,
                     size_t nterm);

/* One SVG per term, PREFIX + term name + ".svg": the scaled Schoenfeld
 * residuals against transformed time (points), a local linear smooth (tricube
 * weights over the nearest 2/3 of the points, as lowess without its
 * robustness steps), and the constant-effect line. Each file is written to a
 * temporary name and renamed, so none is left half-written. 0, or -1 with
 * errno set. */
int coxdiag_write_zph_svg(const char *prefix, const surv_result *z,
                          char *const *termnames, size_t nterm,
                          const char *transform);

#endif
