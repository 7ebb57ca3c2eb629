import binascii
import copy
import functools
import pickle

m = memoryview(bytearray(b"noncontig"))[::-2]
try:
    binascii.b2a_hex(m)
except BufferError as e:
    print("BufferError", e)
print(binascii.b2a_hex(memoryview(b"abc")[0:2]))
for d in (list.append, dict.get, str.join, object.__init__, int.__add__):
    r = pickle.loads(pickle.dumps(d))
    print(r is d or r == d, d.__reduce__()[1][1])
def signature(part):
    return (part.func, part.args, part.keywords, part.__dict__)
def capture(*args, **kw):
    return args, kw
f = functools.partial(capture, ["asdf"], bar=[True])
f.attr = []
g = copy.copy(f)
print(g.args is f.args, g.attr is f.attr, g(1))
