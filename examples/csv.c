/* A small, fast CSV reader for the example programs: see csv.h.
 *
 * Strategy: read the whole input into one buffer (large read() calls, sized
 * from fstat for regular files, doubling for pipes), reject embedded NUL
 * bytes with one memchr, then use the NUL byte after the data as the end
 * sentinel. Rows are split in place: each field is terminated by writing a
 * NUL over its delimiter, quoted fields are unescaped in place (the text only
 * moves left), and the current row's field pointers live in one array reused
 * for every row. Cost: O(bytes) time, the file size plus O(columns) memory.
 *
 * Numbers: a plain decimal digits[.digits] of at most 19 digits whose digits
 * as one integer are <= 2^53 (most data) is that integer over a power of
 * ten, one correctly rounded division (Clinger's fast path) without the
 * general scan. Otherwise a decimal field with at most 15 significant digits
 * and a decimal exponent of magnitude <= 22 is converted with one IEEE
 * multiplication or division of two exactly representable doubles (Clinger's
 * fast path), which is correctly rounded; on x86, up to 19 digits and
 * |exponent| <= 27 go through one x87 extended-precision operation, accepted
 * unless too close to a halfway point between doubles; anything else that
 * matches the decimal grammar goes to strtod (correctly rounded in glibc). */
#define _DEFAULT_SOURCE /* madvise, MADV_HUGEPAGE */

#include "csv.h"

#include <errno.h>
#include <fcntl.h>
#include <float.h>
#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

struct csv {
  char *buf;    /* the whole input plus a NUL sentinel */
  char *pos;    /* next unread byte */
  char *end;    /* buf + length (points at the sentinel) */
  long line;    /* line number at pos */
  long rowline; /* line where the current row starts */
  char *name;   /* file name for messages */
  size_t ncol;  /* header fields */
  char **hdr;   /* header names (point into buf) */
  char **fld;   /* current row's fields */
  size_t *flen; /* and their lengths */
  size_t cap;   /* capacity of fld/flen */
  size_t nfld;  /* fields found in the current row */
  char err[CSV_ERRLEN];
  /* streaming (csv_open_stream): buf is a window of bufcap bytes over the
   * input, refilled from fd; hdr then holds copies */
  int stream, eof, fd;
  size_t bufcap;
  char *hdrbuf;
  /* csv_open_range: the file offset of buf[0] and the bytes still to read
   * (UINT64_MAX: to the end of the input) */
  uint64_t base, left;
  off_t size;  /* a regular file's size, else 0 */
  off_t got;   /* bytes read so far */
  char *ready; /* a row starting before it is whole (see row_ready) */
  char *bound; /* ready unless a quote follows pos (set by refill) */
  int qknown;  /* ready is known: the rest of the window was looked at */
};

/* ---- errors ------------------------------------------------------------ */

static void set_errv(csv *c, long line, const char *fmt, va_list ap) {
  int k = line > 0 ? snprintf(c->err, sizeof c->err, "%s:%ld: ", c->name, line)
                   : snprintf(c->err, sizeof c->err, "%s: ", c->name);
  if (k < 0 || (size_t)k >= sizeof c->err)
    return;
  vsnprintf(c->err + k, sizeof c->err - (size_t)k, fmt, ap);
}

#if defined(__GNUC__)
__attribute__((format(printf, 3, 4)))
#endif
static void
set_err(csv *c, long line, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  set_errv(c, line, fmt, ap);
  va_end(ap);
}

int csv_fail(csv *c, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  set_errv(c, c->rowline, fmt, ap);
  va_end(ap);
  return CSV_BAD;
}

const char *csv_errmsg(const csv *c) { return c->err; }

/* ---- reading the input ------------------------------------------------- */

void csv_advise_big(void *p, size_t bytes) {
#if defined(MADV_HUGEPAGE)
  /* Transparent huge pages (for its 2 MiB-aligned interior): one page
   * fault per 2 MiB instead of per 4 KiB (page faults dominate reading big
   * files on some virtual machines). The advice covers the whole pages of
   * the block, so that a block of its own mapping stays one mapping, which
   * realloc can then grow by remapping (mremap fails across mappings, and
   * realloc copies). Only a hint: errors are ignored. */
  const uintptr_t huge = (uintptr_t)2 << 20, page = 4096;
  uintptr_t a = (uintptr_t)p & ~(page - 1);
  uintptr_t b = ((uintptr_t)p + bytes + page - 1) & ~(page - 1);
  if (bytes >= huge)
    (void)madvise((void *)a, b - a, MADV_HUGEPAGE);
#else
  (void)p;
  (void)bytes;
#endif
}

/* Read all of fd into *out (NUL-terminated); returns 0 or an errno value. */
static int slurp(int fd, char **out, size_t *outlen) {
  struct stat st;
  size_t cap = (size_t)1 << 20, len = 0;
  if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && st.st_size > 0)
    cap = (size_t)st.st_size + 2; /* +1 sentinel, +1 to see EOF at once */
  char *buf = malloc(cap);
  if (!buf)
    return ENOMEM;
  csv_advise_big(buf, cap);
  for (;;) {
    if (cap - len < 2) {
      size_t ncap = cap * 2;
      char *nb = ncap > cap ? realloc(buf, ncap) : NULL;
      if (!nb) {
        free(buf);
        return ENOMEM;
      }
      buf = nb;
      cap = ncap;
      csv_advise_big(buf, cap);
    }
    size_t want = cap - len - 1;
    if (want > ((size_t)1 << 30))
      want = (size_t)1 << 30;
    ssize_t r = read(fd, buf + len, want);
    if (r < 0) {
      if (errno == EINTR)
        continue;
      int e = errno;
      free(buf);
      return e;
    }
    if (r == 0)
      break;
    len += (size_t)r;
  }
  buf[len] = '\0';
  *out = buf;
  *outlen = len;
  return 0;
}

/* Number of '\n' bytes in [p, end), eight bytes at a time: a byte of
 * x = word ^ 0x0a0a.. is zero exactly where the word holds '\n', and
 * ((x & 0x7f..) + 0x7f..) | x has the byte's high bit set iff it is not. */
static long count_lines(const char *p, const char *end) {
  const uint64_t low7 = 0x7F7F7F7F7F7F7F7Fu, ones = 0x0101010101010101u;
  long n = 0;
  for (; end - p >= 8; p += 8) {
    uint64_t w;
    memcpy(&w, p, 8);
    uint64_t x = w ^ (ones * '\n');
    uint64_t nonzero = ((((x & low7) + low7) | x) >> 7) & ones;
    n += 8 - (long)((nonzero * ones) >> 56);
  }
  for (; p < end; p++)
    n += *p == '\n';
  return n;
}

/* ---- splitting rows ---------------------------------------------------- */

static int grow_fields(csv *c) {
  size_t ncap = c->cap ? 2 * c->cap : 16;
  char **nf = realloc(c->fld, ncap * sizeof *nf);
  if (!nf)
    return -1;
  c->fld = nf;
  size_t *nl = realloc(c->flen, ncap * sizeof *nl);
  if (!nl)
    return -1;
  c->flen = nl;
  c->cap = ncap;
  return 0;
}

static inline int add_field(csv *c, char *s, size_t len) {
  if (c->nfld == c->cap && grow_fields(c) < 0)
    return -1;
  c->fld[c->nfld] = s;
  c->flen[c->nfld] = len;
  c->nfld++;
  return 0;
}

/* Bytes that end or disturb an unquoted field: , \n \r " and NUL. */
static const unsigned char special[256] = {
    [','] = 1, ['\n'] = 1, ['\r'] = 1, ['"'] = 1, ['\0'] = 1};

/* Split the next non-blank row into c->fld. 1 = row, 0 = end, -1 = error. */
static int split_row(csv *c) {
  char *p = c->pos;
  /* skip blank lines (LF or CRLF) */
  for (;;) {
    if (*p == '\n') {
      p++;
      c->line++;
    } else if (*p == '\r' && p[1] == '\n') {
      p += 2;
      c->line++;
    } else if (*p == '\r' && p + 1 == c->end) {
      p++; /* a CRLF file cut before its last LF */
    } else
      break;
  }
  if (p >= c->end) {
    c->pos = p;
    return 0;
  }
  c->rowline = c->line;
  c->nfld = 0;
  for (;;) {
    char *start, *q;
    if (*p == '"') {
      long qline = c->line;
      char *w = start = p + 1;
      q = start;
      for (;;) {
        char ch = *q;
        if (ch == '"') {
          if (q[1] != '"')
            break;
          *w++ = '"';
          q += 2;
        } else if (ch == '\0') {
          if (q < c->end)
            goto nul;
          set_err(c, qline, "unterminated quoted field");
          return -1;
        } else {
          c->line += ch == '\n';
          *w++ = ch;
          q++;
        }
      }
      q++; /* past the closing quote */
      if (!(*q == ',' || *q == '\n' || q >= c->end ||
            (*q == '\r' && (q[1] == '\n' || q + 1 == c->end)))) {
        set_err(c, c->line, "unexpected character after a closing quote");
        return -1;
      }
      if (add_field(c, start, (size_t)(w - start)) < 0)
        goto nomem;
      *w = '\0'; /* w < q: the delimiter at q is still intact */
    } else {
      start = q = p;
      for (;;) {
        while (!special[(unsigned char)*q])
          q++;
        char ch = *q;
        if (ch == ',' || ch == '\n' || ch == '\0')
          break;
        if (ch == '\r') {
          if (q[1] == '\n' || q + 1 == c->end)
            break; /* CRLF, or a bare CR ending the input (a cut CRLF) */
          q++;     /* a lone CR inside a line is data */
          continue;
        }
        set_err(c, c->line, "quote inside an unquoted field");
        return -1;
      }
      if (*q == '\0' && q < c->end)
        goto nul;
      if (add_field(c, start, (size_t)(q - start)) < 0)
        goto nomem;
    }
    /* q is at the delimiter */
    char d = *q;
    *q = '\0';
    if (d == ',') {
      p = q + 1;
      continue;
    }
    if (d == '\r')
      q++;
    if (q < c->end) { /* a line feed (a bare CR only ends the input) */
      q++;
      c->line++;
    }
    c->pos = q;
    return 1;
  }
nomem:
  set_err(c, c->rowline, "out of memory");
  return -1;
nul:
  set_err(c, c->line, "NUL byte in the input");
  return -1;
}

/* ---- streaming ---------------------------------------------------------- */

#define STREAM_WINDOW ((size_t)1 << 20) /* 1 MiB, grown for longer rows */

/* 1 when [p, end) holds a whole non-blank row: one ending at a line feed
 * outside quotes (an even number of quotes before it). */
static int have_row(const char *p, const char *end) {
  const char *rs = p;
  int odd = 0;
  while (p < end) {
    const char *nl = memchr(p, '\n', (size_t)(end - p)), *q;
    if (!nl)
      return 0;
    for (q = p; (q = memchr(q, '"', (size_t)(nl - q))) != NULL; q++)
      odd ^= 1;
    if (!odd) {
      if (!(rs == nl || (rs + 1 == nl && *rs == '\r')))
        return 1;
      rs = nl + 1; /* a blank line: split_row skips it */
    }
    p = nl + 1;
  }
  return 0;
}

/* Streaming: make [pos, end) hold the next whole row, or everything left.
 * When less than half the window is unread, the unread bytes move to the
 * front and the window is filled; a row longer than half the window doubles
 * it. 0, or -1 with the error set. */
static int refill(csv *c) {
  for (;;) {
    size_t len = (size_t)(c->end - c->pos);
    int whole = have_row(c->pos, c->end);
    if (c->eof || (whole && len >= c->bufcap / 2))
      return 0;
    c->base += (uint64_t)(c->pos - c->buf); /* pos becomes buf[0] */
    if (len < c->bufcap / 2)
      memmove(c->buf, c->pos, len);
    else { /* !whole: a row longer than half the window */
      size_t ncap = 2 * c->bufcap;
      char *nb = ncap > c->bufcap ? malloc(ncap) : NULL;
      if (!nb) {
        set_err(c, c->line, "out of memory");
        return -1;
      }
      memcpy(nb, c->pos, len);
      free(c->buf);
      c->buf = nb;
      c->bufcap = ncap;
    }
    c->pos = c->buf;
    while (len + 1 < c->bufcap) { /* fill the window */
      size_t want = c->bufcap - len - 1;
      ssize_t r;
      if (c->left < want)
        want = (size_t)c->left;
      r = want ? read(c->fd, c->buf + len, want) : 0;
      if (r < 0 && errno == EINTR)
        continue;
      if (r < 0) {
        c->end = c->buf + len;
        *c->end = '\0';
        set_err(c, 0, "cannot read: %s", strerror(errno)); /* as csv_open */
        return -1;
      }
      if (r == 0) {
        c->eof = 1;
        break;
      }
      len += (size_t)r;
      if (c->left != UINT64_MAX)
        c->left -= (uint64_t)r;
      c->got += r;
    }
    c->end = c->buf + len;
    *c->end = '\0';
    /* row_ready's bound: with no quote in the window, a row that starts
     * with data before the window's last line feed ends at the first one
     * after it; before the end of the input, rows starting in the second
     * half of the window wait for the next refill */
    char *r = c->end;
    while (r > c->buf && r[-1] != '\n')
      r--;
    r = r > c->buf ? r - 1 : c->buf; /* the last '\n', or none */
    if (!c->eof)
      r = len < c->bufcap / 2              ? c->buf
          : r < c->end - c->bufcap / 2 + 1 ? r
                                           : c->end - c->bufcap / 2 + 1;
    c->bound = r;
    c->ready = c->buf; /* until row_ready looks for quotes */
    c->qknown = 0;
  }
}

/* Skip a byte order mark and read the header row into c->hdr (copies of
 * the names when streaming: the window moves). 0, or -1 with the error
 * set. */
static int read_header(csv *c) {
  size_t j, total = 0;
  char *w;
  if (c->end - c->pos >= 3 && memcmp(c->pos, "\xEF\xBB\xBF", 3) == 0)
    c->pos += 3;
  if (c->stream && refill(c) != 0)
    return -1;
  int r = split_row(c);
  if (r == 0) {
    c->rowline = 1;
    set_err(c, 1, "no header row (the input is empty or blank)");
  }
  if (r <= 0)
    return -1;
  c->ncol = c->nfld;
  for (j = 0; c->stream && j < c->ncol; j++)
    total += c->flen[j] + 1;
  c->hdr = malloc(c->ncol * sizeof *c->hdr);
  if (c->stream)
    c->hdrbuf = malloc(total + 1);
  if (!c->hdr || (c->stream && !c->hdrbuf)) {
    set_err(c, c->rowline, "out of memory");
    return -1;
  }
  if (!c->stream)
    memcpy(c->hdr, c->fld, c->ncol * sizeof *c->hdr);
  for (j = 0, w = c->hdrbuf; c->stream && j < c->ncol; j++) {
    memcpy(w, c->fld[j], c->flen[j] + 1);
    c->hdr[j] = w;
    w += c->flen[j] + 1;
  }
  return 0;
}

csv *csv_open_stream(const char *path, char *err, size_t errlen) {
  int is_stdin = strcmp(path, "-") == 0;
  const char *shown = is_stdin ? "<stdin>" : path;
  csv *c = calloc(1, sizeof *c);
  if (!c || !(c->name = strdup(shown)) || !(c->buf = malloc(STREAM_WINDOW))) {
    if (c)
      free(c->name);
    free(c);
    snprintf(err, errlen, "%s: out of memory", shown);
    return NULL;
  }
  c->stream = 1;
  c->bufcap = STREAM_WINDOW;
  c->left = UINT64_MAX;
  c->fd = is_stdin ? 0 : open(path, O_RDONLY);
  if (c->fd < 0) {
    snprintf(err, errlen, "%s: cannot open: %s", shown, strerror(errno));
    csv_close(c);
    return NULL;
  }
  struct stat st;
  if (fstat(c->fd, &st) == 0 && S_ISREG(st.st_mode))
    c->size = st.st_size;
  c->pos = c->end = c->ready = c->buf;
  *c->end = '\0';
  c->line = 1;
  if (refill(c) != 0 || read_header(c) != 0)
    goto fail;
  return c;
fail:
  snprintf(err, errlen, "%s", c->err);
  csv_close(c);
  return NULL;
}

/* ---- byte ranges of one file ----------------------------------------- */

/* pread all of [off, off + n) into p; the bytes read (short at the end of
 * the file), or -1 with errno. */
static ssize_t pread_all(int fd, char *p, size_t n, uint64_t off) {
  size_t got = 0;
  while (got < n) {
    ssize_t r = pread(fd, p + got, n - got, (off_t)(off + got));
    if (r < 0 && errno == EINTR)
      continue;
    if (r < 0)
      return -1;
    if (r == 0)
      break;
    got += (size_t)r;
  }
  return (ssize_t)got;
}

#define SCAN_BLOCK ((size_t)1 << 20)

int csv_scan_range(const char *path, uint64_t begin, uint64_t end,
                   uint64_t *quotes, uint64_t *lines, char *err,
                   size_t errlen) {
  int fd = open(path, O_RDONLY);
  char *b = malloc(SCAN_BLOCK);
  uint64_t q = 0, nl = 0, at = begin;
  int rc = -1;
  if (fd < 0 || !b) {
    snprintf(err, errlen, "%s: %s", path,
             fd < 0 ? strerror(errno) : "out of memory");
    goto out;
  }
  while (at < end) {
    size_t n = end - at < SCAN_BLOCK ? (size_t)(end - at) : SCAN_BLOCK;
    ssize_t r = pread_all(fd, b, n, at);
    if (r < 0) {
      snprintf(err, errlen, "%s: cannot read: %s", path, strerror(errno));
      goto out;
    }
    nl += (uint64_t)count_lines(b, b + r);
    for (const char *p = b; (p = memchr(p, '"', (size_t)(b + r - p))); p++)
      q++;
    at += (uint64_t)r;
    if ((size_t)r < n)
      break;
  }
  *quotes = q;
  *lines = nl;
  rc = 0;
out:
  free(b);
  if (fd >= 0)
    close(fd);
  return rc;
}

int csv_record_start(const char *path, uint64_t at, int inquote,
                     uint64_t *start, uint64_t *lines, char *err,
                     size_t errlen) {
  int fd = open(path, O_RDONLY);
  char b[65536];
  uint64_t nl = 0;
  if (fd < 0) {
    snprintf(err, errlen, "%s: %s", path, strerror(errno));
    return -1;
  }
  for (;;) {
    ssize_t r = pread_all(fd, b, sizeof b, at);
    if (r < 0) {
      snprintf(err, errlen, "%s: cannot read: %s", path, strerror(errno));
      close(fd);
      return -1;
    }
    for (ssize_t i = 0; i < r; i++) {
      if (b[i] == '"')
        inquote ^= 1;
      else if (b[i] == '\n') {
        nl++;
        if (!inquote) {
          *start = at + (uint64_t)i + 1;
          *lines = nl;
          close(fd);
          return 0;
        }
      }
    }
    at += (uint64_t)r;
    if ((size_t)r < sizeof b) { /* the end of the file */
      *start = at;
      *lines = nl;
      close(fd);
      return 0;
    }
  }
}

csv *csv_open_range(const char *path, uint64_t begin, uint64_t end, long line,
                    char *err, size_t errlen) {
  csv *c = csv_open_stream(path, err, errlen);
  uint64_t hdr_end;
  if (!c)
    return NULL;
  hdr_end = c->base + (uint64_t)(c->pos - c->buf);
  if (begin <= hdr_end) { /* the rows just after the header */
    begin = hdr_end;
    line = c->line;
  }
  if (end < begin)
    end = begin;
  if (lseek(c->fd, (off_t)begin, SEEK_SET) < 0) {
    snprintf(err, errlen, "%s: cannot seek: %s", c->name, strerror(errno));
    csv_close(c);
    return NULL;
  }
  c->pos = c->end = c->buf;
  *c->end = '\0';
  c->base = begin;
  c->left = end - begin;
  c->eof = 0;
  c->line = line;
  if (refill(c) != 0) {
    snprintf(err, errlen, "%s", c->err);
    csv_close(c);
    return NULL;
  }
  return c;
}

/* ---- public API -------------------------------------------------------- */

csv *csv_open(const char *path, char *err, size_t errlen) {
  int is_stdin = strcmp(path, "-") == 0;
  const char *shown = is_stdin ? "<stdin>" : path;
  csv *c = calloc(1, sizeof *c);
  if (!c || !(c->name = strdup(shown))) {
    free(c);
    snprintf(err, errlen, "%s: out of memory", shown);
    return NULL;
  }
  int fd = is_stdin ? 0 : open(path, O_RDONLY);
  if (fd < 0) {
    snprintf(err, errlen, "%s: cannot open: %s", shown, strerror(errno));
    csv_close(c);
    return NULL;
  }
  size_t len = 0;
  int e = slurp(fd, &c->buf, &len);
  if (!is_stdin)
    close(fd);
  if (e) {
    snprintf(err, errlen, "%s: cannot read: %s", shown, strerror(e));
    csv_close(c);
    return NULL;
  }
  c->pos = c->buf;
  c->end = c->buf + len;
  c->line = 1;
  if (read_header(c) != 0)
    goto fail;
  return c;
fail:
  snprintf(err, errlen, "%s", c->err);
  csv_close(c);
  return NULL;
}

void csv_close(csv *c) {
  if (!c)
    return;
  if (c->stream && c->fd > 0)
    close(c->fd);
  free(c->hdrbuf);
  free(c->buf);
  free(c->name);
  free(c->hdr);
  free(c->fld);
  free(c->flen);
  free(c);
}

const char *csv_filename(const csv *c) { return c->name; }
size_t csv_ncol(const csv *c) { return c->ncol; }
const char *csv_colname(const csv *c, size_t j) { return c->hdr[j]; }
long csv_lineno(const csv *c) { return c->rowline; }
const char *csv_field(const csv *c, size_t j) { return c->fld[j]; }
const char *const *csv_fields(const csv *c) {
  return (const char *const *)c->fld;
}
size_t csv_field_len(const csv *c, size_t j) { return c->flen[j]; }

int csv_col(const csv *c, const char *name) {
  for (size_t j = 0; j < c->ncol; j++)
    if (strcmp(c->hdr[j], name) == 0)
      return j > (size_t)INT32_MAX ? -1 : (int)j;
  return -1;
}

size_t csv_rows_hint(const csv *c) {
  size_t rows = (size_t)count_lines(c->pos, c->end) + 1;
  double more = (double)(c->size - c->got); /* bytes not read yet */
  if (c->left != UINT64_MAX && (double)c->left < more)
    more = (double)c->left; /* a byte range ends first */
  double w = (double)(c->end - c->pos), rest = w + more;
  if (!c->stream || c->eof || more <= 0 || w < 1)
    return rows;
  /* the window's rows per byte over the rest of the file, 1/8 more */
  double est = (double)rows * (rest / w) * 1.125 + 16;
  return est < (double)(SIZE_MAX / 16) ? (size_t)est : SIZE_MAX / 16;
}

/* Streaming: 1 when the next row is whole in the window and no refill is
 * due (at least half the window unread, or the input all read), without
 * scanning: it starts with data before c->ready. That is c->bound when no
 * quote follows in the window, which is looked at once after a refill, and
 * only from where the rows have got to (csv_next_plain takes most rows of
 * plain input without this). */
static inline int row_ready(csv *c) {
  if (!c->qknown) {
    c->qknown = 1;
    c->ready =
        memchr(c->pos, '"', (size_t)(c->end - c->pos)) ? c->buf : c->bound;
  }
  return c->pos < c->ready && *c->pos != '\n' && *c->pos != '\r';
}

int csv_next(csv *c) {
  int r;
  if (c->stream && !row_ready(c) && refill(c) != 0)
    return -1;
  r = split_row(c);
  if (r <= 0)
    return r;
  if (c->nfld != c->ncol) {
    set_err(c, c->rowline, "expected %zu fields (as in the header), found %zu",
            c->ncol, c->nfld);
    return -1;
  }
  return 1;
}

/* The digits[.digits] at *pq, *pq moved past them (to the first other
 * byte): 1 with their digits as one integer *f and the number *fd after
 * the point when there are 1 to 19 digits and *f <= 2^53 (then f / 10^fd
 * is one correctly rounded division: see parse_plain), else 0. The string
 * ends in a non-digit (the NUL sentinel at the latest). */
static inline int scan_plain(const char **pq, uint64_t *f, unsigned *fd) {
  const char *p = *pq, *q = p, *ip;
  uint64_t v = 0;
  unsigned d;
  while ((d = (unsigned)(*q - '0')) < 10) {
    v = v * 10 + d;
    q++;
  }
  ip = q;
  if (*q == '.')
    for (q++; (d = (unsigned)(*q - '0')) < 10; q++)
      v = v * 10 + d;
  size_t nd = (size_t)(q - p) - (q != ip);
  *pq = q;
  *f = v;
  *fd = q != ip ? (unsigned)(q - ip) - 1 : 0;
  return nd > 0 && nd <= 19 && v <= (UINT64_C(1) << 53);
}

/* csv_next_plain: one pass over each row's bytes, splitting and parsing at
 * once; nothing is written into the buffer. A row it does not take is left
 * whole for csv_next, which reports what is wrong with it. pos is always
 * at the start of a record, and a row taken ends at a line feed before the
 * sentinel: when streaming, a row cut by the end of the window is not taken
 * (it ends at the sentinel), and csv_next refills. */
#if defined(__GNUC__) || defined(__clang__)
#define CSV_INLINE inline __attribute__((always_inline))
#else
#define CSV_INLINE inline
#endif

/* One row of csv_next_plain at *pq, of ncol columns: 1 with its key and
 * *pq past its line end, or 0. Inlined: with constant columns (the usual
 * time,status) the loop over them unrolls. */
static CSV_INLINE int plain_row(const char **pq, size_t ncol, size_t jt,
                                size_t js, uint64_t *key) {
  const char *q = *pq;
  uint64_t f = 0;
  unsigned fd = 0, s = 0;
  for (size_t j = 0; j < ncol; j++) {
    if (j == jt) {
      if (!scan_plain(&q, &f, &fd))
        return 0;
    } else if (j == js) {
      if (*q != '0' && *q != '1')
        return 0;
      s = (unsigned)(*q++ - '0');
    } else
      while (!special[(unsigned char)*q])
        q++;
    if (j + 1 < ncol) {
      if (*q != ',')
        return 0;
    } else if (*q == '\r' && q[1] == '\n')
      q++; /* CRLF */
    else if (*q != '\n')
      return 0;
    q++;
  }
  *key = CSV_PLAIN_KEY(f, fd, s);
  *pq = q;
  return 1;
}

size_t csv_next_plain(csv *c, size_t jt, size_t js, uint64_t *key, size_t max) {
  const char *p = c->pos, *lim = c->end;
  const size_t ncol = c->ncol;
  size_t n = 0;
  if (jt == js || jt >= ncol || js >= ncol)
    return 0;
  if (ncol == 2 && jt == 0) /* time,status */
    while (n < max && p < lim && plain_row(&p, 2, 0, 1, &key[n]))
      n++;
  else
    while (n < max && p < lim && plain_row(&p, ncol, jt, js, &key[n]))
      n++;
  if (n > 0) {
    c->pos = (char *)p;
    c->line += (long)n;
    c->rowline = c->line - 1;
  }
  return n;
}

/* ---- numbers ----------------------------------------------------------- */

static const double pow10_exact[23] = {
    1e0,  1e1,  1e2,  1e3,  1e4,  1e5,  1e6,  1e7,  1e8,  1e9,  1e10, 1e11,
    1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};

#if (defined(__x86_64__) || defined(__i386__)) && LDBL_MANT_DIG == 64
static const long double pow10_ld[28] = {
    1e0L,  1e1L,  1e2L,  1e3L,  1e4L,  1e5L,  1e6L,  1e7L,  1e8L,  1e9L,
    1e10L, 1e11L, 1e12L, 1e13L, 1e14L, 1e15L, 1e16L, 1e17L, 1e18L, 1e19L,
    1e20L, 1e21L, 1e22L, 1e23L, 1e24L, 1e25L, 1e26L, 1e27L};
#endif

/* Saturation bound of a decimal exponent's digits (see csv_parse_double). */
#define EXP_SAT 100000000000000000LL /* 10^17: e * 10 + 9 stays in range */

#if defined(__GNUC__) || defined(__clang__)
#define CSV_COLD __attribute__((noinline, cold))
#else
#define CSV_COLD
#endif

/* The common case of csv_parse_double, after the sign: digits[.digits] with
 * at most 19 digits in all and no exponent, read as one integer f (< 10^19:
 * no overflow) over 10^fd. When f <= 2^53 both are exact doubles and one
 * division rounds correctly (Clinger's fast path). 1 when *out is set, 0
 * for the general path. The scan stops at the first non-digit, at or after
 * end: callers' strings are NUL-terminated there or later. */
static inline int parse_plain(const char *p, const char *end, double *out) {
  uint64_t f;
  unsigned fd;
  if (!scan_plain(&p, &f, &fd) || p != end)
    return 0;
  *out = (double)f / pow10_exact[fd];
  return 1;
}

double csv_plain_time(uint64_t key) {
  return (double)CSV_PLAIN_F(key) / pow10_exact[CSV_PLAIN_FD(key)];
}

static CSV_COLD int parse_general(const char *s, size_t len, double *out);

/* csv_parse_double; static so that the field getters inline it. */
static inline int parse_double(const char *s, size_t len, double *out) {
  const char *p = s, *end = s + len;
  int neg = len > 0 && *p == '-';
  double v;
  if (len > 0 && (*p == '+' || *p == '-'))
    p++;
  if (parse_plain(p, end, &v)) {
    *out = neg ? -v : v;
    return 0;
  }
  return parse_general(s, len, out);
}

/* Every other number: the whole grammar. */
static int parse_general(const char *s, size_t len, double *out) {
  const char *p = s, *end = s + len;
  int neg = 0;
  if (p < end && (*p == '+' || *p == '-'))
    neg = *p++ == '-';
  uint64_t m = 0;     /* significant digits, at most 19 kept */
  int nsig = 0;       /* significant digits seen */
  int ndig = 0;       /* all mantissa digits */
  long long dexp = 0; /* decimal exponent adjustment of m */
  for (; p < end && (unsigned)(*p - '0') < 10; p++, ndig++) {
    unsigned d = (unsigned)(*p - '0');
    if (nsig == 0 && d == 0)
      continue;
    if (nsig < 19)
      m = m * 10 + d;
    else
      dexp++;
    nsig++;
  }
  if (p < end && *p == '.') {
    for (p++; p < end && (unsigned)(*p - '0') < 10; p++, ndig++) {
      unsigned d = (unsigned)(*p - '0');
      if (nsig == 0 && d == 0) {
        dexp--;
        continue;
      }
      if (nsig < 19) {
        m = m * 10 + d;
        dexp--;
      }
      nsig++;
    }
  }
  if (ndig == 0)
    return -1;
  long long e = 0;
  if (p < end && (*p == 'e' || *p == 'E')) {
    int eneg = 0;
    p++;
    if (p < end && (*p == '+' || *p == '-'))
      eneg = *p++ == '-';
    if (p == end || (unsigned)(*p - '0') >= 10)
      return -1;
    /* Any number of digits: the exponent saturates at EXP_SAT, far beyond
     * both the range of doubles and the length of any field (|dexp| <=
     * len), so e + dexp below keeps the side of the range it lies on. */
    for (; p < end && (unsigned)(*p - '0') < 10; p++)
      if (e < EXP_SAT)
        e = e * 10 + (*p - '0');
    if (e > EXP_SAT)
      e = EXP_SAT;
    if (eneg)
      e = -e;
  }
  if (p != end)
    return -1;
  if (m == 0) {
    *out = neg ? -0.0 : 0.0;
    return 0;
  }
  e += dexp;
  /* The value is m * 10^e with 1 <= m < 10^19 (digits past the 19th only
   * add to m's fraction). Beyond these bounds the answer is known without
   * strtod: 10^309 > DBL_MAX (overflow: rejected) and 10^19 * 10^-344 is
   * below half the smallest subnormal (rounds to zero, as strtod does). */
  if (e > 309)
    return -1;
  if (e < -344) {
    *out = neg ? -0.0 : 0.0;
    return 0;
  }
  if (nsig <= 15 && e >= -22 && e <= 22) {
    /* m < 10^15 < 2^53 and 10^|e| are exact: one correctly rounded op. */
    double v =
        e >= 0 ? (double)m * pow10_exact[e] : (double)m / pow10_exact[-e];
    *out = neg ? -v : v;
    return 0;
  }
#if (defined(__x86_64__) || defined(__i386__)) && LDBL_MANT_DIG == 64
  if (nsig <= 19 && e >= -27 && e <= 27) {
    /* Up to 19 digits (Python and %.17g output): m < 2^64 and 10^|e| <=
     * 10^27 (5^27 < 2^64) are exact in x87 extended precision, so v is the
     * exact value rounded once to 64 bits. Rounding v to 53 bits gives the
     * correctly rounded double unless v lies within one extended ulp of a
     * halfway point between doubles (its 11 extra bits are 0x3ff-0x401);
     * those rare cases go to strtod. Results lie in 1e-27..2e46, normal. */
    long double p10 = pow10_ld[e >= 0 ? e : -e];
    long double v = e >= 0 ? (long double)m * p10 : (long double)m / p10;
    uint64_t mant;
    memcpy(&mant, &v, sizeof mant); /* x87 format: mantissa first */
    unsigned extra = (unsigned)(mant & 0x7FF);
    if (extra < 0x3FF || extra > 0x401) {
      double d = (double)v;
      *out = neg ? -d : d;
      return 0;
    }
  }
#endif
  /* Valid decimal syntax but outside the fast paths: strtod, which needs the
   * NUL the callers guarantee at s[len]. */
  char *q;
  errno = 0;
  double v = strtod(s, &q);
  if (q != end || v - v != 0) /* overflow to +-Inf */
    return -1;
  *out = v;
  return 0;
}

int csv_parse_double(const char *s, size_t len, double *out) {
  return parse_double(s, len, out);
}

size_t csv_escape(char *dst, size_t n, const char *s, size_t len, size_t max) {
  static const char hex[] = "0123456789abcdef";
  size_t k = 0, i;
  if (n == 0)
    return 0;
  for (i = 0; i < len && i < max; i++) {
    unsigned char ch = (unsigned char)s[i];
    int ctl = ch < 0x20 || ch == 0x7F || ch == '\\';
    if (k + (ctl ? 4 : 1) + 4 > n) /* room for this, "..." and the NUL */
      break;
    if (!ctl)
      dst[k++] = (char)ch;
    else if (ch == '\\') {
      dst[k++] = '\\';
      dst[k++] = '\\';
    } else {
      dst[k++] = '\\';
      dst[k++] = 'x';
      dst[k++] = hex[ch >> 4];
      dst[k++] = hex[ch & 15];
    }
  }
  if (i < len && k + 4 <= n) {
    memcpy(dst + k, "...", 3);
    k += 3;
  }
  dst[k] = '\0';
  return k;
}

/* Quote a field for a message: at most 40 bytes, escaped. */
static void show(char *dst, size_t n, const char *s, size_t len) {
  csv_escape(dst, n, s, len, 40);
}

static int is_nonfinite_word(const char *s) {
  if (*s == '+' || *s == '-')
    s++;
  return strcasecmp(s, "nan") == 0 || strcasecmp(s, "inf") == 0 ||
         strcasecmp(s, "infinity") == 0;
}

/* csv_get_double's failures and rare forms. */
static CSV_COLD int get_double_slow(csv *c, size_t j, double *out) {
  const char *s = c->fld[j];
  size_t len = c->flen[j];
  if (len == 0) {
    csv_fail(c, "column '%s': empty field (missing value)", c->hdr[j]);
    return CSV_MISSING;
  }
  if (parse_double(s, len, out) == 0)
    return CSV_OK;
  char shown[CSV_SHOWLEN];
  show(shown, sizeof shown, s, len);
  if (is_nonfinite_word(s))
    return csv_fail(c, "column '%s': '%s' is not a finite number", c->hdr[j],
                    shown);
  return csv_fail(c, "column '%s': '%s' is not a number", c->hdr[j], shown);
}

/* csv_get_double, inlined into the getters below. */
static inline int get_double(csv *c, size_t j, double *out) {
  const char *s = c->fld[j];
  if (*s != '-' && parse_plain(s, s + c->flen[j], out))
    return CSV_OK; /* the common case */
  return get_double_slow(c, j, out);
}

int csv_get_double(csv *c, size_t j, double *out) {
  return get_double(c, j, out);
}

int csv_get_time(csv *c, size_t j, double *out) {
  double v;
  const char *s = c->fld[j];
  if (*s != '-' && parse_plain(s, s + c->flen[j], out))
    return CSV_OK; /* the common case: digits, so +0 or more */
  int r = get_double_slow(c, j, &v);
  if (r != CSV_OK)
    return r;
  if (v < 0)
    return csv_fail(c, "column '%s': negative value %s", c->hdr[j], c->fld[j]);
  *out = v + 0.0; /* -0 becomes +0 */
  return CSV_OK;
}

int csv_get_01(csv *c, size_t j, int *out) {
  double v;
  if (c->flen[j] == 1 && (c->fld[j][0] == '0' || c->fld[j][0] == '1')) {
    *out = c->fld[j][0] == '1'; /* the common case, without the parser */
    return CSV_OK;
  }
  int r = get_double(c, j, &v);
  if (r != CSV_OK)
    return r;
  if (v != 0 && v != 1) {
    char shown[CSV_SHOWLEN];
    show(shown, sizeof shown, c->fld[j], c->flen[j]);
    return csv_fail(c, "column '%s': '%s' is not 0 or 1", c->hdr[j], shown);
  }
  *out = v == 1;
  return CSV_OK;
}

void csv_put_num(double x, int last) {
  if (isnan(x))
    fputs("NA", stdout);
  else if (isinf(x))
    fputs(x > 0 ? "Inf" : "-Inf", stdout);
  else if (x >= 0 && x < 1e15 && x == (double)(long long)x) {
    char buf[24], *p = buf + sizeof buf;
    long long v = (long long)x;
    do
      *--p = (char)('0' + v % 10);
    while ((v /= 10) > 0);
    fwrite(p, 1, (size_t)(buf + sizeof buf - p), stdout);
  } else
    printf("%.15g", x);
  putchar(last ? '\n' : '\t');
}

int csv_usage_error(const char *prog, void (*usage)(FILE *), const char *fmt,
                    const char *arg) {
  fprintf(stderr, "%s: ", prog);
  fprintf(stderr, fmt, arg);
  fputc('\n', stderr);
  usage(stderr);
  return 2;
}
