/* Reading Kaplan-Meier curves out of an SVG figure (for surv-ipd --svg; not
 * installed, not part of libsurv).
 *
 * The reader is a small XML scanner (elements, attributes, text, comments,
 * processing instructions, CDATA; no entities beyond leaving them as they
 * are) that keeps the transform of every element (translate, scale, rotate,
 * skewX, skewY, matrix, nested <g>) and ignores whatever lies in <defs>,
 * <clipPath>, <symbol>, <mask>, <pattern> and <marker>. From <path>, <line>
 * and <polyline> it collects polylines in page coordinates, from <text> the
 * numbers printed. Then:
 *
 *   axes    the tick marks are short axis-parallel segments: those of the x
 *           axis are the lowest group of at least two vertical ones sharing
 *           their ends' y, those of the y axis the leftmost group of
 *           horizontal ones sharing their ends' x. Each tick takes the value
 *           of the number printed just below it (x) or left of it (y), or the
 *           caller gives the values of the first and last ticks (R's svg()
 *           device draws text as glyph outlines, so there is nothing to
 *           read). The axis map is linear through the first and last ticks;
 *           labels that disagree with it (a log axis) are an error.
 *   curves  stroked, unfilled paths of one polyline whose segments are
 *           horizontal or vertical, going right and down from (0, 1): a
 *           Kaplan-Meier step function. A dashed one is a curve only when
 *           no solid one has its colour (R draws the confidence limits
 *           dashed in their curve's colour; surv-km draws curves dashed,
 *           each in its own colour). Their vertices are the corners of the
 *           steps.
 *   marks   censoring marks are '+' signs: a short vertical and a short
 *           horizontal segment with the same midpoint; a mark belongs to the
 *           curve of its colour on which it lies (on a step, or on a drop:
 *           R draws a censoring at an event time halfway down the drop).
 *   at risk rows of numbers printed at the x ticks' positions below the axis
 *           labels; a row belongs to the curve whose colour its name (the
 *           text left of the numbers) has, else to the curve of its rank.
 *
 * The precision is what the file prints: half a unit in the last decimal
 * place of the coordinates (half of 1/256 when every coordinate is a multiple
 * of 1/256 printed with 4 or more decimals, as cairo writes them), turned
 * into time and survival units by the axis map.
 *
 * Errors are "FILE:LINE: message" (FILE "<stdin>" for "-"). The reader never
 * crashes on any input (it is fuzzed: tests/fuzz/fuzz_svg.c). */
#ifndef SURV_EXAMPLES_SVGKM_H
#define SURV_EXAMPLES_SVGKM_H

#include <stddef.h>

#define SVGKM_ERRLEN 512

typedef struct svgkm_curve {
  double *t, *s; /* the step corners in data units, m of them */
  size_t m;
  double *cens; /* times of its censoring marks, ascending */
  size_t nc;
  double *risk_t, *n_risk; /* its number at risk row, if the figure has one */
  size_t nr;
  char color[64]; /* its stroke colour as written ("" if none) */
  long line;      /* line of its element in the file */
} svgkm_curve;

typedef struct svgkm {
  svgkm_curve *curve; /* in document order */
  size_t ncurve;
  double t_prec, s_prec; /* precision of the coordinates in data units */
} svgkm;

/* Values of the first and last tick marks of each axis, when the figure
 * does not print readable labels (have_x / have_y zero: read the labels). */
typedef struct svgkm_axes {
  int have_x, have_y;
  double x_first, x_last, y_first, y_last; /* y_first: the lowest tick */
} svgkm_axes;

/* Parse len bytes (need not be NUL-terminated) named name in messages.
 * Returns 0 and *out, or -1 with "NAME:LINE: message" in err. */
int svgkm_read_mem(const char *buf, size_t len, const char *name,
                   const svgkm_axes *axes, svgkm **out, char *err,
                   size_t errlen);

/* Read a file ("-" = standard input) and parse it as svgkm_read_mem. */
int svgkm_read(const char *path, const svgkm_axes *axes, svgkm **out, char *err,
               size_t errlen);

void svgkm_free(svgkm *k);

#endif /* SURV_EXAMPLES_SVGKM_H */
