# memoryview: 3-d and 2-d views, sliced (negative steps, empty), Fortran bytes, casts back to 1-D, 0-d assignment.
def t(f):
    try:
        r = f()
        print('<memory>' if type(r) is memoryview else repr(r))
    except Exception as e:
        print(type(e).__name__, e)
b = bytearray(range(24))
m = memoryview(b).cast('B', (2, 3, 4))
for v in [m, m[::-1], m[1:], m[::2], m[0:0]]:
    t(lambda: (v.shape, v.strides, v.c_contiguous, v.f_contiguous, v.contiguous, v.nbytes, len(v)))
    t(lambda: v.tolist())
    t(lambda: v.tobytes('F'))
    t(lambda: v.tobytes('A'))
    t(lambda: v.hex())
    t(lambda: v[-1, -1, -1] if len(v) else None)
m2 = memoryview(b).cast('H', (3, 4))
t(lambda: (m2.shape, m2.strides, m2[2, 3], m2.tolist()))
def s(): m2[2, 3] = 65535; return b[-2:]
t(s)
def s2(): m2[2, 3] = 65536
t(s2)
t(lambda: m2[::-1].tolist())
t(lambda: m2 == memoryview(bytes(b)).cast('H', (3, 4)))
t(lambda: m2 == memoryview(bytes(b)).cast('h', (3, 4)))
t(lambda: m2.cast('B').cast('H', [2, 6]).shape)
t(lambda: m2.cast('B', [24]).shape)
t(lambda: m2.cast('H', [12]).shape)
t(lambda: m2.cast('B', [4, 6]))
z = memoryview(bytearray(b'\x05')).cast('B', [])
def s3(): z[...] = 7; return z.tolist()
t(s3)
def s4(): z[()] = 9; return z.tolist()
t(s4)
t(lambda: z.cast('B').tolist())
