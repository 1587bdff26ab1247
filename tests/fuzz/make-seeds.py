#!/usr/bin/env python3
"""Writes the seed corpora tests/fuzz/corpus/{km,tables,prop}/ in the byte
layouts the harnesses read (see fuzzutil.h: fz_double, fz_prob, fz_count).
Run by hand from the top of the source tree; the output is committed."""
import os
import struct

def dbl(x):  # raw double through fz_double's escape byte (sel % 16 >= 14)
    return bytes([254]) + struct.pack(">d", x)

def enc(t):
    if t == t and abs(t) < 16 and t == int(t * 4) / 4 and t >= 0:
        return small(t)
    return dbl(t)

def small(t):  # fz_double small value k/4
    k = int(round(t * 4))
    assert 0 <= k < 64
    return bytes([k])

def prob(p):  # fz_prob: k/256
    return bytes([0, int(round(p * 256)) % 256])

def write(h, name, data):
    d = os.path.join("tests/fuzz/corpus", h)
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, name), "wb") as f:
        f.write(data)

def km_seed(times, status, weights=None, strat=False, label=0, groups=None,
            tail=b""):
    n = len(times)
    ctl = (2 if weights else 0) | (4 if strat else 0) | (label << 3)
    b = bytes([n, ctl])
    for i, t in enumerate(times):
        b += bytes([status[i]])
        b += enc(t)
        if weights:
            w = weights[i]
            b += enc(w)
        b += bytes([groups[i] if groups else 0])
    # CI level, km_at (m, times, level, type), quantiles (m, type, level, p's)
    b += prob(0.95)
    b += bytes([3]) + small(0.5) + small(3) + small(15) + prob(0.95) + bytes([2])
    b += bytes([2, 1]) + prob(0.9) + prob(0.25) + prob(0.5) + prob(0.75)
    return b + tail

toy_t = [1, 2, 2, 2, 3, 4, 4, 5, 6, 6]
toy_s = [0, 1, 1, 0, 1, 0, 1, 1, 1, 1]
write("km", "toy", km_seed(toy_t, toy_s))
write("km", "toy-weights", km_seed(toy_t, toy_s, [1, 2, 1, 1, 3, 1, 1, 2, 1, 1]))
write("km", "toy-halfweights", km_seed(toy_t, toy_s, [0.5, 1, 0.5, 0.5, 1.5, 0.5, 0.5, 1, 0.5, 0.5]))
aml_t = [9, 13, 13, 18, 23, 28, 31, 34, 45, 48, 161]
aml_s = [1, 1, 0, 1, 1, 0, 1, 1, 0, 1, 0]
write("km", "aml-maintained", km_seed(aml_t, aml_s))
write("km", "strata", km_seed(toy_t + aml_t[:6], toy_s + aml_s[:6], strat=True,
                              label=1, groups=[0] * 10 + [1] * 6))
write("km", "all-censored", km_seed([1, 2, 3], [0, 0, 0]))
write("km", "all-events-tied", km_seed([2, 2, 2, 2], [1, 1, 1, 1]))
write("km", "single", km_seed([5], [1]))
write("km", "near-ties", km_seed([0.1 + 0.2, 0.3, 0.3 + 1e-9, 1.0], [1, 1, 0, 1]))
write("km", "nan-time", km_seed([1, float("nan"), 3], [1, 1, 0]))
write("km", "neg-time", km_seed([1, -1, 3], [1, 1, 0]))
write("km", "bad-status", bytes([2, 0, 1, 4, 0, 252, 8, 0]))
write("km", "zero-weights", km_seed([1, 2, 3], [1, 1, 1], [0, 0, 0]))
write("km", "huge-times", km_seed([1e300, 1.7e308, 5e-324, 0], [1, 0, 1, 1]))
write("km", "flat-half", km_seed([1, 2, 3, 4, 5, 6], [1, 1, 1, 0, 0, 0]))

# tables: which byte, then 2x2 (4 counts, level), then r x c (nr, nc, opt,
# counts, rxc cap, MC B and seed)
def tables_seed(t22, rows, level=0.95, opt=0, cap=12, b=20, seed=1):
    out = bytes([3])
    out += bytes(t22) + prob(level)
    nr, nc = len(rows), len(rows[0]) if rows else 0
    out += bytes([nr, nc, opt])
    for r in rows:
        out += bytes(r)
    out += bytes([cap, b, seed])
    return out

write("tables", "tea", tables_seed([3, 1, 1, 3], [[3, 1], [1, 3]]))
write("tables", "r1", tables_seed([8, 2, 1, 5], [[12, 12], [5, 4], [1, 3]]))
write("tables", "rc3", tables_seed([12, 5, 7, 9], [[3, 1, 4, 2], [1, 5, 2, 6], [5, 3, 1, 2]], opt=6))
write("tables", "zero-row", tables_seed([0, 5, 6, 4], [[0, 0, 0], [1, 2, 3], [4, 5, 6]]))
write("tables", "one-row", tables_seed([0, 0, 0, 0], [[1, 2, 3]]))
write("tables", "negative", tables_seed([224, 1, 1, 1], [[224, 1], [1, 1]]))
write("tables", "huge", tables_seed([227, 3, 228, 4], [[227, 228], [229, 3]], opt=1))
write("tables", "empty", tables_seed([0, 0, 0, 0], []))
write("tables", "level-nan", bytes([1, 1, 2, 3, 4, 200]))
write("tables", "6x6", tables_seed([1, 1, 1, 1], [[(i * j) % 5 for j in range(6)] for i in range(6)], cap=4))

# prop: n (prop_count), x selector, level, p0, method mask
def prop_seed(x, n, level=0.95, p0=0.5, mask=0xffff):
    out = bytes([0, n]) + bytes([200]) + bytes([0, x])
    return out + prob(level) + prob(p0) + bytes([mask & 255, mask >> 8])

for (x, n) in [(28, 47), (18, 38), (22, 34), (5, 9), (1, 4), (0, 10), (10, 10), (1, 63), (0, 1), (1, 1)]:
    write("prop", "x%d-n%d" % (x, n), prop_seed(x, n))
write("prop", "huge-n", bytes([203, 96]) + prob(0.95) + prob(0.5) + bytes([255, 255]))
write("prop", "n-3e9-x0", bytes([203, 70]) + prob(0.95) + prob(0.5) + bytes([255, 7]))
write("prop", "level-edge", prop_seed(3, 7, level=1 - 1 / 256) + bytes([204]))
write("prop", "x-gt-n", prop_seed(9, 5))

# counts: byte 0 even = a serialized table (the format of
# surv_counts_write(3), written here from its documentation); odd = rows
# to count (members, n, rho, then per row time, entry, weight selector and
# value, status, status escape, group, stratum; then the split, the byte to
# change and the change).
def fnv1a(b):
    h = 0xcbf29ce484222325
    for c in b:
        h ^= c
        h = (h * 0x100000001b3) % (1 << 64)
    return h

def counts_table(members, cells):
    out = b"SURVCNT\0" + struct.pack("<IIQ", 1, members, len(cells))
    for (t, w, n, s, g, k) in sorted(cells, key=lambda c: (struct.unpack("<Q", struct.pack("<d", c[0]))[0], c[3], c[4], c[5])):
        out += struct.pack("<dddiiiI", t, w, n, s, g, k, 0)
    return out + struct.pack("<Q", fnv1a(out))

write("counts", "empty", bytes([0]) + counts_table(0, []))
write("counts", "km", bytes([0]) + counts_table(0x10, [(1.0, 2, 2, 0, 0, 1), (2.5, 1, 1, 0, 0, 0), (3.0, 3, 3, 0, 0, 1)]))
write("counts", "groups-entry", bytes([0]) + counts_table(0x15, [
    (0.0, 2, 2, 0, 1, -1), (0.0, 1, 1, 0, 2, -1), (1.0, 1, 1, 0, 1, 1),
    (2.0, 1, 1, 0, 2, 1), (3.0, 1, 1, 0, 1, 0), (0.5, 1, 1, 0, 2, -1), (4.0, 1, 1, 0, 2, 0)]))
write("counts", "weights-strata", bytes([0]) + counts_table(0x1a, [
    (1.0, 0.5, 1, 1, 0, 1), (1.0, 1.5, 2, 2, 0, 0), (2.0, 0.25, 1, 1, 0, 1), (2.0 + 1e-9, 3, 3, 2, 0, 1)]))
def counts_rows(members, rows, split, pos=0, flip=0, rho=0):
    out = bytes([1, members, len(rows), rho])
    for (t, e, w, st, g, s) in rows:
        out += small(t) + small(e) + bytes([0, int(w * 4)]) + bytes([st, 0, g, s])
    return out + bytes([split]) + struct.pack(">Q", pos) + bytes([flip])
rows = [(1, 0, 1, 1, 0, 0), (2, 0.5, 0.5, 0, 1, 1), (2, 0, 1, 1, 1, 0),
        (3.5, 1, 1.25, 1, 2, 1), (4, 0, 1, 0, 0, 0), (4, 2, 0.75, 1, 2, 1)]
write("counts", "rows-plain", counts_rows(0, rows, 3))
write("counts", "rows-groups", counts_rows(4, rows, 2, pos=40, flip=1, rho=1))
write("counts", "rows-all", counts_rows(15, rows, 4, pos=7, flip=128, rho=2))
write("counts", "rows-causes", counts_rows(6, [(1, 0, 1, 2, 0, 0), (2, 0, 1, 3, 1, 0)], 1))
