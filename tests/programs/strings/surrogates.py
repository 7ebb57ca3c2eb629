# Lone surrogates in str: literals, chr/ord, comparisons, methods, every codec's error
# handlers (surrogateescape/surrogatepass both ways), repr/ascii, json, re, os.fs*, marshal.
import sys
s = '\ud800'
print(len(s), ascii(s), repr('a\udc80b'), ord(s), hex(ord('\udfff')))
t = chr(0xdc80) + 'x' + chr(0xd83d) + chr(0xde00)
print(len(t), ascii(t), t == '\udc80x\ud83d\ude00', t != '\U0001f600', [hex(ord(c)) for c in t])
print(ascii(t[1:]), ascii(t[::-1]), t.find('x'), t.index('\ud83d'), '\ude00' in t, t.count('\udc80'))
print(sorted(['\ue000', '\ud800', '\uffff', 'z', '\U00010000']) == ['z', '\ud800', '\ue000', '\uffff', '\U00010000'])
print('\ud800' < '\ue000', '\udfff' > '\uffff', max('\ud800', '\U00010000') == '\U00010000')
print(ascii(t.upper()), ascii(t.split('x')), ascii('-'.join([s, s])), ascii(s * 3), ascii(s.replace('\ud800', 'Z')))
print(s.isprintable(), s.isalpha(), s.isidentifier(), hash(s) == hash('\ud800'), {s: 1}['\ud800'])
b = b'abc\xff\xfe'
d = b.decode('utf-8', 'surrogateescape')
print(ascii(d), d.encode('utf-8', 'surrogateescape') == b)
print(ascii(b'\xed\xa0\x80'.decode('utf-8', 'surrogatepass')), '\ud800'.encode('utf-8', 'surrogatepass'))
print('\ud800'.encode('utf-16-le', 'surrogatepass'), '\udc80'.encode('utf-32-be', 'surrogatepass'))
print(ascii(b'\x00\xd8'.decode('utf-16-le', 'surrogatepass')), ascii(b'\x00\x00\xdc\x80'.decode('utf-32-be', 'surrogatepass')))
for enc in ['utf-8', 'utf-16', 'utf-32', 'ascii', 'latin-1']:
    try:
        'a\ud800\udfffb'.encode(enc)
    except UnicodeEncodeError as e:
        print(enc, e, e.start, e.end, ascii(e.object))
for h in ['replace', 'ignore', 'backslashreplace', 'xmlcharrefreplace', 'namereplace', 'surrogateescape']:
    try:
        print(h, 'a\ud800\udcffb'.encode('utf-8', h))
    except UnicodeEncodeError as e:
        print(h, 'error', e)
try:
    b'\xff'.decode('utf-8')
except UnicodeDecodeError as e:
    print(e)
print(ascii(b'a\x80'.decode('ascii', 'surrogateescape')), ascii(b'\x80\x81\x82\x83\x84'.decode('utf-8','surrogateescape')))
import codecs
print(codecs.lookup_error('surrogateescape')(UnicodeDecodeError('utf-8', b'\xff\xfe', 0, 2, 'x')))
print(codecs.lookup_error('surrogatepass')(UnicodeEncodeError('utf-8', '\ud800', 0, 1, 'x')))
print('%c' % 0xd800 == '\ud800', '{:c}'.format(0xdc00) == '\udc00', ascii(f'{s!r}'))
print(ascii('\ud800'.encode('unicode_escape')), ascii(b'\\ud800'.decode('unicode_escape')), ascii(b'+2AA-'.decode('utf-7')), '\udc80'.encode('utf-7'))
import json
print(json.dumps('\ud800'), ascii(json.loads('"\\ud800"')), json.dumps('\ud800', ensure_ascii=False) == '"\ud800"')
import re
print(re.findall('[\ud800-\udfff]', 'a\ud800b\udc00'), re.sub('\udc80', '!', 'x\udc80y'))
import unicodedata
print(unicodedata.category('\ud800'), unicodedata.name('\ud800', 'none'))
import os
print(ascii(os.fsdecode(b'\xff/x')), os.fsencode('\udcff/x'))
try:
    os.fsencode('\ud800')
except UnicodeEncodeError as e:
    print(e)
print(str('\udc80'.encode('utf-8', 'backslashreplace')), '\udc80'.translate({0xdc80: 'Q'}), str.maketrans('\udc80', 'a'))
import marshal
print(ascii(marshal.loads(marshal.dumps('x\ud800y'))), marshal.dumps('\ud800')[1:])
print(ascii(str(b'\xed\xb2\x80', 'utf-8', 'surrogatepass')), ascii('\ud800'.swapcase()), '\ud800'.center(5, '*').count('*'))
print(ascii('%s|%r|%a' % (s, s, s)), ascii('{}{!r}'.format(s, s)), ascii(format(s, '>3')))
