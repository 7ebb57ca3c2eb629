# super(): zero-arg and two-arg forms, in classmethods, __init__ chains, cooperative kwargs.
class Base:
    def __init__(self, **kw):
        print("Base init", sorted(kw))
        self.base = True
    def hello(self):
        return "Base.hello"
    @classmethod
    def make(cls):
        return "Base.make for " + cls.__name__
class Left(Base):
    def __init__(self, left=None, **kw):
        print("Left init", left)
        super().__init__(**kw)
    def hello(self):
        return "Left>" + super().hello()
class Right(Base):
    def __init__(self, right=None, **kw):
        print("Right init", right)
        super().__init__(**kw)
    def hello(self):
        return "Right>" + super(Right, self).hello()
class Child(Left, Right):
    def __init__(self):
        super().__init__(left=1, right=2)
    def hello(self):
        return "Child>" + super().hello()
    @classmethod
    def make(cls):
        return "Child.make>" + super().make()
c = Child()
print(c.hello(), c.base, Child.make())
print(super(Left, c).hello(), super(Child, c).hello(), super(Right, c).hello())
print(super(Child, Child).make())
s = super(Child, c)
print(type(s).__name__)
def outside():
    try:
        super()
    except RuntimeError as e:
        print("RuntimeError", e)
outside()
try:
    super(Child, 5)
except TypeError as e:
    print("TypeError", e)
class NoBase:
    def method(self):
        return super().__repr__().startswith("<__main__.NoBase object")
print(NoBase().method())
class ListSub(list):
    def append(self, v):
        super().append(v * 10)
ls = ListSub()
ls.append(1)
ls.extend([2])
print(ls)
class DictSub(dict):
    def __getitem__(self, k):
        return super().__getitem__(k.lower())
ds = DictSub(a=1)
print(ds["A"], ds.get("A"))
class Prop(Base):
    @property
    def p(self):
        return "prop"
class PropChild(Prop):
    @property
    def p(self):
        return "child " + super().p
print(PropChild().p)
class StaticChain(Base):
    def hello(self):
        f = lambda: super(StaticChain, self).hello()
        return "lambda>" + f()
print(StaticChain().hello())
class Comp(Base):
    def hello(self):
        return [super().hello() for _ in range(1)][0] if False else "skip"
print(Comp().hello())
