# All list methods and their errors.
a = [3, 1, 4, 1, 5]
a.append(9); print(a)
a.extend([2, 6]); print(a)
a.extend("ab"); print(a)
a.extend(range(2)); print(a)
a.insert(0, "first"); a.insert(-1, "neg"); a.insert(100, "end"); a.insert(-100, "start"); print(a)
print(a.pop(), a.pop(0), a.pop(-2), a)
a.remove(1); print(a)
print(a.index(1), a.index(5), a.index(1, 3) if 1 in a[3:] else "n/a", a.count(1), a.count("zz"))
try:
    a.index(42)
except ValueError as e:
    print("ValueError", e)
try:
    a.remove(42)
except ValueError as e:
    print("ValueError", e)
try:
    [].pop()
except IndexError as e:
    print("IndexError", e)
try:
    [1].pop(5)
except IndexError as e:
    print("IndexError", e)
b = [5, 2, 8]
b.reverse(); print(b)
c = b.copy(); c.append(0); print(b, c, c is b)
c.clear(); print(c, len(c))
print([1, 2] + [3], [0] * 4, [[]] * 2, 2 * [1, 2])
nested = [[]] * 3
nested[0].append(1)
print(nested)
try:
    [1] + (2,)
except TypeError as e:
    print("TypeError", e)
x = [1]
x += (2, 3)
x += "de"
print(x)
x *= 2
print(x)
x *= 0
print(x)
print(list(), list("abc"), list((1, 2)), list({"k": 1}), list(range(3)), list(x for x in "hi"))
print(len([1, [2, 3]]), [1, 2, 3][-1], [1, 2, 3].__len__(), [1, 2] == [1, 2], [1, 2] != [2, 1])
try:
    [1, 2][5]
except IndexError as e:
    print("IndexError", e)
try:
    key = "a"
    [1, 2][key]
except TypeError as e:
    print("TypeError", e)
try:
    key = 1.0
    [1, 2][key]
except TypeError as e:
    print("TypeError", e)
try:
    x = [1]
    x[3] = 0
except IndexError as e:
    print("IndexError", e)
print([1, 2, 3].index(3, -1), [1, 2, 1].index(1, 1), [1, 2, 3, 2].index(2, 2, 4))
print(a.__contains__(5), 5 in a, "x" not in a, [[1]].__contains__([1]))
try:
    hash([])
except TypeError as e:
    print("TypeError", e)
