# CPython frees acyclic objects as soon as the last reference goes away: __del__ runs immediately and
# suspended generators run their finally blocks when dropped.
class Res:
    def __init__(self, name):
        self.name = name
        print("acquire", name)
    def __del__(self):
        print("release", self.name)
r = Res("a")
del r
print("after del a")
r = Res("b")
r = Res("c")
print("after rebinding")
def scope():
    local = Res("local")
    print("leaving scope")
scope()
print("after scope")
lst = [Res("in-list-1"), Res("in-list-2")]
lst.pop(0)
print("after pop")
lst.clear()
print("after clear")
def gen():
    try:
        yield 1
        yield 2
    finally:
        print("generator finally")
g = gen()
next(g)
g = None
print("after dropping generator")
for v in gen():
    break
print("after break out of for over generator")
d = {"k": Res("in-dict")}
d["k"] = 0
print("after overwrite dict value")
def raises():
    tmp = Res("tmp-in-frame")
    raise KeyError("x")
try:
    raises()
except KeyError:
    print("handled")
print("after handler")
r = None
print("end")
