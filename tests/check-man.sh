#!/bin/sh
# Man pages: one man3 page per exported function; every page renders cleanly
# under groff -man -ww -z; its .TH takes version and date from configure;
# headings come in man-pages(7) order, and every function page has HISTORY
# (the release that added it); SYNOPSIS prototypes match the headers; every
# EXAMPLE compiles and runs (compiled and run in parallel, after the
# per-page checks).
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
headers=$(cat "$tmp/headers") # one line, matched as a string below

order="NAME|LIBRARY|SYNOPSIS|DESCRIPTION|OPTIONS|INPUT|OUTPUT|RETURN VALUE|ERRORS|EXIT STATUS|ENVIRONMENT|FILES|ATTRIBUTES|HISTORY|NOTES|BUGS|EXAMPLE|SEE ALSO"
mkdir -p "$tmp/ex"
npages=0
for page in "$mandir"/man3/*.3 "$mandir"/man1/*.1 "$mandir"/man7/*.7; do
  [ -f "$page" ] || continue
  npages=$((npages+1))
  name=${page##*/}
  # 2. renders without warnings
  if ! "$groff" -man -ww -z "$page" 2> "$tmp/err" || [ -s "$tmp/err" ]; then
    echo "$name: groff warnings:"; cat "$tmp/err"; fail=1
  fi
  # version and date come from configure (substituted when installed)
  th=$(grep -c '^\.TH [^ ]* [1-8] @DATE@ "libsurv @VERSION@" "libsurv Manual"$' "$page" || true)
  [ "$th" = 1 ] || { echo "$name: want one line '.TH TITLE SECTION @DATE@ \"libsurv @VERSION@\" \"libsurv Manual\"'"; fail=1; }
  # 3. heading order (man-pages(7)) and the required headings, in one awk
  case "$name" in
    libsurv.3|surv_errors.3) want="NAME|DESCRIPTION|HISTORY" ;;
    *.7) want="NAME|DESCRIPTION" ;;
    *.1) want="NAME|SYNOPSIS|DESCRIPTION|EXIT STATUS|SEE ALSO" ;;
    *) want="NAME|SYNOPSIS|DESCRIPTION|RETURN VALUE|ERRORS|HISTORY|EXAMPLE|SEE ALSO" ;;
  esac
  awk -v name="$name" -v want="$want" -v order="$order" '
    BEGIN { n = split(order, o, "|"); for (i = 1; i <= n; i++) idx[o[i]] = i; last = 0 }
    /^\.SH/ { h = $0; sub(/^\.SH */, "", h); gsub(/"/, "", h); seen[h] = 1
      if (!(h in idx)) { print name ": unknown section \x27" h "\x27"; bad = 1; next }
      if (idx[h] <= last) { print name ": section \x27" h "\x27 out of order"; bad = 1 }
      last = idx[h] }
    END { m = split(want, w, "|")
      for (i = 1; i <= m; i++) if (!(w[i] in seen)) { print name ": missing section " w[i]; bad = 1 }
      exit bad }' "$page" || fail=1
  # minus signs in options must be \-
  if grep -v '^\.\\"' "$page" | grep -nE '(^|[[:space:]])--?[a-z]' > "$tmp/minus"; then
    echo "$name: unescaped minus sign(s):"; cat "$tmp/minus"; fail=1
  fi
  case "$name" in
    libsurv.3|surv_errors.3|*.1|*.7) continue ;;
  esac
  # 4. SYNOPSIS prototypes appear in the headers
  awk '/^\.SH SYNOPSIS/{on=1;next} /^\.SH/{on=0} on' "$page" | sed -e '/^\.BI\{0,1\} /!{/^\./d;}' -e 's/^\.BI\{0,1\} //' -e 's/"//g' | plain |
    grep -v '^#include' | tr '\n' ' ' | sed -e 's/[[:space:]]\+/ /g' -e 's/ *( */(/g' \
    -e 's/ *) */)/g' -e 's/ *, */, /g' -e 's/ *; */;/g' -e 's/\* /*/g' | tr ';' '\n' > "$tmp/syn"
  while IFS= read -r proto; do
    proto=${proto#"${proto%%[! ]*}"} # leading spaces off, without a fork
    [ -n "$proto" ] || continue
    case "$proto" in *surv_*"("*) ;; *) continue ;; esac
    case "$headers" in
      *"$proto;"*) ;;
      *) echo "$name: SYNOPSIS prototype not in headers: $proto"; fail=1 ;;
    esac
  done < "$tmp/syn"
  # 5. EXAMPLE: extracted here, compiled and run below
  awk '/^\.SH EXAMPLE/{on=1;next} /^\.SH/{on=0} on' "$page" | grep -v '^\.' | plain > "$tmp/ex/${name%.3}.c"
  grep -q 'main *(' "$tmp/ex/${name%.3}.c" || { echo "$name: EXAMPLE has no main()"; fail=1; rm -f "$tmp/ex/${name%.3}.c"; }
done

# 5. Every EXAMPLE compiles (warnings are errors) and exits 0: linked directly
# against the built library (no libtool wrapper), two jobs per CPU.
libdir=$(cd "$top_builddir/lib/.libs" && pwd)
export CC tmp libdir top_srcdir top_builddir
ls "$tmp"/ex/*.c | xargs -P "$(($(nproc 2>/dev/null || echo 2) * 2))" -n 1 sh -c '
  ex=$1; name=$(basename "$ex" .c).3
  if ! $CC -std=c99 -Wall -Werror -I"$top_srcdir/include" -I"$top_builddir/include" "$ex" \
       -L"$libdir" -Wl,-rpath,"$libdir" -lsurv -lm -o "${ex%.c}" 2> "${ex%.c}.cc"; then
    { echo "$name: EXAMPLE does not compile:"; cat "${ex%.c}.cc"; } > "${ex%.c}.fail"; exit 0
  fi
  if ! "${ex%.c}" > "${ex%.c}.out" 2>&1; then
    { echo "$name: EXAMPLE exits non-zero:"; cat "${ex%.c}.out"; } > "${ex%.c}.fail"
  fi' sh
nex=$(ls "$tmp"/ex/*.c | wc -l)
if ls "$tmp"/ex/*.fail >/dev/null 2>&1; then cat "$tmp"/ex/*.fail; fail=1; fi
[ $fail = 0 ] && echo "check-man: $npages pages render cleanly, $nex examples compiled and run"
exit $fail
