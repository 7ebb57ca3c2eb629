# os.utime with float seconds rounds the nanoseconds down (as CPython); scandir of a
# bytes-like path warns; an unexhausted scandir iterator warns when collected.
import gc
import os
import tempfile
import warnings

d = tempfile.mkdtemp()
p = os.path.join(d, "f")
open(p, "w").close()
for t in (1.002003, 1.0020030005, 4.005006 + 0.5e-9, -1.25, 0.999999999, 1234567890.123456):
    os.utime(p, (t, t))
    st = os.stat(p)
    print(t, st.st_atime_ns, st.st_mtime_ns)
open(os.path.join(d, "g"), "w").close()
with warnings.catch_warnings(record=True) as w:
    warnings.simplefilter("always")
    names = sorted(e.name for e in os.scandir(bytearray(os.fsencode(d))))
print(names, [(x.category.__name__, str(x.message)) for x in w])
with warnings.catch_warnings(record=True) as w:
    warnings.simplefilter("always")
    it = os.scandir(d)
    next(it)
    del it
    gc.collect()
print([(x.category.__name__, str(x.message).split(" object at")[0]) for x in w])
with warnings.catch_warnings(record=True) as w:
    warnings.simplefilter("always")
    it = os.scandir(d)
    list(it)
    del it
    gc.collect()
print(len(w))
