# A native module imported again after its removal from sys.modules is a new module object
# (CPython: multi-phase init / m_copy), starting from the namespace its init produced.
import sys, gc, weakref
import _struct
a = sys.modules.pop('_struct')
import _struct as b
print(a is b, b.calcsize('i'), b.__name__)
r = weakref.ref(b)
b.calcsize('b')
del b, sys.modules['_struct']
gc.collect()
print(r() is None)
sys.modules['_struct'] = a
a.extra = 1
del sys.modules['_struct']
import _struct as c
print(hasattr(c, 'extra'), c.__spec__.name)
sys.modules['_struct'] = a
import math
sys.modules.pop('math')
import math as m2
print(m2 is math, m2.sqrt(16.0), m2.pi == math.pi)
sys.modules['math'] = math
