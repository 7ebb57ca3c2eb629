# The time module's functions have no text signature (CPython gives them "name(...) -> ..."
# docstrings instead), so inspect.signature fails on them.
import inspect
import time

for name in ["time", "ctime", "asctime", "sleep", "gmtime", "strftime", "monotonic"]:
    f = getattr(time, name)
    print(name, f.__text_signature__, f.__doc__.splitlines()[0])
    try:
        inspect.signature(f)
    except ValueError as e:
        print("  ", e)
