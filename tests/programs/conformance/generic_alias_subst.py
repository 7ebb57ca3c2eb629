from typing import TypeVar, Generic, Tuple
T = TypeVar('T')
S = TypeVar('S')
a = tuple[T, ...]
print(a.__parameters__, a[int])
print(list[T][str], dict[T, int][str], dict[T, list[S]][str, int])
print(dict[T, S].__parameters__)
print(list[int].__unpacked__, (*tuple[int, str],))
star = next(iter(tuple[int, str]))
print(star, star.__unpacked__, star.__typing_unpacked_tuple_args__)
print(star == tuple[int, str], list[int].__typing_unpacked_tuple_args__)
print(tuple[T, *tuple[int, str]][bool])
try:
    list[int][str]
except TypeError as e:
    print(e)
try:
    dict[T, S][int]
except TypeError as e:
    print(e)
u = int | list[T]
print(u.__parameters__, u[str])
print((int | str).__parameters__)
