# A class body is an ordinary function body run by __build_class__: the collector runs inside
# it, so gc.collect() there frees cycles, and garbage made by a long class body is reclaimed.
import gc
import weakref


class Node:
    pass


def cycle():
    a, b = Node(), Node()
    a.other, b.other = b, a
    return weakref.ref(a)


class Body:
    r = cycle()
    gc.collect()
    print("cycle collected in class body:", r() is None)
    total = 0
    for i in range(200000):
        total += len([i] * 8)
    print(total)


class Meta(type):
    @classmethod
    def __prepare__(mcls, name, bases, **kw):
        print("prepare", name, sorted(kw))
        return {"from_prepare": 1}

    def __new__(mcls, name, bases, ns, **kw):
        print("new", name, sorted(k for k in ns if not k.startswith("__")))
        return super().__new__(mcls, name, bases, ns)


class WithMeta(metaclass=Meta, flag=True):
    r = cycle()
    gc.collect()
    dead = r() is None
    del r


print(WithMeta.dead, WithMeta.from_prepare)


class Base:
    def __init_subclass__(cls, **kw):
        print("init_subclass", cls.__name__, kw)


class Entry:
    def __mro_entries__(self, bases):
        return (Base,)


class Derived(Entry(), tag="x"):
    r = cycle()
    gc.collect()
    print("derived body:", r() is None)


print(Derived.__orig_bases__[0].__class__.__name__, Derived.__mro__[1].__name__)
