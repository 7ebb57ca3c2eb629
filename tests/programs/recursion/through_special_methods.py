# Unbounded recursion through special methods called by the operators and builtins raises
# RecursionError with CPython's messages (a repr names itself; a user __eq__ recursing
# through == is not a "comparison" of containers), and the interpreter keeps running.
import sys


def run(label, f):
    try:
        f()
    except RecursionError as e:
        print(label, "RecursionError:", e)


class Eq:
    def __eq__(self, o):
        return self == o


class Hash:
    def __hash__(self):
        return hash(self)


class Repr:
    def __repr__(self):
        return repr(self)


class ReprF:
    def __repr__(self):
        return f"{self!r}"


class GetAttr:
    def __getattr__(self, n):
        return getattr(self, n)


class Init:
    def __init__(self):
        Init()


class Len:
    def __len__(self):
        return len(self)


class Add:
    def __add__(self, o):
        return self + o


class Iter:
    def __iter__(self):
        return iter(self)


class Bool:
    def __bool__(self):
        return bool(self)


class Lt:
    def __lt__(self, o):
        return sorted([self, o]) and True


class Format:
    def __format__(self, s):
        return f"{self}"


class SetAttr:
    def __setattr__(self, k, v):
        setattr(self, k, v)


class GetItem:
    def __getitem__(self, k):
        return self[k]


class Descr:
    def __get__(self, o, t):
        return o.d


class HasDescr:
    d = Descr()


def set_attr():
    SetAttr().x = 1


run("__eq__", lambda: Eq() == 1)
run("__hash__", lambda: hash(Hash()))
run("__repr__", lambda: repr(Repr()))
run("__repr__ via f-string", lambda: repr(ReprF()))
run("__getattr__", lambda: GetAttr().x)
run("__init__", lambda: Init())
run("__len__", lambda: len(Len()))
run("__add__", lambda: Add() + 1)
run("__iter__", lambda: iter(Iter()))
run("__bool__", lambda: bool(Bool()))
run("__lt__ in sorted", lambda: sorted([Lt(), Lt()]))
run("__format__", lambda: f"{Format()}")
run("__setattr__", set_attr)
run("__getitem__", lambda: GetItem()[0])
run("__get__", lambda: HasDescr().d)
nested = []
for _ in range(100000):
    nested = [nested]
run("nested list ==", lambda: nested == nested[0])
print("still running", sys.getrecursionlimit())
