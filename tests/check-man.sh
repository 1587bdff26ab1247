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

# normalised header text: no comments, one space between tokens
cat "$top_srcdir"/include/surv/*.h "$top_builddir"/include/surv/version.h |
  tr '\n' ' ' | sed -e 's@/\*[^*]*\*\+\([^/*][^*]*\*\+\)*/@ @g' -e 's/[[:space:]]\+/ /g' \
  -e 's/ *( */(/g' -e 's/ *) */)/g' -e 's/ *, */, /g' -e 's/ *; */;/g' -e 's/\* /*/g' > "$tmp/headers"

# 2. every page renders without warnings (one groff run a page: warnings
# must not leak from one page into the next)
npages=0
for page in "$mandir"/man3/*.3 "$mandir"/man1/*.1 "$mandir"/man7/*.7; do
  [ -f "$page" ] || continue
  npages=$((npages+1))
  if ! "$groff" -man -ww -z "$page" 2> "$tmp/err" || [ -s "$tmp/err" ]; then
    echo "${page##*/}: groff warnings:"; cat "$tmp/err"; fail=1
  fi
done

# 3-5, all pages in one awk: the .TH line (version and date come from
# configure, substituted when installed); heading order (man-pages(7)) and
# the required headings; minus signs in options written \-; the SYNOPSIS
# prototypes of function pages, unescaped and normalised, into
# $tmp/protos as "page<TAB>prototype" (matched against the headers below);
# their EXAMPLE sections, unescaped, into $tmp/ex/NAME.c.
mkdir -p "$tmp/ex"
awk -v exdir="$tmp/ex" -v protos="$tmp/protos" '
  function rep(s, from, to,   out, i) { # every literal "from" -> "to"
    out = ""
    while ((i = index(s, from)) > 0) {
      out = out substr(s, 1, i - 1) to
      s = substr(s, i + length(from))
    }
    return out s
  }
  function plain(s) { # roff escapes -> plain C text
    s = rep(s, "\\fB", ""); s = rep(s, "\\fI", ""); s = rep(s, "\\fR", "")
    s = rep(s, "\\fP", ""); s = rep(s, "\\f(CW", ""); s = rep(s, "\\-", "-")
    s = rep(s, "\\e", "\\"); s = rep(s, "\\(aq", "\047"); s = rep(s, "\\(dq", "\"")
    s = rep(s, "\\&", ""); s = rep(s, "\\(ti", "~"); s = rep(s, "\\(ha", "^")
    s = rep(s, "\\(em", "--"); s = rep(s, "\\ ", " "); s = rep(s, "\\(rs", "\\")
    return s
  }
  function norm(s) {
    gsub(/[[:space:]]+/, " ", s); gsub(/ *\( */, "(", s); gsub(/ *\) */, ")", s)
    gsub(/ *, */, ", ", s); gsub(/ *; */, ";", s); gsub(/\* /, "*", s)
    return s
  }
  function finish(   m, w, i, k, p) { # the page just read
    if (name == "") return
    if (th != 1) { print name ": want one line \047.TH TITLE SECTION @DATE@ \"libsurv @VERSION@\" \"libsurv Manual\"\047"; bad = 1 }
    m = split(want, w, "|")
    for (i = 1; i <= m; i++) if (!(w[i] in seen)) { print name ": missing section " w[i]; bad = 1 }
    if (fn) {
      k = split(norm(syn), p, ";")
      for (i = 1; i <= k; i++) {
        sub(/^ +/, "", p[i])
        if (p[i] ~ /surv_.*\(/) print name "\t" p[i] > protos
      }
      if (ex !~ /main *\(/) { print name ": EXAMPLE has no main()"; bad = 1 }
      else { f = exdir "/" substr(name, 1, length(name) - 2) ".c"; printf "%s", ex > f; close(f) }
    }
  }
  BEGIN {
    n = split("NAME|LIBRARY|SYNOPSIS|DESCRIPTION|OPTIONS|INPUT|OUTPUT|RETURN VALUE|ERRORS|EXIT STATUS|ENVIRONMENT|FILES|ATTRIBUTES|HISTORY|NOTES|BUGS|EXAMPLE|SEE ALSO", o, "|")
    for (i = 1; i <= n; i++) idx[o[i]] = i
    printf "" > protos
  }
  FNR == 1 {
    finish()
    name = FILENAME; sub(/.*\//, "", name)
    th = 0; last = 0; sec = ""; syn = ""; ex = ""; split("", seen)
    fn = name !~ /^(libsurv\.3|surv_errors\.3)$/ && name ~ /\.3$/
    if (name ~ /^(libsurv\.3|surv_errors\.3)$/) want = "NAME|DESCRIPTION|HISTORY"
    else if (name ~ /\.7$/) want = "NAME|DESCRIPTION"
    else if (name ~ /\.1$/) want = "NAME|SYNOPSIS|DESCRIPTION|EXIT STATUS|SEE ALSO"
    else want = "NAME|SYNOPSIS|DESCRIPTION|RETURN VALUE|ERRORS|HISTORY|EXAMPLE|SEE ALSO"
  }
  /^\.TH [^ ]* [1-8] @DATE@ "libsurv @VERSION@" "libsurv Manual"$/ { th++ }
  /^\.SH/ {
    h = $0; sub(/^\.SH */, "", h); gsub(/"/, "", h); seen[h] = 1; sec = h
    if (!(h in idx)) { print name ": unknown section \047" h "\047"; bad = 1; next }
    if (idx[h] <= last) { print name ": section \047" h "\047 out of order"; bad = 1 }
    last = idx[h]; next
  }
  !/^\.\\"/ && /(^|[[:space:]])--?[a-z]/ { print name ": unescaped minus sign: " FNR ": " $0; bad = 1 }
  fn && sec == "SYNOPSIS" {
    line = $0
    if (line ~ /^\.BI? /) sub(/^\.BI? /, "", line)
    else if (line ~ /^\./) next
    gsub(/"/, "", line); line = plain(line)
    if (line !~ /^#include/) syn = syn line " "
  }
  fn && sec == "EXAMPLE" && !/^\./ { ex = ex plain($0) "\n" }
  END { finish(); exit bad }
' "$mandir"/man3/*.3 "$mandir"/man1/*.1 "$mandir"/man7/*.7 || fail=1
# 4. SYNOPSIS prototypes appear in the headers
awk -F'\t' 'NR == FNR { h = $0; next }
  !index(h, $2 ";") { print $1 ": SYNOPSIS prototype not in headers: " $2; bad = 1 }
  END { exit bad }' "$tmp/headers" "$tmp/protos" || fail=1

libdir=$(cd "$top_builddir/lib/.libs" && pwd)
export CC tmp libdir top_srcdir top_builddir
# Each example is compiled on its own (-Werror) with main renamed ex_NAME,
# and all are linked into one program (one link instead of one per page;
# an example must then define no global symbol but main) that runs each in
# a child process of its own.
ls "$tmp"/ex/*.c | xargs -P "$(($(nproc 2>/dev/null || echo 2) * 2))" -n 1 sh -c '
  ex=$1; base=$(basename "$ex" .c)
  if ! grep -q "int main(void)" "$ex"; then
    { echo "$base.3: EXAMPLE main is not int main(void)"; } > "${ex%.c}.fail"; exit 0
  fi
  if ! $CC -std=c99 -Wall -Werror -I"$top_srcdir/include" -I"$top_builddir/include" \
       -Dmain="ex_$base" -c "$ex" -o "${ex%.c}.o" 2> "${ex%.c}.cc"; then
    { echo "$base.3: EXAMPLE does not compile:"; cat "${ex%.c}.cc"; } > "${ex%.c}.fail"
    rm -f "${ex%.c}.o"
  fi' sh
{
  echo '#define _POSIX_C_SOURCE 200809L'
  echo '#include <stdio.h>'
  echo '#include <stdlib.h>'
  echo '#include <sys/wait.h>'
  echo '#include <unistd.h>'
  for o in "$tmp"/ex/*.o; do
    [ -f "$o" ] && echo "int ex_$(basename "$o" .o)(void);"
  done
  echo 'static const struct { const char *name; int (*fn)(void); } ex[] = {'
  for o in "$tmp"/ex/*.o; do
    [ -f "$o" ] && b=$(basename "$o" .o) && echo "  {\"$b\", ex_$b},"
  done
  echo '  {NULL, NULL}};'
  cat <<'DRV'
int main(int argc, char **argv) {
  int bad = 0;
  for (int i = 0; ex[i].name; i++) {
    char out[4096];
    snprintf(out, sizeof out, "%s/%s.out", argv[1], ex[i].name);
    fflush(NULL);
    pid_t pid = fork();
    if (pid == 0) {
      if (!freopen(out, "w", stdout) || dup2(fileno(stdout), 2) < 0)
        _exit(127);
      exit(ex[i].fn());
    }
    int st = 0;
    if (pid < 0 || waitpid(pid, &st, 0) != pid || !WIFEXITED(st) ||
        WEXITSTATUS(st) != 0) {
      printf("%s.3: EXAMPLE exits non-zero:\n", ex[i].name);
      FILE *f = fopen(out, "r");
      int c;
      while (f && (c = getc(f)) != EOF)
        putchar(c);
      if (f)
        fclose(f);
      bad = 1;
    }
  }
  (void)argc;
  return bad;
}
DRV
} > "$tmp/driver.c"
if ! $CC -std=c99 -Wall -Werror "$tmp/driver.c" "$tmp"/ex/*.o -L"$libdir" \
     -Wl,-rpath,"$libdir" -lsurv -lm -o "$tmp/examples" 2> "$tmp/link"; then
  echo "the EXAMPLE programs do not link together:"; cat "$tmp/link"; fail=1
elif ! "$tmp/examples" "$tmp/ex"; then
  fail=1
fi
nex=$(ls "$tmp"/ex/*.c | wc -l)
if ls "$tmp"/ex/*.fail >/dev/null 2>&1; then cat "$tmp"/ex/*.fail; fail=1; fi
[ $fail = 0 ] && echo "check-man: $npages pages render cleanly, $nex examples compiled and run"
exit $fail
