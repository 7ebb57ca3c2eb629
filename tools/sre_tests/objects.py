import _sre, sys
p1 = rc(r'a+b', 0)
p2 = rc(r'a+b', 0)
p3 = rc(r'a+b', 2)
print(p1 == p2, p1 != p2, p1 == p3, p1 != p3, hash(p1) == hash(p2), p1 == 'a+b')
print({p1: 1}[p2])
print(repr(rc(r'x', 2 | 8)), repr(rc(rb'x', 2)), repr(rc(r'x', 256)), repr(rc(r'(?x) x # c')))
print(repr(rc(r'y' * 300)))
print(repr(rc('\n\t\'"')))
print(type(p1).__name__, type(p1).__module__, type(p1).__qualname__)
m = p1.match('aab')
print(type(m).__name__, type(m).__module__)
sc = p1.scanner('ab')
print(type(sc).__name__, type(sc).__module__)
print(p1.__copy__() is p1, p1.__deepcopy__({}) is p1, m.__copy__() is m, m.__deepcopy__(None) is m)
print(type(p1)[str], type(m)[bytes])
for f in [lambda: type(p1)(), lambda: type(m)(), lambda: type(sc)()]:
    try:
        f()
    except TypeError as e:
        print('TypeError', e)
print(p1.groupindex, rc(r'(?P<k>a)(?P<j>b)').groupindex, type(rc(r'(?P<k>a)').groupindex).__name__)
try:
    rc(r'(?P<k>a)').groupindex['z'] = 1
except TypeError as e:
    print('TypeError', e)
print(repr(rc(r'.*').match('x' * 80)))
print(repr(rc(r'.*').match('é' * 10 + "'")))
print(repr(rc(rb'.*').match(b'\x00\xff"')))
print(m.regs, m.span(), m.start(), m.end())
# raw _sre.compile errors
for args in [
    ('a', 0, (1,), 0, {}, ()),
    ('a', 0, [1.5], 0, {}, ()),
    ('a', 0, [-1], 0, {}, ()),
    ('a', 0, [2**40], 0, {}, ()),
    ('a', 0, [2**70], 0, {}, ()),
    ('a', 0, [1], 0, [], ()),
    ('a', 0, [1], 0, {}, []),
    ('a', 0, [1], -1, {}, ()),
    ('a', 0, [0], 0, {}, ()),
    ('a', 0, [], 0, {}, ()),
    ('a', 0, [17, 5, 1], 1, {}, ()),
    ('a', 0, [17, 0, 1], 1, {}, ()),
    ('a', 0, [15, 2, 1], 0, {}, ()),
    ('a', 0, [16, 97, 99, 1], 0, {}, ()),
    ('a', 0, [13, 3, 16, 97, 0, 1], 0, {}, ()),
    ('a', 0, [13, 4, 16, 97, 0, 1], 0, {}, ()),
    ('a', 0, [7, 4, 16, 97, 15, 2, 0, 1], 0, {}, ()),
    ('a', 0, [11, 0, 1], 0, {}, ()),
    ('a', 0, [24, 6, 0, 1, 16, 97, 1, 1], 0, {}, ()),
    ('a', 0, [24, 6, 2, 1, 16, 97, 1, 1], 0, {}, ()),
    ('a', 0, [6, 12, 1], 0, {}, ()),
    (3, 0, [1], 0, {}, ()),
    (None, 0, [1], 0, {}, ()),
    ('a', 2**40, [1], 0, {}, ()),
    ('a', 0, [1], 2**70, {}, ()),
]:
    try:
        r = _sre.compile(*args)
        print(repr(r), r.match('a'))
    except Exception as e:
        print(type(e).__name__, e)
print(_sre.compile(pattern='x', flags=0, code=[16, 120, 1], groups=0, groupindex={}, indexgroup=()).search('axb'))
for f in (_sre.ascii_iscased, _sre.unicode_iscased, _sre.ascii_tolower, _sre.unicode_tolower):
    for v in (65, 0x10ffff + 5, -3, 2**31, 'a', 1.0):
        try:
            print(f(v), end=' ')
        except Exception as e:
            print(type(e).__name__, e, end='; ')
    print()
