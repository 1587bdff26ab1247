/* The example programs' CSV reader (examples/csv.c): splitting, quoting, line
 * ends, BOM, blank lines, line numbers in messages, every malformed-input
 * error, the strict number parsers, and the fast double parser's bits
 * against strtod on many random decimal strings. */
#define _POSIX_C_SOURCE 200809L

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../examples/csv.h"
#include "testutil.h"

/* Write text (len bytes) to a fresh temporary file; path into buf. */
static const char *write_tmp(const char *text, size_t len, char *buf,
                             size_t n) {
  const char *dir = getenv("TMPDIR");
  snprintf(buf, n, "%s/check_csv.XXXXXX", dir ? dir : "/tmp");
  int fd = mkstemp(buf);
  ck_assert_int_ge(fd, 0);
  ck_assert_int_eq(write(fd, text, len), (ssize_t)len);
  close(fd);
  return buf;
}

static csv *open_text(const char *text, char *path, size_t n) {
  char err[CSV_ERRLEN];
  write_tmp(text, strlen(text), path, n);
  csv *c = csv_open(path, err, sizeof err);
  ck_assert_msg(c != NULL, "csv_open failed: %s", err);
  return c;
}

/* csv_open must fail with "PATH:LINE: ..." containing what. */
static void expect_open_error(const char *text, size_t len, long line,
                              const char *what) {
  char path[256], err[CSV_ERRLEN], want[300];
  write_tmp(text, len, path, sizeof path);
  strcpy(err, "untouched");
  csv *c = csv_open(path, err, sizeof err);
  unlink(path);
  ck_assert_ptr_null(c);
  snprintf(want, sizeof want, "%s:%ld: ", path, line);
  ck_assert_msg(strncmp(err, want, strlen(want)) == 0, "got '%s', want '%s'",
                err, want);
  ck_assert_msg(strstr(err, what) != NULL, "'%s' lacks '%s'", err, what);
}

/* Reading the rows of text must fail at line with a message containing
 * what, after nok good rows. */
static void expect_row_error(const char *text, size_t len, int nok, long line,
                             const char *what) {
  char path[256], err[CSV_ERRLEN], want[300];
  write_tmp(text, len, path, sizeof path);
  csv *c = csv_open(path, err, sizeof err);
  ck_assert_msg(c != NULL, "%s", err);
  for (int i = 0; i < nok; i++)
    ck_assert_int_eq(csv_next(c), 1);
  ck_assert_int_eq(csv_next(c), -1);
  snprintf(want, sizeof want, "%s:%ld: ", path, line);
  ck_assert_msg(strncmp(csv_errmsg(c), want, strlen(want)) == 0,
                "got '%s', want '%s'", csv_errmsg(c), want);
  ck_assert_msg(strstr(csv_errmsg(c), what) != NULL, "'%s' lacks '%s'",
                csv_errmsg(c), what);
  csv_close(c);
  unlink(path);
}

START_TEST(test_plain_rows) {
  char path[256];
  csv *c = open_text("time,status,group\n1.5,1,a\n2,0,bb\n", path, sizeof path);
  ck_assert_uint_eq(csv_ncol(c), 3);
  ck_assert_str_eq(csv_colname(c, 2), "group");
  ck_assert_int_eq(csv_col(c, "status"), 1);
  ck_assert_int_eq(csv_col(c, "Status"), -1);
  ck_assert_int_eq(csv_col(c, "x"), -1);
  ck_assert_str_eq(csv_filename(c), path);
  ck_assert_uint_ge(csv_rows_hint(c), 2);
  ck_assert_int_eq(csv_next(c), 1);
  ck_assert_int_eq(csv_lineno(c), 2);
  double t = 0;
  int s = -1;
  ck_assert_int_eq(csv_get_time(c, 0, &t), CSV_OK);
  ck_assert(t == 1.5);
  ck_assert_int_eq(csv_get_01(c, 1, &s), CSV_OK);
  ck_assert_int_eq(s, 1);
  ck_assert_str_eq(csv_field(c, 2), "a");
  ck_assert_int_eq(csv_next(c), 1);
  ck_assert_int_eq(csv_lineno(c), 3);
  ck_assert_str_eq(csv_field(c, 2), "bb");
  ck_assert_uint_eq(csv_field_len(c, 2), 2);
  ck_assert_int_eq(csv_next(c), 0);
  ck_assert_int_eq(csv_next(c), 0);
  csv_close(c);
  unlink(path);
}
END_TEST

START_TEST(test_quotes_crlf_bom_blank) {
  char path[256];
  /* BOM, blank lines (LF and CRLF), CRLF ends, quoted header and fields
   * with "" escapes, commas and a line break, HR+/HER2- strings, an empty
   * last field and no final line break. */
  csv *c = open_text("\xEF\xBB\xBF\r\n\n\"time\",\"subtype\",note\r\n"
                     "\"3\",HR+/HER2-,\"a, \"\"b\"\"\r\nc\"\r\n\r\n"
                     "4,\"\",\n5,x,\"\"",
                     path, sizeof path);
  ck_assert_uint_eq(csv_ncol(c), 3);
  ck_assert_str_eq(csv_colname(c, 0), "time");
  ck_assert_int_eq(csv_col(c, "subtype"), 1);
  ck_assert_int_eq(csv_next(c), 1);
  ck_assert_int_eq(csv_lineno(c), 4);
  ck_assert_str_eq(csv_field(c, 0), "3");
  ck_assert_str_eq(csv_field(c, 1), "HR+/HER2-");
  ck_assert_str_eq(csv_field(c, 2), "a, \"b\"\r\nc");
  ck_assert_uint_eq(csv_field_len(c, 2), 9);
  ck_assert_int_eq(csv_next(c), 1);
  ck_assert_int_eq(csv_lineno(c), 7);
  ck_assert_str_eq(csv_field(c, 0), "4");
  ck_assert_uint_eq(csv_field_len(c, 1), 0);
  ck_assert_uint_eq(csv_field_len(c, 2), 0);
  double v = 42;
  ck_assert_int_eq(csv_get_double(c, 1, &v), CSV_MISSING);
  ck_assert(v == 42);
  ck_assert_ptr_nonnull(strstr(csv_errmsg(c), ":7: column 'subtype': empty"));
  ck_assert_int_eq(csv_next(c), 1);
  ck_assert_int_eq(csv_lineno(c), 8);
  ck_assert_str_eq(csv_field(c, 1), "x");
  ck_assert_str_eq(csv_field(c, 2), "");
  ck_assert_int_eq(csv_next(c), 0);
  csv_close(c);
  unlink(path);
}
END_TEST

START_TEST(test_single_column_and_lone_cr) {
  char path[256];
  csv *c = open_text("x\n1\n\n2\r3\n", path, sizeof path);
  ck_assert_int_eq(csv_next(c), 1);
  ck_assert_str_eq(csv_field(c, 0), "1");
  ck_assert_int_eq(csv_next(c), 1); /* a lone CR is data, not a line end */
  ck_assert_str_eq(csv_field(c, 0), "2\r3");
  ck_assert_int_eq(csv_lineno(c), 4);
  ck_assert_int_eq(csv_next(c), 0);
  csv_close(c);
  unlink(path);
}
END_TEST

/* A CRLF file cut before its final LF: the bare CR ends the last line, after
 * an unquoted field, a quoted one, or a blank line. */
START_TEST(test_cut_crlf_last_line) {
  static const char *texts[] = {"a,b\r\n1,2\r\n3,4\r",
                                "a,b\r\n1,2\r\n3,\"4\"\r",
                                "a,b\r\n1,2\r\n3,4\r\n\r"};
  for (size_t k = 0; k < sizeof texts / sizeof texts[0]; k++) {
    char path[256];
    csv *c = open_text(texts[k], path, sizeof path);
    ck_assert_int_eq(csv_next(c), 1);
    ck_assert_int_eq(csv_next(c), 1);
    ck_assert_int_eq(csv_lineno(c), 3);
    ck_assert_str_eq(csv_field(c, 0), "3");
    ck_assert_str_eq(csv_field(c, 1), "4");
    double v = 0;
    ck_assert_int_eq(csv_get_double(c, 1, &v), CSV_OK);
    ck_assert(v == 4);
    ck_assert_int_eq(csv_next(c), 0);
    csv_close(c);
    unlink(path);
  }
  /* a CR inside the last line is still data */
  char path[256];
  csv *c = open_text("a\n1\r2", path, sizeof path);
  ck_assert_int_eq(csv_next(c), 1);
  ck_assert_str_eq(csv_field(c, 0), "1\r2");
  csv_close(c);
  unlink(path);
}
END_TEST

START_TEST(test_open_errors) {
  char err[CSV_ERRLEN];
  ck_assert_ptr_null(csv_open("/nonexistent/dir/file.csv", err, sizeof err));
  ck_assert_str_eq(err,
                   "/nonexistent/dir/file.csv: cannot open: No such file or "
                   "directory");
  expect_open_error("", 0, 1, "no header row");
  expect_open_error("\n\r\n\n", 4, 1, "no header row");
  expect_open_error("a,\"b\n", 5, 1, "unterminated quoted field");
  expect_open_error("\na,b\0c\n", 7, 2, "NUL byte");
  expect_open_error("a,\"b\"c\n", 7, 1, "after a closing quote");
}
END_TEST

START_TEST(test_row_errors) {
  const char *h = "a,b\n";
  char t[256];
  snprintf(t, sizeof t, "%s1,2\n3\n", h);
  expect_row_error(t, strlen(t), 1, 3,
                   "expected 2 fields (as in the header), "
                   "found 1");
  snprintf(t, sizeof t, "%s1,2\n\n3,4,5\n", h);
  expect_row_error(t, strlen(t), 1, 4, "found 3");
  snprintf(t, sizeof t, "%s1,2\r\n\"3,4\r\n5,6\r\n", h);
  expect_row_error(t, strlen(t), 1, 3, "unterminated quoted field");
  snprintf(t, sizeof t, "%s\"1\n\",2\n3,\"4\"x\n", h);
  expect_row_error(t, strlen(t), 1, 4, "after a closing quote");
  snprintf(t, sizeof t, "%s1,2\n3,4\"\n", h);
  expect_row_error(t, strlen(t), 1, 3, "quote inside an unquoted field");
  static const char nul[] = "a,b\n1,2\n3,\0\n";
  expect_row_error(nul, sizeof nul - 1, 1, 3, "NUL byte");
  static const char nulq[] = "a,b\n1,\"2\0\"\n";
  expect_row_error(nulq, sizeof nulq - 1, 0, 2, "NUL byte");
}
END_TEST

/* Parse one field through csv_get_double / csv_get_time / csv_get_01. */
static int get_field(const char *field, int kind, double *d, int *i, char *msg,
                     size_t msglen) {
  char path[256], text[256];
  snprintf(text, sizeof text, "value,y\n\"%s\",1\n", field);
  csv *c = open_text(text, path, sizeof path);
  ck_assert_int_eq(csv_next(c), 1);
  int r = kind == 0   ? csv_get_double(c, 0, d)
          : kind == 1 ? csv_get_time(c, 0, d)
                      : csv_get_01(c, 0, i);
  snprintf(msg, msglen, "%s", csv_errmsg(c));
  csv_close(c);
  unlink(path);
  return r;
}

START_TEST(test_number_fields) {
  static const struct {
    const char *s;
    double v;
  } good[] = {{"0", 0},
              {"-0", -0.0},
              {"+1", 1},
              {"1.", 1},
              {".5", 0.5},
              {"1e3", 1000},
              {"1E+3", 1000},
              {"2.5e-3", 0.0025},
              {"0012.50", 12.5},
              {"1e-400", 0},
              {"123456789012345678901234567890", 1.2345678901234568e29},
              {"0.1", 0.1},
              {"1e22", 1e22},
              {"1e23", 1e23},
              {"9007199254740993", 9007199254740992.0}};
  static const char *bad[] = {"nan", "NaN", "-Inf",  "inf", "Infinity", "NA",
                              " 1",  "1 ",  "0x10",  "1e",  "1e+",      ".",
                              "-",   "+",   "1.2.3", "1,5", "e5",       "1e999",
                              "--1", "1d0", "１"};
  char msg[CSV_ERRLEN];
  for (size_t k = 0; k < sizeof good / sizeof good[0]; k++) {
    double d = NAN;
    ck_assert_msg(get_field(good[k].s, 0, &d, NULL, msg, sizeof msg) == CSV_OK,
                  "%s: %s", good[k].s, msg);
    ck_assert_msg(d == good[k].v && signbit(d) == signbit(good[k].v),
                  "%s -> %.17g", good[k].s, d);
  }
  for (size_t k = 0; k < sizeof bad / sizeof bad[0]; k++) {
    double d = 42;
    ck_assert_msg(get_field(bad[k], 0, &d, NULL, msg, sizeof msg) == CSV_BAD,
                  "'%s' accepted", bad[k]);
    ck_assert(d == 42);
    ck_assert_msg(strstr(msg, ":2: column 'value': '") != NULL, "%s", msg);
  }
  double d = 42;
  ck_assert_int_eq(get_field("Inf", 0, &d, NULL, msg, sizeof msg), CSV_BAD);
  ck_assert_ptr_nonnull(strstr(msg, "'Inf' is not a finite number"));
  ck_assert_int_eq(get_field("", 0, &d, NULL, msg, sizeof msg), CSV_MISSING);
  ck_assert_ptr_nonnull(strstr(msg, "empty field"));
  ck_assert(d == 42);
  /* times: >= 0, -0 read as +0 */
  ck_assert_int_eq(get_field("-0.0", 1, &d, NULL, msg, sizeof msg), CSV_OK);
  ck_assert(d == 0 && !signbit(d));
  d = 42;
  ck_assert_int_eq(get_field("-1e-300", 1, &d, NULL, msg, sizeof msg), CSV_BAD);
  ck_assert_ptr_nonnull(strstr(msg, "negative value -1e-300"));
  ck_assert(d == 42);
  /* event indicators */
  static const char *ones[] = {"1", "1.0", "+1", "1e0"},
                    *zeros[] = {"0", "0.00", "-0"},
                    *not01[] = {"2", "-1", "0.5", "1.0000001", "yes", "TRUE"};
  for (size_t k = 0; k < 4; k++) {
    int i = -1;
    ck_assert_int_eq(get_field(ones[k], 2, NULL, &i, msg, sizeof msg), CSV_OK);
    ck_assert_int_eq(i, 1);
  }
  for (size_t k = 0; k < 3; k++) {
    int i = -1;
    ck_assert_int_eq(get_field(zeros[k], 2, NULL, &i, msg, sizeof msg), CSV_OK);
    ck_assert_int_eq(i, 0);
  }
  for (size_t k = 0; k < 6; k++) {
    int i = -1;
    ck_assert_int_eq(get_field(not01[k], 2, NULL, &i, msg, sizeof msg),
                     CSV_BAD);
    ck_assert_int_eq(i, -1);
  }
  int i = -1;
  ck_assert_int_eq(get_field("2", 2, NULL, &i, msg, sizeof msg), CSV_BAD);
  ck_assert_ptr_nonnull(strstr(msg, "column 'value': '2' is not 0 or 1"));
}
END_TEST

/* Exponents of any length (csv_parse_double, as used for option values
 * too): long exponent digit strings, and exponents that a long run of
 * mantissa zeros cancels, give the correctly rounded value or a rejection
 * for overflow, never a wrong finite number. */
static char *repeat(const char *head, char ch, size_t n, const char *tail) {
  size_t h = strlen(head), t = strlen(tail);
  char *s = malloc(h + n + t + 1);
  ck_assert_ptr_nonnull(s);
  memcpy(s, head, h);
  memset(s + h, ch, n);
  memcpy(s + h + n, tail, t + 1);
  return s;
}

static int parse(const char *s, double *v) {
  return csv_parse_double(s, strlen(s), v);
}

START_TEST(test_long_exponents) {
  double v = 42;
  static const char *over[] = {
      "1e0000000000000000400",           "1e400",      "1e18446744073709551617",
      "1e99999999999999999999999999999", "-1e1000000", "0.5e310"};
  for (size_t k = 0; k < sizeof over / sizeof over[0]; k++) {
    ck_assert_msg(parse(over[k], &v) == -1, "'%s' accepted as %g", over[k], v);
    ck_assert(v == 42);
  }
  ck_assert_int_eq(parse("1e0000000000000000300", &v), 0);
  ck_assert(v == 1e300);
  ck_assert_int_eq(parse("1e-99999999999999999999999999", &v), 0);
  ck_assert(v == 0 && !signbit(v));
  ck_assert_int_eq(parse("-1e-18446744073709551616", &v), 0);
  ck_assert(v == 0 && signbit(v));
  ck_assert_int_eq(parse("1e-320", &v), 0); /* subnormal */
  ck_assert(v == strtod("1e-320", NULL) && v > 0);
  ck_assert_int_eq(parse("2.4703282292062328e-324", &v), 0); /* > half min */
  ck_assert(v == 4.9406564584124654e-324);
  /* Long runs of mantissa zeros against long exponents: 10^6 zeros after
   * the point, then a 1, times 10^(10^10) overflows (the old parser kept
   * six exponent digits and read 10^-12); times 10^1000001 it is 1. A 1 and
   * 10^6 zeros times 10^-1000000 is 1, times 10^-999700 1e300, times
   * 10^-99999999999 0. */
  static const struct {
    const char *head, *tail;
    int rc;
    double v;
  } runs[] = {{"0.", "1e10000000000", -1, 42},
              {"0.", "1e1000001", 0, 1},
              {"1", "e-1000000", 0, 1},
              {"1", "e-999700", 0, 1e300},
              {"1", "e-99999999999", 0, 0}};
  for (size_t k = 0; k < sizeof runs / sizeof runs[0]; k++) {
    char *s = repeat(runs[k].head, '0', 1000000, runs[k].tail);
    v = 42;
    ck_assert_int_eq(parse(s, &v), runs[k].rc);
    ck_assert_msg(v == runs[k].v, "run %zu: %.17g", k, v);
    free(s);
  }
}
END_TEST

/* Bytes echoed in messages are escaped: control bytes as \xNN. */
START_TEST(test_escaped_messages) {
  char msg[CSV_ERRLEN], out[CSV_SHOWLEN];
  double d = 42;
  ck_assert_int_eq(get_field("1\x01\x1b[2J", 0, &d, NULL, msg, sizeof msg),
                   CSV_BAD);
  ck_assert_msg(strstr(msg, "'1\\x01\\x1b[2J' is not a number") != NULL, "%s",
                msg);
  for (const char *p = msg; *p; p++)
    ck_assert((unsigned char)*p >= 0x20);
  ck_assert_uint_eq(csv_escape(out, sizeof out, "a\\b\x7f", 4, 40), 8);
  ck_assert_str_eq(out, "a\\\\b\\x7f");
  char big[100];
  memset(big, '\x02', sizeof big);
  csv_escape(out, sizeof out, big, sizeof big, 40);
  ck_assert_uint_eq(strlen(out), 4 * 40 + 3); /* 40 escapes and "..." */
  ck_assert_str_eq(out + 160, "...");
  char tiny[6];
  csv_escape(tiny, sizeof tiny, "\x01\x02", 2, 40);
  ck_assert_str_eq(tiny, "..."); /* no room for one escape */
}
END_TEST

static uint64_t next64(uint64_t *s) {
  uint64_t z = (*s += 0x9E3779B97F4A7C15u);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9u;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBu;
  return z ^ (z >> 31);
}

/* The fast path must give strtod's bits on every decimal string: random
 * digit counts (1-20), point positions and exponents around the fast
 * path's limits (15 digits, |exponent| <= 22), plus halfway-looking cases. */
START_TEST(test_double_bits_match_strtod) {
  uint64_t seed = 12345;
  char s[64];
  for (int k = 0; k < 400000; k++) {
    size_t len = 0;
    uint64_t r = next64(&seed);
    if (r & 1)
      s[len++] = '-';
    int nd = 1 + (int)((r >> 1) % 20);
    int point = (int)((r >> 8) % (unsigned)(nd + 2)) - 1; /* -1: none */
    for (int j = 0; j < nd; j++) {
      if (j == point)
        s[len++] = '.';
      s[len++] = (char)('0' + next64(&seed) % 10);
    }
    if ((r >> 16) & 1)
      len += (size_t)snprintf(s + len, sizeof s - len, "e%d",
                              (int)((r >> 20) % 71) - 35);
    s[len] = '\0';
    double got = NAN, want = strtod(s, NULL);
    ck_assert_msg(csv_parse_double(s, len, &got) == 0, "rejected %s", s);
    ck_assert_msg(memcmp(&got, &want, sizeof got) == 0,
                  "%s: got %.17g, strtod %.17g", s, got, want);
  }
  /* near-halfway cases: the midpoint between two adjacent doubles, printed
   * with 17-19 digits (the extended-precision path must defer to strtod) */
  for (int k = 0; k < 100000; k++) {
    uint64_t bits = next64(&seed) % 0x0FF0000000000000u + 0x3C00000000000000u;
    double x, y;
    memcpy(&x, &bits, sizeof x);
    bits++;
    memcpy(&y, &bits, sizeof y);
    int len = snprintf(s, sizeof s, "%.*Lg", 17 + k % 3,
                       ((long double)x + (long double)y) / 2);
    double got = NAN, want = strtod(s, NULL);
    ck_assert_int_eq(csv_parse_double(s, (size_t)len, &got), 0);
    ck_assert_msg(memcmp(&got, &want, sizeof got) == 0, "%s", s);
  }
  /* shortest round-trip strings of random doubles */
  for (int k = 0; k < 100000; k++) {
    uint64_t bits = next64(&seed) & 0x7FEFFFFFFFFFFFFFu;
    double x;
    memcpy(&x, &bits, sizeof x);
    for (int prec = 15; prec <= 17; prec++) {
      int len = snprintf(s, sizeof s, "%.*g", prec, x);
      double got = NAN, want = strtod(s, NULL);
      ck_assert_int_eq(csv_parse_double(s, (size_t)len, &got), 0);
      ck_assert_msg(memcmp(&got, &want, sizeof got) == 0, "%s", s);
    }
  }
}
END_TEST

START_TEST(test_rows_hint_counts_line_breaks) {
  char path[256];
  static char text[8192];
  size_t len = (size_t)snprintf(text, sizeof text, "a,b\n");
  for (int i = 0; i < 1000; i++) /* rows of varying width */
    len += (size_t)snprintf(text + len, sizeof text - len, "%d,%d\n", i, i % 2);
  csv *c = open_text(text, path, sizeof path);
  ck_assert_uint_eq(csv_rows_hint(c), 1001);
  size_t rows = 0;
  while (csv_next(c) > 0)
    rows++;
  ck_assert_uint_eq(rows, 1000);
  csv_close(c);
  unlink(path);
}
END_TEST

/* Reads path twice, c by csv_next only and p by csv_next_plain (columns
 * time and status) where it takes rows and csv_next where it does not:
 * every row p takes must be a row of c whose time field csv_get_time gives
 * the key's time to the bit, whose status field is the key's "0" or "1",
 * and whose line number is c's; every other row, the end and the error
 * message must be c's. Returns the rows p took. */
static size_t plain_matches(const char *path, int stream) {
  char err[CSV_ERRLEN];
  csv *c = stream ? csv_open_stream(path, err, sizeof err)
                  : csv_open(path, err, sizeof err);
  ck_assert_msg(c != NULL, "%s", err);
  size_t jt = (size_t)csv_col(c, "time"), js = (size_t)csv_col(c, "status");
  csv *p = stream ? csv_open_stream(path, err, sizeof err)
                  : csv_open(path, err, sizeof err);
  ck_assert_msg(p != NULL, "%s", err);
  uint64_t key[7];
  size_t taken = 0;
  int rc, rp;
  for (;;) {
    size_t k = csv_next_plain(p, jt, js, key, 1 + taken % 7);
    for (size_t i = 0; i < k; i++) {
      double t, want = csv_plain_time(key[i]);
      const char *tf, *sf;
      ck_assert_int_eq(csv_next(c), 1);
      tf = csv_field(c, jt);
      sf = csv_field(c, js);
      ck_assert_msg(strspn(tf, "0123456789.") == csv_field_len(c, jt),
                    "line %ld: '%s' taken as plain", csv_lineno(c), tf);
      ck_assert_int_eq(csv_get_time(c, jt, &t), CSV_OK);
      ck_assert_msg(memcmp(&t, &want, sizeof t) == 0, "line %ld: %s: %.17g",
                    csv_lineno(c), tf, want);
      ck_assert_msg(csv_field_len(c, js) == 1 &&
                        sf[0] == '0' + CSV_PLAIN_STATUS(key[i]),
                    "line %ld: status '%s'", csv_lineno(c), sf);
    }
    taken += k;
    if (k > 0) {
      ck_assert_int_eq(csv_lineno(p), csv_lineno(c));
      continue;
    }
    rc = csv_next(c);
    rp = csv_next(p);
    ck_assert_int_eq(rc, rp);
    if (rc <= 0)
      break;
    ck_assert_int_eq(csv_lineno(p), csv_lineno(c));
    for (size_t j = 0; j < csv_ncol(c); j++)
      ck_assert_str_eq(csv_field(p, j), csv_field(c, j));
  }
  ck_assert_str_eq(csv_errmsg(p), csv_errmsg(c));
  csv_close(c);
  csv_close(p);
  return taken;
}

/* Random rows for test_stream_matches_whole: plain fields mostly, in a
 * stretch of rows quoted fields (commas, line breaks, "" inside), CRLF line
 * ends, blank lines, a row of a few MiB, and first a row of 9 MiB of
 * quoted lines; returns the length. */
static size_t stream_text(char *t, size_t cap, uint64_t seed) {
  size_t len = (size_t)snprintf(t, cap, "time,status,note\n2,1,\"");
  uint64_t r = seed;
  int longrow = 0;
  for (size_t i = 0; i < (9u << 20); i += 2) /* longer than the window */
    memcpy(t + len + i, "y\n", 2);
  len += 9u << 20;
  len += (size_t)snprintf(t + len, cap - len, "\"\n");
  while (len + (5u << 20) < cap) {
    unsigned k = (unsigned)(next64(&r) % 1000);
    int quoted = (len >> 20) % 5 == 3; /* quotes in some windows only */
    if (k == 0 && !longrow++) {        /* one long row: the window grows */
      len += (size_t)snprintf(t + len, cap - len, "1,0,");
      memset(t + len, 'x', 4u << 20);
      len += 4u << 20;
      t[len++] = '\n';
    } else if (k < 20)
      len += (size_t)snprintf(t + len, cap - len, k < 10 ? "\n" : "\r\n");
    else if (quoted && k < 300)
      len += (size_t)snprintf(t + len, cap - len,
                              "\"%u.5\",1,\"a,\"\"b\n%u\"\n", k, k);
    else
      len += (size_t)snprintf(t + len, cap - len, "%u.%02u,%u,n%u%s", k,
                              (unsigned)(r % 100), k % 2, k,
                              k % 7 ? "\n" : "\r\n");
  }
  return len;
}

/* csv_open_stream (a window moving over the file) gives the rows, fields,
 * line numbers and messages of csv_open on text longer than its window. */
START_TEST(test_stream_matches_whole) {
  size_t cap = (size_t)40 << 20;
  char *text = malloc(cap), path[256], err[CSV_ERRLEN];
  ck_assert_ptr_nonnull(text);
  for (int bad = 0; bad < 2; bad++) {
    size_t len = stream_text(text, cap, 42 + (uint64_t)bad);
    if (bad) /* a malformed row near the end */
      len += (size_t)snprintf(text + len, cap - len, "1,\"0\"x,a\n2,1,b\n");
    write_tmp(text, len, path, sizeof path);
    csv *w = csv_open(path, err, sizeof err);
    ck_assert_msg(w != NULL, "%s", err);
    csv *s = csv_open_stream(path, err, sizeof err);
    ck_assert_msg(s != NULL, "%s", err);
    size_t rows = 0;
    int rw, rs;
    do {
      rw = csv_next(w);
      rs = csv_next(s);
      ck_assert_int_eq(rw, rs);
      if (rw <= 0)
        break;
      rows++;
      ck_assert_int_eq(csv_lineno(w), csv_lineno(s));
      for (size_t j = 0; j < 3; j++) {
        ck_assert_uint_eq(csv_field_len(w, j), csv_field_len(s, j));
        ck_assert(memcmp(csv_field(w, j), csv_fields(s)[j],
                         csv_field_len(w, j) + 1) == 0);
      }
    } while (rw > 0);
    ck_assert_uint_gt(rows, 1000000);
    ck_assert_int_eq(rw, bad ? -1 : 0);
    ck_assert_str_eq(csv_errmsg(w), csv_errmsg(s));
    csv_close(w);
    csv_close(s);
    /* csv_next_plain across the windows, with the rows it leaves */
    ck_assert_uint_gt(plain_matches(path, 1), 1000000);
    unlink(path);
  }
  free(text);
}
END_TEST

/* Random rows in three columns (one unused), plain ones (0 to 10 digits
 * each side of the point among them) and every near miss: signs,
 * exponents, 20 digits, 2^53 + 1, empty fields and NA, other statuses,
 * quotes, CRLF and lone CR, blank lines; then a malformed row
 * (too many fields, a quote inside a field, text after a closing quote). */
START_TEST(test_plain_rows_fuzz) {
  static const char *odd_time[] = {"-1.5",
                                   "+2",
                                   "1e3",
                                   "12345678901234567890",
                                   "9007199254740993",
                                   "9007199254740992",
                                   "1234567890123456789",
                                   "0.0000000000000000001",
                                   "",
                                   "NA",
                                   ".",
                                   "5.",
                                   ".25",
                                   "\"1.5\"",
                                   "1.5 ",
                                   " 1",
                                   "0x10",
                                   "1..2",
                                   "007.50",
                                   "1234567.1234567",
                                   "12345678.5",
                                   "1.12345678",
                                   "0000000.0000001"};
  static const char *odd_status[] = {"2",   "",      "NA",   "01",
                                     "1.0", "\"1\"", "TRUE", " 0"};
  static const char *odd_note[] = {"", "a b", "\"x,y\"", "z\r", "\"a\nb\""};
  size_t cap = (size_t)4 << 20, len;
  char *text = malloc(cap), path[256];
  uint64_t r = 7;
  ck_assert_ptr_nonnull(text);
  for (int order = 0; order < 3; order++) {
    /* column k holds field pos[order][k] (time, status, note) */
    static const int pos[3][3] = {{0, 1, 2}, {1, 2, 0}, {2, 0, 1}};
    static const char *hdr[3] = {"time,status,note\n", "status,note,time\n",
                                 "note,time,status\n"};
    static const char *bad[3] = {"1,1,0,0\n", "1,0,a\"b\n", "1,1,\"0\"x\n"};
    len = (size_t)snprintf(text, cap, "%s", hdr[order]);
    while (len + 200 < cap / (order ? 8 : 1)) {
      uint64_t x = next64(&r);
      char t[48], st[16], note[16];
      const char *f[3];
      unsigned kind = (unsigned)(x % 64);
      if (kind == 7)
        snprintf(t, sizeof t, "%u", (unsigned)(x >> 8) % 500);
      else if (kind == 8) { /* 0 to 10 digits each side of a point */
        unsigned a = (unsigned)(x >> 8) % 11, b = (unsigned)(x >> 12) % 11;
        size_t k = 0;
        uint64_t y = next64(&r);
        for (unsigned d = 0; d < a; d++, y /= 10)
          t[k++] = (char)('0' + y % 10);
        t[k++] = '.';
        y = next64(&r);
        for (unsigned d = 0; d < b; d++, y /= 10)
          t[k++] = (char)('0' + y % 10);
        if (b == 0 && (x >> 16) % 2)
          k--; /* an integer: no point */
        t[k] = '\0';
      } else
        snprintf(t, sizeof t, "%u.%0*u", (unsigned)(x >> 8) % 500,
                 (int)(x >> 20) % 4, (unsigned)(x >> 24) % 100);
      snprintf(st, sizeof st, "%u", (unsigned)(x >> 30) % 2);
      snprintf(note, sizeof note, "n%u", (unsigned)(x >> 34) % 100);
      f[0] = kind == 1 ? odd_time[(x >> 40) % 23] : t;
      f[1] = kind == 2 ? odd_status[(x >> 40) % 8] : st;
      f[2] = kind == 3 ? odd_note[(x >> 40) % 5] : note;
      if (kind == 5)
        len += (size_t)snprintf(text + len, cap - len,
                                (x >> 40) % 2 ? "\n" : "\r\n");
      len += (size_t)snprintf(text + len, cap - len, "%s,%s,%s%s",
                              f[pos[order][0]], f[pos[order][1]],
                              f[pos[order][2]], kind == 6 ? "\r\n" : "\n");
    }
    len += (size_t)snprintf(text + len, cap - len, "%s1,0,1\n", bad[order]);
    write_tmp(text, len, path, sizeof path);
    for (int stream = 0; stream < 2; stream++)
      ck_assert_uint_gt(plain_matches(path, stream), 1000);
    unlink(path);
  }
  free(text);
}
END_TEST

static Suite *csv_suite(void) {
  Suite *s = suite_create("csv");
  TCase *tc = tcase_create("rows");
  tcase_add_test(tc, test_plain_rows);
  tcase_add_test(tc, test_quotes_crlf_bom_blank);
  tcase_add_test(tc, test_single_column_and_lone_cr);
  tcase_add_test(tc, test_cut_crlf_last_line);
  tcase_add_test(tc, test_rows_hint_counts_line_breaks);
  tcase_add_test(tc, test_stream_matches_whole);
  tcase_add_test(tc, test_plain_rows_fuzz);
  tcase_set_timeout(tc, 60);
  suite_add_tcase(s, tc);
  tc = tcase_create("errors");
  tcase_add_test(tc, test_open_errors);
  tcase_add_test(tc, test_row_errors);
  tcase_add_test(tc, test_escaped_messages);
  suite_add_tcase(s, tc);
  tc = tcase_create("numbers");
  tcase_add_test(tc, test_number_fields);
  tcase_add_test(tc, test_double_bits_match_strtod);
  tcase_add_test(tc, test_long_exponents);
  tcase_set_timeout(tc, 60);
  suite_add_tcase(s, tc);
  return s;
}

int main(void) { return tu_run_suite(csv_suite()); }
