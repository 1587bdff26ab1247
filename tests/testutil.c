#include "testutil.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_errno.h>

void tu_assert_rel(double got, double want, double rtol, const char *ctx,
                   const char *file, int line) {
  int ok;
  if (isnan(want))
    ok = isnan(got);
  else if (isinf(want))
    ok = (got == want);
  else if (isnan(got) || isinf(got))
    ok = 0;
  else if (want == 0.0)
    ok = fabs(got) <= rtol;
  else
    ok = fabs(got - want) <= rtol * fabs(want);
  if (!ok)
    ck_abort_msg("%s:%d: %s: got %.17g, want %.17g (rtol %g, rel err %.3g)",
                 file, line, ctx ? ctx : "", got, want, rtol,
                 want != 0 ? fabs(got - want) / fabs(want) : fabs(got));
}

struct tu_table {
  size_t ncol, nrow;
  char **header;
  char ***cells; /* nrow x ncol */
};

const char *tu_fixture_path(const char *name, char *buf, size_t len) {
  const char *srcdir = getenv("srcdir");
  if (!srcdir)
    srcdir = getenv("top_srcdir");
  if (!srcdir)
    srcdir = ".";
  snprintf(buf, len, "%s/tests/fixtures/%s", srcdir, name);
  return buf;
}

static char **split_tabs(char *line, size_t *count) {
  size_t cap = 8, k = 0;
  char **out = malloc(cap * sizeof *out);
  char *p = line;
  ck_assert_ptr_nonnull(out);
  for (;;) {
    char *tab = strchr(p, '\t');
    if (k == cap) {
      cap *= 2;
      out = realloc(out, cap * sizeof *out);
      ck_assert_ptr_nonnull(out);
    }
    if (tab)
      *tab = '\0';
    out[k++] = strdup(p);
    if (!tab)
      break;
    p = tab + 1;
  }
  *count = k;
  return out;
}

tu_table *tu_table_read(const char *name) {
  char path[4096];
  FILE *f = fopen(tu_fixture_path(name, path, sizeof path), "r");
  tu_table *t;
  char *line = NULL;
  size_t cap = 0, rowcap = 64;
  ssize_t len;
  if (!f)
    ck_abort_msg("cannot open fixture %s", path);
  t = calloc(1, sizeof *t);
  ck_assert_ptr_nonnull(t);
  t->cells = malloc(rowcap * sizeof *t->cells);
  while ((len = getline(&line, &cap, f)) != -1) {
    size_t k;
    char **fields;
    while (len > 0 && (line[len - 1] == '\n' || line[len - 1] == '\r'))
      line[--len] = '\0';
    if (len == 0 || line[0] == '#')
      continue;
    fields = split_tabs(line, &k);
    if (!t->header) {
      t->header = fields;
      t->ncol = k;
      continue;
    }
    if (k != t->ncol)
      ck_abort_msg("fixture %s: row %zu has %zu fields, header has %zu", path,
                   t->nrow + 1, k, t->ncol);
    if (t->nrow == rowcap) {
      rowcap *= 2;
      t->cells = realloc(t->cells, rowcap * sizeof *t->cells);
      ck_assert_ptr_nonnull(t->cells);
    }
    t->cells[t->nrow++] = fields;
  }
  free(line);
  fclose(f);
  if (!t->header)
    ck_abort_msg("fixture %s has no header", path);
  return t;
}

void tu_table_free(tu_table *t) {
  size_t i, j;
  if (!t)
    return;
  for (i = 0; i < t->nrow; i++) {
    for (j = 0; j < t->ncol; j++)
      free(t->cells[i][j]);
    free(t->cells[i]);
  }
  for (j = 0; j < t->ncol; j++)
    free(t->header[j]);
  free(t->header);
  free(t->cells);
  free(t);
}

size_t tu_table_nrow(const tu_table *t) { return t->nrow; }

int tu_table_has_col(const tu_table *t, const char *name) {
  size_t j;
  for (j = 0; j < t->ncol; j++)
    if (strcmp(t->header[j], name) == 0)
      return 1;
  return 0;
}

int tu_table_col(const tu_table *t, const char *name) {
  size_t j;
  for (j = 0; j < t->ncol; j++)
    if (strcmp(t->header[j], name) == 0)
      return (int)j;
  ck_abort_msg("fixture has no column '%s'", name);
  return -1;
}

/* Plain checks, not ck_assert: each Check assertion records its location
 * through the fork pipe, which made reading large fixtures take minutes. */
const char *tu_table_str(const tu_table *t, size_t row, int col) {
  if (row >= t->nrow || col < 0 || (size_t)col >= t->ncol)
    ck_abort_msg("fixture cell (row %zu, col %d) out of range (%zu x %zu)", row,
                 col, t->nrow, t->ncol);
  return t->cells[row][col];
}

double tu_table_num(const tu_table *t, size_t row, int col) {
  const char *s = tu_table_str(t, row, col);
  char *end;
  double v;
  if (strcmp(s, "NA") == 0 || strcmp(s, "NaN") == 0)
    return NAN;
  if (strcmp(s, "Inf") == 0)
    return INFINITY;
  if (strcmp(s, "-Inf") == 0)
    return -INFINITY;
  v = strtod(s, &end);
  if (end == s || *end != '\0')
    ck_abort_msg("fixture cell '%s' (row %zu, col %d) is not a number", s, row,
                 col);
  return v;
}

static void tripwire(const char *reason, const char *file, int line,
                     int gsl_errno) {
  ck_abort_msg("GSL error handler fired (would abort a user's program): %s "
               "(%s:%d, gsl_errno %d)",
               reason, file, line, gsl_errno);
}

void tu_install_gsl_tripwire(void) { gsl_set_error_handler(tripwire); }

int tu_run_suite(Suite *s) {
  SRunner *sr = srunner_create(s);
  int failed;
  tu_install_gsl_tripwire();
  srunner_run_all(sr, CK_NORMAL);
  failed = srunner_ntests_failed(sr);
  srunner_free(sr);
  return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}

surv_alternative tu_alternative(const char *s) {
  if (strcmp(s, "two.sided") == 0)
    return SURV_TWO_SIDED;
  if (strcmp(s, "less") == 0)
    return SURV_LESS;
  ck_assert_str_eq(s, "greater");
  return SURV_GREATER;
}

/* got vs R's loosely solved odds ratio (fisher.test, mantelhaen.test(exact
 * = TRUE): uniroot's default tolerance TU_R_UNIROOT_TOL on psi in (0, 1)
 * or on 1/psi in (eps, 1)), on the scale R solved it: |got - want| <= tol
 * when want <= 1, |1/got - 1/want| <= tol when want > 1. Where that
 * scale's value s = min(want, 1/want) is at least tol / 1e-2, this also
 * bounds the relative error by 1e-2, which is asserted too; for smaller s
 * R's own relative error can be far larger (upper limit of
 * [[1000,1],[1,1000]]: R 8402, exact 53280). 0 and Inf exactly. */
void tu_assert_r_scale(double got, double want, const char *ctx) {
  if (isinf(want) || want == 0.0) {
    TU_ASSERT_REL(got, want, 0.0, ctx);
    return;
  }
  if (fmin(want, 1.0 / want) >= TU_R_UNIROOT_TOL / 1e-2)
    TU_ASSERT_REL(got, want, 1e-2, ctx);
  if (want <= 1.0)
    ck_assert_msg(fabs(got - want) <= TU_R_UNIROOT_TOL,
                  "%s: got %.17g, R %.17g (R's scale psi)", ctx, got, want);
  else
    ck_assert_msg(fabs(1.0 / got - 1.0 / want) <= TU_R_UNIROOT_TOL,
                  "%s: got %.17g, R %.17g (R's scale 1/psi)", ctx, got, want);
}
