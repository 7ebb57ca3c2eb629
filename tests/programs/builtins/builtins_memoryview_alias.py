# memoryview over bytes/bytearray, types.GenericAlias (list[int]) and types.UnionType (int | str).
m = memoryview(b'abcdef')
print(m.format, m.itemsize, m.ndim, m.shape, m.strides, m.nbytes, m.readonly, m.obj, m.c_contiguous, m.contiguous)
s = m[::2]; print(s.strides, s.shape, s.c_contiguous, s.tolist(), s.hex(), m.hex(':'))
for st in ['m[10]', 'm["a"]', 'memoryview(5)', 'm.__setitem__(0, 1)', 'hash(memoryview(bytearray(b"a")))', 'm[1.5]', 'len(m)', 'memoryview("str")']:
  try: print(eval(st))
  except Exception as e: print(type(e).__name__, e)
b = bytearray(b'xyz'); w = memoryview(b); w[0] = 65; w[1:3] = b'BC'; print(b)
for st in ['w.__setitem__(0, 256)', 'w.__setitem__(0, "a")', 'w.__setitem__(slice(0,2), b"a")', 'w.__setitem__(slice(0,2), 5)']:
  try: print(eval(st))
  except Exception as e: print(type(e).__name__, e)
try: w[0]
except Exception as e: print(type(e).__name__, e)
try: len(w)
except Exception as e: print(type(e).__name__, e)
print(m == b'abcdef', m == bytearray(b'abcdef'), m == 5, m[::-1] == b'fedcba', hash(m) == hash(b'abcdef'), list(m[:2]), bytes(m[::-2]))
with memoryview(b'q') as q: print(q.tobytes())
print(memoryview(m).tobytes(), memoryview(m[1:]).obj is m.obj, m.toreadonly().readonly, m[-1], m[-6])
try: m[-7]
except Exception as e: print(type(e).__name__, e)
print(memoryview(b"abc")[1], bytes(memoryview(b"xyz")[::-1]), memoryview(bytearray(b"q")).readonly)
print(b"".join([bytearray(b"x"), b"y", memoryview(b"z")]), b"a" == memoryview(b"a"), type(memoryview(b"")).__name__, m[2:2].tobytes(), m[5:1:-2].tolist())
w2 = memoryview(b"ab"); w2.release(); print(repr(w2).startswith("<released memory at 0x"), repr(memoryview(b"")).startswith("<memory at 0x"))
print(list[int], dict[str, int], tuple[int, ...], type(list[int]).__name__, tuple[()], dict[str, None])
print(int | str, type(int | str).__name__, isinstance(5, int | str), isinstance(None, int | None), issubclass(bool, int | float))
print(None | int, int | None | str, (int | str) == (str | int), int | int, list[int] | None)
print(list[int] == list[int], list[int] == list[str], hash(list[int]) == hash(list[int]))
print(list[int]([1, 2]), list[int].__origin__, list[int].__args__, list[int].__parameters__, list[int].__name__)
try: isinstance([], list[int])
except TypeError as e: print(e)
try: isinstance([], int | list[int])
except TypeError as e: print(e)
try: int | 5
except TypeError as e: print(e)
class A(list[int]): pass
print(A.__bases__, A.__orig_bases__, A([1]))
print((int | str).__args__, type(list[int]).__module__, repr(type(int | str)))
class G:
    def __class_getitem__(cls, k): return (cls.__name__, k)
print(G[int])
try: list[int][str]
except TypeError as e: print(e)
print(dict[str, list[int]], type[int])
