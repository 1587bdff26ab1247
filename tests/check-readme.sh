#!/bin/sh
# The C example in README (between the 'example.c' marker lines) compiles as
# written and runs successfully.
set -eu
tmp=${TMPDIR:-/tmp}/surv-readme.$$
mkdir -p "$tmp"; trap 'rm -rf "$tmp"' EXIT
awk '/^-+ example\.c -+$/{on=1;next} /^-+ end of example\.c -+$/{on=0} on' "$top_srcdir/README" | sed 's/^    //' > "$tmp/example.c"
grep -q 'main' "$tmp/example.c" || { echo "no example found in README"; exit 1; }
$LIBTOOL --mode=link --quiet $CC -std=c99 -Wall -Wextra -Werror -I"$top_srcdir/include" -I"$top_builddir/include" \
  "$tmp/example.c" "$top_builddir/lib/libsurv.la" -lm -o "$tmp/example"
"$tmp/example" > "$tmp/out"
cat "$tmp/out"
echo "check-readme: README example compiles and runs"

# The README's runs of surv-km, surv-logrank, surv-cif and surv-power ("    $ examples/
# surv-NAME ARGS" and the output under it, up to a blank line) print what
# the README shows (tabs expanded).
awk '/^    \$ examples\/surv-(km|logrank|cif|power) / { n++; f = sprintf("%s/run%d", dir, n)
       sub(/^    \$ /, ""); print > (f ".cmd"); printf "" > (f ".want"); on = 1; next }
     on && /^$/ { on = 0 }
     on { sub(/^    /, ""); print >> (f ".want") }' dir="$tmp" "$top_srcdir/README"
nrun=0; bd=$(cd "$top_builddir" && pwd)
for cmd in "$tmp"/run*.cmd; do
  [ -e "$cmd" ] || continue
  nrun=$((nrun + 1))
  (cd "$top_srcdir" && eval "\"$bd/\"$(cat "$cmd")") | expand > "${cmd%.cmd}.got"
  if ! cmp -s "${cmd%.cmd}.got" "${cmd%.cmd}.want"; then
    echo "README example differs: $(cat "$cmd")"; diff "${cmd%.cmd}.want" "${cmd%.cmd}.got"; exit 1
  fi
done
[ "$nrun" -ge 3 ] || { echo "README: $nrun program examples found, want 3 or more"; exit 1; }
echo "check-readme: $nrun README program examples print what the README shows"
