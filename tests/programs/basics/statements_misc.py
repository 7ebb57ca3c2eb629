# del, assert, pass, global statement at module level, chained assignment, augmented on containers.
a = [1, 2, 3, 4, 5]
del a[0]
print(a)
del a[1:3]
print(a)
d = {"x": 1, "y": 2}
del d["x"]
print(d)
v = 10
del v
try:
    print(v)
except NameError as e:
    print("NameError", e)

class C:
    pass
o = C()
o.attr = 1
del o.attr
try:
    o.attr
except AttributeError as e:
    print("AttributeError", e)
try:
    del o.attr
except AttributeError as e:
    print("AttributeError", e)

try:
    assert 1 == 2, "math broke"
except AssertionError as e:
    print("AssertionError", e, e.args)
try:
    assert False
except AssertionError as e:
    print("AssertionError", repr(e), e.args)
assert True, "never evaluated"

# augmented assignment on list items and attributes
lst = [1, 2, 3]
lst[1] += 10
print(lst)
o.n = 5
o.n *= 3
print(o.n)
dd = {"k": [1]}
dd["k"] += [2]
print(dd)

# augmented assignment mutates list in-place, tuple containing list edge
t = ([1],)
try:
    t[0] += [2]
except TypeError as e:
    print("TypeError", e)
print(t)

# multiple targets evaluated left to right
x = y = []
x.append(1)
print(y)
i = 0
arr = [0, 0, 0]
i, arr[i] = 1, 9
print(i, arr)

# semicolons and one-line compound statements
if True: print("one-liner"); print("two")
for q in range(2): print("q", q)
while False: pass

# del of multiple names
m1 = m2 = 3
del m1, m2
print("m1" in dir(), "m2" in dir())

# del of list slice with step
nums = list(range(10))
del nums[::3]
print(nums)

# global at module level is allowed
global gz
gz = 4
print(gz)

# walrus basics
if (n := len(nums)) > 3:
    print("n", n)
data = [1, 2, 3, 4]
while (item := data.pop()) != 2:
    print("popped", item)
print(data)
