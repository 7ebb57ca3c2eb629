# Ends with an uncaught ZeroDivisionError raised several frames deep.
def level3(x):
    return x / (x - x)
def level2(x):
    return level3(x) + 1
def level1(x):
    print("calling level2 with", x)
    return level2(x)
print("start")
try:
    level1(1)
except ZeroDivisionError as e:
    print("caught once:", e)
level1(5)
print("never printed")
