# The import system: packages, relative imports, circular imports, failures and their
# messages, importlib's API, namespace packages, runpy.
import os
import sys
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "imports_support"))
import pkg_a
print(pkg_a.VALUE, pkg_a.helper(), pkg_a.__name__, pkg_a.__package__)
print(os.path.basename(pkg_a.__file__), type(pkg_a.__path__).__name__, pkg_a.__spec__.origin == pkg_a.__file__)
from pkg_a.deep import mod
print(mod.Y, mod.s.X, mod.__package__, mod.__spec__.name, mod.__spec__.parent)
import pkg_a.deep.mod as m2
print(m2 is mod, "pkg_a.deep" in sys.modules)
import circ_a
print(circ_a.A, __import__("circ_b").B)
try:
    import bad_mod
except ZeroDivisionError as e:
    print("ZeroDivisionError", e, "bad_mod" in sys.modules)
try:
    import no_such_mod_xyz
except ModuleNotFoundError as e:
    print(type(e).__name__, e, e.name)
try:
    import pkg_a.nope
except ModuleNotFoundError as e:
    print(e, e.name)
try:
    from pkg_a import nothing_here
except ImportError as e:
    print(str(e).split(" (")[0], e.name)
try:
    import partial_a
except ImportError as e:
    print(str(e).split(" (")[0])
import importlib
import importlib.util
m = importlib.import_module("pkg_a.sub")
print(m.X, importlib.import_module(".sub", "pkg_a") is m)
spec = importlib.util.find_spec("pkg_a.deep.mod")
print(spec.name, spec.parent, type(spec.loader).__name__, spec.has_location)
print(importlib.util.find_spec("no_such_mod_xyz"))
m.X = 0
print(importlib.reload(m).X)
import nsp.inner.leaf
print(nsp.inner.leaf.Z, nsp.__file__ if hasattr(nsp, "__file__") else None, type(nsp.__path__).__name__)
for bad in ["", "a..b"]:
    try:
        __import__(bad)
    except (ValueError, ModuleNotFoundError) as e:
        print(type(e).__name__, e)
try:
    exec("from . import x", {"__name__": "top", "__package__": ""})
except ImportError as e:
    print("ImportError", e)
try:
    __import__("x", {"__name__": "a.b", "__package__": "a.b"}, None, None, 3)
except ImportError as e:
    print("ImportError", e)
try:
    __import__(5)
except TypeError as e:
    print("TypeError", e)
import runpy
runpy.run_module("pkg_a", run_name="__main__")
print(__name__, __spec__, type(__loader__).__name__)
print(sys.modules["__main__"].__name__, "pkg_a" in sys.modules)
