# getattr(obj, name, default) / hasattr on plain objects and modules (looked up without
# building the AttributeError of a miss): descriptors raising AttributeError, module __getattr__.
import types, sys
m = types.ModuleType("mm")
print(hasattr(m, "x"), getattr(m, "x", 5))
m.__getattr__ = lambda n: n * 2 if n != "bad" else (_ for _ in ()).throw(AttributeError("nope"))
print(getattr(m, "ab", None), hasattr(m, "bad"), getattr(m, "bad", "dflt"))
class A:
    y = 1
    @property
    def p(self): raise AttributeError("inner")
    @property
    def q(self): raise KeyError("k")
a = A()
print(hasattr(a, "y"), hasattr(a, "z"), hasattr(a, "p"), getattr(a, "p", 3))
try: hasattr(a, "q")
except KeyError as e: print("KeyError", e)
class B:
    def __getattr__(self, n): return n.upper()
print(getattr(B(), "abc", None))
try: a.z
except AttributeError as e: print(e, e.name, e.obj is a)
try: m.missing_thing_bad
except AttributeError as e: print(e)
try: getattr(a, 3, None)
except TypeError as e: print(e)
print(getattr(sys, "nothere", "d"), hasattr(3, "real"), getattr(3, "nope", 0))
