/* Published figures checked against libsurv (see audit.h, surv-audit(1)):
 * counts by a pass over the rows; medians and landmark survival from the
 * arm's Kaplan-Meier curve (surv_km_fit, surv_curve_quantile and
 * surv_curve_at: R's quantile.survfit and summary.survfit); hazard ratios
 * and the Cox tests from a Cox model of the two arms with one indicator
 * (surv_cox_fit: R's coxph); the log-rank p-value from surv_logrank_test
 * (R's survdiff). Each figure costs one fit on the rows of its arms. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <surv.h>

#include "audit.h"
#include "csv.h"

void audit_free(audit_data *d) {
  free(d->time);
  free(d->status);
  free(d->arm);
  for (size_t k = 0; k < d->narm; k++)
    free(d->names[k]);
  free(d->names);
}

/* The index of arm name s (len bytes), added when new; (size_t)-1 when out
 * of memory. */
static size_t arm_index(audit_data *d, const char *s, size_t len,
                        size_t *last) {
  if (*last < d->narm && strcmp(d->names[*last], s) == 0)
    return *last;
  for (size_t k = 0; k < d->narm; k++)
    if (strcmp(d->names[k], s) == 0)
      return *last = k;
  char **p = realloc(d->names, (d->narm + 1) * sizeof *p);
  if (!p)
    return (size_t)-1;
  d->names = p;
  if (!(p[d->narm] = malloc(len + 1)))
    return (size_t)-1;
  memcpy(p[d->narm], s, len + 1);
  return *last = d->narm++;
}

int audit_read(const char *path, audit_data *out, char *err, size_t errlen) {
  csv *c = csv_open(path, err, errlen);
  if (!c)
    return -1;
  audit_data d = {0, 0, NULL, NULL, NULL, NULL};
  int jt = csv_col(c, "time"), js = csv_col(c, "status"),
      ja = csv_col(c, "arm");
  int rc = 0;
  if (jt < 0 || js < 0 || ja < 0) {
    csv_fail(c, "no column named '%s' in the header",
             jt < 0   ? "time"
             : js < 0 ? "status"
                      : "arm");
    rc = -1;
  }
  size_t cap = rc ? 0 : csv_rows_hint(c) + 1, last = 0;
  if (!rc && (!(d.time = malloc(cap * sizeof *d.time)) ||
              !(d.status = malloc(cap * sizeof *d.status)) ||
              !(d.arm = malloc(cap * sizeof *d.arm)))) {
    csv_fail(c, "out of memory");
    rc = -1;
  }
  while (!rc && (rc = csv_next(c)) > 0) {
    rc = 0;
    if (d.n == cap) { /* the hint is an upper bound; never reached */
      csv_fail(c, "more rows than lines");
      rc = -1;
      break;
    }
    if (csv_get_time(c, (size_t)jt, &d.time[d.n]) != CSV_OK ||
        csv_get_01(c, (size_t)js, &d.status[d.n]) != CSV_OK) {
      rc = -1;
      break;
    }
    size_t len = csv_field_len(c, (size_t)ja);
    if (len == 0) {
      csv_fail(c, "missing value in column 'arm'");
      rc = -1;
      break;
    }
    size_t k = arm_index(&d, csv_field(c, (size_t)ja), len, &last);
    if (k == (size_t)-1) {
      csv_fail(c, "out of memory");
      rc = -1;
      break;
    }
    d.arm[d.n++] = k;
  }
  if (rc == 0 && d.n == 0) {
    csv_fail(c, "no data rows");
    rc = -1;
  }
  if (rc < 0) {
    snprintf(err, errlen, "%s", csv_errmsg(c));
    csv_close(c);
    audit_free(&d);
    return -1;
  }
  csv_close(c);
  *out = d;
  return 0;
}

/* The rows of one or two arms: time, status, x (1 for the first arm, 0 for
 * the second) and a group label (1 first, 2 second). */
typedef struct subset {
  size_t n;
  double *time, *x;
  int *status, *group;
} subset;

static void subset_free(subset *s) {
  free(s->time);
  free(s->x);
  free(s->status);
  free(s->group);
}

static int subset_make(const audit_data *d, size_t a, size_t b, subset *s) {
  memset(s, 0, sizeof *s);
  size_t m = 0;
  for (size_t i = 0; i < d->n; i++)
    m += d->arm[i] == a || d->arm[i] == b;
  if (!(s->time = malloc(m * sizeof *s->time)) ||
      !(s->x = malloc(m * sizeof *s->x)) ||
      !(s->status = malloc(m * sizeof *s->status)) ||
      !(s->group = malloc(m * sizeof *s->group))) {
    subset_free(s);
    return SURV_ENOMEM;
  }
  for (size_t i = 0; i < d->n; i++)
    if (d->arm[i] == a || d->arm[i] == b) {
      s->time[s->n] = d->time[i];
      s->status[s->n] = d->status[i];
      s->x[s->n] = d->arm[i] == a;
      s->group[s->n] = d->arm[i] == a ? 1 : 2;
      s->n++;
    }
  return SURV_OK;
}

/* Median or landmark survival of one arm: v->est, lower, upper. */
static int km_figure(const subset *s, const pub_figure *f, audit_value *v) {
  surv_data dt = SURV_DATA_INIT;
  dt.n = s->n;
  dt.time = s->time;
  dt.status = s->status;
  surv_result *km;
  int rc = surv_km_fit(&dt, 0, &km);
  if (rc != SURV_OK)
    return rc;
  if (f->kind == PUB_MEDIAN) {
    const double half = 0.5;
    rc = surv_curve_quantile(km, &half, 1, f->ci, f->level, &v->est, &v->lower,
                             &v->upper, 1);
  } else {
    rc = surv_curve_at(km, &f->at, 1, f->ci, f->level, &v->est, NULL, &v->lower,
                       &v->upper, NULL, 1);
  }
  surv_result_free(km);
  return rc;
}

/* Hazard ratio of the first arm (x = 1) or a test of the two arms. */
static int two_arm_figure(const subset *s, const pub_figure *f,
                          audit_value *v) {
  surv_data dt = SURV_DATA_INIT;
  dt.n = s->n;
  dt.time = s->time;
  dt.status = s->status;
  surv_result *r;
  surv_test t;
  int rc;
  if (f->kind == PUB_PVALUE && f->test == PUB_TEST_LOGRANK) {
    dt.group = s->group;
    rc = surv_logrank_test(&dt, NULL, &r);
    if (rc != SURV_OK)
      return rc;
    rc = surv_result_test(r, SURV_TEST_MAIN, &t);
    v->est = t.p_value;
    surv_result_free(r);
    return rc;
  }
  surv_cox_options o = SURV_COX_OPTIONS_INIT;
  o.ties = f->ties;
  o.conf_level = f->level;
  dt.x = s->x;
  dt.p = 1;
  rc = surv_cox_fit(&dt, &o, &r);
  if (rc != SURV_OK)
    return rc;
  if (f->kind == PUB_HR) {
    const double *hr = surv_result_column(r, SURV_COL_EXP_COEF, NULL),
                 *lo = surv_result_column(r, SURV_COL_LOWER, NULL),
                 *up = surv_result_column(r, SURV_COL_UPPER, NULL);
    if (!hr || !lo || !up)
      rc = SURV_EINVAL;
    else {
      v->est = hr[0];
      v->lower = lo[0];
      v->upper = up[0];
    }
  } else {
    surv_test_kind k = f->test == PUB_TEST_WALD ? SURV_TEST_WALD
                       : f->test == PUB_TEST_LR ? SURV_TEST_LR
                                                : SURV_TEST_SCORE;
    rc = surv_result_test(r, k, &t);
    v->est = t.p_value;
  }
  surv_result_free(r);
  return rc;
}

static size_t find_arm(const audit_data *d, const char *name) {
  for (size_t k = 0; k < d->narm; k++)
    if (strcmp(d->names[k], name) == 0)
      return k;
  return (size_t)-1;
}

int audit_compute(const audit_data *d, const pub_figure *f, const char *figures,
                  audit_value *out, char *err, size_t errlen) {
  char b[CSV_SHOWLEN];
  int two = f->kind == PUB_HR || f->kind == PUB_PVALUE;
  size_t a = find_arm(d, f->arm), r = two ? find_arm(d, f->ref) : a;
  if (a == (size_t)-1 || r == (size_t)-1) {
    const char *name = a == (size_t)-1 ? f->arm : f->ref;
    csv_escape(b, sizeof b, name, strlen(name), 40);
    snprintf(err, errlen, "%s:%ld: no arm '%s' in the data", figures, f->line,
             b);
    return -1;
  }
  audit_value v = {NAN, NAN, NAN, 0};
  int rc = SURV_OK;
  if (f->kind == PUB_PATIENTS || f->kind == PUB_EVENTS) {
    long c = 0;
    for (size_t i = 0; i < d->n; i++)
      c += d->arm[i] == a && (f->kind == PUB_PATIENTS || d->status[i] == 1);
    v.est = (double)c;
  } else {
    subset s;
    rc = subset_make(d, a, r, &s);
    if (rc == SURV_OK) {
      rc = two ? two_arm_figure(&s, f, &v) : km_figure(&s, f, &v);
      subset_free(&s);
    }
  }
  if (rc != SURV_OK) {
    snprintf(err, errlen, "%s:%ld: %s", figures, f->line, surv_strerror(rc));
    return -1;
  }
  v.est *= f->scale;
  v.lower *= f->scale;
  v.upper *= f->scale;
  v.match = pub_number_match(&f->est, v.est);
  if (f->lower.present)
    v.match = v.match && pub_number_match(&f->lower, v.lower) &&
              pub_number_match(&f->upper, v.upper);
  *out = v;
  return 0;
}
