# Aliasing, copies, in-place vs rebinding, list() copies, mutation while iterating by index.
a = [1, 2, 3]
b = a
c = a[:]
d = list(a)
a.append(4)
print(a, b, c, d, a is b, a is c, a == b)
def mutate(lst):
    lst.append("m")
    lst = ["rebound"]
    return lst
r = mutate(a)
print(a, r)
def extend_default(x, acc=[]):
    acc.append(x)
    return acc
print(extend_default(1), extend_default(2), extend_default(3, []), extend_default(4))
grid = [[0] * 3 for _ in range(3)]
grid[1][1] = 5
print(grid)
bad_grid = [[0] * 3] * 3
bad_grid[1][1] = 5
print(bad_grid)
x = [1, 2]
y = x
x = x + [3]
print(x, y)
x = y
x += [3]
print(x, y, x is y)
i = 0
lst = [1, 2, 3, 4, 5, 6]
while i < len(lst):
    if lst[i] % 2 == 0:
        del lst[i]
    else:
        i += 1
print(lst)
shallow = [[1], [2]]
copy = shallow.copy()
copy[0].append(9)
copy[1] = ["new"]
print(shallow, copy)
lst = [0] * 5
for idx in range(len(lst)):
    lst[idx] = idx * idx
print(lst)
lst[1:3] = lst[3:5]
print(lst)
big = list(range(100000))
print(len(big), big[-1], sum(big[::1000]))
del big[::2]
print(len(big), big[:5])
big.clear()
print(big)
