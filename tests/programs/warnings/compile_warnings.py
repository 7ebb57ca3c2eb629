# The compiler's warnings go through the warning filters: shown, recorded, or turned into
# SyntaxError by an "error" filter.
import sys
import warnings

sys.stderr = sys.stdout

sources = [
    "x = 1\ny = x is 1\n",
    "z = 'abc'[1.5] if 0 else 0\n",
    "assert (1, 'message')\n",
    "s = '\\d'\n",
]
for src in sources:
    with warnings.catch_warnings(record=True) as log:
        warnings.simplefilter("always")
        compile(src, "<prog>", "exec")
    print([(w.category.__name__, str(w.message), w.lineno) for w in log])
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        try:
            compile(src, "<prog>", "exec")
            print("compiled")
        except SyntaxError as e:
            print("SyntaxError:", e.msg, e.lineno)

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    print(eval("1 is 1"))
print("done")
