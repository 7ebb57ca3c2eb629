# sys.getrefcount: relative counts as references are added and dropped.
import sys
class C: pass
c = C()
a = sys.getrefcount(c)
l = [c, c, c]
b = sys.getrefcount(c)
print(b - a)
del l
print(sys.getrefcount(c) - a)
def func():
    try:
        raise ValueError
    except ValueError:
        raise ValueError
r = sys.getrefcount(func)
try: func()
except ValueError: pass
print(sys.getrefcount(func) == r, sys.getrefcount(C()))
