# yield from: delegation of values, send, throw, close, and return values.
def inner():
    x = yield "inner-1"
    print("inner got", x)
    try:
        y = yield "inner-2"
        print("inner got", y)
    except KeyError as e:
        print("inner handled", repr(e))
        yield "inner-after-throw"
    return "inner-result"
def outer():
    result = yield from inner()
    print("outer got result", result)
    yield "outer-end"
g = outer()
print(next(g))
print(g.send("A"))
print(g.throw(KeyError("K")))
print(next(g))
try:
    next(g)
except StopIteration:
    print("done")
def chain(*iterables):
    for it in iterables:
        yield from it
print(list(chain([1, 2], "ab", range(3), (x * x for x in range(3)))))
def flatten(lst):
    for item in lst:
        if isinstance(item, list):
            yield from flatten(item)
        else:
            yield item
print(list(flatten([1, [2, [3, [4]], 5], [[6]]])))
def closer():
    try:
        yield 1
        yield 2
    finally:
        print("inner closed")
def delegating():
    try:
        yield from closer()
    finally:
        print("outer closed")
d = delegating()
next(d)
d.close()
def ret_value():
    yield 1
    return 99
def collect():
    r = yield from ret_value()
    return r * 2
c = collect()
next(c)
try:
    next(c)
except StopIteration as e:
    print("nested return", e.value)
class Iterable:
    def __iter__(self):
        return iter([10, 20])
def from_iterable():
    r = yield from Iterable()
    print("result from plain iterator:", r)
print(list(from_iterable()))
def send_to_list():
    yield from [1, 2]
s = send_to_list()
next(s)
try:
    s.send("x")
except AttributeError as e:
    print("AttributeError", e)
def unhandled_throw_inner():
    yield 1
def unhandled_throw_outer():
    try:
        yield from unhandled_throw_inner()
    except ValueError as e:
        print("outer caught", e)
        yield "recovered"
u = unhandled_throw_outer()
next(u)
print(u.throw(ValueError("through inner")))
def gen_expr_delegate():
    yield from (i for i in range(3))
print(list(gen_expr_delegate()))
try:
    def bad():
        yield from 5
    list(bad())
except TypeError as e:
    print("TypeError", e)
