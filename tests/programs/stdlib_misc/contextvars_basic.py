import contextvars
from contextvars import ContextVar, Context, Token, copy_context

v = ContextVar("v", default=1)
w = ContextVar("w")
print(v.name, v.get(), w.get("dflt"))
try:
    w.get()
except LookupError as e:
    print("LookupError", e.args[0] is w)
t = v.set(2)
print(v.get(), t.var is v, t.old_value is Token.MISSING, repr(Token.MISSING))
t2 = v.set(3)
print(v.get(), t2.old_value)
v.reset(t2)
print(v.get())
try:
    v.reset(t2)
except RuntimeError as e:
    print("RuntimeError", "has already been used once" in str(e))
try:
    w.reset(t)
except ValueError as e:
    print("ValueError", "different ContextVar" in str(e))
v.reset(t)
print(v.get())

ctx = copy_context()
print(type(ctx).__name__, len(ctx), v in ctx)
t = v.set(10)
ctx2 = copy_context()
print(ctx2[v], ctx2.get(v), ctx.get(v, "none"), len(ctx2), list(ctx2.keys()) == [v])
print(list(ctx2.values()), list(ctx2.items()) == [(v, 10)], list(iter(ctx2)) == [v])


def inside(x, y=0):
    w.set("in-run")
    v.set(x + y)
    return v.get(), w.get()


print(ctx2.run(inside, 5, y=1))
print(v.get(), w.get("not set"), ctx2[v], ctx2[w])
try:
    ctx2.run(ctx2.run, inside, 1)
except RuntimeError as e:
    print("RuntimeError", "is already entered" in str(e))
try:
    ctx2[1]
except TypeError as e:
    print("TypeError", e)
try:
    ctx[w]
except KeyError as e:
    print("KeyError", e.args[0] is w)
try:
    Context(1)
except TypeError as e:
    print("TypeError", e)
try:
    ContextVar(1)
except TypeError as e:
    print("TypeError", e)
try:
    hash(ctx)
except TypeError as e:
    print("TypeError")
print(Context() == Context(), ctx == ctx2, ctx2 == ctx2.copy(), ctx2 != ctx)
try:
    Token()
except RuntimeError as e:
    print("RuntimeError", e)
print(ContextVar[int], ContextVar.__module__, Context.__module__, Token.__module__)
print(repr(v).startswith("<ContextVar name='v' default=1 at 0x"))
print(repr(w).startswith("<ContextVar name='w' at 0x"))


def in_ctx():
    t = v.set("temp")
    try:
        raise KeyError("boom")
    finally:
        v.reset(t)


try:
    Context().run(in_ctx)
except KeyError as e:
    print("propagated", e)
print(v.get())
t = v.set(99)
try:
    Context().run(v.reset, t)
except ValueError as e:
    print("ValueError", "different Context" in str(e))
import decimal
print(decimal.getcontext().prec)
