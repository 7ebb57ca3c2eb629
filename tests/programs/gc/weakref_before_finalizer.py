# Weak references to unreachable objects are cleared before finalizers run (CPython's
# order), even when a finalizer resurrects its object; callbacks run only for weak
# references that were reachable themselves.
import gc
import weakref

keep = []


class Resurrect:
    def __init__(self, name):
        self.name = name
        self.cycle = self

    def __del__(self):
        print("finalizing", self.name, "weakref sees", wr_holder[self.name]())
        keep.append(self)


wr_holder = {}
gc.disable()
r = Resurrect("a")
wr_holder["a"] = weakref.ref(r, lambda ref: print("callback a, dead:", ref() is None))
del r
gc.collect()
print("after collect:", wr_holder["a"](), [k.name for k in keep])


class Plain:
    pass


p = Plain()
p.cycle = p
wr = weakref.ref(p, lambda ref: print("plain callback"))
del p
gc.collect()
print("plain weakref:", wr())


class Holder:
    pass


h = Holder()
h.cycle = h
h.ref_to_self = weakref.ref(h, lambda ref: print("unreachable weakref's callback (never)"))
del h
gc.collect()
print("done")
gc.enable()
