p = rc(r'\s*,\s*')
print(p.split('a , b,c ,d'))
print(p.split('a , b,c ,d', 2), p.split('a,b', -1), p.split('', 0))
print(rc(r'(,)').split('a,b,c'))
print(rc(r'(,)|(;)').split('a,b;c'))
print(rc(r'x*').split('axbxxc'))
print(rc(r'').split('abc'))
print(rc(r'\b').split('ab cd'))
print(rc(r'(?m)^').split('a\nb\nc'))
print(rc(r'a').sub('-', 'banana'), rc(r'a').sub('-', 'banana', 2), rc(r'a').subn('-', 'banana'))
print(rc(r'a').sub('-', 'banana', -1), rc(r'z').subn('-', 'banana'))
print(rc(r'x*').sub('-', 'abxd'), rc(r'x*').subn('-', ''))
print(rc(r'').sub('-', 'abc'))
print(rc(r'(\w+)').sub(lambda m: m.group(1).upper(), 'hello big world'))
print(rc(r'\d').sub(lambda m: None, 'a1b2'))
print(rc(r'\d').sub(lambda m: str(int(m.group()) * 2), 'a1b2c9'))
print(rc(r'a').sub('', 'aaa'), repr(rc(r'.').sub('', 'abc')))
try:
    rc(r'\d').sub(lambda m: 5, 'a1')
except TypeError as e:
    print('TypeError', e)
try:
    rc(r'a').sub('x', 5)
except TypeError as e:
    print('TypeError', e)

class S(str):
    pass
r = rc(r'b').sub('x', S('abc'))
print(r, type(r).__name__, type(rc(r'z').sub('x', S('abc'))).__name__)
print(type(rc('a').match(S('abc')).group()).__name__, type(rc('a').match(S('abc')).string).__name__)

# bytes subjects
b = rc(rb'(\w)(\d)')
print(b.findall(b'a1 b2 c'), b.sub(b'<\x00>', b'a1 b2'), b.split(b'xa1yb2z'))
print(rc(rb'a').sub(b'x', bytearray(b'banana')), rc(rb'z').sub(b'x', bytearray(b'abc')))
print(rc(rb'a').sub(b'x', memoryview(b'banana')), rc(rb'an').findall(memoryview(b'banana')))
m = rc(rb'(a)(n)').search(bytearray(b'banana'))
print(repr(m), m.groups(), type(m.group()).__name__, type(m.string).__name__)
m = rc(rb'ana').search(b'banana')
print(repr(m), m.group() is m.string, rc(rb'banana').match(b'banana').group() == b'banana')
print(rc(rb'\w+').findall(b'caf\xe9 ol\xe9'), rc(rb'(?i)\xe9').findall(b'\xc9\xe9'))
print(rc(rb'(?i)[a-z]+').findall(b'Hello WORLD'), rc(rb'\s+').split(b'a \x1c\tb'))
print(rc(rb'(?L)\w+').findall(b'ab_1 \xe9'), rc(rb'(?iL)A').findall(b'aA'))
try:
    rc(r'a').match(b'a')
except TypeError as e:
    print('TypeError', e)
try:
    rc(rb'a').match('a')
except TypeError as e:
    print('TypeError', e)
try:
    rc(rb'a').sub('x', b'abc')
except TypeError as e:
    print('TypeError', e)
print(rc(rb'a').sub(bytearray(b'x'), b'abc'), rc(rb'a').sub(memoryview(b'yy'), b'abca'))

# scanner
s = rc(r'\d+|(?P<w>[a-z]+)').scanner('ab 12 cd')
print(s.pattern.pattern, repr(s.match()), repr(s.match()), repr(s.search()), repr(s.search()), repr(s.search()), s.search())
sc = rc(r'x*').scanner('axx')
print([repr(sc.search()) for _ in range(5)])
sc = rc(r'a').scanner('aab', 1)
print(repr(sc.match()), repr(sc.match()), repr(sc.match()))
it = rc(r'a').finditer('banana', 2, 5)
print(type(it).__name__, [m.span() for m in it])
print(rc('a').findall('aaaa', 1, 3), rc('a').findall('aaaa', 3, 1), rc('').findall('ab', 5))
