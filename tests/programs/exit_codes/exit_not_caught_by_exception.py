# SystemExit derives from BaseException, so "except Exception" does not catch it; status 42.
import sys
def deep(n):
    if n == 0:
        sys.exit(42)
    return deep(n - 1)
try:
    deep(10)
except Exception:
    print("wrongly caught")
finally:
    print("outer finally")
print("unreachable")
