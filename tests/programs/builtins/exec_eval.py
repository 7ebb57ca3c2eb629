# exec/eval with globals/locals dicts, return values, builtins availability, compile modes.
print(eval("1 + 2 * 3"), eval("x + y", {"x": 1, "y": 2}), eval("x", {"x": 1}, {"x": 2}), eval("[i for i in range(3)]"))
g = {}
exec("a = 5\ndef f(n):\n    return n * a\n", g)
print(g["a"], g["f"](3), "__builtins__" in g, sorted(k for k in g if k != "__builtins__"))
l = {}
exec("b = 7", {}, l)
print(l)
print(exec("1 + 1"), eval("None"))
ns = {"data": [3, 1, 2]}
exec("data.sort()\nresult = sum(data)", ns)
print(ns["data"], ns["result"])
try:
    eval("undefined_name")
except NameError as e:
    print("NameError", e)
try:
    eval("len('x')", {"__builtins__": {}})
except NameError as e:
    print("NameError", e)
print(eval("len('abc')", {"__builtins__": {"len": len}}))
try:
    eval("import os")
except SyntaxError as e:
    print("SyntaxError", e.msg)
try:
    exec("raise KeyError('inside exec')")
except KeyError as e:
    print("KeyError", e)
x = 10
def func():
    y = 20
    return eval("x + y")
print(func())
def modify_locals():
    z = 1
    exec("z = 2")
    return z
print(modify_locals())
code = compile("print('compiled print')", "<string>", "exec")
exec(code)
expr = compile("6 * 7", "<expr>", "eval")
print(eval(expr), expr.co_filename, type(expr).__name__)
single = compile("1 + 1", "<single>", "single")
print(type(single).__name__)
print(eval("(lambda q: q * 2)(21)"), eval("{'k': [1, 2]}")["k"], eval("  42  "), eval("\n42\n") if False else "skip")
src = """
class Dyn:
    def hello(self):
        return 'hello from dynamic class'
obj = Dyn()
"""
ns2 = {}
exec(src, ns2)
print(ns2["obj"].hello(), type(ns2["obj"]).__name__)
try:
    eval(5)
except TypeError as e:
    print("TypeError", e)
try:
    exec("x = ", {})
except SyntaxError as e:
    print("SyntaxError", e.msg, e.lineno)
sysmod = __import__("sys")
print(sysmod.__name__, type(sysmod).__name__, sysmod is __import__("sys"))
print(eval("__name__"), __name__, eval("__name__", {"__name__": "custom"}))
exec("global_from_exec = 'set'")
print(global_from_exec)
