# Method overriding, polymorphism, calling parent methods explicitly, abstract-like patterns, builtin subclassing.
class Shape:
    name = "shape"
    def area(self):
        raise NotImplementedError(f"{type(self).__name__} must implement area")
    def describe(self):
        return f"{self.name} with area {self.area():.2f}"
class Rect(Shape):
    name = "rect"
    def __init__(self, w, h):
        self.w, self.h = w, h
    def area(self):
        return self.w * self.h
class Square(Rect):
    name = "square"
    def __init__(self, s):
        Rect.__init__(self, s, s)
class Circle(Shape):
    name = "circle"
    def __init__(self, r):
        self.r = r
    def area(self):
        return 3.14159 * self.r ** 2
for s in (Rect(2, 3), Square(4), Circle(1)):
    print(s.describe(), isinstance(s, Rect))
try:
    Shape().describe()
except NotImplementedError as e:
    print("NotImplementedError", e)
class MyList(list):
    def sum(self):
        return sum(self)
ml = MyList([1, 2, 3])
print(ml.sum(), ml + [4], type(ml + [4]).__name__, type(ml[:1]).__name__, len(ml), ml == [1, 2, 3])
class MyStr(str):
    def shout(self):
        return self.upper() + "!"
ms = MyStr("hi")
print(ms.shout(), type(ms.upper()).__name__, ms + "x", isinstance(ms, str), ms == "hi", hash(ms) == hash("hi"))
class MyDict(dict):
    def __missing__(self, k):
        return k * 2
md = MyDict()
print(md["ab"], md.get("ab"), "ab" in md)
class Upper(str):
    def __new__(cls, v):
        return super().__new__(cls, v.upper())
print(Upper("abc"), len(Upper("abc")))
class PositiveInt(int):
    def __new__(cls, v):
        if v < 0:
            raise ValueError("negative")
        return super().__new__(cls, v)
print(PositiveInt(5) + 1, type(PositiveInt(5)).__name__)
try:
    PositiveInt(-1)
except ValueError as e:
    print("ValueError", e)
class Animal:
    sound = "..."
    def speak(self):
        return f"{type(self).__name__}: {self.sound}"
class Dog(Animal):
    sound = "woof"
class Puppy(Dog):
    def speak(self):
        return super().speak() + " (tiny)"
print([a.speak() for a in (Animal(), Dog(), Puppy())])
class Exc(Exception):
    pass
class SubExc(Exc):
    pass
try:
    raise SubExc("sub")
except Exc as e:
    print("caught via base", type(e).__name__, e)
class Counter(dict):
    def __init__(self, it):
        super().__init__()
        for x in it:
            self[x] = self.get(x, 0) + 1
print(Counter("abracadabra"))
