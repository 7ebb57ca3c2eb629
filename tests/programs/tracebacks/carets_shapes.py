# Caret lines (PEP 657) under the source lines of uncaught-exception tracebacks: each case runs
# in a child interpreter and its stderr is printed (with the temporary directory replaced).
import os
import subprocess
import sys
import tempfile

CASES = [
    "x = 1; y = 1/0\n",
    "1/0\n",
    "1/0   \n",
    "a = None; a.foo\n",
    "a = None\na.foo\n",
    "(1)  +  'a'\n",
    "x = (1)/(0)\n",
    "x = 1 // 0\n",
    "x = 1 ** 'a' ** 2\n",
    "x = 1 + 2 - 3 * 4 / 0\n",
    "d = {}; d['k']\n",
    "d = {}; x = d [ 'k' ]  \n",
    "x = [1][5]\n",
    "x = [1][1:2:3]['a']\n",
    "x = {}['a']['b']\n",
    "print(1, 2, 3)[0]\n",
    "f = lambda: 1/0; f()\n",
    "x = [1/0 for i in range(3)]\n",
    "raise ValueError('x')\n",
    "def f():\n    raise ValueError('x')\nf()\n",
    "x = 'é' + 1\n",
    "x = ('éé', 1/0)\n",
    "x = '日本' + b'x'  # 日本\n",
    "x = (1 +\n 2 + None)\n",
    "x = abs(\n'a')\n",
    "x = 1 \\\n/ 0\n",
    "x = len(1)\n",
    "len(1)\n",
    "x = int('a')\n",
    "def g(): return 1/0\nx = g()\n",
    "x = 1 if 1/0 else 2\n",
    "-'a'\n",
    "x = -'a'\n",
    "x = not_defined + 1\n",
    "def f(n):\n    return f(n + 1)\nf(0)\n",
    "class A:\n    def m(self):\n        return self.x\nA().m()\n",
    "if True:\n\tx = 1 // 0\n",
    "if True:\n\t  x = 1 // 0\n",
    "x = [\n  1/0]\n",
    "import math; math.sqrt(-1)\n",
    "assert 1 == 2, 'no'\n",
    "x = {'a': 1}\nfor k in x: x[k + 'b']\n",
    "x = (lambda a: a.b)(1)\n",
    "x = str.join(1, 2)\n",
    "def h(a, b):\n    return a @ b\nh(1, 2)\n",
    "try:\n    1/0\nexcept ZeroDivisionError:\n    None.x\n",
    "try:\n    1/0\nexcept ZeroDivisionError as e:\n    raise KeyError('k') from e\n",
    "x = 1 +   (2 * None)\n",
    "x = ((1)) + None\n",
    "x = 'a'[0] [5]\n",
    "x = 1 <<  -1\n",
    "y = 3; y /= 0\n",
    "x = f'{1/0}'\n",
]

tmp = tempfile.mkdtemp()
for i, src in enumerate(CASES):
    path = os.path.join(tmp, "case%d.py" % i)
    with open(path, "w", encoding="utf-8") as f:
        f.write(src)
    r = subprocess.run([sys.executable, path], capture_output=True)
    err = r.stderr.decode("utf-8", "replace").replace(tmp, "DIR")
    print("=== case", i, r.returncode)
    print(err, end="")
    os.remove(path)
os.rmdir(tmp)
