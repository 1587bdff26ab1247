#!/usr/bin/env python3
# Prints the constants of lib/surv_exp.h (run by hand; the output is
# committed, the build never runs this): 2^(j/128) for j = 0..127 rounded
# to double (t_j) with its relative rounding error (2^(j/128) - t_j) / t_j,
# and ln(2)/128 split into a 33-bit head and a tail, each rounded to the
# nearest double from 200-bit values (mpmath), as C hexadecimal floats.
import mpmath

mpmath.mp.prec = 200
ln2n = mpmath.log(2) / 128
m, e = mpmath.frexp(ln2n)  # ln2n = m 2^e, 0.5 <= m < 1
head = float(mpmath.floor(m * 2**32) / 2**32 * mpmath.mpf(2) ** e)
tail = float(ln2n - head)
print("#define SURV_EXP_LN2N_HI %s" % head.hex())
print("#define SURV_EXP_LN2N_LO %s" % tail.hex())
print("#define SURV_EXP_INVLN2N %s" % float(1 / ln2n).hex())
vals = [mpmath.power(2, mpmath.mpf(j) / 128) for j in range(128)]
tab = [float(v) for v in vals]
rel = [float((v - mpmath.mpf(t)) / mpmath.mpf(t)) for v, t in zip(vals, tab)]
for name, row in (("surv_exp_tab", tab), ("surv_exp_rel", rel)):
    print("static const double %s[128] = {" % name)
    h = [x.hex() for x in row]
    for i in range(0, 128, 3):
        print("    " + ", ".join(h[i:i + 3]) + ",")
    print("};")
