import _codecs
import _struct, binascii, zlib, _random, _md5, _sha1, _sha256, _sha512, _sha3, _blake2
for m in (_codecs, _struct, binascii, zlib, _random, _md5, _sha1, _sha256, _sha512, _sha3, _blake2):
    print(m.__name__, [n for n in dir(m) if not n.startswith("__")])
for t in (_struct.Struct, zlib.compressobj().__class__, zlib.decompressobj().__class__, _random.Random, _md5.md5().__class__, _sha3.sha3_256, _sha3.shake_128, _blake2.blake2b):
    print(t.__name__, sorted(n for n in dir(t) if not n.startswith("__")))
