# if/elif/else, while/for with else, break/continue, pass, nested loops.
def classify(n):
    if n < 0:
        return "neg"
    elif n == 0:
        return "zero"
    elif n < 10:
        return "small"
    else:
        return "big"

print([classify(n) for n in (-5, 0, 3, 42)])

i = 0
while i < 5:
    i += 1
    if i == 2:
        continue
    print("while", i)
else:
    print("while-else ran", i)

i = 0
while True:
    i += 1
    if i > 3:
        break
else:
    print("never")
print("broke at", i)

for x in range(3):
    pass
else:
    print("for-else", x)

for x in range(10):
    if x == 4:
        print("found", x)
        break
else:
    print("not found")

for x in []:
    print("empty body")
else:
    print("empty for-else")

# nested with break only inner
for a in range(3):
    for b in range(3):
        if b == a:
            break
        print("pair", a, b)

# primes via for-else
primes = []
for n in range(2, 40):
    for d in range(2, n):
        if n % d == 0:
            break
    else:
        primes.append(n)
print(primes)

# loop variable after loop
for k in range(5):
    pass
print("k after", k)

# continue in for with else
total = 0
for v in range(10):
    if v % 2:
        continue
    total += v
else:
    total += 1000
print(total)

# iterating while modifying a copy
lst = [1, 2, 3, 4, 5, 6]
for v in lst[:]:
    if v % 2 == 0:
        lst.remove(v)
print(lst)

# chained conditions with side effects
calls = []
def f(v):
    calls.append(v)
    return v
print(f(1) < f(2) < f(0) < f(3))
print(calls)
calls.clear()
print(f(0) and f(1), f(2) or f(3))
print(calls)

# ternary nesting
for n in range(-1, 2):
    print("sign", "neg" if n < 0 else "zero" if n == 0 else "pos")

# while with complex condition
a, b = 0, 1
fibs = []
while a < 100 and len(fibs) < 20:
    fibs.append(a)
    a, b = b, a + b
print(fibs)
