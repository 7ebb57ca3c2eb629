# UnboundLocalError and NameError messages; del then use.
x = 1
def f():
    print(x)
    x = 2
try:
    f()
except UnboundLocalError as e:
    print(type(e).__name__, e, isinstance(e, NameError))
def g():
    del y
try:
    g()
except UnboundLocalError as e:
    print(type(e).__name__, e)
def h():
    z = 1
    del z
    return z
try:
    h()
except UnboundLocalError as e:
    print(type(e).__name__, e)
try:
    print(undefined_thing)
except NameError as e:
    print(type(e).__name__, e, e.name if hasattr(e, "name") else "")
try:
    undefined_func()
except NameError as e:
    print(type(e).__name__, e)
v = 5
del v
try:
    v
except NameError as e:
    print(type(e).__name__, e)
def cond(flag):
    if flag:
        w = "set"
    return w
print(cond(True))
try:
    cond(False)
except UnboundLocalError as e:
    print(type(e).__name__, e)
def aug():
    counter += 1
counter = 0
try:
    aug()
except UnboundLocalError as e:
    print(type(e).__name__, e)
def loop_var():
    for i in range(0):
        pass
    return i
try:
    loop_var()
except UnboundLocalError as e:
    print(type(e).__name__, e)
def exc_var_cleared():
    try:
        raise ValueError("x")
    except ValueError as err:
        pass
    return err
try:
    exc_var_cleared()
except UnboundLocalError as e:
    print(type(e).__name__, e)
try:
    raise KeyError("k")
except KeyError as module_err:
    pass
try:
    module_err
except NameError as e:
    print(type(e).__name__, e)
def outer():
    a = 1
    def inner():
        return a
    del a
    return inner
try:
    outer()()
except NameError as e:
    print(type(e).__name__, e)
class C:
    try:
        print(not_defined_in_class)
    except NameError as e:
        print("class body", type(e).__name__, e)
try:
    del never_defined
except NameError as e:
    print(type(e).__name__, e)
