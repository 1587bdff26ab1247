#!/bin/sh
# The shared object exports exactly the functions declared in include/, all
# prefixed surv_ (hidden visibility plus the version script lib/libsurv.map,
# or libtool's export regex where the linker has no version scripts), and,
# when the library has symbol versions, every one of them carries a
# LIBSURV_ version. Names are compared without their @LIBSURV_1.0 suffix.
set -eu
so="$top_builddir/lib/.libs/libsurv.so"
[ -f "$so" ] || { echo "missing $so"; exit 1; }
tmp=${TMPDIR:-/tmp}/surv-exports.$$
trap 'rm -f "$tmp".*' EXIT
nm -D --defined-only "$so" | awk '$2 ~ /^[TDBRVW]$/ {print $3}' > "$tmp.raw"
sed 's/@.*//' "$tmp.raw" | sort -u > "$tmp.so"
if nm -D --defined-only "$so" | awk '$2 == "A" {print $3}' | grep -qx 'LIBSURV_1.0'; then
  unversioned=$(grep -v '@@LIBSURV_[0-9]*\.[0-9]*$' "$tmp.raw" || true)
  if [ -n "$unversioned" ]; then echo "exported without a LIBSURV_ version:"; echo "$unversioned"; exit 1; fi
  versions=" (version LIBSURV_1.0)"
else
  versions=" (no symbol versions: the linker has no version scripts)"
fi
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
echo "check-exports: $(wc -l < "$tmp.so") symbols, all declared, all surv_$versions"
