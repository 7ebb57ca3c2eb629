# The re package over _sre: templates, expand, Scanner, flags, errors, caching.
import re

print(re.sub(r'(?P<first>\w+) (?P<last>\w+)', r'\g<last>, \g<first> (\g<0>) \2\1', 'Jane Doe'))
print(re.sub(r'(a)(b)?', r'[\1|\2]', 'ab a'), re.subn(r'x', r'\n', 'axbx'))
print(re.sub(rb'(\w)', rb'<\1>', b'ab'), re.sub(r'', r'-\g<0>-', 'ab'))
m = re.search(r'(?P<n>\d+)-(\d+)', 'tel 12-34')
print(m.expand(r'\2/\1/\g<n>'), m.expand(b'x' and r'\g<2>'))
for bad in [r'\3', r'\g<x>', r'\g<1', '\\']:
    try:
        re.sub(r'(a)', bad, 'a')
    except (re.error, IndexError) as e:
        print(type(e).__name__, e)
print(re.sub('a', lambda m: m.group().upper() * 2, 'banana', count=2))
print(re.split(r'\W+', 'Words, words, words.'), re.split(r'(\W+)', 'Words, words.', maxsplit=1))
print(re.findall(r'(\w+)=(\d+)', 'a=1 b=22 c=x'), re.fullmatch(r'[a-z]+', 'abc').span())
print([m.group() for m in re.finditer(r'\d+', '1 22 333')])

scanner = re.Scanner([
    (r'[a-zA-Z_]\w*', lambda s, t: ('ID', t)),
    (r'\d+', lambda s, t: ('NUM', int(t))),
    (r'[=+*-]', lambda s, t: ('OP', t)),
    (r'\s+', None),
])
print(scanner.scan('x = 3 + foo*42 ?'))

print(re.compile(r'(?i)abc').flags & re.I != 0, re.I | re.M, repr(re.I | re.S))
print(re.compile('a', re.X) is re.compile('a', re.X), re.compile(re.compile('q')).pattern)
print(re.escape('a.b*c?d(e)f[g]h{i}j|k^l$m\\n'), re.escape(b'a.b'))
for bad in ['(', 'a)', '[a', 'a{2,1}', '(?P<1>a)', '*', r'\x', '(?<=a+)b', '(?P=nope)']:
    try:
        re.compile(bad)
    except re.error as e:
        print('error:', e.msg, '|', e.pos, '|', e)
try:
    re.compile('a', re.T)
except Exception as e:
    print(type(e).__name__)
print(re.match(r'(?x) a  b # comment', 'ab').group(), re.match(r'(?s)a.b', 'a\nb') is not None)
print(re.search(r'^b', 'a\nb', re.M).span(), re.findall(r'(?m)^\w', 'ab\ncd\nef'))
print(re.match(r'(\d+)(?:\.(\d+))?', '3.14').groups(), re.match(r'(\d+)(?:\.(\d+))?', '3').groups(default='0'))
p = re.compile(r'(?P<word>\b\w+\b)')
print(p.groupindex['word'], p.groups, p.sub(lambda m: m['word'][::-1], 'hello world'))
print(re.sub(r'(?<=\d)(?=(\d{3})+$)', ',', '1234567'), re.findall(r'(?<!\$)\b\d+', '$10 20'))
print(re.purge(), hasattr(re, 'template'))
print(type(re.compile('x')).__name__, re.Pattern, re.Match, isinstance(re.match('x', 'x'), re.Match))
