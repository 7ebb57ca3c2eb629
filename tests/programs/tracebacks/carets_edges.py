# Caret lines (PEP 657) in tracebacks on less usual lines: CRLF files, decorators, class
# bodies, multi-line calls and subscripts, continuation lines, wide characters in comments,
# recursion. Each case runs in a child interpreter; its stderr's last lines are printed.
import os, subprocess, sys, tempfile
CASES = [
    b"x = 1\r\ny = x / 0\r\n",
    b"def d(f):\n    return f.nope\n@d\ndef g(): pass\n",
    b"class K:\n    x = [1][2]\n",
    b"def f(a,\n      b):\n    return a / b\nf(\n  1,\n  0)\n",
    b"exec('1/0')\n",
    b"x = ['a'] * 2; x[0] + x[1] + 1\n",
    b"x = (((1) // ((0))))\n",
    b"x = 1 +\\\n 'a'\n",
    b"x = [i for i in range(3)][\n  5]\n",
    b"x = {'k': 1}[\n'j']\n",
    b"import json; json.loads('{')\n",
    b"s = '\xc3\xa9\xc3\xa9\xc3\xa9'; s.x\n",
    b"#\xe6\x97\xa5\nx = 1 /   0  # \xe6\x97\xa5\n",
    b"x = 1\nx.a.b\n",
    b"print(1/0, end=(1).x)\n",
    b"def f(): f()\nf()\n",
]
tmp = tempfile.mkdtemp()
for i, src in enumerate(CASES):
    path = os.path.join(tmp, "case%d.py" % i)
    with open(path, "wb") as f:
        f.write(src)
    r = subprocess.run([sys.executable, path], capture_output=True)
    err = r.stderr.decode("utf-8", "replace").replace(tmp, "DIR")
    lines = [l.split(" at 0x")[0] for l in err.splitlines()]
    print("=== case", i, r.returncode)
    print("\n".join(lines[-14:]))
    os.remove(path)
os.rmdir(tmp)
