# Exception propagating out of a generator being consumed by a for loop and a comprehension.
def numbers():
    yield 1
    yield 2
    raise TypeError("generator broke")
total = 0
try:
    for n in numbers():
        total += n
except TypeError as e:
    print("caught", e, total)
print([n * 2 for n in numbers()])
