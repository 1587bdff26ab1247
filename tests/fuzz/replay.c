/* Replays fuzz inputs without libFuzzer: calls LLVMFuzzerTestOneInput on
 * every file of tests/fuzz/corpus/NAME and tests/fuzz/regressions/NAME
 * (under $srcdir), or on the files named on the command line. NAME is the
 * harness (FUZZ_NAME, set at compile time). A broken invariant aborts, so
 * the corpus and every past crash run in `make check`. */
#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int run_file(const char *path) {
  FILE *f = fopen(path, "rb");
  uint8_t *buf = NULL;
  size_t len = 0, cap = 0, got;
  if (!f) {
    fprintf(stderr, "replay: cannot open %s\n", path);
    return -1;
  }
  do {
    if (len == cap) {
      uint8_t *nb;
      cap = cap ? 2 * cap : 4096;
      nb = realloc(buf, cap);
      if (!nb) {
        free(buf);
        fclose(f);
        return -1;
      }
      buf = nb;
    }
    got = fread(buf + len, 1, cap - len, f);
    len += got;
  } while (got > 0);
  fclose(f);
  LLVMFuzzerTestOneInput(buf, len);
  free(buf);
  return 0;
}

static int run_dir(const char *dir, int *count) {
  DIR *d = opendir(dir);
  struct dirent *e;
  char path[4096];
  if (!d)
    return 0; /* a missing directory has no inputs */
  while ((e = readdir(d)) != NULL) {
    if (e->d_name[0] == '.')
      continue;
    snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
    if (run_file(path) != 0) {
      closedir(d);
      return -1;
    }
    (*count)++;
  }
  closedir(d);
  return 0;
}

int main(int argc, char **argv) {
  const char *srcdir = getenv("srcdir");
  static const char *const kinds[] = {"corpus", "regressions"};
  char dir[4096];
  int count = 0, i;
  if (argc > 1) {
    for (i = 1; i < argc; i++) {
      if (run_file(argv[i]) != 0)
        return 1;
      count++;
    }
  } else {
    for (i = 0; i < 2; i++) {
      snprintf(dir, sizeof dir, "%s/tests/fuzz/%s/%s", srcdir ? srcdir : ".",
               kinds[i], FUZZ_NAME);
      if (run_dir(dir, &count) != 0)
        return 1;
    }
  }
  if (count == 0) {
    fprintf(stderr, "replay %s: no inputs found (srcdir=%s)\n", FUZZ_NAME,
            srcdir ? srcdir : "(unset)");
    return 1;
  }
  printf("replay %s: %d inputs, all invariants held\n", FUZZ_NAME, count);
  return 0;
}
