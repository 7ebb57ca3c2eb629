# Class scope: not visible in methods, comprehension scoping in class body, name resolution.
x = "global x"
class A:
    x = "class x"
    y = x + " seen in body"
    def method(self):
        return x
    def method_self(self):
        return self.x
    items = [1, 2, 3]
    doubled = [i * 2 for i in items]
    try:
        bad = [x for _ in range(1)]
    except NameError as e:
        bad = "NameError"
    try:
        bad2 = [items for _ in range(2)]
    except NameError as e:
        bad2 = "NameError: " + str(e)
print(A.y, A().method(), A().method_self(), A.doubled, A.bad, A.bad2)
class B:
    n = 5
    funcs = [lambda: n for _ in range(1)] if False else None
    def get_n(self):
        try:
            return n
        except NameError as e:
            return "NameError " + str(e)
print(B().get_n())
def func_with_class():
    local = "func local"
    class Inner:
        attr = local
        def m(self):
            return local
    return Inner
I = func_with_class()
print(I.attr, I().m())
def class_body_shadow():
    v = "enclosing"
    class K:
        v = "class"
        w = v
    return K.w, v
print(class_body_shadow())
def class_sees_enclosing_not_class_later():
    z = "enclosing z"
    class K:
        a = z
        z = "class z"
        b = z
    return K.a, K.b
# a name assigned in the class body is looked up in globals (not the enclosing function) before assignment
try:
    print(class_sees_enclosing_not_class_later())
except NameError as e:
    print("NameError", e)
z = "global z"
print(class_sees_enclosing_not_class_later())
class Counter:
    count = 0
    def inc(self):
        self.count += 1
        return self.count
c1, c2 = Counter(), Counter()
c1.inc(); c1.inc(); c2.inc()
print(c1.count, c2.count, Counter.count)
class Shared:
    items = []
    def add(self, v):
        self.items.append(v)
s1, s2 = Shared(), Shared()
s1.add(1); s2.add(2)
print(Shared.items, s1.items is s2.items)
class Outer:
    class Nested:
        val = 1
    ref = Nested.val + 1
print(Outer.ref, Outer.Nested.__qualname__)
class Gen:
    vals = [1, 2]
    gen = (v for v in vals)
print(list(Gen.gen))
