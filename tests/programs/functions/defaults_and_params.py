# Defaults (evaluated once), *args/**kwargs, keyword-only, positional-only, introspection attributes.
def append_to(x, acc=[]):
    acc.append(x)
    return acc
print(append_to(1), append_to(2), append_to(3, []), append_to(4))
print(append_to.__defaults__)
counter = 0
def next_default():
    global counter
    counter += 1
    return counter
def uses_default(v=next_default()):
    return v
print(uses_default(), uses_default(), counter)
def full(a, b=2, *args, c, d=4, **kwargs):
    return (a, b, args, c, d, kwargs)
print(full(1, c=3))
print(full(1, 2, 3, 4, c=5, e=6, f=7))
print(full(*[1, 2], c=0, **{"d": 9, "z": 1}))
print(full.__name__, full.__qualname__, full.__defaults__, full.__kwdefaults__, full.__code__.co_argcount,
      full.__code__.co_kwonlyargcount, full.__code__.co_varnames[:6], full.__code__.co_name)
def posonly(a, b, /, c, *, d):
    return a, b, c, d
print(posonly(1, 2, 3, d=4), posonly(1, 2, c=3, d=4), posonly.__code__.co_posonlyargcount, posonly.__code__.co_argcount)
def kwonly_nodefault(*, x):
    return x
print(kwonly_nodefault.__kwdefaults__, kwonly_nodefault.__defaults__, kwonly_nodefault(x=5))
def annotated(a: int, b: "str" = "x", *args: float, c: list = None, **kw: dict) -> bool:
    return True
print(annotated.__annotations__)
def no_ann(a):
    pass
print(no_ann.__annotations__, no_ann.__doc__)
def with_doc():
    """Docstring here."""
print(with_doc.__doc__, with_doc() is None)
def kwargs_only(**kw):
    return sorted(kw.items())
print(kwargs_only(), kwargs_only(b=1, a=2), kwargs_only(**{"if": 1, "x y": 2}))
def star_only(*args):
    return args
print(star_only(*range(3), *"ab", 9))
print(full.__code__.co_flags & 0x04 != 0, full.__code__.co_flags & 0x08 != 0, posonly.__code__.co_flags & 0x0C)
def outer():
    def inner():
        pass
    return inner
print(outer().__qualname__, outer().__name__, (lambda: 0).__name__, (lambda: 0).__qualname__)
class K:
    def method(self):
        def nested():
            pass
        return nested
print(K.method.__qualname__, K().method().__qualname__)
full.__defaults__ = (20,)
print(full(1, c=3))
full.custom_attr = "hello"
print(full.custom_attr, "custom_attr" in full.__dict__)
print(type(full.__code__).__name__, full.__module__, callable(full))
