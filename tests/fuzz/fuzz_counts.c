/* Fuzz harness: count tables. The first byte chooses the route.
 * Even: the rest of the input is handed to surv_counts_read as a serialized
 * table. Odd: rows (up to 64: time, status, entry, weight, group, strata
 * with members chosen by a byte) are counted into two tables, merged both
 * ways, written, one byte of the bytes is changed as the input says, and
 * the result read back. Every table read or built is then fitted
 * (Kaplan-Meier, log-rank with rho, Nelson-Aalen).
 * Invariants: valid codes; outputs untouched on error; a table read back
 * writes the same bytes it was read from; merging is commutative (a + b
 * and b + a write equal bytes); any changed byte is SURV_EFORMAT; fits of
 * valid tables without entries give curves with S in [0, 1] (or NaN). With
 * entries an interval the near-tie merge collapses (R's aeqSurv error)
 * cannot be seen in a table (surv_counts_km_fit(3)), and S is unbounded.
 * regressions/counts/entry-collapse-1e-300: entry 0 and time 1e-300 merge,
 * S = -Inf (the case that made this rule).
 * regressions/counts/weight-sum-overflow: weights near DBL_MAX add up to
 * +Inf in a cell, which the reader refused (it takes +Inf now). */
#include "fuzzutil.h"

#include <surv.h>

static void fit_all(const surv_counts *c, double rho, int entry) {
  surv_result *r = (surv_result *)(void *)&fz_sentinel;
  surv_result *const sent = r;
  surv_logrank_options o = SURV_LOGRANK_OPTIONS_INIT;
  size_t m = 0, i;
  int rc = surv_counts_km_fit(c, 0, &r);
  FZ_CHECK(FZ_VALID_CODE(rc), "km rc %d", rc);
  FZ_CHECK((rc == SURV_OK) == (r != sent), "km output and rc %d", rc);
  if (rc == SURV_OK) {
    const double *s = surv_result_column(r, SURV_COL_SURV, &m);
    for (i = 0; i < m && !entry; i++) /* entry: see surv_counts_km_fit(3) */
      FZ_CHECK(isnan(s[i]) || (s[i] >= 0 && s[i] <= 1), "S = %g", s[i]);
    surv_result_free(r);
    r = sent;
  }
  o.rho = rho;
  rc = surv_counts_logrank_test(c, &o, &r);
  FZ_CHECK(FZ_VALID_CODE(rc), "logrank rc %d", rc);
  FZ_CHECK((rc == SURV_OK) == (r != sent), "logrank output and rc %d", rc);
  if (rc == SURV_OK) {
    surv_result_free(r);
    r = sent;
  }
  rc = surv_counts_na_fit(c, SURV_NA_FH, &r);
  FZ_CHECK(FZ_VALID_CODE(rc), "na rc %d", rc);
  FZ_CHECK((rc == SURV_OK) == (r != sent), "na output and rc %d", rc);
  if (rc == SURV_OK)
    surv_result_free(r);
}

/* The bytes of c (malloc'd) into *len. */
static unsigned char *bytes_of(const surv_counts *c, size_t *len) {
  unsigned char *b;
  FZ_CHECK(surv_counts_size(c, len) == SURV_OK, "size");
  b = malloc(*len);
  FZ_CHECK(b != NULL, "malloc");
  FZ_CHECK(surv_counts_write(c, b, *len) == SURV_OK, "write");
  return b;
}

static void read_route(const uint8_t *data, size_t size) {
  surv_counts *c = NULL;
  int rc = surv_counts_read(data, size, &c);
  FZ_CHECK(rc == SURV_OK || rc == SURV_EFORMAT || rc == SURV_ENOMEM,
           "read rc %d", rc);
  FZ_CHECK((rc == SURV_OK) == (c != NULL), "read output and rc %d", rc);
  if (rc == SURV_OK) {
    size_t len;
    unsigned char *b = bytes_of(c, &len);
    FZ_CHECK(len == size && memcmp(b, data, len) == 0, "not the same bytes");
    free(b);
    fit_all(c, 0.5, data[12] & 1);
    surv_counts_free(c);
  }
}

#define MAXROWS 64

static void build_route(fz_reader *r) {
  double time[MAXROWS], entry[MAXROWS], weight[MAXROWS];
  int status[MAXROWS], group[MAXROWS], strata[MAXROWS];
  unsigned members = fz_u8(r);
  size_t n = fz_u8(r) % MAXROWS, half, i, la, lb, pos;
  surv_counts *a = NULL, *b = NULL, *ab = NULL, *ba = NULL, *back = NULL;
  surv_data d = SURV_DATA_INIT;
  unsigned char *x, *y, flip;
  double rho = (double)(fz_u8(r) % 5) / 2.0;
  int rc;
  for (i = 0; i < n; i++) {
    time[i] = fz_double(r);
    entry[i] = fz_double(r);
    weight[i] = fz_u8(r) < 240 ? (double)(fz_u8(r) % 8) / 4.0 : fz_double(r);
    status[i] = (int)fz_u8(r) % 4 - (fz_u8(r) == 255);
    group[i] = (int)fz_u8(r) % 3;
    strata[i] = (int)fz_u8(r) % 2;
  }
  half = n ? fz_u8(r) % (n + 1) : 0;
  FZ_CHECK(surv_counts_new(&a) == SURV_OK && surv_counts_new(&b) == SURV_OK &&
               surv_counts_new(&ab) == SURV_OK &&
               surv_counts_new(&ba) == SURV_OK,
           "new");
  d.time = time;
  d.status = status;
  d.entry = members & 1 ? entry : NULL;
  d.weight = members & 2 ? weight : NULL;
  d.group = members & 4 ? group : NULL;
  d.strata = members & 8 ? strata : NULL;
  d.n = half;
  rc = surv_counts_add(a, &d);
  FZ_CHECK(FZ_VALID_CODE(rc), "add rc %d", rc);
  d.time += half;
  d.status += half;
  d.entry = d.entry ? d.entry + half : NULL;
  d.weight = d.weight ? d.weight + half : NULL;
  d.group = d.group ? d.group + half : NULL;
  d.strata = d.strata ? d.strata + half : NULL;
  d.n = n - half;
  rc = surv_counts_add(b, &d);
  FZ_CHECK(FZ_VALID_CODE(rc), "add rc %d", rc);
  FZ_CHECK(surv_counts_merge(ab, a) == SURV_OK, "merge");
  FZ_CHECK(surv_counts_merge(ab, b) == SURV_OK, "merge");
  FZ_CHECK(surv_counts_merge(ba, b) == SURV_OK, "merge");
  FZ_CHECK(surv_counts_merge(ba, a) == SURV_OK, "merge");
  x = bytes_of(ab, &la);
  y = bytes_of(ba, &lb);
  FZ_CHECK(la == lb && memcmp(x, y, la) == 0, "merge not commutative");
  pos = (size_t)fz_u64(r) % la;
  flip = (unsigned char)fz_u8(r);
  x[pos] ^= flip;
  rc = surv_counts_read(x, la, &back);
  if (flip)
    FZ_CHECK(rc == SURV_EFORMAT && back == NULL, "changed byte read: rc %d",
             rc);
  else
    FZ_CHECK(rc == SURV_OK, "read back rc %d", rc);
  fit_all(ab, rho, members & 1);
  surv_counts_free(back);
  surv_counts_free(a);
  surv_counts_free(b);
  surv_counts_free(ab);
  surv_counts_free(ba);
  free(x);
  free(y);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  fz_reader r = {data, size};
  if (size == 0)
    return 0;
  if (data[0] % 2 == 0)
    read_route(data + 1, size - 1);
  else {
    fz_u8(&r);
    build_route(&r);
  }
  return 0;
}
