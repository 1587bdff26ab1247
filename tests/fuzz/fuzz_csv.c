/* Fuzz harness: the example programs' CSV reader (examples/csv.c). The input
 * bytes are written to a temporary file and read with csv_open/csv_next;
 * every field goes through csv_get_double, csv_get_time and csv_get_01.
 * Invariants: no out-of-bounds access (ASan); an open or row error leaves a
 * message "FILE:LINE: ..." or "FILE: ..."; every row has csv_ncol() fields,
 * each NUL-terminated with csv_field_len() == strlen(); no more rows than
 * csv_rows_hint() promised; line numbers never decrease; parsed numbers are
 * finite and equal strtod() of the field (the reader claims correct
 * rounding), times are >= 0, indicators 0 or 1, and a failed parse leaves
 * the output untouched. */
#include "fuzzutil.h"

#include <fcntl.h>
#include <unistd.h>

#include "csv.h"

static char g_path[64];
static int g_fd = -1;

static int write_input(const uint8_t *data, size_t size) {
  size_t off = 0;
  if (g_fd < 0) {
    /* /dev/shm keeps the file in memory where it exists. */
    snprintf(g_path, sizeof g_path, "%s/surv-fuzz-csv-%ld.csv",
             access("/dev/shm", W_OK) == 0 ? "/dev/shm" : "/tmp",
             (long)getpid());
    g_fd = open(g_path, O_RDWR | O_CREAT | O_TRUNC, 0600);
    if (g_fd < 0)
      return -1;
  }
  if (ftruncate(g_fd, 0) != 0)
    return -1;
  while (off < size) {
    ssize_t k = pwrite(g_fd, data + off, size - off, (off_t)off);
    if (k <= 0)
      return -1;
    off += (size_t)k;
  }
  return 0;
}

static void check_msg(const char *msg, const char *name) {
  size_t nl = strlen(name);
  FZ_CHECK(msg && strncmp(msg, name, nl) == 0 && msg[nl] == ':',
           "error message '%s' does not start with '%s:'", msg ? msg : "(null)",
           name);
  FZ_CHECK(strlen(msg) > nl + 2, "empty error message");
}

static void check_field(csv *c, size_t j) {
  const char *f = csv_field(c, j);
  size_t len = csv_field_len(c, j);
  double d = fz_sentinel, t = fz_sentinel, v;
  int b = 12345, rc, prc;
  FZ_CHECK(f != NULL, "NULL field %zu", j);
  FZ_CHECK(strlen(f) == len, "field %zu: len %zu but strlen %zu", j, len,
           strlen(f));
  rc = csv_get_double(c, j, &d);
  FZ_CHECK(rc == CSV_OK || rc == CSV_MISSING || rc == CSV_BAD, "rc %d", rc);
  prc = csv_parse_double(f, len, &v);
  if (rc == CSV_OK) {
    FZ_CHECK(isfinite(d), "non-finite double from '%s'", f);
    FZ_CHECK(d == strtod(f, NULL), "'%s' parsed as %.17g, strtod %.17g", f, d,
             strtod(f, NULL));
    FZ_CHECK(prc == 0 && v == d, "csv_parse_double disagrees on '%s'", f);
  } else {
    FZ_CHECK(fz_is_sentinel(d), "csv_get_double wrote on failure");
    FZ_CHECK(rc == CSV_MISSING ? len == 0 : 1, "MISSING for non-empty '%s'", f);
    FZ_CHECK(csv_errmsg(c)[0] != '\0', "no message for a bad field");
    FZ_CHECK(prc != 0, "csv_parse_double accepts '%s' that get_double refused",
             f);
  }
  rc = csv_get_time(c, j, &t);
  if (rc == CSV_OK)
    FZ_CHECK(t >= 0 && isfinite(t) && t == d, "time %.17g from '%s'", t, f);
  else
    FZ_CHECK(fz_is_sentinel(t), "csv_get_time wrote on failure");
  rc = csv_get_01(c, j, &b);
  if (rc == CSV_OK)
    FZ_CHECK(b == 0 || b == 1, "indicator %d from '%s'", b, f);
  else
    FZ_CHECK(b == 12345, "csv_get_01 wrote on failure");
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  char err[CSV_ERRLEN];
  csv *c;
  size_t hint, rows = 0, j, ncol;
  long line = 0;
  int rc;
  if (write_input(data, size) != 0)
    return 0;
  err[0] = '\0';
  c = csv_open(g_path, err, sizeof err);
  if (!c) {
    check_msg(err, g_path);
    return 0;
  }
  FZ_CHECK(strcmp(csv_filename(c), g_path) == 0, "file name");
  ncol = csv_ncol(c);
  FZ_CHECK(ncol >= 1, "header with %zu columns", ncol);
  for (j = 0; j < ncol; j++) {
    const char *name = csv_colname(c, j);
    int k;
    FZ_CHECK(name != NULL, "NULL column name");
    k = csv_col(c, name);
    FZ_CHECK(k >= 0 && (size_t)k <= j, "csv_col('%s') = %d, j = %zu", name, k,
             j);
  }
  hint = csv_rows_hint(c);
  while ((rc = csv_next(c)) > 0) {
    rows++;
    FZ_CHECK(rows <= hint, "row %zu beyond rows_hint %zu", rows, hint);
    FZ_CHECK(csv_lineno(c) > line, "line numbers not increasing");
    line = csv_lineno(c);
    for (j = 0; j < ncol; j++)
      check_field(c, j);
  }
  FZ_CHECK(rc == 0 || rc == -1, "csv_next returned %d", rc);
  if (rc < 0)
    check_msg(csv_errmsg(c), g_path);
  else
    FZ_CHECK(csv_next(c) == 0, "rows after the end");
  csv_close(c);
  return 0;
}
