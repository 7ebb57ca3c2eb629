# Iteration protocol details: iter/next over builtins, range behaviours, enumerate, zip.
it = iter([1, 2, 3])
print(next(it), next(it), next(it), next(it, "done"))
try:
    next(it)
except StopIteration as e:
    print("StopIteration", repr(e), e.value)

s = "héllo"
print(list(iter(s)), list(reversed(s)))
print(list(range(5)), list(range(2, 10, 3)), list(range(10, 0, -3)), list(range(0)))
print(list(enumerate("abc")), list(enumerate("abc", 5)))
print(list(zip([1, 2, 3], "ab")), list(zip()), list(zip([1])))
d = {"b": 1, "a": 2, "c": 3}
for k in d:
    print("key", k)
for k, v in d.items():
    print("item", k, v)

# modifying dict during iteration
try:
    for k in d:
        d["z" + k] = 1
except RuntimeError as e:
    print("RuntimeError", e)

st = {1, 2, 3}
try:
    for v in st:
        st.add(v + 10)
except RuntimeError as e:
    print("RuntimeError", e)

# list grows during iteration: iterates new items
lst = [1]
for v in lst:
    if v < 5:
        lst.append(v + 1)
print(lst)

# iterator exhaustion shared
it = iter(range(6))
pairs = list(zip(it, it))
print(pairs)

# iter on a non-iterable
for bad in (5, None, 3.5):
    try:
        iter(bad)
    except TypeError as e:
        print("TypeError", e)
try:
    for x in 7:
        pass
except TypeError as e:
    print("TypeError", e)

# nested loops with tuple targets
for (a, b), c in [((1, 2), 3), ((4, 5), 6)]:
    print(a, b, c)

# iter of an iterator is itself
it = iter([1])
print(iter(it) is it)

# reversed on range and list
print(list(reversed(range(1, 10, 2))), list(reversed([1, 2, 3])))
try:
    reversed({1: 2}.keys())
    print("dict keys reversible", list(reversed({1: 2, 3: 4}.keys())))
except TypeError as e:
    print("TypeError", e)
try:
    reversed({1, 2})
except TypeError as e:
    print("TypeError", e)

# sum/min/max over generator
print(sum(x * x for x in range(10)), min(x % 7 for x in range(1, 20)), max("hello"))
