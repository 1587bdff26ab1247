/* surv-cox: Cox proportional hazards regression of a CSV file, as R's
 * coxph(Surv(time, status) ~ TERM + ...) and summary() print it; see
 * surv-cox(1) for the contract (options, factors, missing values, output,
 * exit status).
 *
 * The input is read and checked completely and the model fitted before
 * anything is printed, so a failure leaves stdout empty. A column given as a
 * TERM whose values are not all numbers (NA and empty cells aside) is a
 * factor: its levels in byte order, the first the reference, one 0/1 column
 * per other level named COLUMN + LEVEL as R names them. Rows with NA or an
 * empty cell in any used column are left out (R's na.omit) and counted.
 * Cost: O(bytes) to read, then surv_cox_fit(3). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <surv.h>

#include "csv.h"

#define PROG "surv-cox"

static void usage(FILE *f) {
  fprintf(
      f, "usage: " PROG " [--time=COL] [--status=COL] [--entry=COL] "
         "[--strata=COL] [--cluster=COL]\n"
         "       [--weights=COL] [--robust] [--ties=efron|breslow|exact] "
         "[--conf-level=P]\n"
         "       [--summary | --survival-at=T1,T2,...] FILE TERM [TERM...]\n"
         "Cox proportional hazards model of the CSV FILE ('-' for standard "
         "input): time and\nstatus (1 = event, 0 = censored) columns, one "
         "TERM per covariate column (a column\nwith non-numeric values is a "
         "factor, its first level in byte order the reference);\nprints one "
         "row per coefficient, or the model's statistics (--summary), or the\n"
         "survival of the mean subject at the given times; see surv-cox(1).\n");
}

static int is_na(const char *s) { return s[0] == 0 || strcmp(s, "NA") == 0; }

static int cmp_str(const void *a, const void *b) {
  return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* One used column: its index in the file and, per kept row, the text. */
typedef struct {
  const char *name;
  int j;
} ucol;

typedef struct {
  size_t n, p, dropped;
  double *time, *entry, *weight, *x;
  int *status, *strata, *cluster;
  char **names; /* p term names */
} model;

static void model_free(model *m) {
  free(m->time);
  free(m->entry);
  free(m->weight);
  free(m->x);
  free(m->status);
  free(m->strata);
  free(m->cluster);
  if (m->names)
    for (size_t j = 0; j < m->p; j++)
      free(m->names[j]);
  free(m->names);
}

/* Labels of a strata or cluster column: integers as they are; any other
 * text numbered by its rank in byte order. */
static int labels_of(const char **txt, size_t n, int *out) {
  size_t i;
  int numeric = 1;
  for (i = 0; i < n && numeric; i++) {
    double v;
    if (csv_parse_double(txt[i], strlen(txt[i]), &v) != 0 || v != floor(v) ||
        fabs(v) > 2147483647.0)
      numeric = 0;
    else
      out[i] = (int)v;
  }
  if (numeric)
    return 0;
  const char **u = malloc(n * sizeof *u);
  if (!u)
    return -1;
  memcpy(u, txt, n * sizeof *u);
  qsort(u, n, sizeof *u, cmp_str);
  size_t k = 0;
  for (i = 0; i < n; i++)
    if (k == 0 || strcmp(u[k - 1], u[i]) != 0)
      u[k++] = u[i];
  for (i = 0; i < n; i++) {
    const char *key = txt[i];
    const char **hit = bsearch(&key, u, k, sizeof *u, cmp_str);
    out[i] = (int)(hit - u);
  }
  free(u);
  return 0;
}

/* Reads FILE: returns 0, or 1 after printing the one-line message. */
static int read_model(const char *path, const char *tcol, const char *scol,
                      const char *ecol, const char *stcol, const char *clcol,
                      const char *wcol, char **terms, size_t nterms, model *m) {
  char err[CSV_ERRLEN];
  csv *c = csv_open(path, err, sizeof err);
  size_t i, k, nu = 0, cap, nr = 0;
  ucol u[64];
  const char **txt = NULL;
  int rc = 1;
  memset(m, 0, sizeof *m);
  if (!c) {
    fprintf(stderr, PROG ": %s\n", err);
    return 1;
  }
  if (nterms > 48) {
    fprintf(stderr, PROG ": %s: more than 48 terms\n", csv_filename(c));
    csv_close(c);
    return 1;
  }
  const char *want[6] = {tcol, scol, ecol, stcol, clcol, wcol};
  for (k = 0; k < 6; k++)
    u[nu++] = (ucol){want[k], -1};
  for (k = 0; k < nterms; k++)
    u[nu++] = (ucol){terms[k], -1};
  for (k = 0; k < nu; k++) {
    if (!u[k].name)
      continue;
    u[k].j = csv_col(c, u[k].name);
    if (u[k].j < 0) {
      fprintf(stderr, PROG ": %s: no column named '%s' in the header\n",
              csv_filename(c), u[k].name);
      goto done;
    }
  }
  cap = csv_rows_hint(c) + 1;
  txt = malloc(cap * nu * sizeof *txt);
  if (!txt) {
    fprintf(stderr, PROG ": %s: out of memory\n", csv_filename(c));
    goto done;
  }
  int r;
  while ((r = csv_next(c)) > 0) {
    int na = 0;
    for (k = 0; k < nu; k++)
      if (u[k].name && is_na(csv_field(c, (size_t)u[k].j)))
        na = 1;
    if (na) {
      m->dropped++;
      continue;
    }
    for (k = 0; k < nu; k++)
      txt[nr * nu + k] = u[k].name ? csv_field(c, (size_t)u[k].j) : NULL;
    /* numeric checks of time, status, entry, weights, line by line */
    double t, e = 0, w;
    int s;
    if (csv_get_time(c, (size_t)u[0].j, &t) != CSV_OK ||
        csv_get_01(c, (size_t)u[1].j, &s) != CSV_OK ||
        (ecol && csv_get_time(c, (size_t)u[2].j, &e) != CSV_OK) ||
        (wcol && csv_get_double(c, (size_t)u[5].j, &w) != CSV_OK)) {
      fprintf(stderr, PROG ": %s\n", csv_errmsg(c));
      goto done;
    }
    if (ecol && !(e < t)) {
      csv_fail(c, "entry time %s is not below the time %s",
               csv_field(c, (size_t)u[2].j), csv_field(c, (size_t)u[0].j));
      fprintf(stderr, PROG ": %s\n", csv_errmsg(c));
      goto done;
    }
    if (wcol && !(w > 0)) {
      csv_fail(c, "weight %s in column '%s' is not positive",
               csv_field(c, (size_t)u[5].j), wcol);
      fprintf(stderr, PROG ": %s\n", csv_errmsg(c));
      goto done;
    }
    nr++;
  }
  if (r < 0) {
    fprintf(stderr, PROG ": %s\n", csv_errmsg(c));
    goto done;
  }
  if (nr == 0) {
    fprintf(stderr, PROG ": %s: no complete rows\n", csv_filename(c));
    goto done;
  }
  /* columns of the design: numeric terms as they are, factors expanded */
  size_t p = 0, pcap = 64;
  m->names = calloc(pcap, sizeof *m->names);
  const char ***lev = calloc(nterms, sizeof *lev);
  size_t *nlev = calloc(nterms, sizeof *nlev);
  if (!m->names || !lev || !nlev)
    goto oom;
  for (k = 0; k < nterms; k++) {
    size_t col = 6 + k;
    int numeric = 1;
    for (i = 0; i < nr && numeric; i++) {
      double v;
      const char *s = txt[i * nu + col];
      if (csv_parse_double(s, strlen(s), &v) != 0)
        numeric = 0;
    }
    if (numeric) {
      if (p == pcap)
        goto toomany;
      m->names[p++] = strdup(terms[k]);
      continue;
    }
    const char **l = malloc(nr * sizeof *l);
    if (!l)
      goto oom2;
    for (i = 0; i < nr; i++)
      l[i] = txt[i * nu + col];
    qsort(l, nr, sizeof *l, cmp_str);
    size_t q = 0;
    for (i = 0; i < nr; i++)
      if (q == 0 || strcmp(l[q - 1], l[i]) != 0)
        l[q++] = l[i];
    lev[k] = l;
    nlev[k] = q;
    for (i = 1; i < q; i++) {
      if (p == pcap)
        goto toomany;
      size_t len = strlen(terms[k]) + strlen(l[i]) + 1;
      m->names[p] = malloc(len);
      if (!m->names[p])
        goto oom2;
      snprintf(m->names[p++], len, "%s%s", terms[k], l[i]);
    }
  }
  m->p = p;
  m->n = nr;
  if (p == 0) {
    fprintf(stderr, PROG ": %s: every term is a factor with one level\n",
            csv_filename(c));
    goto free_lev;
  }
  m->time = malloc(nr * sizeof *m->time);
  m->status = malloc(nr * sizeof *m->status);
  m->x = calloc(nr * p, sizeof *m->x);
  if (ecol)
    m->entry = malloc(nr * sizeof *m->entry);
  if (wcol)
    m->weight = malloc(nr * sizeof *m->weight);
  if (stcol)
    m->strata = malloc(nr * sizeof *m->strata);
  if (clcol)
    m->cluster = malloc(nr * sizeof *m->cluster);
  if (!m->time || !m->status || !m->x || (ecol && !m->entry) ||
      (wcol && !m->weight) || (stcol && !m->strata) || (clcol && !m->cluster))
    goto oom2;
  for (i = 0; i < nr; i++) {
    const char **row = txt + i * nu;
    csv_parse_double(row[0], strlen(row[0]), &m->time[i]);
    double s;
    csv_parse_double(row[1], strlen(row[1]), &s);
    m->status[i] = s != 0;
    if (ecol)
      csv_parse_double(row[2], strlen(row[2]), &m->entry[i]);
    if (wcol)
      csv_parse_double(row[5], strlen(row[5]), &m->weight[i]);
    size_t q = 0;
    for (k = 0; k < nterms; k++) {
      const char *v = row[6 + k];
      if (!lev[k]) {
        csv_parse_double(v, strlen(v), &m->x[i * p + q++]);
        continue;
      }
      const char **hit = bsearch(&v, lev[k], nlev[k], sizeof *lev[k], cmp_str);
      size_t lv = (size_t)(hit - lev[k]);
      if (lv > 0)
        m->x[i * p + q + lv - 1] = 1;
      q += nlev[k] - 1;
    }
  }
  {
    const char **tmp = malloc(nr * sizeof *tmp);
    if (!tmp)
      goto oom2;
    for (int which = 0; which < 2; which++) {
      int *dst = which ? m->cluster : m->strata;
      if (!dst)
        continue;
      for (i = 0; i < nr; i++)
        tmp[i] = txt[i * nu + (which ? 4 : 3)];
      if (labels_of(tmp, nr, dst) != 0) {
        free(tmp);
        goto oom2;
      }
    }
    free(tmp);
  }
  rc = 0;
  goto free_lev;
toomany:
  fprintf(stderr, PROG ": %s: more than 64 model columns\n", csv_filename(c));
  goto free_lev;
oom2:
oom:
  fprintf(stderr, PROG ": %s: out of memory\n", csv_filename(c));
free_lev:
  if (lev)
    for (k = 0; k < nterms; k++)
      free(lev[k]);
  free(lev);
  free(nlev);
done:
  free(txt);
  csv_close(c);
  if (rc != 0)
    model_free(m);
  return rc;
}

static void put_test(const char *key, const surv_result *fit, surv_test_kind k,
                     int with_df) {
  surv_test t = {NAN, NAN, NAN};
  surv_result_test(fit, k, &t);
  printf("%s_test\t", key);
  csv_put_num(t.statistic, 1);
  if (with_df) {
    printf("%s_df\t", key);
    csv_put_num(t.df, 1);
  }
  printf("%s_p\t", key);
  csv_put_num(t.p_value, 1);
}

static double stat_of(const surv_result *r, surv_stat k) {
  double v = NAN;
  surv_result_stat(r, k, &v);
  return v;
}

/* Parses "T1,T2,..." (finite, >= 0). Returns the count, or 0 on error. */
static size_t parse_times(const char *s, double **out) {
  size_t n = 1, k = 0;
  for (const char *q = s; *q; q++)
    n += *q == ',';
  double *t = malloc(n * sizeof *t);
  if (!t)
    return 0;
  const char *a = s;
  while (1) {
    const char *b = strchr(a, ',');
    size_t len = b ? (size_t)(b - a) : strlen(a);
    if (csv_parse_double(a, len, &t[k]) != 0 || t[k] < 0) {
      free(t);
      return 0;
    }
    k++;
    if (!b)
      break;
    a = b + 1;
  }
  *out = t;
  return k;
}

int main(int argc, char **argv) {
  const char *tcol = "time", *scol = "status", *ecol = NULL, *stcol = NULL,
             *clcol = NULL, *wcol = NULL, *path = NULL, *at = NULL;
  char **terms = calloc((size_t)argc, sizeof *terms);
  size_t nterms = 0;
  int summary = 0, status = 1;
  surv_cox_options o = SURV_COX_OPTIONS_INIT;
  double level = 0.95;
  if (!terms)
    return 1;
  for (int i = 1; i < argc; i++) {
    const char *a = argv[i];
#define OPTV(name) (strncmp(a, name "=", sizeof name) == 0 && a[sizeof name])
    if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
      usage(stdout);
      free(terms);
      return 0;
    } else if (strcmp(a, "--version") == 0) {
      printf(PROG " (libsurv %s)\n", surv_version());
      free(terms);
      return 0;
    } else if (OPTV("--time")) {
      tcol = a + 7;
    } else if (OPTV("--status")) {
      scol = a + 9;
    } else if (OPTV("--entry")) {
      ecol = a + 8;
    } else if (OPTV("--strata")) {
      stcol = a + 9;
    } else if (OPTV("--cluster")) {
      clcol = a + 10;
    } else if (OPTV("--weights")) {
      wcol = a + 10;
    } else if (strcmp(a, "--robust") == 0) {
      o.flags |= SURV_COX_ROBUST;
    } else if (strncmp(a, "--ties=", 7) == 0) {
      const char *v = a + 7;
      if (strcmp(v, "efron") == 0)
        o.ties = SURV_TIES_EFRON;
      else if (strcmp(v, "breslow") == 0)
        o.ties = SURV_TIES_BRESLOW;
      else if (strcmp(v, "exact") == 0)
        o.ties = SURV_TIES_EXACT;
      else {
        free(terms);
        return csv_usage_error(
            PROG, usage, "--ties must be efron, breslow or exact, not '%s'", v);
      }
    } else if (strncmp(a, "--conf-level=", 13) == 0) {
      if (csv_parse_double(a + 13, strlen(a + 13), &level) != 0 ||
          !(level > 0 && level < 1)) {
        free(terms);
        return csv_usage_error(
            PROG, usage, "--conf-level must be in (0, 1), not '%s'", a + 13);
      }
    } else if (strcmp(a, "--summary") == 0) {
      summary = 1;
    } else if (OPTV("--survival-at")) {
      at = a + 14;
    } else if (a[0] == '-' && a[1] != '\0') {
      free(terms);
      return csv_usage_error(PROG, usage, "unknown option '%s'", a);
    } else if (!path) {
      path = a;
    } else {
      terms[nterms++] = argv[i];
    }
#undef OPTV
  }
  if (summary && at) {
    free(terms);
    return csv_usage_error(PROG, usage, "%s",
                           "--summary and --survival-at exclude each other");
  }
  if (!path || nterms == 0) {
    free(terms);
    return csv_usage_error(PROG, usage, "%s",
                           path ? "no TERM given" : "no FILE given");
  }
  double *times = NULL;
  size_t ntimes = 0;
  if (at && (ntimes = parse_times(at, &times)) == 0) {
    free(terms);
    return csv_usage_error(
        PROG, usage,
        "--survival-at must be times >= 0 separated by commas, "
        "not '%s'",
        at);
  }
  o.conf_level = level;
  model m;
  surv_result *fit = NULL, *curve = NULL;
  if (read_model(path, tcol, scol, ecol, stcol, clcol, wcol, terms, nterms,
                 &m) != 0) {
    free(times);
    free(terms);
    return 1;
  }
  const char *fname = strcmp(path, "-") == 0 ? "<stdin>" : path;
  surv_data d = SURV_DATA_INIT;
  d.n = m.n;
  d.time = m.time;
  d.status = m.status;
  d.entry = m.entry;
  d.weight = m.weight;
  d.strata = m.strata;
  d.cluster = m.cluster;
  d.x = m.x;
  d.p = m.p;
  int rc = surv_cox_fit(&d, &o, &fit);
  if (rc == SURV_OK && at) {
    surv_cox_survfit_options so = SURV_COX_SURVFIT_OPTIONS_INIT;
    rc = surv_cox_survfit(fit, NULL, &so, &curve);
  }
  if (rc != SURV_OK) {
    fprintf(stderr, PROG ": %s: %s\n", fname,
            rc == SURV_EINVAL && o.ties == SURV_TIES_EXACT && wcol
                ? "case weights are not supported with --ties=exact"
            : rc == SURV_ETIME && ecol
                ? "an (entry, time] interval collapses when near-tied times "
                  "are merged"
                : surv_strerror(rc));
    goto done;
  }
  if (summary) {
    printf("n\t");
    csv_put_num(stat_of(fit, SURV_STAT_N), 1);
    printf("nevent\t");
    csv_put_num(stat_of(fit, SURV_STAT_N_EVENT), 1);
    printf("n_dropped\t");
    csv_put_num((double)m.dropped, 1);
    printf("loglik_null\t");
    csv_put_num(stat_of(fit, SURV_STAT_LOGLIK_NULL), 1);
    printf("loglik\t");
    csv_put_num(stat_of(fit, SURV_STAT_LOGLIK), 1);
    put_test("lr", fit, SURV_TEST_LR, 1);
    put_test("wald", fit, SURV_TEST_WALD, 0);
    put_test("score", fit, SURV_TEST_SCORE, 0);
    surv_test t = {NAN, NAN, NAN};
    surv_result_test(fit, SURV_TEST_ROBUST_SCORE, &t);
    printf("robust_score\t");
    csv_put_num(t.statistic, 1);
    printf("concordance\t");
    csv_put_num(stat_of(fit, SURV_STAT_CONCORDANCE), 1);
    printf("concordance_se\t");
    csv_put_num(stat_of(fit, SURV_STAT_CONCORDANCE_SE), 1);
    printf("iter\t");
    csv_put_num(stat_of(fit, SURV_STAT_ITER), 1);
    printf("converged\t");
    csv_put_num(stat_of(fit, SURV_STAT_CONVERGED), 1);
  } else if (at) {
    /* R summary(survfit(fit), times =): the step function at each time;
     * before the first row S = 1 with no error; past the last row of a
     * curve the time is left out (R's extend = FALSE) */
    size_t nrow;
    const double *ct = surv_result_column(curve, SURV_COL_TIME, &nrow);
    const double *cs = surv_result_column(curve, SURV_COL_SURV, NULL);
    const double *ce = surv_result_column(curve, SURV_COL_STD_ERR, NULL);
    const double *cl = surv_result_column(curve, SURV_COL_LOWER, NULL);
    const double *cu = surv_result_column(curve, SURV_COL_UPPER, NULL);
    const double *cst = surv_result_column(curve, SURV_COL_STRATUM, NULL);
    printf("%stime\tsurv\tstd_err\tlower\tupper\n", cst ? "stratum\t" : "");
    size_t a = 0;
    while (a < nrow) {
      size_t b = a;
      while (b < nrow && (!cst || cst[b] == cst[a]))
        b++;
      for (size_t q = 0; q < ntimes; q++) {
        if (times[q] > ct[b - 1])
          continue;
        size_t lo = a, hi = b; /* rows a .. lo-1 have time <= T */
        while (lo < hi) {
          size_t mid = lo + (hi - lo) / 2;
          if (ct[mid] <= times[q])
            lo = mid + 1;
          else
            hi = mid;
        }
        if (cst)
          csv_put_num(cst[a], 0);
        csv_put_num(times[q], 0);
        if (lo == a) {
          csv_put_num(1, 0);
          csv_put_num(0, 0);
          csv_put_num(1, 0);
          csv_put_num(1, 1);
        } else {
          csv_put_num(cs[lo - 1], 0);
          csv_put_num(ce[lo - 1], 0);
          csv_put_num(cl[lo - 1], 0);
          csv_put_num(cu[lo - 1], 1);
        }
      }
      a = b;
    }
  } else {
    size_t p;
    const double *cc = surv_result_column(fit, SURV_COL_COEF, &p);
    const double *ce = surv_result_column(fit, SURV_COL_EXP_COEF, NULL);
    const double *cse = surv_result_column(fit, SURV_COL_SE, NULL);
    const double *crs = surv_result_column(fit, SURV_COL_ROBUST_SE, NULL);
    const double *cz = surv_result_column(fit, SURV_COL_Z, NULL);
    const double *cp = surv_result_column(fit, SURV_COL_P_VALUE, NULL);
    const double *cl = surv_result_column(fit, SURV_COL_LOWER, NULL);
    const double *cu = surv_result_column(fit, SURV_COL_UPPER, NULL);
    printf("term\tcoef\texp_coef\tse_coef\trobust_se\tz\tp\tlower\tupper\n");
    for (size_t j = 0; j < p; j++) {
      printf("%s\t", m.names[j]);
      csv_put_num(cc[j], 0);
      csv_put_num(ce[j], 0);
      csv_put_num(cse[j], 0);
      csv_put_num(crs ? crs[j] : NAN, 0);
      csv_put_num(cz[j], 0);
      csv_put_num(cp[j], 0);
      csv_put_num(cl[j], 0);
      csv_put_num(cu[j], 1);
    }
  }
  status = fflush(stdout) == 0 ? 0 : 1;
done:
  surv_result_free(curve);
  surv_result_free(fit);
  model_free(&m);
  free(times);
  free(terms);
  return status;
}
