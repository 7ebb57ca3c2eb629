# __call__, __init_subclass__, __set_name__, __class_getitem__, class decorators, __new__.
class Adder:
    def __init__(self, n):
        self.n = n
    def __call__(self, x, *, times=1):
        return (x + self.n) * times
add5 = Adder(5)
print(add5(1), add5(1, times=3), callable(add5))
class Plugin:
    registry = []
    def __init_subclass__(cls, name=None, **kwargs):
        super().__init_subclass__(**kwargs)
        cls.plugin_name = name or cls.__name__.lower()
        Plugin.registry.append(cls.plugin_name)
class CsvPlugin(Plugin, name="csv"):
    pass
class JsonPlugin(Plugin):
    pass
class SubCsv(CsvPlugin):
    pass
print(Plugin.registry, CsvPlugin.plugin_name, SubCsv.plugin_name)
try:
    class Bad(Plugin, unknown=1):
        pass
except TypeError as e:
    print("TypeError", e)
class Field:
    def __set_name__(self, owner, name):
        self.owner_name = owner.__name__
        self.name = name
        print("set_name", owner.__name__, name)
    def __get__(self, obj, objtype=None):
        if obj is None:
            return self
        return obj.__dict__.get(self.name, f"<unset {self.name}>")
class Model:
    title = Field()
    body = Field()
m = Model()
print(m.title, Model.title.name, Model.body.owner_name)
m.__dict__["title"] = "hello"
print(m.title)
class Box:
    def __class_getitem__(cls, item):
        return f"Box[{item.__name__ if isinstance(item, type) else item}]"
print(Box[int], Box["x"], Box[1])
print(list[int], dict[str, int], tuple[int, ...], type(list[int]).__name__)
try:
    Adder[int]
except TypeError as e:
    print("TypeError", e)
class Singleton:
    _inst = None
    def __new__(cls, *args):
        if cls._inst is None:
            cls._inst = super().__new__(cls)
            print("created")
        return cls._inst
    def __init__(self, v):
        self.v = v
a = Singleton(1)
b = Singleton(2)
print(a is b, a.v)
class NotInstance:
    def __new__(cls):
        return 42
    def __init__(self):
        print("never called")
print(NotInstance())
class WithNewArgs:
    def __new__(cls, x):
        inst = super().__new__(cls)
        inst.from_new = x
        return inst
    def __init__(self, x):
        self.from_init = x * 2
w = WithNewArgs(3)
print(w.from_new, w.from_init)
try:
    object.__new__(5)
except TypeError as e:
    print("TypeError", e)
def add_repr(cls):
    def __repr__(self):
        return f"{cls.__name__}({', '.join(f'{k}={v!r}' for k, v in vars(self).items())})"
    cls.__repr__ = __repr__
    return cls
@add_repr
class Pt:
    def __init__(self, x, y):
        self.x, self.y = x, y
print(Pt(1, "a"), [Pt(0, 0)])
