# ISO-2022 escape sequences: literal ESC, unsupported designations, truncation; errors attribute.
import codecs
for b in [b'ab\x1bdef', b'\x1b(Z', b'\x1b$Zab', b'a\x1b', b'\x1b(', b'\x1b.A', b'\x1bN', b'\x1b$(Zx', b'\x1b$', b'\x1b.Ax']:
    for enc in ['iso2022_jp', 'iso2022_kr', 'iso2022_jp_2']:
        try:
            print(enc, b, ascii(b.decode(enc, 'replace')))
        except Exception as e:
            print(enc, b, type(e).__name__, e)
for s in ['\xab', '\xe9']:
    print(s.encode('iso2022_jp_2', 'xmlcharrefreplace'))
e = codecs.getincrementalencoder('iso2022_jp')()
try:
    del e.errors
except AttributeError:
    print('AttributeError')
e.errors = 'replace'
print(e.errors, e.encode('\u20ac'))
try:
    e.errors = 1
except TypeError as ex:
    print(ex)
for b in [b'ab\x1b$def', b'ab\x1b$de', b'ab\x1b$Dxyz', b'ab\x1b$(Dxy', b'ab\x1b(Zcd']:
    for enc in ['iso2022_jp', 'iso2022_kr']:
        print(enc, b, ascii(b.decode(enc, 'replace')))
for b in [b'ab\x1bNdef', b'ab\x1bN', b'\x1b.A\x1bNi\x1bN']:
    print(ascii(b.decode('iso2022_jp_2', 'replace')))
