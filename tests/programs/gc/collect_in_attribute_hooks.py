# Attribute hooks run by `obj.attr` (a property getter, __getattr__, __getattribute__) are
# called from a clean position: gc.collect() inside them frees cycles at once, and the garbage
# a long getter makes is reclaimed while it runs.
import gc
import weakref


class Node:
    pass


def collected_cycle():
    a, b = Node(), Node()
    a.other, b.other = b, a
    r = weakref.ref(a)
    del a, b
    gc.collect()
    return r() is None


class C:
    @property
    def prop(self):
        return collected_cycle()

    def __getattr__(self, name):
        return (name, collected_cycle())


class G:
    def __getattribute__(self, name):
        if name == "special":
            return collected_cycle()
        return object.__getattribute__(self, name)


class Slow:
    @property
    def total(self):
        t = 0
        for i in range(200000):
            t += len([i] * 8)
        return t


c = C()
print("property:", c.prop)
print("__getattr__:", c.missing)
print("__getattribute__:", G().special)
print("long getter:", Slow().total)


# A getter that raises AttributeError falls back to __getattr__, as in CPython.
class Fallback:
    @property
    def x(self):
        raise AttributeError("no x")

    def __getattr__(self, name):
        return "fallback " + name


print(Fallback().x)


# A getter that deletes its own property from the class, then collects.
class SelfRemoving:
    @property
    def once(self):
        del SelfRemoving.once
        gc.collect()
        return "still here"


s = SelfRemoving()
print(s.once)
print(hasattr(s, "once"))
