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
