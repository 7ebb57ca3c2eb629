# time: edge cases of timestamps, tuples and formatting.
import time
def attempt(f, *a):
    try:
        print("ok", f(*a))
    except Exception as e:
        print(type(e).__name__, e)
attempt(time.gmtime, -2**40)
attempt(time.gmtime, 2**62)
attempt(time.gmtime, 2**70)
attempt(time.gmtime, -2**70)
attempt(time.gmtime, 1e18)
attempt(time.gmtime, -1e300)
attempt(time.gmtime, float("inf"))
attempt(time.gmtime, True)
attempt(time.ctime, 2**62)
attempt(time.strftime, "%f %Q %", time.gmtime(0))
attempt(time.strftime, "%4Y %-d %_m %e", time.gmtime(0))
attempt(time.mktime, (2**31, 1, 1, 0, 0, 0, 0, 0, 0))
attempt(time.asctime, (-100, 1, 1, 0, 0, 0, 0, 1, 0))
attempt(time.asctime, (99999, 1, 1, 0, 0, 0, 0, 1, 0))
attempt(time.strftime, "%Y %y %C %G", (12, 1, 1, 0, 0, 0, 0, 1, 0))
attempt(time.strftime, "%Y", (-5, 1, 1, 0, 0, 0, 0, 1, 0))
attempt(time.sleep, True)
attempt(time.sleep, 2**70)
attempt(time.sleep, 1e300)

attempt(time.struct_time, (1,) * 11)
attempt(time.struct_time, (1,) * 12)
t = time.struct_time((1,) * 11)
print(t, t.tm_zone, t.tm_gmtoff, t[:])
attempt(time.strftime, "%Z %z", t)
