# IGNORECASE over Unicode: literals, sets, ranges, back-references, and the special folds.
import sys
samples = 'aAzZ\u00e9\u00c9\u00df\u1e9e\u017f\u212a\u0131\u0130iIkKsS\u03a3\u03c3\u03c2\u0345\u03b9\u1fbe\u00b5\u039c\u03bc\u0400\u0450\u10a0\u2d00\U00010400\U00010428\u01c5\u01c4\u01c6'
pats = [r'(?i)a', r'(?i)s', r'(?i)k', r'(?i)i', r'(?i)\u03c3', r'(?i)\u03b9', r'(?i)\u00b5', r'(?i)\u00df',
        r'(?i)[a-z]', r'(?i)[^a-z]', r'(?i)[k-s]', r'(?i)[\u03c3]', r'(?i)[\u0400-\u040f]', r'(?i)[\U00010400-\U0001040f]',
        r'(?i)[\u01c4-\u01c6]', r'(?ia)[a-z]', r'(?ia)k', r'(?i)[^\u03c3]', r'(?i)\u212a', r'(?i)[\u212a]',
        r'(?i)[\w]', r'(?i)[^\W]', r'(?i)\u0130', r'(?i)[\u0130-\u0131]', r'(?i)\U00010400', r'(?i)[\u1e9e]',
        r'(?i)[\u00e0-\u00ff]', r'(?i)[^\u00e0-\u00ff]']
for p in pats:
    r = rc(p)
    print(p, ascii(''.join(r.findall(samples))))
r = rc(r'(?i)(\w+) \1')
for s in ['abc ABC', '\u03c3\u03a3 \u03a3\u03c3', 'stra\u00dfe STRASSE', '\u212a k', 'k K', '\u0131 I', '\u00e9 \u00c9']:
    m = r.match(s)
    print(ascii(s), m and m.span())
print(rc(rb'(?i)[a-z]+').findall(b'aBc\xc9\xe9XyZ'), rc(rb'(?i)(\w)\1').findall(b'aAbB\xe9\xc9'))
print(rc(r'(?i)straße').fullmatch('STRASSE'), rc(r'(?i)ǆ').findall('ǄǅǆDž'))
lower = ''.join(chr(c) for c in range(0x250) if chr(c).isalpha())
print(len(rc(r'(?i)[a-zà-ÿ]').findall(lower)), len(rc(r'(?i)[^a-zà-ÿ]').findall(lower)))
