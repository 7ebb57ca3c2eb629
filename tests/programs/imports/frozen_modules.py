import _imp, sys
print(_imp._frozen_module_names()[-11:] if len(_imp._frozen_module_names()) > 11 else _imp._frozen_module_names())
for n in ['__hello__','__hello_alias__','__phello_alias__','__phello_alias__.spam','__phello__','__phello__.__init__','__phello__.ham','__phello__.ham.__init__','__phello__.ham.eggs','__phello__.spam','__hello_only__','nope']:
    print(n, _imp.find_frozen(n), _imp.is_frozen(n))
    if _imp.is_frozen(n):
        c = _imp.get_frozen_object(n)
        print('  ', c.co_filename, c.co_names, _imp.is_frozen_package(n))
import __hello__
print(__hello__.__spec__, __hello__.__spec__.loader_state, __hello__.__file__ == sys._stdlib_dir + '/__hello__.py')
import __phello__.spam, __phello__.ham.eggs
print(__phello__.__spec__.origin, __phello__.__path__ == [sys._stdlib_dir + '/__phello__'], __phello__.ham.__path__)
print(__phello__.spam.initialized, __phello__.spam.__spec__.loader_state.origname)
import __phello_alias__.spam
print(__phello_alias__.__path__, __phello_alias__.spam.__spec__.loader_state.origname)
import __hello_only__
print(__hello_only__.__spec__.loader_state, hasattr(__hello_only__, '__file__'))
try: _imp.get_frozen_object('x', b"6'\xd5Cu\x12")
except ImportError as e: print(e)
_imp._override_frozen_modules_for_tests(-1)
print(_imp.find_frozen('__hello__'), _imp.is_frozen('__hello__'))
try: _imp.get_frozen_object('__hello__')
except ImportError as e: print(e)
_imp._override_frozen_modules_for_tests(0)
m = _imp.init_frozen('__phello__.ham')
print(sorted(vars(m)), m.__path__, m.__origname__)
print(_imp.init_frozen('nope'))
import importlib.machinery as im
print(im.FrozenImporter.is_package('__phello__'), im.FrozenImporter.get_source('__hello__'))
