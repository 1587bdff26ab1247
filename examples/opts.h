/* Command-line parsing and output checks shared by the example programs (not
 * installed, not part of libsurv). One grammar for every program:
 *
 *   - long options only: --name (a flag) and --name=VALUE; VALUE may not be
 *     empty; "--" ends the options (later arguments are operands, even when
 *     they begin with '-'); a lone "-" is an operand (standard input);
 *   - an argument that begins with '-' followed by a digit or '.' is an
 *     operand too (a negative number, for the programs whose operands are
 *     numbers; they reject it as bad data, exit 1);
 *   - --help prints the usage on standard output, --version prints
 *     "PROG (libsurv VERSION)"; both exit 0 (1 if standard output cannot be
 *     written);
 *   - misuse (an unknown option, a flag given a value, an option missing its
 *     =VALUE, a bad value): "PROG: message" and the usage on standard error,
 *     exit 2;
 *   - option values that are numbers use csv_parse_double (csv.h), the
 *     grammar of the CSV fields: decimal only (no hex, no "inf"/"nan"),
 *     finite, subnormals accepted.
 *
 * Typical use (see examples/km.c; a program adopting it adds its sources
 * in examples/opts.am and its runs in tests/check-writefail.sh):
 *
 *   opts o;
 *   opts_init(&o, "surv-x", usage, argc, argv);
 *   while ((k = opts_next(&o)) != OPTS_END) {
 *     if (k == OPTS_OPERAND)
 *       path = opts_file(&o, path);          // one input file
 *     else if (opts_flag(&o, "--quantiles"))
 *       quantiles = 1;
 *     else if (opts_value(&o, "--conf-level"))
 *       level = opts_level(&o);              // in (0, 1), else exit 2
 *     else if (opts_value(&o, "--rho")) {
 *       if (opts_number(o.value, &rho) != 0)
 *         opts_fail(&o, "--rho must be a finite number, not '%s'", o.value);
 *     } else
 *       opts_unknown(&o);
 *   }
 *   ... write the results to stdout ...
 *   return opts_close_stdout(&o);   // 0, or 1 after a message
 *
 * opts_init also ignores SIGPIPE, so that writing to a closed pipe fails
 * with EPIPE (reported by opts_close_stdout, exit 1) instead of killing the
 * program silently. */
#ifndef SURV_EXAMPLES_OPTS_H
#define SURV_EXAMPLES_OPTS_H

#include <stdio.h>

enum { OPTS_END = -1, OPTS_OPERAND = 0, OPTS_OPTION = 1 };

typedef struct {
  const char *prog;        /* "surv-x": messages begin "surv-x: " */
  void (*usage)(FILE *);   /* prints the usage ("usage: surv-x ...") */
  int argc;                /* from main */
  char **argv;             /* from main */
  int index;               /* argv index of the current argument */
  int done;                /* "--" seen: the rest are operands */
  const char *arg;         /* the current argument */
  const char *value;       /* after opts_value() matched: text after '=' */
  const char *needs_value; /* an option given without =VALUE (for errors) */
} opts;

/* Start parsing argv[1 .. argc-1] for the program prog; ignores SIGPIPE. */
void opts_init(opts *o, const char *prog, void (*usage)(FILE *), int argc,
               char **argv);

/* The next argument: OPTS_OPTION (o->arg is an option: match it with
 * opts_flag and opts_value, else opts_unknown), OPTS_OPERAND (o->arg is an
 * operand), or OPTS_END. Handles "--", --help and --version itself. */
int opts_next(opts *o);

/* 1 when the current option is exactly the flag name ("--quantiles"). A
 * flag given a value ("--quantiles=1") is a usage error (exit 2). */
int opts_flag(opts *o, const char *name);

/* 1 when the current option is name=VALUE ("--rho=1" for "--rho"); o->value
 * points at VALUE. An empty VALUE is a usage error (exit 2); the name alone
 * is remembered so that opts_unknown says it needs a value. */
int opts_value(opts *o, const char *name);

/* The current operand as the program's one input file: returns o->arg, or
 * (when *path is already set) fails with "more than one input file". */
const char *opts_file(const opts *o, const char *path);

/* Misuse of the current option: "PROG: unknown option '...'" (or "option
 * '--x' needs a value: --x=VALUE") and the usage on stderr, exit(2). */
void opts_unknown(const opts *o)
#if defined(__GNUC__)
    __attribute__((noreturn))
#endif
    ;

/* Any other usage error: "PROG: " and printf(fmt, arg) with arg escaped
 * (control bytes as \xNN), the usage on stderr, exit(2). */
void opts_fail(const opts *o, const char *fmt, const char *arg)
#if defined(__GNUC__)
    __attribute__((noreturn))
#endif
    ;

/* Bad data (exit status 1): "PROG: " and printf(fmt, ...) on stderr (no
 * escaping: fmt and its arguments are the caller's), exit(1). */
void opts_bad_data(const char *prog, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((noreturn, format(printf, 2, 3)))
#endif
    ;
/* x with 15 significant digits into buf, "Inf"/"-Inf" for the infinities
 * and "NA" for NaN (R's NA and NaN alike); returns buf. */
const char *opts_format_number(char *buf, size_t len, double x);
/* The programs' one number grammar for option values (csv_parse_double on
 * the whole string): 0 and *out set, or -1 with *out untouched. */
int opts_number(const char *s, double *out);

/* The value of the current option (matched by opts_value) as a confidence
 * level: a number strictly between 0 and 1, else a usage error (exit 2). */
double opts_level(const opts *o);

/* Finish standard output: flush it, check its error flag and close it.
 * Returns 0, or prints "PROG: cannot write standard output: REASON" on
 * stderr and returns 1 (the programs' status for it). Call it once, right
 * after the last write (an earlier failed write's errno gives the reason
 * when the flush itself succeeds). */
int opts_close_stdout(const opts *o);

/* The survival-column options shared by surv-km, surv-logrank and surv-cif
 * (terms.h, terms_surv_spec): --time=COL, --status=COL,
 * and those of --event=VALUE, --censor=VALUE, --group, --strata, --entry,
 * --weights that the program allows (OPTS_SURV_* bits). Returns 1 when the
 * current option was one of them (its value stored in spec), else 0. */
struct terms_surv_spec;
enum {
  OPTS_SURV_GROUP = 0x1,
  OPTS_SURV_STRATA = 0x2,
  OPTS_SURV_ENTRY = 0x4,
  OPTS_SURV_WEIGHTS = 0x8,
  OPTS_SURV_EVENT = 0x10 /* --event and --censor */
};
int opts_surv_column(opts *o, struct terms_surv_spec *spec, unsigned allowed);

/* The value of the current option (matched by opts_value) as a confidence
 * interval type: plain, log, log-log, logit or arcsin, else a usage error
 * (exit 2). */
int opts_conf_type(const opts *o);

/* A list of times "T1,T2,..." (decimal numbers >= 0, as opts_number reads
 * them) into a fresh array *out (free it). Returns the count, or 0 on a bad
 * list or no memory (*out untouched). */
size_t opts_times(const char *s, double **out);

/* After the options: --censor needs --event, and the two differ (else a
 * usage error, exit 2). */
void opts_surv_check(const opts *o, const struct terms_surv_spec *spec);

#endif /* SURV_EXAMPLES_OPTS_H */
