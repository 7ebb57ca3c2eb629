import copy
import pickle

class MySet(set):
    pass

class MyFrozenSet(frozenset):
    pass

s = MySet("ab")
s.x = 1
for proto in range(6):
    r = pickle.loads(pickle.dumps(s, proto))
    print(type(r).__name__, sorted(r), r.x)
    f = pickle.loads(pickle.dumps(MyFrozenSet("cd"), proto))
    print(type(f).__name__, sorted(f))
print(sorted(copy.copy(s)), copy.deepcopy(s).x, set((1, 2)).__reduce__())
