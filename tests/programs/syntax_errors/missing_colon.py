# Missing colon after a def header.
print("never printed")
def f()
    return 1
