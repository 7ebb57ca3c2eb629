# Cell variables shared between sibling closures and comprehension capture.
def siblings():
    x = 0
    def set_(v):
        nonlocal x
        x = v
    def get():
        return x
    return set_, get
s, g = siblings()
s(5)
print(g())
s("str")
print(g())
def comp_capture():
    n = 10
    return [lambda: n + i for i in range(2)], (lambda: [n * j for j in range(3)])()
fs, vals = comp_capture()
print([f() for f in fs], vals)
def param_cell(a):
    def get():
        return a
    a = a * 2
    return get
print(param_cell(21)())
def loop_cells():
    out = []
    for i in range(3):
        def mk(j=i):
            return lambda: (i, j)
        out.append(mk())
    return [f() for f in out]
print(loop_cells())
def nested_nonlocal():
    x = 0
    def a():
        nonlocal x
        x += 1
        def b():
            nonlocal x
            x += 10
        b()
    a(); a()
    return x
print(nested_nonlocal())
def closure_over_self_ref():
    def fact(n):
        return 1 if n == 0 else n * fact(n - 1)
    return fact
print(closure_over_self_ref()(10))
def free_var_names():
    a, b, c = 1, 2, 3
    def inner():
        return a + c
    return inner
fv = free_var_names()
print(fv.__code__.co_freevars, [cell.cell_contents for cell in fv.__closure__], fv())
print((lambda: 0).__closure__)
