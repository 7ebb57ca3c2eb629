# Uncaught exception without a message: last line is just the type name.
def check(v):
    if not v:
        raise LookupError
    return v
print(check(1))
try:
    check(0)
except LookupError as e:
    print("repr:", repr(e))
check(0)
