#!/bin/sh
# examples/surv-survreg against R: every number of the coefficient table and
# of --summary agrees with survreg() fixtures
# (tests/fixtures/make-survreg-prog-fixtures.R) to 1e-8 relative (the
# issue's tolerance for iterative fits), names exactly; rows with NA in a
# used column are left out and counted on stderr; bad data fail with
# "surv-survreg: FILE:LINE: message" (or FILE: message), exit 1 and an empty
# stdout; usage errors exit 2.
set -u
prog="${surv_bindir:-$top_builddir/examples}/surv-survreg"
fx="$top_srcdir/tests/fixtures"
tmp=${TMPDIR:-/tmp}/surv-survregprog.$$
mkdir -p "$tmp"; trap 'rm -rf "$tmp"' EXIT
fail=0; n=0

# compare OUTPUT EXPECTED (tests/compare-tsv.sh) at the issue's 1e-8 for
# iterative fits: names exactly, NA only where R has NA.
COMPARE_RTOL=1e-8
. "$top_srcdir/tests/compare-tsv.sh"

ok() { n=$((n + 1)); }
ko() { echo "FAIL: $*"; fail=1; n=$((n + 1)); }

# run_ok NAME EXPECTED STDERR ARGS...: exit 0, stderr exactly STDERR (may
# be empty), stdout matches EXPECTED.
run_ok() {
  name=$1; want=$2; werr=$3; shift 3
  if "$prog" "$@" > "$tmp/out" 2> "$tmp/err" &&
     [ "$(cat "$tmp/err")" = "$werr" ] &&
     compare "$tmp/out" "$want" > "$tmp/cmp" 2>&1; then ok
  else ko "$name"; cat "$tmp/err" "$tmp/cmp" 2>/dev/null | head -5; fi
}

# run_bad NAME STATUS PATTERN ARGS...: exit STATUS, empty stdout, stderr one
# line matching PATTERN (grep -E).
run_bad() {
  name=$1; want=$2; pat=$3; shift 3
  "$prog" "$@" > "$tmp/out" 2> "$tmp/err"; st=$?
  if [ "$st" -eq "$want" ] && [ ! -s "$tmp/out" ] &&
     head -1 "$tmp/err" | grep -Eq -e "$pat"; then ok
  else ko "$name (exit $st)"; head -3 "$tmp/err"; fi
}

lung="$fx/survreg-prog-lung.csv"
drop1="surv-survreg: 1 row with missing values left out"

# 1. Numbers against R
for d in weibull exponential lognormal loglogistic gaussian logistic; do
  run_ok "lung $d" "$fx/survreg-prog-lung-$d.tsv" "$drop1" \
    --dist=$d "$lung" age sex ph_ecog
done
run_ok "lung default dist" "$fx/survreg-prog-lung-weibull.tsv" "$drop1" \
  "$lung" age sex ph_ecog
run_ok "lung summary" "$fx/survreg-prog-lung-weibull-summary.tsv" "$drop1" \
  --summary "$lung" age sex ph_ecog
run_ok "lung strata" "$fx/survreg-prog-lung-strata.tsv" "$drop1" \
  --strata=sex "$lung" age ph_ecog
run_ok "lung strata summary" "$fx/survreg-prog-lung-strata-summary.tsv" \
  "$drop1" --summary --strata=sex "$lung" age ph_ecog
run_ok "lung weights" "$fx/survreg-prog-lung-weights.tsv" "" \
  --dist=lognormal --weights=w "$lung" age sex
run_ok "lung intercept only" "$fx/survreg-prog-lung-null.tsv" "" "$lung" 1
run_ok "veteran factor" "$fx/survreg-prog-veteran-lognormal.tsv" "" \
  --dist=lognormal "$fx/survreg-prog-veteran.csv" trt celltype karno
run_ok "veteran summary" "$fx/survreg-prog-veteran-lognormal-summary.tsv" "" \
  --summary --dist=lognormal "$fx/survreg-prog-veteran.csv" trt celltype karno
for d in weibull loglogistic gaussian; do
  run_ok "interval $d" "$fx/survreg-prog-icens-$d.tsv" "" \
    --dist=$d --interval=left,right "$fx/survreg-prog-icens.csv" z grp
done
run_ok "interval strata" "$fx/survreg-prog-icens-strata.tsv" "" \
  --interval=left,right --strata=site "$fx/survreg-prog-icens.csv" z
run_ok "interval strata summary" "$fx/survreg-prog-icens-strata-summary.tsv" \
  "" --summary --interval=left,right --strata=site \
  "$fx/survreg-prog-icens.csv" z
# standard input, renamed columns, CRLF
sed -e '1s/time/tt/' -e '1s/status/ev/' -e 's/$/\r/' "$lung" > "$tmp/ren.csv"
run_ok "renamed columns, CRLF" "$fx/survreg-prog-lung-weibull.tsv" "$drop1" \
  --time=tt --status=ev "$tmp/ren.csv" age sex ph_ecog
run_ok "stdin" "$fx/survreg-prog-lung-weibull.tsv" "$drop1" \
  - age sex ph_ecog < "$lung"

# issue 18: the status as text with --event (and --censor), --strict
awk -F, 'BEGIN { OFS = "," } NR > 1 { $2 = ($2 == 2 ? "dead" : "alive") } 1' "$lung" > "$tmp/words.csv"
run_ok "--event=dead" "$fx/survreg-prog-lung-weibull.tsv" "$drop1" \
  --event=dead "$tmp/words.csv" age sex ph_ecog
run_ok "--event=dead --censor=alive" "$fx/survreg-prog-lung-weibull.tsv" "$drop1" \
  --event=dead --censor=alive "$tmp/words.csv" age sex ph_ecog
run_bad "--strict" 1 "^surv-survreg: .*lung.*:[0-9]*: missing value in column 'ph_ecog'" \
  --strict "$lung" age sex ph_ecog
run_bad "--censor alone" 2 "^surv-survreg: --censor=alive needs --event" \
  --censor=alive "$tmp/words.csv" age sex ph_ecog

# 2. Bad data: exit 1, nothing on stdout
printf 'time,status,x\n1,1,0\n2,3,1\n3,1,0\n' > "$tmp/st.csv"
run_bad "status 3" 1 "^surv-survreg: .*st.csv:3: column 'status' must hold 0/1" \
  "$tmp/st.csv" x
printf 'time,status,x\n1,1,0\n0,1,1\n3,0,0\n' > "$tmp/t0.csv"
run_bad "time 0 for weibull" 1 "t0.csv:3: times must be > 0 for the weibull" \
  "$tmp/t0.csv" x
printf 'time,status,x\n1,1,0\n-2,1,1\n3,0,0\n' > "$tmp/neg.csv"
run_bad "negative time" 1 "neg.csv:3: column 'time' must not be negative" \
  --dist=gaussian "$tmp/neg.csv" x
printf 'time,status,x\n1,1,0\nabc,1,1\n3,0,0\n' > "$tmp/abc.csv"
run_bad "time not a number" 1 "abc.csv:3: .*time" "$tmp/abc.csv" x
printf 'time,status,x,w\n1,1,0,1\n2,1,1,0\n3,0,0,1\n' > "$tmp/w0.csv"
run_bad "zero weight" 1 "w0.csv:3: weights \\(column 'w'\\) must be > 0" \
  --weights=w "$tmp/w0.csv" x
printf 'l,r,x\n1,2,0\n3,2,1\n3,NA,0\n' > "$tmp/lr.csv"
run_bad "left above right" 1 "lr.csv:3: the left bound is above the right" \
  --interval=l,r "$tmp/lr.csv" x
run_bad "no such column" 1 "no column named 'nosuch'" "$lung" age nosuch
run_bad "no such file" 1 "^surv-survreg: .*nofile" "$tmp/nofile.csv" age
printf 'time,status,x\n1,0,0\n2,0,1\n3,0,0\n' > "$tmp/cens.csv"
run_bad "all censored" 1 "cens.csv: no events" "$tmp/cens.csv" x
printf 'time,status,x\n1,1,a\n2,1,a\n3,0,a\n' > "$tmp/lev.csv"
run_bad "one-level factor" 1 "lev.csv: column 'x' has a single level" \
  "$tmp/lev.csv" x
printf 'time,status,x\n1,1,NA\n2,1,\n' > "$tmp/na.csv"
run_bad "every row missing" 1 "na.csv: no rows left" "$tmp/na.csv" x
printf 'time,status,x\n1,1,0\n2,1\n' > "$tmp/short.csv"
run_bad "short row" 1 "short.csv:3:" "$tmp/short.csv" x

# 3. Usage errors: exit 2 with the usage line
run_bad "no arguments" 2 "^surv-survreg: missing FILE"
run_bad "no term" 2 "^surv-survreg: missing TERM" "$lung"
run_bad "unknown dist" 2 "unknown distribution 'weibul'" --dist=weibul "$lung" age
run_bad "bad interval" 2 "--interval needs two column names" --interval=left "$lung" age
run_bad "unknown option" 2 "unknown option '--frobnicate'" --frobnicate "$lung" age
run_bad "strata with exponential" 2 "--strata needs an estimated scale" \
  --dist=exponential --strata=sex "$lung" age
run_bad "1 with other terms" 2 "the term 1" "$lung" 1 age
"$prog" > /dev/null 2> "$tmp/err"
if grep -q '^usage: surv-survreg' "$tmp/err"; then ok; else ko "usage line"; fi
if "$prog" --help | grep -q '^usage: surv-survreg'; then ok; else ko "--help"; fi
if "$prog" --version | grep -q '^surv-survreg (libsurv '; then ok; else ko "--version"; fi

echo "check-survreg-prog: $n checks"
exit $fail
