# An exception raised while handling another: chained output, last line is the final exception.
def cleanup():
    raise RuntimeError("cleanup failed")
try:
    print("working")
    [1, 2, 3][10]
except IndexError:
    print("handling IndexError")
    cleanup()
