# dataclasses: generated __init__/__repr__/__eq__, defaults, field(default_factory), frozen, order, asdict.
from dataclasses import dataclass, field, asdict, astuple, replace, fields, FrozenInstanceError
@dataclass
class Point:
    x: int
    y: int = 0
    tags: list = field(default_factory=list)
p = Point(1)
print(p, p == Point(1, 0, []), p != Point(2), asdict(p), astuple(p), replace(p, y=5))
print([f.name for f in fields(Point)], Point.__init__.__code__.co_varnames[:4])
p.tags.append("t")
print(Point(3).tags, p.tags)
@dataclass(frozen=True, order=True)
class Version:
    major: int
    minor: int = 0
v = Version(1, 2)
print(v, Version(1, 3) > v, sorted([Version(2), Version(1, 5), Version(1)]), hash(v) == hash(Version(1, 2)))
try:
    v.major = 5
except FrozenInstanceError as e:
    print("FrozenInstanceError", e)
try:
    @dataclass
    class Bad:
        a: int = 1
        b: int
except TypeError as e:
    print("TypeError", e)
try:
    @dataclass
    class BadDefault:
        items: list = []
except ValueError as e:
    print("ValueError", e)
@dataclass
class Child(Point):
    z: int = 9
print(Child(1, 2), Child.__mro__[1].__name__)
@dataclass
class WithPost:
    a: int
    b: int = field(init=False)
    def __post_init__(self):
        self.b = self.a * 2
print(WithPost(4))
