/* Model terms from a CSV file for the regression programs (not installed,
 * not part of libsurv): the columns a model uses, read with csv.h, rows with
 * a missing value in a used column left out (R's na.omit), and the design
 * matrix R's model.matrix builds for the terms:
 *
 *   - a TERM is a column name; "1" alone means no covariate (intercept only);
 *   - a column whose every present value is a number is numeric: one design
 *     column named as the column;
 *   - a column with any other value is a factor: its levels (among the rows
 *     kept) in byte order (C locale), the first the reference, one 0/1
 *     column per other level named column + level, as R names them
 *     ("celltypelarge");
 *   - a value is missing when its field is empty or exactly "NA".
 *
 * Strata and clusters: labels ordered as R orders strata() levels
 * (numerically when all labels are numbers, else in byte order), coded
 * 0..K-1.
 *
 * Typical use:
 *
 *   terms_col cols[2] = {{"time", 0}, {"status", 0}};
 *   terms_frame f;
 *   if (terms_read(path, cols, 2, strata, terms, nterms, &f, err, sizeof err))
 *     ... err holds "FILE:LINE: message" ...
 *   ... f.num[0][i], f.x[i * f.p + j], f.name[j], f.stratum[i] ...
 *   terms_free(&f);
 */
#ifndef SURV_EXAMPLES_TERMS_H
#define SURV_EXAMPLES_TERMS_H

#include <stddef.h>
#include <stdint.h>

/* A numeric column the program reads besides the terms (time, status,
 * weights, interval bounds). keep_na: a missing value is kept as NaN instead
 * of leaving the row out. */
typedef struct terms_col {
  const char *name;
  int keep_na;
  /* Not NULL: the column is a status, decoded as terms_surv_read decodes
   * one (0/1, 1/2, TRUE/FALSE, --event/--censor) into 0/1; its strict
   * member also makes a missing value in any used column an error. */
  const struct terms_surv_spec *status;
} terms_col;

typedef struct terms_frame {
  size_t nread;     /* data rows in the file */
  size_t n;         /* rows kept */
  size_t n_dropped; /* rows left out for a missing value */
  long *line;       /* file line of each kept row (for messages) */
  size_t *row;      /* data row of each kept row: 1 = the first after the
                       header (R's row name when read.csv reads the file) */
  double **num;     /* num[k][i]: the numeric columns asked for */
  size_t p;         /* design columns */
  double *x;        /* n x p, row-major */
  char **name;      /* p design column names */
  size_t *term_of;  /* p: the term (index into terms) of each column */
  int *stratum;     /* n codes 0..nstrata-1 (NULL without strata) */
  size_t nstrata;
  char **stratum_label; /* nstrata labels, as in the file */
  int *cluster;         /* n codes 0..ncluster-1 (NULL without clusters) */
  size_t ncluster;
  char **cluster_label; /* ncluster labels, as in the file */
  const char *file;     /* the name used in messages */
  char *file_buf;       /* (owned) */
} terms_frame;

/* Read path ("-" = standard input). Returns 0, or -1 with "FILE:LINE:
 * message" (or "FILE: message") in err: a missing column, a non-numeric
 * value in a numeric column, a malformed file, no rows left, out of memory.
 * strata may be NULL; terms[0..nterms) are column names or the one term
 * "1". */
int terms_read(const char *path, const terms_col *cols, size_t ncols,
               const char *strata, const char *const *terms, size_t nterms,
               terms_frame *out, char *err, size_t errlen);

/* As terms_read, with a cluster column too (NULL: none), coded as strata
 * are; a missing cluster label leaves the row out. */
int terms_read_cluster(const char *path, const terms_col *cols, size_t ncols,
                       const char *strata, const char *cluster,
                       const char *const *terms, size_t nterms,
                       terms_frame *out, char *err, size_t errlen);

void terms_free(terms_frame *f);

/* The survival columns of the programs that take no model terms (surv-km,
 * surv-logrank, surv-cif): column names from --time, --status, --entry,
 * --weights, --group, --strata (NULL: not used), and how the status column
 * is coded. */
typedef struct terms_surv_spec {
  const char *time;    /* default "time" */
  const char *status;  /* default "status" */
  const char *entry;   /* delayed entry times, or NULL */
  const char *weights; /* case weights (finite, >= 0), or NULL */
  const char *group;   /* group labels, or NULL */
  const char *strata;  /* stratum labels, or NULL */
  const char *event;   /* --event=VALUE: this value is an event, or NULL */
  const char *censor;  /* --censor=VALUE (with event): censored, or NULL */
  int strict;          /* a missing value is an error instead of na.omit */
  int causes;          /* status 0 = censored, 1..K = cause (competing risks) */
  size_t max_cells;    /* terms_surv_stream gives up (returns -2) once its
                          table holds more cells than this; 0: no limit */
} terms_surv_spec;

/* Labels of a group or strata column, coded 0..k-1 in R's order: numeric
 * when every label is a number, else byte order. */
typedef struct terms_labels {
  int *code;    /* n codes */
  size_t k;     /* distinct labels */
  char **label; /* k labels, as in the file */
  int numeric;  /* every label is a number */
} terms_labels;

typedef struct terms_surv {
  size_t nread;                  /* data rows in the file */
  size_t n;                      /* rows kept */
  size_t n_dropped;              /* rows left out for a missing value */
  double *time, *entry, *weight; /* entry, weight NULL when not used */
  int *status;                   /* 0/1, or 0..K with causes */
  terms_labels group, strata;    /* code NULL when not used */
  char *file;                    /* the name used in messages */
} terms_surv;

/* Read the survival columns of path ("-" = standard input). Status coding:
 * with spec->event, that value is an event and every other one censored
 * (with spec->censor too, any third value is an error); else 0/1, 1/2 (R's
 * Surv: 2 = event, chosen when the largest value is 2) or TRUE/FALSE (also
 * T/F, true/false). A value is missing when empty or "NA": the row is left
 * out (counted in n_dropped), or with spec->strict an error. Returns 0, or
 * -1 with "FILE:LINE: message" (or "FILE: message") in err. */
int terms_surv_read(const char *path, const terms_surv_spec *spec,
                    terms_surv *out, char *err, size_t errlen);

void terms_surv_free(terms_surv *s);

/* The survival columns of a file counted into a table (surv_counts) as they
 * are read, without keeping the rows: memory proportional to the distinct
 * (time, group, stratum) of the file, not to its rows. */
typedef struct terms_surv_counts {
  size_t nread, n, n_dropped; /* as terms_surv */
  struct surv_counts *counts; /* statuses 0/1 (0..K with causes) */
  terms_labels group, strata; /* labels only (code NULL) */
  char *file;
} terms_surv_counts;

/* terms_surv_read in one pass over path (standard input too) in a window
 * of 1 MiB: the same checks, codings, labels and messages, the rows
 * counted into out->counts with group and stratum labels numbered as
 * terms_surv_read codes them. Returns 0, or -1 with the message in err, or
 * -2 (nothing in *out) when the table outgrew sp->max_cells before the
 * reading ended or failed. */
int terms_surv_stream(const char *path, const terms_surv_spec *sp,
                      terms_surv_counts *out, char *err, size_t errlen);

/* The max_cells for a program that reads path through terms_surv_stream
 * while its table stays small and reads it again with terms_surv_read when
 * not: a table of many cells is bigger than the rows' 12 bytes a row and
 * slower than their sort (10^7 rows, surv-km --quantiles: 270,000 cells
 * 0.6-0.7 s CPU against 0.5 s with the rows; 10^7 distinct times 2.4-2.8 s
 * and 2.9 GB against 2.2 s and 1.2 GB). 65,536 cells (a table of 10 MB at
 * most): the part read twice is then at most a few ms of reading. 0 when
 * path cannot be read twice (standard input, a pipe): then the program
 * keeps the rows. */
size_t terms_surv_auto_cells(const char *path);

void terms_surv_counts_free(terms_surv_counts *s);

/* terms_surv_stream in two steps, for input in several files or byte
 * ranges (or on several machines): each piece counted into a part, without
 * the decisions that need the whole input (status coding, label order,
 * which error to report); then the parts, in input order, merged and
 * finished with those decisions. */
typedef struct terms_surv_part {
  struct surv_counts *counts; /* statuses as read, labels as first seen */
  char **glab, **slab;        /* label strings, numbered as first seen */
  size_t gk, sk;
  size_t nread, n;
  double max;      /* largest numeric status */
  int zero;        /* a status 0 was seen */
  int logical;     /* the first status is TRUE/FALSE (-1: no row) */
  char *two_err;   /* the message blaming the first 2, or NULL */
  char *empty_err; /* the message of a file without data rows, or NULL */
  char *file;
  char *err;      /* the reading stopped at this error, or NULL */
  char *flip_err; /* the message the first status would get under the other
                     coding (after a first status of another kind), or NULL */
  int too_many;   /* the reading stopped at sp->max_cells cells */
} terms_surv_part;

/* Count path (terms_surv_stream_range: the data rows starting in bytes
 * [begin, end) of path, line the line number at begin; see
 * csv_open_range) into *out. Returns 0, or -1 with the message in err when
 * the reading stopped at an error; *out is filled either way (then with
 * out->err and the first status seen, so that merging orders the errors of
 * the parts as one reading of their rows would) and freed with
 * terms_surv_part_free. */
int terms_surv_stream_part(const char *path, const terms_surv_spec *sp,
                           terms_surv_part *out, char *err, size_t errlen);
int terms_surv_stream_range(const char *path, uint64_t begin, uint64_t end,
                            long line, const terms_surv_spec *sp,
                            terms_surv_part *out, char *err, size_t errlen);

/* Part b (the rows after a's) merged into a, b freed: counts and labels
 * combined, and the first error of the rows in order kept (a's, a status
 * of b that a's first status makes an error, b's). Associative. 0, or -1
 * when out of memory (a->err then says so). */
int terms_surv_part_merge(terms_surv_part *a, terms_surv_part *b,
                          const terms_surv_spec *sp);

/* The parts, in input order, merged into parts[0] (the others freed) and
 * finished into *out: common labels in R's order, the status coding, the
 * whole-input errors. 0, or -1 with the message in err. */
int terms_surv_stream_end(terms_surv_part *parts, size_t np,
                          const terms_surv_spec *sp, terms_surv_counts *out,
                          char *err, size_t errlen);
void terms_surv_part_free(terms_surv_part *p);

/* "PROG: N rows with missing values left out" on stderr when n > 0. */
void terms_report_dropped(const char *prog, size_t n);

/* Label l of a labels column on stdout as the programs print it (a number
 * as csv_put_num prints it, text as given but for a tab, newline, carriage
 * return or backslash, written \t, \n, \r, \\), then a tab. */
void terms_put_label(const terms_labels *g, size_t l);

#endif /* SURV_EXAMPLES_TERMS_H */
