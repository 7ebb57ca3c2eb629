# Runs CPython 3.11's Lib/test/test_re.py under ferropy while unittest cannot be imported:
#   target/debug/ferropy tools/run_test_re.py [test_name ...]
# (prints "Class.test ok|skip|FAIL ..." per test; compare with python3.11 tools/run_test_re.py).
# Minimal unittest/test.support stand-ins to run CPython's test_re.py where unittest cannot load.
import sys, types, re, contextlib, io

class SkipTest(Exception):
    pass

class _Raises:
    def __init__(self, tc, exc, regex=None):
        self.exc = exc; self.regex = regex; self.exception = None
    def __enter__(self):
        return self
    def __exit__(self, et, ev, tb):
        if et is None:
            raise AssertionError('%s not raised' % (self.exc,))
        if not issubclass(et, self.exc):
            return False
        if self.regex is not None and not re.search(self.regex, str(ev)):
            raise AssertionError('regex %r did not match %r' % (self.regex, str(ev)))
        self.exception = ev
        return True

class TestCase:
    maxDiff = None
    def __init__(self, name='runTest'):
        self._name = name
    def setUp(self): pass
    def tearDown(self): pass
    def skipTest(self, why): raise SkipTest(why)
    def fail(self, msg=None): raise AssertionError(msg)
    def assertEqual(self, a, b, msg=None):
        if not a == b: raise AssertionError('%r != %r %s' % (a, b, msg or ''))
    assertEquals = assertEqual
    def assertNotEqual(self, a, b, msg=None):
        if a == b: raise AssertionError('%r == %r' % (a, b))
    def assertTrue(self, x, msg=None):
        if not x: raise AssertionError('not true: %r %s' % (x, msg or ''))
    def assertFalse(self, x, msg=None):
        if x: raise AssertionError('not false: %r' % (x,))
    def assertIs(self, a, b, msg=None):
        if a is not b: raise AssertionError('%r is not %r' % (a, b))
    def assertIsNot(self, a, b, msg=None):
        if a is b: raise AssertionError('%r is %r' % (a, b))
    def assertIsNone(self, x, msg=None):
        if x is not None: raise AssertionError('%r is not None' % (x,))
    def assertIsNotNone(self, x, msg=None):
        if x is None: raise AssertionError('is None')
    def assertIn(self, a, b, msg=None):
        if a not in b: raise AssertionError('%r not in %r' % (a, b))
    def assertNotIn(self, a, b, msg=None):
        if a in b: raise AssertionError('%r in %r' % (a, b))
    def assertIsInstance(self, a, t, msg=None):
        if not isinstance(a, t): raise AssertionError('%r not instance of %r' % (a, t))
    def assertLess(self, a, b, msg=None):
        if not a < b: raise AssertionError('%r not < %r' % (a, b))
    def assertGreater(self, a, b, msg=None):
        if not a > b: raise AssertionError('%r not > %r' % (a, b))
    def assertCountEqual(self, a, b, msg=None):
        if sorted(map(repr, a)) != sorted(map(repr, b)): raise AssertionError('count differs')
    def assertRegex(self, s, r, msg=None):
        if not re.search(r, s): raise AssertionError('%r !~ %r' % (s, r))
    def assertRaises(self, exc, *args, **kw):
        ctx = _Raises(self, exc)
        if not args:
            return ctx
        with ctx:
            args[0](*args[1:], **kw)
    def assertRaisesRegex(self, exc, regex, *args, **kw):
        ctx = _Raises(self, exc, regex)
        if not args:
            return ctx
        with ctx:
            args[0](*args[1:], **kw)
    def assertWarns(self, w, *args, **kw):
        ctx = contextlib.nullcontext()
        if not args:
            return ctx
        return args[0](*args[1:], **kw)
    assertWarnsRegex = lambda self, w, r, *a, **k: self.assertWarns(w, *a, **k)
    @contextlib.contextmanager
    def subTest(self, *a, **k):
        yield

def _skipper(cond, why=''):
    def deco(f):
        if cond:
            def skipped(*a, **k):
                raise SkipTest(why)
            return skipped
        return f
    return deco

ut = types.ModuleType('unittest')
ut.TestCase = TestCase
ut.SkipTest = SkipTest
ut.skipUnless = lambda c, why='': _skipper(not c, why)
ut.skipIf = lambda c, why='': _skipper(c, why)
ut.skip = lambda why: _skipper(True, why)
ut.expectedFailure = lambda f: _skipper(True, 'expected failure')(f)
ut.main = lambda *a, **k: None
sys.modules['unittest'] = ut

sup = types.ModuleType('test.support')
sup.gc_collect = lambda: None
sup.bigmemtest = lambda *a, **k: (lambda f: _skipper(True, 'bigmem')(f))
sup._2G = 2 ** 31
sup.cpython_only = lambda f: _skipper(True, 'cpython only')(f)
@contextlib.contextmanager
def captured_stdout():
    old = sys.stdout
    sys.stdout = io.StringIO()
    try:
        yield sys.stdout
    finally:
        sys.stdout = old
sup.captured_stdout = captured_stdout
sup.check_disallow_instantiation = lambda tc, t, *a, **k: tc.assertRaises(TypeError, t, *a, **k)
sup.is_emscripten = False
sup.is_wasi = False
sup.SHORT_TIMEOUT = 30
tpkg = types.ModuleType('test')
tpkg.__path__ = []
tpkg.support = sup
sys.modules['test'] = tpkg
sys.modules['test.support'] = sup
sys.path.insert(0, '/root/.pyenv/versions/3.11.7/lib/python3.11/test')
import re_tests
sys.modules['test.re_tests'] = re_tests
tpkg.re_tests = re_tests

try:
    import string
except ImportError:
    st = types.ModuleType('string')
    st.ascii_lowercase = 'abcdefghijklmnopqrstuvwxyz'
    st.ascii_uppercase = st.ascii_lowercase.upper()
    st.ascii_letters = st.ascii_lowercase + st.ascii_uppercase
    st.digits = '0123456789'
    st.hexdigits = '0123456789abcdefABCDEF'
    st.octdigits = '01234567'
    st.punctuation = r'''!"#$%&'()*+,-./:;<=>?@[\]^_`{|}~'''
    st.whitespace = ' \t\n\r\x0b\x0c'
    st.printable = st.digits + st.ascii_letters + st.punctuation + st.whitespace
    sys.modules['string'] = st
for name in ('locale', 'time', 'warnings', 'weakref'):
    try:
        __import__(name)
    except ImportError as e:
        print('stub', name, e)
        m = types.ModuleType(name)
        m.proxy = lambda x: x
        sys.modules[name] = m
src = open('/root/.pyenv/versions/3.11.7/lib/python3.11/test/test_re.py').read()
g = {'__name__': 'test_re'}
exec(compile(src, 'test_re.py', 'exec'), g)
results = {}
only = sys.argv[1:] 
for cname, cls in list(g.items()):
    if not (isinstance(cls, type) and issubclass(cls, TestCase) and cls is not TestCase):
        continue
    for mname in sorted(dir(cls)):
        if not mname.startswith('test'):
            continue
        if only and mname not in only:
            continue
        tc = cls(mname)
        try:
            tc.setUp()
            getattr(tc, mname)()
            r = 'ok'
        except SkipTest:
            r = 'skip'
        except BaseException as e:
            r = 'FAIL %s: %s' % (type(e).__name__, str(e)[:150])
        finally:
            try:
                tc.tearDown()
            except BaseException:
                pass
        results['%s.%s' % (cname, mname)] = r
for k, v in results.items():
    print(k, v)
