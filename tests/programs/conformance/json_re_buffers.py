import json
import json.decoder
import json.encoder
import re
import sys
import array

a = [object()] * 10
def crasher(obj):
    del a[-1]
print(json.dumps(a, default=crasher))
try:
    json.encoder.c_make_encoder(1, None, None, None, ': ', ', ', False, False, False)
except TypeError as e:
    print(e)
try:
    json.decoder.scanstring(b"xxx", sys.maxsize + 1)
except OverflowError:
    print("OverflowError")
for typecode in 'bBhHiIlLfd':
    arr = array.array(typecode)
    print(re.compile(b"bla").match(arr), re.compile(b"").match(arr).groups())
print(re.search(b"c", array.array('b', b"abcd")).span())
