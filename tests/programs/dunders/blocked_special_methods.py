# A special method set to None blocks the operation: calling it fails with "'NoneType'
# object is not callable" instead of falling back, except where the protocol gives None its own
# meaning (not iterable, not a container, not reversible).
def t(label, f):
    try:
        print(label, f())
    except Exception as e:
        print(label, type(e).__name__, e)
class B:
    __bool__ = None
    __len__ = None
    __contains__ = None
    __iter__ = None
    __getitem__ = None
    __eq__ = None
    __ne__ = None
    __lt__ = None
    __add__ = None
    __radd__ = None
    __iadd__ = None
    __neg__ = None
    __repr__ = None
    __str__ = None
    __format__ = None
    __call__ = None
    __index__ = None
    __int__ = None
    __float__ = None
    __reversed__ = None
    __setitem__ = None
    __delitem__ = None
b = B()
t("bool", lambda: bool(b))
t("if", lambda: 1 if b else 0)
t("len", lambda: len(b))
t("in", lambda: 0 in b)
t("iter", lambda: iter(b))
t("for", lambda: [x for x in b])
t("getitem", lambda: b[0])
t("eq", lambda: b == 1)
t("eq2", lambda: 1 == b)
t("ne", lambda: b != 1)
t("lt", lambda: b < 1)
t("add", lambda: b + 1)
t("radd", lambda: 1 + b)
def iadd():
    x = b
    x += 1
    return x
t("iadd", iadd)
t("neg", lambda: -b)
t("repr", lambda: repr(b))
t("str", lambda: str(b))
t("format", lambda: format(b, ""))
t("fstr", lambda: f"{b}")
t("call", lambda: b())
t("index", lambda: [1,2][b])
t("int", lambda: int(b))
t("float", lambda: float(b))
t("reversed", lambda: reversed(b))
def si(): b[0] = 1
def di(): del b[0]
t("setitem", si)
t("delitem", di)
class C:
    __radd__ = None
t("radd-only", lambda: 1 + C())
class D:
    def __add__(self, o): return NotImplemented
    __iadd__ = None
def iadd2():
    x = D(); x += 1
t("iadd-None", iadd2)
class E:
    __eq__ = None
t("E eq", lambda: E() == E())
t("E ne", lambda: E() != E())
t("in list", lambda: E() in [E()])
