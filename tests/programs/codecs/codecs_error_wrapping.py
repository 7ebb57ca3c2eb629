# Errors raised inside codecs are re-raised with the codec name when CPython does so.
import codecs
for args in [(b'\xff', 'utf-8'), (b'zz', 'hex'), (b'x', 'base64'), ('x', 'rot13'), (1, 'utf-8'), (b'abc', 'zlib'), (b'\xff', 'ascii')]:
    try:
        print(codecs.decode(*args))
    except Exception as e:
        print(type(e).__name__, e, type(e.__cause__).__name__)
for args in [('\udc80', 'utf-8'), (1, 'utf-8'), ('x', 'hex'), (b'x', 'rot13')]:
    try:
        print(codecs.encode(*args))
    except Exception as e:
        print(type(e).__name__, e, type(e.__cause__).__name__)
try: b'x'.decode('hex')
except Exception as e: print(type(e).__name__, e, type(e.__cause__).__name__)
