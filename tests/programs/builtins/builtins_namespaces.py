# globals/locals/vars/dir, exec/eval/compile with explicit and default namespaces, closures.
def show(f, *args, **kwargs):
    try:
        r = f(*args, **kwargs)
        print(repr(r) if not isinstance(r, dict) else sorted(k for k in r if k != "__builtins__"))
    except Exception as e:
        print(type(e).__name__, e)

x = 1
print("x" in globals(), globals() is globals(), locals() is globals())

def f(a, b=2, *args, **kw):
    c = a + b
    def inner():
        return c
    return locals(), vars(), sorted(dir())
loc, v, d = f(1)
print(sorted(loc), sorted(v), d)

def cells(a, b):
    def h():
        return a
    a = 3
    del b
    return locals()
print(sorted(cells(1, 2).items(), key=lambda kv: kv[0])[0])

def freevar():
    z = 10
    def g():
        y = z
        return sorted(locals())
    return g()
print(freevar())

class K:
    attr = 1
    names = sorted(k for k in locals() if not k.startswith("__"))
    print("class body", names, "__module__" in locals())
print(sorted(k for k in vars(K) if not k.startswith("__")))

class Obj:
    def __init__(self):
        self.a = 1
        self.b = 2
print(vars(Obj()), sorted(dir(Obj()))[-2:])
show(vars, 5)
show(vars, 1, 2)
show(vars, x=1)
show(dir, 1, 2)
show(globals, 1)
show(locals, 1)

print(eval("x + 1"), eval("x", {"x": 5}), eval("x", {"x": 5}, {"x": 6}), eval("  \t x"))
print(eval(b"2 * 3"), eval(compile("4 + 4", "<e>", "eval")))
g = {"n": 3}
exec("m = n * 2\ndef double(v):\n    return v * m\n", g)
print(g["m"], g["double"](5), "__builtins__" in g, type(g["__builtins__"]).__name__)
l = {}
exec("q = 7", {}, l)
print(l)
def modify():
    w = 1
    exec("w = 2")
    return w
print(modify())
def read_locals():
    w = 5
    return eval("w * 2")
print(read_locals())
print(exec("1"), exec("pass", {}, None))
exec("late = 'global'")
print(late)
show(eval, 5)
show(exec, 5)
show(eval, "1", 5)
show(eval, "1", {}, 5)
show(exec, "1", 5)
show(exec, "1", {}, 5)
show(eval, "1", [])
show(eval)
show(exec)
show(exec, "1", {}, {}, {})
show(eval, "a\0")
show(eval, "undefined_name_xyz")
show(eval, "len('ab')", {"__builtins__": {}})
show(eval, "len('ab')", {"__builtins__": {"len": len}})

def outer():
    val = 41
    def inner():
        return val + 1
    return inner
code = outer().__code__
show(exec, code)
show(eval, code)
show(exec, code, {}, closure=(1,))
show(exec, "1", closure=())
print(exec(code, {}, closure=outer().__closure__))

c = compile("print('hi from compile')", "<string>", "exec")
exec(c)
print(type(c).__name__, c.co_filename, c.co_name)
single = compile("5", "<single>", "single")
print(type(single).__name__, compile("1", "f", "exec", dont_inherit=True).co_filename)
show(compile, "1", "f", "bad")
show(compile, "1", "f", "exec", 0x8)
show(compile, "1", "f", "exec", 0, False, 5)
show(compile, 5, "f", "exec")
show(compile, "a\0", "f", "exec")
try:
    compile("x = ", "<bad>", "exec")
except SyntaxError as e:
    print("SyntaxError", e.msg, e.filename, e.lineno)
try:
    exec("def f(:\n  pass")
except SyntaxError as e:
    print("SyntaxError", e.lineno)
sys_mod = __import__("sys")
print(sys_mod.__name__, __import__("sys") is sys_mod)
show(__import__, 5)
show(__import__, "")
show(__import__, "sys", level=-1)
show(__import__, "no_such_module_abc")
