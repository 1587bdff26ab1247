#!/bin/sh
# Not run by make check or CI: times R survdiff and libsurv on the same 10^7
# subjects (3 groups; see tests/bench_logrank.c for the data) and prints the
# ratio. Needs Rscript with survival, and `make tests/bench_logrank` first.
# Usage: tests/bench/logrank-vs-R.sh [n]   (from the build directory)
set -eu
n=${1:-10000000}
c_out=$(./tests/bench_logrank "$n" | head -1)
echo "libsurv: $c_out"
r_out=$(Rscript -e '
  suppressMessages(library(survival))
  n <- as.numeric(commandArgs(TRUE)[1]); i <- seq_len(n)
  g <- i %% 3; s <- as.integer(i %% 5 != 0)
  t <- ((i * 7919) %% 1000003) / 1000 * (1 + 0.1 * g)
  tm <- system.time(f <- survdiff(Surv(t, s) ~ g))[["elapsed"]]
  cat(sprintf("%.3f s  chisq=%.12g\n", tm, f$chisq))' "$n")
echo "R survdiff: n=$n  $r_out"
c_s=$(echo "$c_out" | awk '{for (i = 1; i <= NF; i++) if ($i == "s") print $(i-1)}')
r_s=$(echo "$r_out" | awk '{print $1}')
awk -v c="$c_s" -v r="$r_s" 'BEGIN { printf "speed ratio R / libsurv: %.1fx\n", r / c }'
