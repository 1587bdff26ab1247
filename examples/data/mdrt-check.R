# Independent audit of the SYNTHETIC MDRT cohort with R and survival (not run
# by the test suite, which never needs R): recompute every published figure of
# LeVee et al., Cancers 2025;17(13):2153 from mdrt_cohort.csv.
#   Rscript examples/data/mdrt-check.R [examples/data/mdrt_cohort.csv]
# Checked with R 4.2.2 and survival 3.5-3.
suppressMessages(library(survival))
args <- commandArgs(TRUE)
path <- if (length(args)) args[1] else "examples/data/mdrt_cohort.csv"
d <- read.csv(path, check.names = FALSE, stringsAsFactors = FALSE)
lv <- c("HR+/HER2-", "HER2+", "TNBC")
d$subtype <- factor(d$subtype, levels = lv)
e <- d[!is.na(d$followup_months), ]
oy <- e[e$followup_months >= 12, ]
rem <- table(e$subtype, factor(e$ttnt_months >= 6, c(TRUE, FALSE)))
pc <- function(x, n, show_n = FALSE)
  if (show_n) sprintf("%d/%d (%.0f%%)", x, n, 100 * x / n) else sprintf("%d (%.0f%%)", x, 100 * x / n)
km <- function(t, s) {
  q <- quantile(survfit(Surv(t, s) ~ 1, conf.type = "log-log"), 0.5)
  sprintf("%.1f (%.1f-%.1f)", q$quantile, q$lower, q$upper)
}
got <- c(nrow(d), table(d$subtype), nrow(e),
  pc(sum(rem[, 1]), nrow(e)),
  sapply(1:3, function(k) pc(rem[k, 1], sum(rem[k, ]), TRUE)),
  sprintf("%.2f", suppressWarnings(chisq.test(rem))$p.value),
  nrow(oy), pc(sum(oy$ttnt_months >= 12), nrow(oy)),
  km(e$ttnt_months, e$ttnt_event), km(e$pfs_months, e$pfs_event))
want <- c("52", "36", "10", "6", "47", "28 (60%)", "22/34 (65%)", "5/9 (56%)",
  "1/4 (25%)", "0.30", "38", "18 (47%)", "6.9 (5.7-14.7)", "6.2 (4.1-9.7)")
print(data.frame(published = want, R = as.character(got),
  match = ifelse(want == got, "match", "MISMATCH")))
cat(sprintf("chi-square p %.4f, G p %.4f, Fisher-Freeman-Halton p %.4f\n",
  suppressWarnings(chisq.test(rem))$p.value,
  pchisq(2 * sum(rem * log(rem / suppressWarnings(chisq.test(rem))$expected)),
    2, lower.tail = FALSE), fisher.test(rem)$p.value))
# Not published (mdrt section 4): median follow-up by reverse Kaplan-Meier.
# The cohort has no vital status, so every end of follow-up censors death:
# the reverse KM's "event" is 1 for all 47 (see surv-mdrt(1), part 4).
fu <- quantile(survfit(Surv(followup_months, rep(1, nrow(e))) ~ 1, data = e,
  conf.type = "log-log"), 0.5)
cat(sprintf("median follow-up %.12g months (95%% CI %.12g, %.12g)\n",
  fu$quantile, fu$lower, fu$upper))
# Not published: TTNT and PFS medians by subtype and the log-rank test.
for (v in c("ttnt", "pfs")) {
  f <- as.formula(sprintf("Surv(%s_months, %s_event) ~ subtype", v, v))
  q <- quantile(survfit(f, data = e, conf.type = "log-log"), 0.5)
  for (k in 1:3)
    cat(sprintf("%s %s median %.12g (95%% CI %.12g, %.12g)\n", toupper(v),
      lv[k], q$quantile[k], q$lower[k], q$upper[k]))
  sd <- survdiff(f, data = e)
  df <- sum(sd$exp > 0) - 1
  cat(sprintf("%s log-rank chi-square = %.12g, df = %d, p = %.12g\n",
    toupper(v), sd$chisq, df, pchisq(sd$chisq, df, lower.tail = FALSE)))
}
quit(status = if (all(want == got)) 0 else 1)
