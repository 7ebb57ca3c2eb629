# time: local-time conversions under a fixed POSIX TZ rule (no zoneinfo files needed).
import posix
import time

for tz in ["EST+05EDT,M3.2.0,M11.1.0", "UTC0", "JST-9", "AEST-10AEDT,M10.1.0,M4.1.0/3"]:
    posix.putenv("TZ", tz)
    time.tzset()
    print(tz, time.timezone, time.altzone, time.daylight, time.tzname)
    for t in [0, 1234567890, 1700000000, 1690000000, -86400 * 365]:
        lt = time.localtime(t)
        print(" ", lt[:], lt.tm_zone, lt.tm_gmtoff, time.mktime(lt), time.ctime(t))
        print(" ", time.strftime("%Z %z %c %x %X", lt), time.asctime(lt))
    print(time.mktime((2020, 7, 1, 12, 0, 0, 0, 0, -1)), time.mktime((2020, 1, 1, 12, 0, 0, 0, 0, 0)))
    print(time.mktime((2020, 13, 40, 25, 61, 61, 0, 0, -1)))
    print(repr(time.strftime("%Z", (2020, 7, 1, 12, 0, 0, 0, 0, 1))))
posix.unsetenv("TZ")
