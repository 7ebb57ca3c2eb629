# Big5-HKSCS: supplementary characters, letter + combining mark pairs (pending in the incremental encoder).
import codecs
for s in ['\xca\u0304', '\xca\u030c', '\xea\u0304x', '\xea', 'a\xca', '\U0002010c', '\xa2\xa3\u2022']:
    b = s.encode('big5hkscs')
    print(ascii(s), b, b.decode('big5hkscs') == s)
e = codecs.getincrementalencoder('big5hkscs')()
print(e.encode('a\xca'), e.getstate(), e.encode('\u0304'), e.encode('\xea'), e.encode('', True))
