/* surv-power: sample size and power (surv_power_logrank(3) and friends).
 *
 *   surv-power logrank --hr=HR (--power=P | --events=E) [--method=M]
 *              [--lambda0=L | --median0=M [--accrual=A] [--follow-up=F]
 *               [--dropout=D]] [common options]
 *   surv-power logrank --hr=HR (--lambda0=L | --median0=M)
 *              (--power=P | --n=N) [--method=M] [--log-hazard] [design
 *              options as above] [common options]
 *   M: schoenfeld, freedman or lachin-foulkes (a design only)
 *   surv-power binom --p0=P0 --p1=P1 (--power=P | --n=N) [--exact]
 *              [--continuity] [--strict] [common options]
 *   surv-power prop --p1=P1 --p2=P2 (--power=P | --n=N1) [--continuity]
 *              [--strict] [common options]
 *   surv-power fisher --p1=P1 --p2=P2 (--power=P | --n=N1) [common options]
 *   common: [--alpha=A] [--ratio=R] [--one-sided] [--max-n=K]
 *
 * Prints key<TAB>value lines (numbers with %.15g): the inputs used, then the
 * power, or the size unrounded and rounded up (group sizes rounded up each,
 * their sum the total); logrank with --n: the power of a design of N
 * subjects in all (surv_power_logrank_total) and its expected events. Usage
 * errors (an unknown command or option, a value that is not a number, a missing
 * or conflicting option): a message and the usage on stderr, exit 2. A number
 * outside its range, or a computation the library refuses (a power no size
 * reaches, an exact search beyond --max-n): one line "surv-power: ..." on
 * stderr, exit 1. Nothing reaches stdout on failure. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <surv.h>

#include "opts.h"

#define PROG "surv-power"

static void usage(FILE *f) {
  fprintf(f,
          "usage: %s logrank --hr=HR (--power=P | --events=E) "
          "[--method=schoenfeld|freedman]\n"
          "         [--lambda0=L | --median0=M] [--accrual=A] "
          "[--follow-up=F] [--dropout=D] [COMMON]\n"
          "       %s logrank --hr=HR (--lambda0=L | --median0=M) "
          "(--power=P | --n=N)\n"
          "         [--method=schoenfeld|freedman|lachin-foulkes] "
          "[--log-hazard] [--accrual=A]\n"
          "         [--follow-up=F] [--dropout=D] [--strict] [COMMON]\n"
          "       %s binom --p0=P0 --p1=P1 (--power=P | --n=N) [--exact] "
          "[--continuity] [--strict] [COMMON]\n"
          "       %s prop --p1=P1 --p2=P2 (--power=P | --n=N1) "
          "[--continuity] [--strict] [COMMON]\n"
          "       %s fisher --p1=P1 --p2=P2 (--power=P | --n=N1) [COMMON]\n"
          "COMMON: [--alpha=A] [--ratio=N2/N1] [--one-sided] [--max-n=K]\n",
          PROG, PROG, PROG, PROG, PROG);
}

enum cmd { CMD_LOGRANK, CMD_BINOM, CMD_PROP, CMD_FISHER };

/* A value given once: NAN until set. */
typedef struct args {
  double hr, power, events, lambda0, median0, accrual, follow_up, dropout;
  double p0, p1, p2, n, alpha, ratio, max_n;
  int method, exact, continuity, strict, one_sided, log_hazard;
} args;

/* --method: the library's methods, by their names in the output. */
static const struct {
  const char *name;
  surv_power_method method;
} methods[] = {{"schoenfeld", SURV_POWER_SCHOENFELD},
               {"freedman", SURV_POWER_FREEDMAN},
               {"lachin-foulkes", SURV_POWER_LACHIN_FOULKES}};
#define METHOD_LF 2

static double number(opts *o) {
  double v;
  if (opts_number(o->value, &v) != 0)
    opts_fail(o, "option value must be a finite decimal number, not '%s'",
              o->value);
  return v;
}

/* Bad input: one line, exit 1. */
static int bad(const char *opt, const char *msg, double v) {
  fprintf(stderr, "%s: %s: %s, got %.15g\n", PROG, opt, msg, v);
  return 0;
}

static int check_prob(const char *opt, double v, int closed) {
  if (isnan(v))
    return 1;
  if (closed ? (v >= 0.0 && v <= 1.0) : (v > 0.0 && v < 1.0))
    return 1;
  return bad(opt,
             closed ? "must be a probability in [0, 1]"
                    : "must be strictly between 0 and 1",
             v);
}

static int check_pos(const char *opt, double v) {
  return isnan(v) || v > 0.0 ? 1 : bad(opt, "must be positive", v);
}

static int check_nonneg(const char *opt, double v) {
  return isnan(v) || v >= 0.0 ? 1 : bad(opt, "must be 0 or positive", v);
}

static int fail_lib(const char *what, int rc) {
  fprintf(stderr, "%s: %s: %s\n", PROG, what, surv_strerror(rc));
  return 1;
}

/* Output lines are built in a buffer and written only once every
 * computation succeeded. */
typedef struct outbuf {
  char text[4096];
  size_t len;
} outbuf;

static void put(outbuf *b, const char *key, double v) {
  int k = snprintf(b->text + b->len, sizeof b->text - b->len, "%s\t%.15g\n",
                   key, v);
  if (k > 0 && (size_t)k < sizeof b->text - b->len)
    b->len += (size_t)k;
}

static void put_str(outbuf *b, const char *key, const char *v) {
  int k =
      snprintf(b->text + b->len, sizeof b->text - b->len, "%s\t%s\n", key, v);
  if (k > 0 && (size_t)k < sizeof b->text - b->len)
    b->len += (size_t)k;
}

static void put_common(outbuf *b, const surv_power_options *po) {
  put(b, "alpha", po->alpha);
  put(b, "sides", po->flags & SURV_POWER_ONE_SIDED ? 1 : 2);
  put(b, "ratio", po->ratio);
}

static void put_design(outbuf *b, const surv_power_options *po, double hr,
                       double lambda0) {
  put(b, "lambda0", lambda0);
  put(b, "lambda1", hr * lambda0);
  put(b, "accrual", po->accrual);
  put(b, "follow_up", po->follow_up);
  put(b, "dropout", po->dropout);
}

static int run_logrank(const args *a, surv_power_options *po, outbuf *b) {
  double lambda0 = a->lambda0, v, e, pe, n;
  int rc;
  if (!isnan(a->median0))
    lambda0 = log(2.0) / a->median0;
  po->method = methods[a->method].method;
  if (a->log_hazard)
    po->flags |= SURV_POWER_LOG_HAZARD;
  put_str(b, "method", methods[a->method].name);
  if (a->method == METHOD_LF)
    put_str(b, "scale", a->log_hazard ? "log_hazard" : "hazard");
  put(b, "hr", a->hr);
  put_common(b, po);
  if (!isnan(a->n)) {
    if ((rc = surv_power_logrank_total(a->hr, lambda0, a->n, po, &v, &e)) !=
        SURV_OK)
      return fail_lib("power", rc);
    put_design(b, po, a->hr, lambda0);
    put(b, "n", a->n);
    put(b, "events", e);
    put(b, "power", v);
    return 0;
  }
  if (!isnan(a->events)) {
    if ((rc = surv_power_logrank(a->hr, a->events, po, &v)) != SURV_OK)
      return fail_lib("power", rc);
    put(b, "events", a->events);
    put(b, "power", v);
    return 0;
  }
  put(b, "power", a->power);
  if (isnan(lambda0)) {
    if ((rc = surv_power_logrank_events(a->hr, a->power, po, &e)) != SURV_OK)
      return fail_lib("events", rc);
    put(b, "events", e);
    put(b, "events_ceiling", ceil(e));
    return 0;
  }
  if ((rc = surv_power_logrank_n(a->hr, lambda0, a->power, po, &n, &e, &pe)) !=
      SURV_OK)
    return fail_lib("sample size", rc);
  put_design(b, po, a->hr, lambda0);
  put(b, "events", e);
  put(b, "events_ceiling", ceil(e));
  put(b, "p_event", pe);
  put(b, "n", n);
  {
    double n1 = ceil(n / (1.0 + po->ratio)),
           n2 = ceil(n * po->ratio / (1.0 + po->ratio));
    put(b, "n1_ceiling", n1);
    put(b, "n2_ceiling", n2);
    put(b, "n_ceiling", n1 + n2);
  }
  return 0;
}

static int run_binom(const args *a, surv_power_options *po, outbuf *b) {
  double v;
  int rc;
  po->method = a->exact ? SURV_POWER_EXACT : SURV_POWER_NORMAL;
  put_str(b, "method", a->exact ? "exact" : "normal");
  put(b, "p0", a->p0);
  put(b, "p1", a->p1);
  put(b, "alpha", po->alpha);
  put(b, "sides", po->flags & SURV_POWER_ONE_SIDED ? 1 : 2);
  if (!isnan(a->n)) {
    if ((rc = surv_power_binom(a->p0, a->p1, a->n, po, &v)) != SURV_OK)
      return fail_lib("power", rc);
    put(b, "n", a->n);
    put(b, "power", v);
    return 0;
  }
  if ((rc = surv_power_binom_n(a->p0, a->p1, a->power, po, &v)) != SURV_OK)
    return fail_lib("sample size", rc);
  put(b, "power", a->power);
  put(b, "n", v);
  put(b, "n_ceiling", ceil(v));
  return 0;
}

static int run_prop(const args *a, surv_power_options *po, outbuf *b,
                    int fisher) {
  double v, n2;
  int rc;
  po->method = fisher ? SURV_POWER_EXACT : SURV_POWER_NORMAL;
  put_str(b, "method", fisher ? "fisher" : "normal");
  put(b, "p1", a->p1);
  put(b, "p2", a->p2);
  put_common(b, po);
  if (!isnan(a->n)) {
    if ((rc = surv_power_prop(a->p1, a->p2, a->n, po, &v)) != SURV_OK)
      return fail_lib("power", rc);
    put(b, "n1", a->n);
    put(b, "n2", a->n * po->ratio);
    put(b, "power", v);
    return 0;
  }
  if ((rc = surv_power_prop_n(a->p1, a->p2, a->power, po, &v, &n2)) != SURV_OK)
    return fail_lib("sample size", rc);
  put(b, "power", a->power);
  put(b, "n1", v);
  put(b, "n2", n2);
  put(b, "n1_ceiling", ceil(v));
  put(b, "n2_ceiling", ceil(n2));
  put(b, "n_ceiling", ceil(v) + ceil(n2));
  return 0;
}

int main(int argc, char **argv) {
  args a;
  surv_power_options po = SURV_POWER_OPTIONS_INIT;
  outbuf b;
  const char *cmdname = NULL;
  enum cmd cmd = CMD_LOGRANK;
  int kind, rc = 0;
  opts o;

  a.hr = a.power = a.events = a.lambda0 = a.median0 = NAN;
  a.accrual = a.follow_up = a.dropout = NAN;
  a.p0 = a.p1 = a.p2 = a.n = a.alpha = a.ratio = a.max_n = NAN;
  a.method = a.exact = a.continuity = a.strict = a.one_sided = 0;
  a.log_hazard = 0;
  b.len = 0;
  b.text[0] = '\0';

  opts_init(&o, PROG, usage, argc, argv);
  while ((kind = opts_next(&o)) != OPTS_END) {
    if (kind == OPTS_OPERAND) {
      if (cmdname)
        opts_fail(&o, "unexpected argument '%s'", o.arg);
      cmdname = o.arg;
      if (strcmp(cmdname, "logrank") == 0)
        cmd = CMD_LOGRANK;
      else if (strcmp(cmdname, "binom") == 0)
        cmd = CMD_BINOM;
      else if (strcmp(cmdname, "prop") == 0)
        cmd = CMD_PROP;
      else if (strcmp(cmdname, "fisher") == 0)
        cmd = CMD_FISHER;
      else
        opts_fail(&o, "unknown command '%s' (logrank, binom, prop, fisher)",
                  cmdname);
    } else if (opts_value(&o, "--hr"))
      a.hr = number(&o);
    else if (opts_value(&o, "--power"))
      a.power = number(&o);
    else if (opts_value(&o, "--events"))
      a.events = number(&o);
    else if (opts_value(&o, "--lambda0"))
      a.lambda0 = number(&o);
    else if (opts_value(&o, "--median0"))
      a.median0 = number(&o);
    else if (opts_value(&o, "--accrual"))
      a.accrual = number(&o);
    else if (opts_value(&o, "--follow-up"))
      a.follow_up = number(&o);
    else if (opts_value(&o, "--dropout"))
      a.dropout = number(&o);
    else if (opts_value(&o, "--p0"))
      a.p0 = number(&o);
    else if (opts_value(&o, "--p1"))
      a.p1 = number(&o);
    else if (opts_value(&o, "--p2"))
      a.p2 = number(&o);
    else if (opts_value(&o, "--n"))
      a.n = number(&o);
    else if (opts_value(&o, "--alpha"))
      a.alpha = number(&o);
    else if (opts_value(&o, "--ratio"))
      a.ratio = number(&o);
    else if (opts_value(&o, "--max-n"))
      a.max_n = number(&o);
    else if (opts_value(&o, "--method")) {
      size_t k = 0;
      while (k < sizeof methods / sizeof methods[0] &&
             strcmp(o.value, methods[k].name) != 0)
        k++;
      if (k == sizeof methods / sizeof methods[0])
        opts_fail(&o,
                  "--method must be schoenfeld, freedman or lachin-foulkes, "
                  "not '%s'",
                  o.value);
      a.method = (int)k;
    } else if (opts_flag(&o, "--log-hazard"))
      a.log_hazard = 1;
    else if (opts_flag(&o, "--exact"))
      a.exact = 1;
    else if (opts_flag(&o, "--continuity"))
      a.continuity = 1;
    else if (opts_flag(&o, "--strict"))
      a.strict = 1;
    else if (opts_flag(&o, "--one-sided"))
      a.one_sided = 1;
    else
      opts_unknown(&o);
  }

  /* which options go with which command (usage errors) */
  if (!cmdname)
    opts_fail(&o, "%s", "a command is missing (logrank, binom, prop, fisher)");
  if (!isnan(a.power) + !isnan(a.n) + !isnan(a.events) != 1)
    opts_fail(&o, "%s",
              cmd == CMD_LOGRANK ? "give one of --power, --events and --n"
                                 : "give one of --power and --n");
  if (cmd == CMD_LOGRANK) {
    if (isnan(a.hr))
      opts_fail(&o, "%s", "logrank needs --hr");
    if (!isnan(a.p0) || !isnan(a.p1) || !isnan(a.p2) || a.exact || a.continuity)
      opts_fail(&o, "%s",
                "logrank takes none of --p0, --p1, --p2, --exact, "
                "--continuity");
    if ((!isnan(a.n) || a.method == METHOD_LF) && isnan(a.lambda0) &&
        isnan(a.median0))
      opts_fail(&o, "%s",
                "--n and --method=lachin-foulkes need a design: --lambda0 "
                "or --median0");
    if (a.log_hazard && a.method != METHOD_LF)
      opts_fail(&o, "%s", "--log-hazard goes with --method=lachin-foulkes");
    if (!isnan(a.lambda0) && !isnan(a.median0))
      opts_fail(&o, "%s", "give at most one of --lambda0 and --median0");
    if ((!isnan(a.accrual) || !isnan(a.follow_up) || !isnan(a.dropout)) &&
        (isnan(a.lambda0) && isnan(a.median0)))
      opts_fail(&o, "%s",
                "--accrual, --follow-up and --dropout need --lambda0 or "
                "--median0");
    if ((!isnan(a.lambda0) || !isnan(a.median0)) && !isnan(a.events))
      opts_fail(&o, "%s", "--lambda0 and --median0 go with --power or --n");
  } else {
    if (!isnan(a.events) || !isnan(a.hr) || !isnan(a.lambda0) ||
        !isnan(a.median0) || !isnan(a.accrual) || !isnan(a.follow_up) ||
        !isnan(a.dropout) || a.method || a.log_hazard)
      opts_fail(&o, "%s",
                "--hr, --events, --method, --log-hazard and the design "
                "options are for logrank");
    if (cmd == CMD_BINOM ? isnan(a.p0) || isnan(a.p1) || !isnan(a.p2)
                         : isnan(a.p1) || isnan(a.p2) || !isnan(a.p0))
      opts_fail(&o, "%s",
                cmd == CMD_BINOM ? "binom needs --p0 and --p1 (not --p2)"
                                 : "prop and fisher need --p1 and --p2 (not "
                                   "--p0)");
    if (cmd == CMD_BINOM && !isnan(a.ratio))
      opts_fail(&o, "%s", "binom takes no --ratio");
    if (cmd == CMD_FISHER && (a.continuity || a.strict || a.exact))
      opts_fail(&o, "%s",
                "fisher takes none of --continuity, --strict, "
                "--exact");
    if (cmd == CMD_PROP && a.exact)
      opts_fail(&o, "%s", "prop takes no --exact (use the fisher command)");
    if (cmd == CMD_BINOM && a.exact && (a.continuity || a.strict))
      opts_fail(&o, "%s", "--exact takes neither --continuity nor --strict");
  }

  /* ranges (bad input, exit 1) */
  if (!check_prob("--power", a.power, 0) ||
      !check_prob("--alpha", a.alpha, 0) || !check_prob("--p0", a.p0, 0) ||
      !check_prob("--p1", a.p1, cmd == CMD_FISHER || a.exact) ||
      !check_prob("--p2", a.p2, cmd == CMD_FISHER) ||
      !check_pos("--events", a.events) || !check_pos("--n", a.n) ||
      !check_pos("--ratio", a.ratio) || !check_pos("--lambda0", a.lambda0) ||
      !check_pos("--median0", a.median0) ||
      !check_nonneg("--accrual", a.accrual) ||
      !check_nonneg("--follow-up", a.follow_up) ||
      !check_nonneg("--dropout", a.dropout) || !check_pos("--max-n", a.max_n))
    return 1;
  if (!isnan(a.hr) && !(a.hr > 0.0 && a.hr != 1.0)) {
    bad("--hr", "must be positive and not 1", a.hr);
    return 1;
  }
  if ((cmd == CMD_FISHER || a.exact) && !isnan(a.n) && a.n != floor(a.n)) {
    bad("--n", "must be a whole number for an exact test", a.n);
    return 1;
  }
  if (!isnan(a.power) && cmd != CMD_LOGRANK &&
      (cmd == CMD_BINOM ? a.p0 == a.p1 : a.p1 == a.p2)) {
    bad(cmd == CMD_BINOM ? "--p1" : "--p2",
        "must differ from the other proportion to solve for a size",
        cmd == CMD_BINOM ? a.p1 : a.p2);
    return 1;
  }
  if (!isnan(a.max_n) && (a.max_n != floor(a.max_n) || a.max_n > 1e9)) {
    bad("--max-n", "must be a whole number up to 10^9", a.max_n);
    return 1;
  }
  if (!isnan(a.median0) && !isfinite(log(2.0) / a.median0)) {
    bad("--median0", "is too small", a.median0);
    return 1;
  }

  if (!isnan(a.alpha))
    po.alpha = a.alpha;
  if (!isnan(a.ratio))
    po.ratio = a.ratio;
  if (!isnan(a.accrual))
    po.accrual = a.accrual;
  if (!isnan(a.follow_up))
    po.follow_up = a.follow_up;
  if (!isnan(a.dropout))
    po.dropout = a.dropout;
  if (!isnan(a.max_n))
    po.max_n = (size_t)a.max_n;
  if (a.one_sided)
    po.flags |= SURV_POWER_ONE_SIDED;
  if (a.strict)
    po.flags |= SURV_POWER_STRICT;
  if (a.continuity)
    po.flags |= SURV_POWER_CONTINUITY;
  /* the defaults, printed */
  if (po.alpha == 0.0)
    po.alpha = 0.05;
  if (po.ratio == 0.0)
    po.ratio = 1.0;

  switch (cmd) {
  case CMD_LOGRANK:
    rc = run_logrank(&a, &po, &b);
    break;
  case CMD_BINOM:
    rc = run_binom(&a, &po, &b);
    break;
  case CMD_PROP:
    rc = run_prop(&a, &po, &b, 0);
    break;
  case CMD_FISHER:
    rc = run_prop(&a, &po, &b, 1);
    break;
  }
  if (rc != 0)
    return rc;
  fputs(b.text, stdout);
  return opts_close_stdout(&o);
}
