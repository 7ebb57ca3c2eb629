# Module AttributeError messages, including the circular-import forms.
import sys
import importlib.util

ModuleType = type(sys)


def get(m, name):
    try:
        getattr(m, name)
    except AttributeError as e:
        return f'{e} | name={e.name!r} obj_is_m={e.obj is m}'
    return 'found'


m = ModuleType('plain')
print(get(m, 'x'))
spec = importlib.util.spec_from_loader('pm', loader=None)
m = importlib.util.module_from_spec(spec)
print(get(m, 'x'))
spec._initializing = True
print(get(m, 'x'))
spec._initializing = False
spec._uninitialized_submodules = ['sub']
print(get(m, 'sub'))
print(get(m, 'other'))
m.__getattr__ = lambda n: 'from __getattr__ ' + n
print(getattr(m, 'zz'))
del m.__getattr__
del m.__name__
print(get(m, 'x'))
print(repr(ModuleType('x')))
m = ModuleType('withfile')
m.__file__ = '/some/where.py'
print(repr(m))
m = importlib.util.module_from_spec(importlib.util.spec_from_loader('o', loader=None, origin='somewhere'))
print(repr(m))
import _frozen_importlib
print(repr(_frozen_importlib), _frozen_importlib.__spec__.origin)
print(repr(sys))
