#!/bin/sh
# Every public header compiles on its own, in C and in C++ when a C++
# compiler is present, with -Wall -Wextra -Werror -pedantic (-fsyntax-only:
# every diagnostic a declaration can raise, without code generation).
set -eu
tmp=${TMPDIR:-/tmp}/surv-hdr.$$
mkdir -p "$tmp"; trap 'rm -rf "$tmp"' EXIT
inc="-I$top_srcdir/include -I$top_builddir/include"
n=0
for h in "$top_srcdir"/include/surv.h "$top_srcdir"/include/surv/*.h; do
  rel=${h#"$top_srcdir"/include/}
  printf '#include <%s>\n#include <%s>\nint main(void) { return 0; }\n' "$rel" "$rel" > "$tmp/t.c"
  $CC -std=c99 -Wall -Wextra -Werror -pedantic $inc -fsyntax-only "$tmp/t.c" || { echo "header $rel fails alone in C"; exit 1; }
  if command -v c++ >/dev/null 2>&1; then
    cp "$tmp/t.c" "$tmp/t.cc"
    c++ -Wall -Wextra -Werror -pedantic $inc -fsyntax-only "$tmp/t.cc" || { echo "header $rel fails in C++"; exit 1; }
  fi
  n=$((n+1))
done
echo "check-headers: $n headers compile standalone"
