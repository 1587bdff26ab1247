/* Diagnostics outputs of surv-cox: residual and cox.zph tables, and the zph
 * plots as SVG. See coxdiag.h and surv-cox(1). */
#include "coxdiag.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

static const char *const rtypes[] = {"martingale", "deviance",  "score",
                                     "schoenfeld", "scaledsch", "dfbeta",
                                     "dfbetas"};
static const char *const ztrans[] = {"km", "rank", "identity", "log"};

int coxdiag_residual_type(const char *s) {
  for (int i = 0; i < 7; i++)
    if (strcmp(s, rtypes[i]) == 0)
      return i;
  return -1;
}

int coxdiag_zph_transform(const char *s) {
  for (int i = 0; i < 4; i++)
    if (strcmp(s, ztrans[i]) == 0)
      return i;
  return -1;
}

/* x as "%.15g", NaN as NA, infinities as R prints them. */
static void put_num(FILE *out, double x) {
  if (isnan(x))
    fputs("NA", out);
  else if (isinf(x))
    fputs(x > 0 ? "Inf" : "-Inf", out);
  else
    fprintf(out, "%.15g", x);
}

int coxdiag_print_residuals(FILE *out, const surv_result *fit,
                            const surv_data *d, int type, char *const *names,
                            const size_t *rowid, char *const *clusters) {
  surv_result *r = NULL;
  int sch = type == SURV_RESID_SCHOENFELD || type == SURV_RESID_SCALEDSCH;
  int collapse = clusters && !sch;
  int rc = surv_cox_residuals(fit, d, (surv_cox_residual_type)type,
                              collapse ? SURV_COX_RESID_COLLAPSE : 0u, &r);
  if (rc != SURV_OK)
    return rc;
  size_t len, nrow;
  const double *v = surv_result_column(r, SURV_COL_RESIDUAL, &len);
  const double *row =
      surv_result_column(r, collapse ? SURV_COL_CLUSTER : SURV_COL_ROW, &nrow);
  const double *tm = surv_result_column(r, SURV_COL_TIME, NULL);
  size_t k = nrow ? len / nrow : 1;
  fputs(collapse ? "cluster" : "row", out);
  if (sch)
    fputs("\ttime", out);
  if (type == SURV_RESID_MARTINGALE || type == SURV_RESID_DEVIANCE)
    fprintf(out, "\t%s", rtypes[type]);
  else
    for (size_t j = 0; j < k; j++)
      fprintf(out, "\t%s", names[j]);
  fputc('\n', out);
  for (size_t i = 0; i < nrow; i++) {
    size_t q = (size_t)row[i];
    if (collapse)
      fputs(clusters[q], out);
    else
      fprintf(out, "%zu", rowid ? rowid[q] : q + 1);
    if (sch) {
      fputc('\t', out);
      put_num(out, tm[i]);
    }
    for (size_t j = 0; j < k; j++) {
      fputc('\t', out);
      put_num(out, v[i * k + j]);
    }
    fputc('\n', out);
  }
  surv_result_free(r);
  return SURV_OK;
}

void coxdiag_put_zph(FILE *out, const surv_result *z, char *const *termnames,
                     size_t nterm) {
  size_t nt;
  const double *chi = surv_result_column(z, SURV_COL_CHISQ, &nt);
  const double *df = surv_result_column(z, SURV_COL_DF, NULL);
  const double *p = surv_result_column(z, SURV_COL_P_VALUE, NULL);
  fputs("term\tchisq\tdf\tp\n", out);
  for (size_t t = 0; t < nt; t++) {
    fputs(t + 1 < nt && t < nterm ? termnames[t] : "GLOBAL", out);
    fputc('\t', out);
    put_num(out, chi[t]);
    fputc('\t', out);
    put_num(out, df[t]);
    fputc('\t', out);
    put_num(out, p[t]);
    fputc('\n', out);
  }
}

int coxdiag_print_zph(FILE *out, const surv_result *fit, const surv_data *d,
                      int transform, const size_t *terms,
                      char *const *termnames, size_t nterm, surv_result **zp) {
  surv_cox_zph_options o = SURV_COX_ZPH_OPTIONS_INIT;
  surv_result *z = NULL;
  o.transform = (surv_cox_zph_transform)transform;
  o.terms = terms;
  int rc = surv_cox_zph(fit, d, &o, &z);
  if (rc != SURV_OK)
    return rc;
  if (out)
    coxdiag_put_zph(out, z, termnames, nterm);
  if (zp)
    *zp = z;
  else
    surv_result_free(z);
  return SURV_OK;
}

/* ---- the plots ----------------------------------------------------------- */

#define W 480.0
#define H 360.0
#define PL 64.0
#define PR 466.0
#define PT 16.0
#define PB 316.0
#define FONT "DejaVu Sans, Helvetica, Arial, sans-serif"

typedef struct {
  double x, y;
} pt;

static int cmp_pt(const void *a, const void *b) {
  const pt *p = a, *q = b;
  return (p->x > q->x) - (p->x < q->x);
}

/* Local linear fit at x0 with tricube weights over the nearest q points. */
static double smooth_at(const pt *v, size_t m, size_t q, double x0) {
  /* the q nearest: a window sliding over the sorted x */
  size_t lo = 0, hi = q; /* [lo, hi) */
  while (hi < m && fabs(v[hi].x - x0) < fabs(x0 - v[lo].x)) {
    lo++;
    hi++;
  }
  double h = fmax(fabs(v[lo].x - x0), fabs(v[hi - 1].x - x0));
  if (h <= 0)
    h = 1;
  h *= 1.0000001;
  double sw = 0, sx = 0, sy = 0, sxx = 0, sxy = 0;
  for (size_t i = lo; i < hi; i++) {
    double u = fabs(v[i].x - x0) / h, w = 1 - u * u * u;
    w = w * w * w;
    sw += w;
    sx += w * v[i].x;
    sy += w * v[i].y;
  }
  if (sw <= 0)
    return NAN;
  double mx = sx / sw, my = sy / sw;
  for (size_t i = lo; i < hi; i++) {
    double u = fabs(v[i].x - x0) / h, w = 1 - u * u * u;
    w = w * w * w;
    sxx += w * (v[i].x - mx) * (v[i].x - mx);
    sxy += w * (v[i].x - mx) * (v[i].y - my);
  }
  return sxx > 0 ? my + sxy / sxx * (x0 - mx) : my;
}

static void nice_ticks(double lo, double hi, double *t0, double *step) {
  double span = hi - lo;
  if (!(span > 0))
    span = fabs(lo) > 0 ? fabs(lo) : 1;
  double raw = span / 5, mag = pow(10, floor(log10(raw))), f = raw / mag;
  *step = (f < 1.5 ? 1 : f < 3.5 ? 2 : f < 7.5 ? 5 : 10) * mag;
  *t0 = ceil(lo / *step) * *step;
}

static void xml_text(FILE *f, const char *s) {
  for (; *s; s++) {
    if (*s == '<')
      fputs("&lt;", f);
    else if (*s == '>')
      fputs("&gt;", f);
    else if (*s == '&')
      fputs("&amp;", f);
    else if (*s == '"')
      fputs("&quot;", f);
    else
      fputc(*s, f);
  }
}

static int plot_term(FILE *f, const pt *v, size_t m, double level,
                     const char *term, const char *transform) {
  double xlo = INFINITY, xhi = -INFINITY, ylo = level, yhi = level;
  for (size_t i = 0; i < m; i++) {
    xlo = fmin(xlo, v[i].x);
    xhi = fmax(xhi, v[i].x);
    ylo = fmin(ylo, v[i].y);
    yhi = fmax(yhi, v[i].y);
  }
  if (m == 0)
    xlo = 0, xhi = 1;
  if (xhi <= xlo)
    xhi = xlo + 1;
  if (yhi <= ylo)
    yhi = ylo + 1;
  double py = 0.04 * (yhi - ylo), pxx = 0.04 * (xhi - xlo);
  ylo -= py, yhi += py, xlo -= pxx, xhi += pxx;
#define SX(x) (PL + (PR - PL) * ((x)-xlo) / (xhi - xlo))
#define SY(y) (PB - (PB - PT) * ((y)-ylo) / (yhi - ylo))
  fprintf(f,
          "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
          "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%.0f\" "
          "height=\"%.0f\" viewBox=\"0 0 %.0f %.0f\" font-family=\"%s\" "
          "font-size=\"11\">\n",
          W, H, W, H, FONT);
  fprintf(f, "<title>Scaled Schoenfeld residuals: ");
  xml_text(f, term);
  fprintf(f,
          "</title>\n<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" "
          "height=\"%.1f\" fill=\"none\" stroke=\"#000\"/>\n",
          PL, PT, PR - PL, PB - PT);
  double t0, st;
  nice_ticks(xlo, xhi, &t0, &st);
  for (double t = t0; t <= xhi + 1e-9 * st; t += st)
    fprintf(f,
            "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" "
            "stroke=\"#000\"/><text x=\"%.1f\" y=\"%.1f\" "
            "text-anchor=\"middle\">%g</text>\n",
            SX(t), PB, SX(t), PB + 4, SX(t), PB + 16,
            fabs(t) < 1e-12 * st ? 0 : t);
  nice_ticks(ylo, yhi, &t0, &st);
  for (double t = t0; t <= yhi + 1e-9 * st; t += st)
    fprintf(f,
            "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" "
            "stroke=\"#000\"/><text x=\"%.1f\" y=\"%.1f\" "
            "text-anchor=\"end\">%g</text>\n",
            PL - 4, SY(t), PL, SY(t), PL - 6, SY(t) + 4,
            fabs(t) < 1e-12 * st ? 0 : t);
  fprintf(f,
          "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\">Time "
          "(%s transform)</text>\n",
          (PL + PR) / 2, H - 8, transform);
  fprintf(f,
          "<text transform=\"translate(14 %.1f) rotate(-90)\" "
          "text-anchor=\"middle\">Beta(t) for ",
          (PT + PB) / 2);
  xml_text(f, term);
  fputs("</text>\n", f);
  /* the constant effect */
  fprintf(f,
          "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" "
          "stroke=\"#c0392b\" stroke-dasharray=\"6 4\"/>\n",
          PL, SY(level), PR, SY(level));
  /* the points */
  fputs("<g fill=\"none\" stroke=\"#555\">\n", f);
  for (size_t i = 0; i < m; i++)
    fprintf(f, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"2\"/>\n", SX(v[i].x),
            SY(v[i].y));
  fputs("</g>\n", f);
  /* the smooth, on 80 points */
  if (m >= 4) {
    size_t q = (size_t)ceil(2.0 * (double)m / 3.0);
    if (q < 3)
      q = m;
    fputs("<polyline fill=\"none\" stroke=\"#1f4e9c\" stroke-width=\"2\" "
          "points=\"",
          f);
    for (int k = 0; k <= 80; k++) {
      double x = v[0].x + (v[m - 1].x - v[0].x) * k / 80.0;
      double y = smooth_at(v, m, q, x);
      if (isfinite(y))
        fprintf(f, "%.1f,%.1f ", SX(x), SY(fmin(fmax(y, ylo), yhi)));
    }
    fputs("\"/>\n", f);
  }
  fputs("</svg>\n", f);
#undef SX
#undef SY
  return ferror(f) ? -1 : 0;
}

int coxdiag_write_zph_svg(const char *prefix, const surv_result *z,
                          char *const *termnames, size_t nterm,
                          const char *transform) {
  size_t len, nev;
  const double *y = surv_result_column(z, SURV_COL_RESIDUAL, &len);
  const double *x = surv_result_column(z, SURV_COL_TRANSFORMED_TIME, &nev);
  const double *lev = surv_result_column(z, SURV_COL_COEF, NULL);
  pt *v = malloc((nev ? nev : 1) * sizeof *v);
  if (!v) {
    errno = ENOMEM;
    return -1;
  }
  for (size_t t = 0; t < nterm; t++) {
    size_t m = 0;
    for (size_t i = 0; i < nev; i++)
      if (!isnan(y[i * nterm + t])) {
        v[m].x = x[i];
        v[m].y = y[i * nterm + t];
        m++;
      }
    qsort(v, m, sizeof *v, cmp_pt);
    size_t nl = strlen(prefix) + strlen(termnames[t]) + 16;
    char *path = malloc(nl), *tmp = malloc(nl + 8);
    if (!path || !tmp) {
      free(path);
      free(tmp);
      free(v);
      errno = ENOMEM;
      return -1;
    }
    /* the term's part of the file name keeps [A-Za-z0-9._-] and writes any
     * other byte ('/', spaces, control bytes from a column name) as '_', so
     * a column name cannot choose another directory */
    size_t pl = strlen(prefix);
    snprintf(path, nl, "%s%s.svg", prefix, termnames[t]);
    for (char *q = path + pl; *q && q < path + pl + strlen(termnames[t]); q++)
      if (!((*q >= 'A' && *q <= 'Z') || (*q >= 'a' && *q <= 'z') ||
            (*q >= '0' && *q <= '9') || *q == '.' || *q == '_' || *q == '-'))
        *q = '_';
    snprintf(tmp, nl + 8, "%s.tmp", path);
    FILE *f = fopen(tmp, "w");
    int bad = !f;
    if (f) {
      bad = plot_term(f, v, m, lev[t], termnames[t], transform) != 0;
      bad |= fclose(f) != 0;
    }
    if (!bad && rename(tmp, path) != 0)
      bad = 1;
    if (bad) {
      int e = errno;
      remove(tmp);
      free(path);
      free(tmp);
      free(v);
      errno = e;
      return -1;
    }
    free(path);
    free(tmp);
  }
  free(v);
  return 0;
}
