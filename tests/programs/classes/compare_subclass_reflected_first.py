# In a rich comparison whose right operand's type is a proper subclass of the left's, the
# reflected method runs first, even when the subclass inherits it unchanged.
class L(list): pass
class T(tuple): pass
class D(dict): pass
class X:
    def __init__(s, n): s.n = n
    def __eq__(s, o): print("eq", s.n); return True
    def __lt__(s, o): print("lt", s.n); return True
    def __gt__(s, o): print("gt", s.n); return True
class E(X): pass
print([X(1)] == L([X(2)]))
print((X(1),) == T((X(2),)))
print({1: X(1)} == D({1: X(2)}))
print([X(1)] < L([X(2)]))
print([X(1), 1] != L([X(2), 2]))
print(X(5) == E(6))
print(X(7) < E(8))
print(E(9) == X(10))
class I(int): pass
print(3 == I(3), 3 < I(4), I(5) > 4)
class Any:
    def __eq__(s, o): return True
class Stubborn:
    def __eq__(s, o): return None
print([Any()] == L([Stubborn()]), L([Stubborn()]) == [Any()])
