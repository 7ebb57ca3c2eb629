# time: deterministic parts (UTC conversions, formatting, struct_time, errors).
import time

def attempt(f, *args):
    try:
        print("ok", f(*args))
    except Exception as e:
        print(type(e).__name__, e)

t = time.gmtime(0)
print(t)
print(t.tm_zone, t.tm_gmtoff, len(t), t.n_fields, t.n_sequence_fields, t.n_unnamed_fields)
print(time.gmtime(1234567890.9), time.gmtime(-1.5)[:], time.gmtime(2**31)[:6])
print(time.struct_time((2020, 1, 2, 3, 4, 5, 6, 7, 0)))
print(time.struct_time((2020, 1, 2, 3, 4, 5, 6, 7, 0)).tm_zone)
print(time.struct_time((2020, 1, 2, 3, 4, 5, 6, 7, 0, "ABC", 3600)).tm_gmtoff)
print(time.gmtime(0).__reduce__())
attempt(time.struct_time, (1, 2))
attempt(time.struct_time, 5)
attempt(time.gmtime, 1e300)
attempt(time.gmtime, float("nan"))
attempt(time.gmtime, "x")
print(type(time.gmtime()).__name__, type(time.gmtime(None)).__name__)

fmt = "%Y-%m-%d %H:%M:%S %a %A %b %B %j %U %w %y %p %I %%"
print(time.strftime(fmt, time.gmtime(1234567890)))
print(time.strftime("%Z %z", time.gmtime(0)))
print(time.strftime("%Y-%m-%d", (2020, 2, 29, 0, 0, 0, 0, 60, 0)))
print(time.strftime("%Y-%m-%d %a %j", (2020, 0, 0, 0, 0, 0, 0, 0, 0)))
print(repr(time.strftime("", time.gmtime(0))))
print(time.strftime("héllo %Y", time.gmtime(0)))
for bad in [(2020, 13, 1, 0, 0, 0, 0, 1, 0), (2020, 1, 32, 0, 0, 0, 0, 1, 0), (2020, 1, 1, 24, 0, 0, 0, 1, 0),
            (2020, 1, 1, 0, 60, 0, 0, 1, 0), (2020, 1, 1, 0, 0, 62, 0, 1, 0), (2020, 1, 1, 0, 0, 0, -2, 1, 0),
            (2020, 1, 1, 0, 0, 0, 0, 367, 0), (1, 2), (2020, 1, 1.5, 0, 0, 0, 0, 1, 0), (2**40, 1, 1, 0, 0, 0, 0, 1, 0)]:
    attempt(time.strftime, "%Y", bad)
attempt(time.strftime, 5)
attempt(time.strftime, "a\0b", time.gmtime(0))
attempt(time.strftime, "%Y", 5)
attempt(time.strftime, "%Y", [2020, 1, 1, 0, 0, 0, 0, 1, 0])

print(time.asctime(time.gmtime(1234567890)))
print(time.asctime((2020, 1, 1, 0, 0, 0, 0, 1, 0)), time.asctime((2020, 1, 1, 0, 0, 0, -1, 1, 0)))
attempt(time.asctime, (2020, 13, 1, 0, 0, 0, 0, 1, 0))
attempt(time.mktime, (1, 2))

# clocks
a = time.time(); b = time.time_ns()
print(type(a).__name__, type(b).__name__, abs(a - b / 1e9) < 5)
m1 = time.monotonic(); m2 = time.monotonic()
print(m2 >= m1, type(time.monotonic_ns()).__name__, type(time.perf_counter()).__name__, type(time.perf_counter_ns()).__name__)
print(type(time.process_time()).__name__, type(time.process_time_ns()).__name__, type(time.thread_time()).__name__, type(time.thread_time_ns()).__name__)
p1 = time.perf_counter(); time.sleep(0.01); p2 = time.perf_counter()
print(p2 - p1 >= 0.01)
time.sleep(0)
attempt(time.sleep, -1)
attempt(time.sleep, "x")
attempt(time.sleep, float("nan"))
for name in ["time", "monotonic", "perf_counter", "process_time", "thread_time"]:
    print(time.get_clock_info(name))
attempt(time.get_clock_info, "nope")
print(type(time.clock_gettime(time.CLOCK_MONOTONIC)).__name__, type(time.clock_gettime_ns(time.CLOCK_REALTIME)).__name__, time.clock_getres(time.CLOCK_MONOTONIC))
print(time.CLOCK_REALTIME, time.CLOCK_MONOTONIC, time.CLOCK_PROCESS_CPUTIME_ID, time.CLOCK_THREAD_CPUTIME_ID)
print(type(time.timezone).__name__, type(time.altzone).__name__, type(time.daylight).__name__, type(time.tzname).__name__, len(time.tzname))
print(time.localtime(0).tm_year in (1969, 1970), type(time.mktime(time.localtime(100000))).__name__)
print(time.mktime(time.localtime(100000)))
print(len(time.ctime()) == 24, len(time.asctime()) == 24, type(time.localtime()).__name__)
