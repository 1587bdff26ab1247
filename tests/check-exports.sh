#!/bin/sh
# The shared object exports exactly the functions declared in include/, all
# prefixed surv_ (hidden visibility plus libtool's export regex).
set -eu
so="$top_builddir/lib/.libs/libsurv.so"
[ -f "$so" ] || { echo "missing $so"; exit 1; }
tmp=${TMPDIR:-/tmp}/surv-exports.$$
trap 'rm -f "$tmp".*' EXIT
nm -D --defined-only "$so" | awk '$2 ~ /^[TDBRVW]$/ {print $3}' | sed 's/@.*//' | sort -u > "$tmp.so"
# Declarations: identifiers surv_... directly followed by '(' in the headers.
# Only the module headers that surv.h includes are public.
hdrs=$(sed -n 's@^#include "\(surv/[a-z_]*\.h\)"@\1@p' "$top_srcdir/include/surv.h" | grep -v version.h |
  sed "s@^@$top_srcdir/include/@")
cat $hdrs "$top_builddir"/include/surv/version.h | tr '\n' ' ' |
  sed 's@/\*[^*]*\*\+\([^/*][^*]*\*\+\)*/@ @g' | grep -o 'surv_[a-z0-9_]*[[:space:]]*(' | sed 's/[[:space:]]*(//' | sort -u > "$tmp.h"
bad=$(grep -v '^surv_[a-z0-9]' "$tmp.so" || true)
if [ -n "$bad" ]; then echo "non-surv_ symbols exported:"; echo "$bad"; exit 1; fi
if ! diff -u "$tmp.h" "$tmp.so"; then
  echo "exported symbols (+) differ from functions declared in include/ (-)"; exit 1
fi
echo "check-exports: $(wc -l < "$tmp.so") symbols, all declared, all surv_"
