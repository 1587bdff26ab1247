#!/bin/sh
# Not run by make check or CI: times R survreg and libsurv on the same
# 10^6 rows (see tests/bench_survreg.c for the data), the three fits of
# bench_survreg, and prints them side by side with the load.
# Needs Rscript with survival, and `make tests/bench_survreg` first.
# Usage: tests/bench/survreg-vs-R.sh [n]   (from the build directory)
set -eu
n=${1:-1000000}
uptime
echo "libsurv:"
./tests/bench_survreg "$n"
echo "R survreg:"
Rscript -e '
  suppressMessages(library(survival))
  n <- as.numeric(commandArgs(TRUE)[1]); i <- seq_len(n)
  u <- ((i * 7919) %% 1000003 + 0.5) / 1000003
  x1 <- ((i * 104729) %% 1000) / 1000 - 0.5; x2 <- i %% 2
  x3 <- ((i * 31) %% 97) / 97; st <- i %% 4
  t <- exp(1 + 0.8 * x1 - 0.5 * x2 + 0.3 * x3 + 0.7 * log(-log(u)))
  s <- as.integer(i %% 4 != 0); t[s == 0] <- t[s == 0] * 0.6
  run <- function(what, expr) {
    tm <- system.time(f <- eval(expr))[["elapsed"]]
    cat(sprintf("%-26s n=%d  %.3f s  iter=%d  loglik=%.12g\n", what, n, tm,
                f$iter, f$loglik[2]))
  }
  run("weibull, p=3", quote(survreg(Surv(t, s) ~ x1 + x2 + x3)))
  run("lognormal, p=3", quote(survreg(Surv(t, s) ~ x1 + x2 + x3,
                                      dist = "lognormal")))
  run("weibull, p=3, 4 strata", quote(survreg(Surv(t, s) ~ x1 + x2 + x3 +
                                              strata(st))))' "$n"
uptime
