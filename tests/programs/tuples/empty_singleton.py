# The empty tuple is one object, as in CPython, however it is made.
import pickle

E = ()


def f(*args):
    return args


class T(tuple):
    pass


made = [tuple(), tuple([]), f(), (1, 2)[2:], tuple(x for x in []), pickle.loads(pickle.dumps(E))]
print([m is E for m in made])
print(T() is E, T() == E, type(T()).__name__, len(T()))
