import enum
from inspect import classify_class_attrs
class Color(enum.Enum):
    CYAN = 1
    name = 3
for a in classify_class_attrs(Color):
    if a.defining_class is not object or a.name in ("__class__", "__init_subclass__"):
        print(a.name, a.kind, a.defining_class.__name__)
