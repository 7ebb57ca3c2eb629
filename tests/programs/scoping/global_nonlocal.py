# global and nonlocal declarations, module globals modified from functions.
g = 1
def read_global():
    return g
def write_global():
    global g
    g = 2
def local_shadow():
    g = 3
    return g
print(read_global(), local_shadow(), g)
write_global()
print(g)
def create_global():
    global brand_new
    brand_new = "created"
create_global()
print(brand_new, "brand_new" in globals())
def nested_global():
    def inner():
        global g
        g = "from inner"
    inner()
nested_global()
print(g)
def nonlocal_vs_global():
    g = "enclosing"
    def inner():
        nonlocal g
        g = "modified enclosing"
    inner()
    return g
print(nonlocal_vs_global(), g)
def global_in_loop():
    global counter
    counter = 0
    for _ in range(5):
        counter += 1
global_in_loop()
print(counter)
x = 10
def uses_before_global_decl():
    global x
    x += 5
    return x
print(uses_before_global_decl(), x)
for src in ["def f():\n    x = 1\n    global x\n", "def f():\n    nonlocal q\n", "nonlocal z\n",
            "def f(a):\n    global a\n", "def f():\n    print(y)\n    global y\n", "def o():\n    v = 1\n    def i():\n        global v\n        nonlocal v\n"]:
    try:
        compile(src, "<src>", "exec")
        print("compiled")
    except SyntaxError as e:
        print("SyntaxError", e.msg, e.lineno)
def shadow_builtin():
    len = lambda x: "shadowed"
    return len([1, 2])
print(shadow_builtin(), len([1, 2]))
print = print
def use_print():
    print("module-level print alias works")
use_print()
del print
print("builtin print restored")
