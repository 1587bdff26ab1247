#!/bin/sh
# examples/surv-km against R: every number of the table and of --quantiles agrees
# with survfit()/quantile() fixtures (tests/fixtures/make-kmprog-fixtures.R)
# to 1e-10 relative, NA exactly where R has NA; CSV variants (CRLF, BOM,
# quoting, column order, blank lines, stdin) give identical output; every
# kind of bad input fails with "surv-km: FILE:LINE: message", exit 1 and an empty
# stdout; usage errors exit 2.
set -u
km="${surv_bindir:-$top_builddir/examples}/surv-km"
fx="$top_srcdir/tests/fixtures"
tmp=${TMPDIR:-/tmp}/surv-kmprog.$$
mkdir -p "$tmp"; trap 'rm -rf "$tmp"' EXIT
fail=0; n=0

. "$top_srcdir/tests/compare-tsv.sh"

ok() { n=$((n + 1)); }
ko() { echo "FAIL: $*"; fail=1; n=$((n + 1)); }

# run_ok NAME EXPECTED ARGS...: km succeeds with empty stderr and matches.
run_ok() {
  name=$1; want=$2; shift 2
  if "$km" "$@" > "$tmp/out" 2> "$tmp/err" && [ ! -s "$tmp/err" ] &&
     compare "$tmp/out" "$want" > "$tmp/cmp" 2>&1; then ok
  else ko "$name"; cat "$tmp/err" "$tmp/cmp" 2>/dev/null | head -5; fi
}

# 1. Numbers against R: 3 data sets x 5 interval types, and quantiles.
for d in aml lung toy; do
  for t in log-log log plain logit arcsin; do
    tag=$(echo "$t" | tr -d -); args=
    [ "$t" = log-log ] || args="--conf-type=$t"
    run_ok "$d $t table" "$fx/kmprog-$d-$tag.tsv" $args "$fx/kmprog-$d.csv"
  done
  for t in log-log log; do
    tag=$(echo "$t" | tr -d -)
    run_ok "$d $t quantiles" "$fx/kmprog-$d-quantiles-$tag.tsv" \
      --quantiles --conf-type=$t "$fx/kmprog-$d.csv"
  done
done
run_ok "lung default options" "$fx/kmprog-lung-loglog.tsv" "$fx/kmprog-lung.csv"
run_ok "lung level 0.9" "$fx/kmprog-lung-loglog-90.tsv" --conf-level=0.9 "$fx/kmprog-lung.csv"
run_ok "lung level 0.9 quantiles" "$fx/kmprog-lung-quantiles-loglog-90.tsv" \
  --quantiles --conf-level=0.9 --conf-type=log-log "$fx/kmprog-lung.csv"

# 2. CSV variants of aml: all must print the same table.
aml="$fx/kmprog-aml.csv"; want="$fx/kmprog-aml-loglog.tsv"
sed 's/$/\r/' "$aml" > "$tmp/crlf.csv"
run_ok "CRLF" "$want" "$tmp/crlf.csv"
{ printf '\357\273\277'; cat "$aml"; } > "$tmp/bom.csv"
run_ok "BOM" "$want" "$tmp/bom.csv"
{ printf '\357\273\277'; cat "$tmp/crlf.csv"; } > "$tmp/bomcrlf.csv"
run_ok "BOM+CRLF" "$want" "$tmp/bomcrlf.csv"
# every field quoted, plus a quoted column holding commas, "" and a newline
awk -F, 'NR == 1 { print "\"note\"," $0 ",\"x2\""; next }
  { printf "\"a, \"\"b\"\"\n c\",\"%s\",\"%s\",%s,\"\"\n", $1, $2, $3 }' "$aml" > "$tmp/quoted.csv"
run_ok "quoted fields" "$want" "$tmp/quoted.csv"
# columns in another order, extra columns, no trailing newline
awk -F, '{ printf "%s%s,extra%d,%s,%s", (NR > 1 ? "\n" : ""), $3, NR, $2, $1 }' "$aml" |
  sed '1s/extra1/"e"/' > "$tmp/order.csv"
run_ok "column order, no final newline" "$want" "$tmp/order.csv"
# blank lines (LF and CRLF) before the header, inside and at the end
{ printf '\n\r\n'; sed -n 1,5p "$aml"; printf '\n\n'; sed -n '6,$p' "$aml"; printf '\r\n\n'; } > "$tmp/blank.csv"
run_ok "blank lines" "$want" "$tmp/blank.csv"
# numbers in other spellings
awk -F, 'NR == 1 { print; next } { printf "%s.0e0,%s.00,%s\n", $1, $2, $3 }' "$aml" > "$tmp/spell.csv"
run_ok "number spellings" "$want" "$tmp/spell.csv"
# standard input, with and without "-"
if "$km" < "$aml" > "$tmp/out" 2> "$tmp/err" && compare "$tmp/out" "$want" > /dev/null; then ok; else ko "stdin"; fi
if "$km" --conf-type=log-log - < "$aml" > "$tmp/out" 2> "$tmp/err" && compare "$tmp/out" "$want" > /dev/null; then ok; else ko "stdin -"; fi

# 3. Bad input: exit 1, nothing on stdout, one line "surv-km: FILE:LINE: ...".
# bad NAME LINE CONTENT (printf format; LINE empty = no line number)
bad() {
  name=$1; line=$2; f="$tmp/$name.csv"
  printf "$3" > "$f"; shift 3
  bad_file "$name" "$f" "$line" "$@"
}
bad_file() {
  name=$1; f=$2; line=$3; shift 3
  "$km" "$@" "$f" > "$tmp/out" 2> "$tmp/err"; rc=$?
  if [ -n "$line" ]; then prefix="surv-km: $f:$line: "; else prefix="surv-km: $f: "; fi
  if [ $rc -ne 1 ]; then ko "$name: exit $rc, want 1"
  elif [ -s "$tmp/out" ]; then ko "$name: stdout not empty"
  elif [ "$(wc -l < "$tmp/err")" -ne 1 ]; then ko "$name: stderr is not one line"; cat "$tmp/err"
  elif ! head -n 1 "$tmp/err" | grep -qF -- "$prefix"; then ko "$name: stderr lacks '$prefix'"; cat "$tmp/err"
  else ok; fi
}
bad_file "missing file" "$tmp/no-such-file.csv" ""
bad_file "directory" "$tmp" ""
bad empty 1 ''
bad only-blank 1 '\n\r\n\n'
bad header-only 1 'time,status\n'
bad no-time 1 'tim,status\n1,1\n'
bad no-status 2 '\ntime,Status\n1,1\n'
bad non-numeric 3 'time,status\n1,1\nabc,1\n'
bad trailing-text 3 'time,status\n1,1\n2x,1\n'
bad spaces 3 'time,status\n1,1\n 2,1\n'
bad hex 3 'time,status\n1,1\n0x10,1\n'
bad two-points 3 'time,status\n1,1\n1.2.3,1\n'
bad bare-exponent 3 'time,status\n1,1\n1e,1\n'
bad empty-time 3 'time,status\n1,1\n,1\n' --strict
bad empty-status 3 'time,status\n1,1\n2,\n' --strict
bad quoted-empty 3 'time,status\n1,1\n"",1\n' --strict
bad NA-time 3 'time,status\n1,1\nNA,1\n' --strict
bad negative 3 'time,status\n1,1\n-2,1\n'
bad NaN 3 'time,status\n1,1\nNaN,1\n'
bad Inf 3 'time,status\n1,1\nInf,1\n'
bad minus-inf 3 'time,status\n1,1\n-inf,1\n'
bad overflow 3 'time,status\n1,1\n1e999,1\n'
bad status-3 3 'time,status\n1,1\n2,3\n'
bad status-0-with-2 3 'time,status\n1,0\n2,2\n'
bad status-mixed-logical 3 'time,status\n1,TRUE\n2,1\n'
bad event-third-value 3 'time,status\n1,dead\n2,lost\n' --event=dead --censor=alive
bad strict-group 3 'time,status,g\n1,1,a\n2,1,NA\n' --strict --group=g
bad no-group-column 1 'time,status\n1,1\n' --group=arm
bad all-missing '' 'time,status\nNA,1\n' 
bad status-half 3 'time,status\n1,1\n2,0.5\n'
bad status-text 3 'time,status\n1,1\n2,yes\n'
bad too-few 3 'time,status\n1,1\n2\n'
bad too-many 3 'time,status\n1,1\n2,1,3\n'
bad unterminated 3 'time,status\n1,1\n"2,1\n3,1\n'
bad after-quote 3 'time,status\n1,1\n"2"x,1\n'
bad stray-quote 3 'time,status\n1,1\n2",1\n'
bad nul 3 'time,status\n1,1\n2\000,1\n'
bad crlf-line 4 'time,status\r\n1,1\r\n2,1\r\nx,1\r\n'
bad blank-counted 5 'time,status\n\n1,1\n\nx,1\n'
bad multiline-quote 4 'time,status,note\n1,1,"a\nb"\nx,1,c\n'
bad bom-header 1 '\357\273\277tim,status\n1,1\n'
# standard input is named <stdin>
printf 'time,status\n1,1\n2,7\n' | "$km" > "$tmp/out" 2> "$tmp/err"; rc=$?
if [ $rc -eq 1 ] && [ ! -s "$tmp/out" ] && grep -qF 'surv-km: <stdin>:3: ' "$tmp/err"; then ok
else ko "stdin error"; cat "$tmp/err"; fi

# 4. Usage errors: exit 2, usage on stderr, nothing on stdout.
usage_err() {
  name=$1; shift
  "$km" "$@" > "$tmp/out" 2> "$tmp/err" < "$aml"; rc=$?
  if [ $rc -eq 2 ] && [ ! -s "$tmp/out" ] && grep -q '^usage: surv-km ' "$tmp/err"; then ok
  else ko "usage: $name (exit $rc)"; cat "$tmp/err"; fi
}
usage_err "unknown option" --bogus "$aml"
usage_err "short option" -q "$aml"
usage_err "conf-type" --conf-type=loglog "$aml"
usage_err "conf-level 0" --conf-level=0 "$aml"
usage_err "conf-level 1" --conf-level=1 "$aml"
usage_err "conf-level 95" --conf-level=95 "$aml"
usage_err "conf-level text" --conf-level=abc "$aml"
usage_err "conf-level empty" --conf-level= "$aml"
usage_err "conf-level nan" --conf-level=nan "$aml"
usage_err "two files" "$aml" "$aml"
if "$km" --help > "$tmp/out" 2> "$tmp/err" && grep -q '^usage: surv-km ' "$tmp/out"; then ok; else ko "--help"; fi

# 5. Issue 18 against R (tests/fixtures/make-prog18-fixtures.R): any column
# names, groups with text or number labels, 1/2 and TRUE/FALSE status,
# --event, case weights, delayed entry, rows with NA left out (stderr says
# how many), --quantiles and --summary (print.survfit's table with
# rmean = "common", then survdiff) per group.
lung18="$fx/prog18-lung.csv"; vet18="$fx/prog18-veteran.csv"
run_ok "lung by sex (text labels, 1/2 status)" "$fx/prog18-km-lung-sex.tsv" \
  --time=days --status=vital --group=sex "$lung18"
run_ok "lung by sex, --event=dead" "$fx/prog18-km-lung-sex.tsv" \
  --time=days --status=outcome --event=dead --group=sex "$lung18"
run_ok "lung by sex, --event=dead --censor=alive" "$fx/prog18-km-lung-sex.tsv" \
  --time=days --status=outcome --event=dead --censor=alive --group=sex "$lung18"
run_ok "lung by sex, --event=2" "$fx/prog18-km-lung-sex.tsv" \
  --time=days --status=vital --event=2 --group=sex "$lung18"
run_ok "lung by sex quantiles" "$fx/prog18-km-lung-sex-quantiles.tsv" \
  --quantiles --time=days --status=vital --group=sex "$lung18"
run_ok "lung by sex summary" "$fx/prog18-km-lung-sex-summary.tsv" \
  --summary --time=days --status=vital --group=sex "$lung18"
run_ok "lung summary, no groups" "$fx/prog18-km-lung-summary.tsv" \
  --summary --time=days --status=vital "$lung18"
run_ok "lung by sex, weights" "$fx/prog18-km-lung-sex-weights.tsv" \
  --time=days --status=vital --group=sex --weights=w "$lung18"
run_ok "veteran by cell type (TRUE/FALSE)" "$fx/prog18-km-vet-celltype.tsv" \
  --group=celltype "$vet18"
run_ok "veteran quantiles" "$fx/prog18-km-vet-celltype-quantiles.tsv" \
  --quantiles --group=celltype "$vet18"
run_ok "veteran summary" "$fx/prog18-km-vet-celltype-summary.tsv" \
  --summary --group=celltype "$vet18"
run_ok "heart, delayed entry" "$fx/prog18-km-heart-entry.tsv" \
  --time=stop --status=event --entry=start --group=transplant "$fx/prog18-heart.csv"
# run_na NAME EXPECTED DROPPED ARGS...: as run_ok, with stderr exactly the
# count of rows left out.
run_na() {
  name=$1; want=$2; dropped=$3; shift 3
  if "$km" "$@" > "$tmp/out" 2> "$tmp/err" &&
     [ "$(cat "$tmp/err")" = "surv-km: $dropped with missing values left out" ] &&
     compare "$tmp/out" "$want" > "$tmp/cmp" 2>&1; then ok
  else ko "$name"; cat "$tmp/err" "$tmp/cmp" 2>/dev/null | head -5; fi
}
run_na "lung by ecog (NA left out)" "$fx/prog18-km-lung-ecog.tsv" "1 row" \
  --time=days --status=vital --group=ecog "$lung18"
run_na "lung by ecog summary" "$fx/prog18-km-lung-ecog-summary.tsv" "1 row" \
  --summary --time=days --status=vital --group=ecog "$lung18"
# empty cells are missing too; an NA in an unused column is not
awk -F, 'NR > 1 && $4 == "NA" { $4 = "" } NR > 1 && NR % 50 == 0 { $2 = "NA" } 1' OFS=, \
  "$lung18" > "$tmp/lung-empty.csv"
"$km" --time=days --status=vital --group=ecog "$tmp/lung-empty.csv" > /dev/null 2> "$tmp/err"
if [ "$(cat "$tmp/err")" = "surv-km: 5 rows with missing values left out" ]; then ok
else ko "empty cells and NA counted"; cat "$tmp/err"; fi
run_ok "NA in an unused column" "$fx/prog18-km-lung-sex.tsv" \
  --time=days --status=vital --group=sex "$lung18"
# the same groups as numbers in another spelling, and an order that is not
# the file's: labels sorted numerically
awk -F, 'NR == 1 { print; next } { $4 = ($4 == "NA" ? "NA" : $4 ".0") } 1' OFS=, \
  "$lung18" > "$tmp/lung-ecog-spelled.csv"
run_na "numeric labels spelled 1.0" "$fx/prog18-km-lung-ecog.tsv" "1 row" \
  --time=days --status=vital --group=ecog "$tmp/lung-ecog-spelled.csv"
# labels holding a tab, a newline or a backslash stay one field: \t, \n, \\
printf 'time,status,arm\n1,1,"a\tb"\n2,0,"a\tb"\n3,1,"c\\d"\n4,1,"e\nf"\n' \
  > "$tmp/labels.csv"
"$km" --group=arm "$tmp/labels.csv" > "$tmp/out" 2> "$tmp/err"
if [ "$(cut -f1 "$tmp/out" | tr '\n' ' ')" = 'group a\tb a\tb c\\d e\nf ' ] &&
   [ "$(awk -F'\t' '{ print NF }' "$tmp/out" | sort -u)" = 9 ]; then ok
else ko "labels with tab, newline, backslash"; cat "$tmp/out" "$tmp/err"; fi
# without --group: the table and output of before
run_ok "1/2 status without groups" "$fx/kmprog-lung-loglog.tsv" \
  --time=days --status=vital "$lung18"

[ $fail = 0 ] && echo "check-km-prog: all $n cases passed"
exit $fail
