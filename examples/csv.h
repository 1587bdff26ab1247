/* A small, fast CSV reader shared by the example programs (not installed,
 * not part of libsurv).
 *
 * The whole file (or standard input) is read into memory in large blocks and
 * parsed in place, one row at a time, without a malloc per field. Format:
 * a header row of column names, then data rows; fields separated by commas;
 * a field may be enclosed in double quotes, inside which "" stands for one
 * quote and commas and line breaks are literal; lines end in LF or CRLF
 * (the last may end in a bare CR: a CRLF file cut before its final LF); an
 * optional UTF-8 byte order mark before the header is skipped; blank lines
 * are skipped anywhere. Errors (embedded NUL byte, unterminated quote, text
 * after a closing quote, a quote inside an unquoted field, a row whose field
 * count differs from the header's) are reported as "FILE:LINE: message" (FILE
 * is "<stdin>" for "-").
 *
 * Typical use:
 *
 *   char err[CSV_ERRLEN];
 *   csv *c = csv_open(path, err, sizeof err);
 *   if (!c) { fprintf(stderr, "prog: %s\n", err); return 1; }
 *   int jt = csv_col(c, "time");
 *   while ((rc = csv_next(c)) > 0) {
 *     double t;
 *     if (csv_get_time(c, jt, &t) != CSV_OK) break;  // csv_errmsg(c) says why
 *     ...
 *   }
 *   if (rc < 0) ... csv_errmsg(c) ...
 *   csv_close(c);
 *
 * Not thread-safe per object; separate objects are independent. */
#ifndef SURV_EXAMPLES_CSV_H
#define SURV_EXAMPLES_CSV_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#define CSV_ERRLEN 512

typedef struct csv csv;

/* Status of the field parsers. */
enum {
  CSV_OK = 0,      /* parsed */
  CSV_MISSING = 1, /* the field is empty (zero characters, quoted or not) */
  CSV_BAD = 2      /* not valid for the requested type; csv_errmsg() says why */
};

/* Read the whole of path ("-" = standard input) and parse its header row.
 * On failure returns NULL and writes "FILE:LINE: message" (or "FILE: message"
 * when no line applies, e.g. the file cannot be opened) into err[errlen]. */
csv *csv_open(const char *path, char *err, size_t errlen);

/* As csv_open, reading path in a window of 1 MiB that moves along the
 * input (grown only for a row longer than it): memory independent of the
 * size of the input. Fields and rows are the same as csv_open gives; a
 * row's field pointers are valid until the next csv_next; csv_rows_hint
 * is then only an estimate (the window's rows, scaled to the rest of a
 * regular file): more rows may come. */
csv *csv_open_stream(const char *path, char *err, size_t errlen);

/* One file in byte ranges (surv-mpi: a range per MPI rank). A record
 * (row) may hold line feeds inside quotes, so where the records start is
 * decided by the parity of the double quotes before an offset: in valid
 * CSV an odd number of quotes before a byte means it is inside a quoted
 * field (a "" inside one counts two).
 *
 * csv_scan_range counts the double quotes and the line feeds of bytes
 * [begin, end) of path (an exclusive prefix sum of these over the ranges
 * gives every range its quote parity and line number).
 * csv_record_start gives the offset just after the first line feed at or
 * after at that is outside quotes (inquote: the parity at at), or the end
 * of the file, and the line feeds from at to it.
 * csv_open_range is csv_open_stream whose data rows are those starting in
 * [begin, end) (begin and end record starts; a begin before the end of the
 * header means just after it), line the line number at begin; the header
 * is read from the start of the file, and messages name the file's lines.
 * Each returns -1 / NULL with "FILE: message" in err on failure. */
int csv_scan_range(const char *path, uint64_t begin, uint64_t end,
                   uint64_t *quotes, uint64_t *lines, char *err, size_t errlen);
int csv_record_start(const char *path, uint64_t at, int inquote,
                     uint64_t *start, uint64_t *lines, char *err,
                     size_t errlen);
csv *csv_open_range(const char *path, uint64_t begin, uint64_t end, long line,
                    char *err, size_t errlen);

/* Release everything; NULL is a no-op. Field pointers die with the object. */
void csv_close(csv *c);

/* The name used in messages ("<stdin>" for "-"). */
const char *csv_filename(const csv *c);

/* Number of columns (fields of the header row) and the name of column j. */
size_t csv_ncol(const csv *c);
const char *csv_colname(const csv *c, size_t j);

/* Index of the first column named exactly name, or -1 if there is none. */
int csv_col(const csv *c, const char *name);

/* An upper bound on the number of data rows still to come (counts line
 * breaks; cheap), for sizing arrays before reading; an estimate for
 * csv_open_stream (see there). */
size_t csv_rows_hint(const csv *c);

/* A performance hint for a big buffer (e.g. arrays sized by csv_rows_hint):
 * ask the kernel for transparent huge pages, where available. */
void csv_advise_big(void *p, size_t bytes);

/* Advance to the next data row: 1 = a row is available, 0 = end of input,
 * -1 = malformed input (csv_errmsg() holds "FILE:LINE: message"). */
int csv_next(csv *c);

/* The rows that follow, up to max, while each is a plain row of a time
 * and a 0/1 status: column jt digits[.digits] (at most 19 digits, as an
 * integer f <= 2^53: csv_get_time's value is then exactly f / 10^fd for the
 * fd digits after the point), column js "0" or "1", every other column
 * unquoted, with no CR, comma, quote or NUL inside, and the row ending in LF
 * or CRLF; blank lines and every other row stop it. Row i goes into key[i]
 * as CSV_PLAIN_KEY(f, fd, status), and the reading moves past the rows
 * taken, whose line numbers count as csv_next counts them. Returns the number
 * of rows taken: 0 when the next row (or the end of a window when streaming)
 * is for csv_next. jt != js, both < csv_ncol(). */
size_t csv_next_plain(csv *c, size_t jt, size_t js, uint64_t *key, size_t max);

/* A key of csv_next_plain: f < 2^54, fd < 32 and status s (0 or 1). */
#define CSV_PLAIN_KEY(f, fd, s) ((uint64_t)(f) << 6 | (uint64_t)(fd) << 1 | (s))
#define CSV_PLAIN_F(key) ((key) >> 6)
#define CSV_PLAIN_FD(key) ((unsigned)((key) >> 1) & 31u)
#define CSV_PLAIN_STATUS(key) ((int)((key)&1u))

/* The time of a key of csv_next_plain: f / 10^fd, the value csv_get_time
 * gives the field. */
double csv_plain_time(uint64_t key);

/* Line number (1-based) where the current row starts. */
long csv_lineno(const csv *c);

/* Field j of the current row: NUL-terminated, quotes removed, valid until the
 * object is closed (the text lives in the file buffer). j < csv_ncol(). */
const char *csv_field(const csv *c, size_t j);
size_t csv_field_len(const csv *c, size_t j);

/* The fields of the current row (csv_field(c, j) is csv_fields(c)[j]), for
 * loops over many rows; valid until the next csv_next. */
const char *const *csv_fields(const csv *c);

/* Parse field j of the current row as a finite double. The whole field must
 * be a decimal number ([+-]digits[.digits][e[+-]digits], digits on at least
 * one side of the point; an exponent of any length); no spaces, no hex, no
 * "NaN"/"Inf" text, no overflow to infinity (underflow gives 0 or a
 * subnormal). Correctly rounded (as strtod). Returns CSV_OK,
 * CSV_MISSING (empty field) or CSV_BAD; on anything but CSV_OK an error
 * message naming the column and line is left in csv_errmsg() and *out is
 * untouched. */
int csv_get_double(csv *c, size_t j, double *out);

/* As csv_get_double, also requiring a value >= 0 (a time or a count). */
int csv_get_time(csv *c, size_t j, double *out);

/* Field j as an event indicator: a number equal to 0 or 1 ("1", "0.0"). */
int csv_get_01(csv *c, size_t j, int *out);

/* The last error message ("" if none). */
const char *csv_errmsg(const csv *c);

/* Set the error message to "FILE:LINE: " (current row) followed by the
 * printf-style text, for checks done by the caller. Returns CSV_BAD. */
int csv_fail(csv *c, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;

/* Parse a whole NUL-terminated string as a finite decimal double (the same
 * rules as csv_get_double; also useful for command-line options). Returns 0
 * and sets *out on success, -1 otherwise. */
int csv_parse_double(const char *s, size_t len, double *out);

/* A buffer size that holds any csv_escape(.., max = 40) result. */
#define CSV_SHOWLEN (4 * 40 + 4)

/* Copy s[0 .. len-1] into dst[n] for a message, at most max input bytes:
 * control bytes (and DEL) as \xNN, a backslash as \\, "..." when cut;
 * always NUL-terminated (n > 0). Returns the length written. */
size_t csv_escape(char *dst, size_t n, const char *s, size_t len, size_t max);

/* Output conventions shared by the example programs. */

/* x on standard output as printf("%.15g") shows it (integers in [0, 1e15),
 * such as counts, by a quicker exact route), NaN as NA, infinities as R's
 * Inf and -Inf; then a tab, or a newline when last is not 0. */
void csv_put_num(double x, int last);

/* A usage error: "PROG: " and printf(fmt, arg) on standard error, a newline,
 * then usage(stderr). Returns 2, the programs' exit status for misuse. */
int csv_usage_error(const char *prog, void (*usage)(FILE *), const char *fmt,
                    const char *arg);

#endif /* SURV_EXAMPLES_CSV_H */
