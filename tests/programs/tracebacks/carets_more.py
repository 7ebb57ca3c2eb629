# More caret lines (PEP 657) in tracebacks printed by the interpreter: assertions, exception
# groups (carets inside the margins), sys.excepthook, exceptions ignored in __del__, and
# lines with tabs, form feeds and wide characters. Each case runs in a child interpreter.
import os
import subprocess
import sys
import tempfile

CASES = [
    "x = 1\nassert x == 2, 'no'\n",
    "x = 1\nassert x < 0 < 5\n",
    "x = 0\nassert x\n",
    "x = 0\nassert not x == 0\n",
    "x = y = 0\nassert (x == 1) or y, 1\n",
    "x = 0\nassert x == 0 and x\n",
    "x = 0\nassert (x if x else x is not None) and x in [5]\n",
    "def f():\n    return 1\nassert f() == 2\n",
    "def f():\n    raise ExceptionGroup('eg', [ValueError(1), TypeError(2)])\nf()\n",
    "def g(x):\n    return x['k']\ntry:\n    g({})\nexcept Exception as e:\n    raise ExceptionGroup('eg', [e, e.__class__('x')])\n",
    "import sys\ntry:\n    None + 1\nexcept Exception as e:\n    sys.excepthook(type(e), e, e.__traceback__)\nprint('after')\n",
    "class A:\n    def __del__(self):\n        1 + None\na = A()\ndel a\nprint('after')\n",
    "if 1:\n\fx = 1 / 0\n",
    "if 1:\n \t x = {}['日本'] + 1\n",
    "x = '日本' ; y = x.nope\n",
    "x = ('😀', None + 1)\n",
    "def f(a, b): return a % b\nf(1, 0)\n",
    "x = [1, 2]\nx[0] = x[1] + x[2]\n",
    "x = {'a': [1]}\nx['a'][0]['b']\n",
    "x = 3\nx.y.z = 4\n",
    "def f():\n    yield 1/0\nlist(f())\n",
    "async def f():\n    return 1/0\nf().send(None)\n",
    "class C:\n    @property\n    def p(self):\n        return self.q\nC().p\n",
    "x = 1\nx += 'a'\n",
    "x = [1,\n     2][5]\n",
    "x = (1,\n     2 + None)\n",
    "import os\nos.stat('/nonexistent/zz')\n",
    "print(*[1/0])\n",
    "with open('/nonexistent/zz') as f: pass\n",
    "import nonexistent_module_zz\n",
    "from os import nonexistent_name_zz\n",
    "del undefined_zz\n",
    "x = 2 ** 10000000 * 1.0\n",
]

tmp = tempfile.mkdtemp()
for i, src in enumerate(CASES):
    path = os.path.join(tmp, "case%d.py" % i)
    with open(path, "w", encoding="utf-8") as f:
        f.write(src)
    r = subprocess.run([sys.executable, path], capture_output=True)
    out = r.stdout.decode("utf-8", "replace")
    err = r.stderr.decode("utf-8", "replace").replace(tmp, "DIR")
    # Object addresses differ between runs.
    lines = [l.split(" at 0x")[0] for l in err.splitlines()]
    print("=== case", i, r.returncode)
    print(out, end="")
    print("\n".join(lines))
    os.remove(path)
os.rmdir(tmp)
