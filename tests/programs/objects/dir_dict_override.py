# dir() with an overridden __dict__ (objects and modules) and a module's own __dir__.
class M:
    __dict__ = property(lambda s: "x")
try: dir(M())
except TypeError as e: print(e)
class N:
    @property
    def __dict__(self): return {'q': 1}
print([k for k in dir(N()) if not k.startswith('__')])
class P: pass
p = P(); p.z = 1
print([k for k in dir(p) if not k.startswith('__')])
class S: __slots__ = ('a',)
print([k for k in dir(S()) if not k.startswith('__')])
import sys, types
class MM(type(sys)):
    __dict__ = property(lambda s: "x")
try: dir(MM("m"))
except TypeError as e: print(e)
m = types.ModuleType("mod")
m.x = 1
print(dir(m))
m.__dir__ = lambda: ['b', 'a']
print(dir(m))
