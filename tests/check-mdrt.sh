#!/bin/sh
# The MDRT study: mdrt reproduces every published figure from the shipped
# (SYNTHETIC) cohort, mdrt-gen regenerates that cohort byte for byte, the
# figure is reproducible, and bad input fails cleanly (exit 1, one message
# naming file and line, nothing on stdout, no SVG left behind).
set -u
mdrt="${surv_bindir:-$top_builddir/examples}/surv-mdrt"
gen="${surv_bindir:-$top_builddir/examples}/surv-mdrt-gen"
data="$top_srcdir/examples/data"
tmp=${TMPDIR:-/tmp}/surv-mdrt.$$
mkdir -p "$tmp"
trap 'rm -rf "$tmp"' EXIT
fail=0
n=0
ok() { n=$((n + 1)); }
bad() {
  echo "FAIL: $*"
  fail=1
}

# 1. The report on the shipped cohort.
"$mdrt" --svg="$tmp/fig.svg" "$data/mdrt_cohort.csv" >"$tmp/out" 2>"$tmp/err"
rc=$?
[ $rc = 0 ] && ok || bad "mdrt on the shipped cohort exits $rc"
[ -s "$tmp/err" ] && bad "mdrt wrote to stderr: $(cat "$tmp/err")"
grep -q MISMATCH "$tmp/out" && bad "the match table has a MISMATCH"
grep -q 'SYNTHETIC' "$tmp/out" && ok || bad "no SYNTHETIC notice"
# Each published figure: label, published value, reproduced value, match.
while IFS='|' read -r label value; do
  line=$(printf '  %-30s %-16s %-16s %s' "$label" "$value" "$value" match)
  if grep -qxF -- "$line" "$tmp/out"; then ok; else bad "no line '$line'"; fi
done <<'EOF'
Patients|52
HR+/HER2-|36
HER2+|10
TNBC|6
With follow-up data|47
Same therapy at 6 months|28 (60%)
  HR+/HER2-|22/34 (65%)
  HER2+|5/9 (56%)
  TNBC|1/4 (25%)
Subtype difference, p|0.30
At least 1 year of follow-up|38
Same therapy at 1 year|18 (47%)
Median TTNT, months (95% CI)|6.9 (5.7-14.7)
Median PFS, months (95% CI)|6.2 (4.1-9.7)
EOF
grep -qxF 'All 14 published figures reproduced.' "$tmp/out" && ok ||
  bad "no 'All 14 published figures reproduced.'"
# The three subtype tests (R: chisq.test 0.2986, G 0.2999, fisher.test
# 0.3345), the small-expected-count warning, Kaplan-Meier values (R:
# summary(survfit(..., conf.type = "log-log"), times = 12)), and the
# unpublished section 4 lines, all from examples/data/mdrt-check.R (R 4.2.2,
# survival 3.5-3): the reverse-KM median follow-up (quantile(survfit(
# Surv(followup_months, 1) ~ 1, conf.type = "log-log"), 0.5)), the medians by
# subtype and the log-rank chi-square and p (survdiff), and the hazard ratios
# by subtype with the likelihood-ratio test (coxph, Efron ties).
for s in 'Pearson chi-square p (0.2986; G test 0.2999)' \
  'exact test (p = 0.3345)' 'WARNING: 3 of 6 expected counts are below 5' \
  'HR+/HER2-    22  12   expected 20.2553191489 13.7446808511' \
  'TNBC          1   3   expected 2.3829787234 1.6170212766' \
  'TTNT: 40 events; median 6.9 months (95% CI 5.7, 14.7)' \
  'PFS: 44 events; median 6.2 months (95% CI 4.1, 9.7)' \
  'at 12 months: KM 0.382978723404 (0.246403809331, 0.518087947668)' \
  '18 at risk; naive 18/38 = 0.473684210526' \
  'Median follow-up (reverse Kaplan-Meier of followup_months): 36.88 months' \
  '(95% CI 30.47, 44.77)' \
  'TTNT HR+/HER2-   34 patients, 28 events; median 9.115 (95% CI 3.95, 18.72)' \
  'TTNT HER2+        9 patients,  9 events; median 6.46 (95% CI 1.06, 24.73)' \
  'TTNT TNBC         4 patients,  3 events; median 5.72 (95% CI 5.48, NA)' \
  'TTNT log-rank chi-square = 0.992446923473, df = 2, p = 0.60882557665' \
  'PFS  HR+/HER2-   34 patients, 32 events; median 6.85 (95% CI 3.24, 10.03)' \
  'PFS  HER2+        9 patients,  9 events; median 6.2 (95% CI 0.63, 11.34)' \
  'PFS  TNBC         4 patients,  3 events; median 4.425 (95% CI 3.1, NA)' \
  'PFS  log-rank chi-square = 0.915568462513, df = 2, p = 0.632683974907' \
  'TTNT HER2+       HR 1.46703983534 (95% CI 0.688798507608, 3.1245797642), p = 0.320459368741' \
  'TTNT TNBC        HR 1.10748421286 (95% CI 0.333301256743, 3.67991796284), p = 0.867657647593' \
  'TTNT likelihood-ratio chi-square = 0.924544623749, df = 2, p = 0.629850800735' \
  'PFS  HER2+       HR 1.3795428587 (95% CI 0.653554550369, 2.91198110077), p = 0.398605127801' \
  'PFS  TNBC        HR 0.811218061513 (95% CI 0.245913551837, 2.67604098436), p = 0.73117588462' \
  'PFS  likelihood-ratio chi-square = 0.878912421373, df = 2, p = 0.644386736447'; do
  grep -qF -- "$s" "$tmp/out" && ok || bad "report lacks '$s'"
done

# A cohort of one subtype: the log-rank test is NA, the other subtypes' rows
# NA, and the report still prints (exit 3: the published counts differ).
awk -F, 'NR == 1 || $2 == "HR+/HER2-"' "$data/mdrt_cohort.csv" >"$tmp/one.csv"
"$mdrt" "$tmp/one.csv" >"$tmp/one.out" 2>&1
rc=$?
[ $rc = 3 ] && grep -qF 'PFS  log-rank chi-square = NA, df = NA, p = NA' "$tmp/one.out" &&
  grep -qF 'TTNT TNBC         0 patients,  0 events; median NA (95% CI NA, NA)' "$tmp/one.out" &&
  grep -qF 'TTNT TNBC        HR NA (95% CI NA, NA), p = NA' "$tmp/one.out" &&
  grep -qF 'Pearson chi-square p (NA; G test NA).' "$tmp/one.out" &&
  ok || bad "one-subtype cohort (exit $rc)"
grep -qi 'nan' "$tmp/one.out" && bad "one-subtype cohort: 'nan' printed, not NA"

# 2. The figure: well-formed ends, and identical to the shipped one.
head -c 4 "$tmp/fig.svg" | grep -qx '<svg' && ok || bad "SVG does not start with <svg"
[ "$(tail -n 1 "$tmp/fig.svg")" = "</svg>" ] && ok || bad "SVG does not end with </svg>"
cmp -s "$tmp/fig.svg" "$data/mdrt_km.svg" && ok ||
  bad "mdrt --svg differs from examples/data/mdrt_km.svg"

# 3. Without a file it reads $SURV_MDRT_DATA/mdrt_cohort.csv, else the
# installed $(pkgdatadir)/mdrt_cohort.csv (installcheck-local runs the
# installed program that way), never a build or source tree path.
SURV_MDRT_DATA="$data" "$mdrt" >"$tmp/out3" 2>&1 &&
  grep -qxF "Cohort file: $data/mdrt_cohort.csv" "$tmp/out3" && ok ||
  bad "SURV_MDRT_DATA is not used"
(cd "$top_builddir" && unset SURV_MDRT_DATA && examples/surv-mdrt) >"$tmp/out2" 2>&1
grep -qF "$pkgdatadir/mdrt_cohort.csv" "$tmp/out2" && ok ||
  bad "without a file it does not read $pkgdatadir/mdrt_cohort.csv: $(head -n 3 "$tmp/out2")"
"$mdrt" --help | grep -qF "else $pkgdatadir/mdrt_cohort.csv." && ok ||
  bad "--help does not name $pkgdatadir/mdrt_cohort.csv"

# 4. Another CI method; usage errors exit 2.
"$mdrt" --ci-method=wilson "$data/mdrt_cohort.csv" >"$tmp/out4" 2>&1 &&
  grep -q '95% CI: Wilson' "$tmp/out4" && ok || bad "--ci-method=wilson"
"$mdrt" --ci-method=bogus "$data/mdrt_cohort.csv" >/dev/null 2>&1
[ $? = 2 ] && ok || bad "--ci-method=bogus does not exit 2"
"$mdrt" --bogus >/dev/null 2>&1
[ $? = 2 ] && ok || bad "--bogus does not exit 2"

# 5. The generator reproduces the shipped cohort byte for byte.
"$gen" >"$tmp/gen.csv" 2>"$tmp/gen.err"
rc=$?
[ $rc = 0 ] && ok || bad "mdrt-gen exits $rc"
cmp -s "$tmp/gen.csv" "$data/mdrt_cohort.csv" && ok ||
  bad "mdrt-gen output differs from examples/data/mdrt_cohort.csv"
grep -q SYNTHETIC "$tmp/gen.err" && ok || bad "mdrt-gen does not say SYNTHETIC"

# 6. Bad input: exit 1, "surv-mdrt: FILE:LINE: ..." naming the line, empty stdout,
# no SVG file.
# header and the first three patients with follow-up data
awk -F, 'NR == 1 || $3 != ""' "$data/mdrt_cohort.csv" | head -n 4 >"$tmp/good"
case_bad() { # name, expected line, sed expression applied to the good file
  f="$tmp/$1.csv"
  sed "$3" "$tmp/good" >"$f"
  rm -f "$tmp/bad.svg"
  "$mdrt" --svg="$tmp/bad.svg" "$f" >"$tmp/bout" 2>"$tmp/berr"
  rc=$?
  [ $rc = 1 ] || bad "$1: exit $rc, not 1"
  [ -s "$tmp/bout" ] && bad "$1: something on stdout"
  [ -e "$tmp/bad.svg" ] && bad "$1: an SVG file was written"
  ls "$tmp" | grep -q 'bad.svg.tmp' && bad "$1: a temporary SVG is left"
  [ "$(wc -l <"$tmp/berr")" = 1 ] || bad "$1: stderr is not one line"
  grep -q "^surv-mdrt: $f:$2: " "$tmp/berr" || bad "$1: message '$(cat "$tmp/berr")' does not name $f:$2"
  ok
}
case_bad missing-column 1 '1s/,pfs_event$//; 2,$s/,[^,]*$//'
case_bad unknown-subtype 3 '3s/^\([^,]*\),[^,]*,/\1,Luminal A,/'
case_bad negative-time 4 '4s/^\([^,]*,[^,]*\),[^,]*,/\1,-3.5,/'
case_bad event-not-01 3 '3s/,[01]$/,2/'
case_bad non-numeric 4 '4s/^\([^,]*,[^,]*,[^,]*\),[^,]*,/\1,abc,/'
case_bad ttnt-after-followup 3 '3s/^\([^,]*,[^,]*\),[^,]*,/\1,0.5,/'
case_bad half-empty 2 '2s/,[^,]*$/,/'
# A repeated id: the line of the repetition; the first fault in file order
# wins whether it is a repetition or a bad value.
case_bad duplicate-id 4 '4s/^[^,]*,/P02,/'
case_bad duplicate-before-bad-value 3 '3s/^[^,]*,/P01,/; 4s/,[01]$/,2/'
grep -qF "duplicate id 'P01'" "$tmp/berr" && ok || bad "duplicate before bad value"
case_bad bad-value-before-duplicate 3 '3s/,[01]$/,2/; 4s/^[^,]*,/P01,/'
grep -qF "not 0 or 1" "$tmp/berr" && ok || bad "bad value before duplicate"
sed '4s/^[^,]*,/P02,/' "$tmp/good" >"$tmp/dupid.csv"
"$mdrt" "$tmp/dupid.csv" 2>&1 | grep -qF "duplicate id 'P02'" && ok ||
  bad "duplicate id: message does not name the id"
# Control bytes of a bad field are escaped in the message (\xNN).
printf '3s/^\\([^,]*\\),[^,]*,/\\1,TN\001\033[2JBC,/' >"$tmp/ctl.sed"
case_bad control-bytes 3 "$(cat "$tmp/ctl.sed")"
grep -qF "unknown subtype 'TN\\x01\\x1b[2JBC'" "$tmp/berr" && ok ||
  bad "control bytes not escaped: $(od -c "$tmp/berr" | head -n 3)"
[ -z "$(tr -d '\n' <"$tmp/berr" | LC_ALL=C tr -d ' -~')" ] && ok ||
  bad "a raw control byte reaches stderr"
# A CRLF cohort cut before its last LF reads as the whole file.
sed 's/$/\r/' "$data/mdrt_cohort.csv" | head -c -1 >"$tmp/cut.csv"
"$mdrt" "$tmp/cut.csv" >"$tmp/cut.out" 2>&1 && ok ||
  bad "CRLF cohort cut before its last LF: $(head -n 2 "$tmp/cut.out")"
# An unwritable SVG destination: exit 1, nothing on stdout.
"$mdrt" --svg="$tmp/no/such/dir/f.svg" "$data/mdrt_cohort.csv" >"$tmp/bout" 2>/dev/null
[ $? = 1 ] && [ ! -s "$tmp/bout" ] && ok || bad "unwritable --svg"

[ $fail = 0 ] && echo "check-mdrt: $n checks passed"
exit $fail
