/* Reader of a file of published survival figures (see published.h and
 * surv-audit(1), section FIGURES FILE). One pass over the file, one line at
 * a time in a fixed buffer; every error names the file and the line. */
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "csv.h"
#include "published.h"

#define LINE_MAX_BYTES 1024
#define MAX_WORDS 16

typedef struct reader {
  const char *name; /* for messages: the path, or "<stdin>" */
  long line;
  char *err;
  size_t errlen;
} reader;

static int fail(reader *r, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;

static int fail(reader *r, const char *fmt, ...) {
  int k = snprintf(r->err, r->errlen, "%s:%ld: ", r->name, r->line);
  if (k >= 0 && (size_t)k < r->errlen) {
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(r->err + k, r->errlen - (size_t)k, fmt, ap);
    va_end(ap);
  }
  return -1;
}

/* s[0 .. len-1] escaped for a message (at most 40 bytes of it). */
static const char *show(char buf[CSV_SHOWLEN], const char *s, size_t len) {
  csv_escape(buf, CSV_SHOWLEN, s, len, 40);
  return buf;
}

/* A word of a figure line: text[0 .. len-1] (blanks removed inside the
 * parentheses of a pair of limits). */
typedef struct word {
  char text[LINE_MAX_BYTES];
  size_t len;
} word;

/* Split line into words: blanks separate them, '#' ends the line, and
 * "( ... )" is one word whatever its blanks. Returns the number of words, or
 * -1 after a message. */
static int split(reader *r, const char *line, word *w, int max) {
  int n = 0;
  const char *p = line;
  for (;;) {
    while (*p == ' ' || *p == '\t')
      p++;
    if (*p == '\0' || *p == '#')
      return n;
    if (n == max)
      return fail(r, "more than %d words", max);
    size_t len = 0;
    if (*p == '(') {
      while (*p != ')' && *p != '\0' && *p != '#') {
        if (*p != ' ' && *p != '\t')
          w[n].text[len++] = *p;
        p++;
      }
      if (*p != ')')
        return fail(r, "no ')' closing the limits");
      w[n].text[len++] = *p++;
    } else {
      while (*p != '\0' && *p != '#' && *p != ' ' && *p != '\t')
        w[n].text[len++] = *p++;
    }
    w[n].text[len] = '\0';
    w[n].len = len;
    n++;
  }
}

/* A printed number: digits with an optional point and digits, or NR when
 * allow_nr, after '<' or '>' when allow_rel, with a trailing '%' when
 * percent (then required). Sets *p (tolerance: half a unit of the last
 * digit). Returns 0, or -1 after a message naming what. */
static int parse_printed(reader *r, const char *s, size_t len, int allow_nr,
                         int allow_rel, int percent, const char *what,
                         pub_number *p) {
  char b[CSV_SHOWLEN];
  const char *s0 = s;
  size_t len0 = len;
  pub_number x = {1, 0, '=', 0.0, 0.0};
  if (allow_rel && len > 0 && (s[0] == '<' || s[0] == '>')) {
    x.relation = s[0];
    s++;
    len--;
  }
  if (len == 2 && memcmp(s, "NR", 2) == 0 && allow_nr && x.relation == '=') {
    x.nr = 1;
    x.value = NAN;
    *p = x;
    return 0;
  }
  if (percent) {
    if (len == 0 || s[len - 1] != '%')
      return fail(r, "%s '%s' must be a percentage (as 69.2%%)", what,
                  show(b, s0, len0));
    len--;
  }
  size_t i = 0, digits = 0, decimals = 0;
  while (i < len && s[i] >= '0' && s[i] <= '9')
    i++, digits++;
  if (i < len && s[i] == '.') {
    i++;
    while (i < len && s[i] >= '0' && s[i] <= '9')
      i++, decimals++;
    if (decimals == 0)
      digits = 0;
  }
  if (digits == 0 || i != len)
    return fail(r, "%s '%s' is not a printed number (as 11.3%s)", what,
                show(b, s0, len0), allow_nr ? " or NR" : "");
  char num[LINE_MAX_BYTES];
  memcpy(num, s, len);
  num[len] = '\0';
  if (csv_parse_double(num, len, &x.value) != 0)
    return fail(r, "%s '%s' is out of range", what, show(b, s0, len0));
  x.tol = 0.5 * pow(10.0, -(double)decimals);
  *p = x;
  return 0;
}

/* "(LOWER-UPPER)" or "(LOWER,UPPER)": both limits. */
static int parse_limits(reader *r, const word *w, int percent, pub_figure *f) {
  char b[CSV_SHOWLEN];
  const char *s = w->text + 1;
  size_t len = w->len - 2;
  const char *sep = NULL;
  for (size_t i = 1; i < len; i++)
    if (s[i] == '-' || s[i] == ',') {
      sep = s + i;
      break;
    }
  if (!sep)
    return fail(r, "limits '%s' are not (LOWER-UPPER)",
                show(b, w->text, w->len));
  /* a '%' on the limits is allowed only after a percentage */
  size_t la = (size_t)(sep - s), lb = len - la - 1;
  const char *a = s, *z = sep + 1;
  int pa = la > 0 && a[la - 1] == '%', pb = lb > 0 && z[lb - 1] == '%';
  if ((pa || pb) && !percent)
    return fail(r, "limits '%s' in percent after a value that is not",
                show(b, w->text, w->len));
  if (parse_printed(r, a, la - (size_t)pa, 1, 0, 0, "lower limit", &f->lower) ||
      parse_printed(r, z, lb - (size_t)pb, 1, 0, 0, "upper limit", &f->upper))
    return -1;
  return 0;
}

static int is_word(const word *w, const char *s) {
  return strcmp(w->text, s) == 0;
}

/* An arm's name into dst. */
static int take_name(reader *r, const word *w, char *dst) {
  char b[CSV_SHOWLEN];
  if (w->len >= PUB_NAMELEN)
    return fail(r, "arm name '%s' longer than %d bytes",
                show(b, w->text, w->len), PUB_NAMELEN - 1);
  if (strchr(w->text, '=') || w->text[0] == '(')
    return fail(r, "'%s' is not an arm name", show(b, w->text, w->len));
  memcpy(dst, w->text, w->len + 1);
  return 0;
}

/* Words [from, to) joined by single blanks into dst[PUB_TEXTLEN]. */
static int join(reader *r, const word *w, int from, int to, char *dst) {
  size_t k = 0;
  for (int i = from; i < to; i++) {
    if (k + w[i].len + 2 > PUB_TEXTLEN)
      return fail(r, "figure longer than %d bytes", PUB_TEXTLEN - 1);
    if (i > from)
      dst[k++] = ' ';
    memcpy(dst + k, w[i].text, w[i].len);
    k += w[i].len;
  }
  dst[k] = '\0';
  return 0;
}

typedef struct name_value {
  const char *name;
  int value;
} name_value;

static const name_value ci_names[] = {{"plain", SURV_CI_PLAIN},
                                      {"log", SURV_CI_LOG},
                                      {"log-log", SURV_CI_LOGLOG},
                                      {"logit", SURV_CI_LOGIT},
                                      {"arcsin", SURV_CI_ARCSIN},
                                      {NULL, 0}},
                        ties_names[] = {{"efron", SURV_TIES_EFRON},
                                        {"breslow", SURV_TIES_BRESLOW},
                                        {"exact", SURV_TIES_EXACT},
                                        {NULL, 0}},
                        test_names[] = {{"logrank", PUB_TEST_LOGRANK},
                                        {"wald", PUB_TEST_WALD},
                                        {"lr", PUB_TEST_LR},
                                        {"score", PUB_TEST_SCORE},
                                        {NULL, 0}};

#define KIND(k) (1u << (k))
#define KM_KINDS (KIND(PUB_MEDIAN) | KIND(PUB_SURVIVAL))
#define ALL_KINDS 0x3fu

/* The options: key, the figures they apply to (and the phrase saying so),
 * the names of an enumerated value (NULL for a number). */
enum { OPT_CI, OPT_LEVEL, OPT_TIES, OPT_TEST, OPT_TOL, NOPT };
static const struct option_def {
  const char *key;
  unsigned kinds;
  const char *applies;
  const name_value *names;
} option_defs[NOPT] = {
    {"ci", KM_KINDS, "median and survival figures", ci_names},
    {"level", KM_KINDS | KIND(PUB_HR), "median, survival and hr figures", NULL},
    {"ties", KIND(PUB_HR) | KIND(PUB_PVALUE), "hr and p-value figures",
     ties_names},
    {"test", KIND(PUB_PVALUE), "p-value figures", test_names},
    {"tol", ALL_KINDS, "every figure", NULL}};

/* The value of option d named v: an enumerated one into *e, a number into
 * *x. Returns 0, or -1 after a message. */
static int option_value(reader *r, const struct option_def *d, const char *v,
                        int *e, double *x) {
  char b[CSV_SHOWLEN];
  if (!d->names)
    return csv_parse_double(v, strlen(v), x) == 0
               ? 0
               : fail(r, "%s= must be a number, not '%s'", d->key,
                      show(b, v, strlen(v)));
  for (const name_value *t = d->names; t->name; t++)
    if (strcmp(t->name, v) == 0) {
      *e = t->value;
      return 0;
    }
  return fail(r, "unknown %s '%s'", d->key, show(b, v, strlen(v)));
}

/* The OPTION words w[from .. n-1]. */
static int parse_options(reader *r, const word *w, int from, int n,
                         pub_figure *f) {
  char b[CSV_SHOWLEN];
  unsigned seen = 0;
  for (int i = from; i < n; i++) {
    const char *eq = strchr(w[i].text, '=');
    if (!eq || eq == w[i].text || eq[1] == '\0')
      return fail(r, "'%s' is not an option (KEY=VALUE)",
                  show(b, w[i].text, w[i].len));
    size_t kl = (size_t)(eq - w[i].text);
    unsigned k = 0;
    while (k < NOPT && (strlen(option_defs[k].key) != kl ||
                        memcmp(option_defs[k].key, w[i].text, kl) != 0))
      k++;
    if (k == NOPT)
      return fail(r, "unknown option '%s'", show(b, w[i].text, kl));
    const struct option_def *d = &option_defs[k];
    if (seen & (1u << k))
      return fail(r, "option %s= given twice", d->key);
    seen |= 1u << k;
    if (!(d->kinds & KIND(f->kind)))
      return fail(r, "%s= applies to %s", d->key, d->applies);
    int e = 0;
    double x = 0;
    if (option_value(r, d, eq + 1, &e, &x) != 0)
      return -1;
    if (k == OPT_CI)
      f->ci = (surv_ci_type)e;
    else if (k == OPT_TIES)
      f->ties = (surv_cox_ties)e;
    else if (k == OPT_TEST)
      f->test = (pub_test)e;
    else if (k == OPT_LEVEL && !(x > 0 && x < 1))
      return fail(r, "level= must be between 0 and 1, not '%s'", eq + 1);
    else if (k == OPT_LEVEL)
      f->level = x;
    else if (x < 0)
      return fail(r, "tol= must be >= 0, not '%s'", eq + 1);
    else {
      f->tol_given = 1;
      f->est.tol = f->lower.tol = f->upper.tol = x;
    }
  }
  if (f->kind == PUB_PVALUE && f->test == PUB_TEST_LOGRANK &&
      (seen & (1u << OPT_TIES)))
    return fail(r, "ties= applies to the Cox tests (test=wald|lr|score)");
  return 0;
}

/* One figure line of n >= 1 words into *f. */
static int parse_figure(reader *r, const word *w, int n, pub_figure *f) {
  char b[CSV_SHOWLEN];
  memset(f, 0, sizeof *f);
  f->line = r->line;
  f->ci = SURV_CI_LOG;
  f->level = 0.95;
  f->ties = SURV_TIES_EFRON;
  f->test = PUB_TEST_LOGRANK;
  f->scale = 1;
  int v; /* index of the printed value */
  if (is_word(&w[0], "count")) {
    if (n < 4)
      return fail(r, "want: count ARM patients|events N");
    if (is_word(&w[2], "patients"))
      f->kind = PUB_PATIENTS;
    else if (is_word(&w[2], "events"))
      f->kind = PUB_EVENTS;
    else
      return fail(r, "count of '%s': want patients or events",
                  show(b, w[2].text, w[2].len));
    v = 3;
  } else if (is_word(&w[0], "median")) {
    f->kind = PUB_MEDIAN;
    v = 2;
  } else if (is_word(&w[0], "survival")) {
    f->kind = PUB_SURVIVAL;
    if (n < 5 || !is_word(&w[2], "at"))
      return fail(r, "want: survival ARM at TIME VALUE [(LOWER-UPPER)]");
    if (csv_parse_double(w[3].text, w[3].len, &f->at) != 0 || f->at < 0)
      return fail(r, "time '%s' is not a number >= 0",
                  show(b, w[3].text, w[3].len));
    v = 4;
  } else if (is_word(&w[0], "hr") || is_word(&w[0], "p-value")) {
    f->kind = is_word(&w[0], "hr") ? PUB_HR : PUB_PVALUE;
    if (n < 5 || !is_word(&w[2], "vs"))
      return fail(r, "want: %s ARM vs REF VALUE%s", w[0].text,
                  f->kind == PUB_HR ? " [(LOWER-UPPER)]" : "");
    if (take_name(r, &w[3], f->ref))
      return -1;
    if (strcmp(w[1].text, w[3].text) == 0)
      return fail(r, "an arm against itself");
    v = 4;
  } else
    return fail(r,
                "unknown figure '%s' (count, median, survival, hr, "
                "p-value)",
                show(b, w[0].text, w[0].len));
  if (n <= v)
    return fail(r, "no printed value");
  if (take_name(r, &w[1], f->arm))
    return -1;
  int percent =
      f->kind == PUB_SURVIVAL && w[v].len > 0 && w[v].text[w[v].len - 1] == '%';
  if (percent)
    f->scale = 100;
  if (f->kind == PUB_PATIENTS || f->kind == PUB_EVENTS) {
    if (strchr(w[v].text, '.'))
      return fail(r, "count '%s' is not a whole number",
                  show(b, w[v].text, w[v].len));
    if (parse_printed(r, w[v].text, w[v].len, 0, 0, 0, "count", &f->est))
      return -1;
  } else if (parse_printed(r, w[v].text, w[v].len, f->kind != PUB_PVALUE,
                           f->kind == PUB_PVALUE, percent, "value", &f->est))
    return -1;
  if (f->kind == PUB_PVALUE && !f->est.nr && f->est.value > 1)
    return fail(r, "p-value '%s' above 1", show(b, w[v].text, w[v].len));
  int o = v + 1; /* first option */
  if (o < n && w[o].text[0] == '(') {
    if (f->kind == PUB_PVALUE || f->kind == PUB_PATIENTS ||
        f->kind == PUB_EVENTS)
      return fail(r, "limits after a %s", w[0].text);
    if (parse_limits(r, &w[o], percent, f))
      return -1;
    o++;
  }
  if (join(r, w, 0, v, f->label) || join(r, w, v, o, f->text))
    return -1;
  return parse_options(r, w, o, n, f);
}

/* Read one line into buf (without its LF and a CR before it). Returns 1, 0
 * at the end of input, -1 after a message. */
static int read_line(reader *r, FILE *fp, char *buf) {
  size_t len = 0;
  int c;
  while ((c = getc(fp)) != EOF && c != '\n') {
    if (c == '\0')
      return fail(r, "NUL byte");
    if (len == LINE_MAX_BYTES - 1)
      return fail(r, "line longer than %d bytes", LINE_MAX_BYTES - 1);
    buf[len++] = (char)c;
  }
  if (ferror(fp))
    return fail(r, "read error");
  if (c == EOF && len == 0)
    return 0;
  if (len > 0 && buf[len - 1] == '\r')
    len--;
  buf[len] = '\0';
  return 1;
}

int pub_read(const char *path, pub_figure **out, size_t *n, char *err,
             size_t errlen) {
  int is_stdin = strcmp(path, "-") == 0;
  reader r = {is_stdin ? "<stdin>" : path, 0, err, errlen};
  FILE *fp = is_stdin ? stdin : fopen(path, "r");
  if (!fp) {
    snprintf(err, errlen, "%s: cannot open: %s", path, strerror(errno));
    return -1;
  }
  pub_figure *fig = NULL;
  size_t m = 0, cap = 0;
  word w[MAX_WORDS];
  char line[LINE_MAX_BYTES];
  int rc;
  while ((rc = (r.line++, read_line(&r, fp, line))) > 0) {
    int k = split(&r, line, w, MAX_WORDS);
    if (k < 0) {
      rc = -1;
      break;
    }
    if (k == 0)
      continue;
    if (m == cap) {
      size_t c = cap ? 2 * cap : 16;
      pub_figure *p = realloc(fig, c * sizeof *p);
      if (!p) {
        rc = fail(&r, "out of memory");
        break;
      }
      fig = p;
      cap = c;
    }
    if (parse_figure(&r, w, k, &fig[m]) != 0) {
      rc = -1;
      break;
    }
    m++;
  }
  if (!is_stdin)
    fclose(fp);
  if (rc == 0 && m == 0) {
    snprintf(err, errlen, "%s: no figures", r.name);
    rc = -1;
  }
  if (rc < 0) {
    free(fig);
    return -1;
  }
  *out = fig;
  *n = m;
  return 0;
}

int pub_number_match(const pub_number *p, double computed) {
  if (p->nr || isnan(computed))
    return p->nr && isnan(computed);
  if (p->relation == '<')
    return computed < p->value;
  if (p->relation == '>')
    return computed > p->value;
  return fabs(computed - p->value) <= p->tol * (1 + 1e-9);
}
