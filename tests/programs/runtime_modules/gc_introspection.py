# gc.get_objects, gc.get_referrers and gc.is_finalized.
import gc


class Holder:
    pass


target = ["payload"]
h = Holder()
h.item = target
container = {"key": target}
refs = gc.get_referrers(target)
print("holder refers:", any(r is h for r in refs))
print("dict refers:", any(r is container for r in refs))
print("unrelated:", any(r is gc for r in refs))

objs = gc.get_objects()
print("instance listed:", any(o is h for o in objs))
print("list listed:", any(o is target for o in objs))
print("ints not listed:", not any(type(o) is int for o in objs))
print(len(gc.get_objects(-1)) > 0)
for bad in (-2, 3):
    try:
        gc.get_objects(bad)
    except ValueError as e:
        print("ValueError", e)


class WithDel:
    def __del__(self):
        keep.append(self)


keep = []
w = WithDel()
print("finalized before:", gc.is_finalized(w))
del w
gc.collect()
print("finalized after:", gc.is_finalized(keep[0]))
print("plain object:", gc.is_finalized(Holder()))
