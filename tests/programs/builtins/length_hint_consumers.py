# list(), tuple(), sorted(), list.extend and [*x] ask a Python class's instance for its length
# after iter() (__len__, then __length_hint__), as CPython does; errors other than a
# TypeError from __len__ propagate; set(), dict.fromkeys and unpacking do not ask.
class S:
    def __init__(self, n): self.n = n
    def __iter__(self):
        print("iter"); return iter(range(self.n))
    def __len__(self):
        print("len"); return self.n
class H:
    def __iter__(self): return iter([1, 2])
    def __length_hint__(self):
        print("hint"); return 2
class Bad:
    def __iter__(self): return iter([1])
    def __len__(self): raise ValueError("bad len")
class BadT:
    def __iter__(self): return iter([1])
    def __len__(self): raise TypeError("ignored")
class NegHint:
    def __iter__(self): return iter([1])
    def __length_hint__(self): return -1
class L(list):
    def __len__(self):
        print("L len"); return 0
print(list(S(2)), tuple(S(1)), sorted(S(3)))
x = []; x.extend(S(2)); print(x)
print(list(H()))
for c in (Bad, BadT, NegHint):
    try: print(list(c()))
    except Exception as e: print(type(e).__name__, e)
print(list(L([1, 2])), tuple(L([3])))
print(set(S(2)), [*S(1)], dict.fromkeys(S(1)))
a, b = S(2)
print(a, b)
