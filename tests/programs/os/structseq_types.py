# Struct sequences of posix and time: construction, errors, repr and __reduce__.
import posix, time
ARGS = [(), (None,), ((),), (range(10),), (range(30),), ([1]*11, {"tm_zone": 5}), ("abcdefghij",), ((1,)*19, []), (5, 6, 7)]
for ty in (posix.stat_result, time.struct_time, posix.terminal_size, posix.times_result, posix.uname_result, posix.statvfs_result, posix.waitid_result, posix.DirEntry):
    for args in ARGS:
        try:
            r = ty(*args)
            print(ty.__name__, "ok", r, r.__reduce__())
        except Exception as e:
            print(ty.__name__, type(e).__name__, e)
t = time.struct_time([1]*11)
for f in (time.strftime, time.asctime, time.mktime):
    try:
        print(f("%Y", t) if f is time.strftime else f(t))
    except Exception as e:
        print(type(e).__name__, e)
for a, k in [((), {"sequence": (1,)*9}), ((), {"x": 1}), (((1,)*9,), {"sequence": 1}), (((1,)*9,), {"dict": {}}), ((), {"sequence": (1,)*9, "dict": None}), (((1,)*9,), {"y": 2}), (((1,)*9, None), {})]:
    try:
        print(time.struct_time(*a, **k))
    except Exception as e:
        print(type(e).__name__, e)
