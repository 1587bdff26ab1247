#!/bin/sh
# The figures of surv-km --svg and surv-cif --svg (examples/kmplot.c): each
# parses (xmllint) and renders (rsvg-convert); its number at risk rows equal
# the program's own table (n_risk of the first row at or after each time);
# the corners of every step curve, mapped back through the axis ticks, are
# the table's times and estimates to the figure's precision; surv-ipd --svg
# reads each Kaplan-Meier curve back and rebuilds the patients, whose table
# is the original's; the p-value printed is the program's test; labels are
# escaped for XML; a failure leaves no file behind (and an existing one as
# it was) and nothing on stdout. Skipped (77) without xmllint or
# rsvg-convert.
set -u
bin="${surv_bindir:-$top_builddir/examples}"
km="$bin/surv-km" cif="$bin/surv-cif" ipd="$bin/surv-ipd"
fx="$top_srcdir/tests/fixtures"
for t in xmllint rsvg-convert; do
  command -v $t >/dev/null 2>&1 ||
    { echo "check-km-svg: $t not installed, skipped"; exit 77; }
done
tmp=${TMPDIR:-/tmp}/surv-kmsvg.$$
mkdir -p "$tmp"; trap 'rm -rf "$tmp"' EXIT
fail=0; n=0
ok() { n=$((n + 1)); }
ko() { echo "FAIL: $*"; fail=1; n=$((n + 1)); }

valid() { # FILE.svg: parses and renders
  rm -f "$tmp/render.png"
  if xmllint --noout "$1" 2>"$tmp/xerr" &&
     rsvg-convert -o "$tmp/render.png" "$1" 2>>"$tmp/xerr" &&
     [ -s "$tmp/render.png" ]; then ok
  else ko "$1 does not parse or render: $(head -n 3 "$tmp/xerr")"; fi
}

# What a figure shows, in data units: per panel (a <g transform> block) and
# curve (class="curve", in order), "P K t est" for every step corner, and
# "P K risk T N" for every number at risk at time T. The axes map through
# the tick marks: the x ticks (M x y v5) are labelled by the x-labels group,
# the y ticks (M x y h-5) are 0, 0.25, ..., 1.
figure() {
  awk '
    /^<g transform=/ { p++; k = 0; r = 0; nx = 0; ny = 0 }
    /<path d="M[0-9.]+ [0-9.]+v5"/ {
      s = $0
      while (match(s, /M[0-9.]+ [0-9.]+v5/)) {
        split(substr(s, RSTART + 1, RLENGTH - 3), a, " "); xt[++nx] = a[1]
        s = substr(s, RSTART + RLENGTH) }
      s = $0
      while (match(s, /M[0-9.]+ [0-9.]+h-5/)) {
        split(substr(s, RSTART + 1, RLENGTH - 4), a, " "); yt[++ny] = a[2]
        s = substr(s, RSTART + RLENGTH) }
    }
    /class="x-labels"/ {
      s = $0; j = 0
      while (match(s, />[0-9.e+-]+</)) { xv[++j] = substr(s, RSTART + 1, RLENGTH - 2)
        s = substr(s, RSTART + RLENGTH) }
      x0 = xt[1]; x1 = xt[nx]; t1 = xv[j]
      y0 = yt[1]; y1 = yt[ny]
      for (c = 1; c <= ncur; c++) corners(cur[c], c)
      ncur = 0
    }
    /class="curve"/ { cur[++ncur] = $0 }
    /class="at-risk"/ {
      r++; s = $0
      while (match(s, /x="[0-9.]+" y="[0-9.]+">[0-9.]+</)) {
        split(substr(s, RSTART, RLENGTH), a, "\"")
        v = a[5]; sub(/^>/, "", v); sub(/<$/, "", v)
        printf "%d %d risk %.10g %s\n", p, r, (a[2] - x0) / (x1 - x0) * t1, v
        s = substr(s, RSTART + RLENGTH) }
    }
    function corners(line, c,   d, tok, m, i, x) {
      d = line; sub(/.* d="M[0-9.]+ [0-9.]+ ?/, "", d); sub(/".*/, "", d)
      m = split(d, tok, " ")
      for (i = 1; i < m; i++)
        if (tok[i] ~ /^H/ && tok[i + 1] ~ /^V/) {
          x = substr(tok[i], 2); y = substr(tok[i + 1], 2)
          printf "%d %d %.10g %.10g\n", p, c, (x - x0) / (x1 - x0) * t1,
            (y0 - y) / (y0 - y1)
          i++
        }
    }' "$1"
}

# The figure's precision in data units: 0.006 px on each axis.
prec() { # FILE.svg -> "tol_t tol_s" of the first panel
  awk '/class="x-labels"/ { s = $0; j = 0
         while (match(s, />[0-9.e+-]+</)) { v = substr(s, RSTART + 1, RLENGTH - 2); j++
           s = substr(s, RSTART + RLENGTH) }
         printf "%.10g %.10g\n", 0.006 * v / 396, 0.006 / 248; exit }' "$1"
}

# A table (group key, time, n_risk, est) against a figure's corners and
# at-risk rows. TABLE lines: "P K time n_risk est" (P panel, K curve).
compare_figure() { # name, table, figure, tol_t tol_s
  awk -v name="$1" -v tt="$4" -v ts="$5" '
    function abs(x) { return x < 0 ? -x : x }
    FNR == NR { key = $1 " " $2; m[key]++; T[key, m[key]] = $3
      R[key, m[key]] = $4; E[key, m[key]] = $5; next }
    $3 == "risk" { key = $1 " " $2; want = 0
      for (i = 1; i <= m[key]; i++) if (T[key, i] >= $4 - tt) { want = R[key, i]; break }
      nr++
      if ($5 != want) { print name ": panel " $1 " curve " $2 " at " $4 ": " $5 " at risk, table " want; bad++ }
      next }
    { key = $1 " " $2; j = ++seen[key]
      if (j > m[key] || abs($3 - T[key, j]) > tt || abs($4 - E[key, j]) > ts) {
        print name ": panel " $1 " curve " $2 " corner " j ": " $3 " " $4 " table " T[key, j] " " E[key, j]; bad++ } }
    END { for (key in m) if (seen[key] != m[key]) {
            print name ": curve " key ": " seen[key] + 0 " corners, table " m[key]; bad++ }
          if (nr == 0) { print name ": no at-risk numbers"; bad++ }
          exit bad > 0 }' "$2" "$3" >"$tmp/cmp"
  if [ $? = 0 ]; then ok; else ko "$(head -n 3 "$tmp/cmp")"; fi
}

# surv-km's table as "1 K time n_risk surv", K the group's rank.
km_table() { # table.tsv grouped(0/1)
  awk -F'\t' -v g="$2" 'NR == 1 { next }
    { if (g) { if (k == 0 || ($1 "") != last) { k++; last = $1 "" } ; $0 = substr($0, index($0, "\t") + 1) }
      else k = 1
      split($0, f, "\t"); print 1, k, f[1], f[2], f[5] }' "$1"
}

lung="$fx/prog18-lung.csv"
cols="--time=days --status=vital"

# 1. Kaplan-Meier by sex with every option: the figure and the table of the
# same run.
"$km" $cols --group=sex --svg="$tmp/lung.svg" --median-lines \
  --title='Lung <NCCTG> & "sex"' --xlab=Follow-up --time-unit=days \
  "$lung" >"$tmp/lung.tsv" 2>"$tmp/err" && [ ! -s "$tmp/err" ] && ok ||
  ko "surv-km --svg: $(cat "$tmp/err")"
valid "$tmp/lung.svg"
km_table "$tmp/lung.tsv" 1 >"$tmp/lung.tab"
figure "$tmp/lung.svg" >"$tmp/lung.fig"
compare_figure "lung by sex" "$tmp/lung.tab" "$tmp/lung.fig" $(prec "$tmp/lung.svg")
grep -qF '<title>Lung &lt;NCCTG&gt; &amp; &quot;sex&quot;</title>' "$tmp/lung.svg" &&
  grep -qF '>Follow-up (days)</text>' "$tmp/lung.svg" && ok ||
  ko "title or axis label not in the figure"
[ "$(grep -c 'class="median"' "$tmp/lung.svg")" = 2 ] && ok || ko "not two median lines"
# the log-rank p-value of surv-km --summary, two significant digits
p=$("$km" $cols --group=sex --summary "$lung" | awk -F'\t' '$1 == "p" {
  if ($2 < 0.0001) print "p < 0.0001"; else printf "p = %.2g\n", $2 }')
grep -qF ">Log-rank $p</text>" "$tmp/lung.svg" && ok || ko "no 'Log-rank $p' in the figure"
# the colours: Okabe-Ito, the second curve dashed
grep 'class="curve"' "$tmp/lung.svg" | sed -n 1p | grep -q 'stroke="#0072B2" stroke-width="2" d=' &&
  grep 'class="curve"' "$tmp/lung.svg" | sed -n 2p | grep -q 'stroke="#D55E00" stroke-width="2" stroke-dasharray=' &&
  ok || ko "curve colours or dash patterns"

# --bands: a lighter shade per group whose upper edge is the table's
# band_upper over the rows inside the band's range, to the figure's
# precision (y0/y1: the ticks of 0 and 1)
"$km" $cols --group=sex --bands=ep --svg="$tmp/band.svg" "$lung" >"$tmp/band.tab"
valid "$tmp/band.svg"
tol=$(prec "$tmp/band.svg" | cut -d' ' -f2)
awk '/<path d="M[0-9.]+ [0-9.]+h-5"/ { s = $0
       while (match(s, /M[0-9.]+ [0-9.]+h-5/)) {
         split(substr(s, RSTART + 1, RLENGTH - 4), a, " "); yt[++ny] = a[2]
         s = substr(s, RSTART + RLENGTH) } }
     /class="simband"/ { band[++nb] = $0 }
     END { y0 = yt[1]; y1 = yt[ny]
       for (b = 1; b <= nb; b++) { d = band[b]; sub(/.* d="M[0-9.]+ [0-9.]+ /, "", d)
         sub(/ Z".*/, "", d); m = split(d, tok, " "); k = 0
         for (i = 1; i <= m / 2; i += 2) printf "%d %d %.10g\n", b, ++k, (y0 - substr(tok[i], 2)) / (y0 - y1) } }' \
  "$tmp/band.svg" >"$tmp/band.fig"
awk -F'\t' 'NR > 1 && $10 != "NA" { if (!($1 in g)) g[$1] = ++k; print g[$1], ++r[$1], $11 }' \
  "$tmp/band.tab" >"$tmp/band.want"
if [ "$(wc -l <"$tmp/band.want")" -gt 10 ] &&
   [ "$(cut -d' ' -f1,2 "$tmp/band.fig")" = "$(cut -d' ' -f1,2 "$tmp/band.want")" ] &&
   paste -d' ' "$tmp/band.fig" "$tmp/band.want" | awk -v tol="$tol" '
     { d = $3 - $6; if (d < 0) d = -d; if (d > tol) bad++ } END { exit bad > 0 }'; then ok
else ko "--bands: the lighter shade is not the table's band"; fi
grep -q 'lighter: 95% EP band' "$tmp/band.svg" && ok || ko "--bands: no note of the band"

# 2. The round trip: surv-ipd reads each curve (steps, '+' marks, at-risk
# row) and rebuilds its patients; their Kaplan-Meier table is the group's,
# times to the figure's precision.
tol=$(prec "$tmp/lung.svg" | cut -d' ' -f1)
for k in 1 2; do
  "$ipd" --svg="$tmp/lung.svg" --curve=$k --report >"$tmp/ipd$k.csv" 2>"$tmp/rep$k" &&
    grep -qF 'counts: the only solution' "$tmp/rep$k" &&
    grep -qF 'largest difference in number at risk: 0' "$tmp/rep$k" && ok ||
    ko "surv-ipd on curve $k: $(head -n 4 "$tmp/rep$k")"
  "$km" "$tmp/ipd$k.csv" | km_table /dev/stdin 0 >"$tmp/back$k"
  awk -v k=$k '$2 == k { $2 = 1; print }' "$tmp/lung.tab" >"$tmp/orig$k"
  paste -d' ' "$tmp/orig$k" "$tmp/back$k" | awk -v tol="$tol" '
    function abs(x) { return x < 0 ? -x : x }
    { n++ } NF != 10 || abs($3 - $8) > tol || $4 != $9 || abs($5 - $10) > 1e-12 * $5 {
      print "row " NR ": " $0; bad++ }
    END { exit bad > 0 || n == 0 }' >"$tmp/cmp" &&
    [ "$(wc -l <"$tmp/orig$k")" = "$(wc -l <"$tmp/back$k")" ] && ok ||
    ko "round trip of curve $k: $(head -n 3 "$tmp/cmp")"
done

# 3. At-risk times chosen (--risk-times, one past the data: the axis grows).
"$km" $cols --group=sex --svg="$tmp/rt.svg" --risk-times=0,100,250.5,999,1500 \
  "$lung" >/dev/null && ok || ko "--risk-times"
valid "$tmp/rt.svg"
figure "$tmp/rt.svg" >"$tmp/rt.fig"
[ "$(awk '$3 == "risk"' "$tmp/rt.fig" | wc -l)" = 10 ] && ok || ko "--risk-times: not 2 x 5 numbers"
compare_figure "--risk-times" "$tmp/lung.tab" "$tmp/rt.fig" $(prec "$tmp/rt.svg")

# 4. One curve (no groups): no legend and no p-value; four groups with
# text labels (veteran's cell types), every curve read back.
"$km" $cols --svg="$tmp/one.svg" "$lung" >"$tmp/one.tsv" && ok || ko "one curve"
valid "$tmp/one.svg"
km_table "$tmp/one.tsv" 0 >"$tmp/one.tab"
figure "$tmp/one.svg" >"$tmp/one.fig"
compare_figure "one curve" "$tmp/one.tab" "$tmp/one.fig" $(prec "$tmp/one.svg")
grep -q 'Log-rank' "$tmp/one.svg" && ko "a p-value without groups"
"$ipd" --svg="$tmp/one.svg" >/dev/null 2>"$tmp/err" && ok || ko "surv-ipd, one curve: $(cat "$tmp/err")"
# Groups read back: the figure of surv-km ARGS against its table, and every
# curve through surv-ipd with its at-risk row.
groups_back() { # name, curves, surv-km arguments
  name=$1 nc=$2; shift 2
  "$km" --svg="$tmp/$name.svg" "$@" >"$tmp/$name.tsv" 2>"$tmp/err" && ok ||
    ko "$name: $(cat "$tmp/err")"
  valid "$tmp/$name.svg"
  km_table "$tmp/$name.tsv" 1 >"$tmp/$name.tab"
  figure "$tmp/$name.svg" >"$tmp/$name.fig"
  compare_figure "$name" "$tmp/$name.tab" "$tmp/$name.fig" $(prec "$tmp/$name.svg")
  k=1
  while [ $k -le "$nc" ]; do
    "$ipd" --svg="$tmp/$name.svg" --curve=$k --report >/dev/null 2>"$tmp/rep" &&
      grep -qF 'largest difference in number at risk: 0' "$tmp/rep" && ok ||
      ko "$name curve $k: $(head -n 3 "$tmp/rep")"
    k=$((k + 1))
  done
}
groups_back veteran 4 --group=celltype "$fx/prog18-veteran.csv"
# numeric labels (ecog 0-3; one row with ecog NA left out): the at-risk
# rows are named "ecog=0", ..., which surv-ipd does not take for counts
groups_back ecog 4 $cols --group=ecog "$lung" 2>/dev/null
grep -qF '>ecog=0</text>' "$tmp/ecog.svg" && ok || ko "no at-risk row named ecog=0"
# case weights: no log-rank p-value (survdiff takes none)
"$km" $cols --weights=w --group=sex --svg="$tmp/w.svg" "$lung" >/dev/null && ok || ko "weights"
valid "$tmp/w.svg"
grep -q 'Log-rank' "$tmp/w.svg" && ko "a log-rank p-value with case weights"

# every time 0, and times near the largest double: an axis all the same
printf 'time,status,g\n0,1,a\n0,0,b\n0,1,b\n' >"$tmp/zero.csv"
printf 'time,status\n1e308,1\n0,1\n1.7976931348623157e308,0\n' >"$tmp/huge.csv"
for f in zero huge; do
  "$km" --group=g --svg="$tmp/$f.svg" "$tmp/$f.csv" >/dev/null 2>&1 ||
    "$km" --svg="$tmp/$f.svg" "$tmp/$f.csv" >/dev/null && ok || ko "$f times"
  valid "$tmp/$f.svg"
  grep -q 'inf\|nan' "$tmp/$f.svg" && ko "$f times: inf or nan in the figure"
done

# 5. Labels with XML's special characters, a tab, a newline, a byte that is
# not UTF-8: escaped, the file still parses.
printf 'time,status,g\n1,1,"a&b"\n2,0,"<x>"\n3,1,"""q'"'"'"\n4,1,"t\tab"\n5,0,"new\nline"\n6,1,"\377bad"\n7,1,"a&b"\n8,0,"<x>"\n' >"$tmp/lab.csv"
"$km" --group=g --svg="$tmp/lab.svg" "$tmp/lab.csv" >/dev/null && ok || ko "labels"
valid "$tmp/lab.svg"
for s in '>a&amp;b</text>' '>&lt;x&gt;</text>' '>&quot;q&#39;</text>' '>t ab</text>' \
    '>new line</text>' '>?bad</text>'; do
  grep -qF -- "$s" "$tmp/lab.svg" && ok || ko "label not escaped as $s"
done

# 6. Cumulative incidence (mgus2 by sex, two causes): a panel per cause,
# stacked or side by side; corners and at-risk rows against surv-cif's
# table; Gray's p-value of each cause from surv-cif --test.
mg="$fx/prog18-mgus2.csv"
"$cif" --group=sex "$mg" | awk -F'\t' 'NR > 1 { if (!($1 in g)) g[$1] = ++k
  print $2, g[$1], $3, $4, $7 }' >"$tmp/cif.tab"
"$cif" --group=sex --test "$mg" | awk -F'\t' 'NR > 1 {
  if ($4 < 0.0001) print "Gray p < 0.0001"; else printf "Gray p = %.2g\n", $4 }' >"$tmp/gray"
for layout in stacked side; do
  "$cif" --group=sex --svg="$tmp/cif-$layout.svg" --svg-layout=$layout \
    --time-unit=months "$mg" >"$tmp/out" 2>"$tmp/err" && [ ! -s "$tmp/err" ] && ok ||
    ko "surv-cif --svg-layout=$layout: $(cat "$tmp/err")"
  valid "$tmp/cif-$layout.svg"
  figure "$tmp/cif-$layout.svg" >"$tmp/cif.fig"
  compare_figure "cif $layout" "$tmp/cif.tab" "$tmp/cif.fig" $(prec "$tmp/cif-$layout.svg")
  [ "$(grep -c '^<g transform=' "$tmp/cif-$layout.svg")" = 2 ] && ok || ko "$layout: not 2 panels"
  while read -r p; do
    grep -qF ">$p</text>" "$tmp/cif-$layout.svg" && ok || ko "$layout: no '$p'"
  done <"$tmp/gray"
done
w1=$(sed -n '1s/.* width="\([0-9]*\)".*/\1/p' "$tmp/cif-stacked.svg")
w2=$(sed -n '1s/.* width="\([0-9]*\)".*/\1/p' "$tmp/cif-side.svg")
[ "$w2" -gt $((w1 + w1 / 2)) ] && ok || ko "side by side is not wider ($w1, $w2)"
# at chosen times
"$cif" --group=sex --svg="$tmp/cif-rt.svg" --risk-times=0,50,100.5,400 "$mg" >/dev/null && ok ||
  ko "surv-cif --risk-times"
valid "$tmp/cif-rt.svg"
figure "$tmp/cif-rt.svg" >"$tmp/cif.fig"
[ "$(awk '$3 == "risk"' "$tmp/cif.fig" | wc -l)" = 16 ] && ok || ko "cif --risk-times: not 2 x 2 x 4 numbers"
compare_figure "cif --risk-times" "$tmp/cif.tab" "$tmp/cif.fig" $(prec "$tmp/cif-rt.svg")
# without groups: one curve per panel, no p-value
"$cif" --svg="$tmp/cif1.svg" "$mg" >/dev/null && ok || ko "surv-cif --svg without groups"
valid "$tmp/cif1.svg"
grep -q 'Gray' "$tmp/cif1.svg" && ko "a Gray p-value without groups"

# 7. Failures: nothing on stdout, one line on stderr, no file (an existing
# one untouched), no temporary file left; misuse exits 2.
"$km" --svg="$tmp/no/such/dir/f.svg" "$lung" $cols >"$tmp/out" 2>"$tmp/err"
[ $? = 1 ] && [ ! -s "$tmp/out" ] && [ "$(wc -l <"$tmp/err")" = 1 ] &&
  grep -q "^surv-km: $tmp/no/such/dir/f.svg: " "$tmp/err" && ok ||
  ko "unwritable --svg: $(cat "$tmp/err")"
echo keep >"$tmp/keep.svg"
printf 'time,status\n1,1\n-2,0\n' >"$tmp/bad.csv"
for prog in "$km" "$cif"; do
  "$prog" --svg="$tmp/keep.svg" "$tmp/bad.csv" >"$tmp/out" 2>"$tmp/err"
  [ $? = 1 ] && [ ! -s "$tmp/out" ] && [ "$(cat "$tmp/keep.svg")" = keep ] && ok ||
    ko "$prog: bad data with --svg: $(cat "$tmp/err")"
  "$prog" --svg="$tmp/new.svg" "$tmp/bad.csv" >/dev/null 2>&1
  [ -e "$tmp/new.svg" ] && ko "$prog: a figure of bad data"
done
ls "$tmp" | grep -q '\.tmp' && ko "a temporary file is left: $(ls "$tmp")"
for args in "--risk-times=5,3" "--risk-times=1,,2" "--risk-times=-1" "--risk-times=x" \
    "--title=x" "--median-lines" "--svg-layout=side --svg=$tmp/x.svg" "--svg=" "--median-lines=1"; do
  "$km" $args $cols "$lung" >"$tmp/out" 2>"$tmp/err"
  [ $? = 2 ] && [ ! -s "$tmp/out" ] && grep -q '^usage: surv-km' "$tmp/err" && ok ||
    ko "surv-km $args: not a usage error"
done
for args in "--svg-layout=grid --svg=$tmp/x.svg" "--svg-layout=side" "--time-unit=days" \
    "--median-lines --svg=$tmp/x.svg"; do
  "$cif" $args "$mg" >"$tmp/out" 2>"$tmp/err"
  [ $? = 2 ] && [ ! -s "$tmp/out" ] && ok || ko "surv-cif $args: not a usage error"
done
[ -e "$tmp/x.svg" ] && ko "a figure written on a usage error"

[ $fail = 0 ] && echo "check-km-svg: $n checks passed"
exit $fail
