#!/bin/sh
# surv-audit: the KEYNOTE-189 audit end to end (both arms reconstructed by
# surv-ipd from the digitized curves, then every published figure checked;
# the table against tests/fixtures/audit-keynote189.tsv, made by R); figures
# that all match exit 0; a deliberately wrong figure gives MISMATCH and exit
# 1; the tolerance rule at its edges on a small data set; malformed figures
# files and data give one "surv-audit: FILE:LINE: message" line and exit 1;
# usage errors exit 2.
set -u
audit="${surv_bindir:-$top_builddir/examples}/surv-audit"
ipd="${surv_bindir:-$top_builddir/examples}/surv-ipd"
data="$top_srcdir/examples/data"
fix="$top_srcdir/tests/fixtures"
figs="$data/keynote189-figures.txt"
tmp=${TMPDIR:-/tmp}/surv-audit.$$
mkdir -p "$tmp"
trap 'rm -rf "$tmp"' EXIT
fail=0
n=0
ok() { n=$((n + 1)); }
bad() {
  echo "FAIL: $*"
  fail=1
}

# 1. KEYNOTE-189: reconstruct both arms, label them, audit.
for arm in pembrolizumab placebo; do
  "$ipd" --at-risk="$data/ipd/keynote189_os_${arm}_at_risk.csv" \
    "$data/ipd/keynote189_os_${arm}_clicks.csv" >"$tmp/$arm.csv" ||
    bad "surv-ipd $arm: exit $?"
done
{
  sed '1s/$/,arm/; 2,$s/$/,pembrolizumab/' "$tmp/pembrolizumab.csv"
  sed '1d; s/$/,placebo/' "$tmp/placebo.csv"
} >"$tmp/kn.csv"
# the reconstruction the R fixture was computed from
cmp -s "$tmp/kn.csv" "$fix/audit-keynote189-ipd.csv" && ok ||
  bad "surv-ipd no longer gives tests/fixtures/audit-keynote189-ipd.csv"
"$audit" "$tmp/kn.csv" "$figs" >"$tmp/out" 2>"$tmp/err"
st=$?
[ $st = 1 ] && ok || bad "KEYNOTE-189: exit $st, want 1 (the deaths differ)"
[ "$(cat "$tmp/err")" = "surv-audit: $figs: 2 of 10 published figures do not match" ] &&
  ok || bad "KEYNOTE-189: stderr '$(cat "$tmp/err")'"
# text columns exact, numbers within 1e-10 relative of R's
grep -v '^#' "$fix/audit-keynote189.tsv" >"$tmp/want"
[ "$(wc -l <"$tmp/out")" = "$(wc -l <"$tmp/want")" ] && ok ||
  bad "KEYNOTE-189: $(wc -l <"$tmp/out") lines, want $(wc -l <"$tmp/want")"
paste "$tmp/out" "$tmp/want" | awk -F'\t' '
  function num(a, b) {
    if (a == "NA" || b == "NA") return a == b
    d = a - b; if (d < 0) d = -d
    m = b < 0 ? -b : b
    return d <= 1e-10 * m
  }
  { for (i = 1; i <= 8; i++) {
      a = $i; b = $(i + 8)
      same = (NR > 1 && i >= 4 && i <= 6) ? num(a, b) : a == b
      if (!same) { print "line " NR " column " i ": " a " want " b; bad++ }
    } }
  END { exit bad > 0 }' >"$tmp/diff" && ok ||
  bad "KEYNOTE-189 table: $(head -n 3 "$tmp/diff")"

# 2. The figures that match (the deaths left out): exit 0, stderr empty.
grep -v ' events ' "$figs" >"$tmp/matching.txt"
"$audit" "$tmp/kn.csv" "$tmp/matching.txt" >"$tmp/out" 2>"$tmp/err" && ok ||
  bad "matching figures: exit $?"
[ ! -s "$tmp/err" ] && [ "$(grep -c 'match$' "$tmp/out")" = 8 ] &&
  ! grep -q MISMATCH "$tmp/out" && ok || bad "matching figures: $(cat "$tmp/err")"
# the same from standard input
"$audit" "$tmp/kn.csv" - <"$tmp/matching.txt" >"$tmp/out2" 2>&1 &&
  cmp -s "$tmp/out" "$tmp/out2" && ok || bad "figures on standard input"

# 3. A deliberately wrong figure: the hazard ratio as 0.59.
sed 's/^hr pembrolizumab vs placebo 0.49/hr pembrolizumab vs placebo 0.59/' \
  "$tmp/matching.txt" >"$tmp/wrong.txt"
"$audit" "$tmp/kn.csv" "$tmp/wrong.txt" >"$tmp/out" 2>"$tmp/err"
st=$?
[ $st = 1 ] && ok || bad "wrong figure: exit $st, want 1"
[ "$(grep -c MISMATCH "$tmp/out")" = 1 ] &&
  grep -q '	hr pembrolizumab vs placebo	0.59 (0.38-0.64)	.*	MISMATCH$' \
    "$tmp/out" && ok || bad "wrong figure: no MISMATCH on the hr line"
[ "$(cat "$tmp/err")" = "surv-audit: $tmp/wrong.txt: 1 of 8 published figures do not match" ] &&
  ok || bad "wrong figure: stderr '$(cat "$tmp/err")'"

# 4. The tolerance rule on four patients (deaths at 1 and 2, censored at 3
# and 4): S(2.5) = 0.5, medians 3 (R: the middle of the stretch where S is 0.5),
# log-rank and
# Cox between arms a and b; each line's expected result after it.
printf 'time,status,arm\n1,1,a\n2,1,a\n3,0,a\n4,0,a\n1.5,1,b\n2.5,1,b\n3.5,1,b\n5,0,b\n' \
  >"$tmp/small.csv"
cat >"$tmp/small.txt" <<'EOF'
count a patients 4             # match
count a events 2               # match
count b events 3               # match
count b events 2               # MISMATCH
survival a at 2.5 50%          # match
survival a at 2.5 0.5          # match
survival a at 1.5 0.8          # match: S = 0.75, 0.05 off, at the edge
survival a at 1.5 0.7          # match: the other edge
survival a at 1.5 0.76         # MISMATCH: 0.01 off, 0.76 allows 0.005
survival a at 1.5 0.749        # MISMATCH: 0.001 off, 0.749 allows 0.0005
survival a at 2.5 50.1%        # MISMATCH
survival a at 2.5 49% tol=1    # match: tol= replaces the rounding
median a 3                     # match
median a 2.6                   # MISMATCH
median a NR                    # MISMATCH: reached
median b 3.0                   # match
p-value a vs b >0.05           # match
p-value a vs b <0.05           # MISMATCH
p-value a vs b >0.05 test=wald # match
EOF
"$audit" "$tmp/small.csv" "$tmp/small.txt" >"$tmp/out" 2>"$tmp/err"
[ $? = 1 ] && ok || bad "small: exit status, want 1"
grep '^[a-z]' "$tmp/small.txt" | sed 's/.*# \([A-Za-z]*\).*/\1/' >"$tmp/wantres"
tail -n +2 "$tmp/out" | awk -F'\t' '{ print $8 }' >"$tmp/gotres"
cmp -s "$tmp/wantres" "$tmp/gotres" && ok ||
  bad "small: results $(paste -d' ' "$tmp/wantres" "$tmp/gotres" | tr '\n' ';')"
[ "$(cat "$tmp/err")" = "surv-audit: $tmp/small.txt: 7 of 19 published figures do not match" ] &&
  ok || bad "small: stderr '$(cat "$tmp/err")'"

# 5. Malformed figures files and bad data: exit 1, one line naming the file
# and line, nothing on stdout.
case_bad() { # id, want (FILE:LINE), figures text (printf format)
  printf "$3" >"$tmp/f.txt"
  "$audit" "$tmp/small.csv" "$tmp/f.txt" >"$tmp/bout" 2>"$tmp/berr"
  st=$?
  if [ $st != 1 ] || [ -s "$tmp/bout" ] || [ "$(wc -l <"$tmp/berr")" != 1 ] ||
    ! grep -qF "surv-audit: $tmp/$2: " "$tmp/berr"; then
    bad "$1: exit $st: '$(cat "$tmp/berr")' does not name $2"
  else
    ok
  fi
}
case_bad unknown-kind f.txt:2 '# c\nmean a 2\n'
case_bad no-value f.txt:1 'median a\n'
case_bad not-a-number f.txt:1 'median a 1.2.3\n'
case_bad trailing-point f.txt:1 'median a 12.\n'
case_bad exponent f.txt:1 'median a 1e2\n'
case_bad negative f.txt:1 'median a -2\n'
case_bad unclosed-limits f.txt:1 'median a 2 (1-3\n'
case_bad one-limit f.txt:1 'median a 2 (1)\n'
case_bad bad-limit f.txt:1 'median a 2 (1-x)\n'
case_bad unknown-option f.txt:1 'median a 2 conf=0.9\n'
case_bad not-an-option f.txt:1 'median a 2 extra\n'
case_bad option-twice f.txt:1 'median a 2 ci=log ci=log\n'
case_bad ci-on-hr f.txt:1 'hr a vs b 2 ci=log\n'
case_bad unknown-ci f.txt:1 'median a 2 ci=cubic\n'
case_bad level-1 f.txt:1 'median a 2 level=1\n'
case_bad tol-negative f.txt:1 'median a 2 tol=-1\n'
case_bad survival-no-at f.txt:1 'survival a 12 50%%\n'
case_bad survival-bad-time f.txt:1 'survival a at x 50%%\n'
case_bad percent-limits f.txt:1 'survival a at 2 0.5 (40%%-60%%)\n'
case_bad hr-no-vs f.txt:1 'hr a b 0.5\n'
case_bad hr-self f.txt:1 'hr a vs a 0.5\n'
case_bad p-above-1 f.txt:1 'p-value a vs b 1.5\n'
case_bad p-limits f.txt:1 'p-value a vs b 0.5 (0.1-0.9)\n'
case_bad ties-logrank f.txt:1 'p-value a vs b 0.5 ties=breslow\n'
case_bad count-what f.txt:1 'count a deaths 2\n'
case_bad count-fraction f.txt:1 'count a events 2.0\n'
case_bad count-bound f.txt:1 'count a events <2\n'
case_bad nr-bound f.txt:1 'p-value a vs b <NR\n'
case_bad unknown-arm f.txt:3 'count a events 2\n\ncount c events 1\n'
case_bad unknown-ref f.txt:1 'hr a vs c 1\n'
case_bad nul-byte f.txt:2 'count a events 2\ncount a\000 events 2\n'
case_bad no-figures f.txt '# only a comment\n\n'
# a file that does not exist is named, without a line
"$audit" "$tmp/small.csv" "$tmp/none.txt" >"$tmp/bout" 2>"$tmp/berr"
[ $? = 1 ] && grep -qF "surv-audit: $tmp/none.txt: " "$tmp/berr" && ok ||
  bad "missing figures file: $(cat "$tmp/berr")"
# bad data: the data file and its line
printf 'count a events 2\n' >"$tmp/f.txt"
for d in 'time,status,arm\n1,1,a\n2,2,a\n:3' 'time,status,arm\n1,1,a\n-1,0,a\n:3' \
  'time,status,arm\n1,1,a\n2,0,\n:3' 'time,status,group\n1,1,a\n:1' \
  'time,status,arm\n:1'; do
  printf "${d%:*}" >"$tmp/bd.csv"
  "$audit" "$tmp/bd.csv" "$tmp/f.txt" >"$tmp/bout" 2>"$tmp/berr"
  [ $? = 1 ] && [ ! -s "$tmp/bout" ] &&
    grep -qF "surv-audit: $tmp/bd.csv:${d##*:}: " "$tmp/berr" && ok ||
    bad "bad data '$d': $(cat "$tmp/berr")"
done

# 6. Usage errors exit 2 with the usage line.
for args in "" "x.csv" "x.csv f.txt g.txt" "--bogus x.csv f.txt" "- -"; do
  # shellcheck disable=SC2086
  "$audit" $args >"$tmp/uout" 2>"$tmp/uerr" </dev/null
  [ $? = 2 ] && grep -q '^usage: surv-audit' "$tmp/uerr" && [ ! -s "$tmp/uout" ] &&
    ok || bad "usage error '$args'"
done
"$audit" --help | grep -q '^usage: surv-audit' && ok || bad "--help"
"$audit" --version | grep -q '^surv-audit (libsurv ' && ok || bad "--version"

[ $fail = 0 ] && echo "check-audit: $n checks passed"
exit $fail
