# Plain invalid syntax: two operators in a row. Nothing runs; exit status 1.
print("never printed")
x = = 1
