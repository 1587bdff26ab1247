# Shared by the program tests (sourced): compare OUTPUT EXPECTED, where
# EXPECTED is a fixture written by an R script (lines starting with '#'
# skipped). Same number of lines, same header; numbers within
# COMPARE_RTOL relative (default 1e-10; 1e-8 for survreg's iterative fits), NA exactly where the fixture has NA, any other text (group
# labels, the names of test lines) equal. Prints the differences; returns 0
# when they agree.
compare() {
  awk -F'\t' -v rtol="${COMPARE_RTOL:-1e-10}" '
    FNR == NR { if ($0 !~ /^#/) want[++nw] = $0; next }
    { got[++ng] = $0 }
    END {
      if (ng != nw) { printf "rows: got %d lines, want %d\n", ng, nw; exit 1 }
      if (got[1] != want[1]) { printf "header: got [%s] want [%s]\n", got[1], want[1]; exit 1 }
      bad = 0
      for (i = 2; i <= nw; i++) {
        nf = split(want[i], w, "\t"); ng2 = split(got[i], g, "\t")
        if (nf != ng2) { printf "line %d: %d fields, want %d\n", i, ng2, nf; bad = 1; continue }
        for (j = 1; j <= nf; j++) {
          if (w[j] == "NA" || g[j] == "NA") {
            if (w[j] != g[j]) { printf "line %d col %d: got %s want %s\n", i, j, g[j], w[j]; bad = 1 }
            continue
          }
          if (w[j] !~ /^-?([0-9]+\.?[0-9]*|\.[0-9]+)([eE][-+]?[0-9]+)?$/) {
            if (w[j] != g[j]) { printf "line %d col %d: got %s want %s\n", i, j, g[j], w[j]; bad = 1 }
            continue
          }
          if (g[j] !~ /^-?([0-9]+\.?[0-9]*|\.[0-9]+)([eE][-+]?[0-9]+)?$/) {
            printf "line %d col %d: not a number: %s\n", i, j, g[j]; bad = 1; continue
          }
          d = g[j] - w[j]; if (d < 0) d = -d
          s = w[j] + 0; if (s < 0) s = -s
          if (s == 0 ? d > rtol : d > rtol * s) {
            printf "line %d col %d: got %s want %s (rel %.3g)\n", i, j, g[j], w[j], (s ? d / s : d); bad = 1
          }
        }
      }
      exit bad
    }' "$2" "$1"
}

