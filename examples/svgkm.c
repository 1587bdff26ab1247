/* Kaplan-Meier curves, censoring marks and number-at-risk rows read from an
 * SVG figure. See svgkm.h for what is recognised and how.
 *
 * Cost: O(bytes) to scan; O(s log s) to pair the s short segments into
 * censoring marks; O(c m) to put the c marks on curves of m corners. */
#include "svgkm.h"

#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_BYTES ((size_t)256 << 20)
#define MAX_DEPTH 256
#define TICK_MAX_PX 20.0 /* longest tick mark or half a censoring mark */

typedef struct mat {
  double a, b, c, d, e, f; /* x' = a x + c y + e, y' = b x + d y + f */
} mat;

static const mat identity = {1, 0, 0, 1, 0, 0};

static mat mat_mul(mat p, mat q) { /* p then q applied: p * q in SVG terms */
  mat r;
  r.a = p.a * q.a + p.c * q.b;
  r.b = p.b * q.a + p.d * q.b;
  r.c = p.a * q.c + p.c * q.d;
  r.d = p.b * q.c + p.d * q.d;
  r.e = p.a * q.e + p.c * q.f + p.e;
  r.f = p.b * q.e + p.d * q.f + p.f;
  return r;
}

typedef struct frame {
  char name[16];
  mat m;
  int skip;
  char stroke[64], fill[64];
  int dashed;
} frame;

typedef struct poly {
  size_t off, n;     /* its points in the point arrays */
  size_t sub0, nsub; /* its subpaths: (start, count) pairs in sub[] */
  char stroke[64];
  int filled, dashed, curved;
  double scale; /* largest |coefficient| of its transform */
  long line;
} poly;

typedef struct text {
  double x, y, val;
  int numeric, used;
  char fill[64];
  long line;
} text;

typedef struct seg { /* a short axis-parallel segment */
  double x0, y0, x1, y1, mx, my, len;
  size_t poly;
  int vertical, used;
} seg;

typedef struct rd {
  const char *buf, *end, *name;
  const char *lpos; /* line counting: position and its line */
  long lline;
  char *err;
  size_t errlen;
  int failed;
  frame st[MAX_DEPTH];
  int depth;
  double *px, *py;
  size_t np, capx, capy;
  size_t *sub; /* pairs: start offset, count */
  size_t nsub, capsub;
  poly *poly;
  size_t npoly, cappoly;
  text *text;
  size_t ntext, captext;
  int in_text; /* collecting the content of a <text> */
  char tbuf[64];
  size_t tlen;
  int dec;    /* most decimals printed in a coordinate */
  int off256; /* a coordinate is not a multiple of 1/256 */
} rd;

static long line_of(rd *r, const char *p) {
  if (p < r->lpos) {
    r->lpos = r->buf;
    r->lline = 1;
  }
  for (const char *q = r->lpos; q < p; q++)
    if (*q == '\n')
      r->lline++;
  r->lpos = p;
  return r->lline;
}

static int fail(rd *r, const char *at, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;
static int fail(rd *r, const char *at, const char *fmt, ...) {
  if (r->failed)
    return -1;
  r->failed = 1;
  int k;
  if (at)
    k = snprintf(r->err, r->errlen, "%s:%ld: ", r->name, line_of(r, at));
  else
    k = snprintf(r->err, r->errlen, "%s: ", r->name);
  if (k < 0 || (size_t)k >= r->errlen)
    return -1;
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(r->err + k, r->errlen - (size_t)k, fmt, ap);
  va_end(ap);
  return -1;
}

static int grow(rd *r, void **p, size_t *cap, size_t need, size_t elsz) {
  if (need <= *cap)
    return 0;
  size_t c = *cap ? *cap : 64;
  while (c < need) {
    if (c > ((size_t)-1) / 2 / elsz)
      return fail(r, NULL, "out of memory");
    c *= 2;
  }
  void *q = realloc(*p, c * elsz);
  if (!q)
    return fail(r, NULL, "out of memory");
  *p = q;
  *cap = c;
  return 0;
}

static int is_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* A number at p (before end): [+-]digits[.digits][e[+-]digits]. Returns
 * the characters used, 0 if none; *dec = digits after the point. */
static size_t scan_num(const char *p, const char *end, double *v, int *dec) {
  const char *q = p;
  if (q < end && (*q == '+' || *q == '-'))
    q++;
  const char *d0 = q;
  while (q < end && *q >= '0' && *q <= '9')
    q++;
  size_t ni = (size_t)(q - d0), nf = 0;
  if (q < end && *q == '.') {
    const char *f0 = ++q;
    while (q < end && *q >= '0' && *q <= '9')
      q++;
    nf = (size_t)(q - f0);
  }
  if (ni + nf == 0)
    return 0;
  if (q < end && (*q == 'e' || *q == 'E')) {
    const char *e0 = q++;
    if (q < end && (*q == '+' || *q == '-'))
      q++;
    const char *x0 = q;
    while (q < end && *q >= '0' && *q <= '9')
      q++;
    if (q == x0)
      q = e0; /* "1e" is the number 1 followed by e */
  }
  char tmp[128];
  size_t len = (size_t)(q - p);
  if (len >= sizeof tmp)
    return 0;
  memcpy(tmp, p, len);
  tmp[len] = '\0';
  char *stop;
  errno = 0;
  double x = strtod(tmp, &stop);
  if (*stop != '\0' || !isfinite(x))
    return 0;
  *v = x;
  if (dec)
    *dec = (int)(nf > 40 ? 40 : nf);
  return len;
}

static const char *skip_sep(const char *p, const char *end) {
  while (p < end && (is_space(*p) || *p == ','))
    p++;
  return p;
}

/* ---- attributes ---------------------------------------------------------
 */

typedef struct span {
  const char *p;
  size_t n;
} span;

static int span_eq(span s, const char *lit) {
  size_t k = strlen(lit);
  return s.n == k && memcmp(s.p, lit, k) == 0;
}

static void span_copy(span s, char *out, size_t size) {
  /* trimmed, lower case */
  while (s.n && is_space(*s.p)) {
    s.p++;
    s.n--;
  }
  while (s.n && is_space(s.p[s.n - 1]))
    s.n--;
  size_t k = s.n < size - 1 ? s.n : size - 1;
  for (size_t i = 0; i < k; i++) {
    char c = s.p[i];
    out[i] = (char)(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
  }
  out[k] = '\0';
}

/* The value of a property in style="a: b; c: d". */
static int style_get(span style, const char *prop, span *out) {
  const char *p = style.p, *end = style.p + style.n;
  size_t k = strlen(prop);
  while (p < end) {
    while (p < end && (is_space(*p) || *p == ';'))
      p++;
    const char *n0 = p;
    while (p < end && *p != ':' && *p != ';')
      p++;
    const char *n1 = p;
    while (n1 > n0 && is_space(n1[-1]))
      n1--;
    if (p >= end || *p != ':') {
      continue;
    }
    p++;
    const char *v0 = p;
    while (p < end && *p != ';')
      p++;
    if ((size_t)(n1 - n0) == k && memcmp(n0, prop, k) == 0) {
      out->p = v0;
      out->n = (size_t)(p - v0);
      return 1;
    }
  }
  return 0;
}

static int parse_transform(rd *r, span s, mat *out) {
  const char *p = s.p, *end = s.p + s.n;
  mat m = identity;
  for (;;) {
    p = skip_sep(p, end);
    if (p >= end)
      break;
    const char *n0 = p;
    while (p < end && ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z')))
      p++;
    span name = {n0, (size_t)(p - n0)};
    while (p < end && is_space(*p))
      p++;
    if (p >= end || *p != '(')
      return fail(r, n0, "bad transform attribute");
    p++;
    double v[6];
    int nv = 0;
    for (;;) {
      p = skip_sep(p, end);
      if (p < end && *p == ')') {
        p++;
        break;
      }
      double x;
      size_t k = p < end ? scan_num(p, end, &x, NULL) : 0;
      if (!k || nv == 6)
        return fail(r, n0, "bad transform attribute");
      v[nv++] = x;
      p += k;
    }
    mat t = identity;
    const double rad = 3.14159265358979323846 / 180.0;
    if (span_eq(name, "matrix") && nv == 6) {
      t.a = v[0];
      t.b = v[1];
      t.c = v[2];
      t.d = v[3];
      t.e = v[4];
      t.f = v[5];
    } else if (span_eq(name, "translate") && (nv == 1 || nv == 2)) {
      t.e = v[0];
      t.f = nv == 2 ? v[1] : 0;
    } else if (span_eq(name, "scale") && (nv == 1 || nv == 2)) {
      t.a = v[0];
      t.d = nv == 2 ? v[1] : v[0];
    } else if (span_eq(name, "rotate") && (nv == 1 || nv == 3)) {
      double c = cos(v[0] * rad), sn = sin(v[0] * rad);
      mat rot = {c, sn, -sn, c, 0, 0};
      if (nv == 3) {
        mat t1 = identity, t2 = identity;
        t1.e = v[1];
        t1.f = v[2];
        t2.e = -v[1];
        t2.f = -v[2];
        t = mat_mul(mat_mul(t1, rot), t2);
      } else {
        t = rot;
      }
    } else if (span_eq(name, "skewX") && nv == 1) {
      t.c = tan(v[0] * rad);
    } else if (span_eq(name, "skewY") && nv == 1) {
      t.b = tan(v[0] * rad);
    } else {
      return fail(r, n0, "unsupported transform '%.*s' with %d values",
                  (int)(name.n > 20 ? 20 : name.n), name.p, nv);
    }
    m = mat_mul(m, t);
  }
  for (int i = 0; i < 6; i++) {
    double x = i == 0   ? m.a
               : i == 1 ? m.b
               : i == 2 ? m.c
               : i == 3 ? m.d
               : i == 4 ? m.e
                        : m.f;
    if (!isfinite(x))
      return fail(r, s.p, "transform out of range");
  }
  *out = m;
  return 0;
}

/* ---- geometry -------------------------------------------------------------
 */

static int add_point(rd *r, const mat *m, double x, double y) {
  if (grow(r, (void **)&r->px, &r->capx, r->np + 1, sizeof *r->px) ||
      grow(r, (void **)&r->py, &r->capy, r->np + 1, sizeof *r->py))
    return -1;
  double X = m->a * x + m->c * y + m->e, Y = m->b * x + m->d * y + m->f;
  if (!isfinite(X) || !isfinite(Y))
    return fail(r, NULL, "coordinate out of range");
  r->px[r->np] = X;
  r->py[r->np] = Y;
  r->np++;
  return 0;
}

static int start_sub(rd *r) {
  if (grow(r, (void **)&r->sub, &r->capsub, 2 * (r->nsub + 1), sizeof *r->sub))
    return -1;
  r->sub[2 * r->nsub] = r->np;
  r->sub[2 * r->nsub + 1] = 0;
  r->nsub++;
  return 0;
}

static void end_sub(rd *r) {
  if (r->nsub)
    r->sub[2 * r->nsub - 1] = r->np - r->sub[2 * r->nsub - 2];
}

/* Path data: M L H V Z (absolute and relative); any curve command marks the
 * path as curved (it is then no step function). */
static int parse_d(rd *r, span d, const mat *m, poly *pl, const char *at) {
  const char *p = d.p, *end = d.p + d.n;
  double cx = 0, cy = 0, sx = 0, sy = 0; /* current and subpath start */
  char cmd = 0;
  int open = 0;
  for (;;) {
    p = skip_sep(p, end);
    if (p >= end)
      break;
    char c = *p;
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) {
      cmd = c;
      p++;
      if (c == 'Z' || c == 'z') {
        if (open && (cx != sx || cy != sy)) {
          if (add_point(r, m, sx, sy))
            return -1;
        }
        cx = sx;
        cy = sy;
        if (open)
          end_sub(r);
        open = 0;
        cmd = 0;
        continue;
      }
      if (!strchr("MmLlHhVv", c)) {
        if (!strchr("CcSsQqTtAa", c))
          return fail(r, at, "unknown path command '%c'", c);
        pl->curved = 1;
        return 0;
      }
      continue;
    }
    if (!cmd)
      return fail(r, at, "path data without a command");
    double v[2];
    int dec;
    int need = (cmd == 'H' || cmd == 'h' || cmd == 'V' || cmd == 'v') ? 1 : 2;
    for (int i = 0; i < need; i++) {
      p = skip_sep(p, end);
      size_t k = p < end ? scan_num(p, end, &v[i], &dec) : 0;
      if (!k)
        return fail(r, at, "bad number in path data");
      if (dec > r->dec)
        r->dec = dec;
      if (fabs(v[i] * 256 - nearbyint(v[i] * 256)) > 1e-3)
        r->off256 = 1;
      p += k;
    }
    int rel = cmd >= 'a';
    switch (cmd) {
    case 'M':
    case 'm':
      if (open)
        end_sub(r);
      cx = rel ? cx + v[0] : v[0];
      cy = rel ? cy + v[1] : v[1];
      sx = cx;
      sy = cy;
      if (start_sub(r) || add_point(r, m, cx, cy))
        return -1;
      open = 1;
      cmd = rel ? 'l' : 'L'; /* further pairs are lines */
      continue;
    case 'L':
    case 'l':
      cx = rel ? cx + v[0] : v[0];
      cy = rel ? cy + v[1] : v[1];
      break;
    case 'H':
    case 'h':
      cx = rel ? cx + v[0] : v[0];
      break;
    case 'V':
    case 'v':
      cy = rel ? cy + v[0] : v[0];
      break;
    default:
      break;
    }
    if (!isfinite(cx) || !isfinite(cy))
      return fail(r, at, "coordinate out of range");
    if (!open) { /* after Z, drawing goes on from the subpath's start */
      if (start_sub(r) || add_point(r, m, sx, sy))
        return -1;
      open = 1;
    }
    if (add_point(r, m, cx, cy))
      return -1;
  }
  if (open)
    end_sub(r);
  return 0;
}

/* ---- the XML scan ---------------------------------------------------------
 */

typedef struct attrs {
  span name[64], value[64];
  int n;
} attrs;

static int attr(const attrs *a, const char *name, span *out) {
  for (int i = 0; i < a->n; i++)
    if (span_eq(a->name[i], name)) {
      *out = a->value[i];
      return 1;
    }
  return 0;
}

/* A presentation property: style wins over the attribute. */
static int prop(const attrs *a, const char *name, span *out) {
  span st;
  if (attr(a, "style", &st) && style_get(st, name, out))
    return 1;
  return attr(a, name, out);
}

static int attr_num(rd *r, const attrs *a, const char *name, double *v,
                    const char *at) {
  span s;
  if (!attr(a, name, &s)) {
    *v = 0;
    return 0;
  }
  const char *p = skip_sep(s.p, s.p + s.n);
  int dec;
  size_t k = p < s.p + s.n ? scan_num(p, s.p + s.n, v, &dec) : 0;
  if (!k)
    return fail(r, at, "bad number in attribute %s", name);
  if (dec > r->dec)
    r->dec = dec;
  return 0;
}

static int new_poly(rd *r, const frame *f, const attrs *a, long line,
                    poly **out) {
  if (grow(r, (void **)&r->poly, &r->cappoly, r->npoly + 1, sizeof *r->poly))
    return -1;
  poly *pl = &r->poly[r->npoly];
  memset(pl, 0, sizeof *pl);
  pl->off = r->np;
  pl->sub0 = r->nsub;
  pl->line = line;
  span s;
  char fill[64];
  snprintf(pl->stroke, sizeof pl->stroke, "%s", f->stroke);
  snprintf(fill, sizeof fill, "%s", f->fill);
  int dashed = f->dashed;
  if (prop(a, "stroke", &s))
    span_copy(s, pl->stroke, sizeof pl->stroke);
  if (prop(a, "fill", &s))
    span_copy(s, fill, sizeof fill);
  if (prop(a, "stroke-dasharray", &s)) {
    char v[64];
    span_copy(s, v, sizeof v);
    dashed = v[0] != '\0' && strcmp(v, "none") != 0;
  }
  pl->filled = strcmp(fill, "none") != 0; /* SVG's default fill is black */
  pl->dashed = dashed;
  const mat *m = &f->m;
  double sc = fabs(m->a);
  if (fabs(m->b) > sc)
    sc = fabs(m->b);
  if (fabs(m->c) > sc)
    sc = fabs(m->c);
  if (fabs(m->d) > sc)
    sc = fabs(m->d);
  pl->scale = sc;
  r->npoly++;
  *out = pl;
  return 0;
}

static void close_poly(rd *r, poly *pl) {
  pl->n = r->np - pl->off;
  pl->nsub = r->nsub - pl->sub0;
}

static int element(rd *r, span name, const attrs *a, int selfclose,
                   const char *at) {
  if (r->depth >= MAX_DEPTH)
    return fail(r, at, "elements nested more than %d deep", MAX_DEPTH);
  frame *parent = r->depth ? &r->st[r->depth - 1] : NULL;
  frame f;
  if (parent)
    f = *parent;
  else {
    memset(&f, 0, sizeof f);
    f.m = identity;
    snprintf(f.stroke, sizeof f.stroke, "none");
    snprintf(f.fill, sizeof f.fill, "black");
  }
  snprintf(f.name, sizeof f.name, "%.*s", (int)(name.n > 15 ? 15 : name.n),
           name.p);
  span s;
  if (attr(a, "transform", &s)) {
    mat t = identity;
    if (parse_transform(r, s, &t))
      return -1;
    f.m = mat_mul(f.m, t);
  }
  static const char *const hidden[] = {"defs",    "clipPath", "symbol",  "mask",
                                       "pattern", "marker",   "metadata"};
  for (size_t i = 0; i < sizeof hidden / sizeof hidden[0]; i++)
    if (span_eq(name, hidden[i]))
      f.skip = 1;
  if (prop(a, "stroke", &s))
    span_copy(s, f.stroke, sizeof f.stroke);
  if (prop(a, "fill", &s))
    span_copy(s, f.fill, sizeof f.fill);
  if (prop(a, "stroke-dasharray", &s)) {
    char v[64];
    span_copy(s, v, sizeof v);
    f.dashed = v[0] != '\0' && strcmp(v, "none") != 0;
  }
  long line = line_of(r, at);
  if (!f.skip && (span_eq(name, "path") || span_eq(name, "line") ||
                  span_eq(name, "polyline") || span_eq(name, "polygon"))) {
    poly *pl;
    if (new_poly(r, &f, a, line, &pl))
      return -1;
    if (span_eq(name, "path")) {
      if (attr(a, "d", &s) && parse_d(r, s, &f.m, pl, at))
        return -1;
    } else if (span_eq(name, "line")) {
      double x1, y1, x2, y2;
      if (attr_num(r, a, "x1", &x1, at) || attr_num(r, a, "y1", &y1, at) ||
          attr_num(r, a, "x2", &x2, at) || attr_num(r, a, "y2", &y2, at) ||
          start_sub(r) || add_point(r, &f.m, x1, y1) ||
          add_point(r, &f.m, x2, y2))
        return -1;
      end_sub(r);
    } else if (attr(a, "points", &s)) {
      const char *p = s.p, *end = s.p + s.n;
      if (start_sub(r))
        return -1;
      for (;;) {
        p = skip_sep(p, end);
        if (p >= end)
          break;
        double x, y;
        int dec;
        size_t k = scan_num(p, end, &x, &dec);
        if (!k)
          return fail(r, at, "bad number in points");
        p = skip_sep(p + k, end);
        size_t k2 = p < end ? scan_num(p, end, &y, &dec) : 0;
        if (!k2)
          return fail(r, at, "odd number of coordinates in points");
        if (dec > r->dec)
          r->dec = dec;
        p += k2;
        if (add_point(r, &f.m, x, y))
          return -1;
      }
      if (span_eq(name, "polygon") && r->np > r->sub[2 * r->nsub - 2]) {
        size_t s0 = r->sub[2 * r->nsub - 2];
        double x0 = r->px[s0], y0 = r->py[s0];
        if (add_point(r, &identity, x0, y0))
          return -1;
      }
      end_sub(r);
    }
    close_poly(r, pl);
  }
  if (!f.skip && span_eq(name, "text") && !selfclose) {
    if (grow(r, (void **)&r->text, &r->captext, r->ntext + 1, sizeof *r->text))
      return -1;
    text *t = &r->text[r->ntext];
    memset(t, 0, sizeof *t);
    double x = 0, y = 0;
    span xs;
    /* x and y may be lists (one per glyph): the first value */
    if (attr(a, "x", &xs)) {
      const char *p = skip_sep(xs.p, xs.p + xs.n);
      if (p < xs.p + xs.n && !scan_num(p, xs.p + xs.n, &x, NULL))
        return fail(r, at, "bad number in attribute x");
    }
    if (attr(a, "y", &xs)) {
      const char *p = skip_sep(xs.p, xs.p + xs.n);
      if (p < xs.p + xs.n && !scan_num(p, xs.p + xs.n, &y, NULL))
        return fail(r, at, "bad number in attribute y");
    }
    t->x = f.m.a * x + f.m.c * y + f.m.e;
    t->y = f.m.b * x + f.m.d * y + f.m.f;
    if (!isfinite(t->x) || !isfinite(t->y))
      return fail(r, at, "coordinate out of range");
    snprintf(t->fill, sizeof t->fill, "%s", f.fill);
    t->line = line;
    r->in_text = r->depth + 1; /* collect until this element closes */
    r->tlen = 0;
  }
  if (!selfclose)
    r->st[r->depth++] = f;
  return 0;
}

static void text_done(rd *r) {
  text *t = &r->text[r->ntext];
  r->tbuf[r->tlen] = '\0';
  const char *p = r->tbuf, *end = r->tbuf + r->tlen;
  while (p < end && is_space(*p))
    p++;
  while (end > p && is_space(end[-1]))
    end--;
  double v;
  size_t k = p < end ? scan_num(p, end, &v, NULL) : 0;
  t->numeric = k > 0 && p + k == end;
  t->val = t->numeric ? v : NAN;
  r->ntext++;
  r->in_text = 0;
}

static int scan(rd *r) {
  const char *p = r->buf, *end = r->end;
  int seen_root = 0;
  while (p < end && !r->failed) {
    if (*p != '<') {
      const char *q = memchr(p, '<', (size_t)(end - p));
      if (!q)
        q = end;
      if (r->in_text) {
        for (const char *c = p; c < q && r->tlen < sizeof r->tbuf - 1; c++)
          r->tbuf[r->tlen++] = *c;
      } else if (!r->depth) {
        for (const char *c = p; c < q; c++)
          if (!is_space(*c))
            return fail(r, c, "text outside the root element");
      }
      p = q;
      continue;
    }
    const char *at = p;
    if (end - p >= 4 && memcmp(p, "<!--", 4) == 0) {
      const char *q = p + 4;
      while (q + 3 <= end && memcmp(q, "-->", 3) != 0)
        q++;
      if (q + 3 > end)
        return fail(r, at, "unterminated comment");
      p = q + 3;
      continue;
    }
    if (end - p >= 9 && memcmp(p, "<![CDATA[", 9) == 0) {
      const char *q = p + 9;
      while (q + 3 <= end && memcmp(q, "]]>", 3) != 0)
        q++;
      if (q + 3 > end)
        return fail(r, at, "unterminated CDATA section");
      if (r->in_text)
        for (const char *c = p + 9; c < q && r->tlen < sizeof r->tbuf - 1; c++)
          r->tbuf[r->tlen++] = *c;
      p = q + 3;
      continue;
    }
    if (end - p >= 2 && (p[1] == '?' || p[1] == '!')) {
      /* processing instruction or declaration (a DOCTYPE's internal subset
       * in brackets is skipped whole) */
      int br = 0;
      const char *q = p + 2;
      for (; q < end; q++) {
        if (*q == '[')
          br++;
        else if (*q == ']' && br > 0)
          br--;
        else if (*q == '>' && br == 0)
          break;
      }
      if (q >= end)
        return fail(r, at, "unterminated <%c", p[1]);
      p = q + 1;
      continue;
    }
    int closing = end - p >= 2 && p[1] == '/';
    p += closing ? 2 : 1;
    const char *n0 = p;
    while (p < end && !is_space(*p) && *p != '>' && *p != '/' && *p != '=')
      p++;
    span name = {n0, (size_t)(p - n0)};
    if (name.n == 0)
      return fail(r, at, "'<' not followed by an element name");
    if (closing) {
      while (p < end && is_space(*p))
        p++;
      if (p >= end || *p != '>')
        return fail(r, at, "malformed closing tag");
      p++;
      if (r->depth == 0)
        return fail(r, at, "closing tag </%.*s> without an opening one",
                    (int)(name.n > 20 ? 20 : name.n), name.p);
      const frame *top = &r->st[r->depth - 1];
      if (strlen(top->name) != (name.n > 15 ? 15 : name.n) ||
          strncmp(top->name, name.p, strlen(top->name)) != 0)
        return fail(r, at, "</%.*s> closes <%s>",
                    (int)(name.n > 20 ? 20 : name.n), name.p, top->name);
      if (r->in_text == r->depth)
        text_done(r);
      r->depth--;
      continue;
    }
    attrs a;
    a.n = 0;
    int selfclose = 0;
    for (;;) {
      while (p < end && is_space(*p))
        p++;
      if (p >= end)
        return fail(r, at, "unterminated tag");
      if (*p == '>') {
        p++;
        break;
      }
      if (*p == '/') {
        if (p + 1 < end && p[1] == '>') {
          selfclose = 1;
          p += 2;
          break;
        }
        return fail(r, p, "stray '/' in a tag");
      }
      const char *a0 = p;
      while (p < end && !is_space(*p) && *p != '=' && *p != '>' && *p != '/')
        p++;
      span an = {a0, (size_t)(p - a0)};
      if (an.n == 0)
        return fail(r, p, "malformed attribute");
      while (p < end && is_space(*p))
        p++;
      if (p >= end || *p != '=')
        return fail(r, a0, "attribute without a value");
      p++;
      while (p < end && is_space(*p))
        p++;
      if (p >= end || (*p != '"' && *p != '\''))
        return fail(r, a0, "attribute value not in quotes");
      char qc = *p++;
      const char *v0 = p;
      const char *q = memchr(p, qc, (size_t)(end - p));
      if (!q)
        return fail(r, a0, "unterminated attribute value");
      p = q + 1;
      if (a.n < 64) {
        a.name[a.n] = an;
        a.value[a.n].p = v0;
        a.value[a.n].n = (size_t)(q - v0);
        a.n++;
      }
    }
    if (r->depth == 0) {
      if (seen_root)
        return fail(r, at, "more than one root element");
      seen_root = 1;
      if (!span_eq(name, "svg"))
        return fail(r, at, "the root element is <%.*s>, not <svg>",
                    (int)(name.n > 20 ? 20 : name.n), name.p);
    }
    if (element(r, name, &a, selfclose, at))
      return -1;
  }
  if (r->failed)
    return -1;
  if (!seen_root)
    return fail(r, NULL, "no <svg> element");
  if (r->depth)
    return fail(r, end, "<%s> not closed at the end of the file",
                r->st[r->depth - 1].name);
  return 0;
}

/* ---- analysis ---------------------------------------------------------------
 */

typedef struct tickset {
  double *pos; /* tick position on its axis (x for the x axis), ascending */
  double *val; /* its label value, NaN if none */
  size_t n;
  double lo, hi; /* the ticks' extent across the axis */
} tickset;

static int cmp_double(const void *a, const void *b) {
  double x = *(const double *)a, y = *(const double *)b;
  return x < y ? -1 : x > y;
}

static int cmp_seg_key(const void *a, const void *b) {
  const seg *x = a, *y = b;
  /* by the ends across the axis, then along it */
  double kx = x->vertical ? x->y0 : x->x0, ky = y->vertical ? y->y0 : y->x0;
  if (kx != ky)
    return kx < ky ? -1 : 1;
  double lx = x->vertical ? x->y1 : x->x1, ly = y->vertical ? y->y1 : y->x1;
  if (lx != ly)
    return lx < ly ? -1 : 1;
  double px = x->vertical ? x->x0 : x->y0, py = y->vertical ? y->x0 : y->y0;
  return px < py ? -1 : px > py;
}

/* Among segments s[0..n) of one orientation, sorted by cmp_seg_key, the
 * group (same ends across the axis) of at least two distinct positions that
 * lies lowest (vertical: largest y) or leftmost (horizontal: smallest x). */
static int find_ticks(rd *r, seg *s, size_t n, int vertical, tickset *t) {
  size_t best0 = 0, best1 = 0;
  double bestkey = vertical ? -INFINITY : INFINITY;
  for (size_t i = 0; i < n;) {
    size_t j = i + 1;
    while (j < n && cmp_seg_key(&s[i], &s[j]) <= 0 &&
           (vertical ? s[j].y0 == s[i].y0 && s[j].y1 == s[i].y1
                     : s[j].x0 == s[i].x0 && s[j].x1 == s[i].x1))
      j++;
    size_t distinct = 0;
    for (size_t q = i; q < j; q++)
      if (q == i ||
          (vertical ? s[q].x0 != s[q - 1].x0 : s[q].y0 != s[q - 1].y0))
        distinct++;
    double key = vertical ? s[i].y1 : s[i].x0;
    if (distinct >= 2 && (vertical ? key > bestkey : key < bestkey)) {
      bestkey = key;
      best0 = i;
      best1 = j;
    }
    i = j;
  }
  if (best1 == 0)
    return 0;
  t->pos = malloc((best1 - best0) * sizeof *t->pos);
  t->val = malloc((best1 - best0) * sizeof *t->val);
  if (!t->pos || !t->val)
    return fail(r, NULL, "out of memory");
  t->n = 0;
  for (size_t q = best0; q < best1; q++) {
    double pos = vertical ? s[q].x0 : s[q].y0;
    s[q].used = 1;
    if (t->n && t->pos[t->n - 1] == pos)
      continue;
    t->pos[t->n] = pos;
    t->val[t->n] = NAN;
    t->n++;
  }
  t->lo = vertical ? s[best0].y0 : s[best0].x0;
  t->hi = vertical ? s[best0].y1 : s[best0].x1;
  return 1;
}

/* Label the ticks from the numbers printed next to them. */
static void label_ticks(rd *r, tickset *t, int xaxis) {
  for (size_t i = 0; i < t->n; i++) {
    double best = INFINITY;
    size_t bj = 0;
    for (size_t j = 0; j < r->ntext; j++) {
      const text *tx = &r->text[j];
      if (!tx->numeric)
        continue;
      double along, across;
      if (xaxis) {
        across = tx->y - t->hi; /* below the tick */
        along = fabs(tx->x - t->pos[i]);
        if (across < 0 || across > 40 || along > 15)
          continue;
      } else {
        across = t->lo - tx->x; /* left of the tick */
        along = fabs(tx->y - t->pos[i]);
        if (across < 0 || across > 80 || along > 12)
          continue;
      }
      if (along + across * 1e-3 < best) {
        best = along + across * 1e-3;
        bj = j;
      }
    }
    if (best < INFINITY) {
      t->val[i] = r->text[bj].val;
      r->text[bj].used = 1;
    }
  }
}

typedef struct axis {
  double p0, v0, scale; /* value = v0 + (pos - p0) * scale */
} axis;

static int calibrate(rd *r, tickset *t, int have, double first, double last,
                     axis *ax, const char *what, const char *opt) {
  if (t->n < 2)
    return fail(r, NULL,
                "no tick marks found on the %s axis (short %s segments "
                "sharing their ends)",
                what, opt[2] == 'x' ? "vertical" : "horizontal");
  size_t i0, i1;
  double v0, v1;
  /* positions ascending: for the y axis the first tick in value is the
   * lowest, that is the largest y */
  if (have) {
    if (opt[2] == 'x') {
      i0 = 0;
      i1 = t->n - 1;
    } else {
      i0 = t->n - 1;
      i1 = 0;
    }
    v0 = first;
    v1 = last;
  } else {
    size_t a = t->n, b = t->n;
    for (size_t i = 0; i < t->n; i++)
      if (!isnan(t->val[i])) {
        if (a == t->n)
          a = i;
        b = i;
      }
    if (a == t->n || a == b)
      return fail(r, NULL,
                  "cannot read the %s axis: fewer than two tick labels are "
                  "numbers in <text> elements; give %s=FIRST,LAST",
                  what, opt);
    i0 = a;
    i1 = b;
    v0 = t->val[a];
    v1 = t->val[b];
  }
  if (t->pos[i0] == t->pos[i1] || v0 == v1)
    return fail(r, NULL, "degenerate %s axis", what);
  ax->p0 = t->pos[i0];
  ax->v0 = v0;
  ax->scale = (v1 - v0) / (t->pos[i1] - t->pos[i0]);
  if (!isfinite(ax->scale) || ax->scale == 0)
    return fail(r, NULL, "degenerate %s axis", what);
  /* every label must lie on the line (else a log or broken axis) */
  for (size_t i = 0; i < t->n; i++) {
    if (isnan(t->val[i]))
      continue;
    double pred = ax->v0 + (t->pos[i] - ax->p0) * ax->scale;
    if (fabs(pred - t->val[i]) > 0.005 * fabs(v1 - v0))
      return fail(r, NULL,
                  "the %s axis is not linear: tick label %g sits where %g "
                  "belongs",
                  what, t->val[i], pred);
  }
  return 0;
}

static double map(const axis *a, double pos) {
  return a->v0 + (pos - a->p0) * a->scale;
}

static int cmp_seg_mid(const void *a, const void *b) {
  const seg *x = a, *y = b;
  return x->mx < y->mx ? -1 : x->mx > y->mx;
}

static void curve_free(svgkm_curve *c) {
  free(c->t);
  free(c->cens);
  free(c->risk_t);
}

void svgkm_free(svgkm *k) {
  if (!k)
    return;
  for (size_t i = 0; i < k->ncurve; i++)
    curve_free(&k->curve[i]);
  free(k->curve);
  free(k);
}

/* Whether (t, s) lies on a curve: on its step at t, or on the drop at t
 * (R's plot.survfit puts the mark of a censoring at an event time halfway
 * down the drop). */
static int on_curve(const svgkm_curve *c, double t, double s, double tprec,
                    double sprec) {
  if (t > c->t[c->m - 1] + tprec || t < -tprec)
    return 0;
  double after = 1, before = 1;
  for (size_t i = 0; i < c->m && c->t[i] <= t + tprec; i++) {
    after = c->s[i];
    if (c->t[i] < t - tprec)
      before = c->s[i];
  }
  return s >= after - sprec && s <= before + sprec;
}

/* Whether polyline pl is a Kaplan-Meier step path: one subpath of at least
 * three points from (0, 1), each segment horizontal going right or vertical
 * going down, with at least one of each, not the plot's L-shaped frame. */
static int is_step(const rd *r, const svgkm *k, const poly *pl, const axis *X,
                   const axis *Y) {
  if (pl->curved || pl->filled || pl->nsub != 1 ||
      strcmp(pl->stroke, "none") == 0 || pl->n < 3)
    return 0;
  double sc = pl->scale > 0 ? pl->scale : 1;
  double tp = k->t_prec * sc * 2, sp = k->s_prec * sc * 2;
  size_t s0 = r->sub[2 * pl->sub0], n = r->sub[2 * pl->sub0 + 1];
  int ok = n >= 3, drops = 0, flat = 0;
  double t0 = map(X, r->px[s0]), v0 = map(Y, r->py[s0]);
  if (!(fabs(t0) <= tp && fabs(v0 - 1) <= sp))
    ok = 0;
  for (size_t i = 1; ok && i < n; i++) {
    double xa = r->px[s0 + i - 1], ya = r->py[s0 + i - 1];
    double xb = r->px[s0 + i], yb = r->py[s0 + i];
    if (xa != xb && ya != yb) {
      ok = 0;
      break;
    }
    double ta = map(X, xa), tb = map(X, xb), sa = map(Y, ya), sb = map(Y, yb);
    if (tb < ta || sb > sa)
      ok = 0;
    if (sb < sa)
      drops++;
    if (tb > ta)
      flat++;
  }
  if (!ok || drops == 0 || flat == 0)
    return 0;
  /* the L-shaped frame of a plot: straight down to 0 at time 0 */
  return !(fabs(map(X, r->px[s0 + 1])) <= tp && map(Y, r->py[s0 + 1]) <= sp);
}

static int analyse(rd *r, const svgkm_axes *ax, svgkm **out) {
  seg *sg = NULL;
  size_t nsg = 0, capsg = 0;
  tickset tx = {0}, ty = {0};
  svgkm *k = calloc(1, sizeof *k);
  char *step = NULL;
  int rc = -1;
  if (!k) {
    fail(r, NULL, "out of memory");
    goto done;
  }
  /* short axis-parallel segments */
  for (size_t q = 0; q < r->npoly; q++) {
    const poly *pl = &r->poly[q];
    if (pl->curved)
      continue;
    for (size_t u = 0; u < pl->nsub; u++) {
      size_t s0 = r->sub[2 * (pl->sub0 + u)],
             n = r->sub[2 * (pl->sub0 + u) + 1];
      if (n != 2)
        continue;
      double x0 = r->px[s0], y0 = r->py[s0], x1 = r->px[s0 + 1],
             y1 = r->py[s0 + 1];
      int vert = x0 == x1 && y0 != y1, hor = y0 == y1 && x0 != x1;
      if (!vert && !hor)
        continue;
      double len = vert ? fabs(y1 - y0) : fabs(x1 - x0);
      if (len > TICK_MAX_PX)
        continue;
      if (grow(r, (void **)&sg, &capsg, nsg + 1, sizeof *sg))
        goto done;
      seg *e = &sg[nsg++];
      e->x0 = x0 < x1 ? x0 : x1;
      e->x1 = x0 < x1 ? x1 : x0;
      e->y0 = y0 < y1 ? y0 : y1;
      e->y1 = y0 < y1 ? y1 : y0;
      e->mx = (x0 + x1) / 2;
      e->my = (y0 + y1) / 2;
      e->len = len;
      e->poly = q;
      e->vertical = vert;
      e->used = 0;
    }
  }
  /* vertical ones first, then horizontal; each sorted by its key */
  size_t nv = 0;
  for (size_t i = 0; i < nsg; i++)
    if (sg[i].vertical) {
      seg z = sg[nv];
      sg[nv] = sg[i];
      sg[i] = z;
      nv++;
    }
  /* qsort on a NULL array is undefined even with 0 elements (UBSan) */
  if (nv > 1)
    qsort(sg, nv, sizeof *sg, cmp_seg_key);
  if (nsg - nv > 1)
    qsort(sg + nv, nsg - nv, sizeof *sg, cmp_seg_key);
  if (find_ticks(r, sg, nv, 1, &tx) < 0 ||
      find_ticks(r, sg + nv, nsg - nv, 0, &ty) < 0)
    goto done;
  if (tx.n > 1000 || ty.n > 1000) {
    fail(r, NULL, "more than 1000 tick marks on an axis");
    goto done;
  }
  /* labels are read even when the caller gives the values, so that they are
   * not taken for a number-at-risk row */
  label_ticks(r, &tx, 1);
  label_ticks(r, &ty, 0);
  axis X, Y;
  if (calibrate(r, &tx, ax->have_x, ax->x_first, ax->x_last, &X, "x",
                "--x-axis") ||
      calibrate(r, &ty, ax->have_y, ax->y_first, ax->y_last, &Y, "y",
                "--y-axis"))
    goto done;
  /* cairo (R's svg() device) keeps coordinates in 24.8 fixed point and
   * prints 6 decimals: its precision is half of 1/256 */
  double prec_px = 0.5 * pow(10.0, -(double)r->dec);
  if (!r->off256 && r->dec >= 4)
    prec_px = 0.5 / 256;
  k->t_prec = prec_px * fabs(X.scale);
  k->s_prec = prec_px * fabs(Y.scale);

  /* curves: the step paths; a dashed one only when no solid step path has
   * its colour (R's dashed confidence limits beside their solid curve are
   * not curves; a dashed curve of its own colour is) */
  step = calloc(r->npoly ? r->npoly : 1, 1);
  if (!step) {
    fail(r, NULL, "out of memory");
    goto done;
  }
  for (size_t q = 0; q < r->npoly; q++)
    step[q] = (char)is_step(r, k, &r->poly[q], &X, &Y);
  for (size_t q = 0; q < r->npoly; q++) {
    const poly *pl = &r->poly[q];
    if (!step[q])
      continue;
    int solid_twin = 0;
    for (size_t p = 0; pl->dashed && p < r->npoly && !solid_twin; p++)
      solid_twin = step[p] && !r->poly[p].dashed &&
                   strcmp(r->poly[p].stroke, pl->stroke) == 0;
    if (solid_twin)
      continue;
    double sc = pl->scale > 0 ? pl->scale : 1;
    double tp = k->t_prec * sc * 2, sp = k->s_prec * sc * 2;
    size_t s0 = r->sub[2 * pl->sub0], n = r->sub[2 * pl->sub0 + 1];
    svgkm_curve *nc = realloc(k->curve, (k->ncurve + 1) * sizeof *nc);
    if (!nc) {
      fail(r, NULL, "out of memory");
      goto done;
    }
    k->curve = nc;
    svgkm_curve *c = &k->curve[k->ncurve];
    memset(c, 0, sizeof *c);
    c->t = malloc(2 * n * sizeof *c->t);
    if (!c->t) {
      fail(r, NULL, "out of memory");
      goto done;
    }
    k->ncurve++;
    c->s = c->t + n;
    c->m = n;
    for (size_t i = 0; i < n; i++) {
      double t = map(&X, r->px[s0 + i]), s = map(&Y, r->py[s0 + i]);
      if (fabs(t) <= tp)
        t = 0;
      if (fabs(s - 1) <= sp)
        s = 1;
      if (fabs(s) <= sp)
        s = 0;
      c->t[i] = t < 0 ? 0 : t;
      c->s[i] = s < 0 ? 0 : s > 1 ? 1 : s;
    }
    snprintf(c->color, sizeof c->color, "%s", pl->stroke);
    c->line = pl->line;
  }
  if (k->ncurve == 0) {
    fail(r, NULL,
         "no Kaplan-Meier curve found (a stroked path of horizontal and "
         "vertical segments going right and down from time 0, survival 1)");
    goto done;
  }

  /* censoring marks: '+' = a vertical and a horizontal segment sharing
   * their midpoint, not ticks */
  {
    seg *hs = sg + nv;
    size_t nh = nsg - nv;
    qsort(hs, nh, sizeof *hs, cmp_seg_mid);
    double tolpx = 4 * prec_px + 1e-9;
    for (size_t i = 0; i < nv; i++) {
      seg *v = &sg[i];
      if (v->used)
        continue;
      /* first horizontal with mx >= v->mx - tolpx */
      size_t L = 0, H = nh;
      while (L < H) {
        size_t mid = L + (H - L) / 2;
        if (hs[mid].mx < v->mx - tolpx)
          L = mid + 1;
        else
          H = mid;
      }
      for (size_t j = L; j < nh && hs[j].mx <= v->mx + tolpx; j++) {
        seg *h = &hs[j];
        if (h->used || fabs(h->my - v->my) > tolpx ||
            fabs(h->len - v->len) > tolpx)
          continue;
        h->used = v->used = 1;
        /* the centre: each segment's ends were rounded on their own */
        double t = map(&X, (v->mx + h->mx) / 2),
               s = map(&Y, (v->my + h->my) / 2);
        const char *col = r->poly[v->poly].stroke;
        for (size_t c = 0; c < k->ncurve; c++) {
          svgkm_curve *cv = &k->curve[c];
          if (cv->color[0] && col[0] && strcmp(col, "none") != 0 &&
              strcmp(cv->color, col) != 0)
            continue;
          if (!on_curve(cv, t, s, 2 * k->t_prec, 6 * k->s_prec + 1e-12))
            continue;
          /* snap to a corner's time printed from the same value */
          for (size_t u = 0; u < cv->m; u++)
            if (fabs(cv->t[u] - t) <= 2 * k->t_prec) {
              t = cv->t[u];
              break;
            }
          double *nc = realloc(cv->cens, (cv->nc + 1) * sizeof *nc);
          if (!nc) {
            fail(r, NULL, "out of memory");
            goto done;
          }
          cv->cens = nc;
          cv->cens[cv->nc++] = t < 0 ? 0 : t;
          break;
        }
        break;
      }
    }
    for (size_t c = 0; c < k->ncurve; c++)
      if (k->curve[c].nc)
        qsort(k->curve[c].cens, k->curve[c].nc, sizeof(double), cmp_double);
  }

  /* number-at-risk rows: numbers at the x ticks' positions, below the tick
   * labels, one row per distinct y */
  {
    double label_y = -INFINITY;
    for (size_t j = 0; j < r->ntext; j++)
      if (r->text[j].used && r->text[j].y > tx.hi && r->text[j].y > label_y)
        label_y = r->text[j].y;
    if (label_y == -INFINITY)
      label_y = tx.hi;
    size_t row = 0;
    double done_y = -INFINITY;
    for (;;) {
      double y = INFINITY; /* the next row below done_y */
      for (size_t j = 0; j < r->ntext; j++) {
        const text *t = &r->text[j];
        if (t->numeric && !t->used && t->y > label_y && t->y > done_y &&
            t->y < y)
          y = t->y;
      }
      if (y == INFINITY)
        break;
      done_y = y;
      size_t cnt = 0, bad = 0;
      for (size_t j = 0; j < r->ntext; j++) {
        const text *t = &r->text[j];
        if (!t->numeric || t->used || t->y != y)
          continue;
        int at_tick = 0;
        for (size_t u = 0; u < tx.n; u++)
          if (fabs(t->x - tx.pos[u]) <= 1.0)
            at_tick = 1;
        if (at_tick && t->val >= 0 && t->val == floor(t->val))
          cnt++;
        else
          bad++;
      }
      if (cnt < 2 || bad)
        continue;
      /* whose row: the colour of the name printed left of it */
      const char *colour = "";
      double best_x = INFINITY;
      for (size_t j = 0; j < r->ntext; j++) {
        const text *t = &r->text[j];
        if (!t->numeric && t->y == y && t->x < tx.pos[0] && t->x < best_x) {
          best_x = t->x;
          colour = t->fill;
        }
      }
      svgkm_curve *cv = NULL;
      for (size_t c = 0; c < k->ncurve && !cv; c++)
        if (colour[0] && strcmp(k->curve[c].color, colour) == 0 &&
            !k->curve[c].nr)
          cv = &k->curve[c];
      if (!cv && row < k->ncurve && !k->curve[row].nr)
        cv = &k->curve[row];
      row++;
      if (!cv)
        continue;
      cv->risk_t = malloc(2 * cnt * sizeof *cv->risk_t);
      if (!cv->risk_t) {
        fail(r, NULL, "out of memory");
        goto done;
      }
      cv->n_risk = cv->risk_t + cnt;
      for (size_t j = 0; j < r->ntext; j++) {
        const text *t = &r->text[j];
        if (!t->numeric || t->used || t->y != y)
          continue;
        size_t u = 0;
        while (u < tx.n && fabs(t->x - tx.pos[u]) > 1.0)
          u++;
        double tt =
            !isnan(tx.val[u]) && !ax->have_x ? tx.val[u] : map(&X, tx.pos[u]);
        /* insertion in time order */
        size_t w = cv->nr;
        while (w > 0 && cv->risk_t[w - 1] > tt) {
          cv->risk_t[w] = cv->risk_t[w - 1];
          cv->n_risk[w] = cv->n_risk[w - 1];
          w--;
        }
        cv->risk_t[w] = tt;
        cv->n_risk[w] = t->val;
        cv->nr++;
      }
      for (size_t w = 1; w < cv->nr; w++)
        if (cv->risk_t[w] == cv->risk_t[w - 1]) {
          fail(r, NULL, "two numbers at risk at one time in the row at y = %g",
               y);
          goto done;
        }
    }
  }
  *out = k;
  k = NULL;
  rc = 0;
done:
  svgkm_free(k);
  free(step);
  free(sg);
  free(tx.pos);
  free(tx.val);
  free(ty.pos);
  free(ty.val);
  return rc;
}

int svgkm_read_mem(const char *buf, size_t len, const char *name,
                   const svgkm_axes *axes, svgkm **out, char *err,
                   size_t errlen) {
  static const svgkm_axes none = {0, 0, 0, 0, 0, 0};
  rd *r = calloc(1, sizeof *r);
  if (!r) {
    snprintf(err, errlen, "%s: out of memory", name);
    return -1;
  }
  r->buf = buf;
  r->end = buf + len;
  r->name = name;
  r->lpos = buf;
  r->lline = 1;
  r->err = err;
  r->errlen = errlen;
  if (errlen)
    err[0] = '\0';
  int rc = -1;
  if (memchr(buf, '\0', len))
    fail(r, memchr(buf, '\0', len), "NUL byte in the file");
  else if (scan(r) == 0)
    rc = analyse(r, axes ? axes : &none, out);
  free(r->px);
  free(r->py);
  free(r->sub);
  free(r->poly);
  free(r->text);
  free(r);
  return rc;
}

int svgkm_read(const char *path, const svgkm_axes *axes, svgkm **out, char *err,
               size_t errlen) {
  int is_stdin = strcmp(path, "-") == 0;
  const char *name = is_stdin ? "<stdin>" : path;
  FILE *f = is_stdin ? stdin : fopen(path, "rb");
  if (!f) {
    snprintf(err, errlen, "%s: %s", name, strerror(errno));
    return -1;
  }
  char *buf = NULL;
  size_t len = 0, cap = 0;
  for (;;) {
    if (len == cap) {
      size_t nc = cap ? 2 * cap : 65536;
      if (nc > MAX_BYTES + 1)
        nc = MAX_BYTES + 1;
      if (nc == cap) {
        snprintf(err, errlen, "%s: larger than %zu bytes", name, MAX_BYTES);
        free(buf);
        if (!is_stdin)
          fclose(f);
        return -1;
      }
      char *b = realloc(buf, nc);
      if (!b) {
        snprintf(err, errlen, "%s: out of memory", name);
        free(buf);
        if (!is_stdin)
          fclose(f);
        return -1;
      }
      buf = b;
      cap = nc;
    }
    size_t k = fread(buf + len, 1, cap - len, f);
    len += k;
    if (k == 0)
      break;
  }
  int bad = ferror(f);
  if (!is_stdin)
    fclose(f);
  if (bad) {
    snprintf(err, errlen, "%s: read error", name);
    free(buf);
    return -1;
  }
  if (len > MAX_BYTES) {
    snprintf(err, errlen, "%s: larger than %zu bytes", name, MAX_BYTES);
    free(buf);
    return -1;
  }
  int rc = svgkm_read_mem(buf ? buf : "", len, name, axes, out, err, errlen);
  free(buf);
  return rc;
}
