# traceback.format_exc() uses ast.parse for its ^^^ anchors.
import traceback
def f(a, b):
    return a["x"] + b.y
try:
    f({"x": 1}, None)
except Exception:
    print(traceback.format_exc().replace(__file__, "FILE"))
try:
    x = [1][2] + 3
except Exception:
    print(traceback.format_exc().replace(__file__, "FILE"))
