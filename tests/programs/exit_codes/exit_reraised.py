# SystemExit caught via BaseException and re-raised with a different code; also bool code.
import sys
try:
    sys.exit(5)
except BaseException as e:
    print(type(e).__name__, e.code, isinstance(e, Exception))
try:
    raise SystemExit(True)
except SystemExit as e:
    print("bool code", e.code)
try:
    try:
        sys.exit(7)
    except SystemExit as e:
        print("intercepted", e.code)
        raise SystemExit(e.code + 1)
except SystemExit as e2:
    print("outer sees", e2.code, "context", e2.__context__.code)
    raise
