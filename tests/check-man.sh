#!/bin/sh
# Man pages: one man3 page per exported function; every page renders cleanly
# under groff -man -ww -z; headings come in man-pages(7) order; SYNOPSIS
# prototypes match the headers; every EXAMPLE compiles and runs.
set -eu
mandir="$top_srcdir/man"
tmp=${TMPDIR:-/tmp}/surv-man.$$
mkdir -p "$tmp"; trap 'rm -rf "$tmp"' EXIT
fail=0
groff=${GROFF:-groff}
command -v "$groff" >/dev/null 2>&1 || { echo "groff not found"; exit 1; }

# 1. exported functions <-> pages
so="$top_builddir/lib/.libs/libsurv.so"
for f in $(nm -D --defined-only "$so" | awk '$2=="T"{print $3}' | sed 's/@.*//' | sort -u); do
  [ -f "$mandir/man3/$f.3" ] || { echo "no man page man3/$f.3 for exported $f"; fail=1; }
done

# unescape roff text to plain C
plain() {
  sed -e 's/\\f[BIRP]//g' -e 's/\\f(CW//g' -e 's/\\-/-/g' -e 's/\\e/\\/g' \
      -e "s/\\\\(aq/'/g" -e 's/\\(dq/"/g' -e 's/\\&//g' -e 's/\\(ti/~/g' -e 's/\\(ha/^/g' \
      -e 's/\\(em/--/g' -e 's/\\ / /g' -e 's/\\(rs/\\/g'
}
# normalised header text: no comments, one space between tokens
cat "$top_srcdir"/include/surv/*.h "$top_builddir"/include/surv/version.h |
  tr '\n' ' ' | sed -e 's@/\*[^*]*\*\+\([^/*][^*]*\*\+\)*/@ @g' -e 's/[[:space:]]\+/ /g' \
  -e 's/ *( */(/g' -e 's/ *) */)/g' -e 's/ *, */, /g' -e 's/ *; */;/g' -e 's/\* /*/g' > "$tmp/headers"

npages=0; nex=0
for page in "$mandir"/man3/*.3 "$mandir"/man1/*.1 "$mandir"/man7/*.7; do
  [ -f "$page" ] || continue
  npages=$((npages+1))
  name=$(basename "$page")
  # 2. renders without warnings
  if ! "$groff" -man -ww -z "$page" 2> "$tmp/err" || [ -s "$tmp/err" ]; then
    echo "$name: groff warnings:"; cat "$tmp/err"; fail=1
  fi
  # version and date come from configure (substituted when installed)
  th=$(grep -c '^\.TH [^ ]* [1-8] @DATE@ "libsurv @VERSION@" "libsurv Manual"$' "$page" || true)
  [ "$th" = 1 ] || { echo "$name: want one line '.TH TITLE SECTION @DATE@ \"libsurv @VERSION@\" \"libsurv Manual\"'"; fail=1; }
  # 3. heading order
  heads=$(grep '^\.SH' "$page" | sed -e 's/^\.SH *//' -e 's/"//g' | tr '\n' '|')
  case "$name" in
    libsurv.3|surv_errors.3|*.7) want="NAME DESCRIPTION" ;;
    *.1) want="NAME SYNOPSIS DESCRIPTION EXIT_STATUS SEE_ALSO" ;;
    *) want="NAME SYNOPSIS DESCRIPTION RETURN_VALUE ERRORS EXAMPLE SEE_ALSO" ;;
  esac
  order="NAME|LIBRARY|SYNOPSIS|DESCRIPTION|OPTIONS|INPUT|OUTPUT|RETURN VALUE|ERRORS|EXIT STATUS|ENVIRONMENT|FILES|ATTRIBUTES|NOTES|BUGS|EXAMPLE|SEE ALSO"
  last=-1
  for h in $(echo "$heads" | tr ' ' '_' | tr '|' ' '); do
    idx=$(echo "$order" | tr ' ' '_' | tr '|' '\n' | grep -n -x "$h" | cut -d: -f1 || true)
    if [ -z "$idx" ]; then echo "$name: unknown section '$h'"; fail=1; continue; fi
    if [ "$idx" -le "$last" ]; then echo "$name: section '$h' out of order"; fail=1; fi
    last=$idx
  done
  for w in $want; do
    echo "|$heads" | tr ' ' '_' | grep -q "|$w|" || { echo "$name: missing section $(echo $w | tr _ ' ')"; fail=1; }
  done
  # minus signs in options must be \-
  if grep -v '^\.\\"' "$page" | grep -nE '(^|[[:space:]])--?[a-z]' > "$tmp/minus"; then
    echo "$name: unescaped minus sign(s):"; cat "$tmp/minus"; fail=1
  fi
  case "$name" in
    libsurv.3|surv_errors.3|*.1|*.7) continue ;;
  esac
  # 4. SYNOPSIS prototypes appear in the headers
  awk '/^\.SH SYNOPSIS/{on=1;next} /^\.SH/{on=0} on' "$page" | grep -v '^\.' | plain |
    grep -v '^#include' | tr '\n' ' ' | sed -e 's/[[:space:]]\+/ /g' -e 's/ *( */(/g' \
    -e 's/ *) */)/g' -e 's/ *, */, /g' -e 's/ *; */;/g' -e 's/\* /*/g' | tr ';' '\n' > "$tmp/syn"
  while IFS= read -r proto; do
    proto=$(echo "$proto" | sed 's/^ *//')
    [ -n "$proto" ] || continue
    case "$proto" in *surv_*"("*) ;; *) continue ;; esac
    grep -qF -- "$proto;" "$tmp/headers" || { echo "$name: SYNOPSIS prototype not in headers: $proto"; fail=1; }
  done < "$tmp/syn"
  # 5. EXAMPLE compiles and runs
  awk '/^\.SH EXAMPLE/{on=1;next} /^\.SH/{on=0} on' "$page" | grep -v '^\.' | plain > "$tmp/ex.c"
  if ! grep -q 'main *(' "$tmp/ex.c"; then echo "$name: EXAMPLE has no main()"; fail=1; continue; fi
  if ! $LIBTOOL --mode=link --quiet $CC -std=c99 -Wall -Werror -I"$top_srcdir/include" -I"$top_builddir/include" \
       "$tmp/ex.c" "$top_builddir/lib/libsurv.la" -lm -o "$tmp/ex" 2> "$tmp/cc"; then
    echo "$name: EXAMPLE does not compile:"; cat "$tmp/cc"; fail=1; continue
  fi
  if ! "$tmp/ex" > "$tmp/out" 2>&1; then echo "$name: EXAMPLE exits non-zero:"; cat "$tmp/out"; fail=1; fi
  nex=$((nex+1))
done
[ $fail = 0 ] && echo "check-man: $npages pages render cleanly, $nex examples compiled and run"
exit $fail
