/* surv-ipd: individual patient data reconstructed from a published
 * Kaplan-Meier figure, either from digitized points (CLICKS.csv, Guyot et al.
 * 2012) or exactly from the figure's SVG. Prints CSV time,status, one row per
 * patient. See surv-ipd(1).
 *
 * Everything is read and checked, and the reconstruction done, before the
 * first line is printed, so a failure leaves stdout empty. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <surv.h>

#include "csv.h"
#include "opts.h"
#include "svgkm.h"

#define PROG "surv-ipd"

static void usage(FILE *f) {
  fprintf(f,
          "usage: " PROG " [--at-risk=FILE] [--events=N] [--total=N] "
          "[--report] CLICKS.csv\n"
          "       " PROG " --svg=FIGURE.svg [--curve=K] [--x-axis=FIRST,LAST] "
          "[--y-axis=FIRST,LAST]\n"
          "                [--at-risk=FILE] [--events=N] [--total=N] "
          "[--report]\n"
          "Patient data (CSV time,status) reconstructed from a Kaplan-Meier "
          "curve; see surv-ipd(1).\n");
}

typedef struct vec {
  double *v;
  size_t n, cap;
} vec;

static int vec_push(vec *a, double x) {
  if (a->n == a->cap) {
    size_t c = a->cap ? 2 * a->cap : 256;
    double *p = realloc(a->v, c * sizeof *p);
    if (!p)
      return -1;
    a->v = p;
    a->cap = c;
  }
  a->v[a->n++] = x;
  return 0;
}

/* CLICKS.csv: time,surv; surv in percent when any value exceeds 1.5. */
static int read_clicks(const char *path, vec *t, vec *s) {
  char err[CSV_ERRLEN];
  csv *c = csv_open(path, err, sizeof err);
  if (!c) {
    fprintf(stderr, PROG ": %s\n", err);
    return 1;
  }
  int jt = csv_col(c, "time"), js = csv_col(c, "surv");
  int rc;
  if (jt < 0 || js < 0) {
    csv_fail(c, "no column named '%s' in the header", jt < 0 ? "time" : "surv");
    goto fail;
  }
  double pmax = -INFINITY;
  while ((rc = csv_next(c)) > 0) {
    double x, y;
    if (csv_get_time(c, (size_t)jt, &x) != CSV_OK ||
        csv_get_double(c, (size_t)js, &y) != CSV_OK)
      goto fail;
    if (vec_push(t, x) || vec_push(s, y)) {
      csv_fail(c, "out of memory");
      goto fail;
    }
    if (y > pmax)
      pmax = y;
  }
  if (rc < 0)
    goto fail;
  if (t->n == 0) {
    csv_fail(c, "no data rows after the header");
    goto fail;
  }
  if (pmax > 1.5)
    for (size_t i = 0; i < s->n; i++)
      s->v[i] /= 100.0;
  csv_close(c);
  return 0;
fail:
  fprintf(stderr, PROG ": %s\n", csv_errmsg(c));
  csv_close(c);
  return 1;
}

/* AT-RISK.csv: time,n_risk; times from 0 increasing, whole numbers that do
 * not increase. */
static int read_at_risk(const char *path, vec *t, vec *n) {
  char err[CSV_ERRLEN];
  csv *c = csv_open(path, err, sizeof err);
  if (!c) {
    fprintf(stderr, PROG ": %s\n", err);
    return 1;
  }
  int jt = csv_col(c, "time"), jn = csv_col(c, "n_risk");
  int rc;
  if (jt < 0 || jn < 0) {
    csv_fail(c, "no column named '%s' in the header",
             jt < 0 ? "time" : "n_risk");
    goto fail;
  }
  while ((rc = csv_next(c)) > 0) {
    double x, y;
    if (csv_get_time(c, (size_t)jt, &x) != CSV_OK ||
        csv_get_time(c, (size_t)jn, &y) != CSV_OK)
      goto fail;
    if (t->n == 0 && x != 0) {
      csv_fail(c, "the first time of the at-risk table must be 0, not %g", x);
      goto fail;
    }
    if (t->n > 0 && !(x > t->v[t->n - 1])) {
      csv_fail(c, "time %g does not increase", x);
      goto fail;
    }
    if (y != floor(y) || y > 1e7) {
      csv_fail(c, "n_risk %g is not a whole number up to 10^7", y);
      goto fail;
    }
    if (t->n == 0 && y == 0) {
      csv_fail(c, "nobody at risk at time 0");
      goto fail;
    }
    if (t->n > 0 && y > n->v[n->n - 1]) {
      csv_fail(c, "n_risk %g is more than the %g before it", y, n->v[n->n - 1]);
      goto fail;
    }
    if (vec_push(t, x) || vec_push(n, y)) {
      csv_fail(c, "out of memory");
      goto fail;
    }
  }
  if (rc < 0)
    goto fail;
  if (t->n == 0) {
    csv_fail(c, "no data rows after the header");
    goto fail;
  }
  csv_close(c);
  return 0;
fail:
  fprintf(stderr, PROG ": %s\n", csv_errmsg(c));
  csv_close(c);
  return 1;
}

/* A whole number >= 1 (patients, events). */
static int parse_count(const char *s, double *out) {
  double x;
  if (csv_parse_double(s, strlen(s), &x) != 0 || x < 1 || x != floor(x) ||
      x > 1e7)
    return -1;
  *out = x;
  return 0;
}

static int parse_pair(const char *s, double *a, double *b) {
  const char *comma = strchr(s, ',');
  if (!comma || csv_parse_double(s, (size_t)(comma - s), a) != 0 ||
      csv_parse_double(comma + 1, strlen(comma + 1), b) != 0 || *a == *b)
    return -1;
  return 0;
}

static void report(FILE *f, const char *src, const surv_result *r,
                   const vec *rt, const vec *nr, size_t nread, int exact,
                   int fell_back) {
  double n = NAN, ev = NAN, rmse = NAN, mx = NAN, np = NAN, ex = NAN;
  surv_result_stat(r, SURV_STAT_N, &n);
  surv_result_stat(r, SURV_STAT_N_EVENT, &ev);
  surv_result_stat(r, SURV_STAT_RMSE, &rmse);
  surv_result_stat(r, SURV_STAT_MAX_DEVIATION, &mx);
  surv_result_stat(r, SURV_STAT_N_POINTS, &np);
  surv_result_stat(r, SURV_STAT_EXACT, &ex);
  fprintf(f, PROG ": %s: %s\n", src,
          exact ? "exact reconstruction from the figure's steps"
                : "Guyot et al. (2012) reconstruction");
  if (fell_back)
    fprintf(f, "  no integer counts reproduce the steps at the figure's "
               "precision: Guyot's algorithm used instead\n");
  fprintf(f, "  points: %zu read, %.0f after pre-processing\n", nread, np);
  fprintf(f, "  patients %.0f, events %.0f, censored %.0f\n", n, ev, n - ev);
  fprintf(f,
          "  reconstructed KM against the points: RMSE %.6f, largest "
          "deviation %.6f\n",
          rmse, mx);
  if (exact)
    fprintf(f, "  counts: %s\n",
            ex == 1 ? "the only solution"
                    : "one of several solutions (censoring marks that may "
                      "hold more than one patient)");
  size_t len = 0;
  const double *cr = surv_result_column(r, SURV_COL_N_RISK, &len);
  if (rt->n && len == rt->n) {
    fprintf(f, "  number at risk: time, printed, reconstructed\n");
    double worst = 0;
    for (size_t j = 0; j < rt->n; j++) {
      fprintf(f, "    %10g %8.0f %8.0f%s\n", rt->v[j], nr->v[j], cr[j],
              cr[j] != nr->v[j] ? "  differs" : "");
      if (fabs(cr[j] - nr->v[j]) > worst)
        worst = fabs(cr[j] - nr->v[j]);
    }
    fprintf(f, "  largest difference in number at risk: %.0f\n", worst);
  }
}

int main(int argc, char **argv) {
  const char *path = NULL, *at_risk = NULL, *svg = NULL;
  double events = 0, total = 0;
  int want_report = 0, k;
  long curve = 0;
  svgkm_axes ax = {0, 0, 0, 0, 0, 0};
  opts op;
  opts_init(&op, PROG, usage, argc, argv);
  while ((k = opts_next(&op)) != OPTS_END) {
    if (k == OPTS_OPERAND) {
      path = opts_file(&op, path);
    } else if (opts_flag(&op, "--report"))
      want_report = 1;
    else if (opts_value(&op, "--at-risk"))
      at_risk = op.value;
    else if (opts_value(&op, "--svg"))
      svg = op.value;
    else if (opts_value(&op, "--events")) {
      if (parse_count(op.value, &events) != 0)
        opts_fail(&op,
                  "--events must be a whole number from 1 to 10^7, not '%s'",
                  op.value);
    } else if (opts_value(&op, "--total")) {
      if (parse_count(op.value, &total) != 0)
        opts_fail(&op,
                  "--total must be a whole number from 1 to 10^7, not '%s'",
                  op.value);
    } else if (opts_value(&op, "--curve")) {
      double c;
      if (parse_count(op.value, &c) != 0)
        opts_fail(&op, "--curve must be a whole number from 1, not '%s'",
                  op.value);
      curve = (long)c;
    } else if (opts_value(&op, "--x-axis") || opts_value(&op, "--y-axis")) {
      int y = op.arg[2] == 'y';
      if (parse_pair(op.value, y ? &ax.y_first : &ax.x_first,
                     y ? &ax.y_last : &ax.x_last) != 0)
        opts_fail(&op, "'%s': an axis is two different numbers FIRST,LAST",
                  op.arg);
      *(y ? &ax.have_y : &ax.have_x) = 1;
    } else
      opts_unknown(&op);
  }
  if (svg && path)
    return csv_usage_error(PROG, usage,
                           "give either --svg=FIGURE or CLICKS.csv, not both "
                           "('%s')",
                           path);
  if (!svg && !path)
    return csv_usage_error(PROG, usage, "no input%s", "");
  if (!svg && (curve || ax.have_x || ax.have_y))
    return csv_usage_error(
        PROG, usage, "--curve, --x-axis and --y-axis go with --svg%s", "");

  vec t = {0}, s = {0}, rt = {0}, nr = {0}, marks = {0};
  svgkm *fig = NULL;
  surv_result *res = NULL;
  int status = 1, exact = 0, fell_back = 0;
  const char *src = svg ? svg : path;
  size_t nread = 0;
  double tprec = 0;
  if (at_risk && read_at_risk(at_risk, &rt, &nr) != 0)
    goto out;
  if (svg) {
    char err[SVGKM_ERRLEN];
    if (svgkm_read(svg, &ax, &fig, err, sizeof err) != 0) {
      fprintf(stderr, PROG ": %s\n", err);
      goto out;
    }
    if (curve == 0 && fig->ncurve > 1) {
      fprintf(stderr,
              PROG ": %s: %zu Kaplan-Meier curves (lines %ld and %ld, ...): "
                   "choose one with --curve=K\n",
              svg, fig->ncurve, fig->curve[0].line, fig->curve[1].line);
      goto out;
    }
    if (curve > (long)fig->ncurve) {
      fprintf(stderr, PROG ": %s: --curve=%ld, but the figure has %zu\n", svg,
              curve, fig->ncurve);
      goto out;
    }
    const svgkm_curve *c = &fig->curve[curve ? curve - 1 : 0];
    for (size_t i = 0; i < c->m; i++)
      if (vec_push(&t, c->t[i]) || vec_push(&s, c->s[i]))
        goto oom;
    for (size_t i = 0; i < c->nc; i++)
      if (vec_push(&marks, c->cens[i]))
        goto oom;
    if (!at_risk)
      for (size_t i = 0; i < c->nr; i++)
        if (vec_push(&rt, c->risk_t[i]) || vec_push(&nr, c->n_risk[i]))
          goto oom;
    if (rt.n && rt.v[0] != 0) {
      fprintf(stderr,
              PROG ": %s: the number at risk row of curve %ld does not start "
                   "at time 0\n",
              svg, curve ? curve : 1);
      goto out;
    }
    exact = 1;
    tprec = fig->t_prec;
  } else if (read_clicks(path, &t, &s) != 0) {
    goto out;
  }
  nread = t.n;
  if (!rt.n && total == 0) {
    fprintf(stderr,
            PROG ": %s: without an at-risk table, --total=N (patients at "
                 "time 0) is needed\n",
            src);
    goto out;
  }
  if (rt.n && total && total != nr.v[0]) {
    fprintf(stderr,
            PROG ": %s: --total=%.0f but the at-risk table starts with "
                 "%.0f\n",
            src, total, nr.v[0]);
    goto out;
  }
  double n0 = rt.n ? nr.v[0] : total;
  if (events > n0) {
    fprintf(stderr, PROG ": %s: --events=%.0f is more than the %.0f patients\n",
            src, events, n0);
    goto out;
  }
  surv_ipd_options o = SURV_IPD_OPTIONS_INIT;
  o.total = total;
  o.events = events;
  int rc;
  if (exact) {
    o.flags = SURV_IPD_EXACT;
    o.censor_t = marks.v;
    o.n_censor = marks.n;
    /* the printed rounding of a corner and of the axis ticks */
    o.tol = 3 * fig->s_prec + 1e-12;
    rc = surv_ipd_reconstruct(t.v, s.v, t.n, rt.v, nr.v, rt.n, &o, &res);
    if (rc == SURV_ENOCONV) {
      exact = 0;
      fell_back = 1;
      o = (surv_ipd_options)SURV_IPD_OPTIONS_INIT;
      o.total = total;
      o.events = events;
      rc = surv_ipd_reconstruct(t.v, s.v, t.n, rt.v, nr.v, rt.n, &o, &res);
    }
  } else {
    rc = surv_ipd_reconstruct(t.v, s.v, t.n, rt.v, nr.v, rt.n, &o, &res);
  }
  if (rc != SURV_OK) {
    fprintf(stderr, PROG ": %s: %s\n", src, surv_strerror(rc));
    goto out;
  }
  size_t n = 0;
  const double *ct = surv_result_column(res, SURV_COL_TIME, &n);
  const double *cs = surv_result_column(res, SURV_COL_STATUS, NULL);
  static char outbuf[1 << 16];
  setvbuf(stdout, outbuf, _IOFBF, sizeof outbuf);
  /* times from a figure at the figure's precision */
  int dec = -1;
  if (svg && tprec > 0) {
    dec = (int)ceil(-log10(2 * tprec));
    if (dec < 0)
      dec = 0;
    if (dec > 15)
      dec = 15;
  }
  fputs("time,status\n", stdout);
  for (size_t i = 0; i < n; i++) {
    if (dec >= 0)
      printf("%.*f,%d\n", dec, ct[i], (int)cs[i]);
    else
      printf("%.10g,%d\n", ct[i], (int)cs[i]);
  }
  if (opts_close_stdout(&op) != 0)
    goto out;
  if (want_report)
    report(stderr, src, res, &rt, &nr, nread, exact, fell_back);
  status = 0;
  goto out;
oom:
  fprintf(stderr, PROG ": %s: out of memory\n", src);
out:
  surv_result_free(res);
  svgkm_free(fig);
  free(t.v);
  free(s.v);
  free(rt.v);
  free(nr.v);
  free(marks.v);
  return status;
}
