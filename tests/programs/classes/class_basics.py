# Class/instance attributes, methods, __dict__, vars(), default repr/str via type name.
class Dog:
    species = "canis"
    count = 0
    def __init__(self, name, age=1):
        self.name = name
        self.age = age
        Dog.count += 1
    def speak(self):
        return f"{self.name} says woof"
    def birthday(self):
        self.age += 1
        return self
d1 = Dog("rex")
d2 = Dog("fido", 5)
print(d1.speak(), d2.birthday().age, Dog.count, d1.species, Dog.species)
d1.species = "override"
print(d1.species, d2.species, Dog.species, d1.__dict__, vars(d2))
del d1.species
print(d1.species)
Dog.species = "changed"
print(d1.species, d2.species)
print(type(d1).__name__, type(d1) is Dog, isinstance(d1, Dog), d1.__class__.__name__, Dog.__name__, Dog.__qualname__, Dog.__module__)
print(sorted(k for k in Dog.__dict__ if not k.startswith("__")), "speak" in dir(d1), "name" in dir(d1), "__init__" in dir(Dog))
r = repr(d1)
print(r.startswith("<__main__.Dog object at 0x"), str(d1) == r, r.endswith(">"))
class Empty:
    pass
e = Empty()
e.x = 1
e.__dict__["y"] = 2
print(e.x, e.y, vars(e), hasattr(e, "z"), getattr(e, "z", "default"))
setattr(e, "z", 3)
delattr(e, "x")
print(vars(e))
try:
    e.nothing
except AttributeError as err:
    print("AttributeError", err)
try:
    Empty.nothing
except AttributeError as err:
    print("AttributeError", err)
try:
    vars(5)
except TypeError as err:
    print("TypeError", err)
try:
    object().x = 1
except AttributeError as err:
    print("AttributeError", err)
class WithInitReturn:
    def __init__(self):
        return 5
try:
    WithInitReturn()
except TypeError as err:
    print("TypeError", err)
print(Dog.speak(d2), Dog.speak.__name__, type(Dog.speak).__name__, type(d2.speak).__name__)
try:
    Dog.speak()
except TypeError as err:
    print("TypeError", err)
try:
    Dog()
except TypeError as err:
    print("TypeError", err)
try:
    Empty(1)
except TypeError as err:
    print("TypeError", err)
class NoInitArgs:
    def __new__(cls, *a):
        return super().__new__(cls)
print(type(NoInitArgs(1, 2)).__name__)
class Doc:
    "class docstring"
print(Doc.__doc__, Empty.__doc__, Doc.__bases__, Doc.__base__.__name__)
d1.__dict__.clear()
print(vars(d1))
d1.__dict__ = {"name": "new"}
print(d1.name, d1.speak())
