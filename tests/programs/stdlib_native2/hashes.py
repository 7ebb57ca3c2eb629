import _md5
import _sha1
import _sha256
import _sha512
import _sha3
import _blake2


def t(label, f):
    try:
        r = f()
        print(label, repr(r))
    except Exception as e:
        print(label, type(e).__name__, e)


ctors = [_md5.md5, _sha1.sha1, _sha256.sha224, _sha256.sha256, _sha512.sha384, _sha512.sha512,
         _sha3.sha3_224, _sha3.sha3_256, _sha3.sha3_384, _sha3.sha3_512, _blake2.blake2b, _blake2.blake2s]
datas = [b"", b"abc", b"x" * 200, bytes(range(256)) * 3]
for c in ctors:
    h = c()
    print(h.name, h.digest_size, h.block_size, type(h).__name__, type(h).__module__)
    for d in datas:
        h = c(d)
        print("  ", h.hexdigest())
        h2 = c()
        for i in range(0, len(d), 7):
            h2.update(d[i:i + 7])
        print("  ", h2.digest() == h.digest())
    h = c(b"abc")
    cp = h.copy()
    cp.update(b"def")
    print("  copy", h.hexdigest() == c(b"abc").hexdigest(), cp.hexdigest() == c(b"abcdef").hexdigest())
    t("  str", lambda: c("abc"))
    t("  int", lambda: c(5))
    t("  upd str", lambda: c().update("x"))
    t("  bytearray", lambda: c(bytearray(b"abc")).hexdigest() == c(b"abc").hexdigest())
    t("  memoryview", lambda: c(memoryview(b"abc")).hexdigest() == c(b"abc").hexdigest())

t("md5 kw", lambda: _md5.md5(string=b"a").hexdigest())
t("md5 ufs", lambda: _md5.md5(b"a", usedforsecurity=False).hexdigest())
print(_md5.MD5Type, _sha1.SHA1Type, _sha256.SHA224Type, _sha256.SHA256Type, hasattr(_sha512, 'SHA512Type'))
for c in (_sha3.shake_128, _sha3.shake_256):
    h = c(b"abc")
    print(h.name, h.digest_size, h.block_size, h._suffix, h._rate_bits, h._capacity_bits)
    print("  ", h.hexdigest(0), h.hexdigest(10), h.digest(40).hex(), h.copy().hexdigest(5))
    t("  neg", lambda: h.digest(-1))
    t("  big", lambda: h.digest(2**40))
s3 = _sha3.sha3_256()
print(s3._suffix, s3._rate_bits, s3._capacity_bits)

B, S = _blake2.blake2b, _blake2.blake2s
print(B(b"abc", digest_size=20, key=b"k", salt=b"s", person=b"p", fanout=2, depth=3, leaf_size=4,
        node_offset=5, node_depth=6, inner_size=7, last_node=True).hexdigest())
print(S(b"abc", digest_size=20, key=b"k", salt=b"s", person=b"p", fanout=2, depth=3, leaf_size=4,
        node_offset=5, node_depth=6, inner_size=7, last_node=True).hexdigest())
print(B(b"x" * 300, key=b"K" * 64).hexdigest())
print(S(b"x" * 300, key=b"K" * 32, digest_size=16).hexdigest(), S(digest_size=16).digest_size)
print(B(key=b"k").hexdigest(), S(key=b"k").hexdigest())
print(B(b"y" * 128).hexdigest(), S(b"y" * 64).hexdigest())
for kw in [dict(digest_size=0), dict(digest_size=65), dict(key=b"x" * 65), dict(salt=b"x" * 17),
           dict(person=b"x" * 17), dict(fanout=256), dict(fanout=-1), dict(depth=0),
           dict(leaf_size=-1), dict(leaf_size=2**32), dict(node_offset=-1), dict(node_offset=2**64),
           dict(node_depth=256), dict(inner_size=65), dict(key="x")]:
    t("blake2b %r" % kw, lambda: B(**kw))
t("blake2s off", lambda: S(node_offset=2**48))
t("blake2s salt", lambda: S(salt=b"x" * 9))


try:
    class MyB(_blake2.blake2b):
        pass
except TypeError as e:
    print("not subclassable", 'acceptable base type' in str(e))


try:
    class My3(_sha3.sha3_256):
        pass
except TypeError as e:
    print("not subclassable", 'acceptable base type' in str(e))
print(_blake2.BLAKE2B_MAX_DIGEST_SIZE, _blake2.BLAKE2S_SALT_SIZE, _blake2.BLAKE2S_PERSON_SIZE)
