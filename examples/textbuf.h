/* A growable text buffer for the example programs (not installed): output
 * is built in memory and written only once all of it succeeded, and a file
 * is written next to its destination and renamed into place, so a failure
 * never leaves a partial file. Used by the MDRT report (mdrt.h) and the
 * figures of examples/kmplot.h. */
#ifndef SURV_EXAMPLES_TEXTBUF_H
#define SURV_EXAMPLES_TEXTBUF_H

#include <stddef.h>

typedef struct textbuf {
  char *s;
  size_t len, cap;
  int failed; /* an allocation failed: the content is incomplete */
} textbuf;

/* Append printf(fmt, ...) to b; on failure b->failed is set and later calls
 * do nothing. */
void textbuf_printf(textbuf *b, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;

/* Append the bytes s[0..len) as XML character data or an attribute value:
 * &, <, >, " and ' as entities; a control byte (tab, newline, ...) as a
 * space, since XML 1.0 cannot hold most of them and a newline in a label
 * would break a line of the figure; a byte that is not part of valid UTF-8
 * as '?'. */
void textbuf_xml(textbuf *b, const char *s, size_t len);

void textbuf_free(textbuf *b);

/* Write b to path through a temporary file in the same directory renamed
 * into place (mode 0666 less the umask). Returns 0, or -1 with errno set
 * and nothing left behind. */
int textbuf_write_file(const char *path, const textbuf *b);

#endif /* SURV_EXAMPLES_TEXTBUF_H */
