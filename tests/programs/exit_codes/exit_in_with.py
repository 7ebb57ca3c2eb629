# SystemExit propagating through a context manager's __exit__ (which sees it) and finally blocks.
import sys
class Guard:
    def __enter__(self):
        print("enter")
        return self
    def __exit__(self, et, ev, tb):
        print("exit saw", et.__name__ if et else None, getattr(ev, "code", None))
        return False
with Guard():
    try:
        sys.exit(9)
    finally:
        print("inner finally")
