import _sre
print(_sre.MAGIC, _sre.CODESIZE, _sre.MAXREPEAT, _sre.MAXGROUPS, _sre.getcodesize())
print(_sre.ascii_iscased(ord('a')), _sre.ascii_iscased(ord('1')), _sre.unicode_iscased(0x3a3), _sre.unicode_iscased(0x5d0))
print(_sre.ascii_tolower(ord('Q')), _sre.unicode_tolower(0x130), _sre.unicode_tolower(0x3a3), _sre.unicode_tolower(-1))

def show(m):
    if m is None:
        print(None)
    else:
        print(repr(m), m.span(), m.groups(), m.lastindex)

p = rc(r'a(b+)c')
print(repr(p), p.groups, p.pattern, p.flags)
show(p.match('abbbc'))
show(p.match('xabbbc'))
show(p.search('xabbbcx'))
show(p.fullmatch('abbbcx'))
show(p.fullmatch('abbbc'))
show(p.search('xxabcxx', 3))
show(p.search('xxabcxx', 2, 4))
show(p.search('xxabcxx', 2, 5))
show(p.match('abc', -5, 100))
print(p.findall('abc abbc ac abbbc'))
print([m.span() for m in p.finditer('abc abbc ac abbbc')])

for pat, s in [
    (r'\d+', 'abc 123 def 45'),
    (r'\w+', 'héllo wörld_1'),
    (r'(?a)\w+', 'héllo wörld_1'),
    (r'\s+', 'a \t\n\x1c b'),
    (r'.+', 'ab\ncd'),
    (r'(?s).+', 'ab\ncd'),
    (r'^\w', 'ab\ncd'),
    (r'(?m)^\w', 'ab\ncd'),
    (r'\w$', 'ab\ncd\n'),
    (r'(?m)\w$', 'ab\ncd\n'),
    (r'\w\Z', 'ab\ncd\n'),
    (r'\bcat\b', 'cat concat cat.'),
    (r'\Bcat', 'cat concat cat.'),
    (r'x*', 'axxb'),
    (r'', 'abc'),
    (r'[a-c]+', 'xxabcabdd'),
    (r'[^a-c]+', 'abxyzcd'),
    (r'a|b|cd', 'zcdab'),
    (r'colou?r', 'color colour colouur'),
    (r'a{2,3}', 'aaaa aa a aaaaaaa'),
    (r'a{2,3}?', 'aaaa aa a aaaaaaa'),
    (r'a{3}', 'aaaaaaa'),
    (r'\d{2,}', '1 12 123 1234'),
    (r'(?i)straße', 'STRASSE Straße STRAßE'),
    (r'(?i)[a-z]+', 'Hello WORLD'),
    (r'(?i)é', 'É'),
    (r'\u00e9+', 'ééé'),
    (r'[\u0400-\u04ff]+', 'abc привет def'),
    (r'[^\W\d]+', 'ab12cd_e'),
    (r'\D+', 'ab12cd'),
    (r'\S+', 'ab cd'),
    (r'\W+', 'ab, cd!'),
    (r'[.]', 'a.b'),
    (r'\.', 'a.b'),
    (r'a.c', 'abc a\nc'),
]:
    r = rc(pat)
    print(pat, r.findall(s), [m.span() for m in r.finditer(s)])
