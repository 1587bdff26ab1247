/* Command-line parsing and output checks shared by the example programs: see
 * opts.h. */
#include "opts.h"

#include <errno.h>
#include <math.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <surv.h>

#include "csv.h"
#include "terms.h"

void opts_init(opts *o, const char *prog, void (*usage)(FILE *), int argc,
               char **argv) {
  memset(o, 0, sizeof *o);
  o->prog = prog;
  o->usage = usage;
  o->argc = argc;
  o->argv = argv;
  o->index = 0;
  /* A closed pipe then fails the write with EPIPE, which the program
   * reports (opts_close_stdout), instead of killing it without a word. */
  signal(SIGPIPE, SIG_IGN);
}

/* Print on stdout and exit: 0, or 1 when stdout cannot be written. */
static void print_and_exit(opts *o, int version) {
  if (version)
    printf("%s (libsurv %s)\n", o->prog, surv_version());
  else
    o->usage(stdout);
  exit(opts_close_stdout(o));
}

int opts_next(opts *o) {
  for (;;) {
    if (++o->index >= o->argc)
      return OPTS_END;
    const char *a = o->argv[o->index];
    o->arg = a;
    o->value = NULL;
    o->needs_value = NULL;
    if (o->done || a[0] != '-' || a[1] == '\0' || a[1] == '.' ||
        (a[1] >= '0' && a[1] <= '9'))
      return OPTS_OPERAND;
    if (strcmp(a, "--") == 0) {
      o->done = 1;
      continue;
    }
    if (strcmp(a, "--help") == 0)
      print_and_exit(o, 0);
    if (strcmp(a, "--version") == 0)
      print_and_exit(o, 1);
    return OPTS_OPTION;
  }
}

int opts_flag(opts *o, const char *name) {
  size_t n = strlen(name);
  if (strncmp(o->arg, name, n) != 0)
    return 0;
  if (o->arg[n] == '\0')
    return 1;
  if (o->arg[n] == '=')
    opts_fail(o, "option '%s' takes no value", name);
  return 0;
}

int opts_value(opts *o, const char *name) {
  size_t n = strlen(name);
  if (strncmp(o->arg, name, n) != 0)
    return 0;
  if (o->arg[n] == '\0') {
    o->needs_value = name;
    return 0;
  }
  if (o->arg[n] != '=')
    return 0;
  if (o->arg[n + 1] == '\0')
    opts_fail(o, "option '%s' needs a value after '='", name);
  o->value = o->arg + n + 1;
  return 1;
}

const char *opts_file(const opts *o, const char *path) {
  if (path)
    opts_fail(o, "more than one input file ('%s')", o->arg);
  return o->arg;
}

void opts_unknown(const opts *o) {
  if (o->needs_value) {
    fprintf(stderr, "%s: option '%s' needs a value (%s=VALUE)\n", o->prog,
            o->needs_value, o->needs_value);
    o->usage(stderr);
    exit(2);
  }
  opts_fail(o, "unknown option '%s'", o->arg);
}

void opts_fail(const opts *o, const char *fmt, const char *arg) {
  char shown[4 * 200 + 4];
  csv_escape(shown, sizeof shown, arg, strlen(arg), 200);
  fprintf(stderr, "%s: ", o->prog);
  fprintf(stderr, fmt, shown);
  fputc('\n', stderr);
  o->usage(stderr);
  exit(2);
}

void opts_bad_data(const char *prog, const char *fmt, ...) {
  va_list ap;
  fprintf(stderr, "%s: ", prog);
  va_start(ap, fmt);
  vfprintf(stderr, fmt, ap);
  va_end(ap);
  fputc('\n', stderr);
  exit(1);
}

const char *opts_format_number(char *buf, size_t len, double x) {
  if (isnan(x))
    snprintf(buf, len, "NA");
  else if (isinf(x))
    snprintf(buf, len, "%s", x > 0 ? "Inf" : "-Inf");
  else
    snprintf(buf, len, "%.15g", x);
  return buf;
}

int opts_number(const char *s, double *out) {
  return csv_parse_double(s, strlen(s), out);
}

double opts_level(const opts *o) {
  double v;
  if (opts_number(o->value, &v) != 0 || !(v > 0 && v < 1))
    opts_fail(o,
              "--conf-level must be a number strictly between 0 and 1, "
              "not '%s'",
              o->value);
  return v;
}

int opts_close_stdout(const opts *o) {
  int e = errno; /* an earlier failed write's, if any */
  int bad = ferror(stdout) != 0;
  if (fflush(stdout) != 0) {
    bad = 1;
    e = errno;
  }
  if (fclose(stdout) != 0 && !bad) {
    bad = 1;
    e = errno;
  }
  if (!bad)
    return 0;
  if (e != 0)
    fprintf(stderr, "%s: cannot write standard output: %s\n", o->prog,
            strerror(e));
  else
    fprintf(stderr, "%s: cannot write standard output\n", o->prog);
  return 1;
}

int opts_surv_column(opts *o, struct terms_surv_spec *spec, unsigned allowed) {
  static const struct {
    const char *name;
    unsigned bit;
    size_t off;
  } cols[] = {
      {"--time", 0, offsetof(terms_surv_spec, time)},
      {"--status", 0, offsetof(terms_surv_spec, status)},
      {"--event", OPTS_SURV_EVENT, offsetof(terms_surv_spec, event)},
      {"--censor", OPTS_SURV_EVENT, offsetof(terms_surv_spec, censor)},
      {"--group", OPTS_SURV_GROUP, offsetof(terms_surv_spec, group)},
      {"--strata", OPTS_SURV_STRATA, offsetof(terms_surv_spec, strata)},
      {"--entry", OPTS_SURV_ENTRY, offsetof(terms_surv_spec, entry)},
      {"--weights", OPTS_SURV_WEIGHTS, offsetof(terms_surv_spec, weights)}};
  for (size_t i = 0; i < sizeof cols / sizeof cols[0]; i++)
    if ((cols[i].bit == 0 || (allowed & cols[i].bit)) &&
        opts_value(o, cols[i].name)) {
      *(const char **)(void *)((char *)spec + cols[i].off) = o->value;
      return 1;
    }
  return 0;
}

void opts_surv_check(const opts *o, const struct terms_surv_spec *spec) {
  if (spec->censor && !spec->event)
    opts_fail(o, "--censor=%s needs --event=VALUE too", spec->censor);
  if (spec->event && spec->censor && strcmp(spec->event, spec->censor) == 0)
    opts_fail(o, "--event and --censor have the same value '%s'", spec->event);
}

int opts_conf_type(const opts *o) {
  static const struct {
    const char *name;
    surv_ci_type type;
  } types[] = {{"plain", SURV_CI_PLAIN},
               {"log", SURV_CI_LOG},
               {"log-log", SURV_CI_LOGLOG},
               {"logit", SURV_CI_LOGIT},
               {"arcsin", SURV_CI_ARCSIN}};
  for (size_t i = 0; i < sizeof types / sizeof types[0]; i++)
    if (strcmp(o->value, types[i].name) == 0)
      return (int)types[i].type;
  opts_fail(o, "unknown confidence interval type '%s'", o->value);
}

size_t opts_times(const char *s, double **out) {
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
