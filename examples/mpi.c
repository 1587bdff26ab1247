/* mpi: surv-km and surv-logrank over MPI ranks (Open MPI).
 *
 *   mpirun -np N surv-mpi km|logrank [options] FILE...
 *
 * The options are those of surv-km (without --summary) or surv-logrank.
 * One regular file is read in byte ranges, one per rank (range_part: the
 * record starts and line numbers from a prefix scan of the ranges' quote
 * and line-feed counts); several files are dealt to the ranks in order, in
 * contiguous blocks (rank 0 the first). Each rank counts its rows into a
 * count table as surv-km --stream does (terms_surv_stream_range,
 * terms_surv_stream_part), without the decisions that need the whole
 * input; the parts are serialized (surv_counts_write and the label
 * strings) and merged by a tree reduction (reduce_parts: log2 N rounds of
 * pairwise merges in input order, terms_surv_part_merge), and rank 0
 * finishes (terms_surv_stream_end: label order, status coding, which error
 * to report), fits and prints with the code of surv-km or surv-logrank
 * itself (examples/mpi-km.c, examples/mpi-logrank.c build km.c and
 * logrank.c again with this reading). The output is what surv-km --stream
 * (or surv-logrank --stream) prints for one file holding the rows. See
 * surv-mpi(1). */
#include <mpi.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

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

enum { TAG_PART = 1, TAG_END = 3 }; /* what a rank sends */

/* ---- a byte buffer (little-endian integers, strings with their length) */

typedef struct pack {
  unsigned char *p;
  size_t len, cap, at;
  int bad;
} pack;

static void put(pack *b, const void *x, size_t n) {
  if (b->bad || n == 0)
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
  void *t = NULL;
  if (!p->counts) /* a part that is only an error */
    len = 0;
  else if (surv_counts_size(p->counts, &len) != SURV_OK || !(t = malloc(len)) ||
           surv_counts_write(p->counts, t, len) != SURV_OK) {
    free(t);
    b->bad = 1;
    return;
  }
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
  put_str(b, p->err);
  put_str(b, p->flip_err);
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
      (len &&
       surv_counts_read(b->p + b->at, (size_t)len, &p->counts) != SURV_OK)) {
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
  p->err = get_str(b);
  p->flip_err = get_str(b);
}

/* ---- the reading ------------------------------------------------------- */

/* The part of this rank of the one input file, in bytes [k S/N, (k+1) S/N)
 * of its S bytes moved to record starts: each rank counts the quotes and
 * line feeds of its bytes (csv_scan_range), an exclusive prefix scan gives
 * it the quote parity and line number at its first byte, from which it
 * finds the first record start at or after it (csv_record_start); its rows
 * end where the next rank's begin (sent to it), the last rank's at the end
 * of the file. Errors then name the file's lines as a serial reading does. */
static int range_part(const char *path, uint64_t bytes, int rank, int size,
                      const terms_surv_spec *sp, terms_surv_part *out,
                      char *err, size_t errlen) {
  uint64_t lo = bytes / (uint64_t)size * (uint64_t)rank +
                bytes % (uint64_t)size * (uint64_t)rank / (uint64_t)size;
  uint64_t hi = bytes / (uint64_t)size * (uint64_t)(rank + 1) +
                bytes % (uint64_t)size * (uint64_t)(rank + 1) / (uint64_t)size;
  uint64_t mine[2] = {0, 0}, before[2] = {0, 0}, begin = 0, end = UINT64_MAX,
           nl = 0;
  int bad = csv_scan_range(path, lo, hi, &mine[0], &mine[1], err, errlen);
  MPI_Exscan(mine, before, 2, MPI_UINT64_T, MPI_SUM, MPI_COMM_WORLD);
  if (rank == 0) /* MPI_Exscan leaves rank 0's result undefined */
    before[0] = before[1] = 0;
  else if (!bad)
    bad = csv_record_start(path, lo, (int)(before[0] & 1), &begin, &nl, err,
                           errlen);
  MPI_Sendrecv(&begin, 1, MPI_UINT64_T, rank > 0 ? rank - 1 : MPI_PROC_NULL, 0,
               &end, 1, MPI_UINT64_T,
               rank + 1 < size ? rank + 1 : MPI_PROC_NULL, 0, MPI_COMM_WORLD,
               MPI_STATUS_IGNORE);
  if (rank + 1 == size)
    end = UINT64_MAX;
  if (bad) {
    memset(out, 0, sizeof *out);
    out->logical = -1;
    if (!(out->err = strdup(err)))
      MPI_Abort(MPI_COMM_WORLD, 1);
    return -1;
  }
  return terms_surv_stream_range(path, begin, end, (long)(1 + before[1] + nl),
                                 sp, out, err, errlen);
}

/* Tree reduction: in round d = 1, 2, 4, ... rank k with k mod 2d = d sends
 * its part (serialized) to rank k - d and is done; rank k with k mod 2d = 0
 * merges the part of rank k + d after its own (the rows of k + d come after
 * its rows). log2(N) rounds; rank 0 ends with the merge of all parts in
 * input order. 1 when this rank is left with the whole part (rank 0). */
static int reduce_parts(terms_surv_part *acc, int *have, int rank, int size,
                        const terms_surv_spec *sp) {
  for (int d = 1; d < size; d *= 2) {
    if (rank % (2 * d) == d) {
      pack b = {0};
      put_u64(&b, *have ? TAG_PART : TAG_END);
      if (*have)
        put_part(&b, acc);
      if (b.bad || b.len > INT32_MAX) {
        fprintf(stderr, PROG ": rank %d: out of memory\n", rank);
        MPI_Abort(MPI_COMM_WORLD, 1);
      }
      MPI_Send(b.p, (int)b.len, MPI_UNSIGNED_CHAR, rank - d, TAG_PART,
               MPI_COMM_WORLD);
      free(b.p);
      return 0;
    }
    if (rank % (2 * d) == 0 && rank + d < size) {
      MPI_Status st;
      int len;
      pack b = {0};
      terms_surv_part p;
      MPI_Probe(rank + d, TAG_PART, MPI_COMM_WORLD, &st);
      MPI_Get_count(&st, MPI_UNSIGNED_CHAR, &len);
      if (!(b.p = malloc(len > 0 ? (size_t)len : 1)))
        MPI_Abort(MPI_COMM_WORLD, 1);
      b.len = (size_t)len;
      MPI_Recv(b.p, len, MPI_UNSIGNED_CHAR, rank + d, TAG_PART, MPI_COMM_WORLD,
               MPI_STATUS_IGNORE);
      if (get_u64(&b) == TAG_PART) {
        get_part(&b, &p);
        if (b.bad) {
          terms_surv_part_free(&p);
          memset(&p, 0, sizeof p);
          p.logical = -1;
          p.err = strdup("surv-mpi: cannot read the counts of a rank");
        }
        if (*have)
          terms_surv_part_merge(acc, &p, sp);
        else
          *acc = p;
        *have = 1;
      }
      free(b.p);
    }
  }
  return rank == 0;
}

int mpi_surv_stream(const char *path, const terms_surv_spec *sp,
                    terms_surv_counts *out, char *err, size_t errlen) {
  int rank, size, have = 0, rc;
  terms_surv_part acc;
  struct stat st;
  (void)path;
  MPI_Comm_rank(MPI_COMM_WORLD, &rank);
  MPI_Comm_size(MPI_COMM_WORLD, &size);
  memset(&acc, 0, sizeof acc);
  if (g_nfiles == 1 && size > 1 && strcmp(g_files[0], "-") != 0 &&
      stat(g_files[0], &st) == 0 && S_ISREG(st.st_mode)) {
    range_part(g_files[0], (uint64_t)st.st_size, rank, size, sp, &acc, err,
               errlen);
    have = 1;
  } else { /* the files dealt in order, in contiguous blocks */
    size_t a = (g_nfiles * (size_t)rank + (size_t)size - 1) / (size_t)size;
    size_t b =
        (g_nfiles * ((size_t)rank + 1) + (size_t)size - 1) / (size_t)size;
    for (size_t i = a; i < b && !(have && acc.err); i++) {
      terms_surv_part p;
      terms_surv_stream_part(g_files[i], sp, &p, err, errlen);
      if (have)
        terms_surv_part_merge(&acc, &p, sp);
      else
        acc = p;
      have = 1;
    }
  }
  if (!reduce_parts(&acc, &have, rank, size, sp)) {
    terms_surv_part_free(&acc);
    exit(0); /* rank 0 prints; atexit finalizes */
  }
  rc = terms_surv_stream_end(&acc, 1, sp, out, err, errlen);
  terms_surv_part_free(&acc);
  return rc;
}

static void usage(FILE *f) {
  fprintf(f,
          "usage: mpirun -np N " PROG " km|logrank [OPTIONS] FILE...\n"
          "surv-km (without --summary) or surv-logrank on the data rows of "
          "the CSV files,\ncounted by the MPI ranks (one file in byte ranges, "
          "several dealt in order);\nrank 0 prints what surv-km --stream or "
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
