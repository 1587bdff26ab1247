/* Model terms from a CSV file: see terms.h. One pass over the file keeps a
 * pointer to each used field (the text lives in the csv buffer), decides
 * which term columns are factors (any value that is not a number), then
 * builds the design of the rows kept. Cost: O(bytes) to read, O(n p) for
 * the design, O(n log L) for factor levels and strata. */
#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <surv.h>

#include "csv.h"
#include "terms.h"

static int is_missing(const char *s) {
  return s[0] == '\0' || (s[0] == 'N' && s[1] == 'A' && s[2] == '\0');
}

static int cmp_str(const void *a, const void *b) {
  return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* The distinct strings of s[0..n) in byte order, into *out (malloc). */
static size_t distinct_sorted(const char **s, size_t n, const char ***out) {
  const char **v = malloc((n ? n : 1) * sizeof *v);
  size_t i, k = 0;
  if (!v)
    return (size_t)-1;
  memcpy(v, s, n * sizeof *v);
  qsort(v, n, sizeof *v, cmp_str);
  for (i = 0; i < n; i++)
    if (k == 0 || strcmp(v[i], v[k - 1]) != 0)
      v[k++] = v[i];
  *out = v;
  return k;
}

static size_t find_str(const char **v, size_t k, const char *s) {
  size_t lo = 0, hi = k;
  while (lo < hi) {
    size_t mid = lo + (hi - lo) / 2;
    int c = strcmp(v[mid], s);
    if (c == 0)
      return mid;
    if (c < 0)
      lo = mid + 1;
    else
      hi = mid;
  }
  return k;
}

typedef struct {
  double v;
  const char *s;
} numlab;

static int cmp_numlab(const void *a, const void *b) {
  double x = ((const numlab *)a)->v, y = ((const numlab *)b)->v;
  return (x > y) - (x < y);
}

static char *dupstr(const char *a, const char *b) {
  size_t la = strlen(a), lb = strlen(b);
  char *s = malloc(la + lb + 1);
  if (s) {
    memcpy(s, a, la);
    memcpy(s + la, b, lb + 1);
  }
  return s;
}

/* The index of the column named name in *j: 0, or -1 with "FILE: no column
 * named ..." in err. */
static int find_col(const csv *c, const char *name, int *j, char *err,
                    size_t errlen) {
  if ((*j = csv_col(c, name)) >= 0)
    return 0;
  snprintf(err, errlen, "%s: no column named '%s' in the header",
           csv_filename(c), name);
  return -1;
}

/* Codes 0..K-1 of the labels s[0..n) in R's order of strata() levels:
 * numeric when every label is a number, else byte order; *label (K strings,
 * as in the file). 0, or -1 when out of memory (outputs then owned by the
 * caller's terms_free via *code and *label). */
static int labels_numeric(const char **s, size_t n) {
  double v;
  for (size_t i = 0; i < n; i++)
    if (csv_parse_double(s[i], strlen(s[i]), &v) != 0)
      return 0;
  return 1;
}

static int code_labels(const char **s, size_t n, int **code, char ***label,
                       size_t *nlab) {
  int numeric = labels_numeric(s, n);
  size_t i, k = 0;
  double v;
  if (!(*code = malloc(n * sizeof **code)))
    return -1;
  if (numeric) {
    /* distinct values in first-seen order (open addressing on the value's
     * bits), then only those sorted: O(n + k log k) */
    size_t cap = 64, ncap = 16, h, *tab = malloc(cap * sizeof *tab), *rank;
    numlab *nl = malloc(ncap * sizeof *nl), *sl;
    if (!tab || !nl) {
      free(tab);
      free(nl);
      return -1;
    }
    for (h = 0; h < cap; h++)
      tab[h] = SIZE_MAX;
    for (i = 0; i < n; i++) {
      uint64_t b;
      csv_parse_double(s[i], strlen(s[i]), &v);
      v += 0.0; /* -0 as +0 */
      memcpy(&b, &v, sizeof b);
      h = (size_t)((b * UINT64_C(0x9E3779B97F4A7C15)) >> 32) & (cap - 1);
      while (tab[h] != SIZE_MAX && nl[tab[h]].v != v)
        h = (h + 1) & (cap - 1);
      if (tab[h] == SIZE_MAX) { /* a new value */
        if (k == ncap) {
          numlab *g = realloc(nl, 2 * ncap * sizeof *nl);
          if (!g) {
            free(tab);
            free(nl);
            return -1;
          }
          nl = g;
          ncap *= 2;
        }
        nl[k].v = v;
        nl[k].s = s[i];
        tab[h] = k++;
        if (2 * k > cap) { /* rebuild at twice the size */
          size_t *t2 = malloc(2 * cap * sizeof *t2), d;
          if (!t2) {
            free(tab);
            free(nl);
            return -1;
          }
          cap *= 2;
          for (h = 0; h < cap; h++)
            t2[h] = SIZE_MAX;
          for (d = 0; d < k; d++) {
            memcpy(&b, &nl[d].v, sizeof b);
            h = (size_t)((b * UINT64_C(0x9E3779B97F4A7C15)) >> 32) & (cap - 1);
            while (t2[h] != SIZE_MAX)
              h = (h + 1) & (cap - 1);
            t2[h] = d;
          }
          free(tab);
          tab = t2;
          (*code)[i] = (int)(k - 1);
          continue;
        }
      }
      (*code)[i] = (int)tab[h];
    }
    free(tab);
    sl = malloc(k * sizeof *sl);
    rank = malloc(k * sizeof *rank);
    if (!sl || !rank) {
      free(sl);
      free(rank);
      free(nl);
      return -1;
    }
    memcpy(sl, nl, k * sizeof *sl);
    qsort(sl, k, sizeof *sl, cmp_numlab); /* distinct values */
    for (i = 0; i < k; i++) {
      size_t lo = 0, hi = k;
      while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (sl[mid].v < nl[i].v)
          lo = mid + 1;
        else
          hi = mid;
      }
      rank[i] = lo;
    }
    for (i = 0; i < n; i++)
      (*code)[i] = (int)rank[(*code)[i]];
    *label = calloc(k, sizeof **label);
    for (i = 0; *label && i < k; i++)
      (*label)[i] = dupstr(sl[i].s, "");
    free(sl);
    free(rank);
    free(nl);
  } else {
    const char **lab = NULL;
    k = distinct_sorted(s, n, &lab);
    if (k == (size_t)-1)
      return -1;
    for (i = 0; i < n; i++)
      (*code)[i] = (int)find_str(lab, k, s[i]);
    *label = calloc(k, sizeof **label);
    for (i = 0; *label && i < k; i++)
      (*label)[i] = dupstr(lab[i], "");
    free(lab);
  }
  *nlab = *label ? k : 0;
  for (i = 0; i < *nlab; i++)
    if (!(*label)[i])
      return -1;
  return *label ? 0 : -1;
}

/* Free the k strings of v, then v. */
static int code_status(const terms_surv_spec *sp, const char *file,
                       const char **s, const long *line, size_t n, int *out,
                       char *err, size_t errlen);

static void free_strings(char **v, size_t k) {
  for (size_t i = 0; v && i < k; i++)
    free(v[i]);
  free(v);
}

void terms_free(terms_frame *f) {
  size_t k;
  if (!f)
    return;
  free(f->line);
  if (f->num)
    for (k = 0; f->num[k]; k++)
      free(f->num[k]);
  free(f->num);
  free(f->x);
  free_strings(f->name, f->p);
  free(f->stratum);
  free_strings(f->stratum_label, f->nstrata);
  free(f->cluster);
  free_strings(f->cluster_label, f->ncluster);
  free(f->row);
  free(f->term_of);
  free(f->file_buf);
  memset(f, 0, sizeof *f);
}

int terms_read(const char *path, const terms_col *cols, size_t ncols,
               const char *strata, const char *const *terms, size_t nterms,
               terms_frame *out, char *err, size_t errlen) {
  return terms_read_cluster(path, cols, ncols, strata, NULL, terms, nterms, out,
                            err, errlen);
}

int terms_read_cluster(const char *path, const terms_col *cols, size_t ncols,
                       const char *strata, const char *cluster,
                       const char *const *terms, size_t nterms,
                       terms_frame *out, char *err, size_t errlen) {
  csv *c = csv_open(path, err, errlen);
  terms_frame f;
  int *jc = NULL, *jt = NULL, js = -1, jl = -1, r = 0, errset = 0, ok = 0;
  int intercept_only = nterms == 1 && strcmp(terms[0], "1") == 0;
  size_t nt = intercept_only ? 0 : nterms, cap, i, k, t, keep;
  const char **tstr = NULL, **sstr = NULL, **cstr = NULL, ***lev = NULL,
             **tmp = NULL, **ststr = NULL;
  const terms_surv_spec *stspec = NULL;
  size_t kst = 0;
  int *stcode = NULL, strict = 0;
  unsigned char *drop = NULL, *isfactor = NULL;
  size_t *nlev = NULL;
  memset(&f, 0, sizeof f);
  if (!c)
    return -1;
  f.file_buf = dupstr(csv_filename(c), "");
  f.file = f.file_buf;
  jc = malloc((ncols + 1) * sizeof *jc);
  jt = malloc((nt + 1) * sizeof *jt);
  isfactor = calloc(nt + 1, 1);
  nlev = calloc(nt + 1, sizeof *nlev);
  if (!f.file_buf || !jc || !jt || !isfactor || !nlev) {
    csv_fail(c, "out of memory");
    goto fail;
  }
  for (k = 0; k < ncols; k++)
    if (cols[k].status) {
      stspec = cols[k].status;
      kst = k;
      strict = stspec->strict;
    }
  errset = 1; /* a missing column: "FILE: message", no line */
  for (k = 0; k < ncols; k++)
    if (find_col(c, cols[k].name, &jc[k], err, errlen) != 0)
      goto fail;
  for (t = 0; t < nt; t++)
    if (find_col(c, terms[t], &jt[t], err, errlen) != 0)
      goto fail;
  if ((strata && find_col(c, strata, &js, err, errlen) != 0) ||
      (cluster && find_col(c, cluster, &jl, err, errlen) != 0))
    goto fail;
  errset = 0;
  cap = csv_rows_hint(c) + 1;
  f.num = calloc(ncols + 1, sizeof *f.num);
  f.line = malloc(cap * sizeof *f.line);
  drop = malloc(cap);
  tstr = malloc((cap * nt + 1) * sizeof *tstr);
  sstr = strata ? malloc(cap * sizeof *sstr) : NULL;
  cstr = cluster ? malloc(cap * sizeof *cstr) : NULL;
  f.row = malloc(cap * sizeof *f.row);
  ststr = stspec ? malloc(cap * sizeof *ststr) : NULL;
  if (!f.num || !f.line || !drop || !tstr || (strata && !sstr) ||
      (cluster && !cstr) || !f.row || (stspec && !ststr)) {
    csv_fail(c, "out of memory");
    goto fail;
  }
  for (k = 0; k < ncols; k++)
    if (!(f.num[k] = malloc(cap * sizeof *f.num[k]))) {
      csv_fail(c, "out of memory");
      goto fail;
    }
  while ((r = csv_next(c)) > 0) {
    int miss = 0;
    i = f.nread++;
    f.line[i] = csv_lineno(c);
    for (k = 0; k < ncols; k++) {
      const char *s = csv_field(c, (size_t)jc[k]);
      double v = NAN;
      if (is_missing(s)) {
        if (!cols[k].keep_na && strict) {
          csv_fail(c, "missing value in column '%s'", cols[k].name);
          r = -1;
          break;
        }
        if (!cols[k].keep_na)
          miss = 1;
      } else if (cols[k].status) {
        ststr[i] = s;
      } else if (csv_get_double(c, (size_t)jc[k], &v) != CSV_OK) {
        r = -1;
        break;
      }
      f.num[k][i] = v;
    }
    if (r < 0)
      break;
    for (t = 0; t < nt; t++) {
      const char *s = csv_field(c, (size_t)jt[t]);
      tstr[i * nt + t] = s;
      if (is_missing(s) && strict) {
        csv_fail(c, "missing value in column '%s'", terms[t]);
        r = -1;
        break;
      }
      if (is_missing(s))
        miss = 1;
      else if (!isfactor[t]) {
        double v;
        if (csv_parse_double(s, strlen(s), &v) != 0)
          isfactor[t] = 1;
      }
    }
    if (r < 0)
      break;
    if (strata) {
      sstr[i] = csv_field(c, (size_t)js);
      if (is_missing(sstr[i]))
        miss = 1;
    }
    if (cluster) {
      cstr[i] = csv_field(c, (size_t)jl);
      if (is_missing(cstr[i]))
        miss = 1;
    }
    if (miss && strict) {
      csv_fail(c, "missing value in column '%s'",
               strata && is_missing(sstr[i]) ? strata : cluster);
      r = -1;
      break;
    }
    drop[i] = (unsigned char)miss;
  }
  if (r < 0)
    goto fail;
  /* compact the kept rows */
  for (i = 0, keep = 0; i < f.nread; i++) {
    if (drop[i])
      continue;
    f.line[keep] = f.line[i];
    f.row[keep] = i + 1;
    for (k = 0; k < ncols; k++)
      f.num[k][keep] = f.num[k][i];
    for (t = 0; t < nt; t++)
      tstr[keep * nt + t] = tstr[i * nt + t];
    if (stspec)
      ststr[keep] = ststr[i];
    if (strata)
      sstr[keep] = sstr[i];
    if (cluster)
      cstr[keep] = cstr[i];
    keep++;
  }
  f.n = keep;
  f.n_dropped = f.nread - keep;
  if (f.n == 0) {
    snprintf(err, errlen, "%s: %s", f.file,
             f.nread ? "no rows left after leaving out missing values"
                     : "no data rows after the header");
    errset = 1;
    goto fail;
  }
  if (stspec) { /* the status, decoded among the kept rows */
    stcode = malloc(f.n * sizeof *stcode);
    errset = 1;
    if (!stcode) {
      snprintf(err, errlen, "%s: out of memory", f.file);
      goto fail;
    }
    if (code_status(stspec, f.file, ststr, f.line, f.n, stcode, err, errlen) !=
        0)
      goto fail;
    for (i = 0; i < f.n; i++)
      f.num[kst][i] = stcode[i];
    errset = 0;
  }
  /* factor levels among the kept rows, and the design's width */
  lev = calloc(nt + 1, sizeof *lev);
  tmp = malloc(f.n * sizeof *tmp);
  if (!lev || !tmp) {
    {
      snprintf(err, errlen, "%s: out of memory", f.file);
      errset = 1;
    }
    goto fail;
  }
  {
    for (t = 0; t < nt; t++) {
      if (!isfactor[t]) {
        f.p++;
        continue;
      }
      for (i = 0; i < f.n; i++)
        tmp[i] = tstr[i * nt + t];
      nlev[t] = distinct_sorted(tmp, f.n, &lev[t]);
      if (nlev[t] == (size_t)-1) {
        nlev[t] = 0;
        snprintf(err, errlen, "%s: out of memory", f.file);
        errset = 1;
        goto fail;
      }
      if (nlev[t] < 2) { /* R: contrasts need 2 or more levels */
        char shown[CSV_SHOWLEN];
        csv_escape(shown, sizeof shown, lev[t][0], strlen(lev[t][0]), 40);
        snprintf(err, errlen, "%s: column '%s' has a single level ('%s')",
                 f.file, terms[t], shown);
        errset = 1;
        goto fail;
      }
      f.p += nlev[t] - 1;
    }
    f.x = malloc((f.n * f.p + 1) * sizeof *f.x);
    f.name = calloc(f.p + 1, sizeof *f.name);
    f.term_of = malloc((f.p + 1) * sizeof *f.term_of);
    if (!f.x || !f.name || !f.term_of) {
      {
        snprintf(err, errlen, "%s: out of memory", f.file);
        errset = 1;
      }
      goto fail;
    }
    for (t = 0, k = 0; t < nt; t++) {
      if (!isfactor[t]) {
        f.name[k] = dupstr(terms[t], "");
        if (!f.name[k]) {
          {
            snprintf(err, errlen, "%s: out of memory", f.file);
            errset = 1;
          }
          goto fail;
        }
        for (i = 0; i < f.n; i++) {
          const char *s = tstr[i * nt + t];
          csv_parse_double(s, strlen(s), &f.x[i * f.p + k]);
        }
        f.term_of[k] = t;
        k++;
        continue;
      }
      for (size_t l = 1; l < nlev[t]; l++)
        f.term_of[k + l - 1] = t;
      for (size_t l = 1; l < nlev[t]; l++)
        if (!(f.name[k + l - 1] = dupstr(terms[t], lev[t][l]))) {
          {
            snprintf(err, errlen, "%s: out of memory", f.file);
            errset = 1;
          }
          goto fail;
        }
      for (i = 0; i < f.n; i++) {
        size_t l = find_str(lev[t], nlev[t], tstr[i * nt + t]);
        for (size_t m = 1; m < nlev[t]; m++)
          f.x[i * f.p + k + m - 1] = l == m ? 1.0 : 0.0;
      }
      k += nlev[t] - 1;
    }
  }
  if ((strata &&
       code_labels(sstr, f.n, &f.stratum, &f.stratum_label, &f.nstrata) != 0) ||
      (cluster && code_labels(cstr, f.n, &f.cluster, &f.cluster_label,
                              &f.ncluster) != 0)) {
    snprintf(err, errlen, "%s: out of memory", f.file);
    errset = 1;
    goto fail;
  }
  ok = 1;
fail:
  if (!ok && !errset)
    snprintf(err, errlen, "%s", csv_errmsg(c));
  for (t = 0; lev && t < nt; t++)
    free((void *)lev[t]);
  free((void *)lev);
  free(tmp);
  free(jc);
  free(jt);
  free(isfactor);
  free(nlev);
  free(drop);
  free(tstr);
  free(sstr);
  free(cstr);
  free((void *)ststr);
  free(stcode);
  csv_close(c);
  if (ok) {
    *out = f;
    return 0;
  }
  terms_free(&f);
  return -1;
}

/* ---- survival columns without model terms (terms_surv_read) ------------ */

void terms_surv_free(terms_surv *s) {
  if (!s)
    return;
  free(s->time);
  free(s->entry);
  free(s->weight);
  free(s->status);
  free(s->group.code);
  free_strings(s->group.label, s->group.k);
  free(s->strata.code);
  free_strings(s->strata.label, s->strata.k);
  free(s->file);
  memset(s, 0, sizeof *s);
}

void terms_report_dropped(const char *prog, size_t n) {
  if (n)
    fprintf(stderr, "%s: %zu row%s with missing values left out\n", prog, n,
            n == 1 ? "" : "s");
}

void terms_put_label(const terms_labels *g, size_t l) {
  double v;
  const char *s = g->label[l];
  if (g->numeric && csv_parse_double(s, strlen(s), &v) == 0)
    csv_put_num(v, 0);
  else {
    /* one field of the table whatever the label holds: a tab, newline,
     * carriage return or backslash is written \t, \n, \r or \\ */
    for (; *s; s++) {
      switch (*s) {
      case '\t':
        fputs("\\t", stdout);
        break;
      case '\n':
        fputs("\\n", stdout);
        break;
      case '\r':
        fputs("\\r", stdout);
        break;
      case '\\':
        fputs("\\\\", stdout);
        break;
      default:
        fputc(*s, stdout);
      }
    }
    fputc('\t', stdout);
  }
}

/* 1 (true), 0 (false) or -1: R's read.csv logical spellings. */
static int logical_value(const char *s) {
  if (!strcmp(s, "TRUE") || !strcmp(s, "T") || !strcmp(s, "true") ||
      !strcmp(s, "True"))
    return 1;
  if (!strcmp(s, "FALSE") || !strcmp(s, "F") || !strcmp(s, "false") ||
      !strcmp(s, "False"))
    return 0;
  return -1;
}

/* s equals the option value v: as text, or as numbers ("1.0" and "1"). */
static int same_value(const char *s, const char *v) {
  double a, b;
  return strcmp(s, v) == 0 ||
         (csv_parse_double(s, strlen(s), &a) == 0 &&
          csv_parse_double(v, strlen(v), &b) == 0 && a == b);
}

/* 1 and *v = 0 or 1 when s is exactly "0" or "1", else 0. */
static int status_01(const char *s, double *v) {
  if ((s[0] == '0' || s[0] == '1') && s[1] == '\0') {
    *v = s[0] - '0';
    return 1;
  }
  return 0;
}

/* Status codes, row by row as the file is read (no per-row text or line
 * number is kept): the kept rows' values are coded as terms_surv_read
 * describes; the 1/2 coding is settled at the end (status_end), when the
 * largest value is known. */
typedef struct {
  int logical;           /* -1 until the first kept row says */
  double max;            /* largest numeric value so far */
  int zero;              /* a 0 was seen */
  long two_line;         /* line of the first 2 (numeric coding), else 0 */
  char two[CSV_SHOWLEN]; /* and its text as messages show it */
} status_state;

#define STATUS_STATE_INIT                                                      \
  { -1, 0.0, 0, 0, "" }

/* The code of status text s (file line line) into *out: 0, or -1 with
 * *why saying what is wrong with it. */
static int status_value(const terms_surv_spec *sp, const char *s, long line,
                        status_state *st, int *out, const char **why) {
  double v;
  if (sp->event) {
    if (same_value(s, sp->event)) {
      *out = 1;
      return 0;
    }
    if (!sp->censor || same_value(s, sp->censor)) {
      *out = 0;
      return 0;
    }
    *why = "is neither the --event nor the --censor value";
    return -1;
  }
  if (st->logical < 0)
    st->logical = logical_value(s) >= 0;
  if (st->logical) {
    if ((*out = logical_value(s)) >= 0)
      return 0;
    *why = "is not TRUE or FALSE (the column's first value is)";
    return -1;
  }
  if (status_01(s, &v) || /* "0" or "1": the common case */
      (csv_parse_double(s, strlen(s), &v) == 0 && v >= 0 && v == floor(v) &&
       v <= (sp->causes ? 2147483647.0 : 2.0))) {
    *out = (int)v;
    if (v > st->max)
      st->max = v;
    if (v == 0)
      st->zero = 1;
    if (v == 2 && !st->two_line) { /* the row's text dies with the row */
      csv_escape(st->two, sizeof st->two, s, strlen(s), 40);
      st->two_line = line;
    }
    return 0;
  }
  *why =
      sp->causes ? "is not 0 (censored) or a cause 1, 2, ..." : "is not 0 or 1";
  return -1;
}

/* status_value for the current row of c; -1 after csv_fail naming it. */
static int status_row(const terms_surv_spec *sp, csv *c, const char *s,
                      status_state *st, int *out) {
  char shown[CSV_SHOWLEN];
  const char *why = "";
  if (status_value(sp, s, csv_lineno(c), st, out, &why) == 0)
    return 0;
  csv_escape(shown, sizeof shown, s, strlen(s), 40);
  csv_fail(c, "column '%s': '%s' %s", sp->status ? sp->status : "status", shown,
           why);
  return -1;
}

/* R's Surv: the 1/2 coding when the largest numeric value is 2 (without
 * causes): 1 -> 0, 2 -> 1, and a 0 is an error at the first 2. 0, or -1
 * with "FILE:LINE: message". */
static int status_end(const terms_surv_spec *sp, const char *file,
                      const status_state *st, int *code, size_t n, char *err,
                      size_t errlen) {
  if (sp->event || st->logical == 1 || sp->causes || st->max < 2)
    return 0;
  if (st->zero) {
    snprintf(err, errlen,
             "%s:%ld: column '%s': '%s' is 2 but the column also holds 0 "
             "(0/1 or 1/2 coding: not both)",
             file, st->two_line, sp->status ? sp->status : "status", st->two);
    return -1;
  }
  for (size_t i = 0; i < n; i++)
    code[i]--;
  return 0;
}

/* Status codes of the n kept rows from their text s[i] (file lines
 * line[i]), as terms_surv_read codes them. 0, or -1 with "FILE:LINE:
 * message". */
static int code_status(const terms_surv_spec *sp, const char *file,
                       const char **s, const long *line, size_t n, int *out,
                       char *err, size_t errlen) {
  status_state st = STATUS_STATE_INIT;
  char shown[CSV_SHOWLEN];
  const char *why = "";
  for (size_t i = 0; i < n; i++)
    if (status_value(sp, s[i], line[i], &st, &out[i], &why) != 0) {
      csv_escape(shown, sizeof shown, s[i], strlen(s[i]), 40);
      snprintf(err, errlen, "%s:%ld: column '%s': '%s' %s", file, line[i],
               sp->status ? sp->status : "status", shown, why);
      return -1;
    }
  return status_end(sp, file, &st, out, n, err, errlen);
}

/* Which used column of a row: indices into the spec's names. */
enum { SC_TIME, SC_STATUS, SC_ENTRY, SC_WEIGHT, SC_GROUP, SC_STRATA, SC_N };

/* The names of the survival columns of sp and their indices in c's header
 * (-1: not used). 0, or -1 with the error set in c. */
static int surv_columns(csv *c, const terms_surv_spec *sp,
                        const char *name[SC_N], int j[SC_N]) {
  name[SC_TIME] = sp->time ? sp->time : "time";
  name[SC_STATUS] = sp->status ? sp->status : "status";
  name[SC_ENTRY] = sp->entry;
  name[SC_WEIGHT] = sp->weights;
  name[SC_GROUP] = sp->group;
  name[SC_STRATA] = sp->strata;
  for (size_t k = 0; k < SC_N; k++) {
    j[k] = -1;
    if (name[k] && (j[k] = csv_col(c, name[k])) < 0) {
      csv_fail(c, "no column named '%s' in the header", name[k]);
      return -1;
    }
  }
  return 0;
}

/* The columns surv_row checks for a missing value: time and status
 * (the first two), the others only when used. */
static size_t surv_ncheck(const terms_surv_spec *sp) {
  return sp->entry || sp->weights || sp->group || sp->strata ? SC_N : 2;
}

#if defined(__GNUC__) || defined(__clang__)
#define ROW_INLINE inline __attribute__((always_inline))
#else
#define ROW_INLINE inline
#endif

/* The numbers of the current row: 1 (time, entry, weight set), 0 (a
 * missing value: the row is left out) or -1 (an error, set in c). kn is
 * surv_ncheck(sp). Inlined: it runs for every row. */
static ROW_INLINE int surv_row(csv *c, const terms_surv_spec *sp,
                               const char *name[SC_N], const int j[SC_N],
                               size_t kn, double *time, double *entry,
                               double *weight) {
  const char *const *fld = csv_fields(c);
  /* time and status are always used: tested without the loop */
  int miss = is_missing(fld[j[SC_TIME]]) || is_missing(fld[j[SC_STATUS]]);
  for (size_t k = 2; !miss && k < kn; k++)
    miss = j[k] >= 0 && is_missing(fld[j[k]]);
  if (miss) {
    size_t k = 0;
    while (j[k] < 0 || !is_missing(fld[j[k]]))
      k++;
    if (sp->strict) {
      csv_fail(c, "missing value in column '%s'", name[k]);
      return -1;
    }
    return 0;
  }
  if (csv_get_time(c, (size_t)j[SC_TIME], time) != CSV_OK ||
      (sp->entry && csv_get_time(c, (size_t)j[SC_ENTRY], entry) != CSV_OK) ||
      (sp->weights && csv_get_time(c, (size_t)j[SC_WEIGHT], weight) != CSV_OK))
    return -1;
  if (sp->entry && !(*entry < *time)) {
    csv_fail(c, "entry (column '%s') must be less than time", sp->entry);
    return -1;
  }
  return 1;
}

/* terms_surv_read's arrays grown to hold twice as many rows (realloc of a
 * big block remaps its pages: nothing is copied). 0 or -1 (memory). */
static int grow_surv(terms_surv *f, size_t *cap) {
  size_t ncap = 2 * *cap;
  double *t, *e = NULL, *w = NULL;
  int *s;
  if (ncap / 2 != *cap || ncap > SIZE_MAX / sizeof *t)
    return -1;
  if (!(t = realloc(f->time, ncap * sizeof *t)))
    return -1;
  f->time = t;
  if (!(s = realloc(f->status, ncap * sizeof *s)))
    return -1;
  f->status = s;
  if (f->entry && !(e = realloc(f->entry, ncap * sizeof *e)))
    return -1;
  f->entry = f->entry ? e : NULL;
  if (f->weight && !(w = realloc(f->weight, ncap * sizeof *w)))
    return -1;
  f->weight = f->weight ? w : NULL;
  csv_advise_big(f->time, ncap * sizeof *t);
  csv_advise_big(f->status, ncap * sizeof *s);
  *cap = ncap;
  return 0;
}

/* Without label columns no row's text is needed after the row, and the
 * file is read through csv_open_stream's window (1 MiB) instead of
 * whole: the memory is the columns' (12 bytes per row) and no fresh memory
 * is touched for the text. The arrays start at the window's row count and
 * double. With label columns the text stays (the labels point into it). */
int terms_surv_read(const char *path, const terms_surv_spec *sp,
                    terms_surv *out, char *err, size_t errlen) {
  int labels = sp->group || sp->strata;
  csv *c =
      labels ? csv_open(path, err, errlen) : csv_open_stream(path, err, errlen);
  terms_surv f;
  const char *name[SC_N];
  int j[SC_N], r = 0, errset = 0, ok = 0;
  size_t cap, n = 0;
  const char **sgrp = NULL, **sstr = NULL;
  status_state st = STATUS_STATE_INIT;
  memset(&f, 0, sizeof f);
  if (!c)
    return -1;
  if (surv_columns(c, sp, name, j) != 0)
    goto fail;
  cap = csv_rows_hint(c) + 1;
  f.file = dupstr(csv_filename(c), "");
  f.time = malloc(cap * sizeof *f.time);
  f.status = malloc(cap * sizeof *f.status);
  f.entry = sp->entry ? malloc(cap * sizeof *f.entry) : NULL;
  f.weight = sp->weights ? malloc(cap * sizeof *f.weight) : NULL;
  sgrp = sp->group ? malloc(cap * sizeof *sgrp) : NULL;
  sstr = sp->strata ? malloc(cap * sizeof *sstr) : NULL;
  if (!f.file || !f.time || !f.status || (sp->entry && !f.entry) ||
      (sp->weights && !f.weight) || (sp->group && !sgrp) ||
      (sp->strata && !sstr)) {
    csv_fail(c, "out of memory");
    goto fail;
  }
  csv_advise_big(f.time, cap * sizeof *f.time);
  csv_advise_big(f.status, cap * sizeof *f.status);
  /* the status of most rows: "0" or "1" of the 0/1 coding (status_value
   * without the calls) */
  int plain01 = !sp->event;
  size_t kn = surv_ncheck(sp);
  while ((r = csv_next(c)) > 0) {
    f.nread++;
    if (n == cap && (labels || grow_surv(&f, &cap) != 0)) {
      csv_fail(c, "out of memory"); /* labels: the hint was exact */
      r = -1;
      break;
    }
    r = surv_row(c, sp, name, j, kn, &f.time[n], f.entry ? &f.entry[n] : NULL,
                 f.weight ? &f.weight[n] : NULL);
    if (r < 0)
      break;
    if (r == 0)
      continue;
    const char *const *fld = csv_fields(c), *s = fld[j[SC_STATUS]];
    if (plain01 && st.logical == 0 && (s[0] == '0' || s[0] == '1') &&
        s[1] == '\0') {
      if ((f.status[n] = s[0] - '0') != 0)
        st.max = st.max < 1 ? 1 : st.max;
      else
        st.zero = 1;
    } else if (status_row(sp, c, s, &st, &f.status[n]) != 0) {
      r = -1;
      break;
    }
    if (sgrp)
      sgrp[n] = fld[j[SC_GROUP]];
    if (sstr)
      sstr[n] = fld[j[SC_STRATA]];
    n++;
  }
  if (r < 0)
    goto fail;
  f.n = n;
  f.n_dropped = f.nread - n;
  if (n == 0 && f.nread == 0) {
    csv_fail(c, "no data rows after the header");
    goto fail;
  }
  errset = 1;
  if (n == 0) {
    snprintf(err, errlen, "%s: no rows left after leaving out missing values",
             f.file);
    goto fail;
  }
  if (status_end(sp, f.file, &st, f.status, n, err, errlen) != 0)
    goto fail;
  if ((sgrp &&
       code_labels(sgrp, n, &f.group.code, &f.group.label, &f.group.k) != 0) ||
      (sstr && code_labels(sstr, n, &f.strata.code, &f.strata.label,
                           &f.strata.k) != 0)) {
    snprintf(err, errlen, "%s: out of memory", f.file);
    goto fail;
  }
  f.group.numeric = sgrp && labels_numeric(sgrp, n);
  f.strata.numeric = sstr && labels_numeric(sstr, n);
  ok = 1;
fail:
  if (!ok && !errset)
    snprintf(err, errlen, "%s", csv_errmsg(c));
  free((void *)sgrp);
  free((void *)sstr);
  csv_close(c);
  if (ok) {
    *out = f;
    return 0;
  }
  terms_surv_free(&f);
  return -1;
}

/* ---- streaming into a count table ------------------------------------------
 * terms_surv_stream: the checks, messages and codings of terms_surv_read,
 * one row at a time. What terms_surv_read decides on the whole column is
 * decided at the end: the status coding (1/2 when the largest value is 2),
 * the order of the labels; the rows are counted meanwhile with statuses as
 * read and labels numbered as first seen, and the table renumbered once
 * (surv_counts_relabel). A bad status ends the reading at its line, as in
 * terms_surv_read; the "0 and 2" error of the 1/2 coding is settled at the
 * end.
 *
 * Rows go to the table STREAM_BATCH at a time: surv_counts_add keeps room
 * for a whole batch of new cells, so a small batch keeps the table (and the
 * batch's columns) in cache. 65,536-row batches cost 5 MiB of table and
 * about 0.05 s more CPU on 10^7 rows than 4,096-row ones. */
#define STREAM_BATCH 4096

/* Distinct label strings, numbered as first seen (open addressing). */
typedef struct label_dict {
  char **s;
  size_t k, cap, ncap, *tab;
} label_dict;

/* FNV-1a, 64 bits, of p[0 .. n-1]. */
static uint64_t fnv1a(const unsigned char *p, size_t n) {
  uint64_t h = UINT64_C(0xcbf29ce484222325);
  for (size_t i = 0; i < n; i++)
    h = (h ^ p[i]) * UINT64_C(0x100000001b3);
  return h;
}

static uint64_t str_hash(const char *s) {
  return fnv1a((const unsigned char *)s, strlen(s));
}

/* The number of label s (a new one if unseen); -1 when out of memory. */
static long dict_id(label_dict *d, const char *s) {
  size_t h;
  if (2 * (d->k + 1) > d->cap) {
    size_t cap = d->cap ? 2 * d->cap : 64, i, *t = malloc(cap * sizeof *t);
    if (!t)
      return -1;
    for (i = 0; i < cap; i++)
      t[i] = SIZE_MAX;
    for (i = 0; i < d->k; i++) {
      h = (size_t)(str_hash(d->s[i]) >> 7) & (cap - 1);
      while (t[h] != SIZE_MAX)
        h = (h + 1) & (cap - 1);
      t[h] = i;
    }
    free(d->tab);
    d->tab = t;
    d->cap = cap;
  }
  h = (size_t)(str_hash(s) >> 7) & (d->cap - 1);
  while (d->tab[h] != SIZE_MAX && strcmp(d->s[d->tab[h]], s) != 0)
    h = (h + 1) & (d->cap - 1);
  if (d->tab[h] != SIZE_MAX)
    return (long)d->tab[h];
  if (d->k == d->ncap) {
    size_t nc = d->ncap ? 2 * d->ncap : 16;
    char **v = realloc(d->s, nc * sizeof *v);
    if (!v)
      return -1;
    d->s = v;
    d->ncap = nc;
  }
  if (!(d->s[d->k] = dupstr(s, "")) || d->k >= INT32_MAX)
    return -1;
  d->tab[h] = d->k;
  return (long)d->k++;
}

static void dict_free(label_dict *d) {
  free_strings(d->s, d->k);
  free(d->tab);
  memset(d, 0, sizeof *d);
}

/* The labels of d in R's order into *g, and the table's labels renumbered
 * (which: SURV_COUNTS_GROUP or SURV_COUNTS_STRATA). 0 or -1 (memory). */
static int dict_finish(label_dict *d, surv_counts *c, unsigned which,
                       terms_labels *g) {
  int *code = NULL, rc = -1;
  char **label = NULL;
  size_t k = 0;
  if (code_labels((const char **)d->s, d->k, &code, &label, &k) == 0 &&
      surv_counts_relabel(c, which, code, d->k) == SURV_OK) {
    g->label = label;
    g->k = k;
    g->numeric = labels_numeric((const char **)d->s, d->k);
    label = NULL;
    rc = 0;
  }
  free(code);
  free_strings(label, k);
  return rc;
}

void terms_surv_counts_free(terms_surv_counts *s) {
  if (!s)
    return;
  surv_counts_free(s->counts);
  free_strings(s->group.label, s->group.k);
  free_strings(s->strata.label, s->strata.k);
  free(s->file);
  memset(s, 0, sizeof *s);
}

/* printf into a new string (NULL when out of memory). */
static char *fmtdup(const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 1, 2)))
#endif
    ;
static char *fmtdup(const char *fmt, ...) {
  char buf[CSV_ERRLEN];
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(buf, sizeof buf, fmt, ap);
  va_end(ap);
  return dupstr(buf, "");
}

void terms_surv_part_free(terms_surv_part *p) {
  if (!p)
    return;
  surv_counts_free(p->counts);
  free_strings(p->glab, p->gk);
  free_strings(p->slab, p->sk);
  free(p->file);
  free(p->two_err);
  free(p->empty_err);
  free(p->err);
  free(p->flip_err);
  memset(p, 0, sizeof *p);
}

/* A part that is only the reading error err (or out of memory). */
static int part_error(terms_surv_part *out, const char *err) {
  memset(out, 0, sizeof *out);
  out->logical = -1;
  out->err = dupstr(err, "");
  return -1;
}

/* The message the status text st of the current row of c would get under
 * the other coding of its first value (numeric <-> TRUE/FALSE), made as
 * status_row makes it; NULL when out of memory. */
static char *flip_message(const terms_surv_spec *sp, csv *c, const char *st) {
  status_state other = STATUS_STATE_INIT;
  other.logical = logical_value(st) < 0;
  int code;
  if (status_row(sp, c, st, &other, &code) == 0)
    return dupstr("", ""); /* not reached: no text is valid under both */
  return dupstr(csv_errmsg(c), "");
}

/* The cells of table c, from the size of its byte format
 * (surv_counts_write(3): 32 bytes and 40 a cell). */
static size_t table_cells(const surv_counts *c) {
  size_t len = 0;
  surv_counts_size(c, &len);
  return len > 32 ? (len - 32) / 40 : 0;
}

/* ---- plain rows counted by their text ----------------------------------
 * Without label, entry or weight columns and with a numeric status, most
 * rows are what csv_next_plain takes: a time of plain decimal digits and a
 * status 0 or 1. Those are counted in a table of their own, keyed by the
 * time's digits as read (CSV_PLAIN_KEY), and each distinct key becomes a
 * double once (csv_plain_time, the value csv_get_time gives each row) and
 * one cell with its number of rows, which enters the count table through
 * the byte format (surv_counts_read(3)) and surv_counts_merge: per row there
 * is no division and no call into the library. Unit weights: every cell's
 * sums are exact integers, so the table is the one the rows one at a time
 * give. Keys that give one double ("1.5" and "1.50") become one cell. */
#define PLAIN_BATCH 256             /* keys per csv_next_plain */
#define PLAIN_CAP ((size_t)1 << 16) /* slots (16 bytes each): 1 MiB */
#define PLAIN_FLUSH (PLAIN_CAP / 2 - PLAIN_BATCH) /* load below 1/2 */
#define PLAIN_USED (UINT64_C(1) << 63)

typedef struct plain_slot {
  uint64_t key; /* key | PLAIN_USED, or 0 for an empty slot */
  uint64_t n;   /* rows */
} plain_slot;

typedef struct plain_cell {
  double t;
  int s;
  uint64_t n;
} plain_cell;

/* Count n keys into tab (PLAIN_CAP slots, room for them); *any gets bit s
 * for each status s seen. Returns the number of new keys. */
static size_t plain_add(plain_slot *tab, const uint64_t *key, size_t n,
                        unsigned *any) {
  size_t i, fresh = 0;
  unsigned seen = 0;
  for (i = 0; i < n; i++) {
    uint64_t k = key[i] | PLAIN_USED;
    size_t h = (size_t)((k * UINT64_C(0x9E3779B97F4A7C15)) >> 48);
    seen |= 1u << (k & 1u);
    while (tab[h].key != k) {
      if (tab[h].key == 0) {
        tab[h].key = k;
        fresh++;
        break;
      }
      h = (h + 1) & (PLAIN_CAP - 1);
    }
    tab[h].n++;
  }
  *any |= seen;
  return fresh;
}

static int cmp_plain(const void *a, const void *b) {
  const plain_cell *x = a, *y = b;
  if (x->t != y->t)
    return x->t < y->t ? -1 : 1;
  return (x->s > y->s) - (x->s < y->s);
}

static void put_le(unsigned char *p, uint64_t x, int bytes) {
  for (int i = 0; i < bytes; i++)
    p[i] = (unsigned char)(x >> (8 * i));
}

/* The k keys of tab into the count table c as cells, tab emptied: 0, or -1
 * when out of memory (c unchanged). */
static int plain_flush(plain_slot *tab, size_t k, surv_counts *c) {
  plain_cell *v = k ? malloc(k * sizeof *v) : NULL;
  unsigned char *b = NULL;
  surv_counts *tmp = NULL;
  size_t i, m = 0, len;
  int rc = -1;
  if (k == 0)
    return 0;
  if (!v)
    return -1;
  for (i = 0; i < PLAIN_CAP; i++)
    if (tab[i].key) {
      uint64_t key = tab[i].key & ~PLAIN_USED;
      v[m].t = csv_plain_time(key);
      v[m].s = CSV_PLAIN_STATUS(key);
      v[m++].n = tab[i].n;
    }
  qsort(v, m, sizeof *v, cmp_plain);
  for (i = 1, k = m, m = m ? 1 : 0; i < k; i++) /* equal keys: one cell */
    if (cmp_plain(&v[m - 1], &v[i]) == 0)
      v[m - 1].n += v[i].n;
    else
      v[m++] = v[i];
  /* surv_counts_write(3): header, 40-byte cells, FNV-1a of what precedes */
  len = 24 + 40 * m + 8;
  if (!(b = calloc(len, 1)))
    goto done;
  memcpy(b, "SURVCNT", 8);
  put_le(b + 8, 1, 4);     /* version */
  put_le(b + 12, 0x10, 4); /* members: rows counted, nothing else */
  put_le(b + 16, m, 8);
  for (i = 0; i < m; i++) {
    unsigned char *q = b + 24 + 40 * i;
    uint64_t bits;
    double n = (double)v[i].n;
    memcpy(&bits, &v[i].t, 8);
    put_le(q, bits, 8);
    memcpy(&bits, &n, 8);
    put_le(q + 8, bits, 8); /* weighted count = rows */
    put_le(q + 16, bits, 8);
    put_le(q + 32, (uint64_t)v[i].s, 4); /* stratum, group 0; kind */
  }
  put_le(b + len - 8, fnv1a(b, len - 8), 8);
  if (surv_counts_read(b, len, &tmp) == SURV_OK &&
      surv_counts_merge(c, tmp) == SURV_OK) {
    memset(tab, 0, PLAIN_CAP * sizeof *tab);
    rc = 0;
  }
done:
  surv_counts_free(tmp);
  free(b);
  free(v);
  return rc;
}

/* After rows were counted into f->counts (ok 0: out of memory): 0, or -1
 * with the error set in c, f->too_many when the table has outgrown
 * sp->max_cells. */
static int counted(csv *c, const terms_surv_spec *sp, terms_surv_part *f,
                   int ok) {
  if (!ok) {
    csv_fail(c, "out of memory");
    return -1;
  }
  if (sp->max_cells && table_cells(f->counts) > sp->max_cells) {
    csv_fail(c, "more than %zu distinct cells", sp->max_cells);
    f->too_many = 1;
    return -1;
  }
  return 0;
}

/* terms_surv_stream_part on the rows of c (closed here). */
static int stream_part(csv *c, const terms_surv_spec *sp, terms_surv_part *out,
                       char *err, size_t errlen) {
  terms_surv_part f;
  label_dict dg, ds;
  const char *name[SC_N];
  int j[SC_N], r = 0, ok = 0;
  size_t nb = 0;
  status_state ss = STATUS_STATE_INIT;
  size_t kn = surv_ncheck(sp);
  double *bt = NULL, *be = NULL, *bw = NULL;
  int *bs = NULL, *bg = NULL, *bx = NULL;
  surv_data d = SURV_DATA_INIT;
  /* the plain rows (see plain_add): only the time and status are used */
  int plain =
      !sp->entry && !sp->weights && !sp->group && !sp->strata && !sp->event;
  plain_slot *pt = NULL;
  size_t pk = 0; /* keys in pt */
  uint64_t keys[PLAIN_BATCH];
  memset(&f, 0, sizeof f);
  memset(&dg, 0, sizeof dg);
  memset(&ds, 0, sizeof ds);
  f.logical = -1;
  if (!c)
    return part_error(out, err);
  if (surv_columns(c, sp, name, j) != 0)
    goto fail;
  f.file = dupstr(csv_filename(c), "");
  bt = malloc(STREAM_BATCH * sizeof *bt);
  be = malloc(STREAM_BATCH * sizeof *be);
  bw = malloc(STREAM_BATCH * sizeof *bw);
  bs = malloc(STREAM_BATCH * sizeof *bs);
  bg = malloc(STREAM_BATCH * sizeof *bg);
  bx = malloc(STREAM_BATCH * sizeof *bx);
  if (plain)
    pt = calloc(PLAIN_CAP, sizeof *pt);
  if (!f.file || !bt || !be || !bw || !bs || !bg || !bx || (plain && !pt) ||
      surv_counts_new(&f.counts) != SURV_OK) {
    csv_fail(c, "out of memory");
    goto fail;
  }
  d.time = bt;
  d.status = bs;
  d.entry = sp->entry ? be : NULL;
  d.weight = sp->weights ? bw : NULL;
  d.group = sp->group ? bg : NULL;
  d.strata = sp->strata ? bx : NULL;
  for (;;) {
    const char *st;
    size_t k;
    unsigned any = 0;
    if (plain && ss.logical == 0 && /* numeric statuses: see status_value */
        (k = csv_next_plain(c, (size_t)j[SC_TIME], (size_t)j[SC_STATUS], keys,
                            PLAIN_BATCH)) > 0) {
      f.nread += k;
      f.n += k;
      pk += plain_add(pt, keys, k, &any);
      if (any & 2u) /* as the "0" or "1" case below */
        ss.max = ss.max < 1 ? 1 : ss.max;
      if (any & 1u)
        ss.zero = 1;
      if (pk > PLAIN_FLUSH) {
        if ((r = counted(c, sp, &f, plain_flush(pt, pk, f.counts) == 0)) < 0)
          break;
        pk = 0;
      }
      continue;
    }
    r = csv_next(c);
    if (r == 0 && pk > 0) {
      r = counted(c, sp, &f, plain_flush(pt, pk, f.counts) == 0);
      pk = 0;
    }
    if (r > 0 ? nb == STREAM_BATCH : nb > 0 && r == 0) {
      d.n = nb; /* checked above: the table takes every row */
      r = counted(c, sp, &f, surv_counts_add(f.counts, &d) == SURV_OK) < 0 ? -1
                                                                           : r;
      nb = 0;
    }
    if (r <= 0)
      break;
    f.nread++;
    r = surv_row(c, sp, name, j, kn, &bt[nb], &be[nb], &bw[nb]);
    if (r < 0)
      break;
    if (r == 0)
      continue;
    f.n++;
    /* the status as terms_surv_read codes it (a bad one ends the reading at
     * its line) */
    st = csv_field(c, (size_t)j[SC_STATUS]);
    if (ss.logical < 0 && !sp->event &&
        !(f.flip_err = flip_message(sp, c, st))) {
      csv_fail(c, "out of memory");
      r = -1;
      break;
    }
    if (!sp->event && ss.logical == 0 && (st[0] == '0' || st[0] == '1') &&
        st[1] == '\0') { /* "0" or "1": status_value without the calls */
      if ((bs[nb] = st[0] - '0') != 0)
        ss.max = ss.max < 1 ? 1 : ss.max;
      else
        ss.zero = 1;
    } else if (status_row(sp, c, st, &ss, &bs[nb]) != 0) {
      r = -1;
      break;
    }
    if (ss.two_line && !f.two_err) {
      f.two_err = fmtdup("%s:%ld: column '%s': '%s' is 2 but the column "
                         "also holds 0 (0/1 or 1/2 coding: not both)",
                         f.file, ss.two_line, name[SC_STATUS], ss.two);
      if (!f.two_err) {
        csv_fail(c, "out of memory");
        r = -1;
        break;
      }
    }
    if (sp->group &&
        (bg[nb] = (int)dict_id(&dg, csv_field(c, (size_t)j[SC_GROUP]))) < 0) {
      csv_fail(c, "out of memory");
      r = -1;
      break;
    }
    if (sp->strata &&
        (bx[nb] = (int)dict_id(&ds, csv_field(c, (size_t)j[SC_STRATA]))) < 0) {
      csv_fail(c, "out of memory");
      r = -1;
      break;
    }
    nb++;
  }
  if (r < 0)
    goto fail;
  if (f.nread == 0) {
    csv_fail(c, "no data rows after the header");
    f.empty_err = dupstr(csv_errmsg(c), "");
  }
  f.logical = sp->event ? (f.n ? 0 : -1) : ss.logical;
  f.max = ss.max;
  f.zero = ss.zero;
  f.glab = dg.s;
  f.gk = dg.k;
  f.slab = ds.s;
  f.sk = ds.k;
  dg.s = ds.s = NULL;
  dg.k = ds.k = 0;
  ok = 1;
fail:
  if (!ok) { /* the part keeps its first status for terms_surv_part_merge */
    snprintf(err, errlen, "%s", csv_errmsg(c));
    f.logical = sp->event ? -1 : ss.logical;
    if (!(f.err = dupstr(err, ""))) {
      free(f.flip_err);
      f.flip_err = NULL;
      f.logical = -1;
    }
  }
  csv_close(c);
  dict_free(&dg);
  dict_free(&ds);
  free(bt);
  free(be);
  free(bw);
  free(bs);
  free(bg);
  free(bx);
  free(pt);
  if (ok) {
    *out = f;
    return 0;
  }
  if (!f.err) {
    terms_surv_part_free(&f);
    return part_error(out, "out of memory");
  }
  *out = f;
  return -1;
}

int terms_surv_stream_part(const char *path, const terms_surv_spec *sp,
                           terms_surv_part *out, char *err, size_t errlen) {
  return stream_part(csv_open_stream(path, err, errlen), sp, out, err, errlen);
}

int terms_surv_stream_range(const char *path, uint64_t begin, uint64_t end,
                            long line, const terms_surv_spec *sp,
                            terms_surv_part *out, char *err, size_t errlen) {
  return stream_part(csv_open_range(path, begin, end, line, err, errlen), sp,
                     out, err, errlen);
}

/* A dictionary holding labels lab[0..k-1] as numbers 0..k-1. 0 or -1. */
static int dict_of(label_dict *d, char **lab, size_t k) {
  memset(d, 0, sizeof *d);
  for (size_t i = 0; i < k; i++)
    if (dict_id(d, lab[i]) != (long)i)
      return -1;
  return 0;
}

/* The labels of b renumbered into those of a (which: SURV_COUNTS_GROUP or
 * SURV_COUNTS_STRATA); a's label strings grown by b's new ones. 0 or -1
 * (memory). */
static int merge_labels(char ***alab, size_t *ak, char **blab, size_t bk,
                        surv_counts *bc, unsigned which) {
  label_dict d;
  int *map = malloc((bk ? bk : 1) * sizeof *map), rc = -1;
  size_t i;
  if (map && dict_of(&d, *alab, *ak) == 0) {
    for (i = 0; i < bk; i++)
      if ((map[i] = (int)dict_id(&d, blab[i])) < 0)
        break;
    if (i == bk && surv_counts_relabel(bc, which, map, bk) == SURV_OK)
      rc = 0;
    free_strings(*alab, *ak); /* the dictionary holds copies of them */
    *alab = d.s;
    *ak = d.k;
    d.s = NULL;
    d.k = 0;
  }
  dict_free(&d);
  free(map);
  return rc;
}

/* s moved into *into when *into is NULL, else freed. */
static void keep_first(char **into, char **s) {
  if (!*into) {
    *into = *s;
    *s = NULL;
  }
  free(*s);
  *s = NULL;
}

int terms_surv_part_merge(terms_surv_part *a, terms_surv_part *b,
                          const terms_surv_spec *sp) {
  int rc = 0;
  if (a->err) /* the reading stopped before b's rows */
    goto done;
  if (a->logical >= 0 && b->logical >= 0 && a->logical != b->logical) {
    /* b's first status is an error under the coding a's first set */
    keep_first(&a->err, &b->flip_err);
    goto done;
  }
  if (a->logical < 0) {
    a->logical = b->logical;
    free(a->flip_err);
    a->flip_err = b->flip_err;
    b->flip_err = NULL;
  }
  if (b->err) {
    keep_first(&a->err, &b->err);
    goto done;
  }
  if ((sp->group && merge_labels(&a->glab, &a->gk, b->glab, b->gk, b->counts,
                                 SURV_COUNTS_GROUP)) ||
      (sp->strata && merge_labels(&a->slab, &a->sk, b->slab, b->sk, b->counts,
                                  SURV_COUNTS_STRATA)) ||
      surv_counts_merge(a->counts, b->counts) != SURV_OK) {
    free(a->err);
    a->err = fmtdup("%s: out of memory", a->file ? a->file : "");
    rc = -1;
    goto done;
  }
  a->nread += b->nread;
  a->n += b->n;
  a->max = b->max > a->max ? b->max : a->max;
  a->zero |= b->zero;
  keep_first(&a->two_err, &b->two_err);
  keep_first(&a->empty_err, &b->empty_err);
done:
  terms_surv_part_free(b);
  return rc;
}

int terms_surv_stream_end(terms_surv_part *parts, size_t np,
                          const terms_surv_spec *sp, terms_surv_counts *out,
                          char *err, size_t errlen) {
  terms_surv_counts f;
  terms_surv_part *p = parts;
  label_dict dg, ds;
  size_t i;
  int ok = 0;
  memset(&f, 0, sizeof f);
  memset(&dg, 0, sizeof dg);
  memset(&ds, 0, sizeof ds);
  if (np == 0) {
    snprintf(err, errlen, "no input");
    return -1;
  }
  for (i = 1; i < np; i++)
    terms_surv_part_merge(p, &parts[i], sp);
  if (p->err) {
    snprintf(err, errlen, "%s", p->err);
    return -1;
  }
  f.nread = p->nread;
  f.n = p->n;
  f.n_dropped = f.nread - f.n;
  if (f.nread == 0 && p->empty_err) {
    snprintf(err, errlen, "%s", p->empty_err);
    return -1;
  }
  if (f.n == 0) {
    snprintf(err, errlen, "%s: no rows left after leaving out missing values",
             p->file);
    return -1;
  }
  if (!sp->event && p->logical <= 0 && !sp->causes && p->max == 2 && p->zero &&
      p->two_err) {
    snprintf(err, errlen, "%s", p->two_err);
    return -1;
  }
  f.file = dupstr(p->file, "");
  if (!f.file || (sp->group && dict_of(&dg, p->glab, p->gk)) ||
      (sp->strata && dict_of(&ds, p->slab, p->sk)))
    goto oom;
  f.counts = p->counts; /* the part's table, taken */
  p->counts = NULL;
  if (!sp->event && p->logical <= 0 && !sp->causes && p->max == 2) {
    static const int one_two[3] = {0, 0, 1}; /* R's Surv: 1/2 coding */
    if (surv_counts_relabel(f.counts, SURV_COUNTS_STATUS, one_two, 3) !=
        SURV_OK)
      goto oom;
  }
  if ((sp->group && dict_finish(&dg, f.counts, SURV_COUNTS_GROUP, &f.group)) ||
      (sp->strata && dict_finish(&ds, f.counts, SURV_COUNTS_STRATA, &f.strata)))
    goto oom;
  ok = 1;
oom:
  dict_free(&dg);
  dict_free(&ds);
  if (ok) {
    *out = f;
    return 0;
  }
  snprintf(err, errlen, "%s: out of memory", p->file ? p->file : "");
  terms_surv_counts_free(&f);
  return -1;
}

int terms_surv_stream(const char *path, const terms_surv_spec *sp,
                      terms_surv_counts *out, char *err, size_t errlen) {
  terms_surv_part p;
  int rc = terms_surv_stream_part(path, sp, &p, err, errlen);
  if (rc == 0)
    rc = terms_surv_stream_end(&p, 1, sp, out, err, errlen);
  else if (p.too_many)
    rc = -2;
  terms_surv_part_free(&p);
  return rc;
}

size_t terms_surv_auto_cells(const char *path) {
  struct stat st;
  if (strcmp(path, "-") == 0 || stat(path, &st) != 0 || !S_ISREG(st.st_mode))
    return 0;
  return 65536;
}
