/* Reading an MDRT cohort file with the examples' CSV reader (csv.h): a
 * header naming the seven columns (any order; extra columns are ignored),
 * then one row per patient. Every rule of surv-mdrt(1) INPUT is checked here
 * and the first violation is reported as "FILE:LINE: message". */
#include "mdrt.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "csv.h"

enum {
  C_ID,
  C_SUBTYPE,
  C_FOLLOWUP,
  C_TTNT,
  C_TTNT_EVENT,
  C_PFS,
  C_PFS_EVENT,
  NCOL
};
static const char *const col_names[NCOL] = {
    "id",         "subtype",    "followup_months", "ttnt_months",
    "ttnt_event", "pfs_months", "pfs_event"};

/* One data row into *p; CSV_OK or CSV_BAD with csv_errmsg() set. */
static int parse_row(csv *c, const int *pos, mdrt_patient *p) {
  memset(p, 0, sizeof *p);
  const char *id = csv_field(c, (size_t)pos[C_ID]);
  const char *sub = csv_field(c, (size_t)pos[C_SUBTYPE]);
  if (*id == '\0')
    return csv_fail(c, "column 'id': empty field");
  if (strlen(id) >= sizeof p->id)
    return csv_fail(c, "column 'id': longer than %zu characters",
                    sizeof p->id - 1);
  strcpy(p->id, id);
  p->subtype = mdrt_subtype_parse(sub);
  if (p->subtype < 0) {
    char shown[CSV_SHOWLEN];
    csv_escape(shown, sizeof shown, sub, strlen(sub), 40);
    return csv_fail(c,
                    "column 'subtype': unknown subtype '%s' (expected "
                    "HR+/HER2-, HER2+ or TNBC)",
                    shown);
  }
  int empty = 0;
  for (int k = C_FOLLOWUP; k < NCOL; k++)
    empty += csv_field_len(c, (size_t)pos[k]) == 0;
  if (empty == NCOL - C_FOLLOWUP)
    return CSV_OK; /* a patient without follow-up data */
  if (empty > 0)
    return csv_fail(c,
                    "the time and event fields must be all filled (follow-up "
                    "data) or all empty (none)");
  p->has_fu = 1;
  if (csv_get_time(c, (size_t)pos[C_FOLLOWUP], &p->followup) != CSV_OK ||
      csv_get_time(c, (size_t)pos[C_TTNT], &p->ttnt) != CSV_OK ||
      csv_get_01(c, (size_t)pos[C_TTNT_EVENT], &p->ttnt_event) != CSV_OK ||
      csv_get_time(c, (size_t)pos[C_PFS], &p->pfs) != CSV_OK ||
      csv_get_01(c, (size_t)pos[C_PFS_EVENT], &p->pfs_event) != CSV_OK)
    return CSV_BAD;
  /* Every time ends at or before the last contact. */
  if (p->ttnt > p->followup)
    return csv_fail(c, "ttnt_months (%s) exceeds followup_months (%s)",
                    csv_field(c, (size_t)pos[C_TTNT]),
                    csv_field(c, (size_t)pos[C_FOLLOWUP]));
  if (p->pfs > p->followup)
    return csv_fail(c, "pfs_months (%s) exceeds followup_months (%s)",
                    csv_field(c, (size_t)pos[C_PFS]),
                    csv_field(c, (size_t)pos[C_FOLLOWUP]));
  return CSV_OK;
}

/* A row's id and index, ordered by id, ties by index. */
typedef struct {
  const char *id;
  size_t i;
} id_row;

static int by_id(const void *a, const void *b) {
  const id_row *x = a, *y = b;
  int c = strcmp(x->id, y->id);
  return c != 0 ? c : (x->i > y->i) - (x->i < y->i);
}

/* The first of p[0 .. m-1] (in file order) whose id an earlier row has
 * already used, or m when the ids are distinct; -1 when out of memory.
 * O(m log m): sort (id, index) pairs; within each run of one id, the second
 * pair is that id's first repetition. */
static long first_duplicate(const mdrt_patient *p, size_t m) {
  if (m < 2)
    return (long)m;
  id_row *r = malloc(m * sizeof *r);
  size_t first = m;
  if (!r)
    return -1;
  for (size_t i = 0; i < m; i++) {
    r[i].id = p[i].id;
    r[i].i = i;
  }
  qsort(r, m, sizeof *r, by_id);
  for (size_t k = 1; k < m; k++)
    if (strcmp(r[k].id, r[k - 1].id) == 0 &&
        (k < 2 || strcmp(r[k].id, r[k - 2].id) != 0) && r[k].i < first)
      first = r[k].i;
  free(r);
  return (long)first;
}

/* Read every row; then the first duplicate id, if one comes before the
 * first bad row, is the error reported (as the reader would have found it
 * row by row). 0, or -1 with the message in err. */
static int read_rows(csv *c, const int *pos, mdrt_patient **out, size_t *n,
                     char *err, size_t errsize) {
  size_t cap = csv_rows_hint(c), m = 0;
  mdrt_patient *p = malloc((cap ? cap : 1) * sizeof *p);
  long *line = malloc((cap ? cap : 1) * sizeof *line);
  int rc = 1;
  if (!p || !line) {
    csv_fail(c, "out of memory");
    rc = -1;
  }
  while (rc > 0 && (rc = csv_next(c)) > 0) {
    if (m == cap) { /* the hint is an upper bound; stay safe anyway */
      size_t ncap = 2 * (cap + 1);
      mdrt_patient *q = realloc(p, ncap * sizeof *q);
      if (q)
        p = q;
      long *l = q ? realloc(line, ncap * sizeof *l) : NULL;
      if (!l) {
        csv_fail(c, "out of memory");
        rc = -1;
        break;
      }
      line = l;
      cap = ncap;
    }
    if (parse_row(c, pos, &p[m]) != CSV_OK) {
      rc = -1;
      break;
    }
    line[m++] = csv_lineno(c);
  }
  if (rc == 0 && m == 0) {
    rc = -1;
    csv_fail(c, "no patients after the header");
  }
  long dup = p && line ? first_duplicate(p, m) : (long)m;
  if (dup < 0) {
    snprintf(err, errsize, "%s: out of memory", csv_filename(c));
    rc = -1;
  } else if ((size_t)dup < m) {
    char shown[CSV_SHOWLEN];
    csv_escape(shown, sizeof shown, p[dup].id, strlen(p[dup].id), 40);
    snprintf(err, errsize, "%s:%ld: duplicate id '%s'", csv_filename(c),
             line[dup], shown);
    rc = -1;
  } else if (rc != 0)
    snprintf(err, errsize, "%s", csv_errmsg(c));
  free(line);
  if (rc != 0) {
    free(p);
    return -1;
  }
  *out = p;
  *n = m;
  return 0;
}

int mdrt_read_cohort(const char *path, mdrt_patient **out, size_t *n, char *err,
                     size_t errsize) {
  char cerr[CSV_ERRLEN];
  csv *c = csv_open(path, cerr, sizeof cerr);
  if (!c) {
    snprintf(err, errsize, "%s", cerr);
    return -1;
  }
  int pos[NCOL];
  for (int k = 0; k < NCOL; k++) {
    pos[k] = csv_col(c, col_names[k]);
    if (pos[k] < 0) {
      snprintf(err, errsize, "%s:1: missing column '%s'", csv_filename(c),
               col_names[k]);
      csv_close(c);
      return -1;
    }
  }
  int rc = read_rows(c, pos, out, n, err, errsize);
  csv_close(c);
  return rc;
}
