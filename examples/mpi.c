/* mpi: surv-km and surv-logrank over MPI ranks (Open MPI).
 *
 *   mpirun -np N surv-mpi km|logrank [options] FILE...
 *
 * The options are those of surv-km (without --summary) or surv-logrank;
 * the files are dealt to the ranks in order, in contiguous blocks (rank 0
 * the first). Each rank counts its files into count tables as surv-km
 * --stream does (terms_surv_stream_part), without the decisions that need
 * the whole input; the parts are serialized (surv_counts_write and the
 * label strings), gathered on rank 0 (MPI_Gather of the sizes, MPI_Gatherv
 * of the bytes), read back (surv_counts_read) and combined in file order
 * (terms_surv_stream_end: common labels, status coding, which error to
 * report); rank 0 then fits and prints with the code of surv-km or
 * surv-logrank itself (examples/mpi-km.c, examples/mpi-logrank.c build
 * km.c and logrank.c again with this reading). The input is the data rows
 * of all the files, in order; the output is what surv-km --stream (or
 * surv-logrank --stream) prints for one file holding them. See
 * surv-mpi(1). */
#include <mpi.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <surv.h>

#include "csv.h"
#include "survmpi.h"
#include "terms.h"

#define PROG "surv-mpi"

static const char **g_files;
static size_t g_nfiles;

static void finalize(void) {
  int init = 0, fin = 0;
  MPI_Initialized(&init);
  if (init)
    MPI_Finalized(&fin);
  if (init && !fin)
    MPI_Finalize();
}

/* ---- a byte buffer (little-endian integers, strings with their length) */

typedef struct pack {
  unsigned char *p;
  size_t len, cap, at;
  int bad;
} pack;

static void put(pack *b, const void *x, size_t n) {
  if (b->bad)
    return;
  if (b->len + n > b->cap) {
    size_t cap = b->cap ? 2 * b->cap : 4096;
    unsigned char *q;
    while (cap < b->len + n)
      cap *= 2;
    if (!(q = realloc(b->p, cap))) {
      b->bad = 1;
      return;
    }
    b->p = q;
    b->cap = cap;
  }
  memcpy(b->p + b->len, x, n);
  b->len += n;
}

static void put_u64(pack *b, uint64_t x) {
  unsigned char c[8];
  for (int i = 0; i < 8; i++)
    c[i] = (unsigned char)(x >> (8 * i));
  put(b, c, 8);
}

static void put_str(pack *b, const char *s) {
  put_u64(b, s ? strlen(s) + 1 : 0);
  if (s)
    put(b, s, strlen(s) + 1);
}

static uint64_t get_u64(pack *b) {
  uint64_t x = 0;
  if (b->bad || b->len - b->at < 8) {
    b->bad = 1;
    return 0;
  }
  for (int i = 7; i >= 0; i--)
    x = x << 8 | b->p[b->at + (size_t)i];
  b->at += 8;
  return x;
}

/* A string of the buffer (a new copy; NULL for an absent one). */
static char *get_str(pack *b) {
  uint64_t n = get_u64(b);
  char *s;
  if (b->bad || n == 0)
    return NULL;
  if (n > b->len - b->at || b->p[b->at + n - 1] != '\0' ||
      !(s = malloc((size_t)n))) {
    b->bad = 1;
    return NULL;
  }
  memcpy(s, b->p + b->at, (size_t)n);
  b->at += (size_t)n;
  return s;
}

static void put_part(pack *b, const terms_surv_part *p) {
  size_t len = 0, i;
  double mx = p->max;
  uint64_t bits;
  void *t;
  if (surv_counts_size(p->counts, &len) != SURV_OK || !(t = malloc(len))) {
    b->bad = 1;
    return;
  }
  if (surv_counts_write(p->counts, t, len) != SURV_OK)
    b->bad = 1;
  put_u64(b, len);
  put(b, t, len);
  free(t);
  put_u64(b, p->gk);
  for (i = 0; i < p->gk; i++)
    put_str(b, p->glab[i]);
  put_u64(b, p->sk);
  for (i = 0; i < p->sk; i++)
    put_str(b, p->slab[i]);
  memcpy(&bits, &mx, sizeof bits);
  put_u64(b, p->nread);
  put_u64(b, p->n);
  put_u64(b, bits);
  put_u64(b, (uint64_t)p->zero);
  put_u64(b, (uint64_t)(int64_t)p->logical);
  put_str(b, p->two_err);
  put_str(b, p->empty_err);
  put_str(b, p->file);
}

static char **get_strs(pack *b, size_t *k) {
  uint64_t n = get_u64(b);
  char **v;
  if (b->bad || n > b->len || !(v = calloc((size_t)n + 1, sizeof *v))) {
    b->bad = 1;
    *k = 0;
    return NULL;
  }
  for (uint64_t i = 0; i < n; i++)
    v[i] = get_str(b);
  *k = (size_t)n;
  return v;
}

static void get_part(pack *b, terms_surv_part *p) {
  uint64_t len = get_u64(b), bits;
  memset(p, 0, sizeof *p);
  if (b->bad || len > b->len - b->at ||
      surv_counts_read(b->p + b->at, (size_t)len, &p->counts) != SURV_OK) {
    b->bad = 1;
    return;
  }
  b->at += (size_t)len;
  p->glab = get_strs(b, &p->gk);
  p->slab = get_strs(b, &p->sk);
  p->nread = (size_t)get_u64(b);
  p->n = (size_t)get_u64(b);
  bits = get_u64(b);
  memcpy(&p->max, &bits, sizeof bits);
  p->zero = (int)get_u64(b);
  p->logical = (int)(int64_t)get_u64(b);
  p->two_err = get_str(b);
  p->empty_err = get_str(b);
  p->file = get_str(b);
}

/* ---- the reading ------------------------------------------------------- */

enum { TAG_PART = 1, TAG_ERROR = 2, TAG_END = 3 };

int mpi_surv_stream(const char *path, const terms_surv_spec *sp,
                    terms_surv_counts *out, char *err, size_t errlen) {
  int rank, size, len, *lens = NULL, *offs = NULL, rc = -1;
  size_t a, b, i, np = 0, cap = 0;
  pack mine = {0}, all = {0};
  terms_surv_part *parts = NULL;
  char *fatal = NULL;
  (void)path;
  MPI_Comm_rank(MPI_COMM_WORLD, &rank);
  MPI_Comm_size(MPI_COMM_WORLD, &size);
  a = (g_nfiles * (size_t)rank + (size_t)size - 1) / (size_t)size;
  b = (g_nfiles * ((size_t)rank + 1) + (size_t)size - 1) / (size_t)size;
  for (i = a; i < b; i++) { /* my files, in order, up to a read error */
    terms_surv_part p;
    char e[CSV_ERRLEN];
    if (terms_surv_stream_part(g_files[i], sp, &p, e, sizeof e) != 0) {
      put_u64(&mine, TAG_ERROR);
      put_str(&mine, e);
      break;
    }
    put_u64(&mine, TAG_PART);
    put_part(&mine, &p);
    terms_surv_part_free(&p);
  }
  put_u64(&mine, TAG_END);
  if (mine.bad || mine.len > INT32_MAX) {
    fprintf(stderr, PROG ": rank %d: out of memory\n", rank);
    MPI_Abort(MPI_COMM_WORLD, 1);
  }
  len = (int)mine.len;
  if (rank == 0 && (!(lens = malloc((size_t)size * sizeof *lens)) ||
                    !(offs = malloc((size_t)size * sizeof *offs))))
    MPI_Abort(MPI_COMM_WORLD, 1);
  MPI_Gather(&len, 1, MPI_INT, lens, 1, MPI_INT, 0, MPI_COMM_WORLD);
  if (rank == 0) {
    size_t total = 0;
    for (int r = 0; r < size; r++) {
      offs[r] = (int)total;
      total += (size_t)lens[r];
    }
    if (total > INT32_MAX || !(all.p = malloc(total ? total : 1)))
      MPI_Abort(MPI_COMM_WORLD, 1);
    all.len = total;
  }
  MPI_Gatherv(mine.p, len, MPI_UNSIGNED_CHAR, all.p, lens, offs,
              MPI_UNSIGNED_CHAR, 0, MPI_COMM_WORLD);
  free(mine.p);
  if (rank != 0)
    exit(0); /* rank 0 prints; atexit finalizes */
  for (int r = 0; r < size && !all.bad && !fatal; r++) {
    uint64_t tag;
    all.at = (size_t)offs[r];
    while (!all.bad && !fatal && (tag = get_u64(&all)) != TAG_END) {
      if (tag == TAG_ERROR)
        fatal = get_str(&all);
      else if (tag == TAG_PART) {
        if (np == cap) {
          terms_surv_part *q;
          cap = cap ? 2 * cap : 8;
          if (!(q = realloc(parts, cap * sizeof *q))) {
            all.bad = 1;
            break;
          }
          parts = q;
        }
        get_part(&all, &parts[np++]);
      } else
        all.bad = 1;
    }
  }
  if (fatal) /* a read error beats what the parts before it would report */
    snprintf(err, errlen, "%s", fatal);
  else if (all.bad)
    snprintf(err, errlen, "%s: cannot combine the counts of the ranks",
             g_files[0]);
  else
    rc = terms_surv_stream_end(parts, np, sp, out, err, errlen);
  for (i = 0; i < np; i++)
    terms_surv_part_free(&parts[i]);
  free(parts);
  free(fatal);
  free(all.p);
  free(lens);
  free(offs);
  return rc;
}

static void usage(FILE *f) {
  fprintf(f, "usage: mpirun -np N " PROG " km|logrank [OPTIONS] FILE...\n"
             "surv-km (without --summary) or surv-logrank on the data rows of "
             "the CSV files,\ncounted by the MPI ranks (the files dealt to "
             "them in order); rank 0 prints\nwhat surv-km --stream or "
             "surv-logrank --stream print; see surv-mpi(1).\n");
}

int main(int argc, char **argv) {
  int rank = 0, i, n = 0, after = 0, km;
  char **args;
  MPI_Init(&argc, &argv);
  atexit(finalize);
  MPI_Comm_rank(MPI_COMM_WORLD, &rank);
  if (rank != 0) { /* only rank 0 speaks */
    if (!freopen("/dev/null", "w", stdout) ||
        !freopen("/dev/null", "w", stderr))
      return 1;
  }
  if (argc < 2 ||
      (strcmp(argv[1], "km") != 0 && strcmp(argv[1], "logrank") != 0)) {
    if (argc >= 2 && (!strcmp(argv[1], "-h") || !strcmp(argv[1], "--help"))) {
      usage(stdout);
      return 0;
    }
    fprintf(stderr, PROG ": the first argument is km or logrank\n");
    usage(stderr);
    return 2;
  }
  km = strcmp(argv[1], "km") == 0;
  args = malloc(((size_t)argc + 2) * sizeof *args);
  g_files = malloc(((size_t)argc + 1) * sizeof *g_files);
  if (!args || !g_files) {
    fprintf(stderr, PROG ": out of memory\n");
    return 1;
  }
  args[n++] = km ? (char *)"surv-km" : (char *)"surv-logrank";
  for (i = 2; i < argc; i++) {
    const char *s = argv[i];
    if (!after && strcmp(s, "--") == 0)
      after = 1;
    else if (after || s[0] != '-' || s[1] == '\0')
      g_files[g_nfiles++] = s;
    else
      args[n++] = argv[i];
  }
  if (g_nfiles == 0)
    g_files[g_nfiles++] = "-";
  args[n++] = (char *)"--stream";
  args[n++] = (char *)"--";
  args[n++] = (char *)g_files[0];
  args[n] = NULL;
  return km ? km_main(n, args) : logrank_main(n, args);
}
