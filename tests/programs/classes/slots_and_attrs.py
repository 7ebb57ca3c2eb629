# __slots__ behaviour and __getattr__/__getattribute__/__setattr__/__delattr__ hooks.
class P:
    __slots__ = ("x", "y")
    def __init__(self, x, y):
        self.x = x
        self.y = y
p = P(1, 2)
print(p.x, p.y, hasattr(p, "__dict__"), P.__slots__)
try:
    p.z = 3
except AttributeError as e:
    print("AttributeError", e)
del p.x
try:
    p.x
except AttributeError as e:
    print("AttributeError", e)
print(type(P.x).__name__)
class Q(P):
    pass
q = Q(1, 2)
q.z = 3
print(q.z, hasattr(q, "__dict__"))
class R(P):
    __slots__ = ("w",)
r = R(1, 2)
r.w = 5
try:
    r.v = 1
except AttributeError as e:
    print("AttributeError", e)
print(r.x, r.w)
class SlotDict:
    __slots__ = ("a", "__dict__")
sd = SlotDict()
sd.a = 1
sd.b = 2
print(sd.a, sd.__dict__)
try:
    class Conflict:
        __slots__ = ("x",)
        x = 5
except ValueError as e:
    print("ValueError", e)
class GA:
    real = "real"
    def __getattr__(self, name):
        if name.startswith("dyn_"):
            return name[4:].upper()
        raise AttributeError(f"GA has no {name}")
g = GA()
print(g.real, g.dyn_hello, getattr(g, "dyn_x"), hasattr(g, "other"), getattr(g, "other", "dflt"))
try:
    g.missing
except AttributeError as e:
    print("AttributeError", e)
class GAB:
    def __init__(self):
        self.log = []
        self.v = 1
    def __getattribute__(self, name):
        if name not in ("log", "__dict__", "__class__"):
            object.__getattribute__(self, "log").append(name)
        if name == "secret":
            raise AttributeError("no secrets")
        return object.__getattribute__(self, name)
    def __getattr__(self, name):
        return "fallback:" + name
gab = GAB()
print(gab.v, gab.secret, gab.nope, gab.log)
class Recorder:
    def __init__(self):
        object.__setattr__(self, "history", [])
    def __setattr__(self, name, value):
        self.history.append((name, value))
        object.__setattr__(self, name, value)
    def __delattr__(self, name):
        self.history.append(("del", name))
        object.__delattr__(self, name)
rec = Recorder()
rec.a = 1
rec.b = 2
rec.a += 5
del rec.b
print(rec.history, rec.a, vars(rec))
try:
    del rec.zzz
except AttributeError as e:
    print("AttributeError", e)
class Frozen:
    def __init__(self, v):
        object.__setattr__(self, "v", v)
    def __setattr__(self, name, value):
        raise AttributeError(f"cannot set {name!r}: frozen")
f = Frozen(3)
try:
    f.v = 4
except AttributeError as e:
    print("AttributeError", e, f.v)
setattr(GA, "cls_attr", 7)
print(GA.cls_attr, g.cls_attr)
