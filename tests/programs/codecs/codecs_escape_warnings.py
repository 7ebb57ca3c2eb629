# escape_decode / unicode_escape warn (DeprecationWarning) on the first invalid escape.
import codecs, warnings
warnings.simplefilter('always')
def run(f, *a):
    with warnings.catch_warnings(record=True) as w:
        warnings.simplefilter('always')
        try:
            r = f(*a)
        except Exception as e:
            r = (type(e).__name__, str(e))
    print(repr(r), [(x.category.__name__, str(x.message)) for x in w])
for data in [b'\\8', b'\\777', b'\\z', b'\\z\\q', b'\\\xfa', b'\\x41\\400', b'ok', b'\\N']:
    run(codecs.escape_decode, data)
    run(codecs.unicode_escape_decode, data)
    run(codecs.raw_unicode_escape_decode, data)
    run(bytes.decode, data, 'unicode_escape')
with warnings.catch_warnings():
    warnings.simplefilter('error')
    run(bytes.decode, b'\\z', 'unicode_escape')
    run(codecs.escape_decode, b'\\z')
