# open() in binary mode with buffering=1 warns (RuntimeWarning) and uses the default size;
# StringIO.__setstate__ initializes an object made by __new__ (what unpickling does).
import io
import os
import sys
import warnings

r, w = os.pipe()
with warnings.catch_warnings(record=True) as got:
    warnings.simplefilter("always")
    f = io.open(w, "wb", 1)
print(type(f).__name__, [(c.category.__name__, str(c.message)) for c in got])
f.close()
os.close(r)
r, w = os.pipe()
with warnings.catch_warnings(record=True) as got:
    warnings.simplefilter("always")
    f = io.open(w, "w", 1)
print(type(f).__name__, f.line_buffering, len(got))
f.close()
os.close(r)

s = io.StringIO.__new__(io.StringIO)
s.__setstate__(("abc\n", "\n", 2, {"x": 1}))
print(repr(s.getvalue()), s.tell(), s.x)
s = io.StringIO("q")
s.close()
try:
    s.__setstate__(("x", "\n", 0, None))
except ValueError as e:
    print("ValueError", e)
s = io.StringIO.__new__(io.StringIO)
try:
    s.__setstate__(("x", "\n", 0))
except TypeError as e:
    print("TypeError", e)
