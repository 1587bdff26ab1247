#!/bin/sh
# Not run by make check or CI: times R survival's concordance() and libsurv's
# surv_concordance_fit on the same 10^6 subjects (see tests/bench_concordance.c
# for the data) and prints both, C and se to 12 digits, and the speed ratio.
# Needs Rscript with survival, and `make tests/bench_concordance` first.
# Usage: tests/bench/concordance-vs-R.sh [n]   (from the build directory)
set -eu
n=${1:-1000000}
c_out=$(./tests/bench_concordance "$n" | head -1)
echo "libsurv: $c_out"
r_out=$(Rscript -e '
  suppressMessages(library(survival))
  n <- as.numeric(commandArgs(TRUE)[1]); i <- seq_len(n)
  t <- ((i * 7919) %% 1000003) / 1000; s <- as.integer(i %% 5 != 0)
  x <- ((i * 104729) %% 99991) / 100
  tm <- system.time(f <- concordance(Surv(t, s) ~ x))[["elapsed"]]
  cat(sprintf("%.3f s  C=%.12g  se=%.12g\n", tm, f$concordance, sqrt(f$var)))' "$n")
echo "R concordance: n=$n  $r_out"
c_s=$(echo "$c_out" | awk '{for (i = 1; i <= NF; i++) if ($i == "s") { print $(i-1); exit }}')
r_s=$(echo "$r_out" | awk '{print $1}')
awk -v c="$c_s" -v r="$r_s" 'BEGIN { printf "speed ratio R / libsurv: %.1fx\n", r / c }'
