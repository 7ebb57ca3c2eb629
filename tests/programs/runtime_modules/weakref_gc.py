# Weak references die with their referent at a collection; callbacks run; gc and atexit basics.
import gc
import weakref
import atexit
class A:
    pass
log = []
a = A()
r = weakref.ref(a, lambda w: log.append("callback"))
r2 = weakref.ref(a)
print(r() is a, weakref.getweakrefcount(a), r2 is weakref.ref(a), r == r2)
del a
gc.collect()
print(r(), log, r2())
def make():
    return weakref.ref(A())
r3 = make()
gc.collect()
print(r3())
try:
    weakref.ref(1)
except TypeError as e:
    print(e)
d = weakref.WeakValueDictionary()
k = A()
d["x"] = k
print(list(d))
del k
gc.collect()
print(list(d))
s = weakref.WeakSet()
o = A()
s.add(o)
print(len(s))
del o
gc.collect()
print(len(s))
p = weakref.proxy(A.__init__ and A())
try:
    gc.collect()
    p.anything
except ReferenceError as e:
    print("ReferenceError", e)
print(gc.isenabled(), gc.get_threshold())
gc.disable(); print(gc.isenabled()); gc.enable()
atexit.register(print, "atexit", 1)
def bad():
    1 / 0
atexit.register(bad)
atexit.register(print, "registered last, runs first")
print("end of main")
