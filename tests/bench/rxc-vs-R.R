# Times R's fisher.test on the cases of tests/bench_rxc (not run by CI).
# Usage, from the build tree:
#   ./tests/bench_rxc --print > /tmp/rxc-cases.tsv
#   Rscript tests/bench/rxc-vs-R.R /tmp/rxc-cases.tsv
# Each case runs in a child R (timeout 60 s) with the default workspace and
# with workspace = 2e8; prints seconds and p, or the error / "timeout".
args <- commandArgs(trailingOnly = TRUE)
cases <- read.table(args[1], sep = "\t", colClasses = "character")
one <- function(id, r, cells, ws) {
  code <- sprintf(
    "x <- matrix(c(%s), %s, byrow = TRUE); t0 <- proc.time()[['elapsed']];
     p <- tryCatch(fisher.test(x%s)$p.value, error = function(e) conditionMessage(e));
     cat(sprintf('%%.3f\\t%%s', proc.time()[['elapsed']] - t0,
                 if (is.numeric(p)) formatC(p, digits = 12, format = 'g') else gsub('\\n.*', '', p)))",
    cells, r, if (is.na(ws)) "" else sprintf(", workspace = %g", ws))
  f <- tempfile(fileext = ".R"); writeLines(code, f)
  out <- suppressWarnings(system2("timeout", c("60", "Rscript", f), stdout = TRUE, stderr = FALSE))
  if (length(out) == 0) "timeout\t-" else out[length(out)]
}
cat("case\tdims\tdefault_s\tdefault_p\tws2e8_s\tws2e8_p\n")
for (k in seq_len(nrow(cases))) {
  id <- cases[k, 1]; r <- cases[k, 2]; cc <- cases[k, 3]; cells <- cases[k, 4]
  a <- one(id, r, cells, NA); b <- one(id, r, cells, 2e8)
  cat(id, "\t", r, "x", cc, "\t", a, "\t", b, "\n", sep = "")
}
