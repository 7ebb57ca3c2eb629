# Lists with builtins: sum, min, max, enumerate, zip, map, filter, any, all, reversed, sorted copies.
nums = [4, 8, 15, 16, 23, 42]
print(sum(nums), min(nums), max(nums), len(nums), sum(nums) / len(nums))
print(list(enumerate(nums, 1))[:3], list(zip(nums, nums[1:])), list(map(lambda x: x * 2, nums)))
print(list(filter(lambda x: x % 2, nums)), list(filter(None, [0, 1, "", "a", None, [], [0]])))
print(any(x > 40 for x in nums), all(x > 0 for x in nums), any([]), all([]))
r = reversed(nums)
print(next(r), next(r), list(r), list(r))
it = iter(nums)
nums.append(99)
print(list(it))
rev = reversed(nums)
nums.pop()
nums.pop()
print(list(rev))
print(nums)
m = [[1, 2, 3], [4, 5, 6]]
print([list(col) for col in zip(*m)], [row[::-1] for row in m], sum(m, []))
stack = []
for i in range(5):
    stack.append(i)
print([stack.pop() for _ in range(3)], stack)
queue = [1, 2, 3]
queue.insert(0, 0)
print(queue.pop(0), queue)
print([x for x in range(20) if x % 3 == 0][::-1])
lst = ["a", "b", "c"]
for i, v in enumerate(lst):
    lst[i] = v.upper()
print(lst)
print(list(map(len, ["a", "bb", "ccc"])), list(map(pow, [2, 3], [3, 2])), list(map(str, range(3))))
print(max([], default="empty"), min([3, 1, 2], key=lambda v: -v), max([[1, 2], [3]], key=len))
print(sorted([[3, "c"], [1, "a"], [2, "b"]])[0], [1, 2, 3][::-1] == list(reversed([1, 2, 3])))
