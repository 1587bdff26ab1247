#!/bin/sh
# examples/surv-logrank against R survdiff (fixtures logrank-prog-*.tsv made by
# tests/fixtures/make-compare-fixtures.R; with --entry, the delayed-entry
# reference of make-logrank-lt-fixtures.R): every number within 1e-10
# relative; bad input fails with "surv-logrank: FILE:LINE: message", exit 1 and
# an empty stdout; usage errors exit 2.
set -u
prog="${surv_bindir:-$top_builddir/examples}/surv-logrank"
fx="$top_srcdir/tests/fixtures"
tmp=${TMPDIR:-/tmp}/surv-lrprog.$$
mkdir -p "$tmp"; trap 'rm -rf "$tmp"' EXIT
fail=0; n=0
ok() { n=$((n + 1)); }
ko() { echo "FAIL: $*"; fail=1; n=$((n + 1)); }

# compare GOT WANT: same header and labels, numbers within 1e-10 relative.
compare() {
  awk -F'\t' '
    FNR == NR { if ($0 !~ /^#/) want[++nw] = $0; next }
    { got[++ng] = $0 }
    END {
      if (ng != nw) { printf "got %d lines, want %d\n", ng, nw; exit 1 }
      for (i = 1; i <= nw; i++) {
        nf = split(want[i], w, "\t")
        if (split(got[i], g, "\t") != nf) { printf "line %d: field count\n", i; exit 1 }
        for (j = 1; j <= nf; j++) {
          if (w[j] == g[j]) continue
          if (w[j] !~ /^-?[0-9.]/ || g[j] !~ /^-?[0-9.]/) {
            printf "line %d: got %s want %s\n", i, g[j], w[j]; exit 1 }
          d = g[j] - w[j]; s = w[j] + 0; if (d < 0) d = -d; if (s < 0) s = -s
          if (d > 1e-10 * s) { printf "line %d: got %s want %s\n", i, g[j], w[j]; exit 1 }
        }
      }
    }' "$2" "$1"
}

# csv FILE COLS...: the named columns of a fixture data set as CSV, rows with
# NA dropped; the first column is renamed "group" when GROUP is set.
csv() {
  f=$1; grp=$2; shift 2
  awk -F'\t' -v cols="$*" -v grp="$grp" '
    /^#/ { next }
    !hdr { for (i = 1; i <= NF; i++) idx[$i] = i; nc = split(cols, c, " ")
           for (j = 1; j <= nc; j++) printf "%s%s", (c[j] == grp ? "group" : c[j]), (j < nc ? "," : "\n")
           hdr = 1; next }
    { line = ""; bad = 0
      for (j = 1; j <= nc; j++) { v = $(idx[c[j]]); if (v == "NA") bad = 1
        line = line v (j < nc ? "," : "") }
      if (!bad) print line }' "$fx/$f"
}

run_ok() {
  name=$1; want=$2; shift 2
  if "$prog" "$@" > "$tmp/out" 2> "$tmp/err" && [ ! -s "$tmp/err" ] &&
     compare "$tmp/out" "$fx/$want" > "$tmp/cmp" 2>&1; then ok
  else ko "$name"; cat "$tmp/err" "$tmp/cmp" | head -5; fi
}

csv cmp-lung.tsv sex time status sex > "$tmp/lung.csv"
csv cmp-lung.tsv ph_ecog time status ph_ecog > "$tmp/ecog.csv"
csv cmp-veteran.tsv trt time status trt celltype > "$tmp/vet.csv"
run_ok lung logrank-prog-lung.tsv "$tmp/lung.csv"
run_ok lung-rho1 logrank-prog-lung-rho1.tsv --rho=1 "$tmp/lung.csv"
run_ok ecog logrank-prog-ecog.tsv "$tmp/ecog.csv"
run_ok vet-strata logrank-prog-vet.tsv --rho=0.5 --strata=celltype "$tmp/vet.csv"
# delayed entry: survival's heart data (transplant; strata surgery, rho 1)
# and a group never at risk at an event (E = 0: NA ratios, df 1)
csv lt-heart.tsv transplant entry time status transplant surgery > "$tmp/heart.csv"
csv lt-edge2.tsv g entry time status g > "$tmp/edge2.csv"
run_ok heart-entry logrank-prog-heart.tsv --entry=entry "$tmp/heart.csv"
run_ok heart-entry-str logrank-prog-heart-str-rho1.tsv --entry=entry --rho=1 \
  --strata=surgery "$tmp/heart.csv"
run_ok edge2-entry logrank-prog-edge2.tsv "$tmp/edge2.csv" --entry=entry
if "$prog" - < "$tmp/lung.csv" > "$tmp/out" 2>&1 &&
   compare "$tmp/out" "$fx/logrank-prog-lung.tsv" > /dev/null; then ok; else ko stdin; fi

# bad_input NAME PATTERN CSV-TEXT: exit 1, empty stdout, message on stderr.
bad_input() {
  name=$1; pat=$2; printf "$3" > "$tmp/bad.csv"; shift 3
  "$prog" "$@" "$tmp/bad.csv" > "$tmp/out" 2> "$tmp/err"; rc=$?
  if [ $rc -eq 1 ] && [ ! -s "$tmp/out" ] && grep -q "^surv-logrank: $pat" "$tmp/err"; then ok
  else ko "$name (rc $rc)"; cat "$tmp/err"; fi
}
bad_input no-group "$tmp/bad.csv:1: no column named 'group'" 'time,status\n1,1\n'
bad_input no-time "$tmp/bad.csv:1: no column named 'time'" 'status,group\n1,1\n'
bad_input neg-time "$tmp/bad.csv:3:" 'time,status,group\n1,1,1\n-2,1,2\n'
bad_input bad-status "$tmp/bad.csv:2:" 'time,status,group\n1,3,1\n2,1,2\n'
bad_input status-0-with-2 "$tmp/bad.csv:3: column 'status': '2' is 2 but" 'time,status,group\n1,0,1\n2,2,2\n'
bad_input text-time "$tmp/bad.csv:2:" 'time,status,group\nx,1,1\n2,1,2\n'
bad_input one-text-group "$tmp/bad.csv: all subjects are in one group" 'time,status,group\n1,1,a\n2,1,a\n'
bad_input miss-group "$tmp/bad.csv:2: missing value in column 'group'" 'time,status,group\n1,1,\n2,1,2\n' --strict
bad_input one-group "$tmp/bad.csv: all subjects are in one group" 'time,status,group\n1,1,1\n2,1,1\n'
bad_input empty "$tmp/bad.csv:1: no data rows" 'time,status,group\n'
bad_input no-strata "$tmp/bad.csv:1: no column named 's'" 'time,status,group\n1,1,1\n2,1,2\n' --strata=s
bad_input ragged "$tmp/bad.csv:3:" 'time,status,group\n1,1,1\n2,1\n'
bad_input no-entry "$tmp/bad.csv:1: no column named 'e'" 'time,status,group\n1,1,1\n2,1,2\n' --entry=e
bad_input entry-ge-time "$tmp/bad.csv:3: entry (column 'e') must be less than time" 'e,time,status,group\n0,1,1,1\n2,2,1,2\n' --entry=e
bad_input neg-entry "$tmp/bad.csv:2:" 'e,time,status,group\n-1,1,1,1\n0,2,1,2\n' --entry=e
bad_input miss-entry "$tmp/bad.csv:2:" 'e,time,status,group\n,1,1,1\n0,2,1,2\n' --entry=e --strict
bad_input miss-left-one-group "$tmp/bad.csv: all subjects are in one group" 'e,time,status,group\n,1,1,1\n0,2,1,2\n' --entry=e
bad_input collapse "$tmp/bad.csv: an (entry, time] interval collapses" 'e,time,status,group\n0.3,0.30000000000000004,1,1\n0,2,1,2\n' --entry=e
# Issue 18 against R (tests/fixtures/make-prog18-fixtures.R): any column
# names, text group labels, 1/2 and TRUE/FALSE status, --event, rows with NA
# left out (counted on stderr), numeric labels that are not integers.
run_ok lung18-sex prog18-logrank-lung-sex.tsv --time=days --status=vital \
  --group=sex "$fx/prog18-lung.csv"
run_ok lung18-sex-event prog18-logrank-lung-sex.tsv --time=days \
  --status=outcome --event=dead --group=sex "$fx/prog18-lung.csv"
run_ok vet18-celltype-trt prog18-logrank-vet-celltype-trt.tsv \
  --group=celltype --strata=trt "$fx/prog18-veteran.csv"
"$prog" --time=days --status=vital --group=ecog "$fx/prog18-lung.csv" > "$tmp/out" 2> "$tmp/err"
if [ "$(cat "$tmp/err")" = "surv-logrank: 1 row with missing values left out" ] &&
   compare "$tmp/out" "$fx/prog18-logrank-lung-ecog.tsv" > "$tmp/cmp" 2>&1; then ok
else ko lung18-ecog-na; cat "$tmp/err" "$tmp/cmp" | head -5; fi
# group labels 0.5 and 1.5 (numbers, not integers): same test as 1 and 2
sed '1!s/,1$/,0.5/; 1!s/,2$/,1.5/' "$tmp/lung.csv" > "$tmp/lung-frac.csv"
"$prog" "$tmp/lung-frac.csv" | sed '2s/^0\.5/1/; 3s/^1\.5/2/' > "$tmp/out"
if compare "$tmp/out" "$fx/logrank-prog-lung.tsv" > "$tmp/cmp" 2>&1; then ok
else ko frac-labels; cat "$tmp/cmp"; fi
"$prog" "$tmp/nonexistent.csv" > "$tmp/out" 2> "$tmp/err"
if [ $? -eq 1 ] && [ ! -s "$tmp/out" ] && grep -q "^surv-logrank: " "$tmp/err"; then ok; else ko missing-file; fi

# usage errors exit 2; --help exits 0
for args in "--rho=abc x" "--rho=nan x" "--bogus x" "a b" "--strata= x" "--entry= x" \
    "--censor=0 x" "--event=1 --censor=1 x" "--weights=w x" "--group= x"; do
  "$prog" $args > /dev/null 2>&1; rc=$?
  if [ $rc -eq 2 ]; then ok; else ko "usage '$args' (rc $rc)"; fi
done
if "$prog" --help | grep -q '^usage: surv-logrank '; then ok; else ko help; fi

[ $fail = 0 ] && echo "check-logrank-prog: $n checks passed"
exit $fail
