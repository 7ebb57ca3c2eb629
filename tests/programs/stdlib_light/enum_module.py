# enum: Enum, IntEnum, Flag, auto, iteration, lookup, aliases, errors.
from enum import Enum, IntEnum, Flag, auto, unique
class Color(Enum):
    RED = 1
    GREEN = 2
    BLUE = 3
    CRIMSON = 1
print(Color.RED, repr(Color.GREEN), Color(2), Color["BLUE"], Color.RED.name, Color.RED.value, Color.CRIMSON is Color.RED)
print(list(Color), len(Color), Color.RED in Color, [m.name for m in Color], list(Color.__members__))
try:
    Color(7)
except ValueError as e:
    print("ValueError", e)
try:
    Color["PINK"]
except KeyError as e:
    print("KeyError", e)
class Level(IntEnum):
    LOW = 1
    HIGH = 3
print(Level.LOW < Level.HIGH, Level.HIGH + 1, Level(3), int(Level.LOW), Level.LOW == 1, sorted([Level.HIGH, Level.LOW]))
class Perm(Flag):
    R = auto()
    W = auto()
    X = auto()
rw = Perm.R | Perm.W
print(rw, Perm.R in rw, Perm.X in rw, rw.value, Perm(7), bool(Perm(0)))
class Auto(Enum):
    A = auto()
    B = auto()
print(Auto.A.value, Auto.B.value, match_color := None)
def describe(c):
    match c:
        case Color.RED:
            return "red!"
        case Color.GREEN | Color.BLUE:
            return "cool"
print(describe(Color.RED), describe(Color.BLUE))
try:
    @unique
    class Dup(Enum):
        A = 1
        B = 1
except ValueError as e:
    print("ValueError", e)
try:
    Color.RED = 5
except AttributeError as e:
    print("AttributeError", e)
print(type(Color.RED).__name__, isinstance(Color.RED, Color), Color.RED.__class__.__mro__[1].__name__)
