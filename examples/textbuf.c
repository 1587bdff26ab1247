/* The example programs' text buffer and atomic file write; see textbuf.h. */
#include "textbuf.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

void textbuf_printf(textbuf *b, const char *fmt, ...) {
  va_list ap;
  if (b->failed)
    return;
  for (;;) {
    size_t room = b->cap - b->len;
    va_start(ap, fmt);
    int k = vsnprintf(b->s ? b->s + b->len : NULL, room, fmt, ap);
    va_end(ap);
    if (k < 0) {
      b->failed = 1;
      return;
    }
    if ((size_t)k < room) {
      b->len += (size_t)k;
      return;
    }
    size_t cap = b->cap ? 2 * b->cap : 4096;
    while (cap - b->len <= (size_t)k)
      cap *= 2;
    char *s = realloc(b->s, cap);
    if (!s) {
      b->failed = 1;
      return;
    }
    b->s = s;
    b->cap = cap;
  }
}

/* Length of the valid UTF-8 sequence at s[0..len) that XML 1.0 allows (no
 * surrogates, no U+FFFE or U+FFFF), or 0. */
static size_t utf8_len(const unsigned char *s, size_t len) {
  unsigned char c = s[0];
  size_t n = c < 0xc2 ? 0 : c < 0xe0 ? 2 : c < 0xf0 ? 3 : c < 0xf5 ? 4 : 0;
  if (n == 0 || n > len)
    return 0;
  for (size_t i = 1; i < n; i++)
    if ((s[i] & 0xc0) != 0x80)
      return 0;
  if ((c == 0xe0 && s[1] < 0xa0) || (c == 0xed && s[1] >= 0xa0) ||
      (c == 0xf0 && s[1] < 0x90) || (c == 0xf4 && s[1] >= 0x90) ||
      (c == 0xef && s[1] == 0xbf && s[2] >= 0xbe))
    return 0;
  return n;
}

void textbuf_xml(textbuf *b, const char *s, size_t len) {
  const unsigned char *u = (const unsigned char *)s;
  size_t i = 0, run = 0;
  while (i < len) {
    unsigned char c = u[i];
    size_t n = 1;
    const char *ent = c == '&'                ? "&amp;"
                      : c == '<'              ? "&lt;"
                      : c == '>'              ? "&gt;"
                      : c == '"'              ? "&quot;"
                      : c == '\''             ? "&#39;"
                      : c < 0x20 || c == 0x7f ? " "
                                              : NULL;
    if (c >= 0x80 && (n = utf8_len(u + i, len - i)) == 0) {
      ent = "?";
      n = 1;
    }
    if (ent) {
      textbuf_printf(b, "%.*s%s", (int)(i - run), s + run, ent);
      run = i + n;
    }
    i += n;
  }
  textbuf_printf(b, "%.*s", (int)(len - run), s + run);
}

void textbuf_free(textbuf *b) {
  free(b->s);
  b->s = NULL;
  b->len = b->cap = 0;
}

int textbuf_write_file(const char *path, const textbuf *b) {
  size_t len = strlen(path);
  char *tmp = malloc(len + 16);
  if (!tmp)
    return -1;
  snprintf(tmp, len + 16, "%s.tmpXXXXXX", path);
  int fd = mkstemp(tmp);
  if (fd < 0) {
    free(tmp);
    return -1;
  }
  mode_t mask = umask(0); /* mkstemp makes 0600: give the usual mode */
  umask(mask);
  fchmod(fd, 0666 & ~mask);
  FILE *f = fdopen(fd, "w");
  int ok = f != NULL;
  if (ok) {
    ok = fwrite(b->s, 1, b->len, f) == b->len;
    ok = (fclose(f) == 0) && ok;
  } else {
    close(fd);
  }
  if (ok)
    ok = rename(tmp, path) == 0;
  int saved = errno;
  if (!ok)
    remove(tmp);
  free(tmp);
  errno = saved;
  return ok ? 0 : -1;
}
