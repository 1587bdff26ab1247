#!/bin/sh
# examples/surv-cif against R: the Aalen-Johansen cumulative incidence per
# group (survfit on a factor status) and Gray's test (cmprsk cuminc) of
# tests/fixtures/make-prog18-fixtures.R, every number within 1e-10
# relative; bad input exits 1 with "surv-cif: FILE:LINE: message" and an
# empty stdout; usage errors exit 2.
set -u
prog="${surv_bindir:-$top_builddir/examples}/surv-cif"
fx="$top_srcdir/tests/fixtures"
tmp=${TMPDIR:-/tmp}/surv-cifprog.$$
mkdir -p "$tmp"; trap 'rm -rf "$tmp"' EXIT
fail=0; n=0
. "$top_srcdir/tests/compare-tsv.sh"
ok() { n=$((n + 1)); }
ko() { echo "FAIL: $*"; fail=1; n=$((n + 1)); }
run_ok() {
  name=$1; want=$2; shift 2
  if "$prog" "$@" > "$tmp/out" 2> "$tmp/err" && [ ! -s "$tmp/err" ] &&
     compare "$tmp/out" "$want" > "$tmp/cmp" 2>&1; then ok
  else ko "$name"; cat "$tmp/err" "$tmp/cmp" 2>/dev/null | head -5; fi
}
mg="$fx/prog18-mgus2.csv"
run_ok "mgus2 by sex" "$fx/prog18-cif-mgus2-sex.tsv" --group=sex "$mg"
run_ok "mgus2 at given times" "$fx/prog18-cif-mgus2-sex-at.tsv" --group=sex \
  --at=12,60,120.5,400,1000 "$mg"
run_ok "mgus2 Gray test" "$fx/prog18-cif-mgus2-sex-gray.tsv" --group=sex --test "$mg"
# other column names, standard input, NA rows left out
sed '1s/"time"/"months"/; 1s/"status"/"cause"/' "$mg" > "$tmp/renamed.csv"
run_ok "renamed columns" "$fx/prog18-cif-mgus2-sex.tsv" --time=months \
  --status=cause --group=sex "$tmp/renamed.csv"
{ cat "$mg"; printf 'NA,1,"F"\n3,,"M"\n4,1,NA\n'; } > "$tmp/na.csv"
if "$prog" --group=sex - < "$tmp/na.csv" > "$tmp/out" 2> "$tmp/err" &&
   [ "$(cat "$tmp/err")" = "surv-cif: 3 rows with missing values left out" ] &&
   compare "$tmp/out" "$fx/prog18-cif-mgus2-sex.tsv" > "$tmp/cmp"; then ok
else ko "NA rows"; cat "$tmp/err" "$tmp/cmp" | head -5; fi
# without --group: the F rows of a file holding only the F group, unlabelled
awk -F, 'NR == 1 || $3 == "\"F\""' "$mg" > "$tmp/f.csv"
awk -F'\t' '/^#/ { next } NR == 2 || $1 == "F"' "$fx/prog18-cif-mgus2-sex.tsv" |
  cut -f2- > "$tmp/f.tsv"
run_ok "one group" "$tmp/f.tsv" "$tmp/f.csv"

# bad input: exit 1, one line naming the file and line
bad() {
  name=$1; pat=$2; printf "$3" > "$tmp/bad.csv"; shift 3
  "$prog" "$@" "$tmp/bad.csv" > "$tmp/out" 2> "$tmp/err"; rc=$?
  if [ $rc -eq 1 ] && [ ! -s "$tmp/out" ] && [ "$(wc -l < "$tmp/err")" -eq 1 ] &&
     grep -q "^surv-cif: $pat" "$tmp/err"; then ok
  else ko "$name (rc $rc)"; cat "$tmp/err"; fi
}
bad fractional-cause "$tmp/bad.csv:3: column 'status': '1.5'" 'time,status\n1,1\n2,1.5\n'
bad negative-cause "$tmp/bad.csv:2: column 'status': '-1'" 'time,status\n1,-1\n'
bad text-cause "$tmp/bad.csv:2: column 'status': 'x'" 'time,status\n1,x\n'
bad strict "$tmp/bad.csv:3: missing value in column 'g'" 'time,status,g\n1,1,a\n2,1,\n' --strict --group=g
bad one-group "$tmp/bad.csv: all subjects are in one group" 'time,status,g\n1,1,a\n2,2,a\n' --test --group=g
bad no-column "$tmp/bad.csv:1: no column named 'g'" 'time,status\n1,1\n' --group=g
bad negative-time "$tmp/bad.csv:2:" 'time,status\n-1,1\n'
bad empty "$tmp/bad.csv:1: no data rows" 'time,status\n'
# usage errors exit 2; --help exits 0
for args in "--test x" "--at=1,x x" "--at=-1 x" "--at=1 --test --group=g x" "--event=1 x" "--conf-type=cubic x" "--conf-level=1 x" \
    "--bogus x" "a b" "--group= x" "--weights=w x" "--entry=e x"; do
  "$prog" $args > "$tmp/out" 2> "$tmp/err"; rc=$?
  if [ $rc -eq 2 ] && [ ! -s "$tmp/out" ] && grep -q '^usage: surv-cif ' "$tmp/err"; then ok
  else ko "usage '$args' (rc $rc)"; fi
done
if "$prog" --help | grep -q '^usage: surv-cif '; then ok; else ko help; fi

[ $fail = 0 ] && echo "check-cif-prog: all $n cases passed"
exit $fail
