/* km: Kaplan-Meier table or quantiles of a CSV file, as R's
 * survfit(Surv(time, status) ~ 1, conf.type = ...) prints them.
 * See surv-km(1) for the contract (options, output columns, exit status).
 *
 * The input is read and checked completely, the curve fitted and every
 * output number computed before anything is printed, so a failure leaves
 * stdout empty. Cost: O(bytes) to read, O(rows) to print. A file with few
 * distinct times is counted into a table as it is read (the --stream
 * route, the default where it prints the same bytes): memory is a window of
 * 1 MiB moving along the file and the table, O(cells log cells) to
 * fit. Else the rows are kept (terms_surv_read): O(n log n) to fit, memory
 * 12 bytes per subject and the window (with --group the whole file,
 * released before the fit). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <surv.h>

#include "csv.h"
#include "kmplot.h"
#include "opts.h"
#include "terms.h"

#define PROG "surv-km"

static void usage(FILE *f) {
  fprintf(f,
          "usage: " PROG " [--conf-type=plain|log|log-log|logit|arcsin] "
          "[--conf-level=P] [--quantiles | --summary]\n"
          "       [--bands=hw|ep [--band-range=TL,TU]]\n"
          "       [--time=COL] [--status=COL] [--event=VALUE [--censor=VALUE]] "
          "[--group=COL]\n"
          "       [--entry=COL] [--weights=COL] [--strict] "
          "[--stream | --no-stream] [FIGURE OPTIONS] [FILE]\n"
          "       figure: --svg=FILE [--risk-times=T1,T2,...] "
          "[--median-lines] [--title=TEXT]\n"
          "       [--xlab=TEXT] [--ylab=TEXT] [--time-unit=TEXT]\n"
          "Kaplan-Meier estimate of the CSV columns 'time' and 'status' "
          "(1 = event, 0 = censored)\n"
          "of FILE (standard input if FILE is absent or '-'), one curve per "
          "group; see surv-km(1).\n");
}

/* The group label of curve row i (g NULL: no group column). */
static void put_group(const terms_labels *g, const double *stratum, size_t i) {
  if (g)
    terms_put_label(g, (size_t)stratum[i]);
}

/* --bands: the simultaneous band (surv_curve_band) of each stratum on the
 * curve's rows, NaN outside its range, into band[0 .. m) (lower) and
 * band[m .. 2m) (upper); the band's rows are curve times (but its first, at
 * t_L), both in stratum-major time order. */
typedef struct band_request {
  int on;
  surv_curve_band_options opt;
  double range[2];
} band_request;

static int band_columns(const surv_result *km, const band_request *b,
                        double *band, size_t m) {
  surv_result *r = NULL;
  size_t i, j = 0, nb = 0;
  int rc = surv_curve_band(km, b->range[0], b->range[1], &b->opt, &r);
  if (rc != SURV_OK)
    return rc;
  const double *t = surv_result_column(km, SURV_COL_TIME, NULL),
               *st = surv_result_column(km, SURV_COL_STRATUM, NULL),
               *bt = surv_result_column(r, SURV_COL_TIME, &nb),
               *bs = surv_result_column(r, SURV_COL_STRATUM, NULL),
               *lo = surv_result_column(r, SURV_COL_LOWER, NULL),
               *hi = surv_result_column(r, SURV_COL_UPPER, NULL);
  for (i = 0; i < m; i++) {
    double s = st ? st[i] : 0;
    while (j < nb &&
           ((bs ? bs[j] : 0) < s || ((bs ? bs[j] : 0) == s && bt[j] < t[i])))
      j++;
    int hit = j < nb && (bs ? bs[j] : 0) == s && bt[j] == t[i];
    band[i] = hit ? lo[j] : NAN;
    band[m + i] = hit ? hi[j] : NAN;
  }
  surv_result_free(r);
  return SURV_OK;
}

static int print_table(const surv_result *km, surv_ci_type type, double level,
                       const char *name, const terms_labels *g,
                       const band_request *br) {
  size_t m;
  const double *t = surv_result_column(km, SURV_COL_TIME, &m);
  double *lower = malloc((m ? m : 1) * sizeof *lower);
  double *upper = malloc((m ? m : 1) * sizeof *upper);
  double *band = br->on ? malloc((m ? 2 * m : 1) * sizeof *band) : NULL;
  int rc = !lower || !upper || (br->on && !band)
               ? SURV_ENOMEM
               : surv_curve_ci(km, type, level, lower, upper, m);
  if (rc == SURV_OK && br->on)
    rc = band_columns(km, br, band, m);
  if (rc != SURV_OK) {
    fprintf(stderr, PROG ": %s: %s\n", name, surv_strerror(rc));
    free(lower);
    free(upper);
    free(band);
    return 1;
  }
  const double *nr = surv_result_column(km, SURV_COL_N_RISK, NULL),
               *ne = surv_result_column(km, SURV_COL_N_EVENT, NULL),
               *nc = surv_result_column(km, SURV_COL_N_CENSOR, NULL),
               *s = surv_result_column(km, SURV_COL_SURV, NULL),
               *se = surv_result_column(km, SURV_COL_STD_ERR, NULL),
               *st = surv_result_column(km, SURV_COL_STRATUM, NULL);
  if (g)
    fputs("group\t", stdout);
  fputs("time\tn_risk\tn_event\tn_censor\tsurv\tstd_err\tlower\tupper", stdout);
  fputs(br->on ? "\tband_lower\tband_upper\n" : "\n", stdout);
  for (size_t i = 0; i < m; i++) {
    put_group(g, st, i);
    csv_put_num(t[i], 0);
    csv_put_num(nr[i], 0);
    csv_put_num(ne[i], 0);
    csv_put_num(nc[i], 0);
    csv_put_num(s[i], 0);
    csv_put_num(se[i], 0);
    csv_put_num(lower[i], 0);
    csv_put_num(upper[i], !br->on);
    if (br->on) {
      csv_put_num(band[i], 0);
      csv_put_num(band[m + i], 1);
    }
  }
  free(lower);
  free(upper);
  free(band);
  return 0;
}

static int print_quantiles(const surv_result *km, surv_ci_type type,
                           double level, const char *name,
                           const terms_labels *g) {
  static const double p[3] = {0.25, 0.5, 0.75};
  size_t k = g ? g->k : 1;
  double *v = malloc(9 * k * sizeof *v);
  int rc = v ? surv_curve_quantile(km, p, 3, type, level, v, v + 3 * k,
                                   v + 6 * k, 3 * k)
             : SURV_ENOMEM;
  if (rc != SURV_OK) {
    fprintf(stderr, PROG ": %s: %s\n", name, surv_strerror(rc));
    free(v);
    return 1;
  }
  if (g)
    fputs("group\t", stdout);
  fputs("prob\testimate\tlower\tupper\n", stdout);
  for (size_t j = 0; j < k; j++)
    for (size_t i = 0; i < 3; i++) {
      if (g)
        terms_put_label(g, j);
      csv_put_num(p[i], 0);
      csv_put_num(v[j * 3 + i], 0);
      csv_put_num(v[3 * k + j * 3 + i], 0);
      csv_put_num(v[6 * k + j * 3 + i], 1);
    }
  free(v);
  return 0;
}

/* R's print(survfit, rmean = "common"): per group n, events, the restricted
 * mean up to the largest time of all groups and its se, the median and its
 * limits; then survdiff's log-rank test across the groups (not with case
 * weights, which survdiff does not take). */
static int print_summary(const surv_result *km, const surv_data *d,
                         surv_ci_type type, double level, const char *name,
                         const terms_labels *g) {
  static const double half = 0.5;
  size_t k = g ? g->k : 1, m, i;
  const double *t = surv_result_column(km, SURV_COL_TIME, &m),
               *ne = surv_result_column(km, SURV_COL_N_EVENT, NULL),
               *st = surv_result_column(km, SURV_COL_STRATUM, NULL);
  double *v = calloc(7 * k, sizeof *v), tau = 0;
  surv_result *lr = NULL;
  surv_test test = {NAN, NAN, NAN};
  int rc = v ? SURV_OK : SURV_ENOMEM;
  for (i = 0; i < m; i++)
    if (t[i] > tau)
      tau = t[i];
  if (rc == SURV_OK)
    rc = surv_curve_rmst(km, tau, level, v + 2 * k, v + 3 * k, NULL, NULL, k);
  if (rc == SURV_OK)
    rc = surv_curve_quantile(km, &half, 1, type, level, v + 4 * k, v + 5 * k,
                             v + 6 * k, k);
  if (rc == SURV_OK && g && !d->weight) {
    rc = surv_logrank_test(d, NULL, &lr);
    if (rc == SURV_OK)
      rc = surv_result_test(lr, SURV_TEST_MAIN, &test);
    surv_result_free(lr);
  }
  if (rc != SURV_OK) {
    fprintf(stderr, PROG ": %s: %s\n", name, surv_strerror(rc));
    free(v);
    return 1;
  }
  for (i = 0; i < d->n; i++)
    v[g ? (size_t)d->group[i] : 0] += 1;
  for (i = 0; i < m; i++)
    v[k + (g ? (size_t)st[i] : 0)] += ne[i];
  if (g)
    fputs("group\t", stdout);
  fputs("n\tevents\trmean\tse_rmean\tmedian\tlower\tupper\n", stdout);
  for (size_t j = 0; j < k; j++) {
    if (g)
      terms_put_label(g, j);
    for (i = 0; i < 7; i++)
      csv_put_num(v[i * k + j], i == 6);
  }
  if (g && !d->weight) {
    fputs("chisq\t", stdout);
    csv_put_num(test.statistic, 1);
    printf("df\t%zu\n", (size_t)test.df);
    fputs("p\t", stdout);
    csv_put_num(test.p_value, 1);
  }
  free(v);
  return 0;
}

/* The figure (--svg): one curve per group with its band of the table's
 * limits, the censoring marks, the number at risk (surv_curve_at), the
 * medians (surv_curve_quantile) and survdiff's log-rank p-value across the
 * groups (not with case weights). Written before anything is printed. */
typedef struct km_risk {
  const surv_result *km;
  size_t k;
} km_risk;

static int km_risk_at(void *ctx, const double *times, size_t n, double *out) {
  const km_risk *r = ctx;
  return surv_curve_at(r->km, times, n, SURV_CI_LOGLOG, 0.95, NULL, NULL, NULL,
                       NULL, out, n * r->k);
}

static int km_figure(const surv_result *km, const surv_data *d,
                     surv_ci_type type, double level, const char *name,
                     const terms_labels *g, const char *gcol,
                     const kmplot_opts *fo, const band_request *br) {
  static const double half = 0.5;
  size_t k = g ? g->k : 1, m, i, j;
  const double *t = surv_result_column(km, SURV_COL_TIME, &m),
               *st = surv_result_column(km, SURV_COL_STRATUM, NULL);
  double *lim = malloc(2 * (m ? m : 1) * sizeof *lim),
         *med = malloc(3 * k * sizeof *med);
  kmplot_curve *cv = calloc(k, sizeof *cv);
  surv_result *lr = NULL;
  surv_test test = {NAN, NAN, NAN};
  char note[128], ptext[64] = "";
  km_risk ctx = {km, k};
  kmplot_panel p = {cv, k, NULL, ptext, km_risk_at, &ctx};
  kmplot_spec s = {0};
  int rc = !lim || !med || !cv
               ? SURV_ENOMEM
               : surv_curve_ci(km, type, level, lim, lim + m, m);
  double *sim = NULL; /* --bands: lower m, upper m */
  if (rc == SURV_OK && br->on)
    rc = (sim = malloc(2 * (m ? m : 1) * sizeof *sim)) == NULL
             ? SURV_ENOMEM
             : band_columns(km, br, sim, m);
  if (rc == SURV_OK)
    rc = surv_curve_quantile(km, &half, 1, type, level, med, med + k,
                             med + 2 * k, k);
  if (rc == SURV_OK && g && g->k > 1 && !d->weight) {
    rc = surv_logrank_test(d, NULL, &lr);
    if (rc == SURV_OK)
      rc = surv_result_test(lr, SURV_TEST_MAIN, &test);
    surv_result_free(lr);
    kmplot_ptext(ptext, sizeof ptext, "Log-rank", test.p_value);
  }
  if (rc == SURV_OK) {
    for (i = 0, j = 0; j < k; j++) { /* the rows of group j */
      size_t i0 = i;
      while (i < m && (!st || (size_t)st[i] == j))
        i++;
      kmplot_curve *c = &cv[j];
      c->label = g ? g->label[j] : NULL;
      c->m = i - i0;
      c->t = t + i0;
      c->est = surv_result_column(km, SURV_COL_SURV, NULL) + i0;
      c->lower = lim + i0;
      c->upper = lim + m + i0;
      if (sim) {
        c->sim_lower = sim + i0;
        c->sim_upper = sim + m + i0;
      }
      c->n_censor = surv_result_column(km, SURV_COL_N_CENSOR, NULL) + i0;
      c->n_risk = surv_result_column(km, SURV_COL_N_RISK, NULL) + i0;
      c->median = med[j];
    }
    kmplot_band_note(note, sizeof note, (int)type, level);
    if (sim) { /* "Shaded: 95% CI (log-log), lighter: 95% EP band; + ..." */
      char *semi = strchr(note, ';');
      if (semi)
        snprintf(semi, sizeof note - (size_t)(semi - note),
                 ", lighter: %.10g%% %s band; + censored", 100 * level,
                 br->opt.method == SURV_CURVE_BAND_EP ? "EP" : "HW");
    }
    s.panel = &p;
    s.npanel = 1;
    s.o = fo;
    s.ylab = "Survival probability";
    s.note = note;
    s.legend_title = g ? gcol : NULL;
  }
  int bad = kmplot_file(PROG, name, rc, &s);
  free(lim);
  free(sim);
  free(med);
  free(cv);
  return bad;
}

/* surv-mpi (examples/mpi.c) builds this file again as its PROG_MAIN, with
 * the reading of --stream spread over the MPI ranks (STREAM_READ). */
#ifndef PROG_MAIN
#define PROG_MAIN main
#define STREAM_READ terms_surv_stream
#endif

int PROG_MAIN(int argc, char **argv) {
  surv_ci_type type = SURV_CI_LOGLOG;
  double level = 0.95;
  int quantiles = 0, summary = 0, stream = 0, rows = 0, k;
  const char *path = NULL;
  terms_surv_spec spec = {0};
  kmplot_opts fig = {0};
  band_request br = {0, SURV_CURVE_BAND_OPTIONS_INIT, {-HUGE_VAL, HUGE_VAL}};
  int band_range = 0;
  opts o;

  opts_init(&o, PROG, usage, argc, argv);
  while ((k = opts_next(&o)) != OPTS_END) {
    if (k == OPTS_OPERAND) {
      path = opts_file(&o, path);
    } else if (opts_flag(&o, "--quantiles"))
      quantiles = 1;
    else if (opts_flag(&o, "--summary"))
      summary = 1;
    else if (opts_flag(&o, "--strict"))
      spec.strict = 1;
    else if (opts_flag(&o, "--stream"))
      stream = 1;
    else if (opts_flag(&o, "--no-stream"))
      rows = 1;
    else if (kmplot_option(&o, &fig, KMPLOT_MEDIAN))
      continue;
    else if (opts_value(&o, "--conf-type"))
      type = (surv_ci_type)opts_conf_type(&o);
    else if (opts_value(&o, "--bands")) {
      br.on = 1;
      if (strcmp(o.value, "hw") == 0)
        br.opt.method = SURV_CURVE_BAND_HW;
      else if (strcmp(o.value, "ep") == 0)
        br.opt.method = SURV_CURVE_BAND_EP;
      else
        opts_fail(&o, "--bands=%s: use hw or ep", o.value);
    } else if (opts_value(&o, "--band-range")) {
      double *r = NULL;
      if (opts_times(o.value, &r) != 2 || !(r[0] < r[1])) {
        free(r);
        opts_fail(&o, "--band-range=%s: two times TL,TU with TL < TU", o.value);
      }
      br.range[0] = r[0];
      br.range[1] = r[1];
      band_range = 1;
      free(r);
    } else if (opts_value(&o, "--conf-level")) {
      level = opts_level(&o);
    } else if (!opts_surv_column(&o, &spec,
                                 OPTS_SURV_EVENT | OPTS_SURV_GROUP |
                                     OPTS_SURV_ENTRY | OPTS_SURV_WEIGHTS))
      opts_unknown(&o);
  }
  opts_surv_check(&o, &spec);
  kmplot_option_check(&o, &fig);
  if (quantiles && summary)
    opts_fail(&o, "%s: choose one of --quantiles and --summary",
              "--quantiles --summary");
  if (band_range && !br.on)
    opts_fail(&o, "%s needs --bands", "--band-range");
  if (br.on && (quantiles || summary))
    opts_fail(&o, "%s: bands go with the table only", "--bands");
  if (br.on && type != SURV_CI_PLAIN && type != SURV_CI_LOGLOG &&
      type != SURV_CI_ARCSIN)
    opts_fail(&o, "%s: bands take --conf-type plain, log-log or arcsin",
              "--bands");
  if (stream && rows)
    opts_fail(&o, "%s: choose one", "--stream --no-stream");
  if (stream && summary)
    opts_fail(&o, "%s: --summary needs the rows; not with --stream",
              "--stream --summary");
  if (stream && fig.svg)
    opts_fail(&o, "%s: the figure needs the rows; not with --stream",
              "--stream --svg");
  br.opt.type = type;
  br.opt.level = level;
  if (!path)
    path = "-";
  const char *name = strcmp(path, "-") == 0 ? "<stdin>" : path;
  /* By default the rows are counted as they are read (--stream) whenever
   * that prints the same bytes: not for --summary and --svg (they need the
   * rows), nor --entry (an (entry, time] interval that the near-tie merge
   * collapses is an error only the rows show), nor when the input cannot be
   * read again should the table outgrow terms_surv_auto_cells. */
  if (!stream && !rows && !summary && !fig.svg && !spec.entry &&
      (spec.max_cells = terms_surv_auto_cells(path)) > 0)
    stream = 1;

  char err[CSV_ERRLEN];
  terms_surv in;
  terms_surv_counts cin; /* --stream: rows counted as they are read */
  surv_result *km = NULL;
  surv_data d = SURV_DATA_INIT;
  memset(&in, 0, sizeof in);
  memset(&cin, 0, sizeof cin);
  int got = stream ? STREAM_READ(path, &spec, &cin, err, sizeof err) : 0;
  if (got == -2) /* mostly distinct times: read again, keeping the rows */
    stream = 0;
  if (got == -1 ||
      (!stream && terms_surv_read(path, &spec, &in, err, sizeof err) != 0)) {
    fprintf(stderr, PROG ": %s\n", err);
    free(fig.risk_t);
    return 1;
  }
  d.n = in.n;
  d.time = in.time;
  d.status = in.status;
  d.entry = in.entry;
  d.weight = in.weight;
  d.group = in.group.code;
  int rc =
      stream ? surv_counts_km_fit(cin.counts, 0, &km) : surv_km_fit(&d, 0, &km);
  const terms_labels *g = !spec.group ? NULL : stream ? &cin.group : &in.group;
  if (rc != SURV_OK) {
    fprintf(stderr, PROG ": %s: %s\n", name, surv_strerror(rc));
  } else if (fig.svg && km_figure(km, &d, type, level, name, g, spec.group,
                                  &fig, &br) != 0) {
    rc = SURV_EINVAL; /* reported */
  }
  free(fig.risk_t);
  if (rc != SURV_OK) {
    surv_result_free(km);
    terms_surv_free(&in);
    terms_surv_counts_free(&cin);
    return 1;
  }
  static char outbuf[1 << 16];
  setvbuf(stdout, outbuf, _IOFBF, sizeof outbuf);
  int bad = quantiles ? print_quantiles(km, type, level, name, g)
            : summary ? print_summary(km, &d, type, level, name, g)
                      : print_table(km, type, level, name, g, &br);
  surv_result_free(km);
  size_t dropped = stream ? cin.n_dropped : in.n_dropped;
  terms_surv_free(&in);
  terms_surv_counts_free(&cin);
  if (bad)
    return 1;
  terms_report_dropped(PROG, dropped);
  return opts_close_stdout(&o);
}
