# Assignment to a function call.
print("never printed")
f() = 1
