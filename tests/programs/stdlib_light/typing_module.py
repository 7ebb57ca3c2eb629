# typing: annotations are not enforced; NamedTuple, TypedDict, Optional/Union reprs, get_type_hints, Protocol basics.
from typing import List, Dict, Optional, Union, Any, Callable, NamedTuple, TypedDict, TypeVar, Generic, get_type_hints, Tuple
def f(x: int, y: Optional[str] = None) -> List[int]:
    return [x]
print(f("not an int"), f.__annotations__["return"], get_type_hints(f)["y"])
print(List[int], Dict[str, int], Optional[int], Union[int, str], Union[int, int], Tuple[int, ...], Callable[[int], str], Any)
class Emp(NamedTuple):
    name: str
    id: int = 3
e = Emp("ann")
print(e, e.id, e._fields, Emp.__annotations__, isinstance(e, tuple))
class Movie(TypedDict):
    title: str
    year: int
m: Movie = {"title": "x", "year": 1999}
print(m, type(m).__name__, Movie.__required_keys__ == frozenset({"title", "year"}))
T = TypeVar("T")
class Box(Generic[T]):
    def __init__(self, item: T):
        self.item = item
print(Box[int](5).item, Box.__parameters__, T)
x: int = "annotations are just metadata"
print(x, __annotations__)
