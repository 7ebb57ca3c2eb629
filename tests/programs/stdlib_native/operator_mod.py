import _operator as o

def show(expr):
    try:
        r = eval(expr)
        print(expr, '->', repr(r))
    except Exception as e:
        print(expr, '!!', type(e).__name__, e)

class P:
    def __init__(self, x): self.x = x; self.child = None
    def m(self, a, b=0): return (self.x, a, b)

p = P(1); p.child = P(2)
for e in [
    "o.add(1, 2)", "o.sub(5, 3)", "o.mul('a', 3)", "o.truediv(1, 4)", "o.floordiv(7, 2)", "o.mod(7, 3)", "o.pow(2, 10)",
    "o.lshift(1, 5)", "o.rshift(64, 2)", "o.and_(6, 3)", "o.or_(6, 3)", "o.xor(6, 3)", "o.matmul(1, 2)",
    "o.neg(5)", "o.pos(-5)", "o.inv(5)", "o.invert(0)", "o.abs(-2.5)", "o.not_([])", "o.truth([1])", "o.index(7)", "o.index(1.5)",
    "o.lt(1, 2)", "o.le(2, 2)", "o.eq('a', 'a')", "o.ne(1, 1)", "o.gt(3, 2)", "o.ge(1, 2)", "o.lt(1, 'a')",
    "o.is_(None, None)", "o.is_not(1, None)",
    "o.concat([1], [2])", "o.concat(1, 2)", "o.concat([1], (2,))", "o.iconcat([1], [3])",
    "o.contains([1, 2], 2)", "o.countOf([1, 1, 2], 1)", "o.indexOf([1, 2], 2)", "o.indexOf([1, 2], 3)",
    "o.getitem([1, 2, 3], 1)", "o.getitem({'a': 1}, 'b')",
    "o.length_hint([1, 2, 3])", "o.length_hint(iter([1, 2]))", "o.length_hint(5, 3)", "o.length_hint(5, 'a')", "o.length_hint(iter(range(10)))",
    "o._compare_digest('a', 'a')", "o._compare_digest('a', b'a')", "o._compare_digest('\u00e9', '\u00e9')", "o._compare_digest(b'ab', b'ab')", "o._compare_digest(b'ab', b'abc')", "o._compare_digest(b'ab', bytearray(b'ab'))",
    "o.call(len, [1])", "o.call(int, '10', base=2)",
    "o.add.__name__",
    "o.itemgetter(1)([1, 2, 3])", "o.itemgetter(0, 2)('abc')", "o.itemgetter('a')({'a': 5})", "o.itemgetter()", "o.itemgetter(1)()", "o.itemgetter(1)([1], [2])",
    "o.itemgetter(1, 'a')", "o.itemgetter(1).__reduce__()", "type(o.itemgetter(1))", "o.itemgetter.__module__",
    "o.attrgetter('x')(p)", "o.attrgetter('child.x')(p)", "o.attrgetter('x', 'child.x')(p)", "o.attrgetter('nope')(p)", "o.attrgetter()", "o.attrgetter(1)",
    "o.attrgetter('a.b', 'c')", "o.attrgetter('a.b', 'c').__reduce__()",
    "o.methodcaller('m', 5)(p)", "o.methodcaller('m', 5, b=7)(p)", "o.methodcaller('upper')('abc')", "o.methodcaller()", "o.methodcaller(1)",
    "o.methodcaller('f', 1, k=2)", "o.methodcaller('f', 1).__reduce__()", "o.methodcaller('f', 1, k=2).__reduce__()",
]:
    show(e)

l = [1, 2]
o.setitem(l, 0, 9); o.delitem(l, 1); print(l)
x = [1]; y = o.iadd(x, [2]); print(x, y is x)
print(o.isub(5, 2), o.imul(3, 3), o.ipow(2, 3), o.ior(1, 2), o.iand(3, 1), o.ixor(3, 1), o.ilshift(1, 2), o.irshift(8, 1), o.imod(7, 4), o.ifloordiv(7, 2), o.itruediv(1, 2))
print(sorted([(1, 'b'), (0, 'c'), (2, 'a')], key=o.itemgetter(1)))
