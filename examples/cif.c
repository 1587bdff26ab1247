/* cif: competing risks from a CSV file: the Aalen-Johansen cumulative
 * incidence of each cause, per group, as R's
 * survfit(Surv(time, factor(status)) ~ group) gives it (surv_cif_fit(3)),
 * or Gray's test across the groups (cmprsk cuminc()$Tests,
 * surv_cif_gray(3)). See surv-cif(1) for the contract.
 *
 * The input is read and checked completely (examples/terms.c,
 * terms_surv_read with status 0 = censored, 1..K = cause) and every number
 * computed before anything is printed, so a failure leaves stdout empty.
 * Cost: O(bytes) to read, O(n K D) per group to fit (D event times). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <surv.h>

#include "csv.h"
#include "kmplot.h"
#include "opts.h"
#include "terms.h"

#define PROG "surv-cif"

static void usage(FILE *f) {
  fprintf(f,
          "usage: " PROG " [--group=COL] [--test | --at=T1,T2,...] "
          "[--time=COL] "
          "[--status=COL]\n"
          "       [--conf-type=plain|log|log-log|logit|arcsin] "
          "[--conf-level=P] [--strict] [FIGURE OPTIONS] [FILE]\n"
          "       figure: --svg=FILE [--svg-layout=stacked|side] "
          "[--risk-times=T1,T2,...]\n"
          "       [--title=TEXT] [--xlab=TEXT] [--ylab=TEXT] "
          "[--time-unit=TEXT]\n"
          "Aalen-Johansen cumulative incidence of each cause (CSV columns "
          "'time' and 'status':\n0 = censored, 1, 2, ... = cause), per group, "
          "of FILE (standard input if FILE is\nabsent or '-'); --test: "
          "Gray's test across the groups; --at: the estimates at those times;\n"
          "see surv-cif(1).\n");
}

/* One group's fit and its limits, every state. */
typedef struct {
  surv_result *fit;
  size_t m, states;
  double *lower, *upper;
} cif_fit;

static void cif_free(cif_fit *c, size_t k) {
  for (size_t g = 0; c && g < k; g++) {
    surv_result_free(c[g].fit);
    free(c[g].lower);
    free(c[g].upper);
  }
  free(c);
}

/* Fit group g (every row when code is NULL) into *c: SURV_OK or a code. */
static int fit_group(const terms_surv *in, const int *code, int g,
                     surv_ci_type type, double level, cif_fit *c) {
  size_t i, n = 0;
  double *t = malloc(in->n * sizeof *t), v;
  int *s = malloc(in->n * sizeof *s), rc;
  surv_data d = SURV_DATA_INIT;
  if (!t || !s) {
    free(t);
    free(s);
    return SURV_ENOMEM;
  }
  for (i = 0; i < in->n; i++)
    if (!code || code[i] == g) {
      t[n] = in->time[i];
      s[n++] = in->status[i];
    }
  d.n = n;
  d.time = t;
  d.status = s;
  rc = surv_cif_fit(&d, 0, &c->fit);
  free(t);
  free(s);
  if (rc != SURV_OK)
    return rc;
  surv_result_column(c->fit, SURV_COL_TIME, &c->m);
  rc = surv_result_stat(c->fit, SURV_STAT_N_STATES, &v);
  if (rc != SURV_OK)
    return rc;
  c->states = (size_t)v;
  c->lower = malloc((c->m * c->states + 1) * sizeof *c->lower);
  c->upper = malloc((c->m * c->states + 1) * sizeof *c->upper);
  if (!c->lower || !c->upper)
    return SURV_ENOMEM;
  return surv_curve_ci(c->fit, type, level, c->lower, c->upper,
                       c->m * c->states);
}

/* The table: per group, per cause 1..K, every row of the group's curve
 * (at == NULL), or its value at the times at[0..nat) (R summary(fit, times
 * =, extend = TRUE): the last row at or before each time; 0 with limits NA
 * before the first row). A cause a group never has is 0 there (standard
 * error 0, limits NA). */
static void print_rows(const cif_fit *c, size_t k, int causes,
                       const terms_labels *g, const double *at, size_t nat) {
  if (g)
    fputs("group\t", stdout);
  fputs(at ? "cause\ttime\testimate\tstd_err\tlower\tupper\n"
           : "cause\ttime\tn_risk\tn_event\tn_censor\testimate\tstd_err\t"
             "lower\tupper\n",
        stdout);
  for (size_t j = 0; j < k; j++) {
    const double *t = surv_result_column(c[j].fit, SURV_COL_TIME, NULL),
                 *nr = surv_result_column(c[j].fit, SURV_COL_N_RISK, NULL),
                 *ne = surv_result_column(c[j].fit, SURV_COL_N_EVENT, NULL),
                 *nc = surv_result_column(c[j].fit, SURV_COL_N_CENSOR, NULL),
                 *p = surv_result_column(c[j].fit, SURV_COL_PSTATE, NULL),
                 *se = surv_result_column(c[j].fit, SURV_COL_STD_ERR_PSTATE,
                                          NULL);
    size_t m = c[j].m, rows = at ? nat : m;
    for (int cause = 1; cause <= causes; cause++)
      for (size_t r = 0; r < rows; r++) {
        size_t lo = r + 1; /* rows [0, lo) are at or before the time */
        if (at) {
          size_t hi = m;
          lo = 0;
          while (lo < hi) {
            size_t mid = lo + (hi - lo) / 2;
            if (t[mid] <= at[r])
              lo = mid + 1;
            else
              hi = mid;
          }
        }
        int has = (size_t)cause < c[j].states && lo > 0;
        size_t i = (size_t)cause * m + (lo ? lo - 1 : 0);
        if (g)
          terms_put_label(g, j);
        printf("%d\t", cause);
        csv_put_num(at ? at[r] : t[r], 0);
        if (!at) {
          csv_put_num(nr[r], 0);
          csv_put_num(ne[r], 0);
          csv_put_num(nc[r], 0);
        }
        csv_put_num(has ? p[i] : 0.0, 0);
        csv_put_num(has ? se[i] : 0.0, 0);
        csv_put_num(has ? c[j].lower[i] : NAN, 0);
        csv_put_num(has ? c[j].upper[i] : NAN, 1);
      }
  }
}

/* The figure (--svg): a panel per cause, stacked or side by side, each
 * with the curves of the groups, their bands, censoring marks, the number
 * at risk and Gray's p-value for that cause (tests, NULL without groups).
 * Written before anything is printed. */
static int cif_figure(const cif_fit *c, size_t k, int causes,
                      const terms_labels *g, const char *gcol,
                      const surv_test *tests, surv_ci_type type, double level,
                      const char *name, const kmplot_opts *fo) {
  size_t nc = (size_t)causes, mmax = 1, j;
  kmplot_curve *cv = calloc(nc * k + 1, sizeof *cv);
  kmplot_panel *pn = calloc(nc + 1, sizeof *pn);
  char *text = malloc(128 * (nc + 1)), note[96];
  kmplot_spec s = {0};
  int rc = SURV_ENOMEM;
  for (j = 0; j < k; j++)
    if (c[j].m > mmax)
      mmax = c[j].m;
  double *zero = calloc(mmax, sizeof *zero);
  if (cv && pn && text && zero) {
    for (size_t q = 0; q < nc; q++) {
      char *title = text + 128 * q, *ptext = title + 64;
      for (j = 0; j < k; j++) {
        const cif_fit *f = &c[j];
        kmplot_curve *v = &cv[q * k + j];
        int has = q + 1 < f->states; /* a cause the group never has: 0 */
        size_t off = (q + 1) * f->m;
        v->label = g ? g->label[j] : NULL;
        v->m = f->m;
        v->t = surv_result_column(f->fit, SURV_COL_TIME, NULL);
        v->est = has ? surv_result_column(f->fit, SURV_COL_PSTATE, NULL) + off
                     : zero;
        v->lower = has ? f->lower + off : NULL;
        v->upper = has ? f->upper + off : NULL;
        v->n_censor = surv_result_column(f->fit, SURV_COL_N_CENSOR, NULL);
        v->n_risk = surv_result_column(f->fit, SURV_COL_N_RISK, NULL);
        v->median = NAN;
      }
      snprintf(title, 64, "Cause %zu", q + 1);
      ptext[0] = '\0';
      if (tests)
        kmplot_ptext(ptext, 64, "Gray", tests[q].p_value);
      pn[q].curve = cv + q * k;
      pn[q].ncurve = k;
      pn[q].title = title;
      pn[q].ptext = ptext;
    }
    kmplot_band_note(note, sizeof note, (int)type, level);
    s.panel = pn;
    s.npanel = nc;
    s.o = fo;
    s.rising = 1;
    s.ylab = "Cumulative incidence";
    s.note = note;
    s.legend_title = g ? gcol : NULL;
    rc = SURV_OK;
  }
  int bad = kmplot_file(PROG, name, rc, &s);
  free(cv);
  free(pn);
  free(text);
  free(zero);
  return bad;
}

int main(int argc, char **argv) {
  surv_ci_type type = SURV_CI_LOG;
  double level = 0.95;
  int test = 0, kind, rc = SURV_OK, causes = 0;
  const char *path = NULL;
  terms_surv_spec spec = {0};
  terms_surv in;
  cif_fit *fits = NULL;
  surv_test *tests = NULL;
  size_t k = 1, i, nat = 0;
  double *at = NULL;
  char err[CSV_ERRLEN];
  kmplot_opts fig = {0};
  opts o;

  opts_init(&o, PROG, usage, argc, argv);
  while ((kind = opts_next(&o)) != OPTS_END) {
    if (kind == OPTS_OPERAND)
      path = opts_file(&o, path);
    else if (opts_value(&o, "--at")) {
      free(at);
      if ((nat = opts_times(o.value, &at)) == 0)
        opts_fail(&o, "--at must be times >= 0 separated by commas, not '%s'",
                  o.value);
    } else if (opts_flag(&o, "--test"))
      test = 1;
    else if (opts_flag(&o, "--strict"))
      spec.strict = 1;
    else if (kmplot_option(&o, &fig, KMPLOT_LAYOUT))
      continue;
    else if (opts_value(&o, "--conf-type"))
      type = (surv_ci_type)opts_conf_type(&o);
    else if (opts_value(&o, "--conf-level"))
      level = opts_level(&o);
    else if (!opts_surv_column(&o, &spec, OPTS_SURV_GROUP))
      opts_unknown(&o);
  }
  kmplot_option_check(&o, &fig);
  if (test && !spec.group)
    opts_fail(&o, "%s needs --group=COL (the groups to compare)", "--test");
  if (test && at)
    opts_fail(&o, "%s: choose one of --at and --test", "--at --test");
  if (!path)
    path = "-";
  spec.causes = 1;
  if (terms_surv_read(path, &spec, &in, err, sizeof err) != 0) {
    fprintf(stderr, PROG ": %s\n", err);
    free(at);
    free(fig.risk_t);
    return 1;
  }
  const char *name = in.file;
  for (i = 0; i < in.n; i++)
    if (in.status[i] > causes)
      causes = in.status[i];
  if (spec.group)
    k = in.group.k;
  /* Gray's tests for --test, and for the figure's p-values when there are
   * groups to compare; the fits for the table and the figure. */
  if (test || (fig.svg && spec.group && k > 1)) {
    surv_data d = SURV_DATA_INIT;
    d.n = in.n;
    d.time = in.time;
    d.status = in.status;
    d.group = in.group.code;
    tests = malloc(((size_t)causes + 1) * sizeof *tests);
    rc = tests ? SURV_OK : SURV_ENOMEM;
    for (int cause = 1; rc == SURV_OK && cause <= causes; cause++) {
      surv_cif_gray_options go = SURV_CIF_GRAY_OPTIONS_INIT;
      go.cause = cause;
      rc = surv_cif_gray(&d, &go, &tests[cause - 1]);
    }
  }
  if (rc == SURV_OK && (!test || fig.svg)) {
    fits = calloc(k, sizeof *fits);
    rc = fits ? SURV_OK : SURV_ENOMEM;
    for (i = 0; rc == SURV_OK && i < k; i++)
      rc = fit_group(&in, spec.group ? in.group.code : NULL, (int)i, type,
                     level, &fits[i]);
  }
  if (rc != SURV_OK) {
    fprintf(stderr, PROG ": %s: %s\n", name,
            rc == SURV_EGROUP ? "all subjects are in one group"
                              : surv_strerror(rc));
    cif_free(fits, k);
    free(tests);
    terms_surv_free(&in);
    free(at);
    free(fig.risk_t);
    return 1;
  }
  if (fig.svg && cif_figure(fits, k, causes, spec.group ? &in.group : NULL,
                            spec.group, tests, type, level, name, &fig) != 0) {
    cif_free(fits, k);
    free(tests);
    terms_surv_free(&in);
    free(at);
    free(fig.risk_t);
    return 1;
  }
  free(fig.risk_t);
  static char outbuf[1 << 16];
  setvbuf(stdout, outbuf, _IOFBF, sizeof outbuf);
  if (test) {
    fputs("cause\tstatistic\tdf\tp\n", stdout);
    for (int cause = 1; cause <= causes; cause++) {
      printf("%d\t", cause);
      csv_put_num(tests[cause - 1].statistic, 0);
      csv_put_num(tests[cause - 1].df, 0);
      csv_put_num(tests[cause - 1].p_value, 1);
    }
  } else
    print_rows(fits, k, causes, spec.group ? &in.group : NULL, at, nat);
  free(at);
  cif_free(fits, k);
  free(tests);
  terms_report_dropped(PROG, in.n_dropped);
  terms_surv_free(&in);
  return opts_close_stdout(&o);
}
