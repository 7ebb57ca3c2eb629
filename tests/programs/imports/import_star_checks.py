# from-import-*: __all__ is indexed, names must be str, '_' names skipped only from __dict__.
import sys

ModuleType = type(sys)
m = ModuleType('spam')
sys.modules['spam'] = m
m.a = 1
m._b = 2


def star():
    g = {}
    try:
        exec('from spam import *', g)
    except Exception as e:
        return f'{type(e).__name__}: {e}'
    return sorted(k for k in g if k != '__builtins__')


m.__all__ = {'a'}
print(star())
m.__all__ = 'a'
print(star())
m.__all__ = ['_b', 'a']
print(star())
m.__all__ = [b'a']
print(star())
m.__all__ = ['a', 3]
print(star())
m.__all__ = ['missing']
print(star())
del m.__all__
print(star())
m.__dict__[b'x'] = 1
print(star())
del m.__dict__[b'x']
m.__name__ = 5
m.__all__ = [3]
print(star())
