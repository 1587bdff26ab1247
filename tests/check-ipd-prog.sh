#!/bin/sh
# surv-ipd: the round trip data -> our SVG (mdrt --svg) -> reconstruction ->
# the same patients (times to the figure's printed precision, every status);
# an SVG written by R's svg() device (cairo) of survival's lung data back to
# R's curve, every count exact; the Guyot route on the digitized KEYNOTE-189
# and CheckMate 067 curves (patients, agreement with the at-risk tables);
# clicks in percent; errors naming file and line; usage errors exit 2.
set -u
ipd="${surv_bindir:-$top_builddir/examples}/surv-ipd"
mdrt="${surv_bindir:-$top_builddir/examples}/surv-mdrt"
data="$top_srcdir/examples/data"
fix="$top_srcdir/tests/fixtures"
tmp=${TMPDIR:-/tmp}/surv-ipd.$$
mkdir -p "$tmp"
trap 'rm -rf "$tmp"' EXIT
fail=0
n=0
ok() { n=$((n + 1)); }
bad() {
  echo "FAIL: $*"
  fail=1
}

# KM counts of a CSV time,status (sorted by time, events first): one line
# "time n_risk n_event n_censor surv" per distinct time, surv to 17 digits.
km_counts() {
  awk -F, 'NR > 1 { t[++m] = $1; s[m] = $2 }
    END {
      nr = m; S = 1
      for (i = 1; i <= m; ) {
        d = 0; c = 0; j = i
        while (j <= m && t[j] == t[i]) { if (s[j] == 1) d++; else c++; j++ }
        if (d) S = S * (1 - d / nr)
        printf "%s %d %d %d %.17g\n", t[i], nr, d, c, S
        nr -= d + c; i = j
      }
    }' "$1"
}

# Two lists of patients agree: the same statuses in time order and times
# within tol.
same_patients() { # a.csv b.csv tol
  paste -d, "$1" "$2" | awk -F, -v tol="$3" '
    NR > 1 { n++
      d = $1 - $3; if (d < 0) d = -d
      if (d > tol || $2 != $4) { print "row " NR ": " $0; bad++ } }
    END { if (n == 0) { print "empty"; exit 1 } exit bad > 0 }'
}

# 1. Round trip through our own figure: both curves of the MDRT cohort.
"$mdrt" --svg="$tmp/fig.svg" "$data/mdrt_cohort.csv" >/dev/null 2>&1 ||
  bad "mdrt --svg failed"
# the figure's precision: 0.005 px of 396 px for 60 months, three times
# (the corner and both axis ticks are rounded)
tol=0.0023
for k in 1 2; do
  col=$([ $k = 1 ] && echo 4 || echo 6)
  awk -F, -v c=$col 'NR > 1 && $c != "" { print $c "," $(c + 1) }' \
    "$data/mdrt_cohort.csv" | sort -t, -k1,1g -k2,2nr |
    (echo time,status && cat) >"$tmp/orig$k.csv"
  "$ipd" --svg="$tmp/fig.svg" --curve=$k --report >"$tmp/ipd$k.csv" \
    2>"$tmp/rep$k" && ok || bad "curve $k: exit $?: $(cat "$tmp/rep$k")"
  [ "$(wc -l <"$tmp/ipd$k.csv")" = 48 ] && ok || bad "curve $k: not 47 patients"
  same_patients "$tmp/orig$k.csv" "$tmp/ipd$k.csv" $tol >"$tmp/diff" && ok ||
    bad "curve $k: patients differ: $(head -n 3 "$tmp/diff")"
  # the same KM counts and survival at every time (times to the precision)
  km_counts "$tmp/orig$k.csv" | cut -d' ' -f2- >"$tmp/kma"
  km_counts "$tmp/ipd$k.csv" | cut -d' ' -f2- >"$tmp/kmb"
  cmp -s "$tmp/kma" "$tmp/kmb" && ok || bad "curve $k: KM differs"
  grep -qF 'counts: the only solution' "$tmp/rep$k" && ok ||
    bad "curve $k: not the only solution"
  grep -qF 'largest difference in number at risk: 0' "$tmp/rep$k" && ok ||
    bad "curve $k: number at risk differs"
done
# the figure holds two curves: without --curve, an error naming both
"$ipd" --svg="$tmp/fig.svg" >"$tmp/out" 2>"$tmp/err"
[ $? = 1 ] && [ ! -s "$tmp/out" ] &&
  grep -qF "2 Kaplan-Meier curves (lines 12 and 15" "$tmp/err" && ok ||
  bad "two curves without --curve: $(cat "$tmp/err")"

# 2. R's svg() device: lung, at-risk table given, axes by tick values.
grep -v '^#' "$fix/ipd-lung-at-risk.tsv" | tr '\t' , >"$tmp/lung-risk.csv"
"$ipd" --svg="$fix/ipd-lung-km.svg" --x-axis=0,1000 --y-axis=0,1 \
  --at-risk="$tmp/lung-risk.csv" --report >"$tmp/lung.csv" 2>"$tmp/lrep" &&
  ok || bad "lung: exit $?: $(cat "$tmp/lrep")"
km_counts "$tmp/lung.csv" >"$tmp/lkm"
grep -v '^#' "$fix/ipd-lung-km.tsv" | tail -n +2 >"$tmp/lref"
# cairo keeps 1/256 px: 0.0052 days; three times that for times, counts
# exact, survival to 1e-12 relative
paste -d' ' "$tmp/lref" "$tmp/lkm" | tr '\t' ' ' | awk '
  { d = $1 - $6; if (d < 0) d = -d
    r = ($5 - $10) / $5; if (r < 0) r = -r
    if (d > 0.016 || $2 != $7 || $3 != $8 || $4 != $9 || r > 1e-12) {
      print "row " NR ": " $0; bad++ } }
  END { if (NR != 186) { print NR " rows"; bad++ } exit bad > 0 }' \
  >"$tmp/diff" && ok || bad "lung: KM differs from R: $(head -n 3 "$tmp/diff")"
grep -qF 'patients 228, events 165, censored 63' "$tmp/lrep" && ok ||
  bad "lung: counts $(grep patients "$tmp/lrep")"
# without the axis values the labels (glyph outlines) cannot be read
"$ipd" --svg="$fix/ipd-lung-km.svg" --total=228 >"$tmp/out" 2>"$tmp/err"
[ $? = 1 ] && grep -qF 'give --x-axis=FIRST,LAST' "$tmp/err" && ok ||
  bad "lung without --x-axis: $(cat "$tmp/err")"

# 3. The Guyot route on digitized trials: every patient, the printed numbers
# at risk (CheckMate 067 misses one at 30 months by one patient).
for arm in keynote189_os_pembrolizumab:410:0 keynote189_os_placebo:206:0 \
  checkmate067_s3a_nivolumab:80:1; do
  name=${arm%%:*}
  rest=${arm#*:}
  np=${rest%%:*}
  worst=${rest#*:}
  "$ipd" --report --at-risk="$data/ipd/${name}_at_risk.csv" \
    "$data/ipd/${name}_clicks.csv" >"$tmp/g.csv" 2>"$tmp/grep" && ok ||
    bad "$name: exit $?"
  [ "$(($(wc -l <"$tmp/g.csv") - 1))" = "$np" ] && ok || bad "$name: not $np rows"
  grep -qF "largest difference in number at risk: $worst" "$tmp/grep" && ok ||
    bad "$name: $(grep largest "$tmp/grep")"
  awk -F, 'NR > 1 { t = $1 + 0
      if (($2 != 0 && $2 != 1) || t < 0 || (NR > 2 && t < prev)) exit 1
      prev = t }' "$tmp/g.csv" && ok || bad "$name: bad rows"
done

# 4. Clicks in percent (a value above 1.5) give what proportions give.
awk -F, 'NR == 1 { print; next } { printf "%s,%.13f\n", $1, 100 * $2 }' \
  "$data/ipd/keynote189_os_placebo_clicks.csv" >"$tmp/pct.csv"
"$ipd" --at-risk="$data/ipd/keynote189_os_placebo_at_risk.csv" "$tmp/pct.csv" \
  >"$tmp/pct.out" 2>&1 &&
  "$ipd" --at-risk="$data/ipd/keynote189_os_placebo_at_risk.csv" \
    "$data/ipd/keynote189_os_placebo_clicks.csv" >"$tmp/prop.out" 2>&1 &&
  cmp -s "$tmp/pct.out" "$tmp/prop.out" && ok || bad "percent clicks"
# Without a table: --total is needed; with it and --events, that many events.
"$ipd" --total=206 --events=108 "$data/ipd/keynote189_os_placebo_clicks.csv" \
  >"$tmp/noat.csv" 2>&1 && ok || bad "no table: exit $?"
[ "$(awk -F, 'NR > 1 { e += $2 } END { print e }' "$tmp/noat.csv")" = 108 ] &&
  ok || bad "no table: events not 108"
"$ipd" "$data/ipd/keynote189_os_placebo_clicks.csv" >"$tmp/out" 2>"$tmp/err"
[ $? = 1 ] && [ ! -s "$tmp/out" ] && grep -qF -- '--total=N' "$tmp/err" && ok ||
  bad "no table, no total"

# 5. Bad input: exit 1, one message naming FILE:LINE, nothing on stdout.
printf 'time,surv\n0,1\n1,0.9\n2,0.8\n' >"$tmp/good.csv"
printf 'time,n_risk\n0,10\n1.5,6\n' >"$tmp/risk.csv"
case_bad() { # name, file arg, line, [more args]
  f=$1
  shift
  want=$1
  shift
  "$ipd" "$@" >"$tmp/bout" 2>"$tmp/berr"
  rc=$?
  [ $rc = 1 ] || bad "$f: exit $rc, not 1"
  [ -s "$tmp/bout" ] && bad "$f: something on stdout"
  [ "$(wc -l <"$tmp/berr")" = 1 ] || bad "$f: stderr is not one line"
  grep -qF "surv-ipd: $want: " "$tmp/berr" && ok ||
    bad "$f: message '$(cat "$tmp/berr")' does not name $want"
}
printf 'time,surv\n0,1\n-1,0.9\n' >"$tmp/neg.csv"
case_bad negative-time "$tmp/neg.csv:3" --total=5 "$tmp/neg.csv"
printf 'time,surv\n0,1\n1,abc\n' >"$tmp/nan.csv"
case_bad not-a-number "$tmp/nan.csv:3" --total=5 "$tmp/nan.csv"
printf 'time,survival\n0,1\n' >"$tmp/hdr.csv"
case_bad no-surv-column "$tmp/hdr.csv:1" --total=5 "$tmp/hdr.csv"
printf 'time,n_risk\n0,10\n3,12\n' >"$tmp/r1.csv"
case_bad risk-increases "$tmp/r1.csv:3" --at-risk="$tmp/r1.csv" "$tmp/good.csv"
printf 'time,n_risk\n1,10\n' >"$tmp/r2.csv"
case_bad risk-not-at-0 "$tmp/r2.csv:2" --at-risk="$tmp/r2.csv" "$tmp/good.csv"
printf 'time,n_risk\n0,10\n3,4.5\n' >"$tmp/r3.csv"
case_bad risk-fraction "$tmp/r3.csv:3" --at-risk="$tmp/r3.csv" "$tmp/good.csv"
printf 'time,n_risk\n0,10\n3,5\n3,4\n' >"$tmp/r4.csv"
case_bad risk-time-repeats "$tmp/r4.csv:4" --at-risk="$tmp/r4.csv" "$tmp/good.csv"
printf '<svg>\n<g>\n<path d="M 0 0 L 1 x"/>\n</g></svg>\n' >"$tmp/b1.svg"
case_bad svg-bad-path "$tmp/b1.svg:3" --svg="$tmp/b1.svg" --total=5
printf '<svg>\n<g>\n</svg>\n' >"$tmp/b2.svg"
case_bad svg-mismatched "$tmp/b2.svg:3" --svg="$tmp/b2.svg" --total=5
printf '<svg>\n<path d="M 0 0 L 5 5"/>\n</svg>\n' >"$tmp/b3.svg"
case_bad svg-no-ticks "$tmp/b3.svg" --svg="$tmp/b3.svg" --total=5
case_bad missing-file "$tmp/none.csv" --total=5 "$tmp/none.csv"
case_bad total-vs-table "$tmp/good.csv" --total=9 --at-risk="$tmp/risk.csv" \
  "$tmp/good.csv"

# 6. Usage errors exit 2 with the usage line.
for args in "--bogus x.csv" "--events=0 x.csv" "--events=2.5 x.csv" \
  "--total=-1 x.csv" "--curve=1 x.csv" "--x-axis=1 --svg=f.svg" \
  "--svg=f.svg x.csv" "" "a.csv b.csv"; do
  # shellcheck disable=SC2086
  "$ipd" $args >"$tmp/uout" 2>"$tmp/uerr"
  [ $? = 2 ] && grep -q '^usage: surv-ipd' "$tmp/uerr" && [ ! -s "$tmp/uout" ] &&
    ok || bad "usage error '$args'"
done
"$ipd" --help | grep -q '^usage: surv-ipd' && ok || bad "--help"
"$ipd" --version | grep -q '^surv-ipd (libsurv ' && ok || bad "--version"

[ $fail = 0 ] && echo "check-ipd-prog: $n checks passed"
exit $fail
