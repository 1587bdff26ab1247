# Bad-input catalogue, program rows (see man/man7/libsurv-errors.7). Sourced
# by tests/check-badinput.sh (checks exit status and the message format) and
# tests/valgrind-examples.sh (runs the same rows under valgrind). The caller
# defines
#   bi_run ID PROG STATUS STDIN ARGS...
# where PROG is the program's name without its surv- prefix (the program is
# examples/surv-PROG, and its messages begin "surv-PROG: "), STATUS the expected exit
# status (0 valid input, 1 bad input, 2 usage error) and STDIN a file for
# standard input ("-" for none). A row whose program is not built fails.
# $tmp is a scratch directory.

bi_make_inputs() {
  d=$tmp
  printf 'time,status\n1,1\n2,0\n3,1\n4,1\n' > "$d/valid.csv"
  printf 'time,status\r\n1,1\r\n2,0\r\n3,1\r\n' > "$d/crlf.csv"
  printf '\357\273\277time,status\n1,1\n2,0\n' > "$d/bom.csv"
  printf '\ntime,status\n\n1,1\n\n2,0\n\n' > "$d/blank.csv"
  printf 'id,time,status\n"a,b",1,1\n"say ""hi""",2,0\n' > "$d/quoted.csv"
  printf 'time,status\n1e308,1\n0,1\n1.7976931348623157e308,0\n' > "$d/hugetime.csv"
  awk 'BEGIN { printf "note,time,status\n"; s = "x";
               while (length(s) < 1048576) s = s s;
               printf "%s,1,1\n%s,2,0\n", s, s }' > "$d/longline.csv"
  printf 'time,status\n"1,1\n2,0\n' > "$d/unterminated.csv"
  printf 'time,status\n1,1\n2\0000,0\n' > "$d/nul.csv"
  printf '1,1\n2,0\n' > "$d/noheader.csv"
  : > "$d/empty.csv"
  printf '\n\n\n' > "$d/blankonly.csv"
  printf 'time,status\n' > "$d/headeronly.csv"
  printf 'time,status\n1,1\nNaN,0\n' > "$d/nan.csv"
  printf 'time,status\n1,1\nInf,0\n' > "$d/inf.csv"
  printf 'time,status\n1,1\n-2,0\n' > "$d/negative.csv"
  printf 'time,status\n1,1\n,0\n' > "$d/emptytime.csv"
  printf 'time,status\n1,1\nNA,0\n' > "$d/natime.csv"
  printf 'time,status\n1,1\n2,2\n' > "$d/status2.csv"
  printf 'time,status\n1,0\n2,2\n' > "$d/status02.csv"
  printf 'time,status\n1,1\n2,-1\n' > "$d/statusneg.csv"
  printf 'time,status\n1,1\n2,0,7\n' > "$d/extrafield.csv"
  printf 'time,status\n1,1\n2\n' > "$d/shortrow.csv"
  printf 'time,event\n1,1\n' > "$d/nostatus.csv"
  printf 'time,status\n1e999,1\n' > "$d/overflow.csv"
  printf 'time,status\n0x10,1\n' > "$d/hex.csv"
  printf 'time,status\r\n1,1\r\n2,0\r\n3,1\r' > "$d/cutcrlf.csv"
  printf 'time,status\n1,1\n1e0000000000000000400,0\n' > "$d/longexp.csv"
  awk 'BEGIN { printf "time,status\n1,1\n0."; s = "0";
               while (length(s) < 1000000) s = s s;
               printf "%s1e10000000000,0\n", s }' > "$d/zerosexp.csv"
  printf 'time,status\n1,1\n2\001\033[2J,0\n' > "$d/control.csv"
  printf 'time,status,group\n1,1,1\n2,1,2\n3,0,1\n4,1,2\n5,1,1\n' > "$d/groups.csv"
  printf 'time,status,x\n1,1,a\001\n2,0,a\001\n' > "$d/onelevel.csv"
  printf 'time,status,g\n1,1,b\n2,0,a\n3,1,b\n4,1,a\n5,0,b\n' > "$d/textgroups.csv"
  printf 'time,status,group\n1,1,b\n2,0,a\n3,1,b\n4,1,a\n5,0,b\n' > "$d/textgroups2.csv"
  printf 'time,status\n1,TRUE\n2,FALSE\n3,TRUE\n' > "$d/logical.csv"
  printf 'time,status\n1,TRUE\n2,0\n3,TRUE\n' > "$d/logicalmix.csv"
  printf 'time,status\n1,dead\n2,alive\n3,dead\n' > "$d/words.csv"
  printf 'time,status\n1,dead\n2,alive\n3,lost\n' > "$d/words3.csv"
  printf 'time,status,g\n1,1,a\n2,0,\n3,1,b\n' > "$d/nagroup.csv"
  printf 'time,status,group\n1,1,1\n2,0,NA\n3,1,2\n' > "$d/nagroup2.csv"
  printf 'time,status\nNA,1\n,0\n' > "$d/allna.csv"
  printf 'time,status,w\n1,1,1\n2,0,-1\n' > "$d/negweight.csv"
  printf 'e,time,status\n0,1,1\n2,2,0\n' > "$d/badentry.csv"
  printf 'time,status,group\n1,2,1\n2,1,2\n3,2,1\n4,2,2\n' > "$d/groups12.csv"
  printf 'time,status,g\n1,1,a\n2,2,b\n3,0,a\n4,1,b\n5,2,a\n6,0,b\n' > "$d/causes.csv"
  printf 'time,status\n1,1\n2,1.5\n' > "$d/badcause.csv"
  printf 'time,status,x\n1,dead,1\n2,alive,2\n3,dead,1\n4,dead,3\n5,alive,2\n6,dead,5\n' > "$d/wordsx.csv"
  printf 'time,status,x\n1,dead,1\n2,alive,2\n3,lost,1\n' > "$d/words3x.csv"
  printf 'time,status,x\n1,1,1\n2,0,2\n3,1,NA\n4,1,3\n' > "$d/nax.csv"
  # surv-audit: data with arms, figures that match, malformed figures
  printf 'time,status,arm\n1,1,a\n2,0,a\n3,1,b\n4,1,b\n' > "$d/arms.csv"
  printf 'time,status,arm\n1,1,a\n2,2,b\n' > "$d/arms-status2.csv"
  printf 'time,status,arm\n1,1,a\n2,0,\n' > "$d/arms-empty.csv"
  printf '# figures\ncount a patients 2\nmedian b 3.5\n' > "$d/figs.txt"
  printf 'count a patients 2\nmean a 2\n' > "$d/figs-kind.txt"
  printf 'count c patients 2\n' > "$d/figs-arm.txt"
  printf 'median a 2 (1-x)\n' > "$d/figs-limits.txt"
  printf 'median a 2 ci=cubic\n' > "$d/figs-option.txt"
  printf 'count a\000 patients 2\n' > "$d/figs-nul.txt"
  printf 'count a patients 2\001\033[2J\n' > "$d/figs-control.txt"
  printf '# nothing\n\n' > "$d/figs-none.txt"
}

bi_cases() {
  d=$tmp
  # --- km: valid CSV variants ---
  bi_run km-valid km 0 - "$d/valid.csv"
  bi_run km-stdin km 0 "$d/valid.csv"
  bi_run km-quantiles km 0 - --quantiles "$d/valid.csv"
  bi_run km-crlf km 0 - "$d/crlf.csv"
  bi_run km-bom km 0 - "$d/bom.csv"
  bi_run km-blank-lines km 0 - "$d/blank.csv"
  bi_run km-quoted km 0 - "$d/quoted.csv"
  bi_run km-huge-times km 0 - "$d/hugetime.csv"
  bi_run km-long-line km 0 - "$d/longline.csv"
  bi_run km-help km 0 - --help
  bi_run km-version km 0 - --version
  # --- km: malformed CSV and bad values (exit 1, FILE:LINE: message) ---
  bi_run km-unterminated-quote km 1 - "$d/unterminated.csv"
  bi_run km-embedded-nul km 1 - "$d/nul.csv"
  bi_run km-missing-header km 1 - "$d/noheader.csv"
  bi_run km-empty-file km 1 - "$d/empty.csv"
  bi_run km-blank-file km 1 - "$d/blankonly.csv"
  bi_run km-no-data-rows km 1 - "$d/headeronly.csv"
  bi_run km-nan-time km 1 - "$d/nan.csv"
  bi_run km-inf-time km 1 - "$d/inf.csv"
  bi_run km-negative-time km 1 - "$d/negative.csv"
  bi_run km-empty-time km 1 - --strict "$d/emptytime.csv"
  bi_run km-na-time km 1 - --strict "$d/natime.csv"
  bi_run km-overflow-time km 1 - "$d/overflow.csv"
  bi_run km-hex-time km 1 - "$d/hex.csv"
  bi_run km-status-1-2 km 0 - "$d/status2.csv"
  bi_run km-status-0-and-2 km 1 - "$d/status02.csv"
  bi_run km-status-negative km 1 - "$d/statusneg.csv"
  bi_run km-extra-field km 1 - "$d/extrafield.csv"
  bi_run km-short-row km 1 - "$d/shortrow.csv"
  bi_run km-missing-column km 1 - "$d/nostatus.csv"
  bi_run km-no-such-file km 1 - "$d/does-not-exist.csv"
  # --- km: usage errors (exit 2) ---
  bi_run km-unknown-option km 2 - --bogus "$d/valid.csv"
  bi_run km-level-0 km 2 - --conf-level=0 "$d/valid.csv"
  bi_run km-level-1 km 2 - --conf-level=1 "$d/valid.csv"
  bi_run km-level-nan km 2 - --conf-level=nan "$d/valid.csv"
  bi_run km-bad-type km 2 - --conf-type=cubic "$d/valid.csv"
  bi_run km-two-files km 2 - "$d/valid.csv" "$d/valid.csv"
  # --- km: issue 17 rows ---
  bi_run km-cut-crlf km 0 - "$d/cutcrlf.csv"
  bi_run km-long-exponent km 1 - "$d/longexp.csv"
  bi_run km-zeros-and-huge-exponent km 1 - "$d/zerosexp.csv"
  bi_run km-control-bytes km 1 - "$d/control.csv"
  bi_run km-end-of-options km 0 - -- "$d/valid.csv"
  bi_run km-level-hex km 2 - --conf-level=0x0.8p0 "$d/valid.csv"
  bi_run km-flag-with-value km 2 - --quantiles=1 "$d/valid.csv"
  # --- km --bands (simultaneous confidence bands) ---
  bi_run km-bands-valid km 0 - --bands=ep --conf-type=arcsin "$d/valid.csv"
  bi_run km-bands-method km 2 - --bands=nair "$d/valid.csv"
  bi_run km-bands-log km 2 - --bands=hw --conf-type=log "$d/valid.csv"
  bi_run km-band-range-alone km 2 - --band-range=1,3 "$d/valid.csv"
  bi_run km-band-range-reversed km 2 - --bands=hw --band-range=3,1 "$d/valid.csv"
  bi_run km-band-range-nan km 2 - --bands=hw --band-range=nan,3 "$d/valid.csv"
  bi_run km-band-range-past-data km 1 - --bands=hw --band-range=1,9 "$d/valid.csv"
  bi_run km-option-without-value km 2 - --conf-level "$d/valid.csv"
  bi_run km-empty-value km 2 - --conf-type= "$d/valid.csv"
  # --- fisher: the table comes from the arguments, one row each ---
  bi_run fisher-valid-2x2 fisher 0 - 12,5 7,9
  bi_run fisher-less fisher 0 - --alternative=less 3,1 1,3
  bi_run fisher-help fisher 0 - --help
  bi_run fisher-version fisher 0 - --version
  bi_run fisher-unequal-rows fisher 1 - 1,2,3 4,5
  bi_run fisher-negative fisher 1 - 1,-2 3,4
  bi_run fisher-non-integer fisher 1 - 1,2.5 3,4
  bi_run fisher-text fisher 1 - 1,NA 3,4
  bi_run fisher-too-large fisher 1 - 99999999999999999999,1 1,1
  bi_run fisher-total-over-uint-max fisher 1 - 4294967296,1 1,1
  bi_run fisher-empty-row fisher 1 - "" 1,2
  bi_run fisher-empty-field fisher 1 - 1,,2 3,4,5
  bi_run fisher-one-row fisher 1 - 1,2,3
  bi_run fisher-all-zero fisher 1 - 0,0 0,0
  bi_run fisher-one-sided-rxc fisher 1 - --alternative=less 1,2,3 4,5,6
  # --- power: every input is an option; ranges exit 1, misuse exit 2 ---
  bi_run power-valid-logrank power 0 - logrank --hr=0.7 --power=0.8
  bi_run power-valid-design power 0 - logrank --hr=0.7 --power=0.8 --median0=2 --accrual=2 --follow-up=1
  bi_run power-valid-fisher power 0 - fisher --p1=0.2 --p2=0.6 --n=10
  bi_run power-help power 0 - --help
  bi_run power-version power 0 - --version
  bi_run power-hr-one power 1 - logrank --hr=1 --power=0.8
  bi_run power-hr-zero power 1 - logrank --hr=0 --events=10
  bi_run power-power-one power 1 - logrank --hr=0.5 --power=1
  bi_run power-alpha-zero power 1 - prop --p1=0.2 --p2=0.3 --n=10 --alpha=0
  bi_run power-p-zero power 1 - binom --p0=0 --p1=0.3 --n=10
  bi_run power-equal-p power 1 - prop --p1=0.3 --p2=0.3 --power=0.8
  bi_run power-negative-accrual power 1 - logrank --hr=0.5 --power=0.8 --lambda0=1 --accrual=-1
  bi_run power-fractional-n power 1 - fisher --p1=0.2 --p2=0.3 --n=10.5
  bi_run power-unreachable power 1 - logrank --hr=0.5 --power=0.01
  bi_run power-max-n power 1 - binom --p0=0.5 --p1=0.52 --power=0.9 --exact --max-n=10
  bi_run power-no-command power 2 - --hr=0.5
  bi_run power-unknown-command power 2 - cox --hr=0.5
  bi_run power-both power 2 - logrank --hr=0.5 --power=0.8 --events=10
  bi_run power-neither power 2 - prop --p1=0.2 --p2=0.3
  bi_run power-not-a-number power 2 - logrank --hr=nan --power=0.8
  bi_run power-hex power 2 - logrank --hr=0x1p-1 --power=0.8
  bi_run power-design-without-hazard power 2 - logrank --hr=0.5 --power=0.8 --follow-up=1
  bi_run power-other-command-option power 2 - binom --p1=0.2 --p2=0.3 --n=5
  bi_run power-bad-method power 2 - logrank --hr=0.5 --power=0.8 --method=lakatos
  bi_run power-valid-lf power 0 - logrank --hr=0.7 --power=0.8 --median0=2 --accrual=2 --follow-up=1 --method=lachin-foulkes --log-hazard
  bi_run power-valid-total power 0 - logrank --hr=0.7 --n=300 --median0=2 --accrual=2 --follow-up=1
  bi_run power-total-n-negative power 1 - logrank --hr=0.7 --n=-3 --median0=2
  bi_run power-total-no-events power 1 - logrank --hr=0.5 --n=100 --lambda0=1e-300 --accrual=1e-300 --method=lachin-foulkes
  bi_run power-n-without-design power 2 - logrank --hr=0.7 --n=300
  bi_run power-lf-without-design power 2 - logrank --hr=0.7 --power=0.8 --method=lachin-foulkes
  bi_run power-log-hazard-without-lf power 2 - logrank --hr=0.7 --power=0.8 --median0=2 --log-hazard
  # --- fisher: usage errors (exit 2), as in every program ---
  bi_run fisher-bad-alternative fisher 2 - --alternative=both 1,2 3,4
  bi_run fisher-unknown-option fisher 2 - --no-such-option 1,2 3,4
  bi_run fisher-unknown-short-option fisher 2 - -x 1,2 3,4
  bi_run fisher-no-rows fisher 2 -
  # --- mh: one 2 x 2 stratum per argument ---
  bi_run mh-valid mh 0 - 16,11,5,20 12,16,7,19
  bi_run mh-exact-less mh 0 - --exact --alternative=less --conf-level=0.9 0,6,0,5 3,3,0,6
  bi_run mh-no-correct mh 0 - --no-correct 1,2,3,4 5,6,7,8
  bi_run mh-zero-margins mh 0 - 2,3,0,0 0,0,4,1
  bi_run mh-help mh 0 - --help
  bi_run mh-version mh 0 - --version
  bi_run mh-one-stratum mh 1 - 1,2,3,4
  bi_run mh-three-counts mh 1 - 1,2,3 1,2,3,4
  bi_run mh-five-counts mh 1 - 1,2,3,4,5 1,2,3,4
  bi_run mh-negative mh 1 - 1,-2,3,4 1,2,3,4
  bi_run mh-negative-first mh 1 - -1,2,3,4 1,2,3,4
  bi_run mh-non-integer mh 1 - 1,2.5,3,4 1,2,3,4
  bi_run mh-text mh 1 - 1,NA,3,4 1,2,3,4
  bi_run mh-empty mh 1 - "" 1,2,3,4
  bi_run mh-too-large mh 1 - 99999999999999999999,1,1,1 1,1,1,1
  bi_run mh-total-over-uint-max mh 1 - 4294967296,1,1,1 1,1,1,1
  bi_run mh-stratum-of-one mh 1 - 1,0,0,0 1,2,3,4
  bi_run mh-empty-stratum mh 1 - 0,0,0,0 1,2,3,4
  bi_run mh-exact-support-too-large mh 1 - --exact 100000000,100000000,100000000,100000000 1,1,1,1
  # --- mh: usage errors (exit 2) ---
  bi_run mh-bad-alternative mh 2 - --alternative=both 1,2,3,4 1,2,3,4
  bi_run mh-level-1 mh 2 - --conf-level=1 1,2,3,4 1,2,3,4
  bi_run mh-exact-with-value mh 2 - --exact=1 1,2,3,4 1,2,3,4
  bi_run mh-unknown-option mh 2 - --yates 1,2,3,4 1,2,3,4
  bi_run mh-no-strata mh 2 -
  # --- propci: X and N from the arguments ---
  bi_run propci-valid propci 0 - 28 47
  bi_run propci-x-0 propci 0 - 0 10
  bi_run propci-x-n propci 0 - 10 10
  bi_run propci-level propci 0 - --conf-level=0.99 5 9
  bi_run propci-help propci 0 - --help
  bi_run propci-version propci 0 - --version
  bi_run propci-n-2-53 propci 0 - 1 9007199254740992
  bi_run propci-x-gt-n propci 1 - 11 10
  bi_run propci-n-0 propci 1 - 0 0
  bi_run propci-negative propci 1 - -1 10
  bi_run propci-non-integer propci 1 - 1.5 10
  bi_run propci-text propci 1 - one 10
  bi_run propci-too-large propci 1 - 1 99999999999999999999
  bi_run propci-n-over-2-53 propci 1 - 1 9007199254740994
  # --- propci: usage errors (exit 2): a bad option value is one ---
  bi_run propci-level-1 propci 2 - --conf-level=1 5 9
  bi_run propci-level-2 propci 2 - --conf-level=2 5 9
  bi_run propci-level-nan propci 2 - --conf-level=nan 5 9
  bi_run propci-no-args propci 2 -
  bi_run propci-one-arg propci 2 - 5
  bi_run propci-three-args propci 2 - 5 9 10
  bi_run propci-unknown-option propci 2 - --no-such-option 5 9
  bi_run propci-end-of-options propci 0 - -- 5 9
  bi_run propci-level-subnormal propci 0 - --conf-level=1e-320 5 9
  bi_run propci-level-hex propci 2 - --conf-level=0x0.8p0 5 9
  bi_run propci-level-inf propci 2 - --conf-level=inf 5 9
  # --- CSV readers among the other programs: generic rows ---
  for p in logrank mdrt; do
    bi_run "$p-no-such-file" "$p" 1 - "$d/does-not-exist.csv"
    bi_run "$p-empty-file" "$p" 1 - "$d/empty.csv"
    bi_run "$p-embedded-nul" "$p" 1 - "$d/nul.csv"
    bi_run "$p-unterminated-quote" "$p" 1 - "$d/unterminated.csv"
    bi_run "$p-unknown-option" "$p" 2 - --no-such-option "$d/valid.csv"
  done
  # --- every program: --help and --version on stdout, exit 0 ---
  for p in logrank mdrt mdrt-gen; do
    bi_run "$p-help" "$p" 0 - --help
    bi_run "$p-version" "$p" 0 - --version
  done
  bi_run logrank-bad-rho logrank 2 - --rho=abc "$d/valid.csv"
  bi_run logrank-end-of-options logrank 0 - -- "$d/groups.csv"
  bi_run logrank-rho-hex logrank 2 - --rho=0x1 "$d/groups.csv"
  bi_run logrank-rho-overflow logrank 2 - --rho=-1000 "$d/groups.csv"
  bi_run fisher-end-of-options fisher 0 - -- 3,1 1,3
  bi_run survreg-end-of-options survreg 0 - -- "$d/groups.csv" group
  bi_run survreg-control-byte-level survreg 1 - "$d/onelevel.csv" x
  # --- cox: the model, its diagnostics and their misuse ---
  printf 'time,status,x,z\n1,1,0.5,a\n2,0,1.5,b\n3,1,0.2,a\n4,1,2.5,b\n5,0,1.1,a\n6,1,0.7,b\n7,1,1.9,a\n8,0,0.3,b\n' > "$d/cox.csv"
  bi_run cox-valid cox 0 - "$d/cox.csv" x z
  bi_run cox-summary cox 0 - --summary "$d/cox.csv" x
  bi_run cox-residuals cox 0 - --residuals=dfbetas "$d/cox.csv" x z
  bi_run cox-zph cox 0 - --zph=rank "$d/cox.csv" x z
  bi_run cox-survival-at cox 0 - --survival-at=2,5 "$d/cox.csv" x
  bi_run cox-exact-marginal cox 0 - --ties=exact-marginal "$d/cox.csv" x
  bi_run cox-end-of-options cox 0 - -- "$d/cox.csv" x
  bi_run cox-no-term cox 2 - "$d/cox.csv"
  bi_run cox-term-1 cox 2 - "$d/cox.csv" 1
  bi_run cox-bad-ties cox 2 - --ties=average "$d/cox.csv" x
  bi_run cox-bad-residuals cox 2 - --residuals=pearson "$d/cox.csv" x
  bi_run cox-residuals-exact cox 2 - --residuals=score --ties=exact "$d/cox.csv" x
  bi_run cox-two-outputs cox 2 - --summary --zph "$d/cox.csv" x
  bi_run cox-level-hex cox 2 - --conf-level=0x0.8p0 "$d/cox.csv" x
  bi_run cox-no-column cox 1 - "$d/cox.csv" w
  printf 'time,status,x\n1,1,0.5\n2,3,1.5\n3,0,0.2\n' > "$d/cox-status3.csv"
  bi_run cox-status-3 cox 1 - "$d/cox-status3.csv" x
  bi_run cox-control-byte cox 1 - "$d/control.csv" time
  bi_run cox-no-such-file cox 1 - "$d/does-not-exist.csv" x
  bi_run mdrt-gen-seed-hex mdrt-gen 2 - --seed=0x10
  bi_run mdrt-gen-extra-argument mdrt-gen 2 - 7
  bi_run mdrt-bad-ci-method mdrt 2 - --ci-method=cubic "$d/valid.csv"
  bi_run mdrt-gen-bad-seed mdrt-gen 2 - --seed=abc
  bi_run mdrt-gen-unknown-option mdrt-gen 2 - --no-such-option
  # --- issue 18: column options, status coding, labels, missing values ---
  bi_run km-group-text km 0 - --group=g "$d/textgroups.csv"
  bi_run km-summary km 0 - --summary --group=g "$d/textgroups.csv"
  bi_run km-true-false km 0 - "$d/logical.csv"
  bi_run km-event-value km 0 - --event=dead "$d/words.csv"
  bi_run km-event-censor km 0 - --event=dead --censor=alive "$d/words.csv"
  bi_run km-third-value km 1 - --event=dead --censor=alive "$d/words3.csv"
  bi_run km-words-without-event km 1 - "$d/words.csv"
  bi_run km-logical-mixed km 1 - "$d/logicalmix.csv"
  bi_run km-censor-without-event km 2 - --censor=alive "$d/words.csv"
  bi_run km-event-equals-censor km 2 - --event=a --censor=a "$d/words.csv"
  bi_run km-no-group-column km 1 - --group=nosuch "$d/textgroups.csv"
  bi_run km-no-time-column km 1 - --time=nosuch "$d/valid.csv"
  bi_run km-missing-group-strict km 1 - --strict --group=g "$d/nagroup.csv"
  bi_run km-all-rows-missing km 1 - "$d/allna.csv"
  bi_run km-quantiles-and-summary km 2 - --quantiles --summary "$d/valid.csv"
  bi_run km-negative-weight km 1 - --weights=w "$d/negweight.csv"
  bi_run km-entry-after-time km 1 - --entry=e "$d/badentry.csv"
  bi_run km-strata-option km 2 - --strata=g "$d/textgroups.csv"
  bi_run logrank-text-groups logrank 0 - "$d/textgroups2.csv"
  bi_run logrank-status-1-2 logrank 0 - "$d/groups12.csv"
  bi_run logrank-missing-strict logrank 1 - --strict "$d/nagroup2.csv"
  bi_run logrank-weights-option logrank 2 - --weights=w "$d/groups.csv"
  bi_run cif-valid cif 0 - "$d/causes.csv"
  bi_run cif-groups cif 0 - --group=g "$d/causes.csv"
  bi_run cif-test cif 0 - --test --group=g "$d/causes.csv"
  bi_run cif-help cif 0 - --help
  bi_run cif-version cif 0 - --version
  bi_run cif-bad-cause cif 1 - "$d/badcause.csv"
  bi_run cif-no-file cif 1 - "$d/does-not-exist.csv"
  bi_run cif-test-without-group cif 2 - --test "$d/causes.csv"
  bi_run cif-unknown-option cif 2 - --no-such-option "$d/causes.csv"
  bi_run cif-event-option cif 2 - --event=1 "$d/causes.csv"
  bi_run cif-at cif 0 - --at=0,2.5,10 --group=g "$d/causes.csv"
  bi_run cif-at-bad-list cif 2 - --at=1,,2 "$d/causes.csv"
  bi_run cif-at-and-test cif 2 - --at=1 --test --group=g "$d/causes.csv"
  # --- issue 18: the figures (--svg) ---
  bi_run km-svg km 0 - --svg="$d/fig.svg" --group=g --median-lines \
    --risk-times=0,2.5,4 --title='a & <b>' "$d/textgroups.csv"
  bi_run km-svg-unwritable km 1 - --svg="$d/no/such/dir/f.svg" "$d/valid.csv"
  bi_run km-svg-huge-times km 0 - --svg="$d/fig.svg" "$d/hugetime.csv"
  bi_run km-svg-risk-times-decreasing km 2 - --svg="$d/fig.svg" \
    --risk-times=3,1 "$d/valid.csv"
  bi_run km-svg-risk-times-text km 2 - --svg="$d/fig.svg" --risk-times=1,x \
    "$d/valid.csv"
  bi_run km-svg-risk-times-negative km 2 - --svg="$d/fig.svg" \
    --risk-times=-1 "$d/valid.csv"
  bi_run km-title-without-svg km 2 - --title=x "$d/valid.csv"
  bi_run km-svg-layout km 2 - --svg="$d/fig.svg" --svg-layout=side \
    "$d/valid.csv"
  bi_run cif-svg cif 0 - --svg="$d/fig.svg" --group=g --svg-layout=side \
    "$d/causes.csv"
  bi_run cif-svg-unwritable cif 1 - --svg="$d/no/such/dir/f.svg" \
    "$d/causes.csv"
  bi_run cif-svg-bad-layout cif 2 - --svg="$d/fig.svg" --svg-layout=grid \
    "$d/causes.csv"
  bi_run cif-layout-without-svg cif 2 - --svg-layout=side "$d/causes.csv"
  bi_run cox-status-1-2 cox 0 - "$d/groups12.csv" group
  bi_run cox-event-value cox 0 - --event=dead "$d/wordsx.csv" x
  bi_run cox-third-value cox 1 - --event=dead --censor=alive "$d/words3x.csv" x
  bi_run cox-strict cox 1 - --strict "$d/nax.csv" x
  bi_run cox-censor-without-event cox 2 - --censor=alive "$d/wordsx.csv" x
  bi_run survreg-event-value survreg 0 - --event=dead "$d/wordsx.csv" x
  bi_run survreg-strict survreg 1 - --strict "$d/nax.csv" x
  # --- audit: two files, DATA.csv then FIGURES; either may be named ---
  bi_run audit-valid audit 0 - "$d/arms.csv" "$d/figs.txt"
  bi_run audit-data-stdin audit 0 "$d/arms.csv" - "$d/figs.txt"
  bi_run audit-figures-stdin audit 0 "$d/figs.txt" "$d/arms.csv" -
  bi_run audit-end-of-options audit 0 - -- "$d/arms.csv" "$d/figs.txt"
  bi_run audit-no-arm-column audit 1 - "$d/valid.csv" "$d/figs.txt"
  bi_run audit-status-2 audit 1 - "$d/arms-status2.csv" "$d/figs.txt"
  bi_run audit-empty-arm audit 1 - "$d/arms-empty.csv" "$d/figs.txt"
  bi_run audit-no-such-data audit 1 - "$d/does-not-exist.csv" "$d/figs.txt"
  bi_run audit-data-nul audit 1 - "$d/nul.csv" "$d/figs.txt"
  bi_run audit-unknown-figure audit 1 - "$d/arms.csv" "$d/figs-kind.txt"
  bi_run audit-unknown-arm audit 1 - "$d/arms.csv" "$d/figs-arm.txt"
  bi_run audit-bad-limits audit 1 - "$d/arms.csv" "$d/figs-limits.txt"
  bi_run audit-bad-option audit 1 - "$d/arms.csv" "$d/figs-option.txt"
  bi_run audit-figures-nul audit 1 - "$d/arms.csv" "$d/figs-nul.txt"
  bi_run audit-figures-control audit 1 - "$d/arms.csv" "$d/figs-control.txt"
  bi_run audit-no-figures audit 1 - "$d/arms.csv" "$d/figs-none.txt"
  bi_run audit-no-such-figures audit 1 - "$d/arms.csv" "$d/none.txt"
  bi_run audit-one-file audit 2 - "$d/arms.csv"
  bi_run audit-three-files audit 2 - "$d/arms.csv" "$d/figs.txt" x.txt
  bi_run audit-both-stdin audit 2 - - -
  bi_run audit-unknown-option audit 2 - --no-such-option "$d/arms.csv" \
    "$d/figs.txt"
  bi_run audit-help audit 0 - --help
  bi_run audit-version audit 0 - --version
}
